"""Pages of many kinds from one random association site, to measure the page gate (article or not) on variations
nobody tuned against.

``generate_pages(seed)`` draws one site (CMS family ``FAMILIES[seed % 8]``, so any 8 consecutive seeds cover every
family; everything else from ``random.Random(seed)``: template, class names, encoding, headline position, info line,
pager...) and renders one page of every kind in ``ARTICLE_KINDS`` and ``NON_ARTICLE_KINDS`` (a few kinds more than
once, see ``REPEATS``). Deterministic for a seed; no I/O. Modules: the vocabulary in :mod:`.page_kinds_text`, the
site and its chrome in :mod:`.page_kinds_templates`, the kinds in :mod:`.page_kinds_articles` and
:mod:`.page_kinds_others`, per-site template variants of some kinds (comments under news, related links, photo
galleries, subtitles, attachment lists, image-led and table lists) in :mod:`.page_kinds_variants`, the truth in
:mod:`.page_kinds_truth`. Used by ``bench/gate.py`` and ``bench/sites.py``.

Each page also carries the truth of what it shows (see :class:`GeneratedPage`): for articles the source, author and
editor it shows, its column as the breadcrumb shows it; for every page its listing boxes (sidebar, 相关链接) item by
item and the text rendered outside the article block (crumbs, footer, sidebar titles). Recording it draws nothing
from the page rng. Where a site shows authors (``byline`` note: the info line, the last body line, 【作者：…】, a
line under the headline or the news lead 本报讯（记者 …）, with one to three names) is drawn from
``random.Random(f"{seed}-truth")``, so pages of sites that keep authors in the info line are the same bytes as
before bylines existed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from .page_kinds_articles import ARTICLE_RENDERERS, Made
from .page_kinds_others import OTHER_RENDERERS
from .page_kinds_templates import FAMILIES, Site, choose_layout, encode, make_site
from .page_kinds_truth import TruthBlock, TruthItem, choose_byline
from .page_kinds_variants import VARIANT_RENDERERS, choose_variants
from .page_kinds_widgets import choose_close

ARTICLE_KINDS = ("news", "one_sentence_notice", "media_only_notice", "linked_prose", "encyclopedia_entry",
                 "short_summary", "english_article", "table_article", "multipage_article")
NON_ARTICLE_KINDS = ("column_list", "teaser_list", "search_results", "login", "register", "comments", "print_view",
                     "download_list", "error_page", "tag_page", "sitemap", "home")
REPEATS = {"news": 3, "column_list": 2}
RENDERERS: dict[str, Callable[[Site, random.Random], Made]] = {**ARTICLE_RENDERERS, **OTHER_RENDERERS,
                                                                **VARIANT_RENDERERS}

__all__ = ["ARTICLE_KINDS", "FAMILIES", "NON_ARTICLE_KINDS", "GeneratedPage", "TruthBlock", "TruthItem",
           "generate_pages"]


@dataclass
class GeneratedPage:
    """One page as a crawler would get it, with what it is: ``kind``, ``is_article``, the site's ``family``,
    the template choices in ``notes`` and, for articles, the ``headline`` a reader sees.

    Truth of articles (None on other pages): ``source``, ``author`` and ``editor`` as the page shows them (info
    line; the author may be a byline instead, several names joined by one space; the editor may be a
    （责任编辑：…） last line when the info line has none; ``notes["author_at"]`` / ``notes["editor_at"]`` say
    where; "info+tail": both show one, the truth is the info line's), ``category``: the last linked crumb before
    the article. Every page: ``listings``, its listing boxes as rendered, and ``outside``: text rendered outside
    the article block ("crumbs": the breadcrumb line, "footer": its lines, "sidebar": sidebar item titles).
    ``body_text`` (articles): the article's own text as shown, without a byline moved into the body, a 相关链接
    list or pager closing it, or a （责任编辑：…） line; a notice the site prints on every article stays out too."""

    url: str
    body: bytes
    headers: dict[str, str]
    kind: str
    is_article: bool
    family: str
    notes: dict[str, str] = field(default_factory=dict)
    headline: str = ""
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    category: str | None = None
    listings: list[TruthBlock] = field(default_factory=list)
    outside: dict[str, list[str]] = field(default_factory=dict)
    body_text: str | None = None

    @property
    def encoding(self) -> str:
        return self.notes["encoding"]


def generate_pages(seed: int) -> list[GeneratedPage]:
    """Every kind of page of the site drawn from ``seed``."""
    rng = random.Random(seed)
    family = FAMILIES[seed % len(FAMILIES)]
    site = make_site(rng, family)
    choose_variants(rng, site)
    choose_byline(random.Random(f"{seed}-truth"), site)
    choose_layout(random.Random(f"{seed}-layout"), site)
    choose_close(random.Random(f"{seed}-close"), site.notes)
    pages, seen = [], set()
    for kind in ARTICLE_KINDS + NON_ARTICLE_KINDS:
        for _ in range(REPEATS.get(kind, 1)):
            for _ in range(50):  # one URL, one page: draw again on a clash (random ids, columns, page numbers)
                site.rendered = {}
                made = RENDERERS[kind](site, rng)
                if made.url not in seen:
                    break
            else:
                raise RuntimeError(f"seed {seed}: no free URL for a {kind} page")
            seen.add(made.url)
            body, headers = encode(site, made.html)
            page = GeneratedPage(made.url, body, headers, kind, kind in ARTICLE_KINDS, family,
                                 {**site.notes, **made.notes}, made.headline)
            pages.append(with_truth(page, site.rendered))
    return pages


def with_truth(page: GeneratedPage, rendered: dict) -> GeneratedPage:
    """``page`` with the truth of what it showed (``rendered``: what the renderers wrote down, see
    :mod:`.page_kinds_templates`)."""
    page.listings = list(rendered.get("listings", []))
    page.outside = {"crumbs": [rendered["crumbs"]] if rendered.get("crumbs") else [],
                    "footer": list(rendered.get("footer", [])), "notice": list(rendered.get("notice", [])),
                    "sidebar": [item.title for block in page.listings if block.where == "sidebar"
                                for item in block.items]}
    if not page.is_article:
        return page
    page.body_text = rendered.get("body_text", "")
    info = rendered.get("info", {})
    page.source = info.get("source")
    page.author = info.get("author") or rendered.get("byline")
    page.editor = info.get("editor") or rendered.get("editor_tail")
    page.notes["author_at"] = ("info" if "author" in info else page.notes["byline"] if page.author else "none")
    page.notes["editor_at"] = ("info+tail" if "editor" in info and rendered.get("editor_tail") else "info"
                               if "editor" in info else "tail" if page.editor else "none")
    trail = rendered.get("trail", [])
    page.category = trail[-2] if len(trail) >= 2 else None
    return page
