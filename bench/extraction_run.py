"""Extraction benchmark (bench/extraction.py), running: adapters that give each extractor's output the common
Extracted shape, timed runs over all pages that never fail on a page, the ours-archive view and the parse floor."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from assoc_crawler.extract import decode_html, extract_page  # noqa: E402
from assoc_crawler.extract.dom import parse_html  # noqa: E402
from bench.extraction_corpus import ARCHIVE, HALVES, MAX_VALUE_CHARS, Block, Extracted, Extractor, Page, Run  # noqa: E402

# ---------------------------------------------------------------------------------------------------------------
# Extractors (adapters to the common Extracted shape)


def _text(value: Any) -> str | None:
    """A field value as a string, or None."""
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def run_ours(page: Page) -> Extracted:
    """assoc_crawler's extract_page on the raw bytes, without headers."""
    got = extract_page(page.body, page.url)
    blocks = [
        Block(
            heading=b.heading or "",
            kind=b.kind,
            count=len(b.items),
            first_title=b.items[0].title if b.items else "",
            first_href=b.items[0].target_url if b.items else "",
        )
        for b in got.listings
    ]
    return Extracted(
        title=got.title, published_at=got.published_at, source=got.source, author=got.author, editor=got.editor,
        body=got.body_text or "", page_type=got.page_type, listings=blocks,
    )


def make_trafilatura() -> Extractor:
    """trafilatura.extract on the raw bytes (it decodes them itself), JSON output with metadata."""
    import trafilatura

    def run(page: Page) -> Extracted:
        raw = trafilatura.extract(
            page.body, url=page.url, output_format="json", with_metadata=True,
            include_comments=False, include_tables=True,
        )
        if not raw:
            return Extracted()
        data = json.loads(raw)
        return Extracted(
            title=_text(data.get("title")), published_at=_text(data.get("date")),
            author=_text(data.get("author")), body=data.get("text") or "",
        )

    return run


def make_gne() -> Extractor:
    """GNE on the text our decode_html gives (GNE needs text; every extractor then sees the same characters)."""
    from gne import GeneralNewsExtractor

    def run(page: Page) -> Extracted:
        text = page.text if page.text is not None else decode_html(page.body)[0]
        data = GeneralNewsExtractor().extract(text, with_body_html=False)
        return Extracted(
            title=_text(data.get("title")), published_at=_text(data.get("publish_time")),
            author=_text(data.get("author")), body=data.get("content") or "",
        )

    return run


def make_extractors(no_peers: bool) -> tuple[dict[str, Extractor], dict[str, str]]:
    """The extractors to run, and the status of each ('ok' or why it is not run)."""
    extractors: dict[str, Extractor] = {"ours": run_ours}
    status = {"ours": "ok"}
    factories = {"trafilatura": make_trafilatura, "gne": make_gne}
    for name, factory in factories.items():
        if no_peers:
            status[name] = "not run (--no-peers)"
            continue
        try:
            extractors[name] = factory()
            status[name] = "ok"
        except ImportError as exc:
            status[name] = f"not installed ({type(exc).__name__}: {str(exc).splitlines()[0][:120]})"
    return extractors, status


def decode_pages(pages: list[Page]) -> None:
    """Decode every page with our decode_html before timing, so that GNE's timed calls cover extraction only."""
    for page in pages:
        try:
            page.text = decode_html(page.body)[0]
        except Exception:  # the GNE call then decodes (and fails) by itself, and is counted as an error
            page.text = None


# ---------------------------------------------------------------------------------------------------------------
# Running


def call_safely(extractor: Extractor, page: Page) -> tuple[Extracted, float]:
    """One extract call, timed; an exception gives an empty result carrying the exception type."""
    start = time.perf_counter()
    try:
        result = extractor(page)
    except Exception as exc:  # the benchmark must never fail on a page
        elapsed = time.perf_counter() - start
        return Extracted(error=f"{type(exc).__name__}: {str(exc)[:MAX_VALUE_CHARS]}"), elapsed
    return result, time.perf_counter() - start


def run_extractor(name: str, extractor: Extractor, pages: list[Page], repeat: int = 1) -> Run:
    """Run an extractor over all pages `repeat` times; keep the first pass's results and every pass's time (in all
    and per half)."""
    results: list[Extracted] = []
    seconds: list[float] = []
    half_seconds: dict[str, list[float]] = {half: [] for half in HALVES if any(p.half == half for p in pages)}
    for attempt in range(max(1, repeat)):
        totals = dict.fromkeys(half_seconds, 0.0)
        for page in pages:
            result, elapsed = call_safely(extractor, page)
            totals[page.half] += elapsed
            if attempt == 0:
                results.append(result)
        seconds.append(sum(totals.values()))
        for half, total in totals.items():
            half_seconds[half].append(total)
    return Run(name=name, results=results, seconds=seconds, half_seconds=half_seconds)


def archived(result: Extracted) -> Extracted:
    """What the crawler archives of one of our results: all of it when ours calls the page an article, else nothing
    (no body, fields or listings; the page type and any error stay)."""
    if result.page_type == "article":
        return result
    return Extracted(page_type=result.page_type, error=result.error)


def archive_view(ours: Run) -> Run:
    """The ours-archive view of our run: no extraction is run again, and it has no timing of its own."""
    return Run(name=ARCHIVE, results=[archived(r) for r in ours.results], seconds=[])



def parse_floor(page: Page) -> Extracted:
    """The reference every extractor pays at least: decode the bytes and build one lxml tree, nothing else."""
    parse_html(decode_html(page.body)[0])
    return Extracted()
