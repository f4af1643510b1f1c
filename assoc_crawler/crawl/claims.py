"""URLs a crawl has taken: requested, or stood for by a page it fetched; in a distributed run, claimed in Redis
so that no two workers fetch the same URL."""

from __future__ import annotations

from collections.abc import Iterable

from assoc_crawler.distributed.protocol import CLAIMED, SEEN, WorkerLink


class UrlClaims:
    """The URLs this crawl will not request again (the spider dedupes, so redirects to seen pages still arrive)."""

    def __init__(self, link: WorkerLink | None = None) -> None:
        self.seen: set[str] = set()
        self.link = link  # a worker of a distributed run (`crawl --redis`)

    def __contains__(self, url: str) -> bool:
        return url in self.seen

    def claim(self, url: str, budget: int) -> str | None:
        """Take url for this crawl: None when it may be requested, else the stat key of why not (another worker
        of the run has it, or the run's link budget is spent). Either way it is not requested again."""
        if self.link is not None:
            claim = self.link.claim(url, budget)
            if claim != CLAIMED:
                self.seen.add(url)
                return "distributed/claimed_by_others" if claim == SEEN else "bounds/cut/max_pages"
        self.seen.add(url)
        return None

    def cover(self, urls: Iterable[str]) -> None:
        """URLs a page stands for (canonical URL, redirect sources, its next pages): never requested again, by this
        worker or (distributed) by another."""
        new = [url for url in urls if url not in self.seen]
        self.seen.update(new)
        if self.link is not None and new:
            self.link.add_seen(new)
