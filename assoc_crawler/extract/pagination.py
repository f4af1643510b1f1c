"""Pagination: the pages of a multi-page article, and list pages reachable only through a pager script."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from .labels import PAGE_PARAMS

_STEM_RE = re.compile(r"^(?P<stem>.*/[^/]*?)(?:_(?P<n>\d{1,3}))?\.(?P<ext>s?html?|php|aspx?|jsp)$", re.IGNORECASE)
_TRS_PAGER_RE = re.compile(
    r"createPageHTML\(\s*['\"]?(?P<count>\d+)['\"]?\s*,\s*['\"]?(?P<current>\d+)['\"]?\s*,\s*['\"](?P<name>[^'\"]+)['\"]"
    r"\s*,\s*['\"](?P<ext>[^'\"]+)['\"]"
)
MAX_ARTICLE_PAGES = 100


def _path_stem(url: str) -> tuple[str, int | None, str] | None:
    """(stem, suffix number or None for the bare page, extension) of a path like /a/1234_2.html."""
    parts = urlsplit(url)
    match = _STEM_RE.match(parts.path)
    if not match:
        return None
    return match["stem"], int(match["n"]) if match["n"] else None, match["ext"]


def article_pages(url: str, links: list[str]) -> tuple[int, dict[int, str]]:
    """This page's number and the URLs of its sibling pages {n: url}, from the links it carries.

    Recognises path pagers (1234.html, 1234_2.html; DedeCMS, PHPCMS, EmpireCMS) and query pagers
    (view.php?aid=5&pageno=2). Page 1 is included when another page exists. Returns (1, {}) for a single page.
    """
    found = _path_siblings(url, links) or _slash_siblings(url, links) or _query_siblings(url, links)
    if not found:
        return 1, {}
    page_no, pages = found
    if len(pages) < 2 or 1 not in pages:
        return 1, {}
    return page_no, pages


def _path_siblings(url: str, links: list[str]) -> tuple[int, dict[int, str]] | None:
    """Siblings by path suffix. DedeCMS/PHPCMS/EmpireCMS number page 2 as _2; TRS numbers it _1."""
    own = _path_stem(url)
    if not own:
        return None
    stem, own_suffix, ext = own
    base = urlsplit(url)
    by_suffix: dict[int | None, str] = {own_suffix: url}
    for link in links:
        if stem not in link:
            continue  # cheap test first: a sibling page's URL holds this page's stem
        parts = urlsplit(link)
        if parts.netloc != base.netloc or parts.query != base.query:
            continue
        other = _path_stem(link)
        if not other or other[0] != stem or other[2].lower() != ext.lower():
            continue
        if other[1] is None or 1 <= other[1] <= MAX_ARTICLE_PAGES:
            by_suffix.setdefault(other[1], link)
    if len(by_suffix) < 2:
        return None
    if None not in by_suffix:
        by_suffix[None] = urlunsplit((base.scheme, base.netloc, f"{stem}.{ext}", base.query, ""))
    shift = 1 if 1 in by_suffix else 0
    pages = {(1 if k is None else k + shift): v for k, v in by_suffix.items()}
    page_no = 1 if own_suffix is None else own_suffix + shift
    return page_no, pages


_SLASH_PAGE_RE = re.compile(r"^(?P<stem>.*/)(?P<n>\d{1,3})/$")


def _slash_siblings(url: str, links: list[str]) -> tuple[int, dict[int, str]] | None:
    """WordPress-style pages: /2023/03/28/slug/ is page 1, /2023/03/28/slug/2/ page 2."""
    base = urlsplit(url)
    if not base.path.endswith("/") or base.query:
        return None
    match = _SLASH_PAGE_RE.match(base.path)
    own_no, stem = (int(match["n"]), match["stem"]) if match else (1, base.path)
    pages: dict[int, str] = {own_no: url}
    for link in links:
        parts = urlsplit(link)
        if parts.netloc != base.netloc or parts.query:
            continue
        if parts.path == stem:
            pages[1] = link
            continue
        other = _SLASH_PAGE_RE.match(parts.path)
        if other and other["stem"] == stem and 2 <= int(other["n"]) <= MAX_ARTICLE_PAGES:
            pages[int(other["n"])] = link
    if len(pages) < 2 or (own_no > 1 and 1 not in pages):
        return None
    return own_no, pages


def _query_siblings(url: str, links: list[str]) -> tuple[int, dict[int, str]] | None:
    base = urlsplit(url)
    params = parse_qsl(base.query, keep_blank_values=True)
    page_key = next((k for k, _ in params if k.lower() in PAGE_PARAMS), None)
    rest = [(k, v) for k, v in params if k.lower() not in PAGE_PARAMS]
    if not rest:
        return None
    pages: dict[int, str] = {}
    for link in links:
        parts = urlsplit(link)
        if parts.netloc != base.netloc or parts.path != base.path:
            continue
        link_params = parse_qsl(parts.query, keep_blank_values=True)
        link_rest = [(k, v) for k, v in link_params if k.lower() not in PAGE_PARAMS]
        if sorted(link_rest) != sorted(rest):
            continue
        numbers = [v for k, v in link_params if k.lower() in PAGE_PARAMS]
        if numbers and numbers[0].isdigit() and 1 <= int(numbers[0]) <= MAX_ARTICLE_PAGES:
            pages[int(numbers[0])] = link
            page_key = page_key or next(k for k, _ in link_params if k.lower() in PAGE_PARAMS)
        elif not numbers:
            pages[1] = link
    if not pages:
        return None
    own_numbers = [v for k, v in params if k.lower() in PAGE_PARAMS]
    page_no = int(own_numbers[0]) if own_numbers and own_numbers[0].isdigit() else 1
    pages[page_no] = url
    if 1 not in pages:
        pages[1] = urlunsplit((base.scheme, base.netloc, base.path, urlencode(rest), ""))
    return page_no, pages


def script_pager_links(html_text: str, url: str) -> list[str]:
    """List pages named only by a TRS/Hanweb `createPageHTML(count, current, "index", "html")` call."""
    links: list[str] = []
    for match in _TRS_PAGER_RE.finditer(html_text):
        count = min(int(match["count"]), 500)
        name, ext = match["name"], match["ext"]
        for n in range(count):
            page = f"{name}.{ext}" if n == 0 else f"{name}_{n}.{ext}"
            links.append(urljoin(url, page))
    return links


# Link texts of a list page's pager: numbers, first/previous/next/last words, arrows.
_PAGER_WORDS = frozenset({
    "上一页", "上页", "前一页", "前页", "下一页", "下页", "后一页", "后页", "末页", "尾页", "最后一页", "最后页",
    "较早文章", "较新文章", "prev", "previous", "previous page", "next", "next page", "last", "older", "newer",
    "older posts", "newer posts", "older entries", "newer entries", "weiter", "zurück", "suivant", "précédent",
})  # 首页 / first are left out: page 1 of a list is a channel page, followed like navigation
_NEXT_WORDS = frozenset({"下一页", "下页", "后一页", "后页", "较早文章", "next", "next page", "older", "older posts",
                         "older entries", "weiter", "suivant"})
_ARROWS = "<>«»‹›…. \u00a0"
_NUMBER_RE = re.compile(r"^\d{1,4}$")


def list_pager(links: list[tuple[str, str, bool]], own_url: str) -> tuple[list[str], str | None]:
    """The pager of a list page: (its links, the link to the next, older page or None).

    ``links`` are (normalised URL, link text, rel=next) in document order. A pager is at least two numbered links
    or one first/previous/next/last link. The next page is the rel=next or 下一页/next link, else the number after
    the current one (the number inside the pager's window that it does not link, or links to this very page).
    """
    numbers: dict[int, str] = {}
    pager: list[str] = []
    next_url: str | None = None
    worded = False
    for url, text, rel_next in links:
        core = text.strip().strip("[]【】()（）").strip()
        words = core.strip(_ARROWS).lower()
        if _NUMBER_RE.match(core):
            if url != own_url:
                numbers.setdefault(int(core), url)
        elif words in _PAGER_WORDS or (not words and core and any(a in core for a in "<>«»‹›")):
            worded = True
            if next_url is None and url != own_url and (
                    words in _NEXT_WORDS or (not words and any(a in core for a in ">»›") and "<" not in core)):
                next_url = url
        elif not rel_next:
            continue
        if rel_next and next_url is None and url != own_url:
            next_url = url
        if url != own_url and url not in pager:
            pager.append(url)
    if len(numbers) < 2 and not worded and next_url is None:
        return [], None
    if next_url is None and numbers:
        low, high = min(numbers), max(numbers)
        gaps = [k for k in range(low, high) if k not in numbers]
        # the current page is the number the pager does not link: inside its window, or just below a window
        # that starts at 2 (page 1), else just above it (the last page)
        current = gaps[0] if gaps else (1 if low == 2 else high + 1)
        next_url = numbers.get(current + 1)
    return pager, next_url
