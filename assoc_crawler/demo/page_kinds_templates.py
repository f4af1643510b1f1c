"""Site templates for :mod:`assoc_crawler.demo.page_kinds`: one random "site" of a CMS family and its chrome.

:func:`make_site` draws every template choice of a site once (URL scheme, class names, layout, where the headline
sits, info line, pager style, encoding...); :class:`Site` then renders pages: ``site.page(title, crumbs, main)``
wraps a main block in head, masthead, nav bar, breadcrumb, sidebars and footer. Everything depends only on the
``random.Random`` passed in.

The chrome writes down what it showed into ``site.rendered`` (see :mod:`.page_kinds_truth`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import datetime
from html import escape
from typing import Any
from urllib.parse import quote

from . import page_kinds_text as text
from .page_kinds_truth import TruthBlock, TruthItem, shown_text
from .page_kinds_widgets import (
    KICKER_TAGS,
    NOTICE_PLACES,
    dash_subtitle,
    draw_notice,
    kicker_html,
    listing_item,
    share_widget,
    with_notice,
)

FAMILIES = ("DedeCMS", "PHPCMS", "EmpireCMS", "TRS/Hanweb", "MetInfo", "PbootCMS", "home-made", "WordPress-like")

#: URL patterns per family and page role; a site picks one pattern per role.
URLS: dict[str, dict[str, tuple[str, ...]]] = {
    "DedeCMS": {
        "article": ("/a/{col}/{ymd}/{id}.html", "/plus/view.php?aid={id}", "/{col}/{ymd}/{id}.html"),
        "list": ("/a/{col}/list_{cid}_{page}.html", "/plus/list.php?tid={cid}&PageNo={page}"),
        "search": ("/plus/search.php?keyword={q}&searchtype=titlekeyword", "/plus/search.php?q={q}"),
        "login": ("/member/login.php",),
        "register": ("/member/reg_new.php", "/member/index_do.php?fmdo=user&dopost=regnew"),
        "comments": ("/plus/feedback.php?aid={id}",),
        "print": ("/plus/view.php?aid={id}&action=print", "/print.php?id={id}"),
        "download": ("/a/xiazai/", "/plus/list.php?tid={cid}"), "tag": ("/tags.php?/{q}/", "/tags/{q}.html"),
        "sitemap": ("/data/sitemap.html",), "home": ("/", "/index.html"), "about": ("/a/about/{slug}.html",),
        "english": ("/en/a/news/{ymd}/{id}.html",)},
    "PHPCMS": {
        "article": ("/index.php?m=content&c=index&a=show&catid={cid}&id={id}", "/html/{y}/{col}_{m2}{d2}/{id}.html"),
        "list": ("/index.php?m=content&c=index&a=lists&catid={cid}&page={page}", "/html/{col}/{page}.html"),
        "search": ("/index.php?m=search&c=index&a=init&typeid=1&q={q}",),
        "login": ("/index.php?m=member&c=index&a=login",),
        "register": ("/index.php?m=member&c=index&a=register&siteid=1",),
        "comments": ("/index.php?m=comment&c=index&a=init&commentid=content_{cid}-{id}-1",),
        "print": ("/index.php?m=content&c=index&a=show&catid={cid}&id={id}&action=print", "/print.php?id={id}"),
        "download": ("/index.php?m=content&c=index&a=lists&catid={cid}", "/html/download/"),
        "tag": ("/index.php?m=content&c=tag&a=lists&tag={q}",), "sitemap": ("/sitemap.html",),
        "home": ("/", "/index.php"), "about": ("/html/about/{slug}.html",),
        "english": ("/en/index.php?m=content&c=index&a=show&catid={cid}&id={id}",)},
    "EmpireCMS": {
        "article": ("/{col}/{y}-{m2}-{d2}/{id}.html",
                    "/e/action/ShowInfo.php?classid={cid}&id={id}",
                    "/{col}/{id}.html"),
        "list": ("/{col}/index_{page}.html", "/e/action/ListInfo/?classid={cid}&page={page}"),
        "search": ("/e/search/result/?searchid={id}", "/e/search/index.php?keyboard={q}"),
        "login": ("/e/member/login/",), "register": ("/e/member/register/", "/e/member/register/?groupid=1"),
        "comments": ("/e/pl/?classid={cid}&id={id}", "/e/pl/more/?classid={cid}&id={id}"),
        "print": ("/e/DoPrint/?classid={cid}&id={id}",), "download": ("/e/DownSys/", "/xiazai/"),
        "tag": ("/e/tags/?tagname={q}",), "sitemap": ("/sitemap.html",), "home": ("/", "/index.html"),
        "about": ("/about/{slug}.html",), "english": ("/en/{col}/{id}.html",)},
    "TRS/Hanweb": {
        "article": ("/art/{y}/{m}/{d}/art_{cid}_{id}.html", "/{col}/{y}{m2}/t{ymd}_{id}.html"),
        "list": ("/col/col{cid}/index.html?uid=4{cid}&pageNum={page}", "/{col}/index_{page}.html"),
        "search": ("/jrobot/search.do?webid=1&q={q}", "/was5/web/search?searchword={q}&channelid=200001"),
        "login": ("/jcms/login.jsp", "/wcm/app/login.jsp"), "register": ("/jcms/register.jsp", "/member/register.html"),
        "comments": ("/jcms/interface/comment/list.jsp?artid={id}",),
        "print": ("/art/{y}/{m}/{d}/art_{cid}_{id}.html?action=print", "/module/print/print.jsp?artid={id}"),
        "download": ("/col/col{id}/index.html", "/{col}/xzzx/"), "tag": ("/jrobot/tag.do?tag={q}",),
        "sitemap": ("/wzdt/index.html", "/col/col{id}/index.html"), "home": ("/", "/index.html"),
        "about": ("/col/col{id}/index.html", "/{col}/{slug}/index.html"),
        "english": ("/en/art/{y}/{m}/{d}/art_{cid}_{id}.html",)},
    "MetInfo": {
        "article": ("/news/shownews.php?id={id}&lang=cn", "/news/{id}.html"),
        "list": ("/news/news.php?class1={cid}&page={page}&lang=cn", "/news/list-{cid}-{page}.html"),
        "search": ("/search/search.php?lang=cn&searchword={q}", "/search/index.php?searchword={q}"),
        "login": ("/member/login.php?lang=cn",), "register": ("/member/register_include.php?lang=cn",),
        "comments": ("/news/comment.php?id={id}&lang=cn",),
        "print": ("/news/shownews.php?id={id}&lang=cn&action=print",),
        "download": ("/download/download.php?class1={cid}&lang=cn", "/download/"), "tag": ("/tags/{q}",),
        "sitemap": ("/sitemap/",), "home": ("/", "/index.php?lang=cn"), "about": ("/about/show.php?id={id}&lang=cn",),
        "english": ("/news/shownews.php?id={id}&lang=en",)},
    "PbootCMS": {
        "article": ("/?{col}_{cid}/{id}.html", "/{col}/{id}.html"),
        "list": ("/?{col}_{cid}/&page={page}", "/{col}/?page={page}"),
        "search": ("/?search/&keyword={q}", "/search/?keyword={q}"), "login": ("/?login/", "/member/login/"),
        "register": ("/?register/", "/member/register/"), "comments": ("/?comment/&contentid={id}",),
        "print": ("/{col}/{id}.html?action=print",), "download": ("/?download_{cid}/", "/download/"),
        "tag": ("/?tag={q}",), "sitemap": ("/sitemap/",), "home": ("/",),
        "about": ("/?aboutus_{id}/", "/about/{slug}/"), "english": ("/en/?{col}_{cid}/{id}.html",)},
    "home-made": {
        "article": ("/show.asp?id={id}",
                    "/news_detail.aspx?id={id}&typeid={cid}",
                    "/NewsShow.asp?ID={id}",
                    "/content.jsp?id={id}"),
        "list": ("/news_list.asp?typeid={cid}&page={page}",
                 "/NewsList.aspx?ClassID={cid}&Page={page}",
                 "/list.jsp?cid={cid}&p={page}"), "search": ("/search.asp?key={q}", "/Search.aspx?keyword={q}"),
        "login": ("/login.asp", "/user/login.aspx"), "register": ("/reg.asp", "/user/register.aspx"),
        "comments": ("/comment.asp?id={id}", "/NewsComment.aspx?ID={id}"),
        "print": ("/print.asp?id={id}", "/show.asp?id={id}&action=print"),
        "download": ("/download.asp", "/DownList.aspx?ClassID={cid}"), "tag": ("/tag.asp?tag={q}",),
        "sitemap": ("/sitemap.asp", "/map.html"), "home": ("/", "/index.asp", "/default.aspx"),
        "about": ("/about.asp?id={id}", "/About.aspx?ID={id}"), "english": ("/en/show.asp?id={id}",)},
    "WordPress-like": {
        "article": ("/{y}/{m2}/{d2}/{id}/", "/?p={id}", "/archives/{id}"),
        "list": ("/category/{col}/page/{page}/", "/?cat={cid}&paged={page}"), "search": ("/?s={q}", "/search/{q}/"),
        "login": ("/wp-login.php",), "register": ("/wp-login.php?action=register",),
        "comments": ("/{y}/{m2}/{d2}/{id}/comment-page-2/", "/?p={id}&cpage=2"),
        "print": ("/{y}/{m2}/{d2}/{id}/print/", "/?p={id}&print=1"), "download": ("/downloads/", "/category/xiazai/"),
        "tag": ("/tag/{q}/", "/?tag={q}"), "sitemap": ("/sitemap/",), "home": ("/",),
        "about": ("/about/{slug}/", "/?page_id={id}"), "english": ("/en/{y}/{m2}/{d2}/{id}/",)},
}
PAGERS = {"DedeCMS": "dede", "PHPCMS": "phpcms", "EmpireCMS": "empire", "TRS/Hanweb": "hanweb", "MetInfo": "metinfo",
          "PbootCMS": "bootstrap", "home-made": "text", "WordPress-like": "wp"}
TABLE_LAYOUT_ODDS = {"TRS/Hanweb": 0.7, "home-made": 0.6, "DedeCMS": 0.3, "EmpireCMS": 0.3}
CSS_POOLS = {
    "article": ("viewbox", "article", "content-box", "newsview", "art_con", "news_detail", "arc-main", "detail",
                "main_con"),
    "title": ("title", "tit", "art-title", "news_title", "biaoti", "h_title", "atitle", "con_title"),
    "info": ("info", "meta", "art-info", "news_info", "laiyuan", "sub_title", "source", "property"),
    "body": ("content", "con", "article-content", "news_content", "zoom", "txt", "neirong", "detail-text"),
    "wrap": ("wrap", "container", "main", "w1000", "page", "mainbox"),
    "side": ("side", "right", "sidebar", "col-r", "rbox"),
}
FAMILY_CSS = {"DedeCMS": ("viewbox", "title", "info", "content"),
              "TRS/Hanweb": ("article", "title", "info", "TRS_Editor"),
              "MetInfo": ("met-shownews", "met-shownews-title", "met-shownews-info", "met-editor"),
              "WordPress-like": ("post", "entry-title", "entry-meta", "entry-content"),
              "PHPCMS": ("Article", "title", "info", "content"), "EmpireCMS": ("news", "title", "info", "newstext")}
DATE_FORMATS = ("{Y}-{m:02d}-{d:02d}", "{Y}-{m:02d}-{d:02d} {H:02d}:{M:02d}",
                "{Y}-{m:02d}-{d:02d} {H:02d}:{M:02d}:{S:02d}",
                "{Y}年{m:02d}月{d:02d}日", "{Y}年{m}月{d}日 {H:02d}:{M:02d}", "{Y}/{m}/{d}", "{Y}.{m:02d}.{d:02d}")
LIST_DATE_FORMATS = ("{Y}-{m:02d}-{d:02d}", "[{Y}-{m:02d}-{d:02d}]", "{m:02d}-{d:02d}", "({Y}/{m:02d}/{d:02d})",
                     "{Y}年{m}月{d}日")
INFO_LABELS = {"time": ("发布时间", "发布日期", "时间", "日期", "更新时间"), "source": ("来源", "信息来源", "文章来源"),
               "author": ("作者", "撰稿", "供稿"), "editor": ("责任编辑", "编辑"), "hits": ("点击数", "浏览次数",
                                                                                            "阅读")}
TITLE_PATTERNS = ("{h}_{site}", "{h} - {col} - {site}", "{h}-{site}", "{h}_{col}_{site}", "{h}|{site}", "{site}-{h}",
                  "{h}")
SIDEBAR_HEADINGS = ("推荐内容", "热点内容", "相关文章", "最新动态", "热门文章", "推荐阅读", "图片新闻")
@dataclass
class Ref:
    """Another page of the site that a link points to: an article's headline, id, time and column."""

    headline: str
    id: int
    when: datetime
    column: tuple[str, str]
    cid: int


@dataclass
class Site:
    """One generated site: its template choices (``notes`` lists them) and the renderers of its chrome."""

    family: str
    name: str
    en_name: str
    host: str
    encoding: str
    year: int
    columns: list[tuple[str, str]]
    urls: dict[str, str]
    css: dict[str, str]
    nav: list[tuple[str, str]]
    notes: dict[str, str] = field(default_factory=dict)
    #: What the chrome showed on the page being rendered (cleared before each page, see the module's docstring).
    rendered: dict[str, Any] = field(default_factory=dict)
    #: Random choices made for the truth variants (bylines), apart from the page rng: None for none.
    truth_rng: random.Random | None = None
    #: Whole sites (:mod:`.family_site`): refs :meth:`ref` hands out first, in order (the page's own article)...
    forced: list[Ref] = field(default_factory=list)
    #: ... then copies of these (the site's real articles) instead of new random ones; empty: draw new ones.
    pool: list[Ref] = field(default_factory=list)

    def opt(self, name: str) -> str:
        return self.notes[name]

    def url(self, role: str, ref: Ref | None = None, page: int = 1, q: str = "", slug: str = "gk") -> str:
        when = ref.when if ref else datetime(self.year, 1, 1)
        path = self.urls[role].format(
            col=(ref.column[1] if ref else "news"), cid=(ref.cid if ref else 1), id=(ref.id if ref else 1),
            y=when.year, m=when.month, d=when.day, m2=f"{when.month:02d}", d2=f"{when.day:02d}",
            ymd=f"{when:%Y%m%d}", page=page, q=quote(q, encoding=self.encoding), slug=slug)
        return f"http://{self.host}{path}"

    def ref(self, rng: random.Random, headlines: tuple[str, ...] = text.NEWS_HEADLINES, **fixed: str) -> Ref:
        """A random article of the site (headline from ``headlines``, ``fixed`` slot values); on a whole site the
        next forced ref, or one of the site's articles."""
        if self.forced:
            return self.forced.pop(0)
        if self.pool:
            return replace(rng.choice(self.pool))
        column, when = rng.choice(self.columns), text.moment(rng, self.year)
        headline = text.fill(rng, rng.choice(headlines), **({"year": str(when.year)} | fixed))
        return Ref(headline, rng.randint(30, 9999), when, column, self.columns.index(column) + 2)

    def date(self, when: datetime, listing: bool = False) -> str:
        return text.date_text(self.opt("list_date" if listing else "date_format"), when)

    def title(self, headline: str, column: str, english: bool = False) -> str:
        site = self.en_name if english else self.name
        if self.notes.get("title_order") == "column-first" and not english:
            return f"{column} - {headline}"  # no site name, the column first: its last part is the headline
        return self.opt("title_pattern").format(h=headline, col=column, site=site)


def make_site(rng: random.Random, family: str) -> Site:
    """Every template choice of one site of ``family``, drawn from ``rng``."""
    prefix, (trade, en_trade), (suffix, en_suffix) = (rng.choice(text.SITE_PREFIXES), rng.choice(text.TRADES),
                                                      rng.choice(text.ORG_SUFFIXES))
    encoding = "gbk" if rng.random() < (0.6 if family in ("DedeCMS", "home-made", "TRS/Hanweb") else 0.3) else "utf-8"
    columns = rng.sample(text.COLUMNS, rng.randint(6, 10))
    urls = {role: rng.choice(patterns) for role, patterns in URLS[family].items()}
    css = {role: rng.choice(pool) for role, pool in CSS_POOLS.items()}
    if family in FAMILY_CSS and rng.random() < 0.6:
        css.update(zip(("article", "title", "info", "body"), FAMILY_CSS[family], strict=True))
    layout = "table" if rng.random() < TABLE_LAYOUT_ODDS.get(family, 0.15) else "div"
    header_charset = rng.random() < 0.5
    notes = {
        "family": family, "encoding": encoding, "charset_header": str(header_charset), "layout": layout,
        "charset_label": rng.choice({"utf-8": ("utf-8", "UTF-8"), "gbk": ("gb2312", "gbk", "GBK")}[encoding]),
        "meta": rng.choice(("http-equiv", "charset") + (("none",) if header_charset else ())),
        "headline_tag": rng.choice(("h1", "h2", "div.title") + (("td", "td") if layout == "table" else ())),
        "title_split": rng.choice(("none", "none", "none", "br", "spans")),
        "title_pattern": rng.choice(TITLE_PATTERNS), "date_format": rng.choice(DATE_FORMATS),
        "list_date": rng.choice(LIST_DATE_FORMATS), "info_order": ",".join(rng.sample(list(INFO_LABELS), 5)),
        "info_sep": rng.choice(("&nbsp;&nbsp;", " | ", "　", "  ", "</span><span>")), "colon": rng.choice(("：", ":")),
        "crumb_sep": rng.choice((" &gt; ", " » ", " / ", " -&gt; ", "＞", " &gt;&gt; ")),
        "pager": PAGERS[family] if rng.random() < 0.8 else rng.choice(sorted(set(PAGERS.values()))),
        "sidebar": rng.choice(("left", "right", "right", "none")),
        "share": rng.choice(("none", "share", "print", "both")),
        "nav_style": rng.choice(("ul", "ul-dropdown", "table", "pipes")),
        "crumb_word": rng.choice(("当前位置", "您的位置", "", "位置")),
    }
    notes.update({f"info_{k}": rng.choice(v) for k, v in INFO_LABELS.items()})
    name = f"{prefix}{trade}{suffix}"
    site = Site(family, name, f"China {en_trade} {en_suffix}", f"www.{rng.choice('abcdefghkmnpstwxyz')}"
                f"{rng.randint(10, 999)}.org.cn", encoding, rng.randint(2016, 2025), columns, urls, css, [], notes)
    site.nav = make_nav(rng, site)
    return site


def make_nav(rng: random.Random, site: Site) -> list[tuple[str, str]]:
    """20-60 links: home, the columns, about/service pages, per-metal committees and city offices."""
    labels = [c[0] for c in site.columns] + list(text.ABOUT_LABELS) + list(text.SERVICE_LABELS)
    labels += [f"{m}专委会" for m in text.METALS] + [f"{c}办事处" for c in text.CITIES]
    count = min(rng.randint(19, 59), len(labels))
    chosen = labels[:len(site.columns)] + rng.sample(labels[len(site.columns):], count - len(site.columns))
    links = [("首页", site.url("home"))]
    for number, label in enumerate(chosen):
        links.append((label, f"http://{site.host}/{'list' if number % 2 else 'col'}/{number + 3}/"))
    return links


# ------------------------------------------------------------------------------------------------ chrome
def head(site: Site, title: str, english: bool = False) -> str:
    label = site.opt("charset_label")
    meta = {"http-equiv": f'<meta http-equiv="Content-Type" content="text/html; charset={label}" />',
            "charset": f'<meta charset="{label}">', "none": ""}[site.opt("meta")]
    words = "recycled metals, aluminium, copper" if english else f"{site.name},再生金属,铝,铜,协会"
    return (f"<head>{meta}<title>{escape(title)}</title><meta name=\"keywords\" content=\"{words}\" />"
            f'<link rel="stylesheet" href="/skin/css/style.css" type="text/css" />'
            f'<script type="text/javascript" src="/skin/js/jquery.js"></script></head>')


def masthead(site: Site, rng: random.Random, english: bool) -> str:
    if english:
        return (f'<div class="header"><a href="/en/" class="logo">{site.en_name}</a>'
                '<span class="lang"><a href="/">中文版</a></span></div>')
    tools = rng.sample(["设为首页", "加入收藏", "联系我们", "English", "会员登录"], rng.randint(2, 5))
    links = " | ".join(f'<a href="javascript:void(0)">{t}</a>' for t in tools)
    logo = (f'<a href="/"><img src="/images/logo.png" alt="{site.name}" /></a>' if rng.random() < 0.5
            else f'<h1 class="sitename"><a href="/">{site.name}</a></h1><p>{site.en_name}</p>')
    search = ("" if rng.random() < 0.4 else f'<form action="{site.url("search")}" method="get"><input type="text" '
              'name="q" value="请输入关键字" /><input type="submit" value="搜索" /></form>')
    return f'<div class="top"><span>欢迎访问{site.name}！</span>{links}</div><div class="header">{logo}{search}</div>'


def nav_bar(site: Site, english: bool) -> str:
    if english:
        items = ("Home", "About Us", "News", "Members", "Standards", "Events", "Contact Us")
        links = "".join(f'<li><a href="/en/{i}/">{t}</a></li>' for i, t in enumerate(items))
        return f'<div class="nav"><ul>{links}</ul></div>'
    links = [f'<a href="{href}">{label}</a>' for label, href in site.nav]
    style = site.opt("nav_style")
    if style == "pipes":
        return '<div id="nav">' + " | ".join(links) + "</div>"
    if style == "table":
        return '<table class="nav" width="100%"><tr>' + "".join(f"<td>{a}</td>" for a in links) + "</tr></table>"
    if style == "ul-dropdown":
        main, rest = links[:9], links[9:]
        step = max(1, len(rest) // len(main) + 1)
        groups = [rest[i * step:(i + 1) * step] for i in range(len(main))]
        menus = "".join(f'<li>{a}<ul class="sub">{"".join(f"<li>{s}</li>" for s in g)}</ul></li>'
                        for a, g in zip(main, groups, strict=True))
        return f'<div class="menu"><ul>{menus}</ul></div>'
    return '<div class="nav"><ul>' + "".join(f"<li>{a}</li>" for a in links) + "</ul></div>"


def crumbs(site: Site, trail: list[str], english: bool = False) -> str:
    sep, word = site.opt("crumb_sep"), ("You are here" if english else site.opt("crumb_word"))
    parts = [f'<a href="{site.url("home")}">{"Home" if english else "首页"}</a>']
    parts += [f'<a href="{site.url("list")}">{escape(t)}</a>' for t in trail[:-1]] + [escape(t) for t in trail[-1:]]
    lead = f"{word}{site.opt('colon')}" if word else ""
    html = f'<div class="{site.notes.get("crumb_box", "position")}">{lead}{sep.join(parts)}</div>'
    site.rendered["trail"], site.rendered["crumbs"] = list(trail), shown_text(html)
    return html


def sidebar(site: Site, rng: random.Random, english: bool) -> str:
    """1-3 boxes (推荐内容, 热点内容...) of ``column | headline`` items, some with a teaser."""
    boxes = []
    for heading in rng.sample(("Latest News",
                               "Related") if english else SIDEBAR_HEADINGS, rng.randint(1, 2 if english else 3)):
        items, teasers, truth = [], rng.random() < 0.4, []
        for _ in range(rng.randint(5, 10)):
            ref = site.ref(rng)
            if english:
                ref.headline, ref.column = text.fill(rng, rng.choice(text.EN_HEADLINES), english=True), ("News", "news")
            item, label = listing_item(site, ref, site.notes.get("item_style", "label|title"))
            teaser = None
            if teasers:
                teaser = text.clip(text.sentences(rng, text.SENTENCES, 1), rng.randint(30, 60))
                item += f"<p>{teaser}</p>"
            items.append(f"<li>{item}</li>")
            truth.append(TruthItem(label, ref.headline, site.url("article", ref), teaser))
        more = "More" if english else "更多&gt;&gt;"
        boxes.append(f'<div class="box"><div class="box_hd"><h3>{heading}</h3><a class="more" '
                     f'href="{site.url("list")}">{more}</a></div><ul>{"".join(items)}</ul></div>')
        site.rendered.setdefault("listings", []).append(TruthBlock(heading, tuple(truth)))
    return f'<div class="{site.css["side"]}">{"".join(boxes)}</div>'


#: How a sidebar item shows its column label beside its title (``item_style`` note; see choose_layout).
ITEM_STYLES = ("label|title", "[label]title", "title(label)", "span-label")
#: What stands between the breadcrumb and the article (``crumb_widget`` note): nothing, or a comments link.
CRUMB_WIDGETS = ("none", "comments-link")


def choose_layout(rng: random.Random, site: Site) -> None:
    """Draw this site's sidebar item style, crumb widget and body notice from ``rng`` (an rng of their own, so that
    the page rng and the pages of sites drawn before these variants existed stay the same)."""
    site.notes["item_style"] = rng.choice(ITEM_STYLES)
    site.notes["crumb_widget"] = rng.choice(CRUMB_WIDGETS)
    site.notes["body_notice"], site.notes["notice_text"] = rng.choice(NOTICE_PLACES), draw_notice(rng)
    # drawn last, so that the draws above stay what they were for a seed
    site.notes["item_label"] = rng.choice(("column", "column", "long"))
    site.notes["item_title"] = rng.choice(("whole", "whole", "clipped"))
    site.notes["item_joint"] = rng.choice(("as-style", "as-style", "as-style", "adjacent"))
    # the breadcrumb's box: a name the rules know, or one they do not (then only a lead word, or the site, tells)
    site.notes["crumb_box"] = rng.choice(("position", "position", "position", "lmbar", "sub_tit"))
    # <title> as '栏目 - 标题' (no site name), and a ——subtitle under the headline inside its element
    site.notes["title_order"] = rng.choice(("pattern", "pattern", "pattern", "column-first"))
    site.notes["headline_subtitle"] = rng.choice(("none", "none", "none", "br-dash"))
    # a kicker (引题) above the headline, in an element of its own: its tag, or none
    site.notes["headline_kicker"] = rng.choice(("none", "none", "none", "none") + KICKER_TAGS)


def footer(site: Site, rng: random.Random, english: bool) -> str:
    if english:
        html = f'<div class="footer">Copyright &copy; {site.year} {site.en_name}. All Rights Reserved.</div>'
        site.rendered["footer"] = [shown_text(html)]
        return html
    lines = [f"版权所有：{site.name} Copyright &copy; 2008-{site.year}",
             f"地址：{rng.choice(text.CITIES)}市{rng.choice(text.SLOTS['brand'])}路{rng.randint(1, 300)}号 "
             f"邮编：{rng.randint(100000, 999999)}", f"电话：0{rng.randint(10, 999)}-{rng.randint(10000000, 99999999)}",
             f'<a href="https://beian.miit.gov.cn/">京ICP备{rng.randint(10000000, 99999999)}号</a>',
             f"技术支持：{rng.choice(text.SLOTS['brand'])}网络", '您是第<script src="/count.php"></script>位访客',
             '<a href="/sitemap/">网站地图</a> | <a href="/about/">关于我们</a> | <a href="/lxwm/">联系我们</a>']
    friends = "" if rng.random() < 0.5 else '<div class="links"><b>友情链接：</b>' + " ".join(
        f'<a href="http://www.{t}.gov.cn/">{n}</a>' for t, n in (("miit", "工业和信息化部"), ("ndrc", "国家发展改革委"),
                                                                 ("mee", "生态环境部"), ("samr",
                                                                                         "市场监管总局"))) + "</div>"
    shown = rng.sample(lines, rng.randint(3, len(lines)))
    site.rendered["footer"] = [t for t in map(shown_text, shown + [friends]) if t]
    return friends + '<div class="footer">' + "<br />".join(shown) + "</div>"


def layout(site: Site, main: str, side: str) -> str:
    if site.opt("layout") == "table":
        cells = [f'<td width="260" valign="top">{side}</td>', f'<td valign="top">{main}</td>']
        if site.opt("sidebar") == "right":
            cells.reverse()
        return (f'<table width="1000" align="center" cellpadding="0" cellspacing="0" border="0">'
                f'<tr>{"".join(cells)}</tr></table>')
    parts = [f'<div class="left">{main}</div>', side]
    if site.opt("sidebar") == "left":
        parts.reverse()
    return f'<div class="{site.css["wrap"]}">{"".join(parts)}</div>'


def page(site: Site, rng: random.Random, title: str, trail: list[str], main: str, english: bool = False,
         with_sidebar: bool = True) -> str:
    """A whole page of the site around ``main``."""
    side = sidebar(site, rng, english) if with_sidebar and site.opt("sidebar") != "none" else ""
    doctype = rng.choice(('<!DOCTYPE html>', '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
                                             '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'))
    lang = "en" if english else "zh-CN"
    widget = ""
    if site.notes.get("crumb_widget") == "comments-link" and len(trail) >= 2 and not english:
        widget = f'<div class="pl_link"><a href="{site.url("comments")}">查看所有评论</a></div>'
    return (f'{doctype}\n<html lang="{lang}">{head(site, title, english)}<body>{masthead(site, rng, english)}'
            f"{nav_bar(site, english)}{crumbs(site, trail, english)}{widget}{layout(site, main, side)}"
            f"{footer(site, rng, english)}</body></html>")


# ------------------------------------------------------------------------------------------ article parts
def headline_html(site: Site, rng: random.Random, headline: str) -> str:
    """The headline where this site puts it (h1, h2, div.title or a table cell), possibly split by <br> or spans."""
    inner, split = escape(headline), site.opt("title_split")
    cuts = [n for n in range(len(headline) // 3, 2 * len(headline) // 3 + 1) if not headline[n - 1:n + 1].isascii()]
    if split != "none" and len(headline) >= 10 and cuts:
        cut = rng.choice(cuts)  # never inside a number or an English word
        first, second = escape(headline[:cut]), escape(headline[cut:])
        spans = f'<span class="t1">{first}</span><span class="t2">{second}</span>'
        inner = f"{first}<br />{second}" if split == "br" else spans
    inner += dash_subtitle(site.notes, rng, headline)
    tag, css, kicker = site.opt("headline_tag"), site.css["title"], kicker_html(site.notes, rng, headline)
    if tag == "div.title":
        return f'{kicker}<div class="{css}">{inner}</div>'
    if tag == "td":
        kicker = f'<tr><td align="center">{kicker}</td></tr>' if kicker else ""
        return f'{kicker}<tr><td class="{css}" align="center" height="50">{inner}</td></tr>'
    return f'{kicker}<{tag} class="{css}">{inner}</{tag}>'


def info_line(site: Site, rng: random.Random, values: dict[str, str], english: bool = False) -> str:
    """来源/作者/责任编辑/发布时间/点击数 in this site's order, labels and separators; ``values`` says which appear."""
    site.rendered["info"] = {k: v for k, v in values.items() if k in ("source", "author", "editor")}
    if english:
        parts = [f"{k.title()}: {v}" for k, v in values.items() if k != "hits"]
    else:
        colon, parts = site.opt("colon"), []
        for key in site.opt("info_order").split(","):
            if key in values:
                parts.append(f"{site.opt('info_' + key)}{colon}{values[key]}")
    sep = site.opt("info_sep")
    inner = f"<span>{sep.join(parts)}</span>" if sep.startswith("</span>") else sep.join(parts)
    if site.opt("headline_tag") == "td":
        return f'<tr><td class="{site.css["info"]}" align="center">{inner}</td></tr>'
    return f'<div class="{site.css["info"]}">{inner}</div>'


def body_html(rng: random.Random, paras: list[str]) -> str:
    """Paragraphs (HTML fragments) as <p>, indented <p> or one <div> of <br />-separated lines."""
    style = rng.choice(("p", "p-indent", "p-style", "br"))
    if style == "br":
        return "<div>" + "<br />".join(p if block(p) else f"　　{p}" for p in paras) + "</div>"
    lead = {"p": "", "p-indent": "　　", "p-style": ""}[style]
    attr = ' style="text-indent:2em;"' if style == "p-style" else ""
    return "".join(p if block(p) else f"<p{attr}>{lead}{p}</p>" for p in paras)


def block(fragment: str) -> bool:
    """A table or div, which cannot sit inside a <p>."""
    return fragment.startswith(("<table", "<div"))


def prev_next(site: Site, rng: random.Random) -> str:
    a, b = site.ref(rng), site.ref(rng)
    return (f'<div class="prenext"><p>上一篇：<a href="{site.url("article", a)}">{escape(a.headline)}</a></p>'
            f'<p>下一篇：<a href="{site.url("article", b)}">{escape(b.headline)}</a></p></div>')


def article_block(site: Site, rng: random.Random, headline: str, info: str, body: str, after: str = "",
                  under: str = "") -> str:
    """Headline, ``under`` (a byline line, or nothing), info line, share widget and body in the site's article
    container (a table for td headlines)."""
    top = share_widget(site.opt("share")) if rng.random() < 0.5 else ""
    bottom, body = "" if top else share_widget(site.opt("share")), with_notice(site.notes, site.rendered, body)
    if site.opt("headline_tag") == "td":
        under = f'<tr><td align="center">{under}</td></tr>' if under else ""
        return (f'<table class="{site.css["article"]}" width="100%">{headline_html(site, rng, headline)}{under}'
                f'{info}<tr><td>{top}<div class="{site.css["body"]}">{body}</div>{bottom}</td></tr></table>{after}')
    under = f'<p style="text-align:center">{under}</p>' if under else ""
    return (f'<div class="{site.css["article"]}">{headline_html(site, rng, headline)}{under}{info}{top}'
            f'<div class="{site.css["body"]}">{body}</div>{bottom}</div>{after}')


def encode(site: Site, html: str) -> tuple[bytes, dict[str, str]]:
    """The page's bytes in the site's encoding and its response headers (charset in Content-Type or not)."""
    charset = ""
    if site.opt("charset_header") == "True":
        charset = "; charset=" + ("GBK" if site.encoding == "gbk" else "utf-8")
    server = {"home-made": "Microsoft-IIS/7.5", "TRS/Hanweb": "Apache-Coyote/1.1"}.get(site.family, "nginx")
    return html.encode(site.encoding, errors="xmlcharrefreplace"), {"Content-Type": f"text/html{charset}",
                                                                    "Server": server}
