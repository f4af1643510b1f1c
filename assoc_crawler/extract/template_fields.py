"""Fields from the template: where a site's template prints the byline, the source and the editor, learned from
the pages where the page's own rules found them, and read there on the pages where they found nothing (an
attachment-only notice whose byline the rules missed, a page whose info line they could not place).

A field's position is the path of the element that holds it, from ``<body>``: each step ``tag.classes[n]``
(classes sorted, digits dropped; n: the element's rank among its parent's children of that tag). The value is
read from that element as the rules read a line: a byline (文/赵磊, 记者 张三) for the author, a ``label：value``
pair (作者：, 来源：, 责任编辑：) for any field; an element whose text reads as neither gives nothing, so a position
never puts arbitrary text into a field. :func:`learn_field_paths` keeps, per template (the page's skeleton, see
:func:`~.site_model.page_skeleton`), a position found on at least :data:`MIN_TEMPLATE_PAGES` pages and on
:data:`TEMPLATE_AGREEMENT` of those where the field was found. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from lxml import etree

from .dom import collapse, parse_html, strip_invisible
from .encoding import decode_html
from .fields import clean_value, find_labelled, match_byline
from .site_model import MIN_TEMPLATE_PAGES, TEMPLATE_AGREEMENT

__all__ = ["FIELDS", "element_path", "field_at", "learn_field_paths", "locate_fields", "page_root", "read_field"]

FIELDS = ("author", "source", "editor")
#: The longest element text a field is read from (an info line with a few labels, not a paragraph).
MAX_LINE_CHARS = 80
_DIGITS_RE = re.compile(r"\d+")


def page_root(body: bytes, content_type: str | None = None) -> etree._Element:
    """The page parsed as extraction parses it (invisible parts stripped)."""
    text, _ = decode_html(body, content_type)
    root = parse_html(text)
    strip_invisible(root)
    return root


def _step(element: etree._Element) -> str:
    classes = ".".join(sorted({_DIGITS_RE.sub("", c) for c in (element.get("class") or "").split()} - {""}))
    rank = 1 + sum(1 for _ in element.itersiblings(element.tag, preceding=True))
    return f"{element.tag}{'.' + classes if classes else ''}[{rank}]"


def element_path(element: etree._Element) -> str:
    """The element's position from <body> (see the module docstring)."""
    steps = []
    while element is not None and isinstance(element.tag, str) and element.tag not in ("body", "html"):
        steps.append(_step(element))
        element = element.getparent()
    return "/".join(reversed(steps))


def read_field(text: str, name: str) -> str | None:
    """The value of field ``name`` a line gives: its byline (author only) or its ``label：value`` pair."""
    line = collapse(text)
    if not line or len(line) > MAX_LINE_CHARS:
        return None
    for labelled in find_labelled(line):
        if labelled.field == name and labelled.value:
            return clean_value(labelled.value)
    return match_byline(line) if name == "author" else None


def locate_fields(root: etree._Element, values: Mapping[str, str | None]) -> dict[str, str]:
    """Where the page shows each of its field ``values``: the innermost element whose text reads as that value."""
    found: dict[str, str] = {}
    wanted = {name: value for name, value in values.items() if value and name in FIELDS}
    if not wanted:
        return found
    body = root.find("body")
    for element in (body if body is not None else root).iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        text = collapse("".join(element.itertext()))
        if not text or len(text) > MAX_LINE_CHARS:
            continue
        for name, value in wanted.items():
            if value in text and read_field(text, name) == value:
                found[name] = element_path(element)  # document order: the innermost comes last
    return found


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


def field_at(root: etree._Element, path: str, name: str) -> str | None:
    """The value of field ``name`` at ``path`` on a page, or None (no such element, or it reads as no value)."""
    body = root.find("body")
    element = body if body is not None else root
    for step in path.split("/"):
        element = next((child for child in element if isinstance(child.tag, str) and _step(child) == step), None)
        if element is None:
            return None
    return read_field("".join(element.itertext()), name)
