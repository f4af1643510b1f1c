"""Metadata fields: labelled lines (来源/作者/责任编辑 ...), bylines, titles and breadcrumbs (dates: dates.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .dates import DATE_RE
from .dom import collapse
from .labels import (
    BREADCRUMB_LEADIN,
    BREADCRUMB_SEPARATORS,
    BYLINE_AUTHOR_ROLES,
    BYLINE_LEAD_SYMBOLS,
    BYLINE_ORG_LEAD,
    BYLINE_PATTERNS,
    BYLINE_PHOTO_ROLES,
    CONTRIBUTOR_LABELS,
    DATELINE_NAME_CUT,
    DATELINE_REPORTER_PATTERN,
    FIELD_LABELS,
    OTHER_INFO_LABELS,
    PLACEHOLDER_VALUES,
    PROMO_LINE_PATTERN,
    SEGMENT_LABELS,
    SOURCE_NAME_PART_ENDINGS,
    SOURCE_ORG_ENDINGS,
    WIDGET_LINE_PATTERNS,
)

_SPACE = r"[\s\u3000\xa0]*"


def _label_regex(label: str) -> str:
    if label.isascii():
        return re.escape(label)
    return _SPACE.join(re.escape(ch) for ch in label)


def label_key(label: str) -> str:
    """A label as the tables know it: spaces inside it removed (来&nbsp;&nbsp;源), lower-cased."""
    return re.sub(_SPACE, "", label).lower()


_LABEL_TO_FIELD: dict[str, str] = {}  # label without spaces, lower-cased -> field
for _field, _labels in FIELD_LABELS.items():
    for _label in _labels:
        _LABEL_TO_FIELD[label_key(_label)] = _field
for _label in OTHER_INFO_LABELS:
    _LABEL_TO_FIELD.setdefault(label_key(_label), "other")

_ALL_LABELS = sorted({lab.lower() for labs in (*FIELD_LABELS.values(), OTHER_INFO_LABELS) for lab in labs},
                     key=len, reverse=True)
LABEL_RE = re.compile(
    r"(?<![\u4e00-\u9fffA-Za-z])(?P<label>" + "|".join(_label_regex(lab) for lab in _ALL_LABELS) + r")"
    + _SPACE + r"(?P<colon>[:：]|[/／|｜](?=\S))",
    re.IGNORECASE,
)
# after a first label on a line, a label may follow its value with nothing between (adjacent spans:
# 来源：佛山日报作者：郭晨, Date: 2017-06-21Source: X): only with a colon, and an ASCII one not inside a word
RUN_ON_LABEL_RE = re.compile(
    r"(?P<label>" + "|".join(_label_regex(lab) for lab in _ALL_LABELS) + r")" + _SPACE + r"(?P<colon>[:：])",
    re.IGNORECASE,
)
_LETTER_BEFORE = re.compile(r"[A-Za-z]$")
_YEAR_AHEAD = re.compile(r"\s*(?:19|20)\d{2}")
# one to three Chinese personal names (two to three characters each), not an organisation's name
_PERSON_NAMES_RE = re.compile(r"[\u4e00-\u9fff]{2,3}(?:[\s、，,][\u4e00-\u9fff]{2,3}){0,2}")
_RUN_ON_VALUE = re.compile(r"^[^，。；！？,;!?]{1,30}$")
# an ASCII label (By:, Author:) is a label at the start of a line or after a separator, not inside a credit
_ASCII_LABEL_LEAD = re.compile(r"(^|[|｜•·,;()（）\[\]【】])\s*$")
_VALUE_CUT = re.compile(
    r"\s{2,}|[|｜丨】\]）)]|【|\[|(?<=\S)\s+(?=(?:19|20)\d{2}\s*[-/.年])|(?<=\S)\s+(?=\d+\s*(?:条|次|人|篇|个)\S*$)"
)
_NEXT_LABEL_CUT = re.compile(r"(?<=\S)\s+(?=[^\s:：\d][^\s:：]{0,5}[:：])")  # a source's value ends at the next,
# unknown label: 来源：华夏建材报 第03版：水泥 (a person's field is left as it was: its names may run on)
_VALUE_TAIL_JUNK = re.compile(  # widget words, and a count (comments, views) shown after the value: '证券时讯报 1422'
    r"(\s+(举报|纠错|我要纠错|打印|收藏|分享|分享到|评论|我要评论|手机看|关闭)|(?<=[\u4e00-\u9fff])\s+\d+)+$"
)
_SEGMENT_RE = re.compile(
    r"^\s*(?P<label>" + "|".join(SEGMENT_LABELS) + r")\s*(?P<value>[^\s:：].{0,30}?)\s*$"
)
_UNCLOSED_BRACKET = re.compile(r"[（(][^)）]*$")
_BRACKETED = re.compile(r"^\s*[\[【]\s*([^\]】]{1,40}?)\s*[\]】]")
_MARKUP_RESIDUE = re.compile(r"=\s*[\"']|[<>]|&[a-z]+;")
_ISSUE_RE = re.compile(r"(?:19|20)\d{2}\s*年\s*第\s*\d{1,3}\s*期")
_TEXT_BY_PREFIX = re.compile(r"^(?:文|撰文|图文)\s*[/／|｜]\s*")
_REPORTER_PREFIX = re.compile(r"^[\u4e00-\u9fff]{0,6}?记者\s*(?=[\u4e00-\u9fff])")
# a date (with its lead word: 'am', 'on', 'le') that ends a value: 'Jane Doe am 12.03.2019', '张三 2021-05-01'
_VALUE_DATE = re.compile(
    r"\s*(?:,|\bam\b|\bon\b|\ble\b|\bel\b|\bum\b)?\s*(?:\d{1,2}\.\s?(?:\d{1,2}\.|[A-Za-zÄÖÜäöüéû]{3,}\.?)\s?\d{2,4}"
    r"|(?:19|20)\d{2}\s*(?:[-/.]|年(?!第))|\d{1,2}/\d{1,2}/\d{2,4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})"
)
_BRACKET_PAIRS = (("《", "》"), ("（", "）"), ("(", ")"), ("【", "】"), ("[", "]"), ("“", "”"))
_VALUE_TRIM = " \t:：,，;；。、\"'“”‘’[]【】()（）<>《》·•-"

_DATELINE_RE = re.compile(DATELINE_REPORTER_PATTERN)
_DATELINE_CUT_RE = re.compile(DATELINE_NAME_CUT)
_CJK_NAMES_RE = re.compile(r"[\u4e00-\u9fff]{2,4}(?:[\s、，,]+[\u4e00-\u9fff]{2,4})*")
_WIDGET_RES = [re.compile(p, re.IGNORECASE) for p in WIDGET_LINE_PATTERNS]
_ANY_WIDGET_RE = re.compile("|".join(f"(?:{p})" for p in WIDGET_LINE_PATTERNS), re.IGNORECASE)
_BYLINE_RES = [re.compile(p) for p in BYLINE_PATTERNS]
_PROMO_LINE_RE = re.compile(PROMO_LINE_PATTERN, re.IGNORECASE)
_PROMO_LINE_CHARS = 240
_NAME_LINE_CHARS = 40
_SENTENCE_VALUE_END_RE = re.compile(r"[。？！?!]$")
_NAME_VALUE_CHARS = 20
_CLAUSE_MARK_RE = re.compile(r"[，。；！？,;!?]")
_NAME_LINE_FRAME_RE = re.compile(r"^(?:本报|本网|本台|本刊)|\s*报道$")
# a role, then a colon, a slash or a space, then the names (作者简介 is no byline)
_NAME_LINE_LEAD_RE = re.compile(f"(?:{BYLINE_AUTHOR_ROLES}|文)(?:\\s*[:：/／]\\s*|\\s+)[\\u4e00-\\u9fff]")
_TITLE_SEPARATOR_RE = re.compile(r"\s*(?:[_|｜]|--?|—+|–| - )\s*")
_BRACKET_WRAP_RE = re.compile(r"^[（(【\[]\s*(.*?)\s*[)）】\]]$")
_ROLE_SPLIT_RE = re.compile(f"({BYLINE_AUTHOR_ROLES}|{BYLINE_PHOTO_ROLES})")
_PHOTO_ROLE_RE = re.compile(BYLINE_PHOTO_ROLES)
_ORG_LEAD_RE = re.compile(BYLINE_ORG_LEAD)
_NAME_GROUP_RE = re.compile(r"[\u4e00-\u9fff·]{2,5}(?:[\s、，,]+[\u4e00-\u9fff·]{2,5}){0,5}")
_ROLE_TAIL_WORDS_RE = re.compile(r"\s*(报道|摄影?|发自\S*|整理)\s*$")
_REPORTED_TAIL_RE = re.compile(r"\s*(摄影)?报道\s*$")  # (a photo's credit, 通讯员 马红 摄, names no author)
_SOURCE_PERSON_RE = re.compile(
    r"^(?P<org>\S{2,30}?" + SOURCE_ORG_ENDINGS + r")\s+(?:(?:" + BYLINE_AUTHOR_ROLES + r")\s*[:：]?\s*|文\s*[/／]\s*)?"
    r"(?P<name>[\u4e00-\u9fff]{2,3})$"
)
_SOURCE_PART_RE = re.compile(SOURCE_NAME_PART_ENDINGS)
_RESIDUE_RE = re.compile(r"[\s\u3000\xa0:：,，;；。、|｜丨/／\\\-–—_~·•\[\]【】()（）<>《》\"'“”]+")
_COUNT_RE = re.compile(r"^\s*\d*\s*(次|人次)?\s*$")


def clean_value(value: str | None) -> str | None:
    """Trim a labelled value; placeholders such as 未知/本站/佚名, markup residue and empty values become None.

    The value stops at a tab, an inner full-width colon or a date; '[ X ]' is unwrapped, a '…记者' prefix dropped.
    """
    if value is None:
        return None
    value = collapse(value.strip().split("\t")[0])
    bracketed = _BRACKETED.match(value)
    if bracketed:
        value = bracketed.group(1)
    if _MARKUP_RESIDUE.search(value):
        return None
    value = value.split("：")[0]
    issue = _ISSUE_RE.search(value)  # a journal's issue ends the value: 《X》2021年第3期 (not a count after it)
    if issue:
        value = value[: issue.end()]
    date = _VALUE_DATE.search(value)
    if date and date.start() > 0:
        value = value[: date.start()]
    value = _REPORTER_PREFIX.sub("", _TEXT_BY_PREFIX.sub("", value))  # 文/本刊记者 苏婉清
    before_trim = collapse(value)
    value = collapse(value).strip(_VALUE_TRIM)
    value = _VALUE_TAIL_JUNK.sub("", value)
    value = _UNCLOSED_BRACKET.sub("", value).strip(_VALUE_TRIM)
    value = _closed(collapse(value), before_trim)
    if not value or value.lower() in PLACEHOLDER_VALUES or len(value) > 60:
        return None
    if value.lower().startswith(("http", "www.")):
        return None
    return value


def _closed(value: str, shown: str) -> str:
    """The value with the bracket trimming took from it when it opens or closes one inside: '明光网-《明光日报》',
    a journal's issue '《南岭水经济》2023年第2期'."""
    for opening, closing in _BRACKET_PAIRS:
        if value.count(opening) > value.count(closing) and value + closing in shown:
            value += closing
        elif value.count(closing) > value.count(opening) and opening + value in shown:
            value = opening + value
    return value


@dataclass
class LabelledValue:
    """A value found after a label (来源：…, 作者：…) and the field the label names."""

    field: str
    label: str
    raw: str
    value: str | None


def find_labelled(line: str) -> list[LabelledValue]:
    """Every `label: value` pair on a line (several may share a line; values stop at the next label)."""
    matches = list(LABEL_RE.finditer(line))
    run_on = _run_on_labels(line, matches)
    if run_on:
        matches = sorted(matches + run_on, key=lambda m: m.start())
    found: list[LabelledValue] = []
    for i, match in enumerate(matches):
        label = label_key(match["label"])
        field = _LABEL_TO_FIELD.get(label, "other")
        if not _label_separator_ok(label, field, match["colon"]):
            continue
        if label.isascii() and not _ascii_label_placed(line, match, after_label=i > 0):
            continue  # 'Theme by: X' is a credit, not a byline
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        raw = line[match.end():end]
        cuts = [c for c in (_VALUE_CUT.search(raw), _NEXT_LABEL_CUT.search(raw) if field == "source" else None) if c]
        cut = min(cuts, key=lambda c: c.start(), default=None)
        if field != "date" and cut and not (_BRACKETED.match(raw) and not raw[: cut.start()].strip()):
            raw = raw[: cut.start()]
        value = clean_value(raw) if field != "date" else collapse(raw)
        if field == "other" and label in CONTRIBUTOR_LABELS and value and _PERSON_NAMES_RE.fullmatch(value):
            field = "author"  # 供稿：王燕平 names who wrote it; 供稿：再生金属联盟 (an organisation) stays other
        found.append(LabelledValue(field, label, raw, value))
    return found


def _ascii_label_placed(line: str, match: re.Match[str], after_label: bool) -> bool:
    """An ASCII label starts the line or follows a separator, or follows an earlier label's value (not a letter:
    'Date: 2017-06-21Source: X')."""
    before = line[: match.start()]
    return bool(_ASCII_LABEL_LEAD.search(before)) or (after_label and not _LETTER_BEFORE.search(before))


def _run_on_labels(line: str, matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """Labels with a colon that follow an earlier label's value with no space or separator between (the spans
    of an info line rendered side by side): found only after a first label of the line, right after a short
    value (a name, a paper's name, a date: no sentence), never inside another match, a date label only before
    a year, and an ASCII one never right after a letter."""
    if not matches:
        return []
    taken = [(m.start(), m.end()) for m in matches]
    extra: list[re.Match[str]] = []
    previous_end = matches[0].end()
    for match in RUN_ON_LABEL_RE.finditer(line, matches[0].end()):
        if any(a < match.end() and match.start() < b for a, b in taken):
            previous_end = max(previous_end, match.end())
            continue
        value = line[previous_end:match.start()]
        label = label_key(match["label"])
        if not _RUN_ON_VALUE.match(value):
            continue  # a sentence or a long stretch lies between: not the spans of one info line
        if _LABEL_TO_FIELD.get(label) == "date" and not _YEAR_AHEAD.match(line, match.end()):
            continue  # 更新时间：2021-… follows a value; 工作时间：9点 is not a date label
        if label.isascii() and _LETTER_BEFORE.search(value):
            continue
        extra.append(match)
        previous_end = match.end()
    return extra


def is_bracketed_line(line: str) -> bool:
    """A whole line inside one pair of brackets: （文/赵磊 赵静）, 【作者：王五】."""
    return bool(_BRACKET_WRAP_RE.match(line.strip()))


def is_name_line(line: str) -> bool:
    """A short line of a byline alone, no sentence in it: 记者 朱建国 通讯员 林磊 杨静, 通讯员 史明."""
    line = _NAME_LINE_FRAME_RE.sub("", line.strip())  # (本报记者 张三 李四 报道: the paper and 报道 frame the names)
    if len(line) > _NAME_LINE_CHARS or _CLAUSE_MARK_RE.search(line) or not _NAME_LINE_LEAD_RE.match(line):
        return False
    names = match_byline(line)
    return bool(names and _PERSON_NAMES_RE.fullmatch(names))


def find_segment_labels(line: str) -> list[LabelledValue]:
    """Labels without a colon in the segments of a '|'-separated info line (来源CSDN | 作者张三)."""
    if "|" not in line and "｜" not in line:
        return []
    found = []
    for segment in re.split(r"[|｜]", line):
        match = _SEGMENT_RE.match(segment)
        if match:
            field = _LABEL_TO_FIELD.get(match["label"], "other")
            found.append(LabelledValue(field, match["label"], match["value"], clean_value(match["value"])))
    return found


def _label_separator_ok(label: str, field: str, separator: str) -> bool:
    """A colon always separates a label from its value; '/' only after 文/撰文 or a Chinese editor label
    (文/张三, 编辑/李四), '|' only after a Chinese field label (责编|王五)."""
    if separator in "/／":
        return (field == "author" and label in {"文", "撰文"}) or (field == "editor" and not label.isascii())
    if separator in "|｜":
        return field != "other" and not label.isascii()
    return True


def _is_sentence(value: str) -> bool:
    """A labelled value that is a sentence, not a name: it ends as one, or runs long with a comma in it."""
    value = value.strip()
    return bool(_SENTENCE_VALUE_END_RE.search(value)) or (len(value) > _NAME_VALUE_CHARS and "，" in value)


@lru_cache(maxsize=8192)
def is_metadata_line(line: str) -> bool:
    """A line made only of labelled metadata (来源/作者/编辑/时间/点击 ...), dates and widget words."""
    if len(line) > 160:
        return False
    labelled = list(LABEL_RE.finditer(line))
    if not labelled:
        return False
    residue = line
    spans: list[tuple[int, int]] = []
    for i, match in enumerate(labelled):
        end = labelled[i + 1].start() if i + 1 < len(labelled) else len(line)
        value = line[match.end():end]
        cut = _VALUE_CUT.search(value)
        label = label_key(match["label"])
        if cut and _LABEL_TO_FIELD.get(label) != "date":
            end = match.end() + cut.start()
        if _LABEL_TO_FIELD.get(label) in ("author", "editor") and _is_sentence(line[match.end():end]):
            return False  # 记者：今年协会工作重点是什么？ 分析师：预计下周钢价…。: an interview's question or answer
        spans.append((match.start(), end))
    for start, end in reversed(spans):
        residue = residue[:start] + " " + residue[end:]
    residue = DATE_RE.sub(" ", residue)
    for regex in _WIDGET_RES:
        residue = regex.sub(" ", residue)
    residue = re.sub(r"(打印本页|打印|关闭窗口|关闭|收藏|大|中|小|字体|字号|默认|分享到|次|人次)", " ", residue)
    residue = _RESIDUE_RE.sub("", residue)
    return residue == "" or bool(_COUNT_RE.match(residue))


@lru_cache(maxsize=8192)
def is_widget_line(line: str) -> bool:
    """Print/close/font-size/share/prev-next/pager lines."""
    return _ANY_WIDGET_RE.search(line) is not None


def is_promo_line(line: str) -> bool:
    """A call to sign up for a newsletter or join a channel, on a line of its own."""
    return len(line) <= _PROMO_LINE_CHARS and _PROMO_LINE_RE.match(line) is not None


def match_byline(line: str) -> str | None:
    """The author's name when the whole line is a byline (记者 张三, 文/李四, （作者：王五）, 记者 张三 通讯员 李四)."""
    line = line.strip().lstrip(BYLINE_LEAD_SYMBOLS + " \u3000\xa0")
    if len(line) > 40:
        return None
    roles = role_byline(line)
    if roles:
        return roles
    for regex in _BYLINE_RES:
        match = regex.match(line)
        if match:
            return clean_value(match["name"])
    return None


def role_byline(line: str) -> str | None:
    """The names of a line made only of byline roles and names, optionally bracketed: '记者 王燕平 通讯员 方云凤'
    and '（通讯员 史明）' give '王燕平 方云凤' and '史明'; photographers are left out. None for anything else."""
    inner = _BRACKET_WRAP_RE.sub(r"\1", line.strip())
    pieces = _ROLE_SPLIT_RE.split(_REPORTED_TAIL_RE.sub("", inner))  # '记者 邱明 摄影报道': one reporter
    if len(pieces) < 3 or not _ORG_LEAD_RE.fullmatch(pieces[0].strip()):
        return None
    names: list[str] = []
    for role, group in zip(pieces[1::2], pieces[2::2], strict=True):
        group = _ROLE_TAIL_WORDS_RE.sub("", group.rstrip(" \u3000\xa0:：")).strip(" \u3000\xa0:：/／")
        if not _NAME_GROUP_RE.fullmatch(group):
            return None
        if not _PHOTO_ROLE_RE.fullmatch(role):
            names.extend(n for n in re.split(r"[\s、，,]+", group) if n)
    return " ".join(dict.fromkeys(names)) or None


def strip_source_person(source: str | None) -> str | None:
    """A source value without a person's name after the medium ('中国新闻网 王帆', '中国新闻网 记者 王帆')."""
    if not source:
        return source
    match = _SOURCE_PERSON_RE.match(source)
    if match and not _SOURCE_PART_RE.search(match["name"]):
        return match["org"]
    return source


def source_byline(source: str | None) -> tuple[str | None, str | None]:
    """A source value cut before a byline that follows the medium in the same info line, and that byline's names:
    '东川在线 东川在线记者 邱明 摄影报道' gives ('东川在线', '邱明'); (source, None) when no byline follows."""
    pieces = (source or "").split()
    for k in range(1, len(pieces)):
        names = role_byline(" ".join(pieces[k:]))
        if names:
            return " ".join(pieces[:k]), names
    return source, None


def dateline_reporter(line: str) -> str | None:
    """The reporters named in a dateline near the start of a line: …电（记者 张三 李四）, （记者王五 通讯员赵六）,
    a news lead: 本报讯（通讯员 张三）, 本报讯 记者张三 李四报道：."""
    match = _DATELINE_RE.search(line[:80].lstrip("　 \t"))
    if not match:
        return None
    names = collapse(_DATELINE_CUT_RE.sub("", match["name"] or match["lead"]))
    return names if _CJK_NAMES_RE.fullmatch(names) else None


def breadcrumb_leaf(parts: list[str], title: str | None) -> str | None:
    """The last breadcrumb section that is not home, 正文, or the article's own title."""
    skip = {"首页", "主页", "网站首页", "home", "正文", "内容", "详情", "正文内容", "文章", "新闻详情", ""}
    for part in reversed(parts):
        part = collapse(re.sub(BREADCRUMB_LEADIN, "", part)).strip(" >»›→")
        if not part or part.lower() in skip or len(part) > 30:
            continue
        if title and (part == title or (len(part) > 6 and title.startswith(part.rstrip(".…")))):
            continue
        return part
    return None


def split_breadcrumb(text: str) -> list[str]:
    """Breadcrumb text split on its separators, lead-in removed."""
    text = re.sub(BREADCRUMB_LEADIN, "", collapse(text))
    return [collapse(p) for p in re.split(BREADCRUMB_SEPARATORS, text) if collapse(p)]


def similarity_to_page_title(candidate: str, page_title: str) -> float:
    """How well a heading matches the <title> (1.0 when the <title> starts with it)."""
    if not candidate or not page_title:
        return 0.0
    cand = re.sub(r"\s+", "", candidate)
    page = re.sub(r"\s+", "", page_title)
    if page.startswith(cand):
        return 1.0
    if cand in page:
        return 0.8
    if page in cand:
        return 0.6
    shared = _bigrams(cand) & _bigrams(page)
    if not shared:
        return 0.0
    return 0.5 * len(shared) / max(len(_bigrams(cand)), 1)


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def title_parts(page_title: str) -> list[str]:
    """The parts of a <title> split at its separators ('Headline_栏目_站名', '站名 - Headline', 'A | B')."""
    return [p.strip() for p in _TITLE_SEPARATOR_RE.split(collapse(page_title)) if p.strip()]


def title_from_page_title(page_title: str, site_name: str | None = None) -> str | None:
    """The headline part of a <title> like 'Headline_栏目_站名' or '站名 - Headline'."""
    parts = title_parts(page_title)
    if not parts:
        return None
    if site_name:
        parts = [p for p in parts if p != site_name] or parts
    return max(parts, key=len) if len(parts[0]) < 6 else parts[0]
