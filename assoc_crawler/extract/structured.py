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
    """The first article-like JSON-LD object on the page (read before scripts are stripped).

    Authors given as {"@id": ...} references are looked up among the page's objects; when no article-like object
    names an author, the first object of any type that does is used."""
    found = StructuredData()
    objects: list[dict] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text.strip().rstrip(";"))
        except (ValueError, RecursionError):
            continue
        objects.extend(_objects(data))
    by_id = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str) and "name" in obj}
    for item in objects:
        types = item.get("@type")
        names = {str(t).lower() for t in (types if isinstance(types, list) else [types])}
        if not names & _ARTICLE_TYPES:
            continue
        found.headline = found.headline or _text(item.get("headline") or item.get("name"))
        found.date_published = found.date_published or _text(item.get("datePublished") or item.get("dateCreated"))
        if not found.authors:
            found.authors = _names(item.get("author"), by_id)
        if not found.publisher:
            publishers = _names(item.get("publisher"), by_id)
            found.publisher = publishers[0] if publishers else None
        if found.headline and found.date_published and (names - {"webpage"}) and found.authors:
            return found
    if not found.authors:
        found.authors = next((names for item in objects if (names := _names(item.get("author"), by_id))), [])
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


def _names(value: object, by_id: dict[str, dict] | None = None) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict) and "name" not in item and by_id and isinstance(item.get("@id"), str):
            item = by_id.get(item["@id"], item)
        name = _text(item)
        if name and not name.lower().startswith("http"):
            names.append(name)
    return names
