"""Structured data a page declares about itself: schema.org JSON-LD (NewsArticle, BlogPosting ...)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from lxml import etree

_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                  "report", "scholarlyarticle", "techarticle", "opinionnewsarticle", "webpage", "posting",
                  "socialmediaposting", "discussionforumposting", "liveblogposting"}


@dataclass
class StructuredData:
    """What the page's JSON-LD says: headline, datePublished, author names, publisher."""

    headline: str | None = None
    date_published: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None


def json_ld(root: etree._Element) -> StructuredData:
    """The first article-like JSON-LD object on the page (read before scripts are stripped)."""
    found = StructuredData()
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text.strip().rstrip(";"))
        except (ValueError, RecursionError):
            continue
        for item in _objects(data):
            types = item.get("@type")
            names = {str(t).lower() for t in (types if isinstance(types, list) else [types])}
            if not names & _ARTICLE_TYPES:
                continue
            found.headline = found.headline or _text(item.get("headline") or item.get("name"))
            found.date_published = found.date_published or _text(item.get("datePublished") or item.get("dateCreated"))
            if not found.authors:
                found.authors = _names(item.get("author"))
            if not found.publisher:
                publishers = _names(item.get("publisher"))
                found.publisher = publishers[0] if publishers else None
            if found.headline and found.date_published and (names - {"webpage"}):
                return found
    return found


def _objects(data: object, depth: int = 0) -> list[dict]:
    if depth > 4:
        return []
    if isinstance(data, list):
        return [obj for item in data for obj in _objects(item, depth + 1)]
    if isinstance(data, dict):
        out = [data]
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in data:
                out.extend(_objects(data[key], depth + 1))
        return out
    return []


def _text(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return str(value).strip() if isinstance(value, str | int | float) and str(value).strip() else None


def _names(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = _text(item)
        if name and not name.lower().startswith("http"):
            names.append(name)
    return names
