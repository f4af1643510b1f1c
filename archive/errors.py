"""The one exception type the archive raises."""


class ArchiveError(Exception):
    """An archive problem, with a message meant for humans.

    Raised for unusable paths (a directory, a missing parent directory, an unwritable location, a file
    that is not an SQLite database or not an assoc-crawler archive), for invalid input to a write method
    and for database failures during a write (the write is rolled back first). The underlying
    ``sqlite3`` exception, if any, is chained as ``__cause__``.
    """


class ArchiveUnwritable(ArchiveError):
    """The archive's storage refuses writes: the disk is full, an I/O error, a read-only file, a lock held by
    another process past the busy timeout, a damaged file. Retrying the next item will not help."""


# SQLite result codes (and extended codes, by prefix) that are about the storage, not the data written.
_STORAGE_ERRORS = ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_CORRUPT",
                   "SQLITE_NOTADB", "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_PERM")


def write_error(message: str, exc: BaseException) -> ArchiveError:
    """The ArchiveError for a failed write: ArchiveUnwritable when the sqlite3 error is about the storage."""
    name = getattr(exc, "sqlite_errorname", None) or ""
    return ArchiveUnwritable(message) if name.startswith(_STORAGE_ERRORS) else ArchiveError(message)
