"""Latin-script bylines: the names a byline line or byline markup opens with ('By Jane Doe, John Roe and Ann Lee',
'Von Max Muster und Erika Musterfrau, Kieler Nachrichten', 'Jane Doe Reporter'), without the outlet, place or job
title that may follow them."""

from __future__ import annotations

import re

from .dates import MONTH_WORD_TAIL_RE, parse_date
from .labels import (
    BYLINE_ROLE_WORDS,
    LATIN_BYLINE_PATTERN,
    LATIN_BYLINE_STOP_WORDS,
    LATIN_TRAILING_BYLINE_PATTERN,
    NAME_PARTICLES,
    ORG_NAME_WORDS,
)

_LATIN_BYLINE_RE = re.compile(LATIN_BYLINE_PATTERN, re.IGNORECASE)
_LATIN_TRAILING_RE = re.compile(LATIN_TRAILING_BYLINE_PATTERN)
_LATIN_NAME_SPLIT = re.compile(r"\s*[/|•·]\s*")
_ROLE_TAIL = re.compile(r"(?:(?<=[a-zäöüé])|\s+)" + BYLINE_ROLE_WORDS + r"\b.*$")  # 'Jane DoeStaff Writer'
_ROLE_PIECE_RE = re.compile(r"^(?:" + BYLINE_ROLE_WORDS + r"[a-z]*\s*)+$", re.IGNORECASE)  # 'Staff Writers'
_LATIN_STOP_RE = re.compile(r"\s+" + LATIN_BYLINE_STOP_WORDS + r"\b.*$", re.IGNORECASE)
_LATIN_LINE_CHARS = 90
_EXPLICIT_LINE_CHARS = 160
_OPENING_BYLINE_RE = re.compile(r"(?P<byline>By\s+[^–—:]{3,40}?)\s+[–—]\s+(?P<rest>\S.*)$")
_OPENING_REST_CHARS = 40
_EXPLICIT_LEAD_RE = re.compile(r"(story|words|text|reporting|reported|written|guest post) by\s", re.IGNORECASE)
_SIGNATURE_RE = re.compile(r"[—–]{1,2}\s*(?P<name>(?!The\b)[^\d,;:—–!?]{3,40}?)\.?")
_ROLE_WORD_RE = re.compile(r"\b" + BYLINE_ROLE_WORDS + r"\b")
_JOB_TITLE_WORDS = 5
_NAME_JOINT_RE = re.compile(r"(\s*,\s*(?:and\s+)?|\s+(?:and|&|und|et)\s+)", re.IGNORECASE)  # between names
# Words of an outlet's or an organisation's name, never of a person's ('Associated Press', 'Bloomberg News').
_ORG_WORD_RE = re.compile(ORG_NAME_WORDS)
_ORG_LEAD_WORD_RE = re.compile(r"(The|Der|Die|Das|Le|La|Les|El)\s")  # an outlet's name, not a person's
_NAME_WORDS = 4


def signature_name(line: str) -> str | None:
    """The name of a signature line ('— Jane Doe', '– Jane Doe.'): a person's name of two words or more (not '— The
    End', '— Happy Holidays!'), or None."""
    signed = _SIGNATURE_RE.fullmatch(line.strip())
    name = signed["name"] if signed else ""
    return name if len(name.split()) >= 2 and _personal_name(name) else None


def byline_opening(line: str) -> tuple[str, str] | None:
    """(name, the rest) of a first paragraph that opens with a byline set before a dash ('By Carl Dempsey – The
    state House voted …'), or None."""
    match = _OPENING_BYLINE_RE.match(line)
    if not match or len(match["rest"]) < _OPENING_REST_CHARS:
        return None
    name = latin_byline(match["byline"])
    return (name, match["rest"]) if name and len(name.split()) >= 2 else None  # ('By Rail – …' names nobody)


def latin_byline(line: str, outlet: str = "") -> str | None:
    """The name of a colon-less Latin byline line (By Jane Doe, Von Max Muster am 3. März, 12.03.2019 von X);
    ``outlet``: the site's name, which may follow the names. A line opening with an explicit lead ('Guest post by',
    'Written by') may describe its writer at some length after a comma."""
    line = line.strip()
    if len(line) > (_EXPLICIT_LINE_CHARS if _EXPLICIT_LEAD_RE.match(line) else _LATIN_LINE_CHARS):
        return None
    match = _LATIN_BYLINE_RE.match(line)
    if match:
        name = _LATIN_NAME_SPLIT.split(match["name"])[0]
        if line[match.end("name"):].lstrip().startswith(","):
            several = latin_names(line[match.start("name"):], outlet)
            if several and several.startswith(name) and len(several) > len(name):
                return several  # 'By Jane Doe, John Roe and Ann Lee'
        name = _untitled(name)  # ('By Association Staff' keeps its one name word)
        name = MONTH_WORD_TAIL_RE.sub("", name)
        name = _LATIN_STOP_RE.sub("", name).strip()
        if _personal_name(name) and not _ROLE_PIECE_RE.match(name):  # 'By Staff Writers' names nobody
            return name
    if parse_date(line):
        match = _LATIN_TRAILING_RE.search(line)
        if match and _personal_name(match["name"]):
            return match["name"].strip()
    return None


def latin_names(text: str, outlet: str = "") -> str | None:
    """The personal names a Latin byline opens with, as shown: one name ('Jane Doe' of 'Jane Doe Reporter' or of
    'Jane Doe, Reuters'), two joined by a word ('Jane Doe and John Roe', 'Max Muster und Erika Musterfrau') or a
    list closed by one ('Jane Doe, John Roe and Ann Lee'). A piece after a comma that no 'and' follows is an
    outlet (``outlet``, the site's name, among them), a place or a job title, and ends the byline. None when the
    text does not open with a name."""
    parts = _NAME_JOINT_RE.split(_LATIN_NAME_SPLIT.split(text.strip())[0])
    names = [_untitled(part) for part in parts[::2]]
    joints = [joint.strip().lower() for joint in parts[1::2]]
    count = 0
    for n, name in enumerate(names):
        site = outlet if n else ""  # (a personal blog is named after its writer)
        if (not name or not _personal_name(name) or _is_outlet(name, site) or (n and len(name.split()) < 2)
                or _ROLE_PIECE_RE.match(name)):
            break
        count = n + 1
        if name != parts[2 * n].strip():
            break  # a job title after the name closes the byline
    # a comma joins names only in a list that a word closes ('A, B and C'): in 'A, B' the B is something else
    while count > 1 and not re.search(r"[a-z&]", joints[count - 2]):
        count -= 1
    if count > 1 and _pairs_names_with_places(names, joints, count, outlet):
        count = 1
    if not count:
        return None
    shown = names[0]
    for n in range(1, count):
        shown += parts[2 * n - 1] + names[n]
    return shown


def _pairs_names_with_places(names: list[str], joints: list[str], count: int, outlet: str = "") -> bool:
    """Whether a comma list of ``count`` names is followed by a comma and a piece that is no outlet: 'A, New York
    and B, London' pairs each name with a place. (A list followed by an outlet's name or a job title is the
    outlet's writers: 'A, B and C, The Daily Post', 'A, B und C, Redakteure'.)"""
    listed = any("," in joint for joint in joints[:count - 1])
    if not listed or len(joints) < count or "," not in joints[count - 1]:
        return False
    after = names[count]
    return not _is_outlet(after, outlet) and not _ROLE_PIECE_RE.match(after)


def _is_outlet(piece: str, outlet: str = "") -> bool:
    """Whether a byline piece names an outlet or an organisation ('The Harbor Ledger', 'Bloomberg News'), the
    site's own (``outlet``) among them."""
    return bool(_ORG_LEAD_WORD_RE.match(piece) or _ORG_WORD_RE.search(piece)) or bool(outlet and piece == outlet)


def _untitled(piece: str) -> str:
    """A byline piece without a job title after the name ('Jane Doe Senior Reporter'), unless that would leave a
    single word: 'Tom Senior' and 'Mark Staff' are names."""
    bare = _ROLE_TAIL.sub("", piece).strip()
    return bare if len(bare.split()) >= 2 else piece.strip()


def titled(rest: str) -> bool:
    """Whether what follows a byline's name is a job title ('Reporter', ', Staff Writer')."""
    return bool(_ROLE_TAIL.match(" " + rest.lstrip(" ,")))


def job_title(text: str) -> bool:
    """A short job title: up to five words, one of them a role ('Logistics Editor', 'Senior Data Reporter')."""
    words = text.split()
    return 0 < len(words) <= _JOB_TITLE_WORDS and bool(_ROLE_WORD_RE.search(text))


def is_personal_name(name: str) -> bool:
    """Whether a name is a person's: 1-4 capitalised words without digits, no word of an organisation's name."""
    return _personal_name(name) and not _is_outlet(name)


def _personal_name(name: str) -> bool:
    """1-4 capitalised words without digits, optionally joined by particles (and, und, van ...)."""
    words = [w for w in name.split() if w.lower() not in NAME_PARTICLES]
    if not words or len(words) > _NAME_WORDS or len(name) > 60 or re.search(r"\d", name):
        return False
    return all(w[0].isupper() or not w[0].isalpha() for w in words)
