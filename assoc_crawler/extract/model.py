"""Plain data returned by extraction: no lxml, no Scrapy, only values a pipeline or a test can compare."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class ListingItem:
    """One entry of a recommended/hot/related block, as shown on the page."""

    position: int
    target_url: str
    title: str
    label: str | None = None
    teaser: str | None = None


@dataclass
class ListingBlock:
    """A block that lists other articles (推荐内容, 热点内容, 相关文章 ...)."""

    heading: str
    kind: str
    block: int
    items: list[ListingItem] = field(default_factory=list)


@dataclass
class Image:
    """An image of the article body."""

    url: str
    alt: str | None = None
    caption: str | None = None


@dataclass
class Attachment:
    """A downloadable file linked from the body."""

    url: str
    text: str | None = None
    file_type: str | None = None


@dataclass
class PageExtraction:
    """Everything extraction found on one page (or, after merging, one multi-page article)."""

    url: str
    canonical_url: str
    encoding: str
    page_type: str  # 'article' | 'list' | 'other'
    page_type_reason: str = ""
    title: str | None = None
    published_at: str | None = None
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    category: str | None = None
    lang: str | None = None
    body_text: str = ""
    body_html: str = ""
    images: list[Image] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    listings: list[ListingBlock] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    pager_links: list[str] = field(default_factory=list)  # a list page's pager (numbers, next, last ...)
    next_page_url: str | None = None  # the list page after this one (older items), when the pager says
    page_no: int = 1
    page_urls: dict[int, str] = field(default_factory=dict)
    field_methods: dict[str, str] = field(default_factory=dict)
    # the page's skeleton: the classed elements around its headline (div.wrap>div.left>div.news_detail), the same
    # on every page of one template; None without a headline (see site_model.page_skeleton)
    template: str | None = None
    # listing rows of two links that neither the page's rules nor the site's link shapes it was given could read
    # (which is the item, which its column's label?), in lists of such rows (see listings.unread_rows)
    unread_rows: int = 0

    @property
    def first_page_url(self) -> str:
        """URL of page 1 of a multi-page article (the page's own canonical URL otherwise)."""
        return self.page_urls.get(1, self.canonical_url)

    @property
    def continuation_urls(self) -> list[str]:
        """URLs of pages 2..n of a multi-page article, in order."""
        return [self.page_urls[n] for n in sorted(self.page_urls) if n > 1]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        data = asdict(self)
        data["page_urls"] = {str(k): v for k, v in self.page_urls.items()}
        return data


@dataclass(frozen=True)
class LinkShapes:
    """The link shapes (site_model.link_shape) of a site's articles and of its column (list) pages, as its pages
    were decided; empty until a site has enough of both."""

    articles: frozenset[str] = frozenset()
    columns: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.articles and self.columns)


@dataclass
class ExtractionHints:
    """Optional per-site help from a profile: XPath or CSS selectors and the site's time zone."""

    content: str | None = None
    title: str | None = None
    date: str | None = None
    category: str | None = None
    timezone: str | None = None
    site_name: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    # learned from the site's own pages, not a profile: per template (skeleton), where it prints the author,
    # source and editor (see template_fields); read there when the page's own rules find nothing
    field_paths: dict[str, dict[str, str]] = field(default_factory=dict)
    # learned too: the link shapes of the site's articles and column pages (SiteModel.link_shapes); in a listing
    # row of an article's link and a column's, the first is the item, the other its label (see listing_items)
    link_shapes: LinkShapes = field(default_factory=lambda: LinkShapes())
