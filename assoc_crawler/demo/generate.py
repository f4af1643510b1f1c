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
import random
import sys
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from html import escape
from pathlib import Path
from typing import Any

#: The site's clock: publication times are China Standard Time.
CST = timezone(timedelta(hours=8))

#: Publication time of the newest article of a freshly created site (by default).
DEFAULT_NEWEST = datetime(2026, 11, 1, 10, 0, tzinfo=CST)

DEFAULT_TITLE = "华夏再生金属产业协会"

#: Templates an article page can be rendered with; "broken" simulates a redesign that defeats extraction.
TEMPLATES = ("default", "broken")

STATE_FILE = "state.json"
STATE_VERSION = 1

#: How many of the newest articles the home page lists.
HOME_ITEMS = 20
#: Items in each sidebar (推荐内容, 热点内容) of an article page.
SIDEBAR_ITEMS = 5
#: The 热点内容 sidebar picks among this many articles just older than the page's own.
HOT_WINDOW = 40
#: Numbered links shown by the pagination block at most.
PAGE_WINDOW = 10
#: Characters of the first paragraph kept as a teaser.
TEASER_CHARS = 60

# ------------------------------------------------------------------------------------------ vocabulary
CATEGORY_NAMES = ("行业资讯", "协会动态", "政策法规", "市场行情", "技术交流", "会员风采", "标准规范", "统计数据",
                  "通知公告", "国际合作")
MATERIALS = ("再生铝", "再生铜", "废钢", "再生铅", "再生锌", "废铝", "废铜", "废旧动力电池", "报废汽车", "再生不锈钢",
             "废塑料", "废纸")
REGIONS = ("华东地区", "华南地区", "华北地区", "西南地区", "长三角", "珠三角", "京津冀", "中部地区", "东北地区",
           "西北地区")
ORGS = ("行业协会", "协会秘书处", "专家委员会", "标准化技术委员会", "会员单位", "骨干企业", "地方协会")
TOPICS = ("碳达峰", "碳中和", "绿色低碳转型", "产能置换", "回收体系建设", "行业规范条件", "标准体系建设", "数字化改造",
          "节能降耗", "循环经济")
QUANTITIES = ("产量", "回收量", "进口量", "出口量", "加工量")
METRICS = ("产量", "回收量", "进口量", "产能利用率", "平均价格", "综合能耗", "利润总额", "营业收入")
TRENDS = ("稳步提升", "小幅回落", "持续增长", "保持平稳", "明显改善", "震荡上行", "企稳回升")
MEETINGS = ("行业形势分析会", "理事会", "年会", "标准宣贯会", "技术交流会", "专题座谈会", "业务培训班")
WORKS = ("行业调研", "统计数据报送", "规范企业申报", "标准意见征集", "会员信息更新", "优秀企业评选")
PERIODS = ("今年以来", "上半年", "前三季度", "一季度", "近一个月", "四季度以来", "本月上旬")
LEADS = ("近日", "日前", "本周", "据了解", "记者获悉")
FACTORS = ("原料供应偏紧", "下游需求回暖", "环保督察", "进口政策调整", "能源成本上升", "海外市场波动")
COMPANIES = ("会员企业", "骨干企业", "回收企业", "加工企业", "冶炼企业")
MEETINGS_PLACES = ("北京", "上海", "广州", "天津", "宁波", "佛山", "长沙", "成都", "郑州")
BEHAVIOURS = ("采购趋于谨慎", "开工率有所提高", "加快库存周转", "积极拓展回收渠道", "适度控制产量")
SYSTEMS = ("回收网络", "分拣加工体系", "质量标准", "统计制度", "信用评价体系", "追溯管理平台")
EFFORTS = ("技术改造", "智能分选设备", "节能环保设施", "研发", "人才培养")
SEASONS = ("上半年", "下半年", "第一季度", "第三季度", "全年")
SOURCES = ("协会秘书处", "行业信息部", "市场研究部", "会员单位供稿", "统计信息部", "再生资源动态", "协会网站")
DEPARTMENTS = ("信息部", "编辑部", "秘书处")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN_CHARS = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂宁辉"


# ------------------------------------------------------------------------------------------- articles
@dataclass
class Article:
    """One article of a generated site, as kept in ``state.json``.

    ``category`` is 1-based (directory ``/news{category}/``); ``first_title`` and ``first_teaser`` are
    what the sidebars of newer pages show: static pages are not regenerated when an older article changes.
    """

    id: int
    category: int
    published_at: str
    title: str
    paragraphs: list[str]
    source: str
    author: str
    editor: str
    revision: int = 0
    withdrawn: bool = False
    template: str = "default"
    first_title: str = ""
    first_teaser: str = ""

    @property
    def published(self) -> datetime:
        """The publication time (aware, +08:00)."""
        return datetime.fromisoformat(self.published_at)

    @property
    def path(self) -> str:
        """The URL path of the article page, e.g. ``/news2/20261101/1234.html``."""
        return f"/news{self.category}/{self.published:%Y%m%d}/{self.id}.html"

    @property
    def teaser(self) -> str:
        """The start of the current first paragraph."""
        return _truncate(self.paragraphs[0], TEASER_CHARS) if self.paragraphs else ""


def _truncate(text: str, length: int) -> str:
    return text if len(text) <= length else text[:length] + "..."


def _rng(seed: int, *parts: object) -> random.Random:
    """A generator seeded by the site seed and ``parts`` (stable across runs and Python versions)."""
    return random.Random(":".join(str(part) for part in (seed, *parts)))


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.randint(1, 2)))


def _title(rng: random.Random, published: datetime) -> str:
    material, year = rng.choice(MATERIALS), published.year
    forms = (
        lambda: f"{rng.choice(REGIONS)}{material}{rng.choice(METRICS)}{rng.choice(TRENDS)}",
        lambda: f"协会召开{year}年{rng.choice(SEASONS)}{rng.choice(MEETINGS)}",
        lambda: f"关于开展{year}年{material}{rng.choice(WORKS)}工作的通知",
        lambda: f"{published.month}月份{material}市场价格{rng.choice(TRENDS)}",
        lambda: f"{rng.choice(TOPICS)}背景下{material}行业发展路径探讨",
        lambda: f"{material}{rng.choice(TOPICS)}工作取得阶段性成效",
        lambda: f"{year}年{rng.choice(SEASONS)}{material}{rng.choice(QUANTITIES)}数据发布",
        lambda: f"{rng.choice(REGIONS)}加快推进{material}{rng.choice(SYSTEMS)}建设",
    )
    return rng.choice(forms)()


def _sentence(rng: random.Random) -> str:
    """One sentence of at most 50 characters."""
    material, org = rng.choice(MATERIALS), rng.choice(ORGS)
    forms = (
        lambda: f"{rng.choice(PERIODS)}，{rng.choice(REGIONS)}{material}{rng.choice(QUANTITIES)}同比"
                f"{rng.choice(('增长', '下降'))}{rng.randint(1, 30)}.{rng.randint(0, 9)}%。",
        lambda: f"{org}认为，{rng.choice(TOPICS)}为{material}行业带来新的发展机遇。",
        lambda: f"受{rng.choice(FACTORS)}影响，{material}价格{rng.choice(TRENDS)}，企业{rng.choice(BEHAVIOURS)}。",
        lambda: f"会议指出，要加快推进{rng.choice(TOPICS)}，完善{material}{rng.choice(SYSTEMS)}。",
        lambda: f"据{org}统计，重点企业{material}{rng.choice(QUANTITIES)}约{rng.randint(12, 980)}万吨。",
        lambda: f"下一步，{org}将继续做好{rng.choice(WORKS)}，推动行业高质量发展。",
        lambda: f"多家{rng.choice(COMPANIES)}表示，将加大{rng.choice(EFFORTS)}投入，提升{material}利用效率。",
        lambda: f"业内人士分析，{material}产能{rng.choice(TRENDS)}，市场供需总体平衡。",
        lambda: f"{rng.choice(REGIONS)}有关部门出台措施，支持{material}回收利用项目建设。",
        lambda: f"与会代表围绕{rng.choice(TOPICS)}、{material}{rng.choice(SYSTEMS)}等议题进行了深入交流。",
    )
    return rng.choice(forms)()


def _lead(rng: random.Random) -> str:
    """The opening sentence of an article (at most 50 characters)."""
    lead, org, material = rng.choice(LEADS), rng.choice(ORGS), rng.choice(MATERIALS)
    forms = (
        lambda: f"{lead}，{org}在{rng.choice(MEETINGS_PLACES)}召开{rng.choice(MEETINGS)}，"
                f"{rng.randint(20, 160)}余家{rng.choice(COMPANIES)}代表参加会议。",
        lambda: f"{lead}，{org}组织开展{material}{rng.choice(WORKS)}工作。",
        lambda: f"{lead}，{org}发布{rng.choice(PERIODS)}{material}行业运行情况。",
        lambda: f"{lead}，{rng.choice(REGIONS)}多家{rng.choice(COMPANIES)}完成{material}{rng.choice(EFFORTS)}项目。",
    )
    return rng.choice(forms)()


def _paragraph(rng: random.Random, lead: bool = False) -> str:
    """60 to 200 characters: sentences added until a random target length (at most 150) is reached."""
    text = _lead(rng) if lead else ""
    target = rng.randint(60, 150)
    while len(text) < target:
        text += _sentence(rng)
    return text


def _body(seed: int, article_id: int, revision: int) -> list[str]:
    rng = _rng(seed, "body", article_id, revision)
    return [_paragraph(rng, lead=(i == 0)) for i in range(rng.randint(4, 8))]


def _new_title(seed: int, article_id: int, revision: int, published: datetime) -> str:
    return _title(_rng(seed, "title", article_id, revision), published)


def synthetic_article(seed: int, article_id: int, published: datetime) -> tuple[str, list[str]]:
    """The title and paragraphs a generated site would give article ``article_id`` (for synthetic archives)."""
    return _new_title(seed, article_id, 0, published), _body(seed, article_id, 0)


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
               header_charset: str | None = None) -> GeneratedSite:
        """Generate a site of ``articles`` articles in ``directory`` (created; must be absent or empty).

        The newest article is published at ``newest`` (a naive time is taken as +08:00), older ones a few
        hours apart. Raises FileExistsError for a non-empty directory, ValueError for bad parameters.
        """
        directory = Path(directory)
        if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
            raise FileExistsError(f"{directory} exists and is not empty")
        if articles < 0 or categories < 1 or per_page < 1 or delay < 0:
            raise ValueError("need articles >= 0, categories >= 1, per_page >= 1 and delay >= 0")
        encoding = codecs.lookup(encoding).name  # raises LookupError for an unknown codec
        newest = newest.replace(tzinfo=CST) if newest.tzinfo is None else newest.astimezone(CST)
        names = [CATEGORY_NAMES[k] if k < len(CATEGORY_NAMES) else f"专题{k + 1}" for k in range(categories)]
        state: dict[str, Any] = {
            "version": STATE_VERSION, "name": name or directory.resolve().name, "title": title,
            "encoding": encoding, "header_charset": header_charset or encoding, "delay": float(delay),
            "seed": seed, "per_page": per_page, "categories": names, "template": "default",
            "next_id": 100 + _rng(seed, "first-id").randint(1, 900), "copyright_year": newest.year,
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
            "next_id": self.next_id, "copyright_year": self.copyright_year,
            "articles": [asdict(article) for article in self.articles],
        }

    # -------------------------------------------------------------------------------------- changes
    def _gap(self, key: str) -> timedelta:
        rng = _rng(self.seed, "gap", key)
        return timedelta(hours=rng.randint(2, 7), minutes=5 * rng.randint(0, 11))

    def _new_article(self, published: datetime) -> Article:
        article_id = self.next_id
        self.next_id += _rng(self.seed, "id-step", article_id).randint(1, 3)
        rng = _rng(self.seed, "meta", article_id)
        category = rng.randrange(len(self.category_names)) + 1
        editor = _person(rng) if rng.random() < 0.5 else rng.choice(DEPARTMENTS)
        title = _new_title(self.seed, article_id, 0, published)
        paragraphs = _body(self.seed, article_id, 0)
        article = Article(
            id=article_id, category=category, published_at=published.isoformat(), title=title,
            paragraphs=paragraphs, source=rng.choice(SOURCES), author=_person(rng), editor=editor,
            template=self.template, first_title=title, first_teaser=_truncate(paragraphs[0], TEASER_CHARS),
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
                article.paragraphs = _body(self.seed, article_id, article.revision * 100 + attempt)
                if article.paragraphs != old_body:
                    break
            if retitle:
                for attempt in range(10):
                    article.title = _new_title(self.seed, article_id, article.revision * 100 + attempt,
                                               article.published)
                    if article.title != old_title:
                        break

    def withdraw_articles(self, ids: list[int]) -> None:
        """Withdraw these articles: :meth:`write` deletes their pages and drops them from the lists."""
        for article_id in ids:
            self.article(article_id).withdrawn = True

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
                "header_charset": self.header_charset, "delay": self.delay, "routes": {}}

    # -------------------------------------------------------------------------------------- writing
    def render_files(self) -> dict[str, str]:
        """Every file under ``www/`` by its relative path (``/`` separated), as text."""
        renderer = _Renderer(self)
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


# ------------------------------------------------------------------------------------------- markup
STYLE_SHEET = """body{margin:0;font:12px/1.8 SimSun,serif;color:#333}
a{color:#1a4f8b;text-decoration:none}
.w960{width:960px}.center{margin:0 auto}.clear{clear:both}.mt1{margin-top:10px}
.nav ul li{display:inline-block;padding:0 12px}
.pleft{float:left;width:700px}.pright{float:right;width:250px}
.pagelist li{display:inline;margin:0 3px}.pagelist .current{font-weight:bold}
.footer{clear:both;text-align:center;border-top:2px solid #1a4f8b}
"""


class _Renderer:
    """Renders the pages of one :class:`GeneratedSite` (HTML text, stored as UTF-8)."""

    def __init__(self, site: GeneratedSite) -> None:
        self.site = site
        self.charset = site.header_charset or site.encoding
        self.site_title = escape(site.title)

    # ------------------------------------------------------------------------------------- fragments
    def head(self, title: str, body_class: str, description: str = "", keywords: str = "") -> str:
        meta = ""
        if keywords:
            meta += f'<meta name="keywords" content="{escape(keywords)}" />\n'
        if description:
            meta += f'<meta name="description" content="{escape(description)}" />\n'
        return (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
            f'<meta http-equiv="Content-Type" content="text/html; charset={self.charset}" />\n'
            f"<title>{title}</title>\n{meta}"
            '<link href="/templets/default/style/dedecms.css" rel="stylesheet" media="screen" type="text/css" />\n'
            f'</head>\n<body class="{body_class}">\n'
        )

    def header(self, current: int | None) -> str:
        items = ["<li><a href='/'><span>首页</span></a></li>"]
        for category, name in enumerate(self.site.category_names, start=1):
            hover = " class='hover'" if category == current else ""
            href = self.site.category_path(category)
            items.append(f"<li{hover}><a href='{href}'><span>{escape(name)}</span></a></li>")
        items.append("<li><a href='/about/'><span>关于我们</span></a></li>")
        nav = "\n".join(items)
        return (
            '<div class="header_top">\n  <div class="w960 center">\n'
            f'    <span class="time">欢迎访问{self.site_title}网站！</span>\n  </div>\n</div>\n'
            '<div class="header">\n  <div class="top w960 center">\n'
            f'    <div class="logo"><a href="/">{self.site_title}</a></div>\n  </div>\n'
            '  <div class="module blue mT10 wrapper w963">\n    <div class="nav">\n'
            f'      <ul id="nav">\n{nav}\n      </ul>\n    </div>\n  </div>\n</div>\n'
        )

    def footer(self) -> str:
        first_year = self.site.copyright_year - 12
        return (
            '<div class="footer w960 center mt1 clear">\n'
            '  <p class="links"><a href="/about/">关于我们</a> | <a href="/about/#join">入会指南</a> | '
            '<a href="/">网站首页</a></p>\n'
            f'  <p class="powered">主办单位：{self.site_title} &nbsp;&nbsp;电话：010-6000 0000<br />\n'
            f'  Copyright &copy; {first_year}-{self.site.copyright_year} {self.site_title} 版权所有 &nbsp;'
            'Powered by <strong>DedeCMS</strong> <a href="https://beian.miit.gov.cn/" target="_blank">'
            '京ICP备00000000号-1</a></p>\n'
            '</div>\n</body>\n</html>\n'
        )

    def place(self, category: int) -> str:
        name = escape(self.site.category_names[category - 1])
        return (f"    <div class=\"place\"><strong>当前位置:</strong> <a href='/'>首页</a> > "
                f"<a href='{self.site.category_path(category)}'>{name}</a> > </div>\n")

    def sidebar_item(self, article: Article) -> str:
        name = escape(self.site.category_names[article.category - 1])
        return (f'<li><a href="{article.path}">{name} | {escape(_truncate(article.first_title, 14))}</a>'
                f"<p>{escape(_truncate(article.first_teaser, 24))}</p></li>")

    def sidebars(self, article: Article, position: int) -> str:
        """推荐内容 and 热点内容: a fixed pseudo-random choice among the articles created before this one."""
        rng = _rng(self.site.seed, "sidebars", article.id)
        earlier = self.site.articles[:position]
        recommended = rng.sample(earlier, min(SIDEBAR_ITEMS, len(earlier)))
        recent = earlier[-HOT_WINDOW:]
        hot = rng.sample(recent, min(SIDEBAR_ITEMS, len(recent)))
        blocks = []
        for css, heading, ul_class, chosen in (("commend", "推荐内容", "d4", recommended),
                                               ("hot", "热点内容", "c1 ico2", hot)):
            items = "\n".join(self.sidebar_item(item) for item in chosen)
            blocks.append(
                f'    <div class="{css} mt1">\n      <dl class="tbox light">\n'
                f"        <dt class='light'><strong>{heading}</strong></dt>\n        <dd class='light'>\n"
                f'          <ul class="{ul_class}">\n{items}\n          </ul>\n        </dd>\n      </dl>\n    </div>\n'
            )
        return '  <div class="pright">\n' + "".join(blocks) + "  </div>\n"

    # ----------------------------------------------------------------------------------------- pages
    def home(self) -> str:
        newest = self.site.live_articles()[:HOME_ITEMS]
        items = "\n".join(
            f'<li><span class="date">{a.published:%Y-%m-%d}</span>'
            f'<a href="{a.path.lstrip("/")}" title="{escape(a.title)}">{escape(a.title)}</a></li>'
            for a in newest
        )
        more = " ".join(f"<a href='{self.site.category_path(k)}'>{escape(name)}</a>"
                        for k, name in enumerate(self.site.category_names, start=1))
        return (
            self.head(self.site_title, "index", f"{self.site.title}官方网站", "再生金属,回收,行业协会")
            + self.header(None)
            + '<div class="w960 center clear mt1">\n  <div class="pleft">\n'
            '    <dl class="tbox">\n      <dt><strong>最新资讯</strong></dt>\n      <dd>\n'
            f'        <ul class="c1 ico1">\n{items}\n        </ul>\n      </dd>\n    </dl>\n'
            f'    <div class="more">栏目导航：{more}</div>\n  </div>\n</div>\n'
            + self.footer()
        )

    def about(self) -> str:
        """关于我们: a static page without a date (neither an article nor a list)."""
        names = "、".join(self.site.category_names)
        return (
            self.head(f"关于我们_{self.site_title}", "about")
            + self.header(None)
            + '<div class="w960 center clear mt1">\n  <div class="pleft">\n'
            "    <div class=\"place\"><strong>当前位置:</strong> <a href='/'>首页</a> > 关于我们</div>\n"
            f'    <div class="about"><p>{self.site_title}是由再生金属回收、加工和利用企业自愿组成的行业组织，'
            f"网站设有{escape(names)}等栏目。</p>\n"
            '    <p id="join">入会申请请与协会秘书处联系。</p></div>\n  </div>\n</div>\n'
            + self.footer()
        )

    def pagination(self, category: int, page: int, pages: int, total: int) -> str:
        def link(number: int, text: str) -> str:
            href = (self.site.category_path(category) if number == 1
                    else f"list_{category}_{number}.html")
            return f"<li><a href='{href}'>{text}</a></li>"

        def disabled(text: str) -> str:
            return f'<li><span class="disabled">{text}</span></li>'

        first = max(1, page - PAGE_WINDOW // 2)
        last = min(pages, first + PAGE_WINDOW - 1)
        first = max(1, last - PAGE_WINDOW + 1)
        parts = [link(1, "首页") if page > 1 else disabled("首页"),
                 link(page - 1, "上一页") if page > 1 else disabled("上一页")]
        for number in range(first, last + 1):
            parts.append(f'<li><span class="current">{number}</span></li>' if number == page
                         else link(number, str(number)))
        parts += [link(page + 1, "下一页") if page < pages else disabled("下一页"),
                  link(pages, "末页") if page < pages else disabled("末页"),
                  f'<li><span class="pageinfo">共 <strong>{pages}</strong>页<strong>{total}</strong>条</span></li>']
        return ('    <div class="dede_pages">\n      <ul class="pagelist">\n        '
                + "".join(parts) + "\n      </ul>\n    </div>\n")

    def list_page(self, category: int, page: int, pages: int, items: list[Article], total: int) -> str:
        name = escape(self.site.category_names[category - 1])
        entries = "\n".join(
            "            <li>\n"
            f'              <a href="{a.published:%Y%m%d}/{a.id}.html" class="title">{escape(a.title)}</a>\n'
            f'              <span class="info"><small>日期：</small>{a.published:%Y-%m-%d %H:%M}</span>\n'
            f'              <p class="intro">{escape(a.teaser)}</p>\n'
            "            </li>"
            for a in items
        )
        suffix = f"_第{page}页" if page > 1 else ""
        return (
            self.head(f"{name}{suffix}_{self.site_title}", "articlelist", f"{self.site.title}{name}栏目")
            + self.header(category)
            + '<div class="w960 center clear mt1">\n  <div class="pleft">\n'
            + self.place(category)
            + f'    <div class="listbox">\n      <ul class="e2">\n{entries}\n      </ul>\n    </div>\n'
            + self.pagination(category, page, pages, total)
            + "  </div>\n</div>\n"
            + self.footer()
        )

    def article(self, article: Article, position: int) -> str:
        if article.template == "broken":
            return self.broken_article(article, position)
        name = escape(self.site.category_names[article.category - 1])
        title = escape(article.title)
        paragraphs = "\n".join(f"<p>　　{escape(text)}</p>" for text in article.paragraphs)
        return (
            self.head(f"{title}_{name}_{self.site_title}", "articleview", article.teaser, f"{name},{article.title[:4]}")
            + self.header(article.category)
            + '<div class="w960 center clear mt1">\n  <div class="pleft">\n'
            + self.place(article.category)
            + '    <div class="viewbox">\n'
            f'      <div class="title">\n        <h1>{title}</h1>\n      </div>\n'
            '      <div class="info">\n'
            f"        <small>发布时间:</small>{article.published:%Y-%m-%d %H:%M}"
            f"<small>资讯来源:</small>{escape(article.source)} <small>作者:</small>{escape(article.author)}\n"
            "      </div>\n"
            '      <div class="content" id="zoom">\n'
            f"<div>\n{paragraphs}\n</div>\n(责任编辑:{escape(article.editor)})\n"
            "      </div>\n"
            '      <div class="boxoff"><strong>------分隔线----------------------------</strong></div>\n'
            "    </div>\n  </div>\n"
            + self.sidebars(article, position)
            + "</div>\n"
            + self.footer()
        )

    def broken_article(self, article: Article, position: int) -> str:
        """The redesigned template: no <h1>, no date, no source or editor line; title in a plain div."""
        paragraphs = "\n".join(f"<p>{escape(text)}</p>" for text in article.paragraphs)
        return (
            self.head(self.site_title, "v2")
            + self.header(article.category)
            + '<div class="w960 center clear mt1">\n  <div class="pleft">\n'
            + self.place(article.category)
            + '    <div class="art-wrap">\n'
            f'      <div class="t">{escape(article.title)}</div>\n'
            f'      <div class="txt">\n{paragraphs}\n      </div>\n'
            "    </div>\n  </div>\n"
            + self.sidebars(article, position)
            + "</div>\n"
            + self.footer()
        )


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
    args = parser.parse_args(argv)
    try:
        site = GeneratedSite.create(args.directory, articles=args.articles, categories=args.categories,
                                    per_page=args.per_page, seed=args.seed, encoding=args.encoding,
                                    delay=args.delay)
    except (FileExistsError, ValueError, LookupError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{site.dir}: {len(site.ids())} articles in {len(site.category_names)} categories, "
          f"{len(site.list_page_paths())} list pages, encoding {site.encoding}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
