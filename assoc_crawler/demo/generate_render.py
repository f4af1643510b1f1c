"""Markup of generated sites: the DedeCMS-like home, about, list and article pages of a
:class:`~assoc_crawler.demo.generate.GeneratedSite` (HTML text, stored as UTF-8)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .generate_text import Article, seeded_rng, truncate

if TYPE_CHECKING:
    from .generate import GeneratedSite

#: How many of the newest articles the home page lists.
HOME_ITEMS = 20
#: Items in each sidebar (推荐内容, 热点内容) of an article page.
SIDEBAR_ITEMS = 5
#: The 热点内容 sidebar picks among this many articles just older than the page's own.
HOT_WINDOW = 40
#: Numbered links shown by the pagination block at most.
PAGE_WINDOW = 10
#: ... in DedeCMS's default pager (the "dede" pager of a site), which adds a <select> of every page.
DEDE_PAGE_WINDOW = 5

# ------------------------------------------------------------------------------------------- markup
STYLE_SHEET = """body{margin:0;font:12px/1.8 SimSun,serif;color:#333}
a{color:#1a4f8b;text-decoration:none}
.w960{width:960px}.center{margin:0 auto}.clear{clear:both}.mt1{margin-top:10px}
.nav ul li{display:inline-block;padding:0 12px}
.pleft{float:left;width:700px}.pright{float:right;width:250px}
.pagelist li{display:inline;margin:0 3px}.pagelist .current{font-weight:bold}
.footer{clear:both;text-align:center;border-top:2px solid #1a4f8b}
"""


class PageRenderer:
    """Renders the pages of one :class:`GeneratedSite` (HTML text, stored as UTF-8)."""

    def __init__(self, site: GeneratedSite) -> None:
        self.site = site
        self.charset = site.header_charset or site.encoding
        self.site_title = escape(site.title)

    # ------------------------------------------------------------------------------------- fragments
    def head(self, title: str, body_class: str, description: str = "", keywords: str = "") -> str:
        meta = ""
        if keywords:
            meta += f'<meta name="keywords" content="{escape(keywords)}" />\n'
        if description:
            meta += f'<meta name="description" content="{escape(description)}" />\n'
        return (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
            f'<meta http-equiv="Content-Type" content="text/html; charset={self.charset}" />\n'
            f"<title>{title}</title>\n{meta}"
            '<link href="/templets/default/style/dedecms.css" rel="stylesheet" media="screen" type="text/css" />\n'
            f'</head>\n<body class="{body_class}">\n'
        )

    def header(self, current: int | None) -> str:
        items = ["<li><a href='/'><span>首页</span></a></li>"]
        for category, name in enumerate(self.site.category_names, start=1):
            hover = " class='hover'" if category == current else ""
            href = self.site.category_path(category)
            items.append(f"<li{hover}><a href='{href}'><span>{escape(name)}</span></a></li>")
        items.append("<li><a href='/about/'><span>关于我们</span></a></li>")
        nav = "\n".join(items)
        return (
            '<div class="header_top">\n  <div class="w960 center">\n'
            f'    <span class="time">欢迎访问{self.site_title}网站！</span>\n  </div>\n</div>\n'
            '<div class="header">\n  <div class="top w960 center">\n'
            f'    <div class="logo"><a href="/">{self.site_title}</a></div>\n  </div>\n'
            '  <div class="module blue mT10 wrapper w963">\n    <div class="nav">\n'
            f'      <ul id="nav">\n{nav}\n      </ul>\n    </div>\n  </div>\n</div>\n'
        )

    def footer(self) -> str:
        first_year = self.site.copyright_year - 12
        return (
            '<div class="footer w960 center mt1 clear">\n'
            '  <p class="links"><a href="/about/">关于我们</a> | <a href="/about/#join">入会指南</a> | '
            '<a href="/">网站首页</a></p>\n'
            f'  <p class="powered">主办单位：{self.site_title} &nbsp;&nbsp;电话：010-6000 0000<br />\n'
            f'  Copyright &copy; {first_year}-{self.site.copyright_year} {self.site_title} 版权所有 &nbsp;'
            'Powered by <strong>DedeCMS</strong> <a href="https://beian.miit.gov.cn/" target="_blank">'
            '京ICP备00000000号-1</a></p>\n'
            '</div>\n</body>\n</html>\n'
        )

    def place(self, category: int) -> str:
        name = escape(self.site.category_names[category - 1])
        return (f"    <div class=\"place\"><strong>当前位置:</strong> <a href='/'>首页</a> > "
                f"<a href='{self.site.category_path(category)}'>{name}</a> > </div>\n")

    def sidebar_item(self, article: Article) -> str:
        name = escape(self.site.category_names[article.category - 1])
        return (f'<li><a href="{article.path}">{name} | {escape(truncate(article.first_title, 14))}</a>'
                f"<p>{escape(truncate(article.first_teaser, 24))}</p></li>")

    def sidebars(self, article: Article, position: int) -> str:
        """推荐内容 and 热点内容: a fixed pseudo-random choice among the articles created before this one."""
        rng = seeded_rng(self.site.seed, "sidebars", article.id)
        earlier = self.site.articles[:position]
        recommended = rng.sample(earlier, min(SIDEBAR_ITEMS, len(earlier)))
        recent = earlier[-HOT_WINDOW:]
        hot = rng.sample(recent, min(SIDEBAR_ITEMS, len(recent)))
        blocks = []
        for css, heading, ul_class, chosen in (("commend", "推荐内容", "d4", recommended),
                                               ("hot", "热点内容", "c1 ico2", hot)):
            items = "\n".join(self.sidebar_item(item) for item in chosen)
            blocks.append(
                f'    <div class="{css} mt1">\n      <dl class="tbox light">\n'
                f"        <dt class='light'><strong>{heading}</strong></dt>\n        <dd class='light'>\n"
                f'          <ul class="{ul_class}">\n{items}\n          </ul>\n        </dd>\n      </dl>\n    </div>\n'
            )
        return '  <div class="pright">\n' + "".join(blocks) + "  </div>\n"

    # ----------------------------------------------------------------------------------------- pages
    def home(self) -> str:
        newest = self.site.live_articles()[:HOME_ITEMS]
        tracking = "?from=index" if self.site.tracking else ""
        items = "\n".join(
            f'<li><span class="date">{a.published:%Y-%m-%d}</span>'
            f'<a href="{a.path.lstrip("/")}{tracking}" title="{escape(a.title)}">{escape(a.title)}</a></li>'
            for a in newest
        )
        more = " ".join(f"<a href='{self.site.category_path(k)}'>{escape(name)}</a>"
                        for k, name in enumerate(self.site.category_names, start=1))
        return (
            self.head(self.site_title, "index", f"{self.site.title}官方网站", "再生金属,回收,行业协会")
            + self.header(None)
            + '<div class="w960 center clear mt1">\n  <div class="pleft">\n'
            '    <dl class="tbox">\n      <dt><strong>最新资讯</strong></dt>\n      <dd>\n'
            f'        <ul class="c1 ico1">\n{items}\n        </ul>\n      </dd>\n    </dl>\n'
            f'    <div class="more">栏目导航：{more}</div>\n  </div>\n</div>\n'
            + self.footer()
        )

    def about(self) -> str:
        """关于我们: a static page without a date (neither an article nor a list)."""
        names = "、".join(self.site.category_names)
        return (
            self.head(f"关于我们_{self.site_title}", "about")
            + self.header(None)
            + '<div class="w960 center clear mt1">\n  <div class="pleft">\n'
            "    <div class=\"place\"><strong>当前位置:</strong> <a href='/'>首页</a> > 关于我们</div>\n"
            f'    <div class="about"><p>{self.site_title}是由再生金属回收、加工和利用企业自愿组成的行业组织，'
            f"网站设有{escape(names)}等栏目。</p>\n"
            '    <p id="join">入会申请请与协会秘书处联系。</p></div>\n  </div>\n</div>\n'
            + self.footer()
        )

    def pagination(self, category: int, page: int, pages: int, total: int) -> str:
        def link(number: int, text: str) -> str:
            href = (self.site.category_path(category) if number == 1
                    else f"list_{category}_{number}.html")
            return f"<li><a href='{href}'>{text}</a></li>"

        def disabled(text: str) -> str:
            return f'<li><span class="disabled">{text}</span></li>'

        window = PAGE_WINDOW if self.site.pager == "wide" else DEDE_PAGE_WINDOW
        first = max(1, page - window // 2)
        last = min(pages, first + window - 1)
        first = max(1, last - window + 1)
        parts = [link(1, "首页") if page > 1 else disabled("首页"),
                 link(page - 1, "上一页") if page > 1 else disabled("上一页")]
        for number in range(first, last + 1):
            parts.append(f'<li><span class="current">{number}</span></li>' if number == page
                         else link(number, str(number)))
        parts += [link(page + 1, "下一页") if page < pages else disabled("下一页"),
                  link(pages, "末页") if page < pages else disabled("末页"),
                  f'<li><span class="pageinfo">共 <strong>{pages}</strong>页<strong>{total}</strong>条</span></li>']
        if self.site.pager == "dede":  # DedeCMS's jump menu: every page, reached only by script
            options = "".join(
                f"<option value='{self.site.category_path(category) if n == 1 else f'list_{category}_{n}.html'}'"
                f"{' selected' if n == page else ''}>{n}</option>" for n in range(1, pages + 1))
            parts.append("<li><select name='sldd' style='width:36px' "
                         f"onchange='location.href=this.options[this.selectedIndex].value;'>{options}</select></li>")
        return ('    <div class="dede_pages">\n      <ul class="pagelist">\n        '
                + "".join(parts) + "\n      </ul>\n    </div>\n")

    def list_page(self, category: int, page: int, pages: int, items: list[Article], total: int) -> str:
        name = escape(self.site.category_names[category - 1])
        entries = "\n".join(
            "            <li>\n"
            f'              <a href="{a.moved_path or f"{a.published:%Y%m%d}/{a.id}.html"}" class="title">'
            f'{escape(a.title)}</a>\n'
            f'              <span class="info"><small>日期：</small>{a.published:%Y-%m-%d %H:%M}</span>\n'
            f'              <p class="intro">{escape(a.teaser)}</p>\n'
            "            </li>"
            for a in items
        )
        suffix = f"_第{page}页" if page > 1 else ""
        return (
            self.head(f"{name}{suffix}_{self.site_title}", "articlelist", f"{self.site.title}{name}栏目")
            + self.header(category)
            + '<div class="w960 center clear mt1">\n  <div class="pleft">\n'
            + self.place(category)
            + f'    <div class="listbox">\n      <ul class="e2">\n{entries}\n      </ul>\n    </div>\n'
            + self.pagination(category, page, pages, total)
            + "  </div>\n</div>\n"
            + self.footer()
        )

    def article(self, article: Article, position: int) -> str:
        if article.template == "broken":
            return self.broken_article(article, position)
        name = escape(self.site.category_names[article.category - 1])
        title = escape(article.title)
        paragraphs = "\n".join(f"<p>　　{escape(text)}</p>" for text in article.paragraphs)
        return (
            self.head(f"{title}_{name}_{self.site_title}", "articleview", article.teaser, f"{name},{article.title[:4]}")
            + self.header(article.category)
            + '<div class="w960 center clear mt1">\n  <div class="pleft">\n'
            + self.place(article.category)
            + '    <div class="viewbox">\n'
            f'      <div class="title">\n        <h1>{title}</h1>\n      </div>\n'
            '      <div class="info">\n'
            f"        <small>发布时间:</small>{article.published:%Y-%m-%d %H:%M}"
            f"<small>资讯来源:</small>{escape(article.source)} <small>作者:</small>{escape(article.author)}\n"
            "      </div>\n"
            '      <div class="content" id="zoom">\n'
            f"<div>\n{paragraphs}\n</div>\n(责任编辑:{escape(article.editor)})\n"
            "      </div>\n"
            '      <div class="boxoff"><strong>------分隔线----------------------------</strong></div>\n'
            "    </div>\n  </div>\n"
            + self.sidebars(article, position)
            + "</div>\n"
            + self.footer()
        )

    def broken_article(self, article: Article, position: int) -> str:
        """The redesigned template: no <h1>, no date, no source or editor line; title in a plain div."""
        paragraphs = "\n".join(f"<p>{escape(text)}</p>" for text in article.paragraphs)
        return (
            self.head(self.site_title, "v2")
            + self.header(article.category)
            + '<div class="w960 center clear mt1">\n  <div class="pleft">\n'
            + self.place(article.category)
            + '    <div class="art-wrap">\n'
            f'      <div class="t">{escape(article.title)}</div>\n'
            f'      <div class="txt">\n{paragraphs}\n      </div>\n'
            "    </div>\n  </div>\n"
            + self.sidebars(article, position)
            + "</div>\n"
            + self.footer()
        )
