"""Dates in text and URLs: year-first, day-first, month-name and slash dates, lead words and date lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .labels import DATE_LEAD_PATTERN, NOT_PUBLISHED_LINE_PATTERN

DATE_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?P<sep>[-/.年])\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    r"(?:\s*(?:T|\s)?\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?"
    r"(?:\.\d+)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
MONTHS: dict[str, int] = {}
for _number, _names in enumerate((
    "january jan januar janvier enero ene gennaio gen januari janv stycznia",
    "february feb februar février fevrier febrero febbraio februari févr",
    "march mar märz maerz mars marzo maart mrz",
    "april apr avril abril aprile",
    "may mai mayo maggio mei",
    "june jun juni juin junio giugno",
    "july jul juli juillet julio luglio juil",
    "august aug août aout agosto augustus",
    "september sep sept septembre septiembre settembre",
    "october oct oktober octobre octubre ottobre okt",
    "november nov novembre noviembre",
    "december dec dezember décembre decembre diciembre dicembre dez déc",
), 1):
    for _name in _names.split():
        MONTHS[_name] = _number
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
MONTH_WORD_TAIL_RE = re.compile(r"\s+(?:" + _MONTH_ALT + r")\.?$", re.IGNORECASE)  # 'Jane Doe March' (3, 2020)
DMY_RE = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>(?:19|20)\d{2})(?!\d)")
MONTH_NAME_RE = re.compile(
    r"(?<![\w])(?:(?P<d1>\d{1,2})(?:\.|st|nd|rd|th)?\s+(?:de\s+)?(?P<month>" + _MONTH_ALT + r")\.?\s+(?:de\s+)?"
    r"|(?P<month2>" + _MONTH_ALT + r")\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+)(?P<y>(?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
SLASH_DATE_RE = re.compile(
    r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d{2})(?![\d/])"
    r"(?:,?\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[AaPp][Mm])?)?"
)
URL_DATE_RES = (
    re.compile(r"(?<!\d)(?P<y>20\d{2})[-_/]?(?P<m>[01]\d)[-_/]?(?P<d>[0-3]\d)(?!\d)"),
    re.compile(r"/(?P<y>20\d{2})/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/"),
)
_DATE_LEAD_RE = re.compile(DATE_LEAD_PATTERN, re.IGNORECASE)
_NOT_PUBLISHED_RE = re.compile(NOT_PUBLISHED_LINE_PATTERN, re.IGNORECASE)
_SENTENCE_AFTER_DATE = re.compile(r"\s*[，。,]\s*[^\d\s]")
_DATE_DEPTH = 40  # an unlabelled date further into a line is part of a sentence


@dataclass
class DateValue:
    """A parsed date with whether a time of day was shown."""

    value: datetime
    has_time: bool
    tz: str | None = None

    def iso(self, default_tz: str | None) -> str:
        """ISO 8601: a date, or date and time in the site's local offset (a UTC meta time is converted)."""
        if not self.has_time:
            return self.value.strftime("%Y-%m-%d")
        tz = _offset(self.tz, self.value)
        local = _offset(default_tz, self.value)
        value = self.value
        if tz and local and tz != local:
            value = (value - _offset_delta(tz)) + _offset_delta(local)
            tz = local
        return value.strftime("%Y-%m-%dT%H:%M:%S") + (tz or local or "")


def _offset(tz: str | None, at: datetime | None = None) -> str | None:
    """A time zone as a UTC offset ``+HH:MM``: an offset (``+08:00``, ``+0800``, ``Z``) or an IANA name
    (``Asia/Shanghai``, its offset at the local time ``at``); None for none or a name nobody knows."""
    if not tz:
        return None
    if tz in ("Z", "UTC"):
        return "+00:00"
    if OFFSET_RE.fullmatch(tz):
        return tz if ":" in tz else tz[:3] + ":" + tz[3:]
    try:
        delta = (at or datetime.now()).replace(tzinfo=ZoneInfo(tz)).utcoffset()
    except (ZoneInfoNotFoundError, ValueError):
        return None
    if delta is None:
        return None
    minutes = int(delta.total_seconds()) // 60
    return f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def is_time_zone(tz: str) -> bool:
    """Whether ``tz`` names a time zone `DateValue.iso` can use: a UTC offset or an IANA name."""
    return _offset(tz) is not None


OFFSET_RE = re.compile(r"[+-]\d{2}:?\d{2}")


def _offset_delta(tz: str) -> timedelta:
    sign = -1 if tz.startswith("-") else 1
    hours, minutes = tz[1:].split(":")
    return sign * timedelta(hours=int(hours), minutes=int(minutes))


def parse_date(text: str, *, max_year: int | None = None) -> DateValue | None:
    """The first plausible date (and time) in text: year first (2021-01-15, 2021年1月15日), else day first
    (15.01.2021) or with a month name (January 15, 2021; 15. Januar 2021; 15 janvier 2021), else with slashes
    (15/01/2021 or 01/15/2021: a number over 12 is the day, else the day comes first; 3:05 PM)."""
    for match in DATE_RE.finditer(text):
        value = _date_from_match(match, max_year)
        if value:
            return value
    return _day_first_date(text, max_year) or _slash_date(text, max_year)


def _slash_date(text: str, max_year: int | None) -> DateValue | None:
    for match in SLASH_DATE_RE.finditer(text):
        a, b = int(match["a"]), int(match["b"])
        day, month = (b, a) if b > 12 else (a, b)
        value = _valid(int(match["y"]), month, day, max_year)
        if not value:
            continue
        if match["H"]:
            hour = int(match["H"])
            if match["ampm"]:
                hour = hour % 12 + (12 if match["ampm"].lower() == "pm" else 0)
            try:
                return DateValue(value.value.replace(hour=hour, minute=int(match["M"]), second=int(match["S"] or 0)),
                                 True)
            except ValueError:
                return value
        return value
    return None


def _day_first_date(text: str, max_year: int | None) -> DateValue | None:
    candidates: list[tuple[int, DateValue]] = []
    for match in DMY_RE.finditer(text):
        value = _valid(int(match["y"]), int(match["m"]), int(match["d"]), max_year)
        if value:
            candidates.append((match.start(), value))
            break
    for match in MONTH_NAME_RE.finditer(text):
        month = MONTHS.get((match["month"] or match["month2"]).lower().rstrip("."))
        day = match["d1"] or match["d2"]
        value = _valid(int(match["y"]), month, int(day), max_year) if month and day else None
        if value:
            candidates.append((match.start(), value))
            break
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def _valid(year: int, month: int | None, day: int, max_year: int | None) -> DateValue | None:
    if month is None or not (1990 <= year <= (max_year or datetime.now().year + 1)):
        return None
    try:
        return DateValue(datetime(year, month, day), False)
    except ValueError:
        return None


def _date_from_match(match: re.Match[str], max_year: int | None) -> DateValue | None:
    try:
        y, m, d = int(match["y"]), int(match["m"]), int(match["d"])
        year_limit = max_year or datetime.now().year + 1
        if not (1990 <= y <= year_limit):
            return None
        if match["H"] is not None:
            hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
            if hour > 23 or minute > 59 or second > 59:
                return DateValue(datetime(y, m, d), False)
            return DateValue(datetime(y, m, d, hour, minute, second), True, match["tz"])
        return DateValue(datetime(y, m, d), False)
    except (ValueError, TypeError):
        return None


def lead_date(line: str) -> DateValue | None:
    """A date led by 发表于/Posted on/Veröffentlicht am ... (no label colon needed), on a line of at most 120 chars."""
    match = _DATE_LEAD_RE.search(line)
    if not match or len(line) > 120:
        return None
    return parse_date(line[match.end():match.end() + 40])


def unlabelled_date(line: str) -> DateValue | None:
    """The date of an info line without a label: not one deep in a long line, opening a sentence
    (2021年3月2日，…) or on a registration/login line."""
    if _NOT_PUBLISHED_RE.match(line):
        return None
    value = parse_date(line)
    if value is None:
        return None
    start, end = _date_span(line)
    if start > _DATE_DEPTH or (len(line) > 30 and _SENTENCE_AFTER_DATE.match(line[end:])):
        return None
    return value


def _date_span(line: str) -> tuple[int, int]:
    spans = [m.span() for rx in (DATE_RE, DMY_RE, MONTH_NAME_RE, SLASH_DATE_RE) for m in [rx.search(line)] if m]
    return min(spans) if spans else (0, 0)


def date_line(line: str) -> DateValue | None:
    """The date of a short line that holds a date and no sentence or registration wording (a date line above a
    headline)."""
    if len(line) > _DATE_DEPTH or _SENTENCE_AFTER_DATE.match(line[_date_span(line)[1]:]):
        return None
    return unlabelled_date(line)


def date_from_url(url: str) -> DateValue | None:
    """A date written in the URL path (/20210115/, /2023/06/12/, t20220308_)."""
    path = url.split("?", 1)[0]
    for regex in URL_DATE_RES:
        for match in regex.finditer(path):
            try:
                value = datetime(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
            if value.year <= datetime.now().year + 1:
                return DateValue(value, False)
    return None
