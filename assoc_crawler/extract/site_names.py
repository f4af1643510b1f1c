"""The site's name in a page: which part of <title> names the site, the headline or a column ('Headline_栏目_站名',
'站名 - Headline', '行业动态 - Headline'), and what the page's link home shows."""

from __future__ import annotations

import re
from itertools import islice
from weakref import WeakKeyDictionary

from lxml import etree

from .crumbs import crumb_trail
from .dom import Document, collapse, el_text
from .fields import title_from_page_title, title_parts
from .labels import TITLE_CLASS_PATTERN
from .model import ExtractionHints
from .urls import normalize_url, same_page

_TITLE_RE = re.compile(TITLE_CLASS_PATTERN, re.IGNORECASE)
_LOGO_RE = re.compile(r"(^|[\s_-])logo($|[\s_-])", re.IGNORECASE)
_LOGO_HREF_RE = re.compile(r"^(\.{1,2}/|/)?([\w-]+/)?$")  # a relative directory one level deep at most
_HOME_HREF_RE = re.compile(r"^(https?://[^/?#]+)?(/|\./)?((index|default|home)\.\w{2,5})?$", re.IGNORECASE)
_HOME_LINK_WINDOW = 50  # a site's logo and 首页 links stand in its header, among the page's first links
_HOME_NAMES: WeakKeyDictionary[Document, set[str]] = WeakKeyDictionary()
_COLUMN_NAME_CHARS = 12
_HEADLINE_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "div", "td", "p")  # headings, and title-classed blocks
_MAX_HEADLINE_CHARS = 400


def headline_of_page_title(page_title: str, site_name: str, doc: Document, page_url: str = "") -> str | None:
    """The headline part of <title>: its last part after a column's name the page links to ('行业动态 - Headline',
    when no site's name is known in it), else as fields.title_from_page_title finds it."""
    if not site_name and column_first_title(page_title, doc):
        return title_segments(page_title)[-1]
    headline = title_from_page_title(page_title, site_name or None)
    parts = [part for part in title_parts(page_title) if part != site_name]
    if headline and len(parts) > 1 and parts[0] != headline:  # 'Headline - 栏目 - 站名' with a short headline:
        columns, leaf = crumb_trail(doc)  # the breadcrumb names the page, or its column
        if leaf in parts:
            return leaf
        if headline in columns:
            others = [part for part in parts if part not in columns]
            return max(others, key=len) if others else headline
    if headline and len(parts) > 1:
        return _h1_part(doc, parts, headline) or _unlinked_part(doc, parts, headline, page_url)
    return headline


def _unlinked_part(doc: Document, parts: list[str], headline: str, page_url: str) -> str:
    """The part of <title> the page shows as a heading of its own below the chosen part, when the page shows the
    chosen part only as links to other pages ('老家的枣树_蒲公英的天空_博客': the blog's name links to the blog's
    home in the header, the post's title stands below it, no link): that name is a blog's, a column's or a site's,
    not this page's headline. A section's name above a linked headline ('News' over a page 2's headline linking to
    page 1) changes nothing."""
    last_link = _how_shown(doc, headline, page_url)[0]
    if last_link is None:
        return headline  # (most pages: the other parts need not be read)
    headings = [part for part in parts if (heading := _how_shown(doc, part, page_url)[1]) is not None
                and heading > last_link]
    return headings[0] if len(headings) == 1 else headline


def _h1_part(doc: Document, parts: list[str], headline: str) -> str | None:
    """The first part of <title> when it is the page's one unlinked <h1> and the chosen part is the last, where the
    site's name stands ('会长致辞' in '会长致辞-临湾市物流与供应链协会', a short page's heading beside the site's longer
    name; a channel's <h1> over a headline of 'Headline_Channel_Site' is no headline)."""
    if headline != parts[-1]:
        return None
    h1s = [el for el in doc.body.iter("h1") if el.find(".//a") is None
           and not any(a.tag == "a" for a in el.iterancestors())]
    if len(h1s) == 1 and collapse(el_text(h1s[0])) == parts[0]:
        return parts[0]
    # (or the one unlinked <h2> that shows it, under a column's banner <h1>, a name the menu links: 商会概况 over
    # 会长致辞; under the site's name in an <h1>, an <h2> is the column's over a headline of its own)
    if len(h1s) != 1 or not _menu_name(doc, collapse(el_text(h1s[0]))) or collapse(el_text(h1s[0])) in parts:
        return None
    h2s = [el for el in doc.body.iter("h2") if el.find(".//a") is None and collapse(el_text(el)) == parts[0]
           and not any(a.tag == "a" for a in el.iterancestors())]
    return parts[0] if len(h2s) == 1 else None


def _menu_name(doc: Document, text: str) -> bool:
    """Whether a link of the page is all of the text (a column's name in the menu or the breadcrumb)."""
    return any(collapse(el_text(a)) == text for a in doc.body.iter("a"))


def linked_name(doc: Document, name: str, headline: str, page_url: str = "") -> bool:
    """Whether the page shows ``name`` only as links to other pages, with the headline as a heading of its own
    below them (see _unlinked_part): a blog's, a column's or a site's name."""
    last_link = _how_shown(doc, name, page_url)[0]
    heading = _how_shown(doc, headline, page_url)[1]
    return last_link is not None and heading is not None and heading > last_link


def _how_shown(doc: Document, text: str, page_url: str) -> tuple[int | None, int | None]:
    """Where the page shows the text: (the last of the links to other pages whose whole text it is, when it is
    only ever shown so; the first heading or title-classed block that is all of it, with no link in or around
    it). A link to the page itself (its permalink) makes it the page's own: (None, None)."""
    size = _squeezed_size(text)
    last_link = heading = None
    only_links = True
    for el in doc.body.iter("a", *_HEADLINE_TAGS, "span"):
        if not _is_all_of(doc, el, text, size):
            continue
        i = doc.index[el]
        if el.tag == "a" or el.find(".//a") is not None or any(a.tag == "a" for a in el.iterancestors()):
            if el.tag == "a" and _leads_here(el, page_url):
                return None, None  # the headline's permalink: the page's own name, not another page's
            last_link = i if el.tag == "a" else last_link
            continue
        only_links = False
        if heading is None and _title_like(el) and not _heads_links(doc, el):
            heading = i
    return (last_link if only_links else None), heading


def _leads_here(link: etree._Element, page_url: str) -> bool:
    """Whether a link leads to the page itself (its permalink, another scheme, a fragment)."""
    target = normalize_url(link.get("href") or "", page_url) if page_url else None
    return bool(target) and same_page(target, page_url)


def _heads_links(doc: Document, el: etree._Element) -> bool:
    """Whether the element heads a box of links (a sidebar's '会讯' over its list): the next element with text
    after it is a list, or text that is all links."""
    following = el.getnext()
    while following is not None and not doc.chars[doc.index[following]]:
        following = following.getnext()
    if following is None:
        return False
    if following.tag in ("ul", "ol", "dl"):
        return True
    link_chars = sum(doc.chars[doc.index[a]] for a in following.iter("a"))
    return link_chars >= doc.chars[doc.index[following]] > 0


def site_name_of(page_title: str, metas: dict[str, str], hints: ExtractionHints, doc: Document | None = None) -> str:
    """The site's name: the profile's, og:site_name, the part of <title> that the page's link home shows (its
    text or its logo's alt: '中国有色金属协会-Headline'), or the last part of a <title> of several parts."""
    if hints.site_name or metas.get("og:site_name"):
        return hints.site_name or metas.get("og:site_name") or ""
    parts = title_parts(page_title)
    if doc is not None and len(parts) > 1:
        names = home_link_names(doc)
        named = next((part for part in parts if part in names), None)
        if named:
            return named
    segments = title_segments(page_title)
    if len(segments) > 1 and doc is not None and column_first_title(page_title, doc):
        return ""  # '栏目 - Headline': no site name in it
    if (len(segments) >= 2 and doc is not None and len(segments[0]) < len(segments[-1])
            and _headed(doc, segments[-1]) and not _headed(doc, segments[0])):
        # 'PRCA - U.S. Paper Recovery Rate Climbs …', 'Falls Ridge Herald | Local News | Headline': the page's
        # heading is the last part
        return segments[0]
    return segments[-1] if len(segments) > 1 else ""


def _headed(doc: Document, text: str) -> bool:
    """Whether a heading or a title-classed block of the page is the text, whole."""
    size = _squeezed_size(text)
    return any(_is_all_of(doc, el, text, size) and _title_like(el) for el in doc.body.iter(*_HEADLINE_TAGS, "span"))


def title_segments(page_title: str) -> list[str]:
    """A <title>'s parts split at separators that never sit inside a headline (not a bare '-': '1-7月')."""
    return [part.strip() for part in re.split(r"\s*(?:[_|｜]| - | — |--)\s*", page_title) if part.strip()]


def column_first_title(page_title: str, doc: Document) -> bool:
    """Whether a <title> of several parts opens with the name of a column the page links to (its menu, its
    breadcrumb) and ends with the headline of a heading after that link: '行业动态 - Headline', not '行业动态 -
    站名' (a site's name stands in the header, before its menu, or in no heading at all)."""
    parts = title_segments(page_title)
    if len(parts) < 2 or len(parts[0]) > _COLUMN_NAME_CHARS:
        return False
    column_at = _first_link_reading(doc, parts[0])
    if column_at is None:
        return False
    last = re.sub(r"\s+", "", parts[-1])
    if last in home_link_names(doc):
        return False
    for el in doc.body.iter(*_HEADLINE_TAGS):
        i = doc.index[el]
        if i <= column_at or doc.chars[i] > _MAX_HEADLINE_CHARS:
            continue
        if not _title_like(el):
            continue
        lines = [re.sub(r"\s+", "", line.text) for line in doc.lines(el)]
        if any("".join(lines[:k]) == last for k in range(1, len(lines) + 1)):
            return True  # the heading, or its first lines (a ——subtitle may follow)
    return False


def _first_link_reading(doc: Document, text: str) -> int | None:
    """The index of the page's first link whose text is ``text`` (links of another length are not read)."""
    size = _squeezed_size(text)
    return next((doc.index[a] for a in doc.body.iter("a") if _is_all_of(doc, a, text, size)), None)


def _squeezed_size(text: str) -> int:
    """The text's characters without white space (what Document.chars counts)."""
    return len(re.sub(r"\s+", "", text))


def _is_all_of(doc: Document, el: etree._Element, text: str, size: int) -> bool:
    """Whether the element's whole text is ``text`` (of ``size`` characters without spaces: a cheap test first)."""
    return doc.chars[doc.index[el]] == size and collapse(el_text(el)) == text


def _title_like(el: etree._Element) -> bool:
    """A heading, or a block whose class or id says title."""
    return el.tag[0] == "h" or bool(_TITLE_RE.search(f"{el.get('class', '')} {el.get('id', '')}"))


def home_link_names(doc: Document) -> set[str]:
    """What the page's links to its site's home, or its logo's link, say (among its first links: the header):
    their text and their images' alt. Worked out once per page."""
    cached = _HOME_NAMES.get(doc)
    if cached is not None:
        return cached
    names: set[str] = set()
    for a in islice(doc.body.iter("a"), _HOME_LINK_WINDOW):
        if _HOME_HREF_RE.match((a.get("href") or "x").strip()) or _is_logo(a):
            names.add(collapse(el_text(a)))
            names.update(collapse(img.get("alt") or "") for img in a.iter("img"))
    names.discard("")
    _HOME_NAMES[doc] = names
    return names


def _is_logo(link: etree._Element) -> bool:
    """A link that is the site's logo, or stands in it (class or id 'logo'), and leads to a section's home on the
    site ('/en/', '../'): not a member's or a partner's logo linking to its own page."""
    if not _LOGO_HREF_RE.match((link.get("href") or "x").strip()):
        return False
    return any(_LOGO_RE.search(f"{el.get('class', '')} {el.get('id', '')}") for el in (link, link.getparent())
               if el is not None)
