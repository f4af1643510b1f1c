"""Whole crawlable sites of the page-kinds CMS families: many pages of one template set, to check a crawl.

:mod:`.page_kinds` draws one page of every kind of a random site, for the page gate. A crawl sees more: dozens of
articles of one site built from the same templates, the column lists that link them (with the site's pager), the
sidebars of 推荐内容 / 热点内容 that point at the site's real articles, and the comment and print views an article
links to. :func:`build_site` renders such a site for a seed:

* the template choices of ``page_kinds``' site for the same seed (family ``FAMILIES[seed % 8]``, URL shapes,
  class names, encoding, headline and info line, byline position, news variants...), on ``host``;
* ``articles`` articles of the site's kinds (mostly news, and one-sentence notices, attachment- or image-only
  notices, table articles, prose with many links), kinds drawn at random;
* every link between them real: sidebars, related links and lists name the site's own articles;
* per column, list pages of the site's pager; a home page with one box per column;
* per site, at random, comment views (``/e/pl/?classid=..&id=..``, ``plus/feedback.php?aid=..``...) and print
  views of each article, linked from it: pages that restate an article and must not be archived.

``FamilySite.pages`` maps each URL to its bytes and headers, ``FamilySite.truth`` holds a
:class:`~.page_kinds.GeneratedPage` (kind, is_article, headline, fields, listings) per URL. Everything depends
only on the seed and the host. :class:`FamilySiteServer` serves a site on 127.0.0.1.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from . import page_kinds_text as text
from .page_kinds import ARTICLE_KINDS, RENDERERS, GeneratedPage, with_truth
from .page_kinds_others import dated_list
from .page_kinds_pagers import pager
from .page_kinds_templates import FAMILIES, Ref, Site, choose_layout, encode, make_site, page
from .page_kinds_truth import choose_byline
from .page_kinds_variants import choose_variants
from .page_kinds_widgets import choose_close

#: Article kinds of a whole site and their weights.
ARTICLE_MIX = {"news": 14, "one_sentence_notice": 3, "media_only_notice": 2, "table_article": 1, "linked_prose": 1}
#: The headline vocabulary of each kind's own article (as its renderer draws it).
HEADLINES = {"one_sentence_notice": text.NOTICE_HEADLINES, "media_only_notice": text.NOTICE_HEADLINES,
             "table_article": text.TABLE_HEADLINES,
             "linked_prose": text.POLICY_HEADLINES}
#: Views of an article that restate it: the page kind that renders them, and the link text on the article.
VIEWS = {"comments": ("comments", "查看评论"), "print": ("print_view", "打印本页")}

__all__ = ["ARTICLE_MIX", "FamilySite", "FamilySiteServer", "build_site"]


@dataclass
class FamilySite:
    """A rendered site: ``pages`` (URL -> body bytes, headers), ``truth`` (URL -> what the page is), ``start``."""

    seed: int
    family: str
    start: str
    notes: dict[str, str]
    pages: dict[str, tuple[bytes, dict[str, str]]] = field(default_factory=dict)
    truth: dict[str, GeneratedPage] = field(default_factory=dict)

    @property
    def articles(self) -> list[GeneratedPage]:
        return [p for p in self.truth.values() if p.is_article]

    def add(self, site: Site, url: str, html: str, kind: str, headline: str = "", notes: dict | None = None) -> None:
        body, headers = encode(site, html)
        truth = GeneratedPage(url, body, headers, kind, kind in ARTICLE_KINDS, site.family,
                              {**site.notes, **(notes or {})}, headline)
        self.pages[url] = (body, headers)
        self.truth[url] = with_truth(truth, site.rendered)


def build_site(seed: int, host: str, articles: int = 40) -> FamilySite:
    """The whole site of ``seed`` served at ``host`` (``127.0.0.1:PORT``), with about ``articles`` articles."""
    rng = random.Random(seed)
    site = make_site(rng, FAMILIES[seed % len(FAMILIES)])
    choose_variants(rng, site)
    choose_byline(random.Random(f"{seed}-truth"), site)
    choose_layout(random.Random(f"{seed}-layout"), site)
    choose_close(random.Random(f"{seed}-close"), site.notes)
    old = f"http://{site.host}"
    site.host = host
    site.nav = [(label, url.replace(old, f"http://{host}")) for label, url in site.nav]
    plan = random.Random(f"{seed}-plan")
    views = [view for view in VIEWS if plan.random() < 0.5]
    site.notes["views"] = ",".join(views) or "none"
    own = own_articles(site, plan, seed, articles)
    built = FamilySite(seed, site.family, site.url("home"), dict(site.notes))
    site.pool = [ref for ref, _ in own]
    for number, (ref, kind) in enumerate(own):
        add_article(built, site, random.Random(f"{seed}-page-{number}"), ref, kind, views)
    for cid, refs in sorted(by_column(site.pool).items()):
        add_column(built, site, random.Random(f"{seed}-list-{cid}"), refs, plan.randint(8, 16))
    add_home(built, site, random.Random(f"{seed}-home"), by_column(site.pool))
    return built


def own_articles(site: Site, plan: random.Random, seed: int, count: int) -> list[tuple[Ref, str]]:
    """``count`` articles of the site: a ref (headline, id, time, column) and a kind each, one URL each."""
    kinds, weights = list(ARTICLE_MIX), list(ARTICLE_MIX.values())
    chosen, urls = [], set()
    for number in range(count):
        kind = plan.choices(kinds, weights)[0]
        ref = site.ref(random.Random(f"{seed}-ref-{number}"), HEADLINES.get(kind, text.NEWS_HEADLINES))
        if site.url("article", ref) not in urls:
            urls.add(site.url("article", ref))
            chosen.append((ref, kind))
    return chosen


def by_column(refs: list[Ref]) -> dict[int, list[Ref]]:
    """The refs of each column (by column id), newest first."""
    columns: dict[int, list[Ref]] = {}
    for ref in sorted(refs, key=lambda r: (r.when, r.id), reverse=True):
        columns.setdefault(ref.cid, []).append(ref)
    return columns


def add_article(built: FamilySite, site: Site, rng: random.Random, ref: Ref, kind: str, views: list[str]) -> None:
    """The article page of ``ref`` and its views; the article links its views above the footer."""
    site.rendered, site.forced = {}, [ref]
    made = RENDERERS[kind](site, rng)
    if made.url != site.url("article", ref):
        raise RuntimeError(f"seed {built.seed}: the {kind} renderer did not draw its own article first")
    rendered, links = site.rendered, []
    for view in views:
        view_kind, label = VIEWS[view]
        site.rendered, site.forced = {}, [ref]
        shown = RENDERERS[view_kind](site, rng)
        built.add(site, shown.url, shown.html, view_kind)
        links.append(f'<a href="{escape(shown.url)}" target="_blank">{label}</a>')
    site.rendered = rendered
    html = made.html
    if links:
        html = with_tools(html, f'<div class="art_tools">{" ".join(links)}</div>')
    built.add(site, made.url, html, kind, made.headline, made.notes)


def with_tools(html: str, tools: str) -> str:
    """``html`` with ``tools`` just above the footer (or at the end of the body)."""
    for anchor in ('<div class="links">', '<div class="footer">', "</body>"):
        if anchor in html:
            return html.replace(anchor, tools + anchor, 1)
    return html + tools


def add_column(built: FamilySite, site: Site, rng: random.Random, refs: list[Ref], per_page: int) -> None:
    """Every list page of one column, newest first, with the site's pager."""
    total = (len(refs) + per_page - 1) // per_page
    name = refs[0].column[0]

    def link(number: int) -> str:
        return site.url("list", refs[0], page=number)

    for number in range(1, total + 1):
        chunk = refs[(number - 1) * per_page:number * per_page]
        more = pager(site, number, total, link, len(refs)) if total > 1 or rng.random() < 0.5 else ""
        main = (f'<div class="lm_title"><h2>{escape(name)}</h2></div>'
                f'<div class="lm_con">{dated_list(site, rng, chunk)}{more}</div>')
        site.rendered, site.forced = {}, []
        built.add(site, link(number), page(site, rng, site.title(name, name), [name], main), "column_list")


def add_home(built: FamilySite, site: Site, rng: random.Random, columns: dict[int, list[Ref]]) -> None:
    """The home page: one box per column (its newest headlines and 更多 to its list)."""
    boxes = []
    for refs in columns.values():
        items = "".join(f'<li><a href="{escape(site.url("article", r))}">{escape(r.headline)}</a>'
                        f'<span>{site.date(r.when, listing=True)}</span></li>' for r in refs[:rng.randint(4, 8)])
        boxes.append(f'<div class="index_box"><div class="hd"><h3>{escape(refs[0].column[0])}</h3>'
                     f'<a href="{escape(site.url("list", refs[0]))}">更多&gt;&gt;</a></div><ul>{items}</ul></div>')
    title = rng.choice((site.name, f"{site.name}-首页", f"{site.name}官方网站"))
    site.rendered, site.forced = {}, []
    built.add(site, site.url("home"), page(site, rng, title, [], "".join(boxes), with_sidebar=rng.random() < 0.5),
              "home")


# ------------------------------------------------------------------------------------------------ serving
def page_key(target: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A URL or request target as the server looks it up: decoded path, sorted query pairs (no fragment)."""
    parts = urlsplit(target)
    return unquote(parts.path or "/"), tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))


class FamilySiteServer:
    """Serves one :class:`FamilySite` on 127.0.0.1 (port chosen by the system): ``with FamilySiteServer(seed)
    as served: served.site.start``. Unknown URLs (robots.txt, the nav bar's dead links) answer 404."""

    def __init__(self, seed: int, articles: int = 40) -> None:
        self.seed, self.article_count = seed, articles
        self.site: FamilySite | None = None
        self.pages: dict[tuple[str, tuple[tuple[str, str], ...]], tuple[bytes, dict[str, str]]] = {}
        self.requests: list[str] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.family_site = self  # type: ignore[attr-defined]
        self._thread: threading.Thread | None = None

    def __enter__(self) -> FamilySiteServer:
        host = f"127.0.0.1:{self._server.server_address[1]}"
        self.site = build_site(self.seed, host, self.article_count)
        self.pages = {page_key(url): answer for url, answer in self.site.pages.items()}
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(5)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        served: FamilySiteServer = self.server.family_site  # type: ignore[attr-defined]
        served.requests.append(self.path)
        answer = served.pages.get(page_key(self.path))
        status, (body, headers) = (200, answer) if answer else (404, (b"<html><body>404 Not Found</body></html>",
                                                                      {"Content-Type": "text/html"}))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
        pass
