"""Site profiles: small declarative TOML files (schema and loading in `schema`, the bundled ones in `bundled/`)."""

from .schema import (
    BUNDLED_DIR,
    ProfileError,
    SiteProfile,
    available_profiles,
    load_profile_file,
    profile_for_site,
    resolve_target,
)

__all__ = ["BUNDLED_DIR", "ProfileError", "SiteProfile", "available_profiles", "load_profile_file",
           "profile_for_site", "resolve_target"]
