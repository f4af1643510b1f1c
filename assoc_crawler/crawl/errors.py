"""The error taxonomy: what kind of failure a download, a dropped request or an unusable response is.

Each kind is the `errors.error` value the archive records (`http_404`, `timeout`, `non_html`, `too_large` ...).
"""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from assoc_crawler.records.items import ErrorItem

HTML_TYPES = ("text/html", "application/xhtml", "text/plain", "application/xml", "text/xml")

# Why Scrapy dropped a request (IgnoreRequest's message) -> the `errors.error` kind; None: not an error.
_IGNORED_KINDS = (
    ("robots.txt", None), ("max redirections", "redirect_loop"), ("DOWNLOAD_MAXSIZE", "too_large"),
    ("max size", "too_large"), ("offsite", "offsite_redirect"),
)


class LeftForNextRun(IgnoreRequest):
    """A request dropped unfetched because the crawl is stopping: no error; it stays in the frontier."""


def ignored_kind(exc: BaseException | None) -> str | None:
    """The error kind of an IgnoreRequest: None for robots.txt, else from its message ('ignored' by default)."""
    message = str(exc or "")
    for fragment, kind in _IGNORED_KINDS:
        if fragment in message:
            return kind
    return "ignored"


# Exception class names (Twisted's and Scrapy's, across versions) -> the `errors.error` kind.
_ERROR_KINDS = (
    ("TruncatedResponse", "truncated"),
    ("Timeout", "timeout"), ("TimedOut", "timeout"), ("ConnectionRefused", "connection_refused"),
    ("DNSLookup", "dns"), ("CannotResolveHost", "dns"), ("ConnectionLost", "connection_lost"),
    ("DataLoss", "connection_lost"), ("ResponseFailed", "connection_lost"),
    ("ResponseNeverReceived", "connection_lost"),
    ("Cancelled", "cancelled"), ("Aborted", "cancelled"),
)


def error_kind(exc: BaseException | None) -> str:
    """A short error kind for a download failure, from the exception's (or its cause's) class names. A download
    Scrapy cancelled for its size is 'too_large': its message says so, or, when the body outgrew DOWNLOAD_MAXSIZE
    without announcing its length, it has no message at all; other cancellations are 'cancelled'."""
    if exc is not None and any("Cancelled" in cls.__name__ for cls in type(exc).__mro__):
        message = str(exc)
        if not message or "larger than download max size" in message:
            return "too_large"
    seen = 0
    while exc is not None and seen < 5:
        names = [cls.__name__ for cls in type(exc).__mro__]
        for fragment, kind in _ERROR_KINDS:
            if any(fragment in name for name in names):
                return kind
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return "download"


_BINARY_MAGIC = (b"PK\x03\x04", b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0", b"Rar!",
                 b"\x1f\x8b", b"7z\xbc\xaf")
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])  # NUL..BS, SO..US: no text holds many of them


def looks_binary(body: bytes) -> bool:
    """A file format's magic number, or many NUL/control bytes at the start: not a page whatever its type."""
    head = body[:2048]
    if head.startswith(_BINARY_MAGIC):
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return len(head) > 0 and controls > max(8, len(head) // 20)


def is_left_for_next_run(failure: Failure) -> bool:
    """Whether a request was dropped unfetched by a stopping crawl (see `crawl.process`)."""
    return bool(failure.check(LeftForNextRun))


def is_robots_refusal(failure: Failure) -> bool:
    """Whether a request failed only because robots.txt forbids it (not an error, nothing to retry)."""
    return (bool(failure.check(IgnoreRequest)) and not is_left_for_next_run(failure)
            and ignored_kind(failure.value) is None)


def failure_error(failure: Failure) -> ErrorItem:
    """The `errors` row for a request that failed below HTTP (network, size, redirects, dropped by Scrapy)."""
    request = failure.request
    kind = ignored_kind(failure.value) if failure.check(IgnoreRequest) else error_kind(failure.value)
    return _failed_request(request, kind, f"{failure.type.__name__}: {failure.getErrorMessage()}")


def exception_error(request: Request, exc: BaseException) -> ErrorItem | None:
    """`failure_error` for a download awaited in a callback, which raises instead of calling an errback; None
    when robots.txt forbids the URL (nothing to record)."""
    kind = ignored_kind(exc) if isinstance(exc, IgnoreRequest) else error_kind(exc)
    return None if kind is None else _failed_request(request, kind, f"{type(exc).__name__}: {exc}")


def _failed_request(request: Request, kind: str | None, message: str) -> ErrorItem:
    return ErrorItem(url=request.url, error=kind, message=message[:500],
                     requested_url=request.meta.get("requested_url"))


def response_error(response: Response) -> ErrorItem | None:
    """The `errors` row for a response that is no page to extract (HTTP error, not HTML, binary, empty); None for
    a usable one."""
    requested = response.meta.get("requested_url")
    if response.status >= 400:
        return ErrorItem(url=response.url, error=f"http_{response.status}", status=response.status,
                         message=f"HTTP {response.status}", requested_url=requested)
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
    looks_html = response.body[:1024].lstrip().lower().startswith((b"<!doctype", b"<html", b"<?xml", b"<head"))
    if content_type and not content_type.startswith(HTML_TYPES) and not looks_html:
        return ErrorItem(url=response.url, error="non_html", status=response.status,
                         message=f"not an HTML page ({content_type.split(';')[0]})", requested_url=requested)
    if looks_binary(response.body):
        return ErrorItem(url=response.url, error="non_html", status=response.status,
                         message=f"binary data served as {content_type.split(';')[0] or 'unknown type'}",
                         requested_url=requested)
    if not response.body.strip():
        return ErrorItem(url=response.url, error="empty", status=response.status, message="empty response body",
                         requested_url=requested)
    return None
