"""URL identity and coverage through real crawls on 127.0.0.1 (issue 16): every article of a site exactly once,
whatever its pages' order, canonical links, redirects, moves and control characters."""

from __future__ import annotations

import json
import socket
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import RoutedSite as Site
from conftest import run_cli, serving

SITE = "滨江有色金属协会"
TEXT = ("协会组织会员企业开展专题调研，了解再生铝企业原料供应、生产经营和节能减排情况，听取企业对行业标准制定的意见建议。"
        "调研组还走访了园区管委会，就再生资源回收体系建设和产业集群发展进行了座谈交流。")


def page(title: str, inner: str, head: str = "") -> str:
    return (f'<html><head><meta charset="utf-8"><title>{title}_{SITE}</title>{head}</head><body>'
            '<div class="nav"><a href="/">首页</a> <a href="/news/">协会动态</a></div>'
            f'<div class="main">{inner}</div><div class="footer">版权所有：{SITE}</div></body></html>')


def article(number: int, head: str = "", extra: str = "", text: str = TEXT) -> str:
    title = f"协会第{number}次专题调研活动顺利举行"
    return page(title, f'<h1>{title}</h1><div class="info">发布时间：2024-03-{number:02d} 09:00　来源：本会</div>'
                       f'<div class="content"><p>{text}</p><p>{TEXT[::-1]}</p></div>{extra}', head)


def listing(paths: list[str], title: str = "协会动态") -> str:
    items = "".join(f'<li><a href="{p}">协会第{k}次专题调研活动顺利举行</a><span>2024-03-01</span></li>'
                    for k, p in enumerate(paths, 1))
    return page(title, f"<ul class='list'>{items}</ul>")


def crawl(target: str, db: Path, *extra: str) -> dict[str, Any]:
    result = run_cli("crawl", target, "--db", str(db), "--delay", "0", "--json", "--recheck", "all", *extra)
    assert result.returncode in (0, 3), result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def articles(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT url, title FROM articles ORDER BY url").fetchall()


def test_a_page_with_control_characters_is_archived(tmp_path: Path) -> None:
    site = Site({"/": listing(["/news/1.html"]), "/news/": listing(["/news/1.html"]),
                 "/news/1.html": article(1, text=TEXT[:20] + "\x0b" + TEXT[20:40] + "\x1f" + TEXT[40:])})
    with serving(site.handler()) as base:
        report = crawl(base + "/", tmp_path / "a.db")
    assert report["errors"] == 0
    rows = articles(tmp_path / "a.db")
    assert [title for _, title in rows] == ["协会第1次专题调研活动顺利举行"]
    with sqlite3.connect(tmp_path / "a.db") as conn:
        body = conn.execute("SELECT body_text FROM articles").fetchone()[0]
    assert "\x0b" not in body and "\x1f" not in body and TEXT[:10] in body


def two_page_article(page_no: int) -> str:
    pager = ('<div class="pages"><a href="/news/9.html">1</a> <a href="/news/9_2.html">2</a> '
             '<a href="/news/9_2.html">下一页</a></div>')
    text = f"第{page_no}页。" + (TEXT if page_no == 1 else TEXT[::-1])
    title = "协会第9次专题调研活动顺利举行"
    return page(title, f'<h1>{title}</h1><div class="info">发布时间：2024-03-09 09:00</div>'
                       f'<div class="content"><p>{text}</p><p>{TEXT}</p></div>{pager}')


@pytest.mark.parametrize("canonical", ["", '<link rel="canonical" href="/news/9.html">'])
def test_a_multi_page_article_reached_at_its_page_2_first_is_archived_once_whole(tmp_path: Path, canonical) -> None:
    page2 = two_page_article(2).replace("<head>", "<head>" + canonical)  # page 2 may name page 1 its canonical
    site = Site({"/": listing(["/news/9_2.html", "/news/"]), "/news/": listing(["/news/9.html", "/news/1.html"]),
                 "/news/9.html": two_page_article(1), "/news/9_2.html": page2, "/news/1.html": article(1)})
    with serving(site.handler()) as base:
        crawl(base + "/", tmp_path / "a.db", "--concurrency", "1")
    with sqlite3.connect(tmp_path / "a.db") as conn:
        rows = conn.execute("SELECT url, page_count, body_text FROM articles ORDER BY url").fetchall()
    assert [(url.rsplit("/", 1)[1], count) for url, count, _ in rows] == [("1.html", 1), ("9.html", 2)]
    assert "第1页" in rows[1][2] and "第2页" in rows[1][2]


def test_canonical_links_that_point_every_page_at_the_home_page_are_ignored(tmp_path: Path) -> None:
    home = '<link rel="canonical" href="/">'
    paths = [f"/news/{k}.html" for k in range(1, 6)]
    site = Site({"/": listing(paths).replace("<head>", "<head>" + home),
                 "/news/": listing(paths).replace("<head>", "<head>" + home),
                 **{p: article(k, head=home) for k, p in enumerate(paths, 1)}})
    with serving(site.handler()) as base:
        crawl(base + "/", tmp_path / "a.db")
    assert [url.replace(base, "") for url, _ in articles(tmp_path / "a.db")] == paths


def aliases(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT url, reason FROM article_aliases ORDER BY url").fetchall()


def test_articles_moved_to_new_paths_with_301s_keep_their_rows(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    old = [f"/news/{k}.html" for k in range(1, 4)]
    site = Site({"/": listing(old), "/news/": listing(old), **{p: article(k) for k, p in enumerate(old, 1)}})
    with serving(site.handler()) as base:
        crawl(base + "/", db)
        new = [f"/2024/03/{k}.html" for k in range(1, 4)]  # the site moves its articles, old URLs redirect
        site.routes.update({"/": listing(new), "/news/": listing(new), **{p: article(k) for k, p in enumerate(new, 1)},
                            **{o: (301, base + n) for o, n in zip(old, new, strict=True)}})
        report = crawl(base + "/", db)
    assert [url.replace(base, "") for url, _ in articles(db)] == new
    assert [(url.replace(base, ""), reason) for url, reason in aliases(db)] == [(o, "moved") for o in old]
    assert report["articles_gone"] == 0 and report["articles_new"] == 0
    assert report["identity"]["moves_followed"] == 3


def test_a_url_that_redirected_can_become_an_article_of_its_own(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    site = Site({"/": listing(["/old.html", "/news/1.html"]), "/news/": listing(["/news/1.html"]),
                 "/news/1.html": article(1), "/old.html": (301, "/news/1.html")})
    with serving(site.handler()) as base:
        crawl(base + "/", db)
        assert aliases(db) == [(base + "/old.html", "redirect")]
        site.routes["/old.html"] = article(2)  # the URL now holds another article
        crawl(base + "/", db, "--full")
    assert [title for _, title in articles(db)] == ["协会第1次专题调研活动顺利举行", "协会第2次专题调研活动顺利举行"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT max(version) FROM articles").fetchone() == (1,)  # nothing overwritten
    assert aliases(db) == []


def test_a_site_at_a_new_port_keeps_its_articles_once(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    paths = [f"/news/{k}.html" for k in range(1, 4)]
    routes = {"/": listing(paths), "/news/": listing(paths), **{p: article(k) for k, p in enumerate(paths, 1)}}
    for _ in range(2):
        with serving(Site(routes).handler()) as base:  # a new port each time, as the demo's sites have
            report = crawl(base + "/", db)
    assert report["site"] == "127.0.0.1"
    assert [url.replace(base, "") for url, _ in articles(db)] == paths
    assert report["articles_new"] == 0 and report["identity"]["moves_followed"] == 3


def test_show_finds_an_article_by_a_url_the_crawl_treats_as_the_same(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    site = Site({"/": listing(["/news/1.html"]), "/news/": listing(["/news/1.html"]), "/news/1.html": article(1)})
    with serving(site.handler()) as base:
        crawl(base + "/", db)
    for url in (f"{base}/news/1.html?utm_source=x#top", f"{base.upper().replace('HTTP', 'http')}/news/1.html"):
        shown = run_cli("show", url, "--db", str(db))
        assert shown.returncode == 0, shown.stderr
        assert "协会第1次专题调研活动顺利举行" in shown.stdout


def test_a_redirect_to_another_site_is_not_followed_into_the_archive(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    other = Site({"/a.html": article(7)})  # another site's article, on another host name
    with serving(other.handler()) as elsewhere:
        away = elsewhere.replace("127.0.0.1", "localhost") + "/a.html"
        site = Site({"/": listing(["/news/1.html", "/news/2.html"]), "/news/": listing(["/news/1.html"]),
                     "/news/1.html": article(1), "/news/2.html": (302, away)})
        with serving(site.handler()) as base:
            report = crawl(base + "/", db)
    assert [title for _, title in articles(db)] == ["协会第1次专题调研活动顺利举行"]
    assert other.requests == []  # not even fetched
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT url, error FROM errors WHERE error = 'offsite_redirect'").fetchall() == [
            (base + "/news/2.html", "offsite_redirect")]
    assert report["errors"] >= 1


def test_dedupe_merges_what_an_older_version_archived_twice(tmp_path: Path) -> None:
    from archive import Archive, SiteLock

    db = tmp_path / "a.db"
    with Archive(db) as archive:  # what an older version left: one article under http and https, two rows
        crawl_id = archive.start_crawl("http://example.org/", "example.org:80")
        for url, when in (("http://example.org/a.html", "2024-01-01T00:00:00Z"),
                          ("https://example.org/a.html", "2024-02-01T00:00:00Z")):
            archive.save_article(crawl_id, {"url": url, "site": when, "title": "再生铝年会召开", "fetched_at": when,
                                            "body_text": TEXT + when, "page_type_reason": "title-date-body"})
        archive.conn.execute("UPDATE articles SET site = 'example.org'")
        archive.conn.commit()
    with SiteLock(db, "example.org").acquire():  # a crawl of the site is running: nothing is touched
        locked = run_cli("dedupe", "--db", str(db))
    assert locked.returncode == 75 and "Traceback" not in locked.stderr
    done = run_cli("dedupe", "--db", str(db), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"merged": {"example.org": 1}}
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT url, version FROM articles").fetchall() == [("https://example.org/a.html", 2)]
        assert conn.execute("SELECT count(*) FROM article_versions").fetchone() == (2,)
    assert run_cli("dedupe", "--db", str(db)).stdout.startswith("merged 0 duplicate row(s) in 1 site(s)")


def test_a_site_on_an_ipv6_address_is_crawled_under_its_own_name(tmp_path: Path) -> None:
    try:
        socket.socket(socket.AF_INET6).bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    site = Site({"/": listing(["/news/1.html", "/news/2.html"]), "/news/1.html": article(1),
                 "/news/2.html": article(2)})
    with serving(site.handler(), host="::1") as base:
        report = crawl(base + "/", tmp_path / "a.db")
        assert report["status"] == "finished" and report["articles_new"] == 2, report
    with sqlite3.connect(tmp_path / "a.db") as conn:
        assert {row[0] for row in conn.execute("SELECT site FROM articles")} == {"[::1]"}
        assert all(url.startswith(base + "/news/") for (url,) in conn.execute("SELECT url FROM articles"))
