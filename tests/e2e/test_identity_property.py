"""Every article of a site exactly once, after every run (issue 16's property): generated sites whose variants a
seed chooses, not a hand (pager, canonical links, tracking parameters, list sizes, crawl concurrency), crawled
three times over real HTTP on 127.0.0.1, with random changes between runs (new articles, articles moved to new
paths behind 301s, the site on a new port, --full or --recheck all)."""

from __future__ import annotations

import json
import random
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

from archive.identity import url_address
from assoc_crawler.demo.generate import CANONICALS, PAGERS, GeneratedSite
from assoc_crawler.demo.server import DemoSite

SEEDS = range(4)


def plan(seed: int) -> dict[str, Any]:
    """The site's variants and its three runs, drawn from the seed."""
    rng = random.Random(f"identity-property-{seed}")
    runs = [{"add": 0, "move": 0, "new_port": False, "flags": []}]
    for _ in range(2):
        runs.append({"add": rng.randint(0, 4), "move": rng.randint(0, 5), "new_port": rng.random() < 0.5,
                     "flags": rng.choice([[], ["--full"], ["--recheck", "all"], ["--full", "--recheck", "all"]])})
    return {"pager": rng.choice(PAGERS), "canonical": rng.choice(CANONICALS), "tracking": rng.random() < 0.5,
            "articles": rng.randint(24, 40), "categories": rng.randint(2, 3), "per_page": rng.randint(3, 6),
            "concurrency": rng.choice([1, 2, 4, 8]), "runs": runs, "rng": rng}


def archived(db: Path, site: str) -> tuple[dict[str, str], dict[str, str]]:
    """The site's articles (URL -> title), and every alias -> its article's URL."""
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT url, title FROM articles WHERE site = ?", (site,)))
        aliases = dict(conn.execute("SELECT al.url, a.url FROM article_aliases AS al "
                                    "JOIN articles AS a ON a.id = al.article_id WHERE a.site = ?", (site,)))
    return rows, aliases


@pytest.mark.parametrize("seed", SEEDS)
def test_every_article_is_archived_exactly_once_after_every_run(tmp_path: Path, seed: int) -> None:
    chosen = plan(seed)
    rng: random.Random = chosen["rng"]
    generated = GeneratedSite.create(tmp_path / "site", articles=chosen["articles"], categories=chosen["categories"],
                                     per_page=chosen["per_page"], seed=seed, pager=chosen["pager"])
    generated.set_variants(canonical=chosen["canonical"], tracking=chosen["tracking"])
    generated.write()
    db, port = tmp_path / "a.db", 0
    for number, run in enumerate(chosen["runs"], 1):
        if run["add"]:
            generated.add_articles(run["add"])
        if run["move"]:
            generated.move_articles(rng.sample(generated.ids(), min(run["move"], len(generated.ids()))))
        generated.write()
        served = DemoSite(f"identity{seed}", generated.dir, port=0 if run["new_port"] or not port else port).start()
        try:
            port = served.port
            result = run_cli("crawl", served.base_url + "/", "--db", str(db), "--delay", "0", "--json",
                             "--concurrency", str(chosen["concurrency"]), *run["flags"])
        finally:
            served.stop()
        assert result.returncode in (0, 3), result.stderr[-2000:]
        report = json.loads(result.stdout.strip().splitlines()[-1])
        rows, aliases = archived(db, report["site"])
        context = f"seed {seed} run {number}: {({k: v for k, v in chosen.items() if k != 'rng'})}"
        current = {article.path for article in generated.live_articles()}
        # each row, by its address, is the article now at that path or at the path it moved to
        per_article = Counter(generated.redirects.get(path, path) for path in map(url_address, rows))
        for path in current:
            url = served.base_url + path
            assert url in rows or url in aliases, f"{context}: {url} not archived"
            assert per_article[path] == 1, f"{context}: {path} in {per_article[path]} rows"
