"""Article kinds of :mod:`assoc_crawler.demo.page_kinds`: each renderer draws one page of ``site`` from ``rng``."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from html import escape
from typing import NamedTuple

from . import page_kinds_text as text
from .page_kinds_pagers import pager
from .page_kinds_templates import Ref, Site, article_block, body_html, info_line, page, prev_next
from .page_kinds_truth import body_truth, byline
from .page_kinds_widgets import closed_after


class Made(NamedTuple):
    """A rendered page: its URL, HTML, the headline (articles) and the choices made for it."""

    url: str
    html: str
    headline: str = ""
    notes: dict[str, str] = {}  # shared default, never mutated


def info_values(site: Site, rng: random.Random, ref: Ref, odds: float = 0.7) -> dict[str, str]:
    """发布时间 always; 来源, 作者, 责任编辑 and 点击数 each with probability ``odds``."""
    values = {"time": site.date(ref.when)}
    makers = {"source": lambda: text.fill(rng, "{source}"), "author": lambda: text.person(rng),
              "editor": lambda: text.person(rng), "hits": lambda: hits(rng, ref)}
    for key, make in makers.items():
        if rng.random() < odds:
            values[key] = make()
    return values


def hits(rng: random.Random, ref: Ref) -> str:
    if rng.random() < 0.5:
        return f'<script src="/plus/count.php?view=yes&amp;aid={ref.id}&amp;mid=1"></script>'
    return f'<span id="hits">{rng.randint(12, 9000)}</span>'


def article(site: Site, rng: random.Random, ref: Ref, body: str, values: dict[str, str] | None = None,
            trail: list[str] | None = None, after: str | None = None) -> str:
    """A whole article page: headline, info line (``values``; {} for none), body, then 上一篇/下一篇 or ``after``.
    On a site with a byline variant the author leaves the info line for the body or a line under the headline."""
    values = info_values(site, rng, ref) if values is None else values
    site.rendered["body_text"] = body_truth(body, site.rendered)
    values, body, under = byline(site, values, body)
    if site.notes.get("byline") == "lead":  # 本报讯（记者 …） opens the first paragraph: the text keeps it
        site.rendered["body_text"] = body_truth(body, site.rendered)
    info = info_line(site, rng, values) if values else ""
    if after is None:
        after = prev_next(site, rng) if rng.random() < 0.6 else ""
    main = article_block(site, rng, ref.headline, info, body, after, under)
    trail = trail or [ref.column[0], rng.choice(("正文", "详细内容", "内容", ref.headline))]
    return page(site, rng, site.title(ref.headline, ref.column[0]), trail, main)


def editor_tail(site: Site, rng: random.Random) -> list[str]:
    if rng.random() >= 0.3:
        return []
    site.rendered["editor_tail"] = name = text.person(rng)
    return [f"（责任编辑{site.opt('colon')}{name}）"]


def news(site: Site, rng: random.Random) -> Made:
    ref = site.ref(rng)
    count = rng.randint(3, 15)
    paras = [escape(p) for p in text.paragraphs(rng, count)] + editor_tail(site, rng)
    image = rng.random() < 0.4
    if image:
        paras.insert(1, f'<img src="/uploads/allimg/{ref.when:%y%m%d}/1-{ref.id}.jpg" alt="" width="600" />')
    return Made(site.url("article", ref), article(site, rng, ref, body_html(rng, paras)), ref.headline,
                {"paragraphs": str(count), "image": str(image)})


def attachment(site: Site, rng: random.Random, ref: Ref) -> str:
    name = text.fill(rng, "{doc}")
    ext = rng.choice(("pdf", "doc", "docx", "xls", "zip"))
    href = f"/uploadfile/{ref.when:%Y%m%d}/{ref.id}{rng.randint(100, 999)}.{ext}"
    label = rng.choice(("附件：", "附件下载：", "相关附件：", ""))
    return f'{label}<a href="{href}" target="_blank">{escape(name)}.{ext}</a>'


def one_sentence_notice(site: Site, rng: random.Random) -> Made:
    ref = site.ref(rng, text.NOTICE_HEADLINES)
    paras = [escape(text.fill(rng, rng.choice(text.NOTICE_SENTENCES)))]
    with_attachment = rng.random() < 0.7
    if with_attachment:
        paras.append(attachment(site, rng, ref))
    closing, after = rng.random() < 0.5, site.opt("notice_close") == "after"
    if closing and not after:
        paras.append(f'<div style="text-align:right">{site.name}<br />{ref.when:%Y年%m月%d日}</div>')
    values = {"time": site.date(ref.when)} | ({"editor": text.person(rng)} if rng.random() < 0.4 else {})
    body = body_html(rng, paras)
    if closing and after:
        body = closed_after(site.notes, body, closing_lines(site, ref))
    return Made(site.url("article", ref), article(site, rng, ref, body, values), ref.headline,
                {"attachment": str(with_attachment), "closing": "after" if closing and after else str(closing)})


def closing_lines(site: Site, ref: Ref) -> list[str]:
    """A notice's closing lines: 特此通知 (on every other notice), the sender and the date."""
    return ["特此通知。"] * (ref.id % 2) + [site.name, f"{ref.when:%Y年%m月%d日}"]


def media_only_notice(site: Site, rng: random.Random) -> Made:
    ref = site.ref(rng, text.NOTICE_HEADLINES)
    content = rng.choice(("attachment", "image"))
    if content == "attachment":
        body = f"<p>{attachment(site, rng, ref)}</p>"
    else:
        body = (f'<p style="text-align:center"><img src="/uploads/{ref.when:%Y%m}/{ref.id}.jpg" '
                f'alt="{rng.choice(("", escape(ref.headline)))}" width="{rng.randint(500, 800)}" /></p>')
    values = info_values(site, rng, ref, odds=0.3)
    return Made(site.url("article", ref), article(site, rng, ref, body, values), ref.headline, {"content": content})


def linked_prose(site: Site, rng: random.Random) -> Made:
    """A policy interpretation whose every 《law》 links to the law's page."""
    ref = site.ref(rng, text.POLICY_HEADLINES)
    count = rng.randint(6, 14)
    paras = text.paragraphs(rng, count, text.POLICY_SENTENCES + text.SENTENCES[:4])
    linked = [re.sub(r"《([^》]+)》", lambda m: f'<a href="http://www.gov.cn/zhengce/{abs(hash_text(m[1])) % 99999}'
                     f'.htm" target="_blank">《{m[1]}》</a>', escape(p)) for p in paras]
    links = sum(p.count("<a ") for p in linked)
    return Made(site.url("article", ref), article(site, rng, ref, body_html(rng, linked)), ref.headline,
                {"paragraphs": str(count), "links": str(links)})


def hash_text(value: str) -> int:
    """A stable hash (Python's str hash is salted per process)."""
    return sum(ord(c) * 31 ** i for i, c in enumerate(value[:8]))


def encyclopedia_entry(site: Site, rng: random.Random) -> Made:
    """协会简介-like page or a term explanation: no date, no info line."""
    ref = site.ref(rng)
    if rng.random() < 0.5:
        ref.headline = rng.choice(("协会简介", "协会概况", "关于我们", "协会章程"))
        paras = text.paragraphs(rng, rng.randint(2, 6), text.INTRO_SENTENCES, site=site.name)
        trail, variant = [rng.choice(("关于协会", "协会概况", "走进协会")), ref.headline], "intro"
    else:
        term = text.fill(rng, "{term}")
        ref.headline = rng.choice((term, f"什么是{term}", f"{term}的定义"))
        paras = text.paragraphs(rng, rng.randint(1, 4), text.TERM_SENTENCES, term=term)
        trail, variant = [rng.choice(("行业百科", "名词解释", "知识园地")), ref.headline], "term"
    html = article(site, rng, ref, body_html(rng, [escape(p) for p in paras]), {}, trail, "")
    if variant == "intro" or rng.random() < 0.3:  # introductions sit among the about pages, terms mostly in a column
        url = site.url("about", ref, slug=rng.choice(("jianjie", "gaikuang", "zhangcheng")))
    else:
        url = site.url("article", ref)
    return Made(url, html, ref.headline, {"variant": variant})


def short_summary(site: Site, rng: random.Random) -> Made:
    """An undated summary of 100-200 characters."""
    ref = site.ref(rng, text.SUMMARY_HEADLINES)
    target, summary = rng.randint(100, 200), ""
    while len(summary) < target:
        summary += text.fill(rng, rng.choice(text.SENTENCES + text.INTRO_SENTENCES), site=site.name)
    values = {"hits": hits(rng, ref)} if rng.random() < 0.3 else {}
    if rng.random() < 0.5:
        url = site.url("about", ref, slug=rng.choice(("fuwu", "tongji", "bzh")))
    else:
        url = site.url("article", ref)
    html = article(site, rng, ref, body_html(rng, [escape(summary)]), values, None, "")
    return Made(url, html, ref.headline, {"chars": str(len(summary))})


def english_article(site: Site, rng: random.Random) -> Made:
    ref = site.ref(rng)
    ref.headline = text.fill(rng, rng.choice(text.EN_HEADLINES), english=True)
    count = rng.randint(3, 8)
    paras = [escape(p) for p in text.paragraphs(rng, count, text.EN_SENTENCES, english=True)]
    values = {"date": f"{ref.when:%Y-%m-%d}"} | ({"source": site.en_name} if rng.random() < 0.6 else {})
    body = "".join(f"<p>{p}</p>" for p in paras)
    site.rendered["body_text"] = body_truth(body, site.rendered)
    main = article_block(site, rng, ref.headline, info_line(site, rng, values, english=True), body)
    html = page(site, rng, site.title(ref.headline, "News", english=True), ["News", ref.headline], main, english=True)
    return Made(site.url("english", ref), html, ref.headline, {"paragraphs": str(count)})


def table_article(site: Site, rng: random.Random) -> Made:
    """Figures in a table between one or two paragraphs."""
    ref = site.ref(rng, text.TABLE_HEADLINES)
    rows = rng.sample(text.CITIES, rng.randint(5, 12))
    cells = "".join(f"<tr><td>{city}</td><td>{rng.randint(5, 900)}</td><td>{rng.randint(50, 9000)}</td>"
                    f"<td>{rng.uniform(-20, 35):.1f}</td></tr>" for city in rows)
    table = ('<table border="1" cellspacing="0" cellpadding="4" width="90%"><tr><th>地区</th><th>本月（万吨）</th>'
             f"<th>累计（万吨）</th><th>同比（%）</th></tr>{cells}</table>")
    paras = [escape(p) for p in text.paragraphs(rng, rng.randint(1, 2))] + [table]
    if rng.random() < 0.6:
        paras.append(f"注{site.opt('colon')}数据来源于协会统计信息部，仅供参考。")
    return Made(site.url("article", ref), article(site, rng, ref, body_html(rng, paras)), ref.headline,
                {"rows": str(len(rows))})


def paged_url(url: str, number: int) -> str:
    """Page ``number`` of a multi-page article at ``url`` (DedeCMS style ``_2.html``, else a query parameter)."""
    if number == 1:
        return url
    if url.endswith(".html"):
        return f"{url[:-5]}_{number}.html"
    if url.endswith("/"):
        return f"{url}{number}/"
    return f"{url}{'&' if '?' in url else '?'}page={number}"


def multipage_article(site: Site, rng: random.Random) -> Made:
    ref = site.ref(rng)
    total = rng.randint(2, 5)
    current = rng.randint(1, total)
    url = site.url("article", ref)
    paras = [escape(p) for p in text.paragraphs(rng, rng.randint(3, 7))]
    numbers = pager(site, current, total, lambda n: paged_url(url, n))
    site.rendered["body_tail"] = numbers
    html = article(site, rng, ref, body_html(rng, paras) + numbers)
    return Made(paged_url(url, current), html, ref.headline, {"page": f"{current}/{total}"})


ARTICLE_RENDERERS: dict[str, Callable[[Site, random.Random], Made]] = {
    "news": news, "one_sentence_notice": one_sentence_notice, "media_only_notice": media_only_notice,
    "linked_prose": linked_prose, "encyclopedia_entry": encyclopedia_entry, "short_summary": short_summary,
    "english_article": english_article, "table_article": table_article, "multipage_article": multipage_article}
