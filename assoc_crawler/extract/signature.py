"""A letter's signature at the end of its text: a president's message, a chair's welcome, 会长致辞. The signer's
post and name close the text ('某某协会会长' over '张三'; '某某协会会长 张三'; 'Dr Jane Doe' over 'Chair of
Council'): they name its author and are no part of its text. A notice's closing lines (the sender, the date) name
no person and stay."""

from __future__ import annotations

import re

from .gate_labels import PERSON_ROLE_WORDS_EN, PERSON_ROLE_WORDS_ZH
from .latin_bylines import is_personal_name

_ZH_POST = rf"[\u4e00-\u9fff（）()·]{{0,30}}(?:{PERSON_ROLE_WORDS_ZH})"
_ZH_NAME = r"[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3}"
_ZH_POST_AND_NAME_RE = re.compile(rf"{_ZH_POST}\s*(?P<name>{_ZH_NAME})")
_ZH_POST_RE = re.compile(_ZH_POST)
_ZH_NAME_RE = re.compile(_ZH_NAME)
_EN_POST_RE = re.compile(PERSON_ROLE_WORDS_EN, re.IGNORECASE)
_HONORIFIC_RE = re.compile(r"^(?:(?:Dr|Prof|Mr|Mrs|Ms|Sir|Dame|Rev|Hon)\.?\s+)+")
_VALEDICTION_RE = re.compile(
    r"^((with\s+)?((best|kind|warm|warmest|sincere)\s+)?(wishes|regards|greetings|thanks|gratitude|appreciation)|"
    r"(yours\s+)?(sincerely|faithfully|truly|cordially)|yours)\s*,?$", re.IGNORECASE)
_POST_NOMINAL_RE = re.compile(r",\s*[A-Z][A-Za-z.]{1,8}$")  # Jane Doe, RDH
_POST_WORDS = 8  # an English post line ('Chair of Council', 'President and Chief Executive Officer')
_SENTENCE_END_RE = re.compile(r"[。！？.!?]\s*[”\"']?$")


def letter_signature(lines: list[str], closed: bool = False) -> tuple[int, str] | None:
    """(how many of the last lines sign the text, the signer's name), or None. ``lines``: the text's lines; with
    ``closed``, its last line and the two lines below it, where a signature set apart from the text stands (only
    after a letter's closing words, 'With gratitude,')."""
    if len(lines) < 2 or (closed and not _VALEDICTION_RE.match(lines[0].strip())):
        return None
    last, above = lines[-1].strip(), lines[-2].strip()
    signed = _ZH_POST_AND_NAME_RE.fullmatch(last)
    if signed and _prose(lines[:-1]):
        return 1, re.sub(r"\s", "", signed["name"])
    if _ZH_NAME_RE.fullmatch(last) and _ZH_POST_RE.fullmatch(above) and _prose(lines[:-2]):
        return 2, re.sub(r"\s", "", last)
    for count, name, post in ((2, _POST_NOMINAL_RE.sub("", above), last), (1, _POST_NOMINAL_RE.sub("", last), "")):
        if post and not (len(post.split()) <= _POST_WORDS and _EN_POST_RE.search(post)
                         and not _SENTENCE_END_RE.search(post)):
            continue
        bare = _HONORIFIC_RE.sub("", name)
        closing = lines[-count - 1].strip() if len(lines) > count else ""
        if (len(bare.split()) >= 2 and is_personal_name(bare) and (post or _VALEDICTION_RE.match(closing))
                and _prose(lines[:-count])):
            return count, name
    return None


def _prose(lines: list[str]) -> bool:
    """Whether the text above a signature ends a sentence or a letter's closing words ('With best wishes,')."""
    above = lines[-1].strip() if lines else ""
    return bool(_SENTENCE_END_RE.search(above) or _VALEDICTION_RE.match(above))
