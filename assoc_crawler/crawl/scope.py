"""What a crawl may fetch: URLs of the site (scope) and how many of them (bounds).

Scope is about one URL: on the site, a page, allowed by the profile, not a repeated-path trap. Bounds are about
the crawl so far: the page budget, link depth, and per-URL-shape limits that stop calendar and filter traps.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scrapy.settings import BaseSettings

from assoc_crawler.extract.urls import is_page_url, same_site
from assoc_crawler.profiles import SiteProfile


class SiteScope:
    """The URLs of one site profile that a crawl may request."""

    def __init__(self, profile: SiteProfile) -> None:
        self.profile = profile
        self.allow = [re.compile(p) for p in profile.allow]
        self.deny = [re.compile(p) for p in profile.deny]

    def rejects(self, url: str, force: bool, max_segment_repeats: int, max_length: int = 2083) -> str | None:
        """Why url is out of scope ('off_site', 'denied', 'not_allowed', 'repeated_path', 'too_long'), or None if
        it is in.

        ``force`` (start URLs, rechecks, resumed URLs) skips the profile's allow list, never its deny list. A URL
        longer than ``max_length`` (Scrapy's URLLENGTH_LIMIT, whose middleware would drop its request without a
        word, and the crawl would wait for it for ever) is out."""
        if not same_site(url, self.profile.host, self.profile.allow_subdomains) or not is_page_url(url):
            return "off_site"
        if 0 < max_length < len(url):
            return "too_long"
        if self.deny and any(p.search(url) for p in self.deny):
            return "denied"
        if self.allow and not force and not any(p.search(url) for p in self.allow):
            return "not_allowed"
        segments = [s for s in urlsplit(url).path.split("/") if s]
        if segments and max(Counter(segments).values()) > max_segment_repeats:
            return "repeated_path"
        return None


@dataclass
class CrawlBounds:
    """Counts of the crawl so far, per URL shape (`assoc_crawler.extract.urls.url_pattern`), and the limits on them.

    A shape is *barren* once many of its pages were fetched and none was an article or led to one (a calendar, a
    filter), and no page of another shape that they linked is still awaited: a list's articles are decided after
    the list pages that link them, in another process, and a column read fast must not look barren meanwhile. A
    shape whose pages are mostly articles is the site's article URL, and one whose pages lead to an article each
    on average is its lists: neither has a page limit."""

    scheduled: int = 0  # link requests made (start URLs, rechecks and resumed URLs do not count)
    pattern_counts: Counter[str] = field(default_factory=Counter)  # link requests per shape
    pattern_fetched: Counter[str] = field(default_factory=Counter)  # pages fetched per shape (rechecks aside)
    pattern_yield: Counter[str] = field(default_factory=Counter)  # articles found through pages of each shape
    pattern_articles: Counter[str] = field(default_factory=Counter)  # articles found at pages of each shape
    pattern_pending: Counter[str] = field(default_factory=Counter)  # requests of other shapes awaited, per linker

    def cut(self, pattern: str, depth: int, max_pages: int, settings: BaseSettings) -> str | None:
        """The bound a new link request of this shape and depth would break ('depth', 'max_pages',
        'pattern_max_pages', 'barren_pattern'), or None when it is within bounds."""
        if depth > settings.getint("DEPTH_LIMIT", 12) > 0:
            return "depth"
        if self.scheduled >= max_pages:
            return "max_pages"
        fetched = self.pattern_fetched[pattern]
        article_shape = self.pattern_articles[pattern] * 2 >= fetched > 0
        list_shape = self.pattern_yield[pattern] >= fetched > 0
        if (self.pattern_counts[pattern] >= settings.getint("ASSOC_PATTERN_MAX_PAGES", 1000)
                and not (article_shape or list_shape)):
            return "pattern_max_pages"
        productive = self.pattern_yield[pattern] or self.pattern_articles[pattern]  # led to articles, or is one
        if (fetched >= settings.getint("ASSOC_BARREN_PATTERN_LIMIT", 15) and not productive
                and not self.pattern_pending[pattern]):
            return "barren_pattern"
        return None

    def count_request(self, pattern: str, from_pattern: str | None = None) -> bool:
        """A link request of this shape was made (from a page of ``from_pattern``): it counts against the budget
        and the shape's limit. True when it is awaited on behalf of its linker's shape (call `settle` when it
        is answered or fails)."""
        self.scheduled += 1
        self.pattern_counts[pattern] += 1
        if from_pattern is None or from_pattern == pattern:
            return False
        self.pattern_pending[from_pattern] += 1
        return True

    def settle(self, from_pattern: str) -> None:
        """A request counted as awaited for pages of ``from_pattern`` was answered, or failed."""
        if self.pattern_pending[from_pattern] > 0:
            self.pattern_pending[from_pattern] -= 1
