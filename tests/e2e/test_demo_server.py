"""The offline demo server and the sample sites recycle, empire and phpcms, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import urllib.robotparser
from email.message import Message
from pathlib import Path

import lxml.html
import pytest

from assoc_crawler.demo.server import SITES_DIR, DemoServer, DemoSite, available_sites, load_truth

MY_SITES = ["recycle", "empire", "phpcms"]
REPO = Path(__file__).resolve().parents[2]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect)


def fetch(site: DemoSite, path: str, headers: dict[str, str] | None = None, timeout: float = 5.0,
          method: str = "GET") -> tuple[int, Message, bytes]:
    """GET (or ``method``) ``path`` without following redirects: (status, headers, body)."""
    request = urllib.request.Request(site.url(path), headers=headers or {}, method=method)
    try:
        with OPENER.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.headers, err.read()


def page_text(body: bytes, encoding: str) -> str:
    """The whitespace-normalised text of an HTML page (title and body)."""
    doc = lxml.html.document_fromstring(body.decode(encoding))
    for element in doc.iter("td", "th", "br", "p", "li"):
        element.tail = " " + (element.tail or "")  # cells and blocks are separate words
    return " ".join(doc.text_content().split())


def norm(text: str) -> str:
    return " ".join(text.split())


def sub_pages(truth: dict, article: dict) -> list[str]:
    """Paths of pages 2..n of a multi-page article (they are listed among not_articles)."""
    stem = article["path"].rsplit(".", 1)[0]
    return sorted((p for p in truth["not_articles"] if p.startswith(stem + "_")),
                  key=lambda p: int(p.rsplit("_", 1)[1].split(".")[0]))


@pytest.fixture(scope="module")
def server():
    srv = DemoServer(MY_SITES).start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def truths() -> dict[str, dict]:
    return {name: load_truth(name) for name in MY_SITES}


# ------------------------------------------------------------------------------------------ contract
def test_sites_are_available_and_follow_the_contract(truths):
    assert set(MY_SITES) <= set(available_sites())
    for name in MY_SITES:
        config = json.loads((SITES_DIR / name / "site.json").read_text(encoding="utf-8"))
        assert config["name"] == name and config["title"] and config["cms"]
        assert set(config) >= {"encoding", "header_charset", "routes"}
        assert (SITES_DIR / name / "www" / "robots.txt").is_file()
        truth = truths[name]
        assert truth["site"] == name and truth["start_path"] == "/"
        assert truth["articles"] and truth["not_articles"] and truth["disallowed"]
        for article in truth["articles"]:
            assert set(article) >= {"path", "aliases", "title", "published_at", "source", "author", "editor",
                                    "category", "body", "images", "attachments", "pages", "listings"}
            for listing in article["listings"]:
                assert listing["kind"] in ("recommended", "hot", "related")
                assert listing["count"] >= 1 and listing["first"]["path"]
    assert truths["recycle"]["articles"][0]["path"].startswith("/a/")


def test_pages_are_complete_documents_declaring_their_charset():
    declared = {"recycle": "charset=gb2312", "empire": '<meta charset="utf-8">', "phpcms": "charset=gbk"}
    for name in MY_SITES:
        config = json.loads((SITES_DIR / name / "site.json").read_text(encoding="utf-8"))
        files = [p for p in (SITES_DIR / name / "www").rglob("*")
                 if p.is_file() and Path(p.name.split("@")[0]).suffix in (".html", ".htm", ".php")]
        assert len(files) >= 10
        for file in files:
            text = file.read_text(encoding="utf-8")
            text.encode(config["encoding"])  # no character references needed on the wire
            doc = lxml.html.document_fromstring(text)
            assert doc.find("head/title") is not None and doc.find("body") is not None, file
            assert declared[name] in text, file
        for path, route in config["routes"].items():
            assert path.startswith("/")
            for key in ("file", "raw_file"):
                if key in route:
                    assert (SITES_DIR / name / route[key]).is_file(), path


def test_unknown_site_is_rejected():
    with pytest.raises(ValueError):
        DemoServer(["no-such-site"])


# ------------------------------------------------------------------------------------ encodings
def test_gbk_site_sends_gbk_bytes_with_gb2312_header(server, truths):
    site = server["recycle"]
    article = next(a for a in truths["recycle"]["articles"] if a["path"].endswith("/1234.html"))
    status, headers, body = fetch(site, article["path"])
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=gb2312"
    assert int(headers["Content-Length"]) == len(body)
    assert headers["Last-Modified"] and headers["ETag"]
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text = body.decode("gbk")
    assert 'content="text/html; charset=gb2312"' in text
    assert article["title"] == "中铝集团和魏桥集团联合发布《加快铝工业绿色低碳发展联合倡议书》"
    assert article["title"] in text and "资讯来源:</small>中国有色金属报" in text
    assert "(责任编辑:再生分会)" in text and "2021-01-15 10:20" in text


def test_phpcms_header_lies_about_the_charset(server):
    status, headers, body = fetch(server["phpcms"], "/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=iso-8859-1"
    text = body.decode("gbk")
    assert "charset=gbk" in text and "中国再生钢铁原料产业协会" in text


def test_empire_is_utf8_without_header_charset(server):
    status, headers, body = fetch(server["empire"], "/")
    assert status == 200
    assert headers["Content-Type"] == "text/html"
    assert '<meta charset="utf-8">' in body.decode("utf-8")


# ------------------------------------------------------------------------------------------ paths
def test_query_files_and_query_stripping(server):
    recycle = server["recycle"]
    _, _, first = fetch(recycle, "/plus/list.php?tid=5")
    status, _, second = fetch(recycle, "/plus/list.php?tid=5&TotalResult=4&PageNo=2")
    assert status == 200 and first != second
    assert "再生铜铝原料国家标准常见问题解答" in second.decode("gbk")
    _, _, plain = fetch(recycle, "/a/hyzx/20210115/1234.html")
    status, _, tracked = fetch(recycle, "/a/hyzx/20210115/1234.html?utm_source=x&from=timeline")
    assert status == 200 and tracked == plain
    # a dynamic page with a tracking parameter appended still maps to its query file
    phpcms = server["phpcms"]
    path = "/index.php?m=content&c=index&a=show&catid=8&id=72"
    _, _, clean = fetch(phpcms, path)
    status, _, variant = fetch(phpcms, path + "&from=timeline&isappinstalled=0")
    assert status == 200 and variant == clean
    # an unknown query on a real file serves the bare file, as PHP front controllers do
    _, _, home = fetch(phpcms, "/index.php")
    assert fetch(phpcms, "/index.php?m=content&c=index&a=show&catid=6&id=9999")[2] == home
    # the search page behind robots.txt, requested with a GBK-percent-encoded query
    status, _, _ = fetch(recycle, "/plus/search.php?kwtype=0&q=%D4%D9%C9%FA%C2%C1")
    assert status == 200
    assert recycle.requests[-1].path == "/plus/search.php?kwtype=0&q=再生铝"


def test_directories_redirect_and_serve_their_index(server):
    site = server["recycle"]
    status, headers, _ = fetch(site, "/a/hyzx")
    assert status == 301 and headers["Location"] == "/a/hyzx/"
    assert fetch(site, "/a/hyzx/")[2] == fetch(site, "/a/hyzx/list_3_1.html")[2]


def test_redirect_aliases(server, truths):
    seen = 0
    for name in MY_SITES:
        for article in truths[name]["articles"]:
            for alias in article["aliases"]:
                status, headers, _ = fetch(server[name], alias)
                assert status in (301, 302), alias
                assert headers["Location"] == article["path"]
                seen += 1
    assert seen >= 3


def test_error_statuses_and_unknown_paths(server, truths):
    for name in MY_SITES:
        for error in truths[name]["errors"]:
            if error["status"] is None:
                continue  # the delay route, see test_delay_does_not_block_other_requests
            status, headers, body = fetch(server[name], error["path"])
            assert status == error["status"], error
            if error.get("error") == "non_html":  # a 200 whose type is not HTML: recorded as an error by a crawl
                assert not headers["Content-Type"].startswith("text/html") and body
                continue
            assert headers["Content-Type"].startswith("text/html") and body
    status, headers, body = fetch(server["empire"], "/no/such/page.html")
    assert status == 404 and b"Not Found" in body
    status, _, body = fetch(server["recycle"], "/no/such/page.html")
    assert status == 404 and "页面不存在" in body.decode("gbk")  # the site's own 404.html


def test_conditional_requests_and_head(server):
    site = server["empire"]
    path = "/news/hydt/2022-03-08/123.html"
    status, headers, body = fetch(site, path)
    assert status == 200
    etag, modified = headers["ETag"], headers["Last-Modified"]
    status, headers304, body304 = fetch(site, path, {"If-None-Match": etag})
    assert status == 304 and body304 == b"" and headers304["ETag"] == etag
    assert fetch(site, path, {"If-Modified-Since": modified})[0] == 304
    assert fetch(site, path, {"If-None-Match": '"stale"'})[0] == 200
    assert fetch(site, path, {"If-None-Match": '"stale"', "If-Modified-Since": modified})[0] == 200
    status, head_headers, head_body = fetch(site, path, method="HEAD")
    assert status == 200 and head_body == b"" and int(head_headers["Content-Length"]) == len(body)
    # images and attachments are static files too
    status, headers, data = fetch(server["recycle"], "/uploads/soft/210115/倡议书.pdf")
    assert status == 200 and headers["Content-Type"] == "application/pdf" and data.startswith(b"%PDF-")
    assert fetch(server["recycle"], "/uploads/soft/210115/倡议书.pdf", {"If-None-Match": headers["ETag"]})[0] == 304


# ------------------------------------------------------------------------------------------ robots
def test_robots_forbid_the_disallowed_links_only(server, truths):
    for name in MY_SITES:
        site, truth = server[name], truths[name]
        status, headers, body = fetch(site, "/robots.txt")
        assert status == 200 and headers["Content-Type"] == "text/plain"
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(body.decode("ascii").splitlines())
        for path in truth["disallowed"]:
            assert not parser.can_fetch("assoc-crawler", site.url(path)), path
        allowed = ([a["path"] for a in truth["articles"]] + truth["not_articles"] + truth.get("site_pages", [])
                   + truth["variants"])
        for path in allowed:
            assert parser.can_fetch("assoc-crawler", site.url(path)), path
        # the pages behind the rules exist: a crawler ignoring robots.txt would find them
        assert fetch(site, truth["disallowed"][0])[0] == 200


# ------------------------------------------------------------------------------------ truth paths
def test_every_truth_path_answers_as_described(server, truths):
    for name in MY_SITES:
        site, truth = server[name], truths[name]
        bodies = {}
        for article in truth["articles"]:
            status, headers, body = fetch(site, article["path"])
            assert status == 200 and headers["Content-Type"].startswith("text/html"), article["path"]
            bodies[article["path"]] = body
        for path in truth["not_articles"]:
            status, headers, _ = fetch(site, path)
            assert status == 200 and headers["Content-Type"].startswith("text/html"), path
        for path in truth["variants"]:
            status, _, body = fetch(site, path)
            target = path.split("#")[0].split("?")[0]
            assert status == 200 and body == bodies[target], path
        for article in truth["articles"]:
            for item in article["images"] + article["attachments"]:
                status, headers, data = fetch(site, item["path"])
                assert status == 200 and data, item
                assert headers["Content-Type"].split("/")[0] in ("image", "application"), item
            for listing in article["listings"]:
                assert listing["first"]["path"] in bodies


def test_malformed_and_binary_pages_are_served_raw(server):
    site = server["phpcms"]
    status, headers, body = fetch(site, "/html/hyml/index.html")
    raw = (SITES_DIR / "phpcms" / "raw" / "hyml.html").read_bytes()
    assert status == 200 and body == raw and b"\x00" in body
    assert headers["Content-Type"] == "text/html; charset=iso-8859-1"
    assert body.index(b"</html>") < len(body) - 200
    status, headers, body = fetch(site, "/index.php?m=content&c=down&a=init&catid=9&id=12")
    assert status == 200 and headers["Content-Type"].startswith("text/html") and body.startswith(b"PK")


def test_article_texts_appear_in_their_pages(server, truths):
    for name in MY_SITES:
        site, truth = server[name], truths[name]
        for article in truth["articles"]:
            paths = [article["path"], *sub_pages(truth, article)]
            assert len(paths) == article["pages"], article["path"]
            texts = []
            for path in paths:
                status, _, body = fetch(site, path)
                assert status == 200
                texts.append(page_text(body, site.encoding))
            assert norm(article["title"]) in texts[0]
            assert article["published_at"][:10] in texts[0]
            if "T" in article["published_at"]:
                assert article["published_at"][11:16] in texts[0]
            for value in (article["source"], article["author"], article["editor"], article["category"]):
                if value:
                    assert any(value in text for text in texts), (article["path"], value)
            position = 0
            joined = " | ".join(texts)
            for line in article["body"]:
                wanted = norm(line.replace("\t", " "))
                found = joined.find(wanted, position)
                assert found >= 0, (article["path"], line)
                position = found + len(wanted)  # body lines appear in order
    multi = [a for name in MY_SITES for a in truths[name]["articles"] if a["pages"] > 1]
    assert {a["pages"] for a in multi} >= {2, 3}


# ------------------------------------------------------------------------------------ server behaviour
def test_delay_does_not_block_other_requests(server, truths):
    site = server["empire"]
    slow = next(e for e in truths["empire"]["errors"] if e["status"] is None)
    assert site.routes[slow["path"]]["delay"] == slow["delay"] == 10
    outcome: dict[str, object] = {}

    def slow_client() -> None:
        try:
            outcome["result"] = fetch(site, slow["path"], timeout=1.5)
        except (TimeoutError, urllib.error.URLError) as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=slow_client)
    thread.start()
    deadline = time.monotonic() + 3
    while slow["path"] not in site.requested_paths() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert slow["path"] in site.requested_paths()
    status, _, body = fetch(site, "/about/", timeout=5)
    assert status == 200 and body
    assert thread.is_alive() or "error" in outcome  # the slow request had not been answered
    thread.join(timeout=10)
    assert "error" in outcome and "result" not in outcome


def test_request_log_records_requests(server):
    site = server["recycle"]
    fetch(site, "/a/about/?from=nav", {"User-Agent": "demo-test/1.0", "X-Probe": "1"})
    entry = site.requests[-1]
    assert entry.method == "GET" and entry.path == "/a/about/?from=nav" and entry.status == 200
    assert entry.headers["User-Agent"] == "demo-test/1.0" and entry.headers["X-Probe"] == "1"
    assert entry.time > 0 and entry.raw_path == "/a/about/?from=nav"


def test_odd_requests_never_crash_the_server(server):
    site = server["empire"]
    with socket.create_connection((site.host, site.port), timeout=5) as sock:
        sock.sendall(b"GARBAGE\r\n\r\n")
        sock.recv(4096)
    with socket.create_connection((site.host, site.port), timeout=5) as sock:
        sock.sendall(b"GET /../site.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert sock.recv(4096).startswith(b"HTTP/1.1 404")
    with socket.create_connection((site.host, site.port), timeout=5) as sock:
        sock.sendall(b"GET http://example.org/about/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")
    assert fetch(site, "/%00%ff/x%zz.html")[0] == 404
    assert fetch(site, "/about/", method="POST")[0] == 405
    assert fetch(site, "/")[0] == 200


def test_route_kinds_on_a_temporary_site(tmp_path):
    site_dir = tmp_path / "mini"
    (site_dir / "www" / "docs").mkdir(parents=True)
    (site_dir / "files").mkdir()
    routes = {
        "/report.pdf": {"content_type": "application/pdf", "file": "files/r.pdf"},
        "/page.html": {"content_type": "text/html", "file": "files/page.html"},
        "/broken.html": {"raw_file": "files/broken.bin", "content_type": "text/html"},
        "/busy.html": {"status": 503},
        "/moved?id=1": {"status": 302, "location": "/docs/"},
    }
    config = {"name": "mini", "title": "迷你", "cms": "test", "encoding": "gbk", "header_charset": None,
              "routes": routes}
    (site_dir / "site.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    (site_dir / "files" / "r.pdf").write_bytes(b"%PDF-1.4 tiny")
    (site_dir / "files" / "page.html").write_text("<p>铝 😀</p>", encoding="utf-8")
    (site_dir / "files" / "broken.bin").write_bytes(b"<p>\x00\xff\xfe")
    (site_dir / "www" / "docs" / "index.htm").write_text("<p>文档</p>", encoding="utf-8")
    (site_dir / "www" / "s.php@q=铝").write_text("<p>搜索：铝</p>", encoding="utf-8")
    with DemoServer(["mini"], sites_dir=tmp_path) as srv:
        site = srv["mini"]
        status, headers, body = fetch(site, "/report.pdf")
        assert (status, headers["Content-Type"], body) == (200, "application/pdf", b"%PDF-1.4 tiny")
        status, headers, body = fetch(site, "/page.html")
        assert headers["Content-Type"] == "text/html" and body == "<p>铝 &#128512;</p>".encode("gbk")
        assert fetch(site, "/broken.html")[2] == b"<p>\x00\xff\xfe"
        assert fetch(site, "/busy.html")[0] == 503
        status, headers, _ = fetch(site, "/moved?id=1")
        assert status == 302 and headers["Location"] == "/docs/"
        assert fetch(site, "/docs/")[2] == "<p>文档</p>".encode("gbk")
        assert fetch(site, "/s.php?q=%C2%C1")[2] == "<p>搜索：铝</p>".encode("gbk")  # GBK-encoded query
        assert fetch(site, "/s.php?q=铝")[2] == "<p>搜索：铝</p>".encode("gbk")  # UTF-8-encoded query
        assert fetch(site, "/s.php")[0] == 404
    assert site._httpd is None


def test_command_line_serves_until_interrupted():
    proc = subprocess.Popen([sys.executable, "-m", "assoc_crawler.demo.server", "empire"], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().split()
        assert line[0] == "empire" and line[1].startswith("http://127.0.0.1:")
        with OPENER.open(line[1] + "/robots.txt", timeout=5) as response:
            assert b"Disallow: /e/" in response.read()
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0 and err == ""
