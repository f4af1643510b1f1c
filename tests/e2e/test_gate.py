"""The page gate through a real crawl: doubtful articles are archived with their reason, pages that are something
else (login, comment, print, search, error, list) stay out of `articles` with theirs, and `search --reason` finds
the doubtful ones."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import FAST, run_cli

SITE = "测试金属协会"
PROSE = "协会近日组织会员企业开展调研，了解再生铝企业原料供应、生产经营和节能减排情况，并听取企业意见建议。"


def _page(title: str, inner: str, head_title: str | None = None) -> str:
    return (f'<html><head><meta charset="utf-8"><title>{head_title or title + "_" + SITE}</title></head><body>'
            '<div class="nav"><a href="/">首页</a> <a href="/news/">协会动态</a> <a href="/login.php">登录</a></div>'
            f"{inner}"
            '<div class="footer">版权所有 测试金属协会 地址：江海市 电话：010-12345678</div></body></html>')


def _article(title: str, info: str, body: str) -> str:
    return _page(title, f'<h1>{title}</h1><div class="info">{info}</div><div class="content">{body}</div>')


LINKED_PROSE = "".join(
    f'<p>根据<a href="/law/{k}.html">《再生资源回收管理办法》第{k}条关于回收站点备案管理的规定</a>，'
    f'回收经营者应当在取得营业执照后三十日内完成备案，详见<a href="/law/x{k}.html">配套实施细则第{k}部分</a>。</p>'
    for k in range(1, 9))
PAGES = {
    "/a/1.html": _article("协会召开再生铝产业发展座谈会", "2024-03-01 来源：测试金属协会",
                          f"<p>{PROSE * 3}</p><p>{PROSE * 2}</p><p>记者 王燕平 通讯员 方云凤</p>"),
    "/a/2.html": _article("关于报送2024年行业统计数据的通知", "发布时间：2024-03-05",
                          '<p>请各会员单位按时报送。</p><p>附件：<a href="/files/tongji.xls">统计报表.xls</a></p>'),
    "/a/3.html": _article("再生金属行业术语：保级利用", "",
                          "<p>保级利用是指废旧金属经回收处理后，仍用于生产同等级别产品的利用方式，是循环利用的高级形态。</p>"),
    "/a/4.html": _article("再生资源回收政策解读", "2024-03-09", LINKED_PROSE),
    "/login.php": _page("会员登录", '<h1>会员登录</h1><form><input name="u"><input type="password" name="p"></form>'),
    "/plus/feedback.php?aid=1": _page(
        "网友评论：协会召开再生铝产业发展座谈会",
        '<h1>网友评论：协会召开再生铝产业发展座谈会</h1><div class="content"><p>网友甲 2024-03-02 10:00</p>'
        "<p>会议开得很好，期待更多这样的交流活动，希望协会继续组织企业调研，多听取一线的声音。</p></div>"),
    "/print.php?id=1": _article("协会召开再生铝产业发展座谈会", "2024-03-01", f"<p>{PROSE * 3}</p>"),
    "/search.php?q=铝": _page("搜索结果", '<h1>搜索结果</h1><div class="content"><p>共找到 2 条结果</p></div>'),
    "/gone.html": _page("页面不存在", "<h1>404 页面不存在</h1><p>您访问的页面已删除。</p>", head_title="404 页面不存在"),
    "/news/": _page("协会动态", '<h2>协会动态</h2><ul class="list">' + "".join(
        f'<li><a href="/a/{k}.html">协会动态第{k}条新闻标题示例</a><span>2024-03-0{k}</span></li>'
        for k in range(1, 5)) + "</ul>"),
}
HOME = _page(SITE, "<ul>" + "".join(f'<li><a href="{path}">{path}</a></li>' for path in PAGES) + "</ul>",
             head_title=SITE)


class GateSite(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        from urllib.parse import unquote

        path = unquote(self.path)
        if path == "/robots.txt":
            body, kind = b"User-agent: *\nDisallow:\n", "text/plain"
        elif path.startswith("/files/"):
            body, kind = b"xls", "application/vnd.ms-excel"
        else:
            html = HOME if path in ("/", "/index.html") else PAGES.get(path)
            if html is None:
                self.send_error(404)
                return
            body, kind = html.encode("utf-8"), "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def gate_archive(tmp_path_factory):
    server = ThreadingHTTPServer(("127.0.0.1", 0), GateSite)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    db = tmp_path_factory.mktemp("gate") / "gate.db"
    try:
        result = run_cli("crawl", f"http://127.0.0.1:{server.server_address[1]}/", "--db", str(db), *FAST)
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr
    return db


def _rows(db, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_doubtful_articles_are_archived_with_their_reason(gate_archive):
    got = dict(_rows(gate_archive, "SELECT substr(url, instr(url, '/a/')), page_type_reason FROM articles"))
    assert got == {"/a/1.html": "title-date-body", "/a/2.html": "short-notice", "/a/3.html": "short-undated",
                   "/a/4.html": "link-heavy-prose"}
    author, body = _rows(gate_archive, "SELECT author, body_text FROM articles WHERE url LIKE '%/a/1.html'")[0]
    assert author == "王燕平 方云凤" and "通讯员" not in body  # the byline left the body


def test_pages_that_are_something_else_stay_out_with_their_reason(gate_archive):
    pages = {url.split("/", 3)[3]: (kind, reason) for url, kind, reason in _rows(
        gate_archive, "SELECT url, page_type, page_type_reason FROM pages WHERE page_type != 'article'")}
    assert pages["login.php"] == ("other", "service-url:login")
    assert pages["plus/feedback.php?aid=1"] == ("other", "service-url:feedback")
    assert pages["print.php?id=1"] == ("other", "service-url:print")
    assert pages["gone.html"] == ("other", "error-page")
    assert pages["news/"][0] == "list"
    assert _rows(gate_archive, "SELECT count(*) FROM articles WHERE url LIKE '%.php%' OR url LIKE '%gone%'") == [(0,)]


def test_search_filters_on_the_gate_reason(gate_archive):
    result = run_cli("search", "通知", "--db", str(gate_archive), "--reason", "short-notice", "--format", "json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert [row["title"] for row in found["results"]] == ["关于报送2024年行业统计数据的通知"] and found["total"] == 1
    none = run_cli("search", "通知", "--db", str(gate_archive), "--reason", "title-date-body", "--format", "json")
    assert none.returncode == 0, none.stderr
    found = json.loads(none.stdout)
    assert found["results"] == [] and found["total"] == 0


def test_pages_left_out_keep_their_response_and_reextract_promotes_them(gate_archive, tmp_path):
    kept_out = _rows(gate_archive, "SELECT count(*) FROM pages WHERE page_type IN ('list', 'other')")[0][0]
    stored = _rows(gate_archive, "SELECT count(DISTINCT r.url) FROM raw_pages AS r JOIN pages AS p ON p.url = r.url "
                                 "WHERE r.article_id IS NULL AND p.page_type IN ('list', 'other')")[0][0]
    assert kept_out >= 6 and stored == kept_out  # every page left out keeps its latest response

    # an archive written by an older gate that left the one-sentence notice out
    db = tmp_path / "older.db"
    shutil.copy(gate_archive, db)
    with sqlite3.connect(db) as conn:
        article_id, url = conn.execute("SELECT id, url FROM articles WHERE page_type_reason = 'short-notice'").fetchone()
        conn.execute("UPDATE raw_pages SET article_id = NULL WHERE article_id = ?", (article_id,))
        conn.execute("UPDATE pages SET page_type = 'other', page_type_reason = 'no-body', article_id = NULL "
                     "WHERE url = ?", (url,))
        for table in ("images", "attachments", "article_versions"):
            conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    result = run_cli("reextract", "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["pages"] == kept_out + 1 and report["promoted"] == 1
    got = _rows(db, "SELECT a.title, a.page_type_reason, p.page_type, "
                    "(SELECT count(*) FROM raw_pages WHERE article_id = a.id) "
                    f"FROM articles AS a JOIN pages AS p ON p.url = a.url WHERE a.url = '{url}'")
    assert got == [("关于报送2024年行业统计数据的通知", "short-notice", "article", 1)]
    again = json.loads(run_cli("reextract", "--db", str(db), "--json").stdout)
    assert again["promoted"] == 0  # the login, comment, print, error and list pages stay out


def test_export_carries_the_gate_reason(gate_archive, tmp_path):
    out = tmp_path / "doubtful.csv"
    result = run_cli("export", "--db", str(gate_archive), "--format", "csv", "--reason", "short-undated",
                     "--out", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["title"], r["page_type_reason"]) for r in rows] == [("再生金属行业术语：保级利用", "short-undated")]
