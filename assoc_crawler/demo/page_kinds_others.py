"""Non-article kinds of :mod:`assoc_crawler.demo.page_kinds`: lists, search, forms, comments, print views, errors..."""

from __future__ import annotations

import random
from collections.abc import Callable
from html import escape

from . import page_kinds_text as text
from .page_kinds_articles import Made, info_values
from .page_kinds_pagers import pager
from .page_kinds_templates import Ref, Site, body_html, head, headline_html, info_line, page


def entries(site: Site, rng: random.Random, count: int, column: tuple[str, str] | None = None,
            **fixed: str) -> list[Ref]:
    """``count`` articles of the site, newest first (all in ``column`` if given)."""
    refs = [site.ref(rng, text.NEWS_HEADLINES + text.NOTICE_HEADLINES, **fixed) for _ in range(count)]
    for ref in refs:
        ref.column = column or ref.column
    return sorted(refs, key=lambda r: r.when, reverse=True)


def dated_list(site: Site, rng: random.Random, refs: list[Ref]) -> str:
    """Entries as <li> with a date span, or as table rows (table layouts)."""
    if site.opt("layout") == "table" and rng.random() < 0.6:
        rows = "".join(f'<tr><td>·<a href="{site.url("article", r)}" target="_blank">{escape(r.headline)}</a></td>'
                       f'<td align="right">{site.date(r.when, listing=True)}</td></tr>' for r in refs)
        return f'<table width="100%" class="list">{rows}</table>'
    items = "".join(f'<li><span class="date">{site.date(r.when, listing=True)}</span>'
                    f'<a href="{site.url("article", r)}" '
                    f'title="{escape(r.headline)}">{escape(r.headline)}</a></li>' for r in refs)
    return f'<ul class="{rng.choice(("list", "newslist", "list_con", "lists"))}">{items}</ul>'


def with_page(url: str, number: int) -> str:
    """Page ``number`` of a listing at ``url`` (``/page/2/`` after a path, else a ``page`` query parameter)."""
    if number == 1:
        return url
    if url.endswith("/") and "?" not in url:
        return f"{url}page/{number}/"
    return f"{url}{'&' if '?' in url else '?'}page={number}"


def list_page(site: Site, rng: random.Random, heading: str, inner: str, link: Callable[[int], str],
              records: int) -> tuple[str, str]:
    """A listing page (heading, ``inner``, this site's pager at a random page): its HTML and URL."""
    total = max(2, records // 20 + 1)
    current = rng.randint(1, min(total, 12))
    more = pager(site, current, total, link, records)
    main = f'<div class="lm_title"><h2>{escape(heading)}</h2></div><div class="lm_con">{inner}{more}</div>'
    return page(site, rng, site.title(heading, heading), [heading], main), link(current)


def column_list(site: Site, rng: random.Random) -> Made:
    ref = site.ref(rng)
    refs = entries(site, rng, rng.randint(20, 40), ref.column)
    html, url = list_page(site, rng, ref.column[0], dated_list(site, rng, refs),
                          lambda n: site.url("list", ref, page=n), rng.randint(60, 900))
    return Made(url, html, notes={"entries": str(len(refs))})


def teaser_list(site: Site, rng: random.Random) -> Made:
    ref = site.ref(rng)
    items = []
    for r in entries(site, rng, rng.randint(8, 20), ref.column):
        teaser = text.clip(text.sentences(rng, text.SENTENCES, 3), rng.randint(50, 120))
        thumb = f'<img src="/uploads/{r.id}.jpg" />' if rng.random() < 0.3 else ""
        items.append(f'<div class="item">{thumb}<h3><a href="{site.url("article", r)}">{escape(r.headline)}</a></h3>'
                     f'<p>{escape(teaser)}<a href="{site.url("article", r)}">[详细]</a></p>'
                     f'<span class="time">{site.date(r.when, listing=True)}</span></div>')
    html, url = list_page(site, rng, ref.column[0], "".join(items), lambda n: site.url("list", ref, page=n),
                          rng.randint(30, 400))
    return Made(url, html, notes={"entries": str(len(items))})


def search_results(site: Site, rng: random.Random) -> Made:
    q = rng.choice(text.METALS[:6])
    mark = rng.choice(('<font color="red">{}</font>', "<em>{}</em>", '<span class="keyword">{}</span>'))
    items = []
    for r in entries(site, rng, rng.randint(5, 20), metal=q):
        teaser = text.clip(text.sentences(rng, text.SENTENCES, 2, metal=q), 100)
        title, teaser = (escape(value).replace(q, mark.format(q)) for value in (r.headline, teaser))
        items.append(f'<dl><dt><a href="{site.url("article", r)}">{title}</a></dt><dd>{teaser}</dd>'
                     f"<dd>{site.date(r.when, listing=True)}</dd></dl>")
    found = rng.randint(len(items), 900)
    head = f'<div class="search_head">搜索“{q}”共找到 {found} 条结果，用时{rng.random():.3f}秒</div>'
    heading = rng.choice(("搜索结果", f"“{q}”的搜索结果", "站内搜索"))
    ref = site.ref(rng)
    html, url = list_page(site, rng, heading, head + "".join(items),
                          lambda n: with_page(site.url("search", ref, q=q), n), rng.randint(20, 300))
    return Made(url, html, notes={"entries": str(len(items))})


def form_page(site: Site, rng: random.Random, heading: str, fields: list[tuple[str, str]], extra: str = "") -> str:
    rows = "".join(f'<tr><td align="right">{label}{site.opt("colon")}</td>'
                   f'<td><input type="{kind}" name="f{n}" /></td></tr>'
                   for n, (label, kind) in enumerate(fields))
    form = (f'<form method="post" action=""><table class="form">{rows}<tr><td></td><td>'
            f'<input type="submit" value="{heading[-2:]}" /></td></tr></table></form>')
    main = f'<div class="{site.css["article"]}"><h2>{heading}</h2>{form}{extra}</div>'
    side = rng.random() < 0.3
    return page(site, rng, site.title(heading, "会员中心"), ["会员中心", heading], main, with_sidebar=side)


def login(site: Site, rng: random.Random) -> Made:
    fields = [("用户名", "text"), ("密码", "password")] + ([("验证码", "text")] if rng.random() < 0.6 else [])
    extra = '<p><a href="/member/resetpassword.php">忘记密码？</a> <a href="/member/reg_new.php">注册新用户</a></p>'
    return Made(site.url("login"), form_page(site, rng, rng.choice(("会员登录", "用户登录")), fields, extra))


def register(site: Site, rng: random.Random) -> Made:
    fields = [("用户名", "text"), ("密码", "password"), ("确认密码", "password"), ("单位名称", "text"),
              ("联系电话", "text"), ("电子邮箱", "text")]
    agreement = rng.random() < 0.5
    extra = ""
    if agreement:
        paras = "".join(f"<p>{n + 1}. {s}</p>" for n, s in enumerate(rng.sample(text.AGREEMENT, rng.randint(3, 5))))
        extra = f'<div class="agreement"><h3>会员注册协议</h3>{paras}</div>'
    html = form_page(site, rng, rng.choice(("会员注册", "新用户注册")), fields, extra)
    return Made(site.url("register"), html, notes={"agreement": str(agreement)})


def comments(site: Site, rng: random.Random) -> Made:
    """User comments on an article (EmpireCMS /e/pl/, DedeCMS feedback.php...): title 网友评论：<headline>."""
    ref = site.ref(rng)
    items = []
    for _ in range(rng.randint(3, 25)):
        who = rng.choice(("匿名网友", "游客", text.person(rng), f"{rng.choice(text.CITIES)}网友"))
        said = escape(text.fill(rng, rng.choice(text.COMMENTS)))
        items.append(f'<div class="pl_item"><div class="pl_head"><span class="user">{who}</span> 发表于 '
                     f'{site.date(text.moment(rng, site.year))}</div><p>{said}</p>'
                     f'<a href="#">支持({rng.randint(0, 30)})</a> <a href="#">反对({rng.randint(0, 5)})</a></div>')
    heading = rng.choice(("网友评论：", "评论：", "查看评论："))
    form = ('<form method="post" action="#"><textarea name="saytext" rows="5" cols="60"></textarea><br />'
            '<input type="submit" value="发表评论" /></form>')
    main = (f'<div class="pl_title">{heading}<a href="{site.url("article", ref)}">{escape(ref.headline)}</a></div>'
            f'<div class="pl_list">{"".join(items)}</div>{form}')
    html = page(site, rng, f"{heading}{ref.headline}", [ref.column[0], "评论"], main, with_sidebar=rng.random() < 0.4)
    return Made(site.url("comments", ref), html, notes={"comments": str(len(items))})


def print_view(site: Site, rng: random.Random) -> Made:
    """The printer-friendly copy of an article: bare page, 打印本页 / 关闭窗口."""
    ref = site.ref(rng)
    paras = [escape(p) for p in text.paragraphs(rng, rng.randint(3, 12))]
    values = info_values(site, rng, ref, odds=0.5)
    tools = ('<div class="print_tools">【<a href="javascript:window.print()">打印本页</a>】'
             '【<a href="javascript:window.close()">关闭窗口</a>】</div>')
    title = rng.choice((ref.headline, f"打印_{ref.headline}", f"{ref.headline} - 打印本页",
                        site.title(ref.headline, "打印")))
    parts = headline_html(site, rng, ref.headline) + info_line(site, rng, values)
    if site.opt("headline_tag") == "td":
        main = f'<table width="640" align="center">{parts}<tr><td>{body_html(rng, paras)}{tools}</td></tr></table>'
    else:
        main = f'<div class="print_page">{parts}{body_html(rng, paras)}{tools}</div>'
    html = (f'<!DOCTYPE html><html><head><meta charset="{site.opt("charset_label")}"><title>{escape(title)}</title>'
            f'<style>body{{width:640px}}</style></head><body onload="window.print()">{main}</body></html>')
    return Made(site.url("print", ref), html)


def download_list(site: Site, rng: random.Random) -> Made:
    """下载中心: files with size, date and a 下载 link."""
    ref = site.ref(rng)
    rows = []
    for r in sorted((site.ref(rng) for _ in range(rng.randint(8, 25))), key=lambda r: r.when, reverse=True):
        ext = rng.choice(("pdf", "doc", "xls", "rar", "docx"))
        href = f"/uploads/soft/{r.when:%y%m%d}/{r.id}.{ext}"
        rows.append(f'<tr><td><a href="{href}">{escape(text.fill(rng, "{doc}"))}</a></td>'
                    f"<td>{rng.randint(20, 9000)}KB</td>"
                    f'<td>{site.date(r.when, listing=True)}</td><td><a href="{href}">下载</a></td></tr>')
    table = ('<table width="100%" class="down"><tr><th>文件名称</th><th>大小</th><th>日期</th><th></th></tr>'
             f'{"".join(rows)}</table>')
    html, url = list_page(site, rng, rng.choice(("下载中心", "资料下载", "文件下载")), table,
                          lambda n: with_page(site.url("download", ref), n), rng.randint(10, 200))
    return Made(url, html, notes={"files": str(len(rows))})


def error_page(site: Site, rng: random.Random) -> Made:
    """页面不存在 served with status 200, at the URL of a deleted article or /404.html."""
    message = rng.choice(text.ERRORS)
    main = (f'<div class="error"><h2>{rng.choice(("提示信息", "系统提示", "404", "出错了"))}</h2><p>{message}</p>'
            f'<p>页面将在{rng.randint(3, 10)}秒后自动跳转到<a href="/">网站首页</a>，'
            '<a href="javascript:history.back()">返回上一页</a></p></div>')
    title = rng.choice(("页面不存在", "404 Not Found", "提示信息", message[:8]))
    chrome = rng.random() < 0.6
    if chrome:
        html = page(site, rng, site.title(title, "提示"), ["提示信息"], main, with_sidebar=False)
    else:
        html = f"<html>{head(site, title)}<body>{main}</body></html>"
    url = site.url("article", site.ref(rng)) if rng.random() < 0.6 else f"http://{site.host}/404.html"
    return Made(url, html, notes={"chrome": str(chrome)})


def tag_page(site: Site, rng: random.Random) -> Made:
    tag = rng.choice(text.METALS)
    refs = entries(site, rng, rng.randint(8, 30), metal=tag)
    cloud = " ".join(f'<a href="{site.url("tag", q=m)}">{m}</a>' for m in rng.sample(text.METALS, 6))
    heading = rng.choice((f"标签：{tag}", f"TAG标签：{tag}", tag))
    inner = f'{dated_list(site, rng, refs)}<div class="tags">热门标签：{cloud}</div>'
    html, url = list_page(site, rng, heading, inner, lambda n: with_page(site.url("tag", q=tag), n),
                          len(refs) + rng.randint(0, 80))
    return Made(url, html, notes={"entries": str(len(refs))})


def sitemap(site: Site, rng: random.Random) -> Made:
    """网站地图: every column with its sub-columns."""
    labels = [label for label, _ in site.nav[1:]]
    blocks = []
    for number, (column, _) in enumerate(site.columns):
        subs = rng.sample(labels, rng.randint(2, 6))
        links = " ".join(f'<a href="/list/{number}{n}/">{s}</a>' for n, s in enumerate(subs))
        blocks.append(f'<dl><dt><a href="/list/{number}/">{column}</a></dt><dd>{links}</dd></dl>')
    heading = rng.choice(("网站地图", "站点地图", "栏目导航"))
    main = f'<div class="sitemap"><h2>{heading}</h2>{"".join(blocks)}</div>'
    html = page(site, rng, site.title(heading, heading), [heading], main, with_sidebar=False)
    return Made(site.url("sitemap", site.ref(rng)), html)


def home(site: Site, rng: random.Random) -> Made:
    """Slides, 3-6 column blocks of dated headlines, member logos."""
    slides = "".join(f'<li><a href="{site.url("article", r)}"><img src="/uploads/{r.id}.jpg" />'
                     f"<p>{escape(r.headline)}</p></a></li>" for r in entries(site, rng, rng.randint(3, 5)))
    blocks = []
    for column in rng.sample(site.columns, rng.randint(3, min(6, len(site.columns)))):
        refs = entries(site, rng, rng.randint(6, 10), column)
        blocks.append(f'<div class="index_box"><div class="hd"><h3>{column[0]}</h3><a href="/{column[1]}/">更多</a>'
                      f"</div>{dated_list(site, rng, refs)}</div>")
    members = " ".join(f'<a href="#"><img src="/logo/{n}.png" alt="{text.fill(rng, "{company}")}" /></a>'
                       for n in range(8))
    main = f'<div class="slide"><ul>{slides}</ul></div>{"".join(blocks)}<div class="members">{members}</div>'
    title = rng.choice((site.name, f"{site.name}-首页", f"{site.name}官方网站", f"首页 - {site.name}"))
    html = page(site, rng, title, [], main, with_sidebar=rng.random() < 0.5)
    return Made(site.url("home"), html, notes={"blocks": str(len(blocks))})


OTHER_RENDERERS: dict[str, Callable[[Site, random.Random], Made]] = {
    "column_list": column_list, "teaser_list": teaser_list, "search_results": search_results, "login": login,
    "register": register, "comments": comments, "print_view": print_view, "download_list": download_list,
    "error_page": error_page, "tag_page": tag_page, "sitemap": sitemap, "home": home}
