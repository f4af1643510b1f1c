"""Statistics of an archive: articles per site, month, source and editor, field coverage, and a chart of
articles per month per site (SVG, no plotting library needed)."""

from __future__ import annotations

import sqlite3
from html import escape
from typing import Any

from .incremental import MIN_BODY_CHARS
from .search import Filters
from .values import query_dicts

TOP = 20
COVERAGE_COLUMNS = ("title", "published_at", "source", "author", "editor", "category")


def archive_stats(conn: sqlite3.Connection, filters: Filters | None = None, top: int = TOP) -> dict[str, Any]:
    """Counts per site, per month (and per site and month), top sources and editors, and field coverage."""
    params: list[Any] = []
    where = (filters or Filters()).sql(params)
    base = f"FROM articles AS a WHERE {where}"
    coverage_sql = ", ".join(f"count(*) FILTER (WHERE trim(coalesce(a.{c}, '')) != '') AS {c}"
                             for c in COVERAGE_COLUMNS)
    coverage = query_dicts(conn, f"SELECT count(*) AS articles, {coverage_sql}, count(*) FILTER (WHERE "
                           f"length(coalesce(a.body_text, '')) >= {MIN_BODY_CHARS}) AS body {base}", params)[0]
    total = coverage.pop("articles")
    return {
        "articles": total,
        "sites": query_dicts(conn, f"SELECT a.site, count(*) AS articles, min(a.published_at) AS first_published, "
                             f"max(a.published_at) AS last_published, count(a.gone_at) AS gone {base} "
                             "GROUP BY a.site ORDER BY articles DESC", params),
        "months": query_dicts(conn, f"SELECT substr(a.published_at, 1, 7) AS month, count(*) AS articles {base} "
                              "AND a.published_at IS NOT NULL GROUP BY month ORDER BY month", params),
        "site_months": query_dicts(conn, f"SELECT a.site, substr(a.published_at, 1, 7) AS month, count(*) AS articles "
                                   f"{base} AND a.published_at IS NOT NULL GROUP BY a.site, month "
                                   "ORDER BY a.site, month", params),
        "sources": query_dicts(conn, f"SELECT a.source, count(*) AS articles {base} AND a.source IS NOT NULL "
                               "GROUP BY a.source ORDER BY articles DESC LIMIT ?", [*params, top]),
        "editors": query_dicts(conn, f"SELECT a.editor, count(*) AS articles {base} AND a.editor IS NOT NULL "
                               "GROUP BY a.editor ORDER BY articles DESC LIMIT ?", [*params, top]),
        "coverage": {name: {"articles": n, "share": round(n / total, 3) if total else None}
                     for name, n in coverage.items()},
    }


PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf")


def _month_index(month: str) -> int:
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


def _month_name(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_chart_svg(site_months: list[dict[str, Any]], title: str = "Articles per month") -> str:
    """A line chart (SVG) of articles per month, one line per site, months without articles at zero."""
    valid = [r for r in site_months if r["month"] and len(r["month"]) == 7 and r["month"][4] == "-"]
    width, height, left, right, top, bottom = 960, 480, 60, 200, 40, 60
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="24" font-size="16">{escape(title)}</text>']
    if not valid:
        svg.append(f'<text x="{left}" y="{height // 2}">no dated articles</text></svg>')
        return "\n".join(svg)
    first = min(_month_index(r["month"]) for r in valid)
    last = max(_month_index(r["month"]) for r in valid)
    sites = sorted({r["site"] or "?" for r in valid})
    counts = {(r["site"] or "?", _month_index(r["month"])): r["articles"] for r in valid}
    step = max(1, -(-max(counts.values()) // 4))  # whole-number ticks
    peak = step * -(-max(counts.values()) // step)
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(index: int) -> float:
        return left + (plot_w * (index - first) / (last - first) if last > first else plot_w / 2)

    def y(value: float) -> float:
        return top + plot_h - plot_h * value / peak

    svg.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="black"/>')
    svg.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="black"/>')
    for value in range(0, peak + 1, step):
        svg.append(f'<text x="{left - 8}" y="{y(value) + 4:.1f}" text-anchor="end">{value}</text>')
        svg.append(f'<line x1="{left}" y1="{y(value):.1f}" x2="{left + plot_w}" y2="{y(value):.1f}" '
                   'stroke="#ddd"/>')
    span = last - first
    every = max(1, span // 12 + (1 if span % 12 else 0))
    for index in range(first, last + 1, every):
        svg.append(f'<text x="{x(index):.1f}" y="{top + plot_h + 18}" text-anchor="middle">'
                   f'{_month_name(index)}</text>')
    for number, site in enumerate(sites):
        colour = PALETTE[number % len(PALETTE)]
        points = " ".join(f"{x(i):.1f},{y(counts.get((site, i), 0)):.1f}" for i in range(first, last + 1))
        svg.append(f'<polyline class="site" data-site="{escape(site)}" fill="none" stroke="{colour}" '
                   f'stroke-width="2" points="{points}"/>')
        ly = top + 16 * number
        svg.append(f'<rect x="{width - right + 16}" y="{ly}" width="12" height="12" fill="{colour}"/>')
        svg.append(f'<text x="{width - right + 34}" y="{ly + 10}">{escape(site)}</text>')
    svg.append("</svg>")
    return "\n".join(svg)
