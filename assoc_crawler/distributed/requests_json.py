"""Requests on Redis as JSON: the `SCHEDULER_SERIALIZER` of a distributed run, in place of scrapy-redis's pickle.

A pickled request runs code when it is loaded: anyone who can write to the run's Redis could run code on every
worker. Here a request is Scrapy's own `Request.to_dict()` as JSON: ``bytes`` (headers, body) as base64, dicts
with keys that are not strings (headers) as pairs. Anything else in a request (an object in `meta`) is an error
when it is queued, not a surprise when another worker loads it. Loading builds only JSON values."""

from __future__ import annotations

import json
from typing import Any

from .codec import decode_bytes, encode_bytes

_PAIRS = "$pairs"


def _plain(value: Any) -> Any:
    """A JSON-able copy of value: bytes and non-string-keyed dicts are tagged; other types raise TypeError."""
    if isinstance(value, bytes | bytearray):
        return encode_bytes(value)
    if isinstance(value, dict):
        if all(isinstance(key, str) for key in value):
            return {key: _plain(item) for key, item in value.items()}
        return {_PAIRS: [[_plain(key), _plain(item)] for key, item in value.items()]}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"a {type(value).__name__} cannot travel in a distributed run's request (JSON only)")


def _tagged(obj: dict[str, Any]) -> Any:
    if len(obj) == 1 and _PAIRS in obj:
        return {_hashable(key): item for key, item in obj[_PAIRS]}
    return decode_bytes(obj)


def _hashable(key: Any) -> Any:
    return tuple(key) if isinstance(key, list) else key


def dumps(request: dict[str, Any]) -> bytes:
    """A request's dict (`Request.to_dict()`) as JSON bytes."""
    return json.dumps(_plain(request), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(message: bytes | str) -> dict[str, Any]:
    """The request dict of :func:`dumps`'s bytes; ValueError for anything that is not one."""
    data = json.loads(message, object_hook=_tagged)
    if not isinstance(data, dict) or "url" not in data:
        raise ValueError("not a request message")
    return data
