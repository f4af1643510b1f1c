"""Extraction benchmark (bench/extraction.py), its data: the constants, the shapes every extractor's results are
put in (Page, Block, Extracted, Run), the tune/check half rule, and loading the corpus pages with their truth."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS = ("title", "published_at", "source", "author", "editor")
LISTING_KINDS = ("recommended", "hot", "related", "other")
TARGET_KINDS = ("recommended", "hot", "related")
EXTRACTORS = ("ours", "trafilatura", "gne")
ARCHIVE = "ours-archive"  # derived view of ours: what the crawler archives (see the module docstring)
CLASSIFIERS = ("ours", ARCHIVE)  # extractors whose page_type is scored
HALVES = ("tune", "check")
HALF_RULE = 'sha1("<set>/<id>"): first 8 hex digits as an integer, even -> tune, odd -> check'
MAX_VALUE_CHARS = 200
BODY_GOOD = 0.8

# ---------------------------------------------------------------------------------------------------------------
# Data


@dataclass
class Page:
    """One corpus page: raw bytes, its truth and the URL to pass to extractors."""

    set: str
    id: str
    url: str
    body: bytes
    truth: dict[str, Any]
    text: str | None = None  # decoded by our decode_html, for extractors that need text (set before timing)
    half: str = field(init=False, default="")  # "tune" or "check", from set and id (half_of)

    def __post_init__(self) -> None:
        self.half = half_of(self.set, self.id)


@dataclass
class Block:
    """The parts of a listing block that scoring needs."""

    heading: str
    kind: str
    count: int
    first_title: str
    first_href: str


@dataclass
class Extracted:
    """What one extractor returned for one page, in a shape common to all extractors."""

    title: str | None = None
    published_at: str | None = None
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    body: str = ""
    page_type: str | None = None  # None: the extractor does not classify pages (or raised)
    listings: list[Block] = field(default_factory=list)
    error: str | None = None


@dataclass
class Run:
    """The outcome of running one extractor over all pages."""

    name: str
    results: list[Extracted]
    seconds: list[float]  # total extract-call time of each timing pass
    half_seconds: dict[str, list[float]] = field(default_factory=dict)  # the same, per half

    @property
    def best_seconds(self) -> float:
        return min(self.seconds) if self.seconds else 0.0


Extractor = Callable[[Page], Extracted]


def half_of(set_name: str, page_id: str) -> str:
    """The half a page belongs to, "tune" or "check": a fixed rule on set name and page id (HALF_RULE)."""
    h = hashlib.sha1(f"{set_name}/{page_id}".encode()).hexdigest()
    return "tune" if int(h[:8], 16) % 2 == 0 else "check"


class CorpusError(ValueError):
    """A corpus directory the benchmark cannot read as asked (reported as a message, exit status 2)."""


def set_half(directory: Path) -> str | None:
    """The half a whole set belongs to when its directory says so in a file named HALF ("tune" or "check"): a set
    written by one hand (bench/handmade) is tuned on or checked on as a whole, never split by page."""
    marker = directory / "HALF"
    if not marker.is_file():
        return None
    value = marker.read_text(encoding="utf-8").strip()
    if value not in HALVES:
        raise CorpusError(f"{marker}: expected one of {', '.join(HALVES)}, got {value!r}")
    return value


def halves_for(option: str) -> tuple[str, ...]:
    """The halves a run covers for the --half option ("all": both)."""
    return HALVES if option == "all" else (option,)


# ---------------------------------------------------------------------------------------------------------------
# Corpus loading


def is_set_dir(path: Path) -> bool:
    """A set directory holds pages/ and truth/."""
    return (path / "pages").is_dir() and (path / "truth").is_dir()


def find_sets(roots: Iterable[Path]) -> list[tuple[str, Path]]:
    """(set name, directory) for every set under the given corpus roots or set directories; names made unique."""
    found: list[tuple[str, Path]] = []
    for root in roots:
        dirs = [root] if is_set_dir(root) else sorted(p for p in root.iterdir() if p.is_dir() and is_set_dir(p))
        found.extend((d.resolve().name, d) for d in dirs)
    names: Counter[str] = Counter()
    unique: list[tuple[str, Path]] = []
    for name, path in found:
        names[name] += 1
        unique.append((name if names[name] == 1 else f"{name}#{names[name]}", path))
    return unique


def load_set(name: str, directory: Path) -> tuple[list[Page], list[str]]:
    """The pages of one set, and the reasons for pages skipped (unreadable truth, missing page file)."""
    pages: list[Page] = []
    skipped: list[str] = []
    for truth_path in sorted((directory / "truth").glob("*.json")):
        page_id = truth_path.stem
        try:
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
            if not isinstance(truth, dict):
                raise ValueError("truth is not an object")
            page_path = directory / str(truth.get("page") or f"pages/{page_id}.html")
            body = page_path.read_bytes()
        except (OSError, ValueError) as exc:
            skipped.append(f"{name}/{page_id}: {type(exc).__name__}")
            continue
        url = truth.get("url") or f"http://bench.invalid/{name}/{page_id}.html"
        pages.append(Page(set=name, id=page_id, url=str(url), body=body, truth=truth))
    return pages, skipped


def load_corpus(
    roots: list[Path], only: set[str] | None, half: str = "all",
) -> tuple[list[Page], dict[str, dict[str, Any]]]:
    """All pages of the selected sets (of one half unless `half` is "all"), plus per-set info (path, page count,
    skipped pages)."""
    pages: list[Page] = []
    info: dict[str, dict[str, Any]] = {}
    for name, directory in find_sets(roots):
        if only and name not in only:
            continue
        set_pages, skipped = load_set(name, directory)
        whole_half = set_half(directory)
        for page in set_pages if whole_half else ():
            page.half = whole_half
        set_pages = [p for p in set_pages if p.half in halves_for(half)]
        pages.extend(set_pages)
        info[name] = {"path": str(directory), "pages": len(set_pages), "skipped": skipped}
    return pages, info
