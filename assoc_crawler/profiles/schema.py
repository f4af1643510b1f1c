"""Site profiles: small declarative TOML files naming a site, where to start, and optional extraction hints."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archive.identity import site_name
from assoc_crawler.extract import ExtractionHints, normalize_url
from assoc_crawler.extract.dates import is_time_zone
from assoc_crawler.extract.dom import selector_problem

BUNDLED_DIR = Path(__file__).resolve().parent / "bundled"
PROFILE_DIRS_ENV = "ASSOC_CRAWLER_SITES"


class ProfileError(ValueError):
    """A target that is neither a usable URL nor a known, valid profile."""


@dataclass
class SiteProfile:
    """What the spider needs to know about one site."""

    name: str
    start_urls: list[str]
    title: str | None = None
    allow_subdomains: bool = False
    allow: list[str] = field(default_factory=list)
    deny: list[str] = field(default_factory=list)
    hints: ExtractionHints = field(default_factory=ExtractionHints)
    crawl: dict[str, object] = field(default_factory=dict)
    path: Path | None = None

    @property
    def host(self) -> str:
        """host[:port] of the first start URL: the site this crawl stays on."""
        return urlsplit(self.start_urls[0]).netloc


def profile_dirs() -> list[Path]:
    """Where profiles are looked up: $ASSOC_CRAWLER_SITES (os.pathsep-separated) first, then the bundled ones."""
    extra = [Path(p) for p in os.environ.get(PROFILE_DIRS_ENV, "").split(os.pathsep) if p]
    return [*extra, BUNDLED_DIR]


def available_profiles() -> dict[str, Path]:
    """Profile name -> file, for every profile file found."""
    found: dict[str, Path] = {}
    for directory in reversed(profile_dirs()):
        if directory.is_dir():
            for path in sorted(directory.glob("*.toml")):
                found[path.stem] = path
    return dict(sorted(found.items()))


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


#: Every key a profile may hold; anything else is an error that names it (a typo must not be ignored).
TOP_KEYS = ("name", "title", "start_urls", "allow_subdomains", "timezone", "crawl", "extract")
#: [crawl]: the key -> (what it must be, a check of a value). delay/concurrency/timeout/depth act as the crawl
#: command's options of the same names (which override them); max_pages as --max-pages.
CRAWL_KEYS: dict[str, tuple[str, Any]] = {
    "allow": ("a list of regular expressions", None),
    "deny": ("a list of regular expressions", None),
    "max_pages": ("a whole number of at least 1", _is_count),
    "delay": ("a number of seconds, at least 0", lambda v: _is_number(v) and v >= 0),
    "concurrency": ("a whole number of at least 1", _is_count),
    "timeout": ("a number of seconds above 0", lambda v: _is_number(v) and v > 0),
    "depth": ("a whole number of at least 1", _is_count),
}
#: [extract]: XPath or CSS selectors, then plain values.
SELECTOR_KEYS = ("content", "title", "date", "category")
EXTRACT_KEYS = (*SELECTOR_KEYS, "timezone", "site_name")


def _unknown(path: Path, where: str, table: dict[str, Any], known: tuple[str, ...]) -> None:
    extra = sorted(set(table) - set(known))
    if extra:
        raise ProfileError(f"profile {path}: unknown key(s) {', '.join(repr(k) for k in extra)} in {where} "
                           f"(known: {', '.join(known)})")


def _table(path: Path, data: dict[str, Any], name: str) -> dict[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise ProfileError(f"profile {path}: [{name}] must be a table")
    return table


def _crawl_table(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """The [crawl] table, every key known and of its type, every regex compiled."""
    crawl = _table(path, data, "crawl")
    _unknown(path, "[crawl]", crawl, tuple(CRAWL_KEYS))
    for key, value in crawl.items():
        what, check = CRAWL_KEYS[key]
        if check is None:
            if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                raise ProfileError(f"profile {path}: [crawl] {key} must be {what}")
            for pattern in value:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ProfileError(f"profile {path}: [crawl] {key}: {pattern!r} is not a regular expression "
                                       f"({exc})") from None
        elif not check(value):
            raise ProfileError(f"profile {path}: [crawl] {key} must be {what}, not {value!r}")
    return crawl


def _extract_hints(path: Path, data: dict[str, Any]) -> ExtractionHints:
    """The [extract] table as hints, every key known, every selector compiled, the time zone known."""
    extract = _table(path, data, "extract")
    _unknown(path, "[extract]", extract, EXTRACT_KEYS)
    for key, value in extract.items():
        if not isinstance(value, str) or not value.strip():
            raise ProfileError(f"profile {path}: [extract] {key} must be a non-empty string")
        problem = selector_problem(value) if key in SELECTOR_KEYS else None
        if problem:
            raise ProfileError(f"profile {path}: [extract] {key} = {value!r} is neither a valid CSS selector nor "
                               f"XPath ({problem})")
    hints = ExtractionHints(**{k: str(v) for k, v in extract.items()})
    if not hints.site_name and data.get("title"):
        hints.site_name = str(data["title"])
    if not hints.timezone and data.get("timezone"):
        hints.timezone = str(data["timezone"])
    if hints.timezone and not is_time_zone(hints.timezone):
        raise ProfileError(f"profile {path}: timezone {hints.timezone!r} is neither a UTC offset (+08:00) nor an "
                           "IANA time zone name (Asia/Shanghai)")
    return hints


def load_profile_file(path: Path) -> SiteProfile:
    """Read and validate one profile file: an unknown key, a value of the wrong type, a regex or selector that
    does not compile, an unknown time zone are errors that name what is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"cannot read profile {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"profile {path} is not valid TOML: {exc}") from exc
    _unknown(path, "the profile", data, TOP_KEYS)
    start_urls = data.get("start_urls")
    if not isinstance(start_urls, list) or not start_urls:
        raise ProfileError(f"profile {path}: 'start_urls' must be a non-empty list of http(s) URLs")
    urls = []
    for url in start_urls:
        normalized = normalize_url(str(url))
        if not normalized:
            raise ProfileError(f"profile {path}: start URL {url!r} is not an http(s) URL")
        urls.append(normalized)
    if not isinstance(data.get("allow_subdomains", False), bool):
        raise ProfileError(f"profile {path}: allow_subdomains must be true or false")
    for key in ("name", "title", "timezone"):
        if key in data and not isinstance(data[key], str):
            raise ProfileError(f"profile {path}: {key} must be a string")
    hints = _extract_hints(path, data)
    crawl = _crawl_table(path, data)
    return SiteProfile(
        name=str(data.get("name") or path.stem),
        start_urls=urls,
        title=data.get("title"),
        allow_subdomains=bool(data.get("allow_subdomains", False)),
        allow=list(crawl.get("allow", [])),
        deny=list(crawl.get("deny", [])),
        hints=hints,
        crawl={k: v for k, v in crawl.items() if k not in ("allow", "deny")},
        path=path,
    )


def profile_for_site(site: str, targets: list[str] | tuple[str, ...] = ()) -> SiteProfile | None:
    """The profile of the site named ``site``: the first of its crawls' ``targets`` that is a profile of that name,
    else a profile found (in profile_dirs) under that name; None when the site was crawled from a bare URL.
    Profiles that no longer load are passed over."""
    for target in targets:
        if "://" in target:
            continue
        try:
            profile = resolve_target(target)
        except ProfileError:
            continue
        if profile.name == site:
            return profile
    for path in available_profiles().values():
        try:
            profile = load_profile_file(path)
        except ProfileError:
            continue
        if profile.name == site:
            return profile
    return None


def resolve_target(target: str) -> SiteProfile:
    """A profile for TARGET: an http(s) URL, a path to a .toml profile, or the name of a known profile."""
    if not target or not target.strip():
        raise ProfileError("no target given: pass a start URL (http://...) or a profile name")
    target = target.strip()
    if "://" in target:
        url = normalize_url(target)
        if not url:
            raise ProfileError(f"target {target!r} is not a usable http(s) URL")
        return SiteProfile(name=site_name(url), start_urls=[url])  # stable across port, scheme and www.
    path = Path(target)
    if target.endswith(".toml"):
        if not path.is_file():
            raise ProfileError(f"profile file {target!r} does not exist")
        return load_profile_file(path)
    profiles = available_profiles()
    if target in profiles:
        return load_profile_file(profiles[target])
    known = ", ".join(profiles) or "none"
    raise ProfileError(
        f"unknown site profile {target!r} (known profiles: {known}); pass a start URL such as http://host/ instead"
    )
