"""Is this page an article? A few general signals: service URLs, forms, list shape, title + date + body."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .labels import DOWNLOAD_PAGE_PATTERN, LIST_URL_PATTERN, NON_ARTICLE_URL_PATTERN, SERVICE_TITLE_PATTERN

_SERVICE_URL_RE = re.compile(NON_ARTICLE_URL_PATTERN, re.IGNORECASE)
_LIST_URL_RE = re.compile(LIST_URL_PATTERN, re.IGNORECASE)
_DOWNLOAD_RE = re.compile(DOWNLOAD_PAGE_PATTERN)
MIN_ARTICLE_CHARS = 40
MIN_UNDATED_ARTICLE_CHARS = 200  # without a date, only real prose makes an article
_SERVICE_TITLE_RE = re.compile(SERVICE_TITLE_PATTERN, re.IGNORECASE)


def classify_page(
    url: str,
    *,
    title: str | None,
    has_date: bool,
    body_chars: int,
    image_count: int,
    link_count: int,
    link_density: float,
    date_lines: int,
    body_text: str,
    has_password_field: bool,
    repeated_entries: int = 0,
) -> tuple[str, str]:
    """('article' | 'list' | 'other', reason)."""
    parts = urlsplit(url)
    location = parts.path + ("?" + parts.query if parts.query else "")
    if _SERVICE_URL_RE.search(location):
        return "other", "service-url"
    if has_password_field and body_chars < 200:
        return "other", "login-form"
    if len(_DOWNLOAD_RE.findall(body_text)) >= 2:
        return "other", "download-page"
    if repeated_entries >= 3:
        return "list", "repeated-entries"
    if (link_count >= 8 and link_density > 0.35) or (date_lines >= 4 and link_count >= 4 and (
            link_density >= 0.1 or date_lines >= 0.2 * (body_text.count("\n") + 1))):
        # entries with dates; a long text that merely mentions a few dates between its paragraphs is prose
        return "list", "many-links"
    if not title:
        return ("list", "list-url") if _LIST_URL_RE.search(location) else ("other", "no-title")
    if _SERVICE_TITLE_RE.search(title):
        return "other", "service-title"
    if not has_date:
        if body_chars >= MIN_UNDATED_ARTICLE_CHARS:
            return "article", "title-body"
        return ("list", "list-url") if _LIST_URL_RE.search(location) else ("other", "no-date")
    if body_chars >= MIN_ARTICLE_CHARS or image_count:
        return "article", "title-date-body"
    if _LIST_URL_RE.search(location):
        return "list", "list-url"
    return "other", "no-body"
