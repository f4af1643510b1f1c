"""What a site's own pages say about one of them: its templates, learned from the decisions of the page gate.

A crawl sees many pages of one site built from a handful of templates. A template shows in the URL: every
article of a DedeCMS site is ``/a/{column}/{date}/{id}.html``, every comment view of an EmpireCMS site
``/e/pl/?classid={n}&id={n}``. :func:`url_shape` turns a URL into its template's shape; :class:`SiteModel` counts,
per shape, how the page gate decided the site's pages; :meth:`SiteModel.verdict` then re-decides a page whose own
evidence was weak when the other pages of its shape agree:

* a page left out for want of evidence (``no-date``, ``no-body``, ``no-title``) whose shape is the site's article
  shape (nearly all its other pages are articles) is an article: ``site-template``;
* a doubtful article (``short-undated``, ``short-notice``...) whose shape is nearly all comment, print or other
  non-article views is one of them: ``site-template:<their reason>``.

Positive evidence is never overruled: a service URL or title, a login form, an error or download page, a short
page about the site itself, the home page, the entries of a list. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from .model import LinkShapes

__all__ = ["MIN_TEMPLATE_PAGES", "TEMPLATE_AGREEMENT", "PageDecision", "SiteModel", "link_shape", "page_skeleton",
           "url_shape"]

#: Other pages of a shape needed before the shape speaks for a page, and the share of them that must agree.
MIN_TEMPLATE_PAGES = 4
TEMPLATE_AGREEMENT = 0.9
#: Reasons that say the gate found no evidence either way: a page left out for want of a date, a body or a headline.
WEAK_REASONS = frozenset({"no-date", "no-body", "no-title"})
#: Article reasons that say the gate was in doubt (see classify.py).
DOUBTFUL_ARTICLE_REASONS = frozenset({"short-notice", "short-undated", "link-heavy-prose", "untitled-prose",
                                      "title-body", "paywall"})
TEMPLATE_REASON = "site-template"

_DIGITS_RE = re.compile(r"\d+")
_WORD_SEGMENT_RE = re.compile(r"^[A-Za-z_-]+$")
_SLUG_RE = re.compile(r"^[A-Za-z0-9_-]+$")
_LETTERS_RE = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class PageDecision:
    """How the page gate decided one page of the site: type ('article', 'list', 'other') and reason."""

    url: str
    page_type: str
    reason: str | None = None
    template: str | None = None  # the page's skeleton (page_skeleton), when it has a headline


def class_key(element: etree._Element) -> str:
    """An element's classes as a template sees them: digits dropped, sorted, joined by '.' ('' without any)."""
    return ".".join(sorted({_DIGITS_RE.sub("", c) for c in (element.get("class") or "").split()} - {""}))


def page_skeleton(headline: etree._Element | None) -> str | None:
    """The skeleton of a page's template: the elements with a class or id from <body> (itself included: a body
    class often names the page's kind) down to its headline, as ``tag.class#id`` (classes sorted, digits dropped),
    joined by ``>``. Every article of a template shares it
    (a one-sentence or photo-only notice too); list, comment and print views put their heading elsewhere or have
    none. None without a headline."""
    if headline is None:
        return None
    parts = []
    element: etree._Element | None = headline
    while element is not None and isinstance(element.tag, str) and element.tag != "html":  # (body's classes too)
        classes = class_key(element)
        ident = _DIGITS_RE.sub("", element.get("id") or "")
        if classes or ident:
            parts.append(element.tag + (f".{classes}" if classes else "") + (f"#{ident}" if ident else ""))
        element = element.getparent()
    return ">".join(reversed(parts)) or None


def url_shape(url: str) -> str:
    """The template part of a URL: digits become ``{n}``; a word-only directory between the first and the last
    named segment (a column's slug) becomes ``{w}``; query keys and values are shaped the same way, keys sorted.
    ``/a/hyzx/20210321/1302.html`` -> ``/a/{w}/{n}/{n}.html``; ``/e/pl/?id=552&classid=2`` ->
    ``/e/pl/?classid={n}&id={n}``."""
    parts = urlsplit(url)
    segments = parts.path.split("/")
    last = max((i for i, segment in enumerate(segments) if segment), default=0)  # (/e/pl/ ends on 'pl')
    shaped = []
    for position, segment in enumerate(segments):
        inner = 1 < position < last
        shaped.append("{w}" if inner and _WORD_SEGMENT_RE.match(segment) else _DIGITS_RE.sub("{n}", segment))
    query = sorted((_DIGITS_RE.sub("{n}", key), _DIGITS_RE.sub("{n}", value))  # (/?news_3/12.html: a key-only path)
                   for key, value in parse_qsl(parts.query, keep_blank_values=True))
    return "/".join(shaped) + ("?" + "&".join(f"{k}={v}" if v else k for k, v in query) if query else "")


def link_shape(url: str) -> str:
    """A URL's shape as a link target: like `url_shape`, but the letters of every directory (a column's slug,
    first, last or between: ``hyzx``, ``hyzx_0127``) are ``{w}``, so that the articles of all columns share one
    shape, and so do the columns' first pages. ``/gjjl/2469.html`` -> ``/{w}/{n}.html``; ``/gjjl/`` -> ``/{w}/``;
    ``/?jscx_2/6268.html`` -> ``/?{w}_{n}/{n}.html`` (a key-only query is a path); ``/list.php?tid=3`` ->
    ``/list.php?tid={n}`` (a file name keeps its letters)."""
    parts = urlsplit(url)
    query = sorted((_link_path(key) if not value and "/" in key else _DIGITS_RE.sub("{n}", key),
                    _DIGITS_RE.sub("{n}", value)) for key, value in parse_qsl(parts.query, keep_blank_values=True))
    return _link_path(parts.path) + ("?" + "&".join(f"{k}={v}" if v else k for k, v in query) if query else "")


def _link_path(path: str) -> str:
    """Directories (every segment but a file name at the end) of letters, digits, '_' and '-': letters ``{w}``,
    digits ``{n}``; a file name: digits ``{n}``."""
    segments = path.split("/")
    last = max((i for i, segment in enumerate(segments) if segment), default=0)
    directories = last + 1 if path.endswith("/") else last
    return "/".join(_DIGITS_RE.sub("{n}", _LETTERS_RE.sub("{w}", segment) if i < directories and _SLUG_RE.match(
        segment) else segment) for i, segment in enumerate(segments))


@dataclass
class SiteModel:
    """Per URL shape, how many of the site's pages the gate called articles and what the others were; per link
    shape (`link_shape`), how many were articles and how many not."""

    articles: Counter[str] = field(default_factory=Counter)
    others: dict[str, Counter[str]] = field(default_factory=dict)  # shape -> reason of the non-articles -> count
    link_articles: Counter[str] = field(default_factory=Counter)
    link_others: Counter[str] = field(default_factory=Counter)  # lists and other pages

    @classmethod
    def from_decisions(cls, decisions: Iterable[PageDecision]) -> SiteModel:
        model = cls()
        for decision in decisions:
            model.add(decision)
        return model

    def add(self, decision: PageDecision) -> None:
        self.add_link(decision.url, decision.page_type)
        for key in _template_keys(decision):
            if decision.page_type == "article":
                self.articles[key] += 1
            elif decision.page_type in ("list", "other"):
                self.others.setdefault(key, Counter())[_reason_kind(decision)] += 1

    def verdict(self, decision: PageDecision) -> tuple[str, str] | None:
        """(page type, reason) the page's template gives it when that differs from the gate's own decision, else
        None. Only a weak non-article (WEAK_REASONS) or a doubtful article (DOUBTFUL_ARTICLE_REASONS) is
        re-decided, so positive evidence is never overruled. The page's template is its URL shape or, when that
        says nothing, its skeleton (a site whose article URLs carry their column in the path has a shape per
        column, but one skeleton). The page itself is not counted among the pages of its template."""
        if decision.page_type not in ("article", "list", "other"):
            return None
        shape, *skeleton = _template_keys(decision)
        if self._others_of(shape, decision) >= MIN_TEMPLATE_PAGES:
            return self._verdict_by(shape, decision)  # the shape speaks, whether or not it agrees
        return self._verdict_by(skeleton[0], decision) if skeleton else None

    def add_link(self, url: str, page_type: str) -> str:
        """Count a page by its link shape only (what a crawl learns as it goes); returns the shape."""
        shape = link_shape(url)
        if page_type == "article":
            self.link_articles[shape] += 1
        elif page_type in ("list", "other"):
            self.link_others[shape] += 1
        return shape

    def link_kinds(self, shape: str) -> tuple[bool, bool]:
        """Whether the link shape ``shape`` is an article shape, and whether a column shape (see `link_shapes`)."""
        articles, others = self.link_articles[shape], self.link_others[shape]
        return articles >= MIN_TEMPLATE_PAGES and articles > others, others > articles

    def link_shapes(self) -> LinkShapes:
        """The link shapes (see `link_shape`) of the site's articles: MIN_TEMPLATE_PAGES articles or more, and
        more articles than other pages; and of its columns: more list and other pages than articles (a column's
        first page, named after it, is often called 'other', and may be the only page of its shape)."""
        articles = frozenset(shape for shape in self.link_articles if self.link_kinds(shape)[0])
        columns = frozenset(shape for shape in self.link_others if self.link_kinds(shape)[1])
        return LinkShapes(articles, columns)

    def _others_of(self, key: str, decision: PageDecision) -> int:
        """How many other pages share the template ``key`` with the page."""
        return self.articles[key] + sum(self.others.get(key, {}).values()) - 1

    def _verdict_by(self, key: str, decision: PageDecision) -> tuple[str, str] | None:
        articles, others = self.articles[key], Counter(self.others.get(key, {}))
        if decision.page_type == "article":
            articles -= 1
        else:
            others[_reason_kind(decision)] -= 1
        total = articles + sum(others.values())
        if total < MIN_TEMPLATE_PAGES:
            return None
        weak = decision.page_type != "article" and decision.reason in WEAK_REASONS
        if weak and articles >= TEMPLATE_AGREEMENT * total:
            return "article", TEMPLATE_REASON
        if (decision.page_type == "article" and decision.reason in DOUBTFUL_ARTICLE_REASONS
                and total - articles >= TEMPLATE_AGREEMENT * total):
            page_type, _, reason = others.most_common(1)[0][0].partition(":")  # what most of them are
            return page_type, f"{TEMPLATE_REASON}:{reason}"
        return None


def _template_keys(decision: PageDecision) -> list[str]:
    """The templates a page belongs to: its URL shape, and its skeleton when it has one."""
    shape = url_shape(decision.url)
    return [shape, f"skeleton:{decision.template}"] if decision.template else [shape]


def _reason_kind(decision: PageDecision) -> str:
    """'other:service-url' and the like: the type and the reason's first word."""
    reason = (decision.reason or "").split(":")[0]
    return f"{decision.page_type}:{reason}"
