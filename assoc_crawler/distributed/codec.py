"""Items as messages on Redis: JSON with raw page bodies as base64. Workers encode, the writer decodes."""

from __future__ import annotations

import base64
import json
from dataclasses import asdict
from typing import Any

from assoc_crawler.records.items import ITEM_TYPES

BYTES_TAG = "$b64"  # {"$b64": "..."}: bytes, as base64 (items here, requests in requests_json)


def encode_bytes(value: Any) -> Any:
    """JSON's ``default`` hook: bytes as {"$b64": base64}; any other type is a TypeError."""
    if isinstance(value, bytes | bytearray):
        return {BYTES_TAG: base64.b64encode(value).decode("ascii")}
    raise TypeError(f"cannot send a {type(value).__name__} in an item message")


def decode_bytes(value: dict[str, Any]) -> Any:
    """JSON's ``object_hook``: {"$b64": base64} back to bytes, other objects as they are."""
    if len(value) == 1 and BYTES_TAG in value:
        return base64.b64decode(value[BYTES_TAG])
    return value


def item_to_message(item: Any, **extra: Any) -> bytes:
    """An item as JSON bytes (``bytes`` values, raw page bodies, as base64), with ``extra`` keys beside it."""
    return json.dumps({"type": type(item).__name__, "item": asdict(item), **extra}, ensure_ascii=False,
                      separators=(",", ":"), default=encode_bytes).encode("utf-8")


def item_from_message(message: bytes | str) -> tuple[Any, dict[str, Any]]:
    """The item and the extra keys of :func:`item_to_message`'s bytes; ValueError for anything else."""
    try:
        data = json.loads(message, object_hook=decode_bytes)
        if not isinstance(data, dict):
            raise TypeError(f"a JSON {type(data).__name__}, not an object")
        cls = ITEM_TYPES[data.pop("type")]
        return cls(**data.pop("item")), data
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"not an item message: {exc!r}") from exc
