"""Re-run the current extraction over the raw responses stored in an archive (no network)."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from archive import Archive, SiteLock
from archive.lock import ALL_SITES
from assoc_crawler.extract import EXTRACTOR_VERSION, ExtractionHints, extract_page, merge_pages
from assoc_crawler.extract.template_lines import apply_template_lines

from .article import article_record, page_article_record
from .consolidate import consolidate_site, site_field_paths, site_link_shapes, site_template_lines

COMPARED_FIELDS = ("title", "published_at", "source", "author", "editor", "category", "body_text", "lang",
                   "body_html", "field_methods")


@dataclass
class ReextractReport:
    """What a re-extraction changed."""

    articles: int = 0
    new_versions: int = 0
    unchanged: int = 0
    errors: int = 0
    pages: int = 0  # pages kept out of the articles, re-decided from their stored responses
    promoted: int = 0  # of those, pages the current gate calls articles (archived as new articles)
    multipage_pending: int = 0  # promoted pages of several pages: archived by the next crawl, which fetches the rest
    template_promoted: int = 0  # pages the site's templates call articles (records.consolidate), archived
    promoted_urls: set[str] = field(default_factory=set)  # (pages promoted by the gate: consolidation leaves them)
    changed_fields: Counter[str] = field(default_factory=Counter)
    learned: dict[str, tuple[dict[str, frozenset[str]], ExtractionHints]] = field(default_factory=dict, repr=False)
    profile_hints: dict[str, ExtractionHints] = field(default_factory=dict, repr=False)
    crawl_id: int | None = None
    dry_run: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "new_versions": self.new_versions, "unchanged": self.unchanged,
                "errors": self.errors, "pages": self.pages, "promoted": self.promoted,
                "multipage_pending": self.multipage_pending,
                "template_promoted": self.template_promoted, "changed_fields": dict(self.changed_fields),
                "crawl_id": self.crawl_id,
                "dry_run": self.dry_run, "extractor_version": EXTRACTOR_VERSION}


def reextract_archive(db: str | Path, *, site: str | None = None, dry_run: bool = False,
                      profile_hints: Mapping[str, ExtractionHints] | None = None) -> ReextractReport:
    """Re-extract every archived article from its stored raw pages; changed content becomes a new version. Pages
    kept out of the articles are re-decided from their stored responses too: one the current gate calls an article
    is archived as a new article (promoted); nothing archived is ever taken out.

    ``profile_hints``: per site, the hints of its profile (selectors, time zone), as its crawls extract with them.
    A run that writes holds the lock of every site it re-extracts (and, without ``site``, the lock of all sites),
    as a crawl holds its site's, and first closes as interrupted the runs that died holding them (ArchiveLocked
    when a crawl holds one). The run is one `crawls` row (target 'reextract', site ``site`` or '*'). Versions
    keep the original fetch time; listings are not re-derived (they are observations of the crawl that saw them).
    """
    report = ReextractReport(dry_run=dry_run)
    report.profile_hints = dict(profile_hints or {})
    with Archive(db, readonly=dry_run) as archive, contextlib.ExitStack() as held:
        if not dry_run:
            for name in [site] if site else [ALL_SITES, *archive.site_names()]:
                held.callback(SiteLock(db, name).acquire().release)
            archive.recover_interrupted_crawls(site or ALL_SITES)
            report.crawl_id = archive.start_crawl("reextract", site or ALL_SITES,
                                                  {"extractor_version": EXTRACTOR_VERSION})
        _reextract_articles(archive, report, site)
        _promote_pages(archive, report, site)
        for name in [site] if site else archive.decided_sites():
            # archives the pages the site's templates call articles; never takes an article back
            done = consolidate_site(archive, name, report.crawl_id or 0, dry_run=dry_run, retract=False,
                                    counted=report.promoted_urls)
            report.template_promoted += done.promoted
        if not dry_run:
            archive.finish_crawl(report.crawl_id, "finished", {
                "articles_new": report.promoted + report.template_promoted, "articles_changed": report.new_versions,
                "articles_unchanged": report.unchanged,
                "requests": 0, "responses": 0, "pages_fetched": 0,
            })
    return report


def _reextract_articles(archive: Archive, report: ReextractReport, site: str | None) -> None:
    """Each archived article again from its stored pages: a new version where the result differs."""
    for article in archive.articles_with_raw_pages(site):
        if not article["raw_pages"]:
            continue
        report.articles += 1
        try:
            record = _record(article, *_learned(archive, report, article["site"]))
        except Exception as exc:  # one unreadable page must not stop the run
            report.errors += 1
            if not report.dry_run:
                archive.record_error(report.crawl_id, article["url"], "reextract", repr(exc)[:500])
            continue
        differing = [name for name in COMPARED_FIELDS if (record.get(name) or None) != (article.get(name) or None)]
        report.changed_fields.update(differing)
        if report.dry_run:
            continue
        result = archive.save_article(report.crawl_id, record)
        if result.status == "changed":
            report.new_versions += 1
        else:
            report.unchanged += 1


def _promote_pages(archive: Archive, report: ReextractReport, site: str | None) -> None:
    """Re-decide the stored non-article pages; archive the ones that are articles now."""
    for page in archive.pages_with_raw(site):
        report.pages += 1
        raw = page["raw"]
        try:
            extraction = extract_page(raw["body"], raw["url"], raw["headers"],
                                      _learned(archive, report, page["site"])[1])
        except Exception as exc:  # one unreadable page must not stop the run
            report.errors += 1
            if not report.dry_run:
                archive.record_error(report.crawl_id, page["url"], "reextract", repr(exc)[:500])
            continue
        if extraction.page_type != "article" or extraction.page_no > 1:
            continue
        if extraction.continuation_urls:
            report.multipage_pending += 1  # its other pages were never fetched: a crawl completes it
            continue
        report.promoted += 1
        report.promoted_urls.add(page["url"])
        if not report.dry_run:
            apply_template_lines(extraction, _learned(archive, report, page["site"])[0])
            archive.save_article(report.crawl_id, page_article_record(extraction, site=page["site"], url=page["url"],
                                                                      raw=raw))


def _learned(archive: Archive, report: ReextractReport,
             site: str) -> tuple[dict[str, frozenset[str]], ExtractionHints]:
    """What ``site``'s templates teach (the lines it repeats; hints with where it prints its fields), once."""
    if site not in report.learned:
        base = report.profile_hints.get(site) or ExtractionHints()  # the profile's selectors, as the crawl uses
        report.learned[site] = (site_template_lines(archive, site),
                                replace(base, field_paths=site_field_paths(archive, site),
                                        link_shapes=site_link_shapes(archive, site)))
    return report.learned[site]


def _record(article: dict[str, Any], template_lines: dict[str, frozenset[str]],
            hints: ExtractionHints) -> dict[str, Any]:
    """The article re-extracted from its stored pages, with what its site's templates teach."""
    pages = []
    for number, raw in enumerate(article["raw_pages"], 1):
        extraction = extract_page(raw["body"], raw["url"], raw["headers"], hints)
        extraction.page_no = number
        apply_template_lines(extraction, template_lines)  # page by page: each page carries the site's lines
        pages.append(extraction)
    merged = merge_pages(pages)
    record = article_record(
        merged, site=article["site"], page_count=len(pages),
        fetched_at=max(raw["fetched_at"] for raw in article["raw_pages"]),
        validators={"etag": article.get("etag"), "last_modified": article.get("last_modified")},
        with_listings=False,
    )
    record["url"] = article["url"]  # the archived identity stays, whatever the page now says
    return record
