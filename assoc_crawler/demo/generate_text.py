"""The text of generated sites' articles: a small vocabulary of industry words written for this project,
assembled into titles and paragraphs that depend only on the site seed, the article id and its revision."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

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
    moved_path: str = ""  # where the site moved the article (its old path redirects there)

    @property
    def published(self) -> datetime:
        """The publication time (aware, +08:00)."""
        return datetime.fromisoformat(self.published_at)

    @property
    def path(self) -> str:
        """The URL path of the article page, e.g. ``/news2/20261101/1234.html`` (or where it moved)."""
        return self.moved_path or f"/news{self.category}/{self.published:%Y%m%d}/{self.id}.html"

    @property
    def teaser(self) -> str:
        """The start of the current first paragraph."""
        return truncate(self.paragraphs[0], TEASER_CHARS) if self.paragraphs else ""


def truncate(text: str, length: int) -> str:
    return text if len(text) <= length else text[:length] + "..."


def seeded_rng(seed: int, *parts: object) -> random.Random:
    """A generator seeded by the site seed and ``parts`` (stable across runs and Python versions)."""
    return random.Random(":".join(str(part) for part in (seed, *parts)))


def person_name(rng: random.Random) -> str:
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


def new_body(seed: int, article_id: int, revision: int) -> list[str]:
    rng = seeded_rng(seed, "body", article_id, revision)
    return [_paragraph(rng, lead=(i == 0)) for i in range(rng.randint(4, 8))]


def new_title(seed: int, article_id: int, revision: int, published: datetime) -> str:
    return _title(seeded_rng(seed, "title", article_id, revision), published)


def synthetic_article(seed: int, article_id: int, published: datetime) -> tuple[str, list[str]]:
    """The title and paragraphs a generated site would give article ``article_id`` (for synthetic archives)."""
    return new_title(seed, article_id, 0, published), new_body(seed, article_id, 0)
