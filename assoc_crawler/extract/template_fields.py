"""Fields from the template: where a site's template prints the byline, the source, the editor and the breadcrumb,
learned from the pages where the page's own rules found them (or, for the breadcrumb, where the site's listings
label the article with its column), and read there on the pages where they found nothing (an attachment-only
notice whose byline the rules missed, a page whose info line they could not place, a breadcrumb in a box with no
name or lead-in the rules know).

A field's position is the path of the element that holds it, from ``<body>``: each step ``tag.classes[n]``
(classes sorted, digits dropped; n: the element's rank among its parent's children of that tag). The value is
read from that element as the rules read a line: a byline (文/赵磊, 记者 张三) for the author, a ``label：value``
pair (作者：, 来源：, 责任编辑：) for any field, a trail of two sections or more (首页 > 新闻中心 > 正文) for the
category, its last section that is neither home, 正文 nor the headline; an element whose text reads as none of
them gives nothing, so a position never puts arbitrary text into a field. :func:`learn_field_paths` keeps, per
template (the page's skeleton, see :func:`~.site_model.page_skeleton`), a position found on at least
:data:`MIN_TEMPLATE_PAGES` pages and on :data:`TEMPLATE_AGREEMENT` of those where the field was found. Pure: no
I/O.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from lxml import etree

from .dom import collapse, parse_html, strip_invisible
from .encoding import decode_html, header_value
from .fields import breadcrumb_leaf, clean_value, find_labelled, match_byline, split_breadcrumb, strip_source_person
from .labels import PLACEHOLDER_VALUES
from .site_model import MIN_TEMPLATE_PAGES, TEMPLATE_AGREEMENT, class_key

__all__ = ["FIELDS", "element_path", "field_at", "learn_field_paths", "locate_fields", "page_root", "read_field"]

FIELDS = ("author", "source", "editor", "category")
#: The longest element text a field is read from (an info line with a few labels, not a paragraph).
MAX_LINE_CHARS = 80
_NAME_RE = re.compile(r"[\u4e00-\u9fff·]{2,4}|[A-Za-z][A-Za-z.\-' ]{1,29}")


def page_root(body: bytes, headers: Mapping[str, str] | None = None) -> etree._Element:
    """The page parsed as extraction parses it (invisible parts stripped)."""
    text, _ = decode_html(body, header_value(headers, "content-type"))
    root = parse_html(text)
    strip_invisible(root)
    return root


def _step(element: etree._Element, rank: int | None = None) -> str:
    """``tag.classes[rank]`` of an element (``rank``: its rank among its parent's children of its tag, when the
    caller counted it)."""
    classes = class_key(element)
    if rank is None:
        rank = 1 + sum(1 for _ in element.itersiblings(element.tag, preceding=True))
    return f"{element.tag}{'.' + classes if classes else ''}[{rank}]"


def _short_text(element: etree._Element) -> str | None:
    """The element's text when it is a line (at most MAX_LINE_CHARS once collapsed), else None; stops reading a
    long subtree early."""
    parts, length = [], 0
    for piece in element.itertext():
        parts.append(piece)
        length += len(piece)
        if length > 4 * MAX_LINE_CHARS:
            return None
    text = collapse("".join(parts))
    return text if text and len(text) <= MAX_LINE_CHARS else None


def element_path(element: etree._Element) -> str:
    """The element's position from <body> (see the module docstring)."""
    steps = []
    while element is not None and isinstance(element.tag, str) and element.tag not in ("body", "html"):
        steps.append(_step(element))
        element = element.getparent()
    return "/".join(reversed(steps))


def read_field(text: str, name: str, title: str | None = None) -> str | None:
    """The value of field ``name`` a line gives: its ``label：value`` pair, or its byline (author only) when that
    is names, or (category) the leaf of the trail it is; never a placeholder (佚名, admin ...). A source is cut as
    the page's rules cut it. ``title``: the page's headline (a trail's last section may be it)."""
    line = collapse(text)
    if not line or len(line) > MAX_LINE_CHARS:
        return None
    if name == "category":
        parts = split_breadcrumb(line)
        return breadcrumb_leaf(parts, title) if len(parts) >= 2 else None
    value = next((clean_value(found.value) for found in find_labelled(line) if found.field == name and found.value),
                 None)
    if value is None and name == "author":
        byline = clean_value(match_byline(line))
        value = byline if byline and _names(byline) else None
    if not value or value.lower() in PLACEHOLDER_VALUES:
        return None
    return strip_source_person(value) if name == "source" else value


def _names(value: str) -> bool:
    """A run of person names: CJK names of 2-4 characters or short Latin names, separated by spaces or 、，."""
    tokens = [token for token in re.split(r"[\s、，,]+", value) if token]
    return bool(tokens) and all(_NAME_RE.fullmatch(token) for token in tokens)


def locate_fields(root: etree._Element, values: Mapping[str, str | None], title: str | None = None) -> dict[str, str]:
    """Where the page shows each of its field ``values``: the first element in document order whose text reads as
    that value, and within it the innermost one that still does (``title``: the page's headline)."""
    wanted = {name: value for name, value in values.items() if value and name in FIELDS}
    found: dict[str, str] = {}
    body = root.find("body")
    for element in (body if body is not None else root).iter():
        if not wanted:
            break
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        text = _short_text(element)
        for name, value in list(wanted.items()):
            if text and value in text and read_field(text, name, title) == value:
                found[name] = element_path(_innermost(element, name, value, title))
                del wanted[name]
    return found


def _innermost(element: etree._Element, name: str, value: str, title: str | None) -> etree._Element:
    while True:
        inner = next((child for child in element if isinstance(child.tag, str)
                      and read_field(_short_text(child) or "", name, title) == value), None)
        if inner is None:
            return element
        element = inner


def learn_field_paths(observations: Iterable[tuple[str | None, dict[str, str]]]) -> dict[str, dict[str, str]]:
    """Per template, the position of each field its pages agree on (``observations``: (template, the positions
    :func:`locate_fields` gave) of the site's articles)."""
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for template, positions in observations:
        if template:
            for name, path in positions.items():
                counts[(template, name)][path] += 1
    learned: dict[str, dict[str, str]] = defaultdict(dict)
    for (template, name), paths in counts.items():
        path, seen = paths.most_common(1)[0]
        if seen >= MIN_TEMPLATE_PAGES and seen >= TEMPLATE_AGREEMENT * sum(paths.values()):
            learned[template][name] = path
    return dict(learned)


def field_at(root: etree._Element, path: str, name: str, title: str | None = None) -> str | None:
    """The value of field ``name`` at ``path`` on a page, or None (no such element, or it reads as no value);
    ``title``: the page's headline."""
    body = root.find("body")
    element = body if body is not None else root
    for step in path.split("/"):
        ranks: Counter[str] = Counter()
        found = None
        for child in element:
            if isinstance(child.tag, str):
                ranks[child.tag] += 1
                if _step(child, ranks[child.tag]) == step:
                    found = child
                    break
        if found is None:
            return None
        element = found
    return read_field(_short_text(element) or "", name, title)
