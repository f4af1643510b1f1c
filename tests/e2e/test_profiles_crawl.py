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


def test_user_agent_names_the_project(crawled_archive, demo_server):
    agents = {entry.headers.get("User-Agent", "") for entry in demo_server.sites["recycle"].requests}
    assert agents and all(agent.startswith("assoc-crawler/") for agent in agents)
