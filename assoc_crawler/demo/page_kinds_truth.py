"""Truth of the pages of :mod:`assoc_crawler.demo.page_kinds`: what a page shows, as the renderers write it down.

While it renders a page, the chrome of :mod:`.page_kinds_templates` and the renderers write what they showed into
``site.rendered`` (crumb trail and line, listing boxes as :class:`TruthBlock` of :class:`TruthItem`, footer lines,
info line values, bylines, a （责任编辑：…） last line); ``page_kinds.generate_pages`` turns that into the truth
fields of each page. Recording draws nothing from the page rng. Byline variants (where a site shows authors) are
drawn from a separate rng, ``site.truth_rng``, so only the pages they move change.
"""

from __future__ import annotations

import random
import re
from html import escape, unescape
from typing import TYPE_CHECKING, NamedTuple

from . import page_kinds_text as text

if TYPE_CHECKING:
    from .page_kinds_templates import Site

TAG = re.compile(r"<[^>]+>")


class TruthItem(NamedTuple):
    """One entry of a listing box as rendered: the column label (None: no label), title, target URL, teaser."""

    label: str | None
    title: str
    target_url: str
    teaser: str | None = None


class TruthBlock(NamedTuple):
    """A listing box as rendered: its heading, its items and where it sits ("sidebar", or "body" for 相关链接)."""

    heading: str
    items: tuple[TruthItem, ...]
    where: str = "sidebar"


def shown_text(html: str) -> str:
    """The text a reader sees of an HTML fragment (tags dropped, entities decoded, spaces squeezed)."""
    return re.sub(r"\s+", " ", unescape(TAG.sub("", html))).strip()


#: Byline variants (``site.notes["byline"]``): where the author goes instead of the info line.
BYLINES = ("info", "last", "bracket", "under", "lead")
LAST_LINES = ("（通讯员 {names}）", "（记者 {names}）", "（文/{names}）", "撰稿{colon}{names}",
              "（本文作者{colon}{names}）", "本报记者 {names} 报道", "记者 {first} 通讯员 {rest}")
UNDER_LINES = ("文/{names}", "作者{colon}{names}", "记者 {names}", "文 | {names}", "撰文{colon}{names}",
               "本报记者 {names}")
LEAD_FORMS = ("本报讯（记者 {names}）", "本报讯 记者{names}报道：", "【本报讯】（通讯员 {names}）")


def choose_byline(truth: random.Random, site: Site) -> None:
    """Draw where this site shows authors (``byline`` note) from ``truth``, the rng apart from the page rng: the
    info line (half of the sites), the last body line (通讯员 …), 【作者：…】 as the first or last body line, a
    line under the headline, or the lead of the first paragraph (本报讯（记者 …）)."""
    site.truth_rng = truth
    site.notes["byline"] = "info" if truth.random() < 0.5 else truth.choice(BYLINES[1:])
    site.notes["byline_at"] = truth.choice(("first", "last")) if site.notes["byline"] == "bracket" else "-"


def byline(site: Site, values: dict[str, str], body: str) -> tuple[dict[str, str], str, str]:
    """``values``, ``body`` and the line under the headline after moving the author out of the info line as the
    site's byline variant says (several names sometimes: the author, then 1-2 more from the truth rng)."""
    kind, truth = site.notes.get("byline", "info"), site.truth_rng
    if kind == "info" or "author" not in values or truth is None:
        return values, body, ""
    values = dict(values)
    names = [values.pop("author")]
    for _ in range(truth.choice((0, 0, 1, 2))):
        names += [n for n in [text.person(truth)] if n not in names]
    site.rendered["byline"] = " ".join(names)
    joined, colon = " ".join(names), site.opt("colon")
    if kind == "under":
        return values, body, escape(truth.choice(UNDER_LINES).format(names=joined, colon=colon))
    if kind == "bracket":
        line = f"<p>【作者{colon}{joined}】</p>"
        return values, (line + body if site.opt("byline_at") == "first" else with_last_line(site, body, line)), ""
    if kind == "lead":
        lead = escape(truth.choice(LEAD_FORMS).format(names=joined))
        body = re.sub(r"(<p[^>]*>|<div[^>]*>)(　*)", lambda m: m.group(1) + m.group(2) + lead, body, count=1)
        return values, body, ""
    forms = LAST_LINES if len(names) > 1 else LAST_LINES[:-1]
    line = truth.choice(forms).format(names=joined, first=names[0], rest=" ".join(names[1:]), colon=colon)
    return values, with_last_line(site, body, f"<p>{escape(line)}</p>"), ""


def with_last_line(site: Site, body: str, line: str) -> str:
    """``body`` with ``line`` after its text (before a 相关链接 list or a pager that closes the body, if any)."""
    tail = site.rendered.get("body_tail", "")
    if tail and body.endswith(tail):
        return body[:-len(tail)] + line + tail
    return body + line


def body_truth(body: str, rendered: dict) -> str:
    """The article's own text in ``body`` (paragraph HTML as the kind renderer made it, before a byline moves in):
    without the 相关链接 list or pager that closes it (``body_tail``) and the （责任编辑：…） last line."""
    tail = rendered.get("body_tail", "")
    if tail and tail in body:
        body = body.replace(tail, " ")
    shown = shown_text(re.sub(r"<(?:br|/p|/div|/li|/tr)\b[^>]*>", " ", body))
    editor = rendered.get("editor_tail")
    if editor:
        shown = re.sub(rf"（责任编辑.?{re.escape(editor)}）", " ", shown)
    return re.sub(r"\s+", " ", shown).strip()

