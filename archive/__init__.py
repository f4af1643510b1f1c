"""The SQLite archive: schema, writes and queries. Owns every SQL statement of the project."""

from .errors import ArchiveError, ArchiveUnwritable
from .incremental import RECHECK_MODES, CrawlState, RecheckPolicy
from .integrity import ArchiveDamaged, check_integrity
from .lock import ArchiveLocked, CrawlLock, SiteLock
from .pages import PackedBody, pack_body
from .schema import SCHEMA_VERSION
from .store import Archive, SaveResult, content_hash, on_read_only_media
from .summary import archive_summary, format_summary

__all__ = [
    "SCHEMA_VERSION",
    "Archive",
    "ArchiveDamaged",
    "ArchiveError",
    "ArchiveUnwritable",
    "ArchiveLocked",
    "CrawlLock",
    "CrawlState",
    "PackedBody",
    "RECHECK_MODES",
    "RecheckPolicy",
    "SiteLock",
    "SaveResult",
    "archive_summary",
    "check_integrity",
    "content_hash",
    "on_read_only_media",
    "pack_body",
    "format_summary",
]
