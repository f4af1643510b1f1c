"""Widgets inside a generated article block: the share and print bar, and the site's notice: a line of the site's
own wording printed in every article's text block, at its top or bottom (a call for contributions, a disclaimer, a
reprint notice), which only repetition across the site's pages gives away. The notice is drawn per site and worded
at random from parts, so that no label table can know it."""

from __future__ import annotations

import random
import re
from html import escape
from typing import Any

from .page_kinds_text import clip, fill

#: A ——subtitle line inside the headline's element, after a <br> (``headline_subtitle`` note: 'br-dash').
DASH_SUBTITLES = ("——记{company}{topic}工作", "——{role}{person}在{topic}{event}上的讲话摘要",
                  "——{org}{action}{topic}{event}侧记")
#: A kicker (引题) line above the headline, in an element of its own (``headline_kicker`` note: its tag).
KICKERS = ("聚焦{topic}", "{city}：{topic}迈出新步伐", "推动{topic}　助力行业高质量发展", "{year}年{topic}{event}",
           "深入推进{topic}", "{metal}行业观察")
_KICKER_CSS = {"h3": "pre", "p": "yinti", "div": "kicker", "h2": "yt"}
KICKER_TAGS = tuple(_KICKER_CSS)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
#: Where the site prints its notice (``body_notice`` note).
NOTICE_PLACES = ("none", "top", "bottom")
_OPENERS = ("欢迎各会员单位", "本网", "本栏目", "各有关单位", "凡本站注明", "如需转载", "读者朋友")
_MIDDLES = ("及时报送本单位动态信息", "所载文章仅供学习交流", "稿件请注明作者及联系方式", "转载请注明出处",
            "信息如有出入以正式文件为准", "提供的资料不作为投资依据", "对文中观点保持中立")
_CLOSERS = ("联系电话：{phone}", "投稿邮箱：{mail}@{host}.org.cn", "咨询电话：{phone}（工作日）", "谢谢合作",
            "感谢您的支持与关注")


def draw_notice(rng: random.Random) -> str:
    """One notice: an opener, a middle and a closer with random contact details."""
    closer = rng.choice(_CLOSERS).format(phone=f"010-{rng.randint(60000000, 69999999)}",
                                         mail=rng.choice(("tougao", "news", "xinxi", "office")),
                                         host=rng.choice(("cnmra", "xhzx", "zgyx", "hyxh")))
    return f"{rng.choice(_OPENERS)}{rng.choice(_MIDDLES)}，{closer}。"


def with_notice(notes: dict[str, str], rendered: dict, body: str) -> str:
    """``body`` (paragraph HTML) with the site's notice at its top or bottom, recorded in ``rendered`` as text
    outside the article's own text; unchanged on sites without one."""
    place, notice = notes.get("body_notice", "none"), notes.get("notice_text", "")
    if place == "none" or not notice:
        return body
    rendered["notice"] = [notice]
    paragraph = f"<p>{notice}</p>"
    return paragraph + body if place == "top" else body + paragraph


#: Where a notice's closing lines (特此通知, the sender, the date) stand (``notice_close`` note): in the text block, or
#: after it, as blocks of their own in the body's container (the 落款 under a TRS_Editor div); then the text
#: block's class (``text_wrapper``) and the closing lines' markup (``close_tag``).
CLOSE_PLACES = ("inside", "inside", "after")
TEXT_WRAPPERS = ("TRS_Editor", "Custom_UnionStyle", "wz_content", "")
CLOSE_TAGS = ('<p align="right">{}</p>', '<p style="text-align:right">{}</p>',
              '<div style="text-align: right;">{}</div>', '<p class="luokuan">{}</p>')


def choose_close(rng: random.Random, notes: dict[str, str]) -> None:
    """Draw where this site's notices put their closing lines, from an rng of their own (other pages stay)."""
    notes["notice_close"] = rng.choice(CLOSE_PLACES)
    notes["text_wrapper"] = rng.choice(TEXT_WRAPPERS)
    notes["close_tag"] = str(rng.randrange(len(CLOSE_TAGS)))


def closed_after(notes: dict[str, str], body: str, lines: list[str]) -> str:
    """``body`` in the site's text block, then the closing ``lines`` after it, each a block of its own."""
    css = notes.get("text_wrapper", "")
    opening = f'<div class="{css}">' if css else "<div>"
    tag = CLOSE_TAGS[int(notes.get("close_tag", "0"))]
    return opening + body + "</div>" + "".join(tag.format(escape(line)) for line in lines)


def share_widget(share: str) -> str:
    """The share bar, the font-size and print bar, both or nothing (the site's ``share`` option)."""
    parts = []
    if share in ("share", "both"):
        parts.append('<div class="bdsharebuttonbox">分享到：<a class="bds_weixin">微信</a>'
                     '<a class="bds_tsina">新浪微博</a><a class="bds_qzone">QQ空间</a></div>')
    if share in ("print", "both"):
        sizes = " ".join(f'<a href="javascript:fontZoom({px})">{word}</a>'
                         for px, word in ((16, "大"), (14, "中"), (12, "小")))
        parts.append(f'<div class="tools">【字体：{sizes}】【<a href="javascript:window.print()">打印本页</a>】'
                     '【<a href="javascript:window.close()">关闭窗口</a>】</div>')
    return "".join(parts)


#: Added to a column's name when a site labels its items with longer names (``item_label`` note: 'long').
LONG_LABEL_SUFFIXES = ("与分析", "工作动态", "专栏", "信息发布", "频道")

def listing_item(site: Any, ref: Any, style: str) -> tuple[str, str]:
    """One sidebar item: the column link (the label) and the article link, as ``style`` places them (or side by
    side with nothing between, the ``item_joint`` note); the label as shown. The label is the column's name or a
    longer one (``item_label``), the title whole or clipped (``item_title``)."""
    shown_label = ref.column[0] + (LONG_LABEL_SUFFIXES[ref.cid % len(LONG_LABEL_SUFFIXES)]
                                   if site.notes.get("item_label") == "long" else "")
    clipped = site.notes.get("item_title") == "clipped"
    shown_title = clip(ref.headline, 3 + ref.id % 9) if clipped else ref.headline
    label = f'<a href="{site.url("list", ref)}" class="lm">{escape(shown_label)}</a>'
    title = f'<a href="{site.url("article", ref)}" title="{escape(ref.headline)}">{escape(shown_title)}</a>'
    if site.notes.get("item_joint") == "adjacent":
        return f"{label}{title}", shown_label
    if style == "[label]title":
        return f"[{label}]{title}", shown_label
    if style == "title(label)":
        return f'{title}<span class="lb">（{label}）</span>', shown_label
    if style == "span-label":
        return f'<span class="column">{label}</span>{title}', shown_label
    return f"{label} | {title}", shown_label


def dash_subtitle(notes: dict[str, str], rng: random.Random, headline: str) -> str:
    """A <br> and a ——subtitle line to close a Chinese headline's element with (not part of the headline), when
    the site drew ``headline_subtitle`` = br-dash; else nothing."""
    if notes.get("headline_subtitle") != "br-dash" or not _CJK_RE.search(headline):
        return ""
    return "<br />" + escape(fill(rng, rng.choice(DASH_SUBTITLES)))


def kicker_html(notes: dict[str, str], rng: random.Random, headline: str) -> str:
    """The kicker (引题) line above a Chinese headline, in the element the site drew (``headline_kicker``), or
    nothing."""
    tag = notes.get("headline_kicker", "none")
    if tag == "none" or not _CJK_RE.search(headline):
        return ""
    return f'<{tag} class="{_KICKER_CSS[tag]}">{escape(fill(rng, rng.choice(KICKERS)))}</{tag}>'
