"""A letter's signature at the end of its text: a president's message, a chair's welcome, 会长致辞. The signer's
post and name close the text ('某某协会会长' over '张三'; '某某协会会长 张三'; 'Dr Jane Doe' over 'Chair of
Council'): they name its author and are no part of its text. A notice's closing lines (the sender, the date) name
no person and stay."""

from __future__ import annotations

import re

from .gate_labels import PERSON_ROLE_WORDS_EN, PERSON_ROLE_WORDS_ZH
from .labels import LETTER_TITLE_PATTERN
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
_LETTER_TITLE_RE = re.compile(LETTER_TITLE_PATTERN, re.IGNORECASE)
_EVENT_NEWS_RE = re.compile(r"召开|举行|举办|出席|开幕|闭幕|会议|大会|年会|论坛|\b(held|hosts?|opens|gala|meeting)\b",
                            re.IGNORECASE)
_GROUP_WORD_RE = re.compile(r"\b(team|staff|services?|office|department|committee|council|secretariat|board|members|"
                            r"society|holidays?|posts?)\b", re.IGNORECASE)


def names_a_letter(title: str | None) -> bool:
    """Whether a headline names a letter: a president's message, a welcome, 会长致辞, 新年贺词; not news of a meeting
    where one was given (年会召开 会长致辞)."""
    return bool(title and _LETTER_TITLE_RE.search(title) and not _EVENT_NEWS_RE.search(title))


def letter_signature(lines: list[str], closed: bool = False, letter: bool = False) -> tuple[int, str] | None:
    """(how many of the last lines sign the text, the signer's name), or None. ``lines``: the text's lines; with
    ``closed``, its last line and the two lines below it, where a signature set apart from the text stands.
    ``letter``: the headline names a letter (会长致辞, 新年贺词, Message from the President): only a letter is signed,
    a Chinese one by a post and a name, an English one by a name after a letter's closing words ('With best
    wishes,'). A media contact, a quotation's speaker or a photo's caption closing a story sign nothing, nor does a
    team ('Kind regards, / Member Services Team')."""
    if not letter or len(lines) < 2 or (closed and not _VALEDICTION_RE.match(lines[0].strip())):
        return None
    last, above = lines[-1].strip(), lines[-2].strip()
    signed = _ZH_POST_AND_NAME_RE.fullmatch(last)
    if signed and _SENTENCE_END_RE.search(above):
        return 1, re.sub(r"\s", "", signed["name"])
    if (_ZH_NAME_RE.fullmatch(last) and _ZH_POST_RE.fullmatch(above) and len(lines) > 2
            and _SENTENCE_END_RE.search(lines[-3].strip())):
        return 2, re.sub(r"\s", "", last)
    for count, name, post in ((2, _POST_NOMINAL_RE.sub("", above), last), (1, _POST_NOMINAL_RE.sub("", last), "")):
        if post and not (len(post.split()) <= _POST_WORDS and _EN_POST_RE.search(post)
                         and not _SENTENCE_END_RE.search(post)):
            continue
        bare = _HONORIFIC_RE.sub("", name)
        closing = lines[-count - 1].strip() if len(lines) > count else ""
        if (len(bare.split()) >= 2 and is_personal_name(bare) and not _GROUP_WORD_RE.search(bare)
                and _VALEDICTION_RE.match(closing)):
            return count, name
    return None
