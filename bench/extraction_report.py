"""Extraction benchmark (bench/extraction.py), the report: the environment a run had, and the markdown and
stdout tables made from the report's numbers."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from assoc_crawler.extract import EXTRACTOR_VERSION  # noqa: E402
from bench.extraction_corpus import CLASSIFIERS, EXTRACTORS, FIELDS, HALF_RULE, HALVES, LISTING_KINDS  # noqa: E402
from bench.extraction_score import half_group, is_half_group  # noqa: E402

# ---------------------------------------------------------------------------------------------------------------
# Report


def environment(
    roots: list[Path], info: dict[str, dict[str, Any]], status: dict[str, str], repeat: int, half: str = "all",
) -> dict:
    """When, where and with what versions the benchmark ran, and on which half of the pages."""

    def version(dist: str) -> str | None:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return None

    try:
        repo = Path(__file__).resolve().parent.parent
        commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=repo, capture_output=True,
                                text=True, timeout=10).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        commit = None
    return {
        "date_utc": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "cpu_count": os.cpu_count(), "python": platform.python_version(),
        "versions": {"lxml": version("lxml"), "trafilatura": version("trafilatura"), "gne": version("gne"),
                     "assoc-crawler": version("assoc-crawler")},
        "extractor_version": EXTRACTOR_VERSION, "git": commit, "corpora": [str(r) for r in roots],
        "sets": {name: {"pages": i["pages"], "path": i["path"], "skipped": i["skipped"]} for name, i in info.items()},
        "pages": sum(i["pages"] for i in info.values()), "repeat": repeat, "extractors": status,
        "half_rule": HALF_RULE, "half": half,
    }


def fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def cell(stats: dict[str, Any]) -> str:
    """'0.83 (28)': accuracy and n; '–' when nothing was labelled."""
    return f"{fmt(stats['accuracy'])} ({stats['n']})" if stats["n"] else "–"


def plain_groups(groups: dict[str, Any]) -> dict[str, Any]:
    """The per-set and overall groups, without their halves (the tables that predate the halves show these)."""
    return {g: v for g, v in groups.items() if not is_half_group(g)}


def body_cell(body: dict[str, Any]) -> str:
    """'0.94 (37)': body F1 mean and n; '–' when no page has a truth body."""
    return f"{fmt(body['mean'])} ({body['n']})" if body["n"] else "–"


def kept_cell(pt: dict[str, Any] | None) -> str:
    """Articles kept as articles: 'n/a' for an extractor that does not classify, '–' without true articles."""
    if pt is None:
        return "n/a"
    return f"{fmt(pt['articles_kept'])} ({pt['articles_n']})" if pt["articles_n"] else "–"


def main_table(metrics: dict[str, dict[str, Any]]) -> list[str]:
    """Per set x extractor: body, snippets, fields, page type."""
    head = ["set", "extractor", "pages", "body mean", "median", "<0.8", "body P/R", "snip with", "snip w/o", "title",
            "date",
            "date+time", "source", "author", "editor", "non-article", "errors"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for set_name, per in plain_groups(metrics).items():
        for name, m in per.items():
            b, sn, f = m["body"], m["snippets"], m["fields"]
            pt = m["page_type"]
            row = [
                set_name, name, str(m["pages"]),
                body_cell(b), fmt(b["median"]) if b["n"] else "–",
                str(b["below_0.8"]) if b["n"] else "–",
                f"{fmt(b.get('precision'))}/{fmt(b.get('recall'))}" if b["n"] else "–",
                f"{fmt(sn['with'])} ({sn['n']})" if sn["n"] else "–", fmt(sn["without"]) if sn["n"] else "–",
                *(cell(f[x]) for x in ("title", "published_at")), cell(m["date_time"]),
                *(cell(f[x]) for x in ("source", "author", "editor")),
                "n/a" if pt is None else cell(pt), str(m["errors"]),
            ]
            lines.append("| " + " | ".join(row) + " |")
    return lines


def false_value_table(metrics: dict[str, dict[str, Any]]) -> list[str]:
    """Per set x extractor: values given where truth is null (false values / null-labelled pages)."""
    lines = ["| set | extractor | " + " | ".join(FIELDS) + " | articles kept |", "|" + "---|" * (len(FIELDS) + 3)]
    for set_name, per in plain_groups(metrics).items():
        for name, m in per.items():
            cells = [f"{m['fields'][x]['false_values']}/{m['fields'][x]['null_n']}" for x in FIELDS]
            lines.append(f"| {set_name} | {name} | " + " | ".join(cells) + f" | {kept_cell(m['page_type'])} |")
    return lines


HALF_HEAD = ("extractor", "set", "half", "pages", "body mean", "snip with", "snip w/o", "title", "date", "source",
             "author", "editor", "articles kept", "non-article")


def half_row(name: str, group: str, m: dict[str, Any]) -> str:
    """One row of the half table: the main figures of one extractor on one half of a set (or of overall)."""
    set_name, half = group.rsplit("/", 1)
    sn, f, pt = m["snippets"], m["fields"], m["page_type"]
    cells = [
        name, set_name, half, str(m["pages"]), body_cell(m["body"]),
        f"{fmt(sn['with'])} ({sn['n']})" if sn["n"] else "–", fmt(sn["without"]) if sn["n"] else "–",
        *(cell(f[x]) for x in FIELDS), kept_cell(pt), "n/a" if pt is None else cell(pt),
    ]
    return "| " + " | ".join(cells) + " |"


def half_table(
    metrics: dict[str, dict[str, Any]], extractors: Iterable[str] | None = None, groups: Iterable[str] | None = None,
) -> list[str]:
    """Per extractor, one row per (set or overall) x half: body, snippets, fields, articles kept, non-article
    kept out. `extractors` and `groups` (plain group names) restrict the rows."""
    plain = [g for g in (groups or plain_groups(metrics)) if g in metrics]
    names = list(extractors or next(iter(metrics.values()), {}))
    lines = ["| " + " | ".join(HALF_HEAD) + " |", "|" + "---|" * len(HALF_HEAD)]
    for name in names:
        for group in plain:
            lines += [half_row(name, g, metrics[g][name]) for g in (half_group(group, h) for h in HALVES)
                      if name in metrics.get(g, {})]
    return lines


def listings_table(listings: dict[str, dict[str, Any]]) -> list[str]:
    """Per set: blocks found / kind right by kind, target and overall kind accuracy, extra blocks."""
    head = ["set", "pages", "blocks", *(f"{k} found/kind/n" for k in LISTING_KINDS), "kind acc (rec/hot/rel)",
            "kind acc (all)", "found", "ours blocks", "extra"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for set_name, m in plain_groups(listings).items():
        if not m["blocks"]:
            continue
        kinds = [f"{m['by_kind'][k]['found']}/{m['by_kind'][k]['kind_right']}/{m['by_kind'][k]['n']}"
                 for k in LISTING_KINDS]
        lines.append("| " + " | ".join([
            set_name, str(m["pages"]), str(m["blocks"]), *kinds,
            f"{fmt(m['target_kind_accuracy'])} ({m['target_n']})", fmt(m["all_kind_accuracy"]), fmt(m["found"]),
            str(m["ours_blocks"]), str(m["extra_blocks"]),
        ]) + " |")
    return lines


def speed_table(sp: dict[str, Any]) -> list[str]:
    lines = ["| extractor | pages | best s | pages/s |", "|---|---|---|---|"]
    for name in (*EXTRACTORS, "parse_floor"):
        if name in sp:
            s = sp[name]
            label = "decode + lxml parse only (floor)" if name == "parse_floor" else name
            lines.append(f"| {label} | {s['pages']} | {s['best_seconds']:.2f} | {fmt(s['pages_per_second'], 1)} |")
    lines.append(f"\nours / trafilatura speed: {fmt(sp['ours_over_trafilatura'])}")
    if sp.get("ms_per_page_at_10x_trafilatura") is not None:
        lines.append(f"\n10x trafilatura leaves {sp['ms_per_page_at_10x_trafilatura']:.2f} ms per page; decoding and "
                     f"parsing alone take {sp['ms_per_page_parse_floor']:.2f} ms per page.")
    return lines


def render_markdown(report: dict[str, Any]) -> str:
    """The whole report as markdown."""
    env = report["environment"]
    sets = ", ".join(f"{k} {v['pages']}" for k, v in env["sets"].items())
    lines = [
        "# Extraction benchmark", "",
        f"- date: {env['date_utc']}; cpu_count: {env['cpu_count']}; Python {env['python']}",
        "- versions: " + ", ".join(f"{k} {v or 'not installed'}" for k, v in env["versions"].items())
        + f"; EXTRACTOR_VERSION {env['extractor_version']}; git {env['git'] or '?'}",
        f"- corpus: {', '.join(env['corpora'])}; pages: {env['pages']} ({sets}); timing passes: {env['repeat']}",
        f"- halves: {env['half_rule']}; pages run: {env['half']}",
        "- extractors: " + "; ".join(f"{k}: {v}" for k, v in env["extractors"].items()), "",
        "Body = character-bigram F1 without whitespace (mean (n), median, pages < 0.8); body P/R = mean bigram "
        "precision / recall (1 - P is leakage: text that is not the article); snippets = share of "
        "body_with found / body_without absent; fields = exact after trimming, accuracy (n labelled); "
        "non-article = non-article pages not called articles. ours-archive = what the crawler archives of ours: "
        "a page ours does not call an article is never archived (body F1 0, no snippet found, every field None).", "",
        "## Per set and extractor", "", *main_table(report["metrics"]), "",
        "## False values (value given where truth is null: false/null-labelled), articles kept as articles", "",
        *false_value_table(report["metrics"]), "",
        "## Tune half and check half", "",
        "The same figures on each half of every set and of overall (rule above); every other figure is in the JSON "
        "under the groups \"<set>/tune\", \"<set>/check\", \"overall/tune\", \"overall/check\".", "",
        *half_table(report["metrics"]), "",
        "## Listing blocks (ours)", "", *listings_table(report["listings"]), "",
        "## Speed (extract call only, best pass, one process)", "", *speed_table(report["speed"]), "",
        f"## Errors ({len(report['errors'])})", "",
    ]
    lines += [f"- {e['extractor']} {e['set']}/{e['id']}: {e['error']}" for e in report["errors"]] or ["none"]
    skipped = [s for v in env["sets"].values() for s in v["skipped"]]
    if skipped:
        lines += ["", f"## Skipped pages ({len(skipped)})", "", *(f"- {s}" for s in skipped)]
    return "\n".join(lines) + "\n"


def render_stdout(report: dict[str, Any]) -> str:
    """The compact tables printed at the end of a run."""
    lines = [*main_table(report["metrics"]), "", *listings_table(report["listings"]), "",
             *speed_table(report["speed"]), f"errors: {len(report['errors'])}", "",
             *half_table(report["metrics"], extractors=[x for x in CLASSIFIERS if x in report["metrics"]["overall"]],
                         groups=["overall"])]
    return "\n".join(lines)
