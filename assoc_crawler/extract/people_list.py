"""A list of people: a board, a secretariat's staff, an expert committee, a team. Below the headline, four entries
or more of one template (cards, rows, list items) each open with a person's name and give a post (孙伟明 秘书长
0577-…; 'Lorraine Castillo-Webb' 'Chair, General Manager of KVRN 7'): the page lists people, it tells no story."""

from __future__ import annotations

import re

from lxml import etree

from .dom import Document, collapse, el_text
from .gate_labels import (
    PERSON_ROLE_WORDS_EN,
    PERSON_ROLE_WORDS_ZH,
)
from .latin_bylines import latin_names
from .own_list import entry_runs

_ZH_ROLE_RE = re.compile(PERSON_ROLE_WORDS_ZH)
_EN_ROLE_RE = re.compile(PERSON_ROLE_WORDS_EN, re.IGNORECASE)
_ZH_NAME_RE = re.compile(r"([\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3})(?:\s|$)")  # (郑 浩: a name spaced to width)
_CONTACT_CELL_RE = re.compile(r"\d{3,4}-?\d{7,8}|1[3-9]\d{9}|@[\w-]+\.")  # a telephone number, an e-mail
_SERIAL_RE = re.compile(r"^\d{1,3}[.、．)）]?\s+")
_LATIN_LEAD_RE = re.compile(r"[,\t|–—]")
_MAX_PERSON_CHARS = 400  # a person's entry: a name, a post, a unit, a short bio at most
_HONORIFIC_RE = re.compile(
    r"^(The\s+)?(Dr|Prof|Mr|Mrs|Ms|Miss|Sir|Dame|Rev|Revd|Reverend|Hon|Honourable|Honorable)\.?\s+")
_POST_NOMINALS_RE = re.compile(r"(\s+[A-Z]{2,6}|\s+[A-Z][a-z]?\.[A-Z]\.?|\s+Ph\.?D\.?|\s+['’]\d\d)+$")
# (MIAP, P.E., PhD; an alumnus' class year: Evelyn Cho ’05)
_PERSON_SHARE = 0.75
_MIN_RUN = 4
_LATIN_NAME_WORDS = (2, 4)


def people_list_chars(doc: Document, boxes: list[tuple[int, int]], title_index: int) -> int:
    """Characters of the runs of entries below the headline (outside ``boxes``: navigation, sidebars, footers,
    listing boxes) most of whose entries name a person and their post (a staff directory's tables, one per
    division, count together); 0 when there is none."""
    total = 0
    for run in entry_runs(doc, boxes, title_index):
        if run[0].tag == "p":
            continue  # paragraphs that open with a name and a post are a story's ('Jane Doe, Chair, said …')
        people = sum(1 for entry in run[:_MIN_RUN] if _names_a_person(doc, entry))
        if people < _PERSON_SHARE * _MIN_RUN:
            continue  # (the first entries tell: most runs are no people, and reading every entry costs)
        people += sum(1 for entry in run[_MIN_RUN:] if _names_a_person(doc, entry))
        if people >= _PERSON_SHARE * len(run):
            total += sum(doc.chars[doc.index[entry]] for entry in run)
    return total


def _names_a_person(doc: Document, entry: etree._Element) -> bool:
    """An entry that opens with a person's name (2-4 Chinese characters, or 2-4 capitalised Latin words before a
    comma or the line's end) and gives a post (秘书长, 教授; Chair, Director)."""
    if doc.chars[doc.index[entry]] > _MAX_PERSON_CHARS:
        return False
    lines = [line.text.strip() for line in doc.lines(entry) if line.text.strip()]
    if not lines:
        return False
    lines[0] = _SERIAL_RE.sub("", lines[0])  # a numbered row's 序号 (1	邹国良	会长 …)
    text = " ".join(lines)
    chinese = _ZH_NAME_RE.match(lines[0] + " ") or _ZH_NAME_RE.fullmatch(_first_text(entry) + " ")
    if entry.tag == "tr" and _staff_row(entry):
        return True
    if chinese:  # (a name set apart from its post only by its element: <h4>蓝永斌</h4><span>党组书记</span>)
        return bool(_ZH_ROLE_RE.search(text[len(chinese[1]):]))
    lead = _POST_NOMINALS_RE.sub("", _HONORIFIC_RE.sub("", _LATIN_LEAD_RE.split(lines[0])[0].strip()))
    low, high = _LATIN_NAME_WORDS
    return (bool(lead) and latin_names(lead) == lead and low <= len(lead.split()) <= high
            and bool(_EN_ROLE_RE.search(text[len(lead):])))


def _first_text(entry: etree._Element) -> str:
    """The first text of an entry's elements (its first field, a name in a heading or a <strong>)."""
    return next((t.strip() for el in entry.iter(etree.Element) if (t := el.text) and t.strip()), "")


def _staff_row(row: etree._Element) -> bool:
    """A table row of a staff directory: a cell that is a name (2-4 Chinese characters), and a post or a telephone
    number or an e-mail address in the row (综合部 | 孟晓东 | 文秘、档案 | 0759-86335100)."""
    cells = [collapse(el_text(cell)) for cell in row.iterfind("./td")]
    named = any(_ZH_NAME_RE.fullmatch(cell + " ") for cell in cells)
    return named and any(_ZH_ROLE_RE.search(cell) or _CONTACT_CELL_RE.search(cell) for cell in cells)
