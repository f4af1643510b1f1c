"""The page's main block: its headline and the content block the body is read from (see find_main_block)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from lxml import etree

from .content import ContentScorer
from .dates import DATE_RE
from .dom import Document, Line, select_first
from .fields import is_metadata_line, is_widget_line
from .layout import file_block, first_post, prose_below_headline
from .media import is_content_image
from .model import ExtractionHints
from .sections import with_sibling_sections
from .title import find_title


class PageParts(Protocol):
    """What find_main_block reads of a parsed page."""

    doc: Document
    root: etree._Element
    page_title: str
    metas: dict[str, str]
    canonical: str


_MIN_TEXT_ABOVE_CHARS = 80  # a block above the headline shorter than this is a kicker or a greeting line
_MIN_TEXT_BELOW_CHARS = 10  # ... unless the headline's container has less text than this below it
_DATE_LINE_CHARS = 40  # a date line below the headline is no text
_TEXT_BLOCK_SHARE = 0.5  # a block classed as text with this share of its container's score is the text
_SENTENCE_END_RE = re.compile(r"[。！？.!?][”」』\"')）]?\s*$")


@dataclass
class MainBlock:
    """The headline and the main content block found on a page, and the ranges left out of the body."""

    title: str | None
    title_el: etree._Element | None
    title_index: int
    content: etree._Element | None  # with its sibling sections
    core: etree._Element | None  # the main block: the info line is looked for between the headline and it
    skip: list[tuple[int, int]]
    extra_skip: list[tuple[int, int]]  # sibling blocks dropped as not prose


def find_main_block(
    page: PageParts, hints: ExtractionHints, scorer: ContentScorer, skip: list[tuple[int, int]],
    page_lines: list[Line], methods: dict[str, str],
) -> MainBlock:
    """The headline and the main block: the profile's content, else the best-scored block (after the headline),
    moved to the prose below the headline or the first post, then joined by its sibling sections."""
    doc, root, page_title, metas, canonical = page.doc, page.root, page.page_title, page.metas, page.canonical
    content = select_first(root, hints.content)
    if content is None or content not in doc.index:
        content = None
    first_guess = content if content is not None else scorer.best(page_lines)
    title, title_el = find_title(doc, skip, page_title, metas, hints, methods, page_lines, first_guess,
                                 canonical)
    title_index = doc.index[title_el] if title_el is not None else -1
    if content is not None:
        methods["body_text"] = "profile"
    else:
        title_below = first_guess is not None and title_index > doc.end[doc.index[first_guess]]
        if first_guess is doc.body:
            content = first_guess  # bare paragraphs under <body>: no block holds the text
        elif title_el is None or (title_below and doc.chars[doc.index[first_guess]] >= _MIN_TEXT_ABOVE_CHARS):
            content = first_guess  # (a headline placed after its text in the markup, moved up by CSS)
        else:  # below the headline
            content = scorer.best(page_lines, after_index=title_index)
            if content is None or _only_headline(doc, content, title_el):  # a notice that is only a file
                files = file_block(doc, skip, title_index)
                content = files if files is not None else content
            if title_below and _text_only_above(doc, first_guess, content, title_index, page_lines, skip):
                content = first_guess  # a video's description, a notice set just above its headline
        methods["body_text"] = "content-scoring"
    if methods["body_text"] == "content-scoring" and content is not None:
        content = prose_below_headline(doc, content, scorer, page_lines, title_index)
        content = _text_block_inside(doc, content, scorer, page_lines, title_index)
        post = first_post(doc, content, scorer, page_lines, title_index)
        if post is not content:
            content = post
            title, title_el = find_title(doc, skip, page_title, metas, hints, methods, page_lines, content,
                                         canonical)
            title_index = doc.index[title_el] if title_el is not None else -1
    core = content
    extra_skip: list[tuple[int, int]] = []
    if methods["body_text"] == "content-scoring" and content is not None:
        # a headline placed after the content in the markup (and moved up by CSS) bounds nothing
        bound = title_index if title_index <= doc.end[doc.index[content]] else -1
        content, extra_skip = with_sibling_sections(doc, content, scorer, page_lines, bound)
        skip = skip + extra_skip
    return MainBlock(title, title_el, title_index, content, core, skip, extra_skip)


def _text_block_inside(doc: Document, content: etree._Element, scorer: ContentScorer, page_lines: list[Line],
                       title_index: int) -> etree._Element:
    """When the chosen block holds the headline and, below it, a block classed as text (article-body,
    entry-content) with at least half the score of the smallest block around both, that block is the text: the
    rest is the story's header, lead photo and caption, an author's bio (a short story's box scores above its one
    paragraph)."""
    if title_index < 0 or not doc.contains(content, title_index):
        return content
    best, best_score = content, 0.0
    for el in content.iterdescendants():
        if not isinstance(el.tag, str) or doc.index[el] <= doc.end[title_index] or not scorer.content_hinted(el):
            continue
        story = next(anc for anc in el.iterancestors() if doc.contains(anc, title_index))  # headline and text
        score = scorer.score_of(el, page_lines)
        if score >= _TEXT_BLOCK_SHARE * scorer.score_of(story, page_lines) and score > best_score:
            best, best_score = el, score
    if best is content or any(twin is not best and twin.get("class") == best.get("class")
                              and scorer.score_of(twin, page_lines) > 0 for twin in content.iter(best.tag)):
        return content  # the text runs on in blocks of the same class (text, photo, text): the container holds it
    return content if _text_after(doc, best, scorer, page_lines, title_index) else best


def _text_after(doc: Document, block: etree._Element, scorer: ContentScorer, page_lines: list[Line],
                title_index: int) -> bool:
    """Whether anything of the story follows the block in its container, outside boilerplate-classed boxes: a line
    of text however short (特此通知, a sender, a date, 附件：…) or a picture (the container holds the whole story)."""
    story = next(anc for anc in block.iterancestors() if doc.contains(anc, title_index))
    end, last = doc.end[doc.index[block]], doc.end[doc.index[story]]
    if any(end < line.index <= last and not scorer.in_aside(line.index) and not is_widget_line(line.text)
           for line in page_lines):
        return True
    return any(end < doc.index[img] <= last and not scorer.in_aside(doc.index[img]) and is_content_image(img)
               for img in story.iter("img") if img in doc.index)


def _only_headline(doc: Document, block: etree._Element, title_el: etree._Element) -> bool:
    """Whether the block's text is the headline's and nothing more (its cell, when a headline split by <br>
    outscores a notice whose one line is its file)."""
    return doc.contains(block, doc.index[title_el]) and doc.chars[doc.index[block]] <= doc.chars[doc.index[title_el]]


def _text_only_above(doc: Document, above: etree._Element, below: etree._Element | None, title_index: int,
                     page_lines: list[Line], skip: list[tuple[int, int]]) -> bool:
    """Whether the page's text stands just above its headline: in the headline's container, or in the block right
    before it (not the header's greeting, above the menu), with no text below the headline in that container (an
    info line, a widget line or a listing box is none)."""
    holder = next((anc for anc in above.iterancestors() if doc.contains(anc, title_index)), None)
    if holder is None or (holder.tag in ("body", "html") and not _next_to(doc, holder, above, title_index)):
        return False
    if not _SENTENCE_END_RE.search(doc.text(above)):
        return False  # a text ends a sentence; a breadcrumb (当前位置：首页 / 栏目) does not
    if below is None:
        return True
    start, end, masked = doc.end[title_index], doc.end[doc.index[below]], doc.mask(skip)
    text_below = sum(len(line.text) for line in page_lines if start < line.index <= end and not masked[line.index]
                     and not is_metadata_line(line.text) and not is_widget_line(line.text)
                     and not (len(line.text) <= _DATE_LINE_CHARS and DATE_RE.search(line.text)))
    return text_below < _MIN_TEXT_BELOW_CHARS


def _next_to(doc: Document, holder: etree._Element, above: etree._Element, title_index: int) -> bool:
    """Whether the holder's child that holds ``above`` is right before the one that holds the headline."""
    top = next((el for el in (above, *above.iterancestors()) if el.getparent() is holder), None)
    following = top.getnext() if top is not None else None
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    return following is not None and doc.contains(following, title_index)
