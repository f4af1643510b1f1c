"""Consolidation: after a crawl, the site's own pages re-decide the pages whose evidence was weak (no network).

The page gate decides every page alone. :class:`~assoc_crawler.extract.site_model.SiteModel` learns, from every
decision the archive holds for the site, which URL shapes are its article template and which its comment, print
or list views; then

* a page left out for want of evidence whose shape is the article template is extracted again from its stored
  response and archived as an article (reason ``site-template``);
* an article this very crawl archived first, with a doubtful reason, whose shape is nearly all non-article views,
  is taken back: it stays in ``pages`` with the views' type (reason ``site-template:<their reason>``). An article
  an earlier crawl archived is never taken back;
* an article this crawl saw whose body opens or closes with lines the site prints on (nearly) every article of
  its template (:mod:`~assoc_crawler.extract.template_lines`, learned from the site's latest articles) gets a new
  version without them, the lines kept in its ``field_methods`` (``body_removed``). A crawl strips them before it
  saves from then on (see :func:`site_template_lines`), so the next crawl finds the article unchanged;
* a page this crawl read before it knew the site's article URL shapes, with listing rows only they can read, is
  extracted again with the shapes known (:mod:`~assoc_crawler.records.relist`): a row's column link is its label,
  not an item; a page that then reads as an article is archived (reason ``site-template``);
* an article this crawl saw that lacks an author, source or editor its template prints at a known position
  (:mod:`~assoc_crawler.extract.template_fields`, learned from the stored responses of the site's latest
  articles) gets a version with the field read there. A crawl passes the positions to extraction from then on
  (see :func:`site_field_paths`).

Run at the end of every crawl (see :class:`~assoc_crawler.records.writer.ItemWriter`) and by ``reextract``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from archive import Archive, ArchiveUnwritable, CrawlState
from archive.articles import HASH_FIELDS  # the fields whose change makes a new version
from assoc_crawler.extract import ExtractionHints, LinkShapes, PageExtraction, extract_page
from assoc_crawler.extract.site_model import TEMPLATE_REASON, PageDecision, SiteModel
from assoc_crawler.extract.template_fields import FIELDS, field_at, learn_field_paths, locate_fields, page_root
from assoc_crawler.extract.template_lines import (
    SITE_WIDE,
    ArticleText,
    apply_template_lines,
    cut_template_lines,
    learn_repeated_lines,
    lines_for,
    remembered_lines,
    removed_lines,
)

from .article import page_article_record, revised_record, stripped_record
from .relist import relist_pages

logger = logging.getLogger(__name__)

__all__ = ["LEARNING_ARTICLES", "Consolidation", "consolidate_site", "learn_site_templates", "site_link_shapes",
           "site_field_paths", "site_template_lines"]

#: The latest articles of a site its template lines are learned from, and its fields' positions.
LEARNING_ARTICLES = 400
FIELD_LEARNING_ARTICLES = 40


@dataclass
class Consolidation:
    """What consolidation changed: pages archived as articles, articles taken back, pages it could not use."""

    promoted: int = 0
    retracted: int = 0
    skipped: int = 0  # the template says article, but the page has no headline, no stored response, or fails
    stripped: int = 0  # articles that got a version without their template's repeated lines
    filled: int = 0  # articles that got a version with a field read where their template prints it
    relisted: int = 0  # pages whose listings the site's article URL shapes told again

    def to_dict(self) -> dict[str, int]:
        return {"promoted": self.promoted, "retracted": self.retracted, "skipped": self.skipped,
                "stripped": self.stripped, "filled": self.filled, "relisted": self.relisted}


def consolidate_site(archive: Archive, site: str, crawl_id: int, *, dry_run: bool = False, retract: bool = True,
                     counted: set[str] | None = None, hints: ExtractionHints | None = None,
                     unread: Iterable[str] = ()) -> Consolidation:
    """Re-decide ``site``'s pages by its templates (see the module docstring); changes are written under
    ``crawl_id``. ``retract=False`` never takes an article back (``reextract``); ``counted``: URLs the caller
    already archived (or, in a dry run, would have), left alone; ``hints``: the site profile's extraction hints
    (pages are extracted again as the crawl extracted them, with the site's article URL shapes); ``unread``:
    pages with listing rows the crawl could not read (records.relist). One page that fails is skipped and logged."""
    report = Consolidation()
    decisions = [PageDecision(*row) for row in archive.page_decisions(site)]
    model = SiteModel.from_decisions(decisions)
    hints = replace(hints or ExtractionHints(), link_shapes=model.link_shapes())
    promote = _Promoter(archive, site, crawl_id, hints, report, dry_run)
    settled = set(counted or ())  # pages the caller archived, or that the templates re-decided: not read again
    for decision in decisions:
        verdict = model.verdict(decision)
        if verdict is None or decision.url in (counted or ()):
            continue
        page_type, reason = verdict
        settled.add(decision.url)
        if page_type == "article":
            promote(decision, reason)
        elif retract and (dry_run or archive.retract_new_article(crawl_id, decision.url, page_type, reason)):
            report.retracted += 1
            logger.info("%s is a %s page by its site's template (%s), not an article", decision.url, page_type,
                        reason)
    by_url = {decision.url: decision for decision in decisions}
    for name, step in (("relisted", lambda: _relist(archive, site, crawl_id, hints, dry_run, unread, promote,
                                                    by_url, settled)),
                       ("stripped", lambda: _strip_template_lines(archive, site, crawl_id, dry_run)),
                       ("filled", lambda: _fill_fields(archive, site, crawl_id, dry_run, hints))):
        try:
            setattr(report, name, step())
        except ArchiveUnwritable:
            raise
        except Exception as exc:  # what was promoted and taken back stays counted; the crawl still finishes
            logger.warning("could not revise the articles of %s by its templates (%s): %s", site, name, exc)
    return report


class _Promoter:
    """Archives a page as an article by its site's templates (see `_promote`); a page that fails is skipped."""

    def __init__(self, archive: Archive, site: str, crawl_id: int, hints: ExtractionHints, report: Consolidation,
                 dry_run: bool) -> None:
        self.archive, self.site, self.crawl_id, self.hints = archive, site, crawl_id, hints
        self.report, self.dry_run = report, dry_run
        self.learned: tuple[dict[str, frozenset[str]], ExtractionHints] | None = None  # once a page is promoted

    def lessons(self) -> tuple[dict[str, frozenset[str]], ExtractionHints]:
        """What the site's templates teach: the lines they repeat, and the hints with the fields' positions."""
        if self.learned is None:
            self.learned = (site_template_lines(self.archive, self.site),
                            replace(self.hints, field_paths=site_field_paths(self.archive, self.site)))
        return self.learned

    def __call__(self, decision: PageDecision, reason: str) -> bool:
        """True when the page was archived (or, in a dry run, would be)."""
        promoted = self.report.promoted
        try:
            self.lessons()
            _promote(self.archive, self.site, self.crawl_id, decision, reason, self.report, self.dry_run,
                     *self.learned)
        except ArchiveUnwritable:
            raise
        except Exception as exc:  # one unreadable page must not stop the others, nor the crawl's end
            self.report.skipped += 1
            logger.warning("could not archive %s by its site's template: %s", decision.url, exc)
        return self.report.promoted > promoted


class _Reviser:
    """A new version of an article this crawl saved, when its page read again (with the site's link shapes, the
    lines and positions its templates teach) gives a different text or fields: a sidebar the crawl could not yet
    tell from the text (see records.relist)."""

    def __init__(self, archive: Archive, site: str, crawl_id: int, lines: dict[str, frozenset[str]],
                 dry_run: bool) -> None:
        self.archive, self.site, self.crawl_id, self.lines, self.dry_run = archive, site, crawl_id, lines, dry_run

    def __call__(self, article: dict[str, Any], extraction: PageExtraction, raw: dict[str, Any]) -> bool:
        """True when the article got (or, in a dry run, would get) a new version."""
        apply_template_lines(extraction, self.lines)
        record = page_article_record(extraction, site=self.site, url=article["url"], raw=raw,
                                     validators={"etag": article.get("etag"),
                                                 "last_modified": article.get("last_modified")})
        if all((record.get(name) or None) == (article.get(name) or None) for name in HASH_FIELDS):
            return False
        if not self.dry_run:
            self.archive.save_article(self.crawl_id, record)
        return True


def _relist(archive: Archive, site: str, crawl_id: int, hints: ExtractionHints, dry_run: bool,
            unread: Iterable[str], promote: _Promoter, decisions: dict[str, PageDecision], settled: set[str]) -> int:
    """Pages read again with the site's link shapes (records.relist), but for those the caller archived or the
    templates re-decided (``settled``); those that now read as articles are archived (reason ``site-template``).
    Returns the pages whose listings changed."""
    lines, learned = promote.lessons()
    revise = _Reviser(archive, site, crawl_id, lines, dry_run)
    relisting = relist_pages(archive, site, crawl_id, learned, dry_run, [url for url in unread if url not in settled],
                             revise)
    for url, listings in relisting.articles.items():
        if url in decisions:
            promoted = promote(decisions[url], TEMPLATE_REASON)
            if promoted and not dry_run:
                archive.save_listings(crawl_id, url, listings)
    return relisting.relisted


def learn_site_templates(archive: Archive, site: str, state: CrawlState) -> None:
    """What ``site``'s archived pages teach a crawl that starts: the lines its templates repeat, where they print
    the fields, the link shapes of its articles and columns (into ``state``)."""
    state.template_lines = site_template_lines(archive, site)
    state.field_paths = site_field_paths(archive, site)
    shapes = site_link_shapes(archive, site)
    state.article_shapes, state.column_shapes = shapes.articles, shapes.columns


def site_link_shapes(archive: Archive, site: str) -> LinkShapes:
    """The link shapes of ``site``'s articles and columns, by the gate's decisions of its pages
    (SiteModel.link_shapes)."""
    return SiteModel.from_decisions(PageDecision(*row) for row in archive.page_decisions(site)).link_shapes()


def site_field_paths(archive: Archive, site: str) -> dict[str, dict[str, str]]:
    """Per template, where ``site`` prints the author, source, editor and breadcrumb, learned from the stored
    responses of its latest one-page articles (see extract.template_fields; an article without a category is
    located by the label the site's listings give it), and the positions fields were read at before, however old
    (so that a field once read there is read there again: an unchanged article would lose it)."""
    observations = []
    for url, template, title, values in archive.latest_article_fields(site, FIELD_LEARNING_ARTICLES):
        raw = archive.latest_page_raw(url) if any(values.values()) else None
        if raw is None:
            continue
        try:
            root = page_root(raw["body"], raw["headers"])
        except Exception as exc:  # one unreadable response says nothing
            logger.debug("cannot read the stored response of %s: %s", url, exc)
            continue
        observations.append((template, locate_fields(root, values, title)))
    learned = learn_field_paths(observations)
    for template, methods in archive.fields_read_at_positions(site):
        for name in FIELDS:
            path = methods.get(f"{name}_position")
            if path and methods.get(name) == "template-position":
                learned.setdefault(template, {}).setdefault(name, path)
    return learned


def _fill_fields(archive: Archive, site: str, crawl_id: int, dry_run: bool, hints: ExtractionHints) -> int:
    """New versions, with the fields their template prints where the page's rules found nothing, of the one-page
    articles this crawl wrote (new or changed) whose template has a known position for a field they lack; how
    many. ``hints``: the profile's (the crawl extracted with them)."""
    paths = site_field_paths(archive, site)
    hints = replace(hints, field_paths=paths)
    filled = 0
    for url, template in archive.articles_written_by(crawl_id, site) if paths else []:
        learned = paths.get(template or "", {})
        article = archive.article_by_url(url) if learned else None
        if not article or all(article.get(name) for name in learned):
            continue  # (only the versions this crawl wrote: the others were read with these positions before)
        raw = archive.latest_page_raw(url)
        if raw is None or not _reads_a_field(raw, learned, article):
            continue
        extraction = extract_page(raw["body"], raw["url"], raw["headers"], hints)
        values = {name: getattr(extraction, name) for name in learned
                  if not article.get(name) and extraction.field_methods.get(name) == "template-position"}
        if values:
            filled += 1
            if not dry_run:
                positions = {f"{name}_position": extraction.field_methods[f"{name}_position"] for name in values}
                archive.save_article(crawl_id, revised_record(article, values, extra_methods=positions))
    if filled:
        logger.info("%d article(s) of %s got fields where their template prints them", filled, site)
    return filled


def _reads_a_field(raw: dict[str, Any], positions: dict[str, str], article: dict[str, Any]) -> bool:
    """Whether the page reads as a field the article lacks at its template's position (a parse, cheaper than the
    extraction that then gives the value as the crawl would)."""
    root = page_root(raw["body"], raw["headers"])
    return any(field_at(root, path, name, article.get("title")) for name, path in positions.items()
               if not article.get(name))


def site_template_lines(archive: Archive, site: str) -> dict[str, frozenset[str]]:
    """Per URL shape (and :data:`SITE_WIDE`), the lines ``site`` prints on (nearly) every article, learned from
    its latest articles (their bodies and the lines taken off them before), and the lines taken off enough of
    its articles ever, however old (so that a line once learned is not forgotten: an unchanged article would
    get it back as a new version)."""
    texts = [ArticleText(url, body or "", removed_lines(methods), category)
             for url, body, methods, category in archive.latest_article_texts(site, LEARNING_ARTICLES)]
    learned = learn_repeated_lines(texts)
    remembered = remembered_lines(ArticleText(url, "", removed_lines(methods), category)
                                  for url, methods, category in archive.articles_with_lines_taken_off(site))
    if remembered:
        learned[SITE_WIDE] = learned.get(SITE_WIDE, frozenset()) | remembered
    return learned


def _strip_template_lines(archive: Archive, site: str, crawl_id: int, dry_run: bool) -> int:
    """New versions, without their template's lines, of the articles this crawl saw; how many."""
    learned = site_template_lines(archive, site)
    if not learned:
        return 0
    stripped = 0
    for url in archive.articles_seen_by(crawl_id, site):
        article = archive.article_by_url(url)
        lines = lines_for(learned, url) if article else None
        if not lines or not article.get("body_text") or (article.get("page_count") or 1) > 1:
            continue  # (each page of an article of several carries the lines: the next fetch takes them off)
        text, html, removed, author = cut_template_lines(article["body_text"], article.get("body_html") or "", lines)
        if not removed:
            continue
        stripped += 1
        if not dry_run:
            archive.save_article(crawl_id, stripped_record(article, text, html, removed, author))
    if stripped:
        logger.info("%d article(s) of %s lost lines their template repeats", stripped, site)
    return stripped


def _promote(archive: Archive, site: str, crawl_id: int, decision: PageDecision, reason: str,
             report: Consolidation, dry_run: bool, learned: dict[str, frozenset[str]],
             hints: ExtractionHints) -> None:
    if archive.article_by_url(decision.url) is not None:
        return  # an article already (a recheck the gate now rejects keeps its article; see reextract)
    raw = archive.latest_page_raw(decision.url)
    extraction = extract_page(raw["body"], raw["url"], raw["headers"], hints) if raw else None
    if extraction is None or not extraction.title or extraction.page_no > 1 or extraction.continuation_urls:
        report.skipped += 1  # nothing to archive on its own (no headline, or one page of several)
        return
    if not dry_run:
        extraction.page_type_reason = reason
        apply_template_lines(extraction, learned)
        record = page_article_record(extraction, site=site, url=decision.url, raw=raw)
        if archive.save_article(crawl_id, record).status != "new":
            return
        logger.info("%s is an article by its site's template (the page alone said %s)", decision.url,
                    decision.reason)
    report.promoted += 1
