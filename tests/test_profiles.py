"""Site profiles: declarative TOML files with a name, start URLs, allow/deny rules and extraction hints."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import FAST, run_cli

from assoc_crawler.extract import ExtractionHints, extract_page
from assoc_crawler.profiles import ProfileError, available_profiles, load_profile_file, resolve_target


def test_bundled_profile_loads():
    profiles = available_profiles()
    assert "demo-recycle" in profiles
    profile = load_profile_file(profiles["demo-recycle"])
    assert profile.start_urls == ["http://127.0.0.1:8701/"] and profile.hints.timezone == "+08:00"
    assert profile.hints.site_name == "中国有色金属工业协会再生金属分会"


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


def test_profiles_from_environment_directory(tmp_path, monkeypatch):
    (tmp_path / "mysite.toml").write_text('start_urls = ["http://127.0.0.1:9/"]\n', encoding="utf-8")
    monkeypatch.setenv("ASSOC_CRAWLER_SITES", str(tmp_path))
    assert resolve_target("mysite").start_urls == ["http://127.0.0.1:9/"]


def test_extraction_hints_override_inference():
    html = """<html><head><title>站名</title></head><body><div class="crumb">位置：<a href="/">首页</a> > <a href="/x/">甲栏目</a></div>
<div class="art"><div class="hd">真正的标题</div><span class="when">2020年3月4日 08:05</span>
<div class="txt"><p>第一段文字，内容虽短，但确实是正文。</p></div></div>
<div class="other"><p>很长的干扰文字，很长的干扰文字，很长的干扰文字，很长的干扰文字，很长的干扰文字，很长的干扰文字。</p>
<p>很长的干扰文字，很长的干扰文字，很长的干扰文字，很长的干扰文字，很长的干扰文字，很长的干扰文字。</p></div></body></html>"""
    hints = ExtractionHints(content="div.txt", title="div.hd", date="//span[@class='when']", category=".crumb")
    result = extract_page(html.encode(), "http://h.test/x/1.html", hints=hints)
    assert result.title == "真正的标题"
    assert result.published_at == "2020-03-04T08:05:00+08:00"
    assert result.body_text == "第一段文字，内容虽短，但确实是正文。"
    assert result.category == "甲栏目"
    assert result.field_methods["body_text"] == "profile" and result.field_methods["title"] == "profile"


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
    conn.close()
    assert sites == {"recycling-branch"}


def test_user_agent_names_the_project(crawled_archive, demo_server):
    agents = {entry.headers.get("User-Agent", "") for entry in demo_server.sites["recycle"].requests}
    assert agents and all(agent.startswith("assoc-crawler/") for agent in agents)
