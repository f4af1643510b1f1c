"""Site profiles: declarative TOML files with a name, start URLs, allow/deny rules and extraction hints."""

from __future__ import annotations

from assoc_crawler.extract import ExtractionHints, extract_page
from assoc_crawler.profiles import available_profiles, load_profile_file, resolve_target


def test_bundled_profile_loads():
    profiles = available_profiles()
    assert "demo-recycle" in profiles
    profile = load_profile_file(profiles["demo-recycle"])
    assert profile.start_urls == ["http://127.0.0.1:8701/"] and profile.hints.timezone == "+08:00"
    assert profile.hints.site_name == "中国有色金属工业协会再生金属分会"


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


def test_a_profile_time_zone_is_an_offset_or_an_iana_name(tmp_path):
    import pytest

    from assoc_crawler.profiles import ProfileError

    html = ("<html><head><title>年会召开</title></head><body><h1>年会召开</h1><div>发布时间：2024-03-01 16:30</div>"
            "<div class='content'><p>" + "协会在京召开年会，总结一年的工作，部署新一年的重点任务。" * 4 + "</p></div></body></html>")
    for zone, published in (("Asia/Shanghai", "2024-03-01T16:30:00+08:00"), ("+0800", "2024-03-01T16:30:00+08:00"),
                            ("Europe/Berlin", "2024-03-01T16:30:00+01:00")):
        path = tmp_path / "site.toml"
        path.write_text(f'start_urls = ["http://h.test/"]\ntimezone = "{zone}"\n', encoding="utf-8")
        profile = load_profile_file(path)
        assert extract_page(html.encode(), "http://h.test/a/1.html", hints=profile.hints).published_at == published
    path.write_text('start_urls = ["http://h.test/"]\ntimezone = "Mars/Olympus"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="Mars/Olympus"):
        load_profile_file(path)
