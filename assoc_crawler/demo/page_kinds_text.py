"""Vocabulary and text makers for :mod:`assoc_crawler.demo.page_kinds` (industry-association news, written here).

Text is assembled from slot patterns: ``fill(rng, "{org}召开{topic}{event}")`` replaces every ``{name}`` by a random
entry of ``SLOTS[name]`` (itself filled recursively) or by a value from ``MAKERS[name]`` (numbers, names).
Every word is in GB2312, so a page can be written in GBK as well as UTF-8.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import datetime

SITE_PREFIXES = ("中国", "全国", "华东", "华南", "广东省", "浙江省", "江苏省", "山东省", "河北省", "长三角", "西部")
TRADES = (("再生金属", "Recycled Metals"), ("有色金属", "Nonferrous Metals"), ("铝业", "Aluminium"),
          ("铜业", "Copper"), ("再生资源", "Renewable Resources"), ("铝型材", "Aluminium Profiles"),
          ("铜加工", "Copper Processing"), ("废旧金属回收", "Scrap Metal Recycling"))
ORG_SUFFIXES = (("协会", "Association"), ("行业协会", "Industry Association"), ("产业协会", "Industry Association"),
                ("产业联盟", "Industry Alliance"), ("商会", "Chamber of Commerce"))
COLUMNS = (("新闻中心", "news"), ("协会动态", "xhdt"), ("行业资讯", "hyzx"), ("通知公告", "tzgg"),
           ("政策法规", "zcfg"), ("标准化工作", "bzgz"), ("会员风采", "hyfc"), ("市场行情", "schq"),
           ("统计数据", "tjsj"), ("专题报道", "ztbd"), ("党建工作", "djgz"), ("国际交流", "gjjl"),
           ("培训服务", "pxfw"), ("技术创新", "jscx"))
ABOUT_LABELS = ("协会简介", "协会章程", "组织机构", "领导班子", "秘书处", "入会指南", "会员名录", "联系我们",
                "理事单位", "分支机构", "English")
SERVICE_LABELS = ("会员服务", "行业统计", "展会信息", "人才招聘", "在线留言", "下载中心", "图片新闻", "视频中心",
                  "专家库", "企业名录", "网站地图")

METALS = ("再生铝", "再生铜", "铝", "铜", "锌", "铅", "再生不锈钢", "废铝", "废铜", "铝合金", "铜合金", "稀贵金属")
CITIES = ("北京", "上海", "广州", "佛山", "宁波", "天津", "重庆", "清远", "台州", "临沂", "永康", "肇庆", "苏州",
          "长沙", "郑州", "成都")
ROLES = ("会长", "副会长", "秘书长", "副秘书长", "理事长", "主任", "总工程师")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ("建国", "海燕", "志强", "丽华", "伟", "敏", "军", "静", "晓东", "红梅", "国庆", "立新", "文博", "晨", "磊",
         "秀英", "永刚", "春生")

SLOTS: dict[str, tuple[str, ...]] = {
    "metal": METALS, "city": CITIES, "role": ROLES,
    "event": ("座谈会", "研讨会", "年会", "工作会议", "培训班", "推进会", "宣贯会", "交流会", "论坛", "理事会"),
    "action": ("召开", "举办", "成功举办", "组织召开", "顺利召开"),
    "topic": ("{metal}产业发展", "{metal}行业标准", "绿色低碳发展", "{metal}回收利用", "行业高质量发展",
              "{metal}市场形势", "团体标准", "安全生产", "碳足迹核算", "数字化转型", "再生资源回收体系建设"),
    "org": ("协会", "协会秘书处", "{metal}分会", "协会标准化技术委员会", "协会专家委员会", "{city}市有色金属行业协会"),
    "company": ("{city}{brand}{industry}有限公司", "{brand}{industry}股份有限公司", "{brand}集团有限公司"),
    "brand": ("华兴", "宏达", "金源", "鑫隆", "恒通", "永盛", "中联", "南山", "海亮", "明泰", "金田", "兴发"),
    "industry": ("铝业", "铜业", "金属材料", "再生资源", "有色金属", "新材料"),
    "trend": ("行业整体运行平稳", "市场需求持续回暖", "产能结构不断优化", "原料供应偏紧", "绿色低碳转型步伐加快",
              "行业集中度进一步提高", "企业效益有所下滑"),
    "goal": ("要坚持创新驱动，推动行业高质量发展", "要加强行业自律，维护公平竞争的市场秩序",
             "要加快标准体系建设，提升产品质量", "要积极拓展国际市场，提高行业竞争力",
             "要做好安全生产和环境保护工作"),
    "measure": ("加强行业统计和运行监测", "推进团体标准制定和宣贯", "组织开展技术交流和培训",
                "搭建产业链上下游合作平台", "加大先进技术推广力度", "深入开展行业调研，反映企业诉求"),
    "price_move": ("高位震荡", "有所回落", "稳中有升", "波动加大"),
    "pressure": ("有所加大", "依然较大", "有所缓解"),
    "std_kind": ("回收利用技术规范", "分类与评价", "术语", "熔炼炉能耗限额", "绿色工厂评价要求"),
    "law": ("中华人民共和国循环经济促进法", "中华人民共和国固体废物污染环境防治法", "再生资源回收管理办法",
            "中华人民共和国清洁生产促进法", "中华人民共和国环境保护法", "废有色金属回收利用行业规范条件",
            "中华人民共和国标准化法", "团体标准管理规定"),
    "notice_act": ("举办", "召开", "组织", "开展"),
    "term": ("再生金属", "碳足迹", "团体标准", "废铝分类", "熔炼损耗", "城市矿产", "保级利用"),
    "source": ("本站", "协会秘书处", "中国有色金属报", "经济日报", "协会信息部", "{city}日报", "会员单位供稿", "原创"),
    "doc": ("《{metal}{std_kind}》团体标准文本", "{year}年度会员信息统计表", "入会申请表", "{topic}{event}报名回执",
            "{year}年{metal}行业发展报告", "理事单位推荐表"),
}

MAKERS: dict[str, Callable[[random.Random], str]] = {
    "n": lambda rng: str(rng.randint(20, 300)),
    "pct": lambda rng: f"{rng.uniform(0.5, 35):.1f}",
    "wan": lambda rng: str(rng.randint(12, 1500)),
    "year": lambda rng: str(rng.randint(2016, 2025)),
    "month": lambda rng: str(rng.randint(1, 12)),
    "day": lambda rng: str(rng.randint(1, 28)),
    "person": lambda rng: rng.choice(SURNAMES) + rng.choice(GIVEN),
}

NEWS_HEADLINES = (
    "{org}{action}{year}年{topic}{event}", "{org}赴{city}开展{topic}专题调研",
    "{year}年{month}月{metal}市场运行情况分析",
    "{city}{metal}产业集群建设取得新进展", "《{metal}{std_kind}》团体标准通过专家审查",
    "{role}{person}一行走访{company}",
    "{org}与{city}市人民政府签署战略合作协议", "{metal}行业{year}年经济运行情况", "{company}入选{year}年度绿色工厂名单")
NOTICE_HEADLINES = (
    "关于{notice_act}{year}年{topic}{event}的通知", "关于征集{topic}典型案例的通知",
    "关于开展{year}年度会员信息统计工作的通知",
    "关于《{metal}{std_kind}》征求意见的公告", "关于{year}年春节放假安排的通知", "关于缴纳{year}年度会费的通知")
POLICY_HEADLINES = ("《{law}》解读", "{year}年{metal}行业相关政策解读", "关于《{law}》修订内容的解读",
                    "专家解读《{law}》")
TABLE_HEADLINES = ("{year}年{month}月{metal}产量统计", "{year}年1-{month}月主要再生金属产品进出口数据",
                   "{year}年全国{metal}回收量分地区统计", "{year}年{metal}价格月度汇总")
SUMMARY_HEADLINES = ("{metal}专业委员会", "会员服务", "行业统计工作", "标准化工作简介", "{topic}专题")

SENTENCES = (
    "{month}月{day}日，{org}在{city}{action}{topic}{event}，来自{n}家会员单位的代表参加会议。",
    "会议由{org}{role}{person}主持。", "{person}{role}在讲话中指出，{trend}，{goal}。",
    "与会代表围绕{topic}、{topic}等议题进行了深入交流。",
    "据统计，{year}年全国{metal}产量约{wan}万吨，同比增长{pct}%。",
    "{company}近年来{measure}，取得了明显成效。", "会议认为，当前{metal}行业{trend}，{goal}。",
    "下一步，协会将{measure}，{goal}。", "调研组一行先后走访了{company}、{company}等企业，详细了解{topic}情况。",
    "{company}负责人介绍了企业在{topic}方面的做法和经验。", "本次{event}共收到意见{n}条，专家组逐条进行了讨论。",
    "该标准规定了{metal}的术语和定义、技术要求、试验方法和检验规则。",
    "{year}年以来，{metal}价格{price_move}，企业经营压力{pressure}。", "协会将继续发挥桥梁纽带作用，{measure}。",
    "{city}市有关部门负责同志出席会议并致辞。", "与会专家一致认为，{topic}对行业发展具有重要意义。")
NOTICE_SENTENCES = (
    "各会员单位：为{measure}，协会定于{month}月{day}日在{city}{notice_act}{topic}{event}，请各单位按时报名参加。",
    "经研究，现将有关事项通知如下，请各单位认真组织，于{month}月{day}日前报送相关材料。",
    "根据工作安排，协会决定开展{topic}工作，具体要求详见附件。",
    "现将《{metal}{std_kind}》征求意见稿予以公布，请于{month}月{day}日前反馈意见。")
POLICY_SENTENCES = (
    "《{law}》明确提出，{goal}。", "根据《{law}》第{n}条的规定，{metal}回收企业应当建立台账制度。",
    "与《{law}》相衔接，新规对{topic}作出了具体安排。", "企业在执行中应同时遵守《{law}》和《{law}》的有关要求。")
INTRO_SENTENCES = (
    "{site}成立于{year}年，是由从事{metal}回收、加工和贸易的企业自愿组成的全国性行业组织。",
    "协会现有会员单位{n}余家，下设{metal}分会、标准化技术委员会等分支机构。",
    "协会的宗旨是为会员服务、为行业服务、为政府服务，{goal}。", "协会秘书处设在{city}，设有综合部、信息部和标准部。")
TERM_SENTENCES = (
    "{term}是指在{metal}回收利用过程中形成的一类概念，常见于行业标准和统计口径。",
    "按照来源不同，{metal}一般分为新废料和旧废料两大类。", "在实际生产中，{term}与能耗水平和原料品质密切相关。",
    "有关{term}的详细规定可参见相关团体标准。")

COMMENTS = ("写得很好，学习了！", "希望协会多组织此类活动。", "请问{event}还能报名吗？", "{metal}价格什么时候能回升？",
            "支持！", "数据很有参考价值。", "我们{city}的企业也想参加，怎么联系？", "标准什么时候正式实施？",
            "感谢协会的辛勤工作。", "能否公布一下{year}年的统计数据？")
AGREEMENT = ("用户在注册前应当仔细阅读本协议，注册即表示同意本协议的全部条款。",
             "用户应当提供真实、准确的单位名称和联系方式，并及时更新。",
             "用户不得利用本网站发布违反国家法律法规的信息。",
             "协会有权根据需要修改本协议，修改后的协议在网站公布后生效。",
             "用户的账号和密码由用户自行保管，因保管不善造成的损失由用户自行承担。")
ERRORS = ("抱歉，您访问的页面不存在或已被删除！", "404 - 页面不存在", "您访问的页面已删除", "该信息已删除或不存在！",
          "对不起，您要查看的信息不存在或已被删除。")

EN_SLOTS: dict[str, tuple[str, ...]] = {
    "Metal": ("Recycled Aluminium", "Secondary Copper", "Aluminium Alloy", "Scrap Copper", "Zinc"),
    "metal": ("recycled aluminium", "secondary copper", "aluminium", "copper", "scrap aluminium", "zinc"),
    "Event": ("Forum", "Annual Meeting", "Seminar", "Workshop", "Conference"),
    "City": ("Beijing", "Shanghai", "Guangzhou", "Foshan", "Ningbo", "Tianjin", "Suzhou"),
    "topic": ("green development", "industry standards", "carbon footprint accounting", "scrap sorting",
              "market conditions", "energy saving"),
}
EN_HEADLINES = ("Association Holds {year} {Metal} {Event} in {City}", "{Metal} Output Rises {pct} Percent in {year}",
                "Delegation Visits {Metal} Producers in {City}", "New Group Standard on {Metal} Passes Expert Review",
                "Members Discuss {Metal} Market Outlook at {City} {Event}")
EN_SENTENCES = (
    "The association held a meeting on {topic} in {City} on {month} {day}.",
    "More than {n} delegates from member companies attended the meeting.",
    "Output of {metal} reached {wan} thousand tonnes in {year}, up {pct} percent year on year.",
    "Speakers said that {topic} would remain a priority for the industry.",
    "The secretariat will continue to support members in {topic} and {topic}.",
    "Experts reviewed the draft standard on {metal} and made {n} suggestions.")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def fill(rng: random.Random, pattern: str, english: bool = False, **fixed: str) -> str:
    """``pattern`` with every ``{slot}`` replaced: ``fixed`` values first, then SLOTS (or EN_SLOTS), then MAKERS."""
    slots = EN_SLOTS if english else SLOTS

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in fixed:
            return fixed[name]
        if english and name == "month":
            return rng.choice(EN_MONTHS)
        if name in slots:
            return fill(rng, rng.choice(slots[name]), english, **fixed)
        return MAKERS[name](rng)

    return re.sub(r"\{(\w+)\}", one, pattern)


def sentences(rng: random.Random, pool: tuple[str, ...], count: int, english: bool = False, **fixed: str) -> str:
    joiner = " " if english else ""
    return joiner.join(fill(rng, rng.choice(pool), english, **fixed) for _ in range(count))


def paragraphs(rng: random.Random, count: int, pool: tuple[str, ...] = SENTENCES, english: bool = False,
               **fixed: str) -> list[str]:
    """``count`` paragraphs of 1-5 sentences each."""
    return [sentences(rng, pool, rng.randint(1, 5), english, **fixed) for _ in range(count)]


def person(rng: random.Random) -> str:
    return MAKERS["person"](rng)


def moment(rng: random.Random, year: int) -> datetime:
    """A random publication time in ``year`` (office hours)."""
    return datetime(year, rng.randint(1, 12), rng.randint(1, 28), rng.randint(8, 18), rng.randint(0, 59),
                    rng.randint(0, 59))


def date_text(fmt: str, when: datetime) -> str:
    """``when`` in one of the DATE_FORMATS of page_kinds_templates."""
    return fmt.format(Y=when.year, m=when.month, d=when.day, H=when.hour, M=when.minute, S=when.second)


def clip(text: str, length: int) -> str:
    """``text`` cut to ``length`` characters plus an ellipsis (its style picked by the text's length)."""
    return text if len(text) <= length else text[:length] + ("...", "……", "…")[len(text) % 3]
