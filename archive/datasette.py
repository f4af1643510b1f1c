"""Datasette metadata for an archive: what each table and column holds, facets, full-text search, canned
queries. `assoc-crawler serve` passes it to Datasette (optional: ``pip install -e '.[serve]'``)."""

from __future__ import annotations

from typing import Any

from .incremental import MIN_BODY_CHARS

TABLES: dict[str, dict[str, Any]] = {
    "articles": {
        "description": "One row per article: its current version. Search box: any 3+ characters of a title or "
                       "body (trigram index); for 1-2 characters use the query 'Search for short terms'.",
        "columns": {
            "url": "canonical URL of the article's first page (its identity)",
            "site": "the site profile (or host) it was crawled from",
            "title": "headline", "published_at": "publication date and time as the page gives it (ISO 8601)",
            "source": "来源: where the article says it comes from", "author": "作者 / byline",
            "editor": "责任编辑: responsible editor", "category": "栏目 / section, from the breadcrumb or URL",
            "body_text": "the article text, boilerplate removed",
            "body_html": "the article's cleaned HTML (shown as text here, never rendered)",
            "field_methods": "JSON: how extraction found each field (meta tag, label, content scoring ...)",
            "page_type_reason": "Why extraction called the page an article: title-date-body, title-body, or a "
                                "doubtful case (short-notice, short-undated, link-heavy-prose, untitled-prose)",
            "content_hash": "hash of the normalised content; a new hash on a recrawl makes a new version",
            "version": "current version number (all versions: article_versions)",
            "first_seen_at": "first archived (UTC)", "last_checked_at": "last fetch that confirmed it (UTC)",
            "gone_at": "when a recheck found it withdrawn (404/410); null while online",
        },
        "facets": ["site", "source", "editor", "category", "page_type_reason"],
        "sort_desc": "published_at",
        "fts_table": "articles_fts", "fts_pk": "id",
    },
    "article_versions": {"description": "Every version of every article, the current one included."},
    "article_aliases": {"description": "URLs that redirected (or were canonicalised) to an article."},
    "listings": {
        "description": "Items of recommended (推荐), hot (热点) and related (相关) blocks, per page and crawl.",
        "facets": ["kind", "heading"],
    },
    "listing_history": {"description": "Per article and listing kind: in how many crawls and pages it was "
                                       "listed, first and last seen."},
    "images": {"description": "Images of articles."},
    "attachments": {"description": "Files attached to articles (PDF, Word, Excel ...)."},
    "raw_pages": {"description": "Stored responses (zlib-compressed bytes) for re-extraction."},
    "pages": {"description": "Every URL a crawl fetched, its page type (with the reason) and last status.",
              "facets": ["page_type", "page_type_reason"]},
    "crawls": {"description": "One row per crawl run with its counts and drift alarms.", "facets": ["status"]},
    "errors": {"description": "Pages that failed, with the kind of failure.", "facets": ["error"]},
    "frontier": {"description": "URLs a crawl requested and has not finished (a killed crawl's next run "
                                "fetches them)."},
}

QUERIES: dict[str, dict[str, Any]] = {
    "articles_by_month": {
        "title": "Articles per month and site",
        "sql": "SELECT substr(published_at, 1, 7) AS month, site, count(*) AS articles FROM articles "
               "WHERE published_at IS NOT NULL GROUP BY month, site ORDER BY month DESC, articles DESC",
    },
    "hot_over_time": {
        "title": "Recommended and hot over time",
        "description": "How often and between which dates each article was listed as recommended or hot.",
        "sql": "SELECT title, kind, crawls, pages, appearances, first_seen, last_seen, target_url "
               "FROM listing_history WHERE kind IN ('hot', 'recommended') ORDER BY crawls DESC, pages DESC",
    },
    "articles_by_source": {
        "title": "Articles per source",
        "sql": "SELECT source, count(*) AS articles, min(published_at) AS first, max(published_at) AS last "
               "FROM articles GROUP BY source ORDER BY articles DESC",
    },
    "search_short_terms": {
        "title": "Search for short terms (1-2 characters, e.g. 铝, 再生)",
        "sql": "SELECT id, published_at, site, source, title, url FROM articles "
               "WHERE instr(title, :term) > 0 OR instr(body_text, :term) > 0 "
               "ORDER BY published_at DESC LIMIT 200",
    },
    "field_coverage": {
        "title": "Field coverage per site",
        "sql": "SELECT site, count(*) AS articles, "
               + ", ".join(f"round(avg(trim(coalesce({c}, '')) != ''), 3) AS {c}"
                           for c in ("title", "published_at", "source", "author", "editor"))
               + f", round(avg(length(coalesce(body_text, '')) >= {MIN_BODY_CHARS}), 3) AS body "
               "FROM articles GROUP BY site ORDER BY articles DESC",
    },
}


def datasette_metadata(database: str, title: str = "assoc-crawler archive") -> dict[str, Any]:
    """Datasette metadata for the archive served under the name ``database`` (the file name without .db)."""
    return {
        "title": title,
        "description": "Articles archived from industry-association news sites by assoc-crawler.",
        "databases": {database: {"tables": TABLES, "queries": QUERIES}},
    }
