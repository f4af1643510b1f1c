"""The text's edges as lines: where the headline stands among them, a line that is a date alone, and the lines
where a closing byline may stand (the last few, and those above a gallery's captions that close the text)."""

from __future__ import annotations

import re

from .dates import MONTH_NAME_RE, parse_date
from .dom import Line

_WEEKDAY_RE = re.compile(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b\.?")
_TAIL_BYLINE_LINES = 3  # a byline among the last lines of a text, above notices, leaves it
_TAIL_LABEL_LINES = 12  # a gallery's captions closing a text, at most
_LABEL_LINE_CHARS = 16
_LABEL_END_RE = re.compile(r"[。！？.!?；;]$")  # a sentence's end: no label's


def tail_byline_candidates(lines: list[Line], keep: list[bool]) -> list[int]:
    """The kept lines where a closing byline may stand: the last few, and those above a run of short labels that
    closes the text (a gallery's captions: 考察团合影, 座谈交流会现场)."""
    kept = [k for k, flag in enumerate(keep) if flag]
    labels = 0
    while labels < min(len(kept), _TAIL_LABEL_LINES) and is_label_line(lines[kept[-1 - labels]].text):
        labels += 1
    return kept[-_TAIL_BYLINE_LINES - labels:]


def is_label_line(text: str) -> bool:
    """A short line that ends no sentence and gives no date: a caption or a label (a notice's closing date stops
    the run: its sender and the lines above it are the notice's)."""
    return len(text) <= _LABEL_LINE_CHARS and not _LABEL_END_RE.search(text) and parse_date(text) is None


def first_kept(keep: list[bool]) -> int | None:
    for k, flag in enumerate(keep):
        if flag:
            return k
    return None


def headline_span(lines: list[Line], title: str | None) -> tuple[int, int]:
    """(first, one past the last) of the headline's lines among the first six: one line, or two or three lines that
    make it together; (0, 0) when none."""
    if not title:
        return 0, 0
    for k in range(min(6, len(lines))):
        for span in (1, 2, 3):
            if k + span <= len(lines) and _same_text("".join(ln.text for ln in lines[k:k + span]), title):
                return k, k + span
    return 0, 0


def _same_text(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)


def is_date_line(text: str) -> bool:
    """A line that is a date and nothing else: 2024-03-04 12:00, 2024年3月4日, or with the month's name and a
    weekday (Monday, March 4, 2024; 4 March 2024, 10:00 AM)."""
    if len(text) > 40:
        return False
    bare = _WEEKDAY_RE.sub("", MONTH_NAME_RE.sub("", text, count=1))
    return re.sub(r"[\d\s\-/:.,年月日时分秒：]|[AaPp]\.?[Mm]\.?", "", bare) == "" and parse_date(text) is not None
