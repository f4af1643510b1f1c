"""How the archive writes values and hands rows back: UTC timestamps, JSON text, rows as dicts."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from .errors import ArchiveError

TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def utc_now() -> str:
    """The current time as the archive writes timestamps: ``YYYY-MM-DDTHH:MM:SSZ``."""
    return datetime.now(UTC).strftime(TIMESTAMP_FORMAT)


def to_utc_iso(value: str | datetime | None) -> str | None:
    """Normalise an ISO 8601 string or datetime to the archive's UTC format; naive values count as UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError as exc:
            raise ArchiveError(f"not an ISO 8601 timestamp: {value!r}") from exc
    else:
        raise ArchiveError(f"expected an ISO 8601 timestamp, got {type(value).__name__}: {value!r}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(TIMESTAMP_FORMAT)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def to_json(value: Any) -> str | None:
    """JSON text of a value (sorted keys, non-ASCII kept), None for None; unknown types become strings."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)


def dict_rows(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    """The rows of an executed query as dicts keyed by column name."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def query_dicts(conn: sqlite3.Connection, sql: str, params: Iterable[Any] | Mapping[str, Any] = ()) -> list[dict]:
    """Run a read query; its rows as dicts."""
    return dict_rows(conn.execute(sql, params))
