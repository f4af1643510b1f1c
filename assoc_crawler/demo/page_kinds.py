"""Pages of many kinds from one random association site, to measure the page gate (article or not) on variations
nobody tuned against.

``generate_pages(seed)`` draws one site (CMS family ``FAMILIES[seed % 8]``, so any 8 consecutive seeds cover every
family; everything else from ``random.Random(seed)``: template, class names, encoding, headline position, info line,
pager...) and renders one page of every kind in ``ARTICLE_KINDS`` and ``NON_ARTICLE_KINDS`` (a few kinds more than
once, see ``REPEATS``). Deterministic for a seed; no I/O. Modules: the vocabulary in :mod:`.page_kinds_text`, the
site and its chrome in :mod:`.page_kinds_templates`, the kinds in :mod:`.page_kinds_articles` and
:mod:`.page_kinds_others`, per-site template variants of some kinds (comments under news, related links, photo
galleries, subtitles, attachment lists, image-led and table lists) in :mod:`.page_kinds_variants`. Used by
``bench/gate.py``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from .page_kinds_articles import ARTICLE_RENDERERS, Made
from .page_kinds_others import OTHER_RENDERERS
from .page_kinds_templates import FAMILIES, Site, encode, make_site
from .page_kinds_variants import VARIANT_RENDERERS, choose_variants

ARTICLE_KINDS = ("news", "one_sentence_notice", "media_only_notice", "linked_prose", "encyclopedia_entry",
                 "short_summary", "english_article", "table_article", "multipage_article")
NON_ARTICLE_KINDS = ("column_list", "teaser_list", "search_results", "login", "register", "comments", "print_view",
                     "download_list", "error_page", "tag_page", "sitemap", "home")
REPEATS = {"news": 3, "column_list": 2}
RENDERERS: dict[str, Callable[[Site, random.Random], Made]] = {**ARTICLE_RENDERERS, **OTHER_RENDERERS,
                                                                **VARIANT_RENDERERS}

__all__ = ["ARTICLE_KINDS", "FAMILIES", "NON_ARTICLE_KINDS", "GeneratedPage", "generate_pages"]


@dataclass
class GeneratedPage:
    """One page as a crawler would get it, with what it is: ``kind``, ``is_article``, the site's ``family``,
    the template choices in ``notes`` and, for articles, the ``headline`` a reader sees."""

    url: str
    body: bytes
    headers: dict[str, str]
    kind: str
    is_article: bool
    family: str
    notes: dict[str, str] = field(default_factory=dict)
    headline: str = ""

    @property
    def encoding(self) -> str:
        return self.notes["encoding"]


def generate_pages(seed: int) -> list[GeneratedPage]:
    """Every kind of page of the site drawn from ``seed``."""
    rng = random.Random(seed)
    family = FAMILIES[seed % len(FAMILIES)]
    site = make_site(rng, family)
    choose_variants(rng, site)
    pages, seen = [], set()
    for kind in ARTICLE_KINDS + NON_ARTICLE_KINDS:
        for _ in range(REPEATS.get(kind, 1)):
            for _ in range(50):  # one URL, one page: draw again on a clash (random ids, columns, page numbers)
                made = RENDERERS[kind](site, rng)
                if made.url not in seen:
                    break
            else:
                raise RuntimeError(f"seed {seed}: no free URL for a {kind} page")
            seen.add(made.url)
            body, headers = encode(site, made.html)
            pages.append(GeneratedPage(made.url, body, headers, kind, kind in ARTICLE_KINDS, family,
                                       {**site.notes, **made.notes}, made.headline))
    return pages
