"""The quick check before a write: a sound archive passes without a file appearing beside it, a damaged one is
refused with the way out, and what is no SQLite file at all is left to the opening code."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archive import Archive, ArchiveDamaged, check_integrity


def _archive(path: Path) -> Path:
    with Archive(path) as archive:
        archive.start_crawl("t", "site")
    return path


def test_a_sound_archive_passes_and_nothing_appears_beside_it(tmp_path):
    db = _archive(tmp_path / "a.db")
    before = sorted(os.listdir(tmp_path))
    check_integrity(db)
    assert sorted(os.listdir(tmp_path)) == before  # read as immutable: no -wal, no -shm


@pytest.mark.parametrize("where", ["first page", "a page inside"])
def test_a_damaged_archive_is_refused_with_the_way_out(tmp_path, where):
    db = _archive(tmp_path / "a.db")
    data = bytearray(db.read_bytes())
    start = 16 if where == "first page" else 4096 + 8  # the header's magic left, or the second page
    data[start:start + 200] = b"\xa5" * 200
    db.write_bytes(bytes(data))
    with pytest.raises(ArchiveDamaged, match=r"damaged .*\.recover"):
        check_integrity(db)
    assert db.read_bytes() == bytes(data)


def test_what_is_no_archive_is_left_to_the_opening_code(tmp_path):
    check_integrity(tmp_path / "missing.db")
    garbage = tmp_path / "g.db"
    garbage.write_bytes(os.urandom(8192))
    check_integrity(garbage)  # "not an SQLite database": Archive() says so, with exit status 2
