"""Site profiles: small declarative TOML files naming a site, where to start, and optional extraction hints."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from archive.identity import site_name
from assoc_crawler.extract import ExtractionHints, normalize_url
from assoc_crawler.extract.dates import is_time_zone

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


def load_profile_file(path: Path) -> SiteProfile:
    """Read and validate one profile file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"cannot read profile {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"profile {path} is not valid TOML: {exc}") from exc
    start_urls = data.get("start_urls")
    if not isinstance(start_urls, list) or not start_urls:
        raise ProfileError(f"profile {path}: 'start_urls' must be a non-empty list of http(s) URLs")
    urls = []
    for url in start_urls:
        normalized = normalize_url(str(url))
        if not normalized:
            raise ProfileError(f"profile {path}: start URL {url!r} is not an http(s) URL")
        urls.append(normalized)
    extract = data.get("extract", {})
    if not isinstance(extract, dict):
        raise ProfileError(f"profile {path}: [extract] must be a table")
    known = {"content", "title", "date", "category", "timezone", "site_name"}
    hints = ExtractionHints(
        **{k: str(v) for k, v in extract.items() if k in known},
        extra={k: str(v) for k, v in extract.items() if k not in known},
    )
    if not hints.site_name and data.get("title"):
        hints.site_name = str(data["title"])
    if not hints.timezone and data.get("timezone"):
        hints.timezone = str(data["timezone"])
    if hints.timezone and not is_time_zone(hints.timezone):
        raise ProfileError(f"profile {path}: timezone {hints.timezone!r} is neither a UTC offset (+08:00) nor an "
                           "IANA time zone name (Asia/Shanghai)")
    crawl = data.get("crawl", {})
    return SiteProfile(
        name=str(data.get("name") or path.stem),
        start_urls=urls,
        title=data.get("title"),
        allow_subdomains=bool(data.get("allow_subdomains", False)),
        allow=[str(x) for x in crawl.get("allow", [])],
        deny=[str(x) for x in crawl.get("deny", [])],
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
