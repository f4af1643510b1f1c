"""Helpers shared by tests: read the demo sites' pages as served and their truth files."""

from __future__ import annotations

import json
from pathlib import Path

SITES_DIR = Path(__file__).resolve().parent.parent / "assoc_crawler" / "demo" / "sites"


def site_names() -> list[str]:
    """Every demo site that has a truth file."""
    return sorted(p.parent.name for p in SITES_DIR.glob("*/truth.json"))


def site_config(name: str) -> dict:
    return json.loads((SITES_DIR / name / "site.json").read_text(encoding="utf-8"))


def truth(name: str) -> dict:
    return json.loads((SITES_DIR / name / "truth.json").read_text(encoding="utf-8"))


def page_file(name: str, path: str) -> Path:
    """The file the demo server answers `path` with (query mapped to '@', directories to index.html)."""
    www = SITES_DIR / name / "www"
    rel = path.lstrip("/")
    if "?" in rel:
        base, query = rel.split("?", 1)
        candidate = www / f"{base}@{query}"
        if candidate.exists():
            return candidate
        rel = base
    target = www / rel
    if rel == "" or rel.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def served_bytes(name: str, path: str) -> tuple[bytes, dict[str, str]]:
    """The page bytes and headers as the demo server sends them (UTF-8 source re-encoded to the site's charset)."""
    config = site_config(name)
    text = page_file(name, path).read_bytes().decode("utf-8")
    body = text.encode(config.get("encoding") or "utf-8", errors="xmlcharrefreplace")
    charset = config.get("header_charset")
    headers = {"Content-Type": f"text/html; charset={charset}" if charset else "text/html"}
    return body, headers
