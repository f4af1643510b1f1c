"""The one exception type the archive raises."""


class ArchiveError(Exception):
    """An archive problem, with a message meant for humans.

    Raised for unusable paths (a directory, a missing parent directory, an unwritable location, a file
    that is not an SQLite database or not an assoc-crawler archive), for invalid input to a write method
    and for database failures during a write (the write is rolled back first). The underlying
    ``sqlite3`` exception, if any, is chained as ``__cause__``.
    """
