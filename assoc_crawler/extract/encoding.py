"""Turn response bytes into Unicode: BOM, HTTP charset, meta charset and sniffing, the real encoding winning."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Mapping

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

# Declared names that mean a narrower member of a family: decode with the superset.
_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030", "euc-cn": "gb18030",
    "hz-gb-2312": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs", "ascii": "utf-8", "us-ascii": "utf-8",
    "shift_jis": "cp932", "euc-kr": "cp949",
}
# Declarations that are almost never the truth on a Chinese page and decode anything without error.
_WEAK = {"latin-1", "iso8859-1", "cp1252", "windows-1252"}
_SNIFF_ORDER = ("gb18030", "big5hkscs")
_HIGH_BYTES = bytes(range(128, 256))


def normalise_encoding(name: str | None) -> str | None:
    """Return the Python codec name to decode a declared charset with (GBK family -> gb18030), or None."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    label = _SUPERSETS.get(label, label)
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    codec = _SUPERSETS.get(codec, codec)
    if codec in {"gbk", "gb2312"}:
        return "gb18030"
    if codec == "big5":
        return "big5hkscs"
    if codec == "iso8859-1":
        return "latin-1"
    return codec


def _count_errors(data: bytes, encoding: str) -> int:
    """How many undecodable sequences the bytes have in this encoding (0 = decodes cleanly)."""
    try:
        data.decode(encoding)
        return 0
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        return text.count("\ufffd") + 1
    except LookupError:
        return len(data) + 1


def _is_ascii(data: bytes) -> bool:
    try:
        data.decode("ascii")
    except UnicodeDecodeError:
        return False
    return True


def header_value(headers: Mapping[str, str] | None, name: str) -> str | None:
    """The value of response header ``name`` (any case), or None."""
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == name.lower():
            return value
    return None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode an HTML response; return (text, encoding used).

    Order: a BOM; bytes that are valid UTF-8 (a legacy declaration on UTF-8 bytes is wrong); then the HTTP and
    meta declarations that decode cleanly (Latin-1 style declarations last, as they never fail); then sniffing
    GB18030/Big5; last, the candidate with the fewest undecodable sequences, decoded with replacement.
    """
    bom_encoding, bom = read_bom(body)
    if bom_encoding:
        codec = normalise_encoding(bom_encoding) or "utf-8"
        return body[len(bom):].decode(codec, errors="replace"), codec
    if _is_ascii(body):
        return body.decode("ascii"), normalise_encoding(
            http_content_type_encoding(content_type) if content_type else None
        ) or "utf-8"
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared: list[str] = []
    header = normalise_encoding(http_content_type_encoding(content_type)) if content_type else None
    meta = normalise_encoding(html_body_declared_encoding(body[:8192]))
    if "utf-8" in (header, meta) and meta in ("utf-8", None):
        # declared UTF-8 with a few bad sequences (a pasted GBK fragment, a cut character): UTF-8 is right,
        # a GBK sniff would turn the whole page into mojibake. A GBK page mislabelled UTF-8 fails on most of its
        # non-ASCII bytes and goes on to the checks below.
        text = body.decode("utf-8", errors="replace")
        non_ascii = len(body) - len(body.translate(None, _HIGH_BYTES))
        if text.count("\ufffd") * 20 <= non_ascii:
            return text, "utf-8"
    for codec in (header, meta):
        if codec and codec != "utf-8" and codec not in declared:
            declared.append(codec)
    strong = [c for c in declared if c not in _WEAK]
    weak = [c for c in declared if c in _WEAK]
    # a Western declaration is believed before sniffing for GBK when the page says it is not in CJK
    western = bool(weak) and not _cjk_lang(body)
    candidates = _unique([*strong, *weak, *_SNIFF_ORDER] if western else [*strong, *_SNIFF_ORDER, *weak])
    for codec in candidates:
        if _count_errors(body, codec) == 0:
            return body.decode(codec), codec
    best = min(_unique([*strong, *_SNIFF_ORDER, "utf-8"]), key=lambda c: _count_errors(body, c))
    return body.decode(best, errors="replace"), best


_LANG_RE = re.compile(rb"<html[^>]*?\slang\s*=\s*[\"']?([a-zA-Z]{2})", re.IGNORECASE)


def _cjk_lang(body: bytes) -> bool:
    """Whether <html lang> names Chinese, Japanese or Korean (True when there is no lang at all)."""
    match = _LANG_RE.search(body[:4096])
    return match is None or match.group(1).lower() in (b"zh", b"ja", b"ko")


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
