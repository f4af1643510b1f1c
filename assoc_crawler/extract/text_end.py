"""Where an article's text ends: the site's footer run after it (a flat page's 版权所有 line with its 地址/电话
lines), a press release's end mark ('###', '-30-') and what follows it (the 'About the company' boilerplate, the
media contact), and a wire story's credit line ('Reporting by …; Editing by …')."""

from __future__ import annotations

import re

from .labels import (
    CREDIT_LINE_PATTERN,
    END_MARK_PATTERN,
    FOOTER_LINE_PATTERN,
    FOOTER_MARK_PATTERN,
    LEGAL_TAIL_PATTERN,
    NAMES_CREDIT_PATTERN,
)

_FOOTER_MARK_RE = re.compile(FOOTER_MARK_PATTERN, re.IGNORECASE)
_FOOTER_LINE_RE = re.compile(FOOTER_LINE_PATTERN, re.IGNORECASE)
_FOOTER_LINE_CHARS = 100
_SENTENCE_END_RE = re.compile(r"[。！？.!?]\s*$")
_END_MARK_RE = re.compile(END_MARK_PATTERN)
_LEGAL_TAIL_RE = re.compile(LEGAL_TAIL_PATTERN, re.IGNORECASE)
_FORWARD_RE = re.compile(r"forward[- ]looking|safe harbou?r", re.IGNORECASE)
_CREDIT_LINE_RE = re.compile(CREDIT_LINE_PATTERN, re.IGNORECASE)
_NAMES_CREDIT_RE = re.compile(NAMES_CREDIT_PATTERN)
_CREDIT_LINE_CHARS = 200


def footer_run(kept: list[tuple[int, str]]) -> list[int]:
    """The site's footer at the end of the text (a flat page's 版权所有 line, with the 地址/电话/ICP lines around it):
    the last short lines that are all footer lines, when one of them is certainly a footer's; else none."""
    run: list[int] = []
    certain = False
    for k, text in reversed(kept):
        fields = len(_FOOTER_LINE_RE.findall(text))
        if len(text) > _FOOTER_LINE_CHARS or not fields or (fields == 1 and _SENTENCE_END_RE.search(text)):
            break  # (one such word in a sentence is prose: 'Copyright © marks remain useful.', 版权所有：本文为原创。)
        run.append(k)
        certain = certain or bool(_FOOTER_MARK_RE.search(text))
    return run if certain else []


def after_end_mark(kept: list[tuple[int, str]]) -> list[int]:
    """A press release's end mark ('###') or the heading of its forward-looking statements (followed by their
    disclaimer), and every line after it: a tail shorter than half the text above it. Else none (a '###' between a
    story's sections, a subheading of that name in a story about them)."""
    if sum(1 for _, text in kept if _END_MARK_RE.match(text)) > 1:
        return []  # '###' between a story's parts, more than once: dividers
    for n, (_, text) in enumerate(kept):
        legal = _LEGAL_TAIL_RE.match(text) and n + 1 < len(kept) and _FORWARD_RE.search(kept[n + 1][1])
        if not n or not (_END_MARK_RE.match(text) or legal):
            continue
        before = sum(len(line) for _, line in kept[:n])
        after = sum(len(line) for _, line in kept[n + 1:])
        if after * 2 < before:
            return [k for k, _ in kept[n:]]
    return []


def is_credit_line(text: str) -> bool:
    """A wire story's closing credits: 'Reporting by Jane Doe; Editing by John Roe'."""
    return len(text) <= _CREDIT_LINE_CHARS and bool(_CREDIT_LINE_RE.match(text) or _NAMES_CREDIT_RE.match(text))
