"""Field benchmark on generated sites: extraction of titles, bylines, columns and listing boxes against the truth the
generator recorded (assoc_crawler.demo.page_kinds).

Each seed is one generated site of one CMS family (see bench/gate.py); ``extract_page(body, url, headers)`` runs on
every page, then again with what a crawl learns from the site's pages: the link shapes of its articles and columns,
by the first pass' decisions of all its pages, the one scored included (``SiteModel.link_shapes``; they tell a
listing row's item from its column link; a crawl knows them once it has decided a few pages). The second pass is
scored; the listings F1 of the first ("page alone") is reported beside it, and the extraction time covers both.
On the true articles it scores, per family and per half (tune: seeds 0, 1, ...; check: seeds 1000, 1001, ...):

- title, author, source, editor, category: exact match with what the page shows (a field the page does not show
  must come out None); authors may be bylines outside the info line (the site's ``byline`` variant);
- listings: micro precision/recall/F1 over listing items (sidebar boxes and 相关链接 lists; blocks ignored) matched
  by target URL (both sides through the project's ``normalize_url``, the archive's page key); on matched items, label
  accuracy (the column label, None for 相关链接 items), teaser presence, and "target as in href": the extracted
  target_url is the very URL the page's href holds (not rewritten by normalisation);
- body: character-bigram F1 of body_text against the article's own text as the generator rendered it (without a
  byline moved into the body, a closing 相关链接 list or pager, a （责任编辑：…） line or a site-wide notice),
  mean per article, and the articles under 0.9; the site's template notice is taken out of body_text first, as a
  page alone cannot tell it (whole-site crawls, bench/family_crawl.py, count it);
- boilerplate leaked into body: share of articles whose body_text holds a sidebar item title, the breadcrumb line
  or a footer line (text the generator rendered outside the article block; whitespace ignored).

Only the tune half's wrong values are listed (page URL, field, got, want; at most 40 lines, then counts by
pattern); the check half is reported as counts only, so that nobody tunes on it.

Writes `sites.md` and `sites.json` to `--out` (default bench/results) and prints a short summary.

    python bench/sites.py [--sites 40] [--out bench/results]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assoc_crawler.demo.page_kinds import FAMILIES, GeneratedPage, generate_pages  # noqa: E402
from assoc_crawler.extract import ExtractionHints, PageExtraction, extract_page  # noqa: E402
from assoc_crawler.extract.labels import PLACEHOLDER_VALUES  # noqa: E402
from assoc_crawler.extract.site_model import PageDecision, SiteModel  # noqa: E402
from assoc_crawler.extract.urls import normalize_url  # noqa: E402
from bench.extraction_score import bigram_scores  # noqa: E402
from bench.gate import HALVES, rate, seeds, sites_environment, write_quietly  # noqa: E402

DEFAULT_OUT = REPO / "bench" / "results"
FIELDS = ("title", "author", "source", "editor", "category")
#: Counters summed per (half, family): right/total per field, listing item counts, leaks.
COUNTS = (*(f"{f}_{x}" for f in FIELDS for x in ("right", "total")), "items_true", "items_got", "items_matched",
          "label_right", "teaser_right", "target_exact", "articles", "leaked", "other_items_true", "other_items_got",
          "other_items_matched", "body_f1_sum", "body_low")
BODY_LOW = 0.9
MAX_LISTED = 40


def squeeze(value: str) -> str:
    return re.sub(r"\s+", "", value)


def want(page: GeneratedPage, name: str) -> str | None:
    """The truth of a field; a placeholder the page shows (来源：本站, 作者：佚名) is null, as the README documents."""
    value = page.headline if name == "title" else getattr(page, name)
    return None if isinstance(value, str) and value.strip().lower() in PLACEHOLDER_VALUES else value


def how(got: str | None, truth: str | None) -> str:
    """What is wrong with a value: missed, spurious, run-on (the value and more), cut, or other."""
    if truth is None:
        return "spurious"
    if got is None:
        return "missed"
    if got.startswith(truth):
        return "run-on"
    if truth.startswith(got):
        return "cut"
    return "other"


def context(page: GeneratedPage, name: str, got: str | None) -> str:
    """The template choice (and the way it is wrong) a wrong value of field ``name`` is grouped by."""
    notes, truth = page.notes, want(page, name)
    wrong = how(got, truth)
    if name == "title":
        return f"{wrong}, headline {notes['headline_tag']} split {notes['title_split']}"
    if name == "category":
        return f"{wrong}, {page.kind}"
    at = {"author": notes["author_at"], "editor": notes["editor_at"]}.get(name, "info" if truth else "none")
    if at == "bracket":
        at = f"【作者】 {notes['byline_at']} body line"
    elif at == "last":
        at = "last body line"
    elif at == "under":
        at = "line under headline"
    elif at == "tail":
        at = "（责任编辑） last line"
    elif at == "info+tail":
        at = "info line and （责任编辑） last line disagree (truth: info line)"
    elif at == "info":
        label = f"label {notes['info_' + name]!r}, " if page.kind != "english_article" else ""
        at = f"info line, {label}sep {notes['info_sep']!r}"
    if page.kind == "english_article":
        at += ", english"
    return f"{wrong}, {at}"


def listing_scores(page: GeneratedPage, got: PageExtraction) -> tuple[dict[str, int], list[str]]:
    """Item counts of ``page``'s listings against ``got``'s and what went wrong (short descriptions)."""
    truth = {normalize_url(item.target_url): (item, block) for block in page.listings for item in block.items}
    found = {normalize_url(item.target_url) or item.target_url: item for block in got.listings for item in block.items}
    matched = [url for url in truth if url in found]
    label_right = sum(found[u].label == truth[u][0].label for u in matched)
    teaser_right = sum((found[u].teaser is None) == (truth[u][0].teaser is None) for u in matched)
    target_exact = sum(found[u].target_url == truth[u][0].target_url for u in matched)
    counts = {"items_true": len(truth), "items_got": len(found), "items_matched": len(matched),
              "label_right": label_right, "teaser_right": teaser_right, "target_exact": target_exact}
    problems = []
    missed = Counter(f"{truth[u][1].where} {truth[u][1].heading}" for u in truth if u not in found)
    if missed:
        problems.append("missed " + ", ".join(f"{n} of {box}" for box, n in missed.items()))
    extra = [u for u in found if u not in truth]
    if extra:
        problems.append(f"{len(extra)} extra (e.g. {found[extra[0]].title!r} {extra[0]})")
    labels = [(found[u].label, truth[u][0].label) for u in matched if found[u].label != truth[u][0].label]
    if labels:
        problems.append(f"label wrong on {len(labels)}/{len(matched)} (e.g. got {labels[0][0]!r} want "
                        f"{labels[0][1]!r})")
    teasers = [u for u in matched if (found[u].teaser is None) != (truth[u][0].teaser is None)]
    if teasers:
        problems.append(f"teaser presence wrong on {len(teasers)}/{len(matched)} "
                        f"(want {'teasers' if truth[teasers[0]][0].teaser else 'none'})")
    rewritten = [u for u in matched if found[u].target_url != truth[u][0].target_url]
    if rewritten:
        problems.append(f"target rewritten on {len(rewritten)}/{len(matched)} (e.g. {truth[rewritten[0]][0].target_url}"
                        f" -> {found[rewritten[0]].target_url})")
    return counts, problems


def leaks(page: GeneratedPage, got: PageExtraction) -> list[str]:
    """Which text rendered outside the article block the extracted body holds ("sidebar: title", ...)."""
    return leaked(page, got.body_text)


#: Text only a site's other pages give away (the notice its template prints in every article's text block): a
#: page alone cannot tell it from the text, so the page-level figures leave it out; whole-site crawls
#: (bench/family_crawl.py) count it.
SITE_LEVEL_BOILERPLATE = ("notice",)


def page_level(page: GeneratedPage, body_text: str | None) -> str:
    """``body_text`` without the site's template notice (SITE_LEVEL_BOILERPLATE), which a page alone cannot tell
    from the article's text: the page-level body F1 scores the rest."""
    body = body_text or ""
    for where in SITE_LEVEL_BOILERPLATE:
        for value in page.outside.get(where, []):
            body = body.replace(value, " ")
    return body


def leaked(page: GeneratedPage, body_text: str | None, site_level: bool = False) -> list[str]:
    """Which text rendered outside ``page``'s article block ``body_text`` holds ("sidebar: title", ...);
    ``site_level``: the site's template notice too."""
    body = squeeze(body_text or "")
    inside = {squeeze(page.headline)} | {squeeze(i.title) for b in page.listings if b.where == "body" for i in b.items}
    found = []
    for where, values in page.outside.items():
        if where in SITE_LEVEL_BOILERPLATE and not site_level:
            continue
        for value in values:
            value = squeeze(value)
            if value and value not in inside and value in body:
                found.append(f"{where}: {value[:40]}")
    return found


def run(sites: int) -> tuple[dict[tuple[str, str], Counter], list[dict[str, Any]], float]:
    """Counters per (half, family), the wrong values (half, family, seed, url, field, got, want, context) and the
    seconds spent extracting."""
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    wrong: list[dict[str, Any]] = []
    spent = 0.0
    for half, seed in seeds(sites):
        pages = list(generate_pages(seed))
        start = time.perf_counter()
        alone = [extract_page(page.body, page.url, page.headers) for page in pages]
        shapes = SiteModel.from_decisions(PageDecision(page.url, got.page_type, got.page_type_reason)
                                          for page, got in zip(pages, alone, strict=True)).link_shapes()
        hints = ExtractionHints(link_shapes=shapes)
        spent += time.perf_counter() - start
        for page, first in zip(pages, alone, strict=True):
            start = time.perf_counter()
            got = extract_page(page.body, page.url, page.headers, hints)
            spent += time.perf_counter() - start
            if page.is_article:
                scores, _ = listing_scores(page, first)
                for key in ("items_true", "items_got", "items_matched"):
                    counts[(half, page.family)][f"alone_{key}"] += scores[key]
            cell = counts[(half, page.family)]
            base = {"half": half, "family": page.family, "seed": seed, "url": page.url, "kind": page.kind}
            if not page.is_article:
                scores, _ = listing_scores(page, got)
                for key in ("items_true", "items_got", "items_matched"):
                    cell[f"other_{key}"] += scores[key]
                continue
            cell["articles"] += 1
            for name in FIELDS:
                value, truth = getattr(got, name), want(page, name)
                cell[f"{name}_total"] += 1
                if value == truth:
                    cell[f"{name}_right"] += 1
                else:
                    wrong.append({**base, "field": name, "got": value, "want": truth,
                                  "context": context(page, name, value)})
            scores, problems = listing_scores(page, got)
            cell.update(scores)
            if problems:
                wrong.append({**base, "field": "listings", "got": "; ".join(problems), "want": (
                    f"{scores['items_true']} items in {len(page.listings)} boxes"), "context": problems[0].split()[0]})
            precision, recall, f1 = bigram_scores(page_level(page, got.body_text), page.body_text or "")
            cell["body_f1_sum"] += f1
            if f1 < BODY_LOW:
                cell["body_low"] += 1
                wrong.append({**base, "field": "body", "got": f"F1 {f1:.2f} (P {precision:.2f} / R {recall:.2f})",
                              "want": f"F1 {BODY_LOW}+", "context": f"F1 under {BODY_LOW}, {page.kind}"})
            leaked = leaks(page, got)
            if leaked:
                cell["leaked"] += 1
                wrong.append({**base, "field": "body", "got": "; ".join(leaked[:3]), "want": "no boilerplate",
                              "context": "leak " + ",".join(sorted({x.split(":")[0] for x in leaked}))})
    return counts, wrong, spent


def figures(cell: Counter) -> dict[str, Any]:
    """Rates of one counter cell: [right, total] per field, listing precision/recall/F1, label and teaser rates."""
    out: dict[str, Any] = {name: [cell[f"{name}_right"], cell[f"{name}_total"]] for name in FIELDS}
    for prefix in ("", "other_", "alone_"):
        true, got, matched = (cell[f"{prefix}items_{k}"] for k in ("true", "got", "matched"))
        precision = matched / got if got else 0.0
        recall = matched / true if true else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[f"{prefix}listings"] = {"true": true, "got": got, "matched": matched, "precision": round(precision, 3),
                                    "recall": round(recall, 3), "f1": round(f1, 3)}
    out["label"] = [cell["label_right"], cell["items_matched"]]
    out["teaser_presence"] = [cell["teaser_right"], cell["items_matched"]]
    out["target_as_in_href"] = [cell["target_exact"], cell["items_matched"]]
    out["leaked"] = [cell["leaked"], cell["articles"]]
    out["body_f1"] = round(cell["body_f1_sum"] / cell["articles"], 3) if cell["articles"] else None
    out["body_low"] = [cell["body_low"], cell["articles"]]
    return out


def summarise(counts: dict[tuple[str, str], Counter], wrong: list[dict[str, Any]], spent: float) -> dict[str, Any]:
    by_half: dict[str, Any] = {}
    for half in HALVES:
        rows = {family: figures(counts[(half, family)]) for family in FAMILIES if (half, family) in counts}
        total = sum((counts[(half, f)] for f in FAMILIES if (half, f) in counts), Counter())
        by_half[half] = {"families": rows, "all": figures(total)}
    tune = [w for w in wrong if w["half"] == "tune"]
    patterns = Counter((w["field"], w["context"]) for w in tune)
    sites = defaultdict(set)
    for w in tune:
        sites[(w["field"], w["context"])].add(w["seed"])
    return {
        "by_half": by_half,
        "tune_wrong": [{k: w[k] for k in ("family", "kind", "url", "field", "got", "want", "context")} for w in tune],
        "tune_patterns": [{"field": f, "context": c, "pages": n, "sites": len(sites[(f, c)])}
                          for (f, c), n in patterns.most_common()],
        "check_wrong_counts": dict(Counter(w["field"] for w in wrong if w["half"] == "check")),
        "extract_seconds": round(spent, 3),
    }


def short(value: Any, length: int = 70) -> str:
    text = "None" if value is None else str(value)
    text = text if len(text) <= length else text[:length] + "…"
    return text.replace("|", "/").replace("\n", " ")


def half_table(rows: dict[str, Any], total: dict[str, Any]) -> list[str]:
    head = ("| family | " + " | ".join(FIELDS) + " | listings F1 (P/R) | label | teaser presence | target as in href "
            f"| leaked into body | body F1 | body F1 < {BODY_LOW} |")
    lines = [head, "|" + "---|" * (len(FIELDS) + 8)]
    for name, row in [*rows.items(), ("**all**", total)]:
        listing = row["listings"]
        lines.append(f"| {name} | " + " | ".join(rate(row[f]) for f in FIELDS) +
                     f" | {listing['f1']:.2f} ({listing['precision']:.2f}/{listing['recall']:.2f}) | "
                     f"{rate(row['label'])} | {rate(row['teaser_presence'])} | {rate(row['target_as_in_href'])} | "
                     f"{rate(row['leaked'])} | {row['body_f1']:.3f} | {rate(row['body_low'])} |")
    return lines


def listed(wrong: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """At most MAX_LISTED wrong values, taken in turn from each field so that every field shows."""
    queues = defaultdict(list)
    for w in wrong:
        queues[w["field"]].append(w)
    out: list[dict[str, Any]] = []
    while len(out) < MAX_LISTED and any(queues.values()):
        for field in list(queues):
            if queues[field] and len(out) < MAX_LISTED:
                out.append(queues[field].pop(0))
    return out


def markdown(report: dict[str, Any]) -> str:
    env, halves = report["environment"], report["by_half"]
    lines = [
        "# Fields on generated sites (assoc_crawler.demo.page_kinds)", "",
        f"- date: {env['date_utc']}; cpu_count: {env['cpu_count']}; Python {env['python']}; git {env['git']}"
        f"{' + uncommitted changes in assoc_crawler/extract' if env['extract_changed'] else ''}; "
        f"extractor {env['extractor_version']}",
        f"- {env['sites']} sites (tune seeds {env['tune_seeds']}, check seeds {env['check_seeds']}); fields scored on "
        "true articles; exact match, a field the page does not show must be None. Listings: items of sidebar boxes "
        "and 相关链接 lists matched by normalised target URL (blocks ignored); label, teaser presence and target URL "
        "as the href has it on matched items. "
        "Leaked: articles whose body_text holds a sidebar item title, the breadcrumb line or a footer line. "
        "Body F1: character bigrams of body_text against the article's own text as rendered (mean per article).",
    ]
    for half in HALVES:
        other, alone = halves[half]["all"]["other_listings"], halves[half]["all"]["alone_listings"]
        lines += ["", f"## {half} half", "", *half_table(halves[half]["families"], halves[half]["all"]), "",
                  f"Listings on non-article pages: F1 {other['f1']:.2f} (P {other['precision']:.2f} / "
                  f"R {other['recall']:.2f}, {other['matched']}/{other['true']} items found, {other['got']} got).",
                  "", "Listings on articles extracted page alone (without the site's article URL shapes): F1 "
                  f"{alone['f1']:.2f} (P {alone['precision']:.2f} / R {alone['recall']:.2f})."]
    tune = report["tune_wrong"]
    lines += ["", f"## Wrong values, tune half ({len(tune)}; check half: "
              + (", ".join(f"{f} {n}" for f, n in sorted(report["check_wrong_counts"].items())) or "none")
              + ", not listed)", "", "By pattern (field, template choice: pages, sites):", "",
              "| field | context | pages | sites |", "|---|---|---|---|"]
    lines += [f"| {p['field']} | {p['context']} | {p['pages']} | {p['sites']} |" for p in report["tune_patterns"]]
    lines += ["", f"First {min(len(tune), MAX_LISTED)}, taken in turn per field:", "",
              "| url | field | got | want |", "|---|---|---|---|"]
    lines += [f"| {w['url']} | {w['field']} | {short(w['got'])} | {short(w['want'])} |" for w in listed(tune)]
    return "\n".join(lines) + "\n"


def summary(report: dict[str, Any], out: Path) -> str:
    lines = [f"fields on generated sites ({report['environment']['sites']} sites), "
             f"extract {report['extract_seconds']}s"]
    for half in HALVES:
        row = report["by_half"][half]["all"]
        lines.append(f"  {half}: " + ", ".join(f"{f} {rate(row[f])}" for f in FIELDS) +
                     f", listings F1 {row['listings']['f1']:.2f} (page alone {row['alone_listings']['f1']:.2f}), "
                     f"label {rate(row['label'])}, "
                     f"teaser {rate(row['teaser_presence'])}, target as in href {rate(row['target_as_in_href'])}, "
                     f"leaked {rate(row['leaked'])}, body F1 {row['body_f1']:.3f} "
                     f"(under {BODY_LOW}: {rate(row['body_low'])})")
    lines.append(f"  wrong values: tune {len(report['tune_wrong'])} (listed in {out / 'sites.md'}), check "
                 f"{sum(report['check_wrong_counts'].values())}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=40, help="generated sites, half tune and half check (default 40)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if args.sites < 1:
        parser.error("--sites must be at least 1")
    counts, wrong, spent = run(args.sites)
    report = summarise(counts, wrong, spent)
    report["environment"] = sites_environment(args.sites)
    write_quietly(args.out, "sites", report, markdown(report))
    print(summary(report, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
