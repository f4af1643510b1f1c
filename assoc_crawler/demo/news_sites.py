"""English news sites drawn at random, to measure body extraction and the page gate on English news pages.

:func:`make_news_site` draws every template choice of a site once (theme markup, class names, URL shape, title
format, how bylines and dates look, which widgets surround the text); :class:`NewsSite` renders the chrome around a
main block: head, skip link, top bar, masthead, navigation (sometimes a mega menu of a hundred links), breadcrumb,
sidebar (most read, newsletter, advertisement) and footer. Pages themselves are in :mod:`.news_pages`.
Everything depends only on the ``random.Random`` passed in.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html import escape
from types import ModuleType

from . import news_text

THEMES = ("wordpress", "arc", "legacy-table", "drupal", "blog", "bootstrap")
#: Class names of the text container per theme (a site picks one).
BODY_CLASSES = {
    "wordpress": ("entry-content", "td-post-content", "post-content", "single-content"),
    "arc": ("article-body", "c-article-body", "story-body__inner", "ArticleBody-articleBody"),
    "legacy-table": ("storytext", "bodytext", "text"),
    "drupal": ("field--name-body", "node__content", "field-item even"),
    "blog": ("post-body", "entry", "markdown-body"),
    "bootstrap": ("col-md-8 article-text", "content-text", "news-body"),
}
ARTICLE_URLS = ("/{section}/{y}/{m}/{d}/{slug}/", "/news/{slug}-{id}.html", "/article/{id}/{slug}",
                "/{section}/{slug}-{id}", "/story/{y}-{m}-{d}/{slug}", "/?p={id}", "/{y}/{m}/{slug}.html")
@dataclass
class NewsSite:
    """One English news site: every template choice, drawn once by :func:`make_news_site`."""

    seed: int
    name: str
    host: str
    theme: str
    sections: list[str]
    opts: dict[str, str] = field(default_factory=dict)
    serial: int = 0
    vocab: ModuleType = news_text  # the language's words: news_text, news_text_de

    def ui(self, key: str) -> str:
        """A word of the chrome or of a widget in the site's language."""
        return self.vocab.UI[key]

    @property
    def base(self) -> str:
        return f"http://{self.host}"

    def opt(self, key: str) -> str:
        return self.opts[key]

    def on(self, key: str) -> bool:
        return self.opts.get(key) == "yes"

    def article_url(self, rng: random.Random, section: str, headline: str, when: datetime) -> str:
        self.serial += 1
        path = self.opt("article_url").format(section=section.lower(), y=when.year, m=f"{when.month:02d}",
                                              d=f"{when.day:02d}", slug=self.vocab.slug(headline),
                                              id=rng.randint(10000, 999999) * 10 + self.serial % 10)
        return self.base + path

    def section_url(self, section: str) -> str:
        return f"{self.base}/{section.lower()}/"

    def when(self, rng: random.Random) -> datetime:
        return datetime(2026, 1, 1, 6) + timedelta(minutes=rng.randint(0, 60 * 24 * 330))

    def date_text(self, when: datetime) -> str:
        return self.vocab.date_text(when, self.opt("date_format"))

    def page_title(self, headline: str, section: str) -> str:
        return self.opt("title_format").format(h=headline, site=self.name, section=section)


def yes(rng: random.Random, chance: float) -> str:
    return "yes" if rng.random() < chance else "no"


def make_news_site(rng: random.Random, seed: int, vocab: ModuleType = news_text) -> NewsSite:
    """Draw one news site in the language of ``vocab``: its name and host, theme, sections and every widget
    option."""
    town, paper = rng.choice(vocab.TOWNS), rng.choice(vocab.PAPERS)
    name = vocab.paper_name(town, paper) if rng.random() < 0.6 else f"{town} {paper}"
    theme = THEMES[seed % len(THEMES)]
    sections = rng.sample(vocab.SECTIONS, rng.randint(5, 10))
    opts = {
        "body_class": rng.choice(BODY_CLASSES[theme]), "article_url": rng.choice(ARTICLE_URLS),
        "title_format": rng.choice(vocab.TITLE_FORMATS), "date_format": rng.choice(vocab.DATE_FORMATS),
        "byline_form": rng.choice(vocab.BYLINE_FORMS), "semantic": yes(rng, 0.5 if theme != "legacy-table" else 0.0),
        "mega_menu": yes(rng, 0.35), "breadcrumb": yes(rng, 0.4), "sidebar": yes(rng, 0.6), "dek": yes(rng, 0.5),
        "lead_figure": yes(rng, 0.6), "share_bar": yes(rng, 0.7), "inline_related": yes(rng, 0.5),
        "inline_ad": yes(rng, 0.5), "newsletter_box": yes(rng, 0.4), "tags": yes(rng, 0.5),
        "author_bio": yes(rng, 0.35), "comments": yes(rng, 0.3), "more_grid": yes(rng, 0.7),
        "og": yes(rng, 0.7), "jsonld": yes(rng, 0.4), "reading_time": yes(rng, 0.3),
        "paragraphs": "br" if theme == "legacy-table" and rng.random() < 0.5 else "p",
        "byline_links": yes(rng, 0.5), "headline_split": yes(rng, 0.15), "copyright_line": yes(rng, 0.3),
    }
    host = f"www.{vocab.slug(town)}{vocab.slug(paper)}{seed}.{vocab.TLD}"
    return NewsSite(seed, name, host, theme, sections, opts, vocab=vocab)


def head(site: NewsSite, title: str, og_title: str | None, extra: str = "") -> str:
    meta = f'<meta property="og:site_name" content="{escape(site.name)}">' if site.on("og") else ""
    if og_title and site.on("og"):
        meta += f'<meta property="og:title" content="{escape(og_title)}"><meta property="og:type" content="article">'
    return (f'<!DOCTYPE html><html lang="{site.vocab.LANG}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">{meta}{extra}'
            '<link rel="stylesheet" href="/assets/site.css"><script src="/assets/app.js"></script></head>')


def nav(site: NewsSite, rng: random.Random) -> str:
    """The main navigation: sections, and under each a dozen subsections when the site has a mega menu."""
    items = []
    for section in site.sections:
        sub = ""
        if site.on("mega_menu"):
            links = "".join(f'<li><a href="{site.section_url(section)}{escape(word.lower().replace(" ", "-"))}/">'
                            f"{escape(word)}</a></li>" for word in rng.sample(site.vocab.SLOTS["Topic"], 6))
            sub = f'<ul class="sub-menu">{links}</ul>'
        items.append(f'<li class="menu-item"><a href="{site.section_url(section)}">{section}</a>{sub}</li>')
    return f'<nav class="main-nav" role="navigation"><ul class="menu">{"".join(items)}</ul></nav>'


def masthead(site: NewsSite, rng: random.Random) -> str:
    top = (f'<div class="top-bar"><span class="today">{site.ui("today")}</span>'
           f'<a href="/subscribe/">{site.ui("subscribe")}</a> <a href="/login/">{site.ui("sign_in")}</a> '
           f'<a href="/newsletters/">{site.ui("newsletters")}</a></div>') if rng.random() < 0.6 else ""
    search = (f'<form class="search-form" action="/search/"><input type="search" name="q" '
              f'placeholder="{site.ui("search")}"><button type="submit">{site.ui("search")}</button></form>')
    return (f'<a class="skip-link" href="#main">{site.ui("skip")}</a>{top}<header class="site-header">'
            f'<a class="logo" href="/"><img src="/assets/logo.png" alt="{escape(site.name)}"></a>{search}'
            f"{nav(site, rng)}</header>")


def crumbs(site: NewsSite, section: str) -> str:
    if not site.on("breadcrumb"):
        return ""
    return (f'<div class="breadcrumb"><a href="/">{site.ui("home")}</a> &rsaquo; '
            f'<a href="{site.section_url(section)}">{section}</a></div>')


def story_link(site: NewsSite, rng: random.Random) -> tuple[str, str]:
    """(URL, headline) of another story of the site."""
    headline = site.vocab.headline(rng)
    return site.article_url(rng, rng.choice(site.sections), headline, site.when(rng)), headline


def sidebar(site: NewsSite, rng: random.Random) -> str:
    if not site.on("sidebar"):
        return ""
    rows = "".join(f'<li><span class="rank">{n}</span><a href="{url}">{escape(h)}</a></li>'
                   for n, (url, h) in enumerate((story_link(site, rng) for _ in range(rng.randint(5, 10))), 1))
    letter = (f'<div class="widget newsletter"><h3>{site.ui("briefing")}</h3><p>{site.ui("briefing_text")}'
              f'</p><form><input type="email" placeholder="{site.ui("email")}"><button>{site.ui("sign_up")}</button>'
              "</form></div>") if rng.random() < 0.5 else ""
    return (f'<aside class="sidebar"><div class="widget most-read"><h3>{site.ui("most_read")}</h3><ol>{rows}</ol>'
            f'</div>{letter}<div class="ad ad-sidebar"><span>{site.ui("advertisement")}</span></div></aside>')


def footer(site: NewsSite, rng: random.Random) -> str:
    cols = "".join(f'<div class="footer-col"><h4>{section}</h4><ul>'
                   + "".join(f'<li><a href="{site.section_url(section)}{t.split()[-1].lower()}/">{escape(t)}</a></li>'
                             for t in rng.sample(site.vocab.SLOTS["Topic"], 4)) + "</ul></div>"
                   for section in site.sections[:4])
    legal = (("/about/", "about_us"), ("/contact/", "contact"), ("/privacy/", "privacy"), ("/terms/", "terms"),
             ("/advertise/", "advertise"))
    about = '<ul class="legal">' + "".join(f'<li><a href="{u}">{site.ui(k)}</a></li>' for u, k in legal) + "</ul>"
    return (f'<footer class="site-footer">{cols}{about}<p class="copyright">&copy; 2026 {escape(site.name)}. '
            f'{site.ui("rights")}</p></footer>')


def page(site: NewsSite, rng: random.Random, title: str, og_title: str | None, section: str, main: str,
         head_extra: str = "") -> str:
    """A whole page: head, masthead, breadcrumb, main block, sidebar, footer, in the theme's markup."""
    body = f"{crumbs(site, section)}{main}"
    side = sidebar(site, rng)
    if site.theme == "legacy-table":
        layout = (f'<table width="980" align="center" cellpadding="0" cellspacing="0"><tr><td valign="top" '
                  f'width="680">{body}</td><td valign="top">{side}</td></tr></table>')
    else:
        tag = "main" if site.on("semantic") else "div"
        layout = (f'<div class="container"><div class="row"><{tag} id="main" class="content-area">{body}</{tag}>'
                  f"{side}</div></div>")
    return (f"{head(site, title, og_title, head_extra)}<body class=\"{site.theme}\">{masthead(site, rng)}"
            f"{layout}{footer(site, rng)}</body></html>")
