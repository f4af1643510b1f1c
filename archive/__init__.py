"""The SQLite archive: schema, writes and queries. Owns every SQL statement of the project."""

from .errors import ArchiveError
from .schema import SCHEMA_VERSION
from .store import Archive, SaveResult, content_hash
from .summary import archive_summary, format_summary

__all__ = [
    "SCHEMA_VERSION",
    "Archive",
    "ArchiveError",
    "SaveResult",
    "archive_summary",
    "content_hash",
    "format_summary",
]
