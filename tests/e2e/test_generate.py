"""The generator of static association sites (assoc_crawler.demo.generate), served by DemoSite on 127.0.0.1."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime
from email.message import Message
from pathlib import Path

import lxml.html
import pytest
from conftest import wait_until

from assoc_crawler.demo.generate import CST, DEFAULT_NEWEST, GeneratedSite, main
from assoc_crawler.demo.server import DemoSite
from assoc_crawler.extract import extract_page

REPO = Path(__file__).resolve().parents[2]
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
OLD_MTIME = 1_600_000_000  # 2020-09-13: files a write() must leave alone keep this mtime
DATE_PATTERNS = (r"\d{4}-\d{1,2}-\d{1,2}", r"\d{4}/\d{1,2}/\d{1,2}", r"\d{4}年\d{1,2}月\d{1,2}日", r"\d{1,2}:\d{2}")


def fetch(site: DemoSite, path: str, headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    """GET ``path``: (status, headers, body), HTTP errors included."""
    request = urllib.request.Request(site.url(path), headers=headers or {})
    try:
        with OPENER.open(request, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.headers, err.read()


def small_site(directory: Path, **options) -> GeneratedSite:
    """45 articles in 3 categories, 10 per list page (options override)."""
    return GeneratedSite.create(directory, **{"articles": 45, "categories": 3, "per_page": 10, **options})


def snapshot(site: GeneratedSite) -> dict[str, bytes]:
    """The bytes of every live article file by URL path, after setting their mtime to OLD_MTIME."""
    contents = {}
    for path in site.article_paths():
        file = site.file_for(path)
        os.utime(file, (OLD_MTIME, OLD_MTIME))
        contents[path] = file.read_bytes()
    return contents


def hrefs(html: bytes | str, xpath: str = "//a") -> list[str]:
    doc = lxml.html.document_fromstring(html)
    return [a.get("href") for a in doc.xpath(xpath) if a.get("href")]


@pytest.fixture
def served(tmp_path):
    """A small generated site and its running DemoSite."""
    site = small_site(tmp_path / "site")
    demo = DemoSite("gen", site.dir).start()
    yield site, demo
    demo.stop()


# ------------------------------------------------------------------------------------------ content
def test_created_site_layout_and_content(tmp_path):
    site = small_site(tmp_path / "site")
    assert {p.name for p in site.dir.iterdir()} == {"www", "site.json", "truth.json", "state.json"}
    config = json.loads((site.dir / "site.json").read_text(encoding="utf-8"))
    assert config["cms"] == "dedecms" and config["encoding"] == "utf-8" and config["delay"] == 0.0
    assert (site.www / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    truth = json.loads((site.dir / "truth.json").read_text(encoding="utf-8"))["articles"]
    assert [a["path"] for a in truth] == site.article_paths() and len(truth) == 45
    assert set(truth[0]) >= {"path", "title", "published_at", "source", "author", "editor", "category", "revision"}
    assert len(set(site.ids())) == 45 and all(i > 0 for i in site.ids())
    dates = [site.article(i).published for i in site.ids()]
    assert dates[0] == DEFAULT_NEWEST and dates == sorted(dates, reverse=True) and len(set(dates)) == 45
    assert all(3600 <= (a - b).total_seconds() <= 8 * 3600 for a, b in zip(dates, dates[1:], strict=False))
    for article_id in site.ids():
        article = site.article(article_id)
        assert re.fullmatch(rf"/news[1-3]/{article.published:%Y%m%d}/{article_id}\.html", article.path)
        assert 4 <= len(article.paragraphs) <= 8
        assert all(60 <= len(p) <= 200 for p in article.paragraphs)
        assert site.file_for(article.path).is_file()
    assert site.write() == 0  # nothing changed: nothing written


def test_same_seed_same_site(tmp_path):
    first = small_site(tmp_path / "a").render_files()
    assert small_site(tmp_path / "b").render_files() == first
    assert small_site(tmp_path / "c", seed=7).render_files() != first


def test_pagination_window(tmp_path):
    site = small_site(tmp_path / "site", per_page=1)
    category = max(range(1, 4), key=site.page_count)
    pages = site.page_count(category)
    assert pages > 12
    files = site.render_files()
    for page in (1, 7, pages):
        html = files[site.file_for(site.list_page_path(category, page)).relative_to(site.www).as_posix()]
        doc = lxml.html.document_fromstring(html)
        block = doc.xpath("//ul[@class='pagelist']")[0]
        numbers = [int(x) for x in block.xpath(".//a/text() | .//span[@class='current']/text()") if x.isdigit()]
        assert len(numbers) == 10 and page in numbers and numbers == sorted(numbers)
        assert block.xpath(".//span[@class='current']/text()") == [str(page)]
        links = {a.text: a.get("href") for a in block.xpath(".//a")}
        if page == 1:
            assert "首页" not in links and "上一页" not in links
            assert links["下一页"] == f"list_{category}_2.html"
        if page == pages:
            assert "下一页" not in links and "末页" not in links
            assert links["首页"] == f"/news{category}/"


def test_dede_pager_shows_five_numbers_and_a_jump_menu_of_every_page(tmp_path):
    site = GeneratedSite.create(tmp_path / "site", articles=60, categories=1, per_page=2, pager="dede")
    pages = site.page_count(1)
    html = site.render_files()[site.file_for(site.list_page_path(1, 9)).relative_to(site.www).as_posix()]
    block = lxml.html.document_fromstring(html).xpath("//ul[@class='pagelist']")[0]
    numbers = [int(x) for x in block.xpath(".//a/text() | .//span[@class='current']/text()") if x.isdigit()]
    assert numbers == [7, 8, 9, 10, 11]
    assert len(block.xpath(".//select/option")) == pages and block.xpath(".//option[@selected]/text()") == ["9"]


def test_moved_articles_redirect_and_canonical_links(tmp_path):
    site = small_site(tmp_path / "site")
    moved = site.ids()[:2]
    old = [site.article(k).path for k in moved]
    site.move_articles(moved)
    site.set_variants(canonical="home", tracking=True)
    site.write()
    routes = json.loads((site.dir / "site.json").read_text(encoding="utf-8"))["routes"]
    assert {path: route["location"] for path, route in routes.items()} == {
        path: site.article(k).path for path, k in zip(old, moved, strict=True)}
    assert all(site.article(k).path.startswith("/a/") for k in moved)
    home = (site.www / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="/" />' in home and "?from=index" in home
    with pytest.raises(ValueError):
        site.set_variants(canonical="sometimes")


# --------------------------------------------------------------------------------------- over HTTP
def test_served_pages(served):
    site, demo = served
    status, headers, body = fetch(demo, "/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    home_links = hrefs(body)
    for category in (1, 2, 3):
        assert f"/news{category}/" in home_links
    newest = site.article_paths()[:20]
    assert [h for h in home_links if h.endswith(".html")][:20] == [p.lstrip("/") for p in newest]
    assert "footer" in body.decode()

    category = max((1, 2, 3), key=site.page_count)
    assert site.page_count(category) == 2
    status, _, body = fetch(demo, f"/news{category}/list_{category}_2.html")
    assert status == 200
    text = body.decode("utf-8")
    assert '<span class="current">2</span>' in text
    pagelist = hrefs(body, "//ul[@class='pagelist']//a")
    assert pagelist == [f"/news{category}/"] * 3  # 首页, 上一页, 1
    items = hrefs(body, "//div[@class='listbox']//a")
    expected = [p for p in site.article_paths() if p.startswith(f"/news{category}/")][10:]
    assert [f"/news{category}/{h}" for h in items] == expected

    article = site.article(int(expected[0].rsplit("/", 1)[1].split(".")[0]))
    status, headers, body = fetch(demo, article.path)
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    text = body.decode("utf-8")
    assert f"<h1>{article.title}</h1>" in text
    assert f"资讯来源:</small>{article.source}" in text and f"作者:</small>{article.author}" in text
    assert f"(责任编辑:{article.editor})" in text and f"{article.published:%Y-%m-%d %H:%M}" in text
    doc = lxml.html.document_fromstring(body)
    older = {a.path for a in site.articles if a.published < article.published}
    for heading in ("推荐内容", "热点内容"):
        sidebar = doc.xpath(f"//dl[.//strong[text()='{heading}']]//li")
        assert len(sidebar) == 5
        for item in sidebar:
            assert item.find("a").get("href") in older and " | " in item.find("a").text
            assert item.find("p").text.endswith("...")

    assert fetch(demo, "/news1/20991231/1.html")[0] == 404
    assert fetch(demo, "/robots.txt")[0] == 200
    assert demo.requested_paths()[-1] == "/robots.txt"


def test_add_articles_keeps_existing_pages(served):
    site, demo = served
    before = snapshot(site)
    home_before = (site.www / "index.html").read_bytes()
    list_pages_before = {p: site.file_for(p).read_bytes() for p in site.list_page_paths()}
    old_newest = site.article(site.ids()[0]).published

    added = site.add_articles(3)
    assert site.write() > 0
    assert min(added) > max(before_id for before_id in site.ids() if before_id not in added)
    for path, content in before.items():
        file = site.file_for(path)
        assert file.read_bytes() == content and file.stat().st_mtime == OLD_MTIME, path
    assert site.ids()[:3] == sorted(added, reverse=True)
    assert all(site.article(i).published > old_newest for i in added)
    assert (site.www / "index.html").read_bytes() != home_before
    status, _, body = fetch(demo, "/")
    home_links = hrefs(body)
    for article_id in added:
        article = site.article(article_id)
        assert article.path.lstrip("/") in home_links
        assert site.file_for(site.list_page_path(article.category, 1)).read_bytes() != \
            list_pages_before[site.list_page_path(article.category, 1)]
        assert fetch(demo, article.path)[0] == 200
    assert set(site.last_written) >= {site.file_for(site.article(i).path).relative_to(site.www).as_posix()
                                      for i in added}
    reopened = GeneratedSite.open(site.dir)
    assert reopened.ids() == site.ids() and reopened.render_files() == site.render_files()


def test_edit_and_withdraw(served):
    site, demo = served
    unchanged_path = site.article_paths()[5]
    _, headers, _ = fetch(demo, unchanged_path)
    unchanged_etag = headers["ETag"]
    before = snapshot(site)

    edited = site.ids()[10:12]
    old_titles = {i: site.article(i).title for i in edited}
    site.edit_articles(edited[:1])
    site.edit_articles(edited[1:], retitle=True)
    site.write()
    changed = {path for path, content in before.items() if site.file_for(path).read_bytes() != content}
    assert changed == {site.article(i).path for i in edited}
    for path in before.keys() - changed:
        assert site.file_for(path).stat().st_mtime == OLD_MTIME
    assert site.article(edited[0]).title == old_titles[edited[0]]
    assert site.article(edited[1]).title != old_titles[edited[1]]
    truth = {a["path"]: a for a in json.loads((site.dir / "truth.json").read_text(encoding="utf-8"))["articles"]}
    assert [truth[site.article(i).path]["revision"] for i in edited] == [1, 1]
    body = fetch(demo, site.article(edited[1]).path)[2].decode("utf-8")
    assert site.article(edited[1]).paragraphs[0] in body and f"<h1>{site.article(edited[1]).title}</h1>" in body

    assert fetch(demo, unchanged_path, {"If-None-Match": unchanged_etag})[0] == 304
    status, headers, _ = fetch(demo, unchanged_path)
    assert status == 200 and headers["ETag"] == unchanged_etag

    gone = site.article(site.ids()[3])
    site.withdraw_articles([gone.id])
    site.write()
    assert not site.file_for(gone.path).exists()
    assert site.last_deleted == [gone.path.lstrip("/")]
    assert fetch(demo, gone.path)[0] == 404
    assert gone.id not in site.ids() and gone.path not in site.article_paths()
    assert gone.path.lstrip("/") not in hrefs(fetch(demo, "/")[2])
    category_items = hrefs(fetch(demo, f"/news{gone.category}/")[2], "//div[@class='listbox']//a")
    assert "/".join(gone.path.split("/")[-2:]) not in category_items
    assert gone.path not in {a["path"] for a in site.truth()["articles"]}


def test_withdrawing_shrinks_the_pagination(tmp_path):
    site = small_site(tmp_path / "site")
    category = max((1, 2, 3), key=site.page_count)
    page_two = site.file_for(site.list_page_path(category, 2))
    assert page_two.is_file()
    site.withdraw_articles([a.id for a in site.category_articles(category)][10:])
    site.write()
    assert site.page_count(category) == 1 and not page_two.exists()
    assert page_two.relative_to(site.www).as_posix() in site.last_deleted


def test_broken_template(tmp_path):
    site = small_site(tmp_path / "site")
    before = snapshot(site)
    site.set_template("broken")
    new_id = site.add_articles(1)[0]
    site.write()
    assert all(site.file_for(path).read_bytes() == content for path, content in before.items())
    article = site.article(new_id)
    html = site.file_for(article.path).read_text(encoding="utf-8")
    doc = lxml.html.document_fromstring(html)
    assert doc.xpath("//h1") == []
    assert [div.text for div in doc.xpath("//div[@class='t']")] == [article.title]
    assert article.title not in doc.findtext(".//title")
    for pattern in DATE_PATTERNS:
        assert not re.search(pattern, doc.text_content()), pattern
    assert "资讯来源" not in html and "责任编辑" not in html
    assert all(paragraph in html for paragraph in article.paragraphs)
    assert site.truth()["articles"][0]["template"] == "broken"
    with pytest.raises(ValueError):
        site.set_template("fancy")


def test_gbk_site(tmp_path):
    site = small_site(tmp_path / "site", encoding="gbk")
    article = site.article(site.ids()[0])
    demo = DemoSite("gen-gbk", site.dir).start()
    try:
        status, headers, body = fetch(demo, article.path)
    finally:
        demo.stop()
    assert status == 200 and headers["Content-Type"] == "text/html; charset=gbk"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text = body.decode("gbk")
    assert article.title in text and 'charset=gbk"' in text and "&#" not in text
    extraction = extract_page(body, demo.url(article.path), {"Content-Type": headers["Content-Type"]})
    assert extraction.title == article.title and extraction.source == article.source


def test_delay_is_honoured_and_stop_wakes_it(tmp_path):
    site = small_site(tmp_path / "site", articles=3, delay=0.3)
    assert json.loads((site.dir / "site.json").read_text(encoding="utf-8"))["delay"] == 0.3
    demo = DemoSite("slow", site.dir).start()
    started = time.monotonic()
    assert fetch(demo, "/robots.txt")[0] == 200
    assert time.monotonic() - started >= 0.3

    demo.delay = 30.0
    demo.clear_requests()
    outcome: list[object] = []
    # the client would wait 60 s: it ends within seconds of stop() only if stop() wakes the sleeping handler
    client = threading.Thread(target=lambda: outcome.append(_fetch_or_error(demo, "/", timeout=60)), daemon=True)
    client.start()
    # the server logs a request before it answers (and sleeps the delay): wait until this one is in the delay
    wait_until(lambda: demo.requested_paths() == ["/"], 10, "the request to reach the server")
    assert client.is_alive() and not outcome
    started = time.monotonic()
    demo.stop()
    client.join(timeout=5)
    assert not client.is_alive() and time.monotonic() - started < 5
    assert len(outcome) == 1 and isinstance(outcome[0], OSError), outcome  # woken to close, not to answer
    assert not isinstance(outcome[0], TimeoutError), outcome


def _fetch_or_error(site: DemoSite, path: str, timeout: float = 5) -> object:
    try:
        with OPENER.open(site.url(path), timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as err:
        with err:
            return err.code
    except urllib.error.URLError as exc:
        return exc.reason if isinstance(exc.reason, OSError) else exc
    except OSError as exc:
        return exc


# --------------------------------------------------------------------------------------- extraction
def test_extraction_agrees_with_the_truth(tmp_path):
    site = small_site(tmp_path / "site")
    for record in site.truth()["articles"]:
        url = "http://127.0.0.1:8000" + record["path"]
        extraction = extract_page(site.file_for(record["path"]).read_bytes(), url)
        assert extraction.page_type == "article", record["path"]
        assert (extraction.title, extraction.source, extraction.editor, extraction.author) == \
            (record["title"], record["source"], record["editor"], record["author"])
        assert extraction.published_at[:10] == record["published_at"][:10]
    for path in [*site.list_page_paths(), "/"]:
        extraction = extract_page(site.file_for(path).read_bytes(), "http://127.0.0.1:8000" + path)
        assert extraction.page_type != "article", path


# ---------------------------------------------------------------------------------------- creation
def test_create_refuses_a_non_empty_directory(tmp_path):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "keep.txt").write_text("x")
    with pytest.raises(FileExistsError):
        GeneratedSite.create(tmp_path / "busy", articles=2)
    result = subprocess.run([sys.executable, "-m", "assoc_crawler.demo.generate", str(tmp_path / "busy")],
                            capture_output=True, text=True, timeout=60, cwd=REPO)
    assert result.returncode == 2
    assert "not empty" in result.stderr and "Traceback" not in result.stderr


def test_cli_creates_a_site(tmp_path, capsys):
    target = tmp_path / "cli"
    assert main([str(target), "--articles", "12", "--categories", "2", "--per-page", "5", "--encoding", "gbk",
                 "--seed", "3"]) == 0
    assert "12 articles" in capsys.readouterr().out
    site = GeneratedSite.open(target)
    assert (site.encoding, site.per_page, site.seed, len(site.ids())) == ("gbk", 5, 3, 12)
    assert site.article(site.ids()[0]).published == datetime(2026, 11, 1, 10, 0, tzinfo=CST)
