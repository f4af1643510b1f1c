"""HTTP pieces of the demo server: content types, status reasons, the answer and request-log records, and the
header and query helpers :class:`~assoc_crawler.demo.server.DemoSite` answers with (stdlib only)."""

from __future__ import annotations

import email.utils
from dataclasses import dataclass, field

#: Suffixes of dynamic-looking or static pages that are re-encoded to the site encoding when served.
TEXT_PAGE_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".php", ".asp", ".aspx", ".jsp", ".do", ".cgi"})

#: Content types of the other files, by suffix.
CONTENT_TYPES: dict[str, str] = {
    ".css": "text/css",
    ".js": "application/javascript",
    ".txt": "text/plain",
    ".xml": "application/xml",
    ".json": "application/json",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".ico": "image/x-icon",
    ".svg": "image/svg+xml",
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".zip": "application/zip",
    ".rar": "application/x-rar-compressed",
    ".swf": "application/x-shockwave-flash",
}

#: Query parameters that sharing and analytics add to links; dropped when looking up a query file.
TRACKING_PARAMS = frozenset(
    {"from", "isappinstalled", "spm", "scene", "clicktime", "enterid", "wxfrom", "share", "sharer_id",
     "fbclid", "gclid", "timestamp", "_t"}
)

INDEX_FILES = ("index.html", "index.htm", "index.shtml", "index.php", "default.html", "default.htm")

REASONS = {
    200: "OK", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
    307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request", 403: "Forbidden",
    404: "Not Found", 405: "Method Not Allowed", 500: "Internal Server Error", 502: "Bad Gateway",
    503: "Service Unavailable",
}


@dataclass
class RequestLogEntry:
    """One request as received by a demo site.

    ``path`` is the request target with its query, percent-decoded (UTF-8, else the site encoding);
    ``raw_path`` is the target exactly as sent. ``status`` is ``None`` until the answer is decided
    (e.g. while a ``delay`` route sleeps).
    """

    method: str
    path: str
    raw_path: str
    headers: dict[str, str]
    time: float
    status: int | None = None


@dataclass
class Response:
    """An answer computed by :meth:`DemoSite.respond` (body is sent only for non-HEAD requests)."""

    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        """The first header called ``name`` (case-insensitive), or None."""
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


def decode_path_bytes(raw: bytes, fallback: str) -> str:
    """Decode percent-decoded bytes: UTF-8 if valid, else the site encoding, else Latin-1."""
    for encoding in ("utf-8", fallback):
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("latin-1")


def http_date(timestamp: float) -> str:
    return email.utils.formatdate(timestamp, usegmt=True)


def small_page(status: int, message: str) -> bytes:
    reason = REASONS.get(status, "Error")
    return (
        "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n"
        f"<html><head>\n<title>{status} {reason}</title>\n</head><body>\n<h1>{reason}</h1>\n"
        f"<p>{message}</p>\n<hr>\n<address>Apache Server</address>\n</body></html>\n"
    ).encode("ascii", "xmlcharrefreplace")


def etag_matches(header: str, etag: str) -> bool:
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate == "*":
            return True
        if candidate.startswith("W/"):
            candidate = candidate[2:]
        if candidate == etag:
            return True
    return False


def drop_tracking(query: str) -> str:
    kept = []
    for pair in query.split("&"):
        key = pair.split("=", 1)[0].lower()
        if not pair or key.startswith("utm_") or key in TRACKING_PARAMS:
            continue
        kept.append(pair)
    return "&".join(kept)
