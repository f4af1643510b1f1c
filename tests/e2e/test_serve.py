"""`assoc-crawler serve`: Datasette on a real archive over HTTP on 127.0.0.1, searched in Chinese from a real
headless Chromium (Debian's chromium; `.ci/run` installs it) and through the JSON API."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.parse
import urllib.request

import datasette  # noqa: F401 - in the `test` extra: a missing Datasette fails these tests, it does not skip them
import pytest
from conftest import datasette_serving, required

from archive import Archive

ARTICLES = [
    ("a1", "再生铝行业推进碳达峰行动", "中国有色金属报", "再生分会",
     "为落实碳达峰目标，再生铝企业加快节能改造。", "<p>为落实碳达峰目标</p>"),
    ("a2", "再生铜原料进口保持增长", "海关总署", "再生分会", "一季度进口再生铜原料约五十万吨。",
     '<p>一季度</p><b id="xss-probe">粗体</b><img src=x onerror="document.title=\'pwned\'">'),
    ("a3", "废钢价格小幅回落", "钢铁协会", "编辑部", "本周废钢价格小幅回落。", "<p>本周</p>"),
]


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    directory = tmp_path_factory.mktemp("serve")
    db = directory / "archive.db"
    with Archive(db) as archive:
        crawl_id = archive.start_crawl("t", "cnfa")
        for slug, title, source, editor, body, html in ARTICLES:
            archive.save_article(crawl_id, {
                "url": f"https://cnfa.test/{slug}.html", "site": "cnfa", "title": title, "source": source,
                "editor": editor, "body_text": body, "body_html": html, "published_at": "2024-03-01"})
        archive.save_listings(crawl_id, "https://cnfa.test/a2.html", [
            {"heading": "热点内容", "kind": "hot", "block": 0, "position": 1, "target_url": "https://cnfa.test/a1.html",
             "title": "再生铝行业推进…"}])
    with datasette_serving(db) as base:  # --port 0: the port the OS gave it, read from its log
        assert base.startswith("http://127.0.0.1:")  # the default --host: local only
        yield base


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


def quote(text: str) -> str:
    return urllib.parse.quote(text)


def test_json_api_search_facets_and_queries(served):
    rows = get_json(f"{served}/archive/articles.json?_search={quote('碳达峰')}&_shape=array")
    assert [r["title"] for r in rows] == ["再生铝行业推进碳达峰行动"]
    data = get_json(f"{served}/archive/articles.json?_search={quote('再生铜')}")
    assert data["filtered_table_rows_count"] == 1 and len(data["rows"]) == 1
    assert set(data["facet_results"]) >= {"site", "source", "editor"}
    short = get_json(f"{served}/archive/search_short_terms.json?term={quote('钢')}&_shape=array")
    assert [r["title"] for r in short] == ["废钢价格小幅回落"]
    hot = get_json(f"{served}/archive/hot_over_time.json?_shape=array")
    assert hot[0]["kind"] == "hot" and hot[0]["title"] == "再生铝行业推进碳达峰行动"
    database = get_json(f"{served}/archive.json")
    assert {"articles_by_month", "hot_over_time", "articles_by_source"} <= {q["name"] for q in database["queries"]}
    table = get_json(f"{served}/-/metadata.json")["databases"]["archive"]["tables"]["articles"]
    assert table["columns"]["editor"].startswith("责任编辑")


def _dump_dom(url: str) -> str:
    browser = _browser()
    if browser is None:
        if required("ASSOC_REQUIRE_BROWSER"):
            pytest.fail("no chromium on this machine (.ci/run installs Debian's chromium)")
        pytest.skip("no chromium on this machine")
    result = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url],
                            capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _driver():
    """Selenium driving Debian's chromium through Debian's chromedriver (no download of anything)."""
    # selenium is in the `test` extra: without it this fails (ImportError); the browser is the machine's
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    browser, chromedriver = _browser(), shutil.which("chromedriver")
    if browser is None or chromedriver is None:
        if required("ASSOC_REQUIRE_BROWSER"):
            pytest.fail("chromium and chromedriver are needed (.ci/run installs them)")
        pytest.skip("no chromium / chromedriver on this machine")
    options = Options()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(chromedriver), options=options)


def test_chromium_types_a_chinese_term_into_the_search_box_and_finds_the_article(served):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = _driver()
    try:
        driver.get(f"{served}/archive/articles")
        box = driver.find_element(By.CSS_SELECTOR, "input[name=_search]")
        box.send_keys("碳达峰")
        box.submit()
        WebDriverWait(driver, 20).until(lambda d: "_search=" in d.current_url)
        cells = [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "td.col-title")]
        assert cells == ["再生铝行业推进碳达峰行动"]
        assert 'matches "碳达峰"' in driver.find_element(By.TAG_NAME, "h3").text
        driver.get(f"{served}/archive/search_short_terms?term=" + quote("钢"))  # the canned query, 1 character
        assert "废钢价格小幅回落" in driver.find_element(By.TAG_NAME, "table").text
    finally:
        driver.quit()


def test_body_html_is_shown_as_text_not_rendered(served, tmp_path):
    dom = _dump_dom(f"{served}/archive/articles?_search={quote('再生铜')}")
    assert "再生铜原料进口保持增长" in dom
    assert '<b id="xss-probe">' not in dom  # no element was made from the archived HTML ...
    assert '&lt;b id="xss-probe"&gt;' in dom  # ... it is text in a cell
    assert "<title>pwned</title>" not in dom and "<img src=\"x\"" not in dom


def test_stopped_server_leaves_no_metadata_directory(tmp_path):
    """SIGTERM (what a service manager or the fixture sends) stops `serve` as Ctrl-C does: its temporary
    metadata directory is removed, not left in the temp directory on every stop."""
    db = tmp_path / "archive.db"
    with Archive(db):
        pass
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    with datasette_serving(db, env={**os.environ, "TMPDIR": str(scratch)}) as base:
        assert get_json(f"{base}/archive.json")["tables"]
        assert [p.name for p in scratch.iterdir() if p.name.startswith("assoc-serve-")]
    assert list(scratch.iterdir()) == []
