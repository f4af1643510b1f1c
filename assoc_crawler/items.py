"""Items the spider yields; the pipeline hands each to the archive unchanged."""

from __future__ import annotations

import base64
import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class ArticleItem:
    """One article (all its pages merged), in the shape `archive.Archive.save_article` takes."""

    record: dict[str, Any]


@dataclass
class PageItem:
    """A fetched page that is not an article (list, home, about ...), and the listing blocks seen on it."""

    url: str
    site: str
    page_type: str
    status: int | None
    listings: list[dict[str, Any]] = field(default_factory=list)
    reason: str | None = None  # why extraction did not call it an article (service-url:login, many-links ...)
    raw: dict[str, Any] | None = None  # the response, kept (latest only) so that reextract can re-decide the page


@dataclass
class ErrorItem:
    """A page that failed: HTTP error status, network failure, non-HTML or unusable response."""

    url: str
    error: str
    message: str = ""
    status: int | None = None
    requested_url: str | None = None  # the URL the crawl asked for, when a redirect led to `url`


@dataclass
class AliasItem:
    """A URL that redirected (or canonicalised) to an article already archived in this crawl."""

    url: str
    article_url: str
    reason: str = "redirect"


@dataclass
class RecheckItem:
    """A known article fetched again that answered 304 (unchanged) or 404/410 (withdrawn)."""

    url: str
    status: int


@dataclass
class FrontierItem:
    """URLs a page led the crawl to request, and the URL(s) whose handling is complete: the archive keeps
    requested-but-unanswered URLs so that a killed crawl's next run fetches them."""

    discovered: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)


# -- messages: items as bytes, for the trip through Redis from a distributed worker to `assoc-crawler ingest`

ITEM_TYPES: dict[str, type] = {cls.__name__: cls for cls in (
    ArticleItem, PageItem, ErrorItem, AliasItem, RecheckItem, FrontierItem)}


def _encode_bytes(value: Any) -> Any:
    if isinstance(value, bytes | bytearray):
        return {"$b64": base64.b64encode(value).decode("ascii")}
    raise TypeError(f"cannot send a {type(value).__name__} in an item message")


def _decode_bytes(value: dict[str, Any]) -> Any:
    if len(value) == 1 and "$b64" in value:
        return base64.b64decode(value["$b64"])
    return value


def item_to_message(item: Any, **extra: Any) -> bytes:
    """An item as JSON bytes (``bytes`` values, raw page bodies, as base64), with ``extra`` keys beside it."""
    return json.dumps({"type": type(item).__name__, "item": asdict(item), **extra}, ensure_ascii=False,
                      separators=(",", ":"), default=_encode_bytes).encode("utf-8")


def item_from_message(message: bytes | str) -> tuple[Any, dict[str, Any]]:
    """The item and the extra keys of :func:`item_to_message`'s bytes; ValueError for anything else."""
    try:
        data = json.loads(message, object_hook=_decode_bytes)
        cls = ITEM_TYPES[data.pop("type")]
        return cls(**data.pop("item")), data
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"not an item message: {exc!r}") from exc
