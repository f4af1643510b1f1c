"""Old and odd pages through a real crawl (issue 13): a static page of bare paragraphs under <body> with the site's
footer lines at its end, a flat list of linked rows, a web server's default page, and a short notice set above its
headline, served on 127.0.0.1 and archived in SQLite."""

from __future__ import annotations

import json
import sqlite3

from conftest import FAST, RoutedSite, run_cli, serving

SITE = "江海再生金属协会"
PARA = "协会于三月十五日在北京召开理事会，会议审议通过了年度工作报告和财务报告，并对下一阶段工作作出部署。"


def _flat(title: str, body: str) -> str:
    return f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>"


def _flat_article(number: int) -> str:
    paras = "".join(f"<p>　　第{k}项：{PARA}</p>" for k in range(1, 5))
    return _flat(f"关于召开第{number}次理事会的通知", (
        "<a href='/'>首页</a> | <a href='/news/index.htm'>协会动态</a><hr>"
        f"<p align='center'><font size='5'><b>关于召开第{number}次理事会的通知</b></font></p>"
        f"<p align='center'>发布时间：2003-03-1{number}　来源：秘书处</p>{paras}<p align='right'>{SITE}</p><hr>"
        f"<p align='center'>版权所有：{SITE}　地址：江海市滨江路1号</p><p align='center'>电话：0571-68391234</p>"
        "<p align='center'>浙ICP备05012345号</p>"))


def _flat_list() -> str:
    rows = "".join(f"<p><a href='/tz/2003/{k}.htm'>关于召开第{k}次理事会的通知</a><br>协会定于近期召开理事会，审议年度"
                   "工作报告。</p>" for k in range(1, 6))
    return _flat("协会动态", f"<p><a href='/'>首页</a></p><h2>协会动态</h2>{rows}<p>共5条 第1页</p>")


NGINX = _flat("Welcome to nginx!", "<h1>Welcome to nginx!</h1><p>" + "If you see this page, the nginx web server is "
              "successfully installed and working. Further configuration is required. " * 3 + "</p>")
ABOVE = _flat(f"关于清明节放假的通知-{SITE}", (
    "<div class='header'><a href='/'>首页</a> <a href='/news/index.htm'>协会动态</a></div><div class='article'>"
    "<div class='text'><p>根据国务院办公厅通知，协会4月3日至5日放假，共3天。特此通知。</p></div>"
    "<h1 class='title'>关于清明节放假的通知</h1><div class='date'>2021-03-30</div><div class='pn'><p>上一篇："
    "<a href='/tz/2003/1.htm'>关于召开第1次理事会的通知</a></p></div></div>"))

PAGES = {f"/tz/2003/{k}.htm": _flat_article(k) for k in range(1, 6)}
PAGES.update({"/news/index.htm": _flat_list(), "/server/": NGINX, "/tzgg/2.html": ABOVE})
PAGES["/"] = _flat(SITE, "<ul>" + "".join(f"<li><a href='{p}'>{p}</a></li>" for p in PAGES) + "</ul>")


def test_old_static_pages_are_archived_and_odd_ones_kept_out(tmp_path):
    db = tmp_path / "old.db"
    with serving(RoutedSite(PAGES).handler()) as url:
        result = run_cli("crawl", url + "/", "--db", str(db), "--json", *FAST)
    assert result.returncode == 0, result.stderr
    json.loads(result.stdout.strip().splitlines()[-1])
    with sqlite3.connect(db) as conn:
        pages = {url.split("/", 3)[3]: (kind, reason) for url, kind, reason in
                 conn.execute("SELECT url, page_type, page_type_reason FROM pages")}
        bodies = dict(conn.execute("SELECT substr(url, instr(substr(url, 8), '/') + 8), body_text FROM articles"))
    assert sorted(bodies) == sorted([f"tz/2003/{k}.htm" for k in range(1, 6)] + ["tzgg/2.html"])
    for k in range(1, 6):  # every paragraph, the signature, and none of the footer's lines
        body = bodies[f"tz/2003/{k}.htm"]
        assert body.startswith("第1项：") and body.endswith(SITE) and "版权所有" not in body and "ICP" not in body
    assert bodies["tzgg/2.html"] == "根据国务院办公厅通知，协会4月3日至5日放假，共3天。特此通知。"
    assert pages["news/index.htm"][0] == "list"
    assert pages["server/"] == ("other", "server-page")
