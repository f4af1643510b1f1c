"""The trs, metinfo, pboot and wp demo sites agree with their truth files.

Loader level: site.json / truth.json are valid and consistent, every page parses with lxml.html.
Over HTTP (the demo server on 127.0.0.1, no redirects followed): every truth path answers as described,
each article's title and body lines are in the decoded page text (multi-page articles: in one of their
pages), images and attachments are served, and robots.txt forbids every `disallowed` path.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from protego import Protego

from assoc_crawler.demo import server as server_module

SITES_DIR = Path(__file__).resolve().parents[2] / "assoc_crawler" / "demo" / "sites"
SITES = ["trs", "metinfo", "pboot", "wp"]
TEXT_SUFFIXES = (".html", ".htm", ".php")
PAGER_CALL = re.compile(r'createPageHTML\(\s*(\d+)\s*,\s*\d+\s*,\s*"([^"]+)"\s*,\s*"([^"]+)"\s*\)')
META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)
TRACKING = re.compile(r"^(utm_\w+|from|isappinstalled)=", re.I)
ARTICLE_KEYS = {"path", "aliases", "title", "published_at", "source", "author", "editor", "category", "body",
                "images", "attachments", "pages", "listings"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\+08:00)?$")


def _load(site: str, name: str) -> dict:
    return json.loads((SITES_DIR / site / name).read_text(encoding="utf-8"))


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _html_files(site: str) -> list[Path]:
    www = SITES_DIR / site / "www"
    return sorted(p for p in www.rglob("*") if p.is_file() and p.name.split("@")[0].endswith(TEXT_SUFFIXES))


# ----------------------------------------------------------------------------------------- loader level
@pytest.mark.parametrize("site", SITES)
def test_site_files_are_consistent(site):
    config = _load(site, "site.json")
    truth = _load(site, "truth.json")
    assert config["name"] == truth["site"] == site
    assert config["encoding"] in ("utf-8", "gbk")
    assert set(config) >= {"title", "cms", "header_charset", "routes"}
    for path, route in config["routes"].items():
        assert path.startswith("/"), path
        if "file" in route or "raw_file" in route:
            assert (SITES_DIR / site / route.get("file", route.get("raw_file"))).is_file(), path
    assert truth["start_path"] == "/"
    assert 5 <= len(truth["articles"]) <= 8
    paths = [a["path"] for a in truth["articles"]]
    assert len(set(paths)) == len(paths)
    for art in truth["articles"]:
        assert set(art) == ARTICLE_KEYS, art["path"]
        assert DATE.match(art["published_at"]), art["published_at"]
        assert art["title"] and art["category"] and art["body"]
        assert all(line == _collapse(line.replace("\t", "\u0001")).replace("\u0001", "\t") for line in art["body"])
        assert 300 <= sum(len(line) for line in art["body"]) <= 1500, art["path"]
        for block in art["listings"]:
            assert block["kind"] in ("recommended", "hot", "related") and block["count"] >= 1
        for alias in art["aliases"]:
            assert config["routes"][alias]["location"] == art["path"]
    for err in truth["errors"]:
        assert err["status"] >= 400
    assert set(paths).isdisjoint(truth["not_articles"])


@pytest.mark.parametrize("site", SITES)
def test_pages_parse_and_declare_their_charset(site):
    config = _load(site, "site.json")
    files = _html_files(site)
    assert files
    for file in files:
        text = file.read_text(encoding="utf-8")
        text.encode(config["encoding"])  # survives the re-encoding on the wire without character references
        doc = lxml.html.document_fromstring(text)
        assert doc.find("body") is not None, file
        if config["encoding"] == "gbk" and file.name != "404.html":
            assert "charset=gb2312" in text, file


# ------------------------------------------------------------------------------------------ over HTTP


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # keep 3xx answers visible
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with _OPENER.open(url, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, dict(exc.headers), exc.read()


def _decode(headers: dict[str, str], body: bytes) -> str:
    ctype = headers.get("Content-Type", "")
    charset = ctype.split("charset=", 1)[1].strip() if "charset=" in ctype else None
    if charset is None:
        found = META_CHARSET.search(body[:2048])
        charset = found.group(1).decode("ascii") if found else "utf-8"
    if charset.lower() in ("gb2312", "gbk"):
        charset = "gb18030"
    return body.decode(charset)


def _page_text(html: str) -> str:
    doc = lxml.html.document_fromstring(html)
    for bad in doc.xpath("//script|//style"):
        bad.drop_tree()
    return _collapse(doc.text_content())


def _continuations(base: str, path: str, html: str) -> list[str]:
    """Paths of an article's further pages: links (or TRS script pagers) that extend its own path."""
    stem = path[:-5] if path.endswith(".html") else path
    hrefs = [a.get("href") for a in lxml.html.document_fromstring(html).xpath("//a[@href]")]
    for count, name, ext in PAGER_CALL.findall(html):
        hrefs += [f"{name}_{i}.{ext}" for i in range(1, int(count))]
    found = []
    for href in hrefs:
        target = urlsplit(urljoin(base + path, href))
        if target.netloc == urlsplit(base).netloc and target.path != path and target.path.startswith(stem):
            if re.fullmatch(r"(_\d+\.html|\d+/)", target.path[len(stem):]) and target.path not in found:
                found.append(target.path)
    return found


@pytest.fixture(scope="module")
def served():
    server = server_module.DemoServer(sites=SITES).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.parametrize("site", SITES)
def test_truth_paths_answer_as_described(site, served):
    base = served.sites[site].base_url
    config = _load(site, "site.json")
    truth = _load(site, "truth.json")
    for art in truth["articles"]:
        status, headers, body = _get(base + art["path"])
        assert status == 200, art["path"]
        assert headers["Content-Type"].startswith("text/html")
        if config["header_charset"]:
            assert headers["Content-Type"].endswith("charset=" + config["header_charset"])
        else:
            assert "charset" not in headers["Content-Type"]
        html = _decode(headers, body)
        texts = [_page_text(html)]
        more = _continuations(base, art["path"], html)
        assert len(more) == art["pages"] - 1, (art["path"], more)
        for extra in more:
            status, extra_headers, extra_body = _get(base + extra)
            assert status == 200, extra
            texts.append(_page_text(_decode(extra_headers, extra_body)))
        assert all(art["title"] in text for text in texts), art["path"]
        for line in art["body"]:
            cells = line.split("\t")
            assert any(all(cell in text for cell in cells) for text in texts), (art["path"], line)
        for image in art["images"]:
            status, headers, _ = _get(base + image["path"])
            assert status == 200 and headers["Content-Type"].startswith("image/"), image["path"]
        for attachment in art["attachments"]:
            status, headers, _ = _get(base + attachment["path"])
            assert status == 200 and not headers["Content-Type"].startswith("text/"), attachment["path"]
        for alias in art["aliases"]:
            status, headers, _ = _get(base + alias)
            assert status in (301, 302) and urljoin(base + alias, headers["Location"]) == base + art["path"]
    for path in truth["not_articles"]:
        status, headers, _ = _get(base + path)
        assert status == 200 and headers["Content-Type"].startswith("text/html"), path
    for err in truth["errors"]:
        assert _get(base + err["path"])[0] == err["status"], err["path"]
    articles = {a["path"] for a in truth["articles"]}
    for variant in truth["variants"]:
        path, _, query = variant.partition("?")
        kept = "&".join(p for p in query.split("&") if p and not TRACKING.match(p))
        canonical = path + ("?" + kept if kept else "")
        assert canonical in articles, variant
        status, _, body = _get(base + variant)
        assert status == 200 and body == _get(base + canonical)[2], variant


@pytest.mark.parametrize("site", SITES)
def test_robots_forbids_the_disallowed_paths(site, served):
    base = served.sites[site].base_url
    truth = _load(site, "truth.json")
    status, _, body = _get(base + "/robots.txt")
    assert status == 200
    robots = Protego.parse(body.decode("utf-8"))
    assert truth["disallowed"]
    for path in truth["disallowed"]:
        assert not robots.can_fetch(base + path, "assoc-crawler"), path
        tail = path.rsplit("/", 1)[-1] or path.rstrip("/").rsplit("/", 1)[-1] + "/"
        pages = [f.read_text(encoding="utf-8") for f in _html_files(site)]
        linked = any(tail in page or tail.replace("&", "&amp;") in page for page in pages)
        assert linked, f"{path} is not linked from any page"
    for art in truth["articles"]:
        assert robots.can_fetch(base + art["path"], "assoc-crawler"), art["path"]
