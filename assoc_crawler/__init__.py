"""assoc-crawler: scrape and archive the news sites of industry associations."""

__version__ = "0.1.0"
