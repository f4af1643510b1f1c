"""Template variants of :mod:`assoc_crawler.demo.page_kinds`, drawn per site, to see whether the page gate generalises.

:func:`choose_variants` draws once per site (its choices go to ``site.notes``):

- ``news_tail``: "comments" puts a user comments section (names, dates, a 发表评论 form) below each news article;
- ``news_related``: "related" closes the news body with a 相关链接 / 延伸阅读 list of 3-5 links, inside the body;
- ``news_media``: "gallery" makes news photo reports: 3-6 ``<img>`` each with a 图为… caption, and a short text;
- ``news_subtitle``: "h2" puts a subtitle (``<h2>``) under the news headline;
- ``notice_files``: "list" makes one-sentence notices carry 2-5 attachments as ``<ul><li><a>附件1：…</a></li>…``;
  where a site's notices put their closing lines (``notice_close``, :func:`.page_kinds_widgets.choose_close`):
  "after" sets them after the text block, each a block of its own;
- ``list_style``: "thumbs" (thumbnail link, title link, date per entry) or "table" (rows of title link and date,
  with a header row) for column lists.

The renderers here replace ``news``, ``one_sentence_notice`` and ``column_list`` and hand over to the plain ones
when the site drew no variant for them. Every page keeps its kind: the variants are articles or lists as before.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from html import escape

from . import page_kinds_articles as articles
from . import page_kinds_others as others
from . import page_kinds_text as text
from .page_kinds_articles import Made
from .page_kinds_templates import Ref, Site, body_html
from .page_kinds_truth import TruthBlock, TruthItem
from .page_kinds_widgets import closed_after

#: note -> (plain value, variant values...) and the odds that a site draws a variant.
VARIANTS: dict[str, tuple[tuple[str, ...], float]] = {
    "news_tail": (("plain", "comments"), 0.35), "news_related": (("none", "related"), 0.35),
    "news_media": (("text", "gallery"), 0.3), "news_subtitle": (("none", "h2"), 0.3),
    "notice_files": (("single", "list"), 0.4), "list_style": (("dated", "thumbs", "table"), 0.5),
}
CAPTIONS = ("图为会议现场", "图为{role}{person}讲话", "图为与会代表合影留念", "图为调研组参观{company}生产车间",
            "图为{company}{metal}生产线", "图为签约仪式现场", "图为专家组审查{metal}标准文本", "图为{city}会场一角")
SUBTITLES = ("——{org}{action}{topic}{event}侧记", "——记{company}{topic}工作", "{year}年{metal}行业运行情况综述",
             "——{role}{person}在{topic}{event}上的讲话摘要", "{city}{metal}产业调研报告")


def choose_variants(rng: random.Random, site: Site) -> None:
    """Draw this site's variants into ``site.notes`` (see the module's docstring)."""
    for note, (values, odds) in VARIANTS.items():
        site.notes[note] = rng.choice(values[1:]) if rng.random() < odds else values[0]


def news(site: Site, rng: random.Random) -> Made:
    """A news article with this site's variants (comments below, related links, gallery, subtitle)."""
    plain = {note: VARIANTS[note][0][0] for note in ("news_tail", "news_related", "news_media", "news_subtitle")}
    if all(site.opt(note) == value for note, value in plain.items()):
        return articles.news(site, rng)
    ref = site.ref(rng)
    if site.opt("news_media") == "gallery":
        parts, notes = gallery(site, rng, ref), {"media": "gallery"}
    else:
        count = rng.randint(3, 12)
        parts, notes = [escape(p) for p in text.paragraphs(rng, count)], {"paragraphs": str(count)}
    body = body_html(rng, parts + articles.editor_tail(site, rng))
    if site.opt("news_related") == "related":
        body += related_links(site, rng)
        notes["related"] = "True"
    values = articles.info_values(site, rng, ref)
    after = None
    if site.opt("news_tail") == "comments":
        after = (articles.prev_next(site, rng) if rng.random() < 0.5 else "") + comment_section(site, rng)
        notes["tail"] = "comments"
    html = articles.article(site, rng, ref, body, values, after=after)
    if site.opt("news_subtitle") == "h2":
        html = with_subtitle(site, rng, html, ref.headline)
        notes["subtitle"] = "h2"
    return Made(site.url("article", ref), html, ref.headline, notes)


def gallery(site: Site, rng: random.Random, ref: Ref) -> list[str]:
    """A photo report: one or two short paragraphs and 3-6 pictures, each followed by its 图为… caption."""
    parts = [escape(p) for p in text.paragraphs(rng, rng.randint(1, 2))]
    for n in range(rng.randint(3, 6)):
        src = f"/uploads/allimg/{ref.when:%y%m%d}/{ref.id}-{n + 1}.jpg"
        caption = escape(text.fill(rng, rng.choice(CAPTIONS)))
        if rng.random() < 0.5:
            parts.append(f'<div class="pic" style="text-align:center"><img src="{src}" alt="" width="600" />'
                         f'<p class="caption">{caption}</p></div>')
        else:
            parts += [f'<img src="{src}" border="0" />', caption]
    return parts


def related_links(site: Site, rng: random.Random) -> str:
    """相关链接 / 延伸阅读 / 相关阅读: 3-5 links to other articles of the site, in the body after the text."""
    heading = rng.choice(("相关链接", "延伸阅读", "相关阅读"))
    refs = [site.ref(rng) for _ in range(rng.randint(3, 5))]
    items = "".join(f'<li><a href="{site.url("article", r)}" target="_blank">{escape(r.headline)}</a></li>'
                    for r in refs)
    truth = tuple(TruthItem(None, r.headline, site.url("article", r)) for r in refs)
    site.rendered.setdefault("listings", []).append(TruthBlock(heading, truth, "body"))
    if rng.random() < 0.5:
        html = f'<div class="related"><h4>{heading}</h4><ul>{items}</ul></div>'
    else:
        html = f"<p><strong>{heading}{site.opt('colon')}</strong></p><ul>{items}</ul>"
    site.rendered["body_tail"] = html
    return html


def comment_section(site: Site, rng: random.Random) -> str:
    """网友评论 below an article: 3-8 comments with a name and a date each, then a comment form."""
    items = []
    for _ in range(rng.randint(3, 8)):
        who = rng.choice(("匿名网友", "游客", text.person(rng), f"{rng.choice(text.CITIES)}网友"))
        said = escape(text.fill(rng, rng.choice(text.COMMENTS)))
        items.append(f'<li><div class="c_head"><span class="user">{who}</span> '
                     f'<span class="time">{site.date(text.moment(rng, site.year))}</span></div><p>{said}</p></li>')
    heading = rng.choice(("网友评论", "评论", "读者留言"))
    form = ('<form method="post" action="#"><textarea name="msg" rows="4" cols="60"></textarea><br />'
            '<input type="text" name="username" value="匿名" /> <input type="submit" value="发表评论" /></form>')
    return (f'<div class="comments"><h3>{heading}（{len(items)}）</h3><ul class="comment_list">{"".join(items)}</ul>'
            f"{form}</div>")


def with_subtitle(site: Site, rng: random.Random, html: str, headline: str) -> str:
    """``html`` with an ``<h2>`` subtitle (a table row for td headlines) right after the headline's element."""
    subtitle = escape(text.fill(rng, rng.choice(SUBTITLES)))
    css = site.css["title"]
    tag = site.opt("headline_tag")
    close = {"div.title": "</div>", "td": "</td></tr>"}.get(tag, f"</{tag}>")
    start = html.index(f'class="{css}"', html.index("<body"))
    end = html.index(close, start) + len(close)
    row = f'<h2 class="subtitle">{subtitle}</h2>'
    if tag == "td":
        row = f'<tr><td class="subtitle" align="center">{row}</td></tr>'
    return html[:end] + row + html[end:]


def one_sentence_notice(site: Site, rng: random.Random) -> Made:
    """One sentence, then 2-5 attachments as a list (附件1：…), when the site drew ``notice_files`` = list."""
    if site.opt("notice_files") != "list":
        return articles.one_sentence_notice(site, rng)
    ref = site.ref(rng, text.NOTICE_HEADLINES)
    sentence = escape(text.fill(rng, rng.choice(text.NOTICE_SENTENCES)))
    files = []
    for n in range(rng.randint(2, 5)):
        ext = rng.choice(("pdf", "doc", "docx", "xls"))
        href = f"/uploadfile/{ref.when:%Y%m%d}/{ref.id}{n}{rng.randint(10, 99)}.{ext}"
        files.append(f'<li><a href="{href}" target="_blank">附件{n + 1}{site.opt("colon")}'
                     f'{escape(text.fill(rng, "{doc}"))}.{ext}</a></li>')
    body = body_html(rng, [sentence]) + f'<ul class="attach">{"".join(files)}</ul>'
    values = {"time": site.date(ref.when)} | ({"source": site.name} if rng.random() < 0.4 else {})
    if site.opt("notice_close") == "after":
        body = closed_after(site.notes, body, articles.closing_lines(site, ref))
    html = articles.article(site, rng, ref, body, values)
    return Made(site.url("article", ref), html, ref.headline, {"files": str(len(files))})


def column_list(site: Site, rng: random.Random) -> Made:
    """A column list with image-led entries (thumbs) or as a table with a header row, per the site's ``list_style``."""
    style = site.opt("list_style")
    if style == "dated":
        return others.column_list(site, rng)
    ref = site.ref(rng)
    refs = others.entries(site, rng, rng.randint(8, 24), ref.column)
    if style == "thumbs":
        inner = "".join(
            f'<li><a href="{site.url("article", r)}" class="pic"><img src="/uploads/thumb/{r.id}.jpg" '
            f'alt="{escape(r.headline)}" width="160" height="110" /></a><h3><a href="{site.url("article", r)}">'
            f'{escape(r.headline)}</a></h3><span class="date">{site.date(r.when, listing=True)}</span></li>'
            for r in refs)
        inner = f'<ul class="piclist">{inner}</ul>'
    else:
        rows = "".join(f'<tr><td>{n + 1}</td><td><a href="{site.url("article", r)}" target="_blank">'
                       f'{escape(r.headline)}</a></td><td>{site.date(r.when, listing=True)}</td></tr>'
                       for n, r in enumerate(refs))
        inner = (f'<table class="list_table" width="100%" border="1"><tr><th>序号</th><th>标题</th>'
                 f"<th>发布日期</th></tr>{rows}</table>")
    html, url = others.list_page(site, rng, ref.column[0], inner, lambda n: site.url("list", ref, page=n),
                                 rng.randint(40, 600))
    return Made(url, html, notes={"entries": str(len(refs)), "list_style": style})


VARIANT_RENDERERS: dict[str, Callable[[Site, random.Random], Made]] = {
    "news": news, "one_sentence_notice": one_sentence_notice, "column_list": column_list}
