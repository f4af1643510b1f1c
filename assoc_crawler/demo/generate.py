"""Generator of static, DedeCMS-like association sites for incremental-crawl tests and benchmarks.

A generated site is a directory that :class:`~assoc_crawler.demo.server.DemoSite` can serve:

* ``www/``: ``index.html`` (home page: nav bar, the newest articles, footer), category list pages
  ``/newsK/`` (page 1, file ``newsK/index.html``) and ``/newsK/list_K_p.html`` (pages 2..n, newest first),
  article pages ``/newsK/YYYYMMDD/ID.html``, ``robots.txt`` and a small style sheet;
* ``site.json`` (name, title, cms, encoding, header_charset, delay, routes) and ``truth.json`` (the live
  articles: path, id, title, published_at, source, author, editor, category, revision, template);
* ``state.json``: everything needed to reopen the site and change it (:meth:`GeneratedSite.open`).

Everything is deterministic for a given seed: the text of an article depends only on the seed, its id and
its revision, and the sidebars of an article page only on articles older than it, so adding newer articles
never changes the bytes of an existing article page. :meth:`GeneratedSite.write` rewrites only the files
whose bytes changed, so unchanged pages keep their mtime (Last-Modified) and ETag.

All text is assembled from a small vocabulary of industry words written for this module.

Command line: ``python -m assoc_crawler.demo.generate DIR [--articles N] [--categories C] [--per-page P]
[--encoding gbk] [--seed S] [--delay SECONDS]``.
"""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from dataclasses import asdict
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from .generate_render import STYLE_SHEET, PageRenderer
from .generate_text import (
    CATEGORY_NAMES,
    DEPARTMENTS,
    SOURCES,
    TEASER_CHARS,
    Article,
    new_body,
    new_title,
    person_name,
    seeded_rng,
    synthetic_article,
    truncate,
)

#: The site's clock: publication times are China Standard Time.
CST = timezone(timedelta(hours=8))

#: Publication time of the newest article of a freshly created site (by default).
DEFAULT_NEWEST = datetime(2026, 11, 1, 10, 0, tzinfo=CST)

DEFAULT_TITLE = "华夏再生金属产业协会"

#: Templates an article page can be rendered with; "broken" simulates a redesign that defeats extraction.
TEMPLATES = ("default", "broken")
#: List pagers: ten numbers, or DedeCMS's default (five numbers and a <select> jump menu of every page).
PAGERS = ("wide", "dede")
#: Canonical links of a site's pages: none, each page's own URL, or every page pointed at the home page.
CANONICALS = ("none", "self", "home")

STATE_FILE = "state.json"
STATE_VERSION = 1

__all__ = ["CANONICALS", "CST", "DEFAULT_NEWEST", "PAGERS", "TEMPLATES", "Article", "GeneratedSite", "main",
           "synthetic_article"]


# ---------------------------------------------------------------------------------------------- site
class GeneratedSite:
    """A generated site on disk and its state: create or open it, change it, then :meth:`write` it.

    Changes (:meth:`add_articles`, :meth:`edit_articles`, :meth:`withdraw_articles`, :meth:`set_template`)
    only touch the state in memory; :meth:`write` renders the pages and saves the state.
    """

    def __init__(self, directory: Path | str, state: dict[str, Any]) -> None:
        self.dir = Path(directory).resolve()
        self.www = self.dir / "www"
        self.name: str = state["name"]
        self.title: str = state["title"]
        self.encoding: str = state["encoding"]
        self.header_charset: str = state["header_charset"]
        self.delay: float = float(state.get("delay", 0.0))
        self.seed: int = int(state["seed"])
        self.per_page: int = int(state["per_page"])
        self.category_names: list[str] = list(state["categories"])
        self.template: str = state.get("template", "default")
        self.pager: str = state.get("pager", "wide")
        self.canonical: str = state.get("canonical", "none")  # <link rel=canonical>: none, self, home (a mistake)
        self.tracking: bool = bool(state.get("tracking", False))  # the home page's links carry ?from=index
        self.redirects: dict[str, str] = dict(state.get("redirects", {}))  # old path -> where the article moved
        self.next_id: int = int(state["next_id"])
        self.copyright_year: int = int(state["copyright_year"])
        self.articles: list[Article] = [Article(**record) for record in state["articles"]]  # oldest first
        self._by_id: dict[int, Article] = {article.id: article for article in self.articles}
        #: Paths under ``www/`` written and deleted by the last :meth:`write`.
        self.last_written: list[str] = []
        self.last_deleted: list[str] = []

    # ------------------------------------------------------------------------------------ lifecycle
    @classmethod
    def create(cls, directory: Path | str, articles: int = 1000, categories: int = 5, per_page: int = 20,
               seed: int = 0, encoding: str = "utf-8", newest: datetime = DEFAULT_NEWEST, *,
               delay: float = 0.0, name: str | None = None, title: str = DEFAULT_TITLE,
               header_charset: str | None = None, pager: str = "wide") -> GeneratedSite:
        """Generate a site of ``articles`` articles in ``directory`` (created; must be absent or empty).

        The newest article is published at ``newest`` (a naive time is taken as +08:00), older ones a few
        hours apart. ``pager``: "wide" (ten numbers) or "dede" (DedeCMS's default: five numbers and a
        ``<select>`` of every page). Raises FileExistsError for a non-empty directory, ValueError for bad parameters.
        """
        directory = Path(directory)
        if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
            raise FileExistsError(f"{directory} exists and is not empty")
        if articles < 0 or categories < 1 or per_page < 1 or delay < 0:
            raise ValueError("need articles >= 0, categories >= 1, per_page >= 1 and delay >= 0")
        if pager not in PAGERS:
            raise ValueError(f"pager must be one of {PAGERS}, got {pager!r}")
        encoding = codecs.lookup(encoding).name  # raises LookupError for an unknown codec
        newest = newest.replace(tzinfo=CST) if newest.tzinfo is None else newest.astimezone(CST)
        names = [CATEGORY_NAMES[k] if k < len(CATEGORY_NAMES) else f"专题{k + 1}" for k in range(categories)]
        state: dict[str, Any] = {
            "version": STATE_VERSION, "name": name or directory.resolve().name, "title": title,
            "encoding": encoding, "header_charset": header_charset or encoding, "delay": float(delay),
            "seed": seed, "per_page": per_page, "categories": names, "template": "default",
            "pager": pager, "next_id": 100 + seeded_rng(seed, "first-id").randint(1, 900),
            "copyright_year": newest.year,
            "articles": [],
        }
        site = cls(directory, state)
        times = [newest]
        for k in range(1, articles):
            times.append(times[-1] - site._gap(f"back{k}"))
        for published in reversed(times):
            site._new_article(published)
        directory.mkdir(parents=True, exist_ok=True)
        site.write()
        return site

    @classmethod
    def open(cls, directory: Path | str) -> GeneratedSite:
        """Reopen a site created by :meth:`create` (reads ``state.json``)."""
        state = json.loads((Path(directory) / STATE_FILE).read_text(encoding="utf-8"))
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"{directory}: unsupported state version {state.get('version')!r}")
        return cls(directory, state)

    def state(self) -> dict[str, Any]:
        """The JSON-ready state saved as ``state.json``."""
        return {
            "version": STATE_VERSION, "name": self.name, "title": self.title, "encoding": self.encoding,
            "header_charset": self.header_charset, "delay": self.delay, "seed": self.seed,
            "per_page": self.per_page, "categories": self.category_names, "template": self.template,
            "pager": self.pager, "canonical": self.canonical, "tracking": self.tracking,
            "redirects": self.redirects, "next_id": self.next_id, "copyright_year": self.copyright_year,
            "articles": [asdict(article) for article in self.articles],
        }

    # -------------------------------------------------------------------------------------- changes
    def _gap(self, key: str) -> timedelta:
        rng = seeded_rng(self.seed, "gap", key)
        return timedelta(hours=rng.randint(2, 7), minutes=5 * rng.randint(0, 11))

    def _new_article(self, published: datetime) -> Article:
        article_id = self.next_id
        self.next_id += seeded_rng(self.seed, "id-step", article_id).randint(1, 3)
        rng = seeded_rng(self.seed, "meta", article_id)
        category = rng.randrange(len(self.category_names)) + 1
        editor = person_name(rng) if rng.random() < 0.5 else rng.choice(DEPARTMENTS)
        title = new_title(self.seed, article_id, 0, published)
        paragraphs = new_body(self.seed, article_id, 0)
        article = Article(
            id=article_id, category=category, published_at=published.isoformat(), title=title,
            paragraphs=paragraphs, source=rng.choice(SOURCES), author=person_name(rng), editor=editor,
            template=self.template, first_title=title, first_teaser=truncate(paragraphs[0], TEASER_CHARS),
        )
        self.articles.append(article)
        self._by_id[article_id] = article
        return article

    def add_articles(self, n: int) -> list[int]:
        """Add ``n`` articles newer than all existing ones (with the current template); their ids."""
        added = []
        for _ in range(n):
            if self.articles:
                latest = max(article.published for article in self.articles)
                published = latest + self._gap(f"next{self.next_id}")
            else:
                published = datetime(self.copyright_year, 1, 1, 9, 0, tzinfo=CST)
            added.append(self._new_article(published).id)
        return added

    def edit_articles(self, ids: list[int], retitle: bool = False) -> None:
        """Give these articles a new body (and a new title with ``retitle``); revision += 1 each."""
        for article_id in ids:
            article = self.article(article_id)
            if article.withdrawn:
                raise ValueError(f"article {article_id} is withdrawn")
            article.revision += 1
            old_body, old_title = article.paragraphs, article.title
            for attempt in range(10):
                article.paragraphs = new_body(self.seed, article_id, article.revision * 100 + attempt)
                if article.paragraphs != old_body:
                    break
            if retitle:
                for attempt in range(10):
                    article.title = new_title(self.seed, article_id, article.revision * 100 + attempt,
                                               article.published)
                    if article.title != old_title:
                        break

    def withdraw_articles(self, ids: list[int]) -> None:
        """Withdraw these articles: :meth:`write` deletes their pages and drops them from the lists."""
        for article_id in ids:
            self.article(article_id).withdrawn = True

    def set_variants(self, canonical: str | None = None, tracking: bool | None = None) -> None:
        """Canonical links on every page ("none", "self", or "home": every page pointed at ``/``, a template's
        mistake) and tracking parameters on the home page's links."""
        if canonical is not None:
            if canonical not in CANONICALS:
                raise ValueError(f"canonical must be one of {CANONICALS}, got {canonical!r}")
            self.canonical = canonical
        if tracking is not None:
            self.tracking = tracking

    def move_articles(self, ids: list[int]) -> None:
        """Move articles to new paths (``/a/K/YYYY/ID.html``); their old paths answer 301 to the new ones."""
        for article_id in ids:
            article = self._by_id[article_id]
            old = article.path
            article.moved_path = f"/a/{article.category}/{article.published:%Y}/{article.id}.html"
            if old != article.path:
                self.redirects = {was: (article.path if to == old else to) for was, to in self.redirects.items()}
                self.redirects[old] = article.path

    def set_template(self, template: str) -> None:
        """Render the articles added from now on with ``template`` ("default" or "broken")."""
        if template not in TEMPLATES:
            raise ValueError(f"unknown template {template!r} (have: {', '.join(TEMPLATES)})")
        self.template = template

    # -------------------------------------------------------------------------------------- queries
    def article(self, article_id: int) -> Article:
        """The article with this id (withdrawn or not); KeyError if there is none."""
        try:
            return self._by_id[article_id]
        except KeyError:
            raise KeyError(f"no article {article_id}") from None

    def live_articles(self) -> list[Article]:
        """The articles not withdrawn, newest first."""
        return sorted((a for a in self.articles if not a.withdrawn), key=lambda a: (a.published, a.id),
                      reverse=True)

    def ids(self) -> list[int]:
        """Ids of the live articles, newest first."""
        return [article.id for article in self.live_articles()]

    def article_paths(self) -> list[str]:
        """URL paths of the live articles, newest first."""
        return [article.path for article in self.live_articles()]

    def category_path(self, category: int) -> str:
        """URL path of page 1 of a category (``/newsK/``)."""
        return f"/news{category}/"

    def list_page_path(self, category: int, page: int) -> str:
        """URL path of page ``page`` (1-based) of a category's list."""
        return self.category_path(category) if page == 1 else f"/news{category}/list_{category}_{page}.html"

    def category_articles(self, category: int) -> list[Article]:
        """The live articles of a category, newest first."""
        return [article for article in self.live_articles() if article.category == category]

    def page_count(self, category: int) -> int:
        """How many list pages the category has (at least 1)."""
        return max(1, -(-len(self.category_articles(category)) // self.per_page))

    def list_page_paths(self) -> list[str]:
        """URL paths of every category list page, category by category, page 1 first."""
        return [self.list_page_path(category, page)
                for category in range(1, len(self.category_names) + 1)
                for page in range(1, self.page_count(category) + 1)]

    def file_for(self, path: str) -> Path:
        """The file under ``www/`` that serves URL ``path``."""
        relative = path.lstrip("/")
        return self.www / (relative + "index.html" if relative.endswith("/") or not relative else relative)

    def truth(self) -> dict[str, Any]:
        """What a crawl should find: the live articles, newest first (saved as ``truth.json``)."""
        return {
            "site": self.name,
            "start_path": "/",
            "articles": [
                {"path": a.path, "id": a.id, "title": a.title, "published_at": a.published_at,
                 "source": a.source, "author": a.author, "editor": a.editor,
                 "category": self.category_names[a.category - 1], "revision": a.revision,
                 "template": a.template}
                for a in self.live_articles()
            ],
        }

    def site_config(self) -> dict[str, Any]:
        """The ``site.json`` of the site."""
        return {"name": self.name, "title": self.title, "cms": "dedecms", "encoding": self.encoding,
                "header_charset": self.header_charset, "delay": self.delay,
                "routes": {old: {"status": 301, "location": new} for old, new in self.redirects.items()}}

    # -------------------------------------------------------------------------------------- writing
    def render_files(self) -> dict[str, str]:
        """Every file under ``www/`` by its relative path (``/`` separated), as text."""
        renderer = PageRenderer(self)
        files = {"robots.txt": "User-agent: *\nAllow: /\n", "templets/default/style/dedecms.css": STYLE_SHEET,
                 "index.html": renderer.home(), "about/index.html": renderer.about()}
        live = self.live_articles()
        for category in range(1, len(self.category_names) + 1):
            items = [article for article in live if article.category == category]
            pages = self.page_count(category)
            for page in range(1, pages + 1):
                chunk = items[(page - 1) * self.per_page: page * self.per_page]
                relative = self.list_page_path(category, page).lstrip("/")
                files[relative + "index.html" if relative.endswith("/") else relative] = renderer.list_page(
                    category, page, pages, chunk, len(items))
        index = {article.id: position for position, article in enumerate(self.articles)}
        for article in live:
            files[article.path.lstrip("/")] = renderer.article(article, index[article.id])
        if self.canonical != "none":
            for relative, text in files.items():
                if relative.endswith(".html"):
                    own = "/" + (relative[:-len("index.html")] if relative.endswith("index.html") else relative)
                    link = f'<link rel="canonical" href="{own if self.canonical == "self" else "/"}" />\n'
                    files[relative] = text.replace("</head>", link + "</head>", 1)
        return files

    def write(self) -> int:
        """Write the files whose bytes changed, delete stale pages, save the state; how many www files
        were written or deleted (they are listed in ``last_written`` and ``last_deleted``)."""
        self.www.mkdir(parents=True, exist_ok=True)
        files = self.render_files()
        written = [relative for relative, text in files.items()
                   if _write_if_changed(self.www / relative, text.encode("utf-8"))]
        deleted = []
        for file in sorted(self.www.glob("news*/**/*.html")):
            relative = file.relative_to(self.www).as_posix()
            if relative not in files:
                file.unlink()
                deleted.append(relative)
                parent = file.parent
                while parent != self.www and not any(parent.iterdir()):
                    parent.rmdir()
                    parent = parent.parent
        for name, data in (("site.json", self.site_config()), ("truth.json", self.truth()),
                           (STATE_FILE, self.state())):
            _write_if_changed(self.dir / name, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode())
        self.last_written, self.last_deleted = written, deleted
        return len(written) + len(deleted)


def _write_if_changed(file: Path, data: bytes) -> bool:
    try:
        if file.read_bytes() == data:
            return False
    except FileNotFoundError:
        file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(data)
    return True


# ------------------------------------------------------------------------------------- command line
def main(argv: list[str] | None = None) -> int:
    """Command line: create a generated site in DIR; exit status 2 when DIR is not empty."""
    parser = argparse.ArgumentParser(prog="python -m assoc_crawler.demo.generate",
                                     description="Generate a static association site for crawl tests.")
    parser.add_argument("directory", metavar="DIR", help="site directory to create (absent or empty)")
    parser.add_argument("--articles", type=int, default=1000, help="number of articles (default: 1000)")
    parser.add_argument("--categories", type=int, default=5, help="number of categories (default: 5)")
    parser.add_argument("--per-page", type=int, default=20, help="items per list page (default: 20)")
    parser.add_argument("--encoding", default="utf-8", help="encoding on the wire, e.g. gbk (default: utf-8)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds the server waits per request")
    parser.add_argument("--pager", choices=PAGERS, default="wide",
                        help="list pager: ten numbers (wide) or DedeCMS's five and a <select> (dede)")
    args = parser.parse_args(argv)
    try:
        site = GeneratedSite.create(args.directory, articles=args.articles, categories=args.categories,
                                    per_page=args.per_page, seed=args.seed, encoding=args.encoding,
                                    delay=args.delay, pager=args.pager)
    except (FileExistsError, ValueError, LookupError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{site.dir}: {len(site.ids())} articles in {len(site.category_names)} categories, "
          f"{len(site.list_page_paths())} list pages, encoding {site.encoding}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
