"""Shared by the extraction rule tests (test_extract_units_*.py): a small association news page with the usual
chrome around its article (`page`), and `extract` of such HTML as if served from URL."""

from __future__ import annotations

from assoc_crawler.extract import extract_page

URL = "http://assoc.test/a/hyzx/20210115/1234.html"
PARAGRAPHS = [
    "1月14日，中国铝业集团有限公司与山东魏桥创业集团有限公司在北京联合发布倡议书，呼吁全行业共同推动绿色低碳发展。",
    "倡议书提出，要坚持节约优先，提高再生铝使用比例，推动电解铝产能向清洁能源富集地区有序转移。",
    "双方表示，将在技术研发、标准制定和国际合作等方面加强交流，为实现碳达峰、碳中和目标贡献力量。",
]


def page(info: str = "", body_extra_head: str = "", body_extra_tail: str = "", sidebar: str = "",
         title: str = "倡议书发布", charset: str = "utf-8", paragraphs: list[str] | None = None) -> str:
    paras = "".join(f"<p>\u3000\u3000{p}</p>" for p in (PARAGRAPHS if paragraphs is None else paragraphs))
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}_行业资讯_某协会</title></head>
<body><div class="header"><ul id="nav"><li><a href="/">首页</a></li><li><a href="/a/hyzx/">行业资讯</a></li></ul></div>
<div class="place">当前位置: <a href="/">首页</a> &gt; <a href="/a/hyzx/">行业资讯</a> &gt;</div>
<div class="main"><div class="viewbox"><div class="title"><h2>{title}</h2></div>
<div class="info">{info}</div>
<div class="content">{body_extra_head}{paras}{body_extra_tail}</div>
<div class="dede_pages"></div>
<div class="bdsharebuttonbox">分享到：<a href="#" class="bds_weixin"></a></div>
<div class="handle"><div class="context"><ul><li>上一篇：<a href="/a/1233.html">上一篇文章</a></li>
<li>下一篇：没有了</li></ul></div><div class="actbox">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div></div>
</div></div><div class="sidebar">{sidebar}</div>
<div class="footer">Copyright 2021 某协会 版权所有 京ICP备12345678号 地址：北京市海淀区</div></body></html>"""


def extract(html: str, url: str = URL, content_type: str | None = None):
    body = html.encode("utf-8")
    return extract_page(body, url, {"Content-Type": content_type} if content_type else None)
