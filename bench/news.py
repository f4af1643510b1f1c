"""News benchmark: body text, page gate, headline and authors on randomised English or German news sites the project
writes itself (assoc_crawler.demo.news_pages).

Each seed is one generated news site (themes: WordPress, Arc-like, legacy tables, Drupal, blog, Bootstrap; mega
menus, share bars, lead photos with captions, in-text advertisements and Related: lines, newsletter boxes, tags,
author bios, comments, "More from" grids, drawn per site) with stories, briefs, link-heavy roundups, long reads, live
blogs, interviews and press releases, and section fronts, tag, author and search pages, a "page not found" served
with 200, sign-in and newsletter pages. Seeds 0, 1, ... are the tune half, 1000, 1001, ... the check half.

Scores, as the maintainers score the corpus: body = character-bigram F1 after removing whitespace, counted over all
true articles with a page not archived as an article scoring 0 (and, apart, over the pages archived); headline
exact; authors as a set of names; the gate (articles kept, other pages kept out). Only the tune half's worst pages
are listed; the check half is reported as counts only.

German sites (``--lang de``) are drawn like the English ones with German words: sentences, names, dates (4. März
2026), bylines (Von … und …), the chrome's and widgets' words (Anzeige, Mehr zum Thema:, Lesezeit, Themen:, Mehr
aus …); they write news_de.md / news_de.json.

    python bench/news.py [--sites 200] [--lang en|de] [--out bench/results]
"""

from __future__ import annotations

import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assoc_crawler.demo.news_pages import ARTICLE_KINDS, NON_ARTICLE_KINDS, NewsPage, generate_news_pages  # noqa: E402
from assoc_crawler.extract import extract_page  # noqa: E402
from bench.extraction_score import bigram_f1  # noqa: E402
from bench.gate import HALVES, seeds, sites_arguments, sites_environment, write_quietly  # noqa: E402

NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\bund\b|&|/|\|)\s*")
LANGS = ("en", "de")
LANG_NAMES = {"en": "English", "de": "German"}


def names(value: str | list[str] | None) -> frozenset[str]:
    """The set of names of a byline value ('Jane Doe and John Roe', 'Jane Doe, John Roe') or a list of names."""
    if not value:
        return frozenset()
    parts = value if isinstance(value, list) else NAME_SPLIT.split(value)
    return frozenset(p.strip() for p in parts if p.strip())


def score(page: NewsPage, half: str, seed: int) -> dict[str, Any]:
    """One row: what the extractor made of ``page`` against its truth."""
    got = extract_page(page.html, page.url, page.headers)
    row = {"half": half, "seed": seed, "kind": page.kind, "theme": page.theme, "url": page.url,
           "is_article": page.is_article, "got": got.page_type, "reason": got.page_type_reason}
    if page.is_article:
        f1 = bigram_f1(got.body_text, page.body)
        archived = got.page_type == "article"
        row.update(f1=f1, archived_f1=f1 if archived else 0.0, title=got.title == page.headline,
                   title_got=got.title, author=names(got.author) == names(page.authors), author_got=got.author,
                   author_want=" / ".join(page.authors))
    return row


def run(sites: int, lang: str = "en") -> tuple[list[dict[str, Any]], float]:
    rows, start = [], time.perf_counter()
    for half, seed in seeds(sites):
        rows.extend(score(page, half, seed) for page in generate_news_pages(seed, lang))
    return rows, time.perf_counter() - start


def mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def half_figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    arts = [r for r in rows if r["is_article"]]
    others = [r for r in rows if not r["is_article"]]
    return {"articles": len(arts), "articles_kept": sum(r["got"] == "article" for r in arts),
            "non_articles": len(others), "non_articles_kept_out": sum(r["got"] != "article" for r in others),
            "body_f1_archive": mean([r["archived_f1"] for r in arts]),
            "body_f1_extracted": mean([r["f1"] for r in arts]),
            "title_exact": sum(r["title"] for r in arts), "author_exact": sum(r["author"] for r in arts)}


def summarise(rows: list[dict[str, Any]], spent: float) -> dict[str, Any]:
    by_half = {half: half_figures([r for r in rows if r["half"] == half]) for half in HALVES}
    by_kind: dict[str, dict[str, Any]] = defaultdict(dict)
    for kind in ARTICLE_KINDS + NON_ARTICLE_KINDS:
        for half in HALVES:
            chosen = [r for r in rows if r["half"] == half and r["kind"] == kind]
            if chosen:
                by_kind[kind][half] = half_figures(chosen)
    tune = [r for r in rows if r["half"] == "tune"]
    worst = sorted((r for r in tune if r["is_article"]), key=lambda r: r["archived_f1"])[:30]
    wrong_gate = [r for r in tune if (r["got"] == "article") != r["is_article"]]
    misses = [r for r in tune if r["is_article"] and not (r["title"] and r["author"])][:30]
    keep = ("kind", "theme", "url", "got", "reason", "f1", "archived_f1")
    return {"halves": by_half, "by_kind": dict(by_kind), "pages": len(rows), "seconds": round(spent, 1),
            "tune_worst_body": [{k: r.get(k) for k in keep} for r in worst],
            "tune_gate_wrong": [{k: r.get(k) for k in keep} for r in wrong_gate],
            "tune_field_misses": [{k: r.get(k) for k in ("kind", "url", "title", "title_got", "author_got",
                                                         "author_want")} for r in misses]}


def cell(fig: dict[str, Any], key: str) -> str:
    if key.startswith("body"):
        return f"{fig[key]:.3f}" if fig[key] is not None else "-"
    total = fig["non_articles"] if key == "non_articles_kept_out" else fig["articles"]
    return f"{fig[key] / total:.3f} ({fig[key]}/{total})" if total else "-"


ROWS = (("body F1, missing articles as 0", "body_f1_archive"), ("body F1 of the text extracted", "body_f1_extracted"),
        ("articles kept as articles", "articles_kept"), ("non-articles kept out", "non_articles_kept_out"),
        ("headline exact", "title_exact"), ("authors exact (as a set of names)", "author_exact"))


def markdown(report: dict[str, Any]) -> str:
    env, halves = report["environment"], report["halves"]
    lines = [f"# {LANG_NAMES[report['lang']]} news pages (assoc_crawler.demo.news_pages)", "",
             f"- date: {env['date_utc']}; cpu_count: {env['cpu_count']}; Python {env['python']}; git {env['git']}"
             f"{' + uncommitted changes in assoc_crawler/extract' if env['extract_changed'] else ''}; "
             f"extractor {env['extractor_version']}",
             f"- {env['sites']} sites (tune seeds {env['tune_seeds']}, check seeds {env['check_seeds']}), "
             f"{report['pages']} pages, {report['seconds']} s", "", "| | tune | check |", "|---|---|---|"]
    lines += [f"| {label} | {cell(halves['tune'], key)} | {cell(halves['check'], key)} |" for label, key in ROWS]
    lines += ["", "## Per kind (body F1 missing as 0, kept / total; tune | check)", "", "| kind | tune | check |",
              "|---|---|---|"]
    for kind, figs in report["by_kind"].items():
        key = "articles_kept" if kind in ARTICLE_KINDS else "non_articles_kept_out"
        parts = {h: (f"{figs[h]['body_f1_archive']:.3f}, " if kind in ARTICLE_KINDS else "") + cell(figs[h], key)
                 for h in figs}
        lines.append(f"| {kind} | {parts.get('tune', '-')} | {parts.get('check', '-')} |")
    lines += ["", "## Tune half: gate wrong", "", "| kind | theme | url | got | reason |", "|---|---|---|---|---|"]
    lines += [f"| {r['kind']} | {r['theme']} | {r['url']} | {r['got']} | {r['reason']} |"
              for r in report["tune_gate_wrong"]]
    lines += ["", "## Tune half: lowest body F1 (check half not listed)", "", "| kind | theme | url | F1 | got |",
              "|---|---|---|---|---|"]
    lines += [f"| {r['kind']} | {r['theme']} | {r['url']} | {r['archived_f1']:.3f} | {r['got']} |"
              for r in report["tune_worst_body"]]
    lines += ["", "## Tune half: headline or author wrong", "", "| kind | url | headline got | author got | want |",
              "|---|---|---|---|---|"]
    lines += [f"| {r['kind']} | {r['url']} | {'' if r['title'] else r['title_got']} | {r['author_got']} | "
              f"{r['author_want']} |" for r in report["tune_field_misses"]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sites_arguments(argv, __doc__.splitlines()[0], 200, LANGS)
    rows, spent = run(args.sites, args.lang)
    report = summarise(rows, spent)
    report["lang"], report["environment"] = args.lang, sites_environment(args.sites)
    write_quietly(args.out, "news" if args.lang == "en" else f"news_{args.lang}", report, markdown(report))
    for half in HALVES:
        print(half, {k: v for k, v in report["halves"][half].items()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
