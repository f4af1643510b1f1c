"""Site profiles: declarative TOML files with a name, start URLs, allow/deny rules and extraction hints."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import FAST, run_cli
from demo_truth import truth

from assoc_crawler.profiles import ProfileError, resolve_target


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name = 'x'\n", "'start_urls' must be a non-empty list"),
        ("start_urls = ['ftp://x/']\n", "is not an http(s) URL"),
        ("start_urls = [\n", "is not valid TOML"),
        ("start_urls = ['http://x/']\nextract = 3\n", "[extract] must be a table"),
        ("start_urls = ['http://x/']\nstart_url = 'http://y/'\n", "unknown key(s) 'start_url' in the profile"),
        ("start_urls = ['http://x/']\n[extract]\ntitel = 'h1'\n", "unknown key(s) 'titel' in [extract]"),
        ("start_urls = ['http://x/']\n[crawl]\ndelays = 5\n", "unknown key(s) 'delays' in [crawl]"),
        ("start_urls = ['http://x/']\n[crawl]\ndelay = 'slow'\n", "[crawl] delay must be a number of seconds"),
        ("start_urls = ['http://x/']\n[crawl]\nconcurrency = 0\n", "[crawl] concurrency must be a whole number"),
        ("start_urls = ['http://x/']\n[crawl]\ndeny = ['(unclosed']\n", "is not a regular expression"),
        ("start_urls = ['http://x/']\n[extract]\ncontent = 'div['\n", "is neither a valid CSS selector nor XPath"),
        ("start_urls = ['http://x/']\n[extract]\ndate = '//div['\n", "is neither a valid CSS selector nor XPath"),
        ("start_urls = ['http://x/']\ntimezone = 'Mars/Olympus'\n", "is neither a UTC offset"),
    ],
)
def test_bad_profiles_say_what_is_wrong(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        resolve_target(str(path))
    result = run_cli("crawl", str(path), "--db", str(tmp_path / "a.db"))
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_profile_deny_rules_and_site_name(demo_server, tmp_path):
    site = demo_server.sites["recycle"]
    profile = tmp_path / "rec.toml"
    profile.write_text(f'name = "recycling-branch"\nstart_urls = ["{site.base_url}/"]\n'
                       '[crawl]\ndeny = ["/a/zcfg/"]\n', encoding="utf-8")
    before = len(site.requested_paths())
    db = tmp_path / "p.db"
    result = run_cli("crawl", str(profile), "--db", str(db), *FAST)
    assert result.returncode == 0, result.stderr[-2000:]
    requested = site.requested_paths()[before:]
    assert requested and not [p for p in requested if p.startswith("/a/zcfg/")]
    conn = sqlite3.connect(db)
    sites = {r[0] for r in conn.execute("SELECT site FROM articles")}
    urls = {r[0] for r in conn.execute("SELECT url FROM articles")}
    conn.close()
    assert sites == {"recycling-branch"}
    articles = {site.base_url + a["path"] for a in truth("recycle")["articles"]}
    denied = {url for url in articles if url.startswith(site.base_url + "/a/zcfg/")}
    assert denied and not urls & denied  # the site has articles there: the rule kept them out
    assert urls >= articles - denied  # and nothing else


def test_every_crawl_key_of_a_profile_is_honoured_below_the_command_line(tmp_path):
    """[crawl] delay, concurrency, timeout, depth and max_pages reach the crawl (recorded in its crawls row, and
    the delay spaces the requests out); the crawl command's own options override them."""
    import json
    import time

    from conftest import RoutedSite, serving
    from test_identity import article, listing

    times: list[float] = []
    routes = {"/": listing([f"/news/{n}.html" for n in range(1, 5)]), **{
        f"/news/{n}.html": article(n) for n in range(1, 5)}}
    site = RoutedSite(routes)
    handler = site.handler()
    original = handler.do_GET

    def timed_get(self) -> None:  # noqa: ANN001
        times.append(time.monotonic())
        original(self)

    handler.do_GET = timed_get
    with serving(handler) as base:
        profile = tmp_path / "paced.toml"
        profile.write_text(f'name = "paced"\nstart_urls = ["{base}/"]\n[crawl]\ndelay = 0.5\nconcurrency = 3\n'
                           'timeout = 7\ndepth = 4\nmax_pages = 40\n', encoding="utf-8")
        db = tmp_path / "a.db"
        result = run_cli("crawl", str(profile), "--db", str(db), "--progress", "never")
        assert result.returncode == 0, result.stderr[-2000:]
        gaps = [b - a for a, b in zip(times[1:], times[2:], strict=False)]  # (after robots.txt)
        assert len(times) >= 5 and min(gaps) >= 0.2, gaps  # 0.5 s, give or take Scrapy's jitter of +-50%
        result = run_cli("crawl", str(profile), "--db", str(db), "--progress", "never", "--delay", "0",
                         "--max-pages", "30", "--full")
        assert result.returncode == 0, result.stderr[-2000:]
    with sqlite3.connect(db) as conn:
        rows = [json.loads(r[0]) for r in conn.execute("SELECT settings_json FROM crawls ORDER BY id")]
    first, second = rows
    assert (first["DOWNLOAD_DELAY"], first["CONCURRENT_REQUESTS_PER_DOMAIN"], first["DOWNLOAD_TIMEOUT"],
            first["DEPTH_LIMIT"], first["ASSOC_MAX_PAGES"]) == (0.5, 3, 7, 4, 40)
    assert (second["DOWNLOAD_DELAY"], second["ASSOC_MAX_PAGES"], second["DOWNLOAD_TIMEOUT"]) == (0, 30, 7)


def test_user_agent_names_the_project(crawled_archive, demo_server):
    agents = {entry.headers.get("User-Agent", "") for entry in demo_server.sites["recycle"].requests}
    assert agents and all(agent.startswith("assoc-crawler/") for agent in agents)
