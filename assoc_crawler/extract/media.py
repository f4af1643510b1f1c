"""The pictures and files of an article's text: content images (no icons, spacers or tiny images) with their
captions, and attachment links (documents, spreadsheets, archives) in and around the text block."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from .dom import Document, attr_text, collapse, el_text
from .labels import ATTACHMENT_EXTENSIONS
from .model import Attachment, Image
from .sanitize import image_src
from .urls import normalize_url, url_extension

_CAPTION_CLASS_RE = re.compile(r"caption(?!ed)", re.IGNORECASE)  # not 'captioned-text', a text block's class
_MARK_IMAGE_RE = re.compile(r"(icon|logo|avatar|emoji|quote)", re.IGNORECASE)  # (a spacer src: a lazy photo)
_SCRIPT_EXTENSIONS = frozenset({"", "php", "jsp", "asp", "aspx", "do", "action", "cgi", "ashx"})  # download scripts
_FILE_NAME_RE = re.compile(r"\S\.([A-Za-z0-9]{2,4})(?:\s*[(（][^()（）]{1,20}[)）])?$")  # 'a.pdf', 'a.doc（56KB）'
_ICON_RE = re.compile(r"(icon|logo|share|qrcode|erweima|ewm|weixin|wechat|blank\.gif|spacer|arrow|btn|button)",
                      re.IGNORECASE)


def is_file_link(link: etree._Element) -> bool:
    """Whether a link downloads a file (an attachment), not a page."""
    return bool(file_type(link))


def file_type(link: etree._Element) -> str:
    """The type of the file a link downloads ('pdf', 'doc', ...; '' for a page): the extension of its path, or, for a
    download script (download.php, downfile.jsp, DownLoad.aspx), of the file its query names (``filename=a.pdf``)
    or, for the site's own script (a relative link), its text shows ('申报表.doc': DedeCMS's
    ``/plus/download.php?aid=12``)."""
    href = link.get("href") or ""
    ext = url_extension(href)
    if ext in ATTACHMENT_EXTENSIONS:
        return ext
    if ext not in _SCRIPT_EXTENSIONS:
        return ""
    named = [url_extension(value) for _, value in parse_qsl(urlsplit(href).query)]
    if ext and not urlsplit(href).netloc:  # the site's own download script: its text may name the file
        named.append(_shown_extension(collapse(el_text(link))))
    return next((e for e in named if e in ATTACHMENT_EXTENSIONS), "")


def _shown_extension(text: str) -> str:
    """The extension of the file name a link's text ends with ('' when it shows none)."""
    match = _FILE_NAME_RE.search(text)
    return match[1].lower() if match else ""


def is_content_image(img: etree._Element) -> bool:
    """An image of the text: not an icon, a logo, a share or QR button, a spacer or an image under 60 pixels."""
    src = image_src(img)
    if not src or src.startswith("data:") or _ICON_RE.search(src):
        return False
    return not _small(img)


def body_images(doc: Document, content: etree._Element, ranges: list[tuple[int, int]], base_url: str) -> list[Image]:
    """The content images of the text block outside ``ranges``, each once, with its caption."""
    images: list[Image] = []
    seen: set[str] = set()
    masked = doc.mask(ranges)
    for img in content.iter("img"):
        i = doc.index.get(img, -1)
        if (i >= 0 and masked[i]) or not is_content_image(img):
            continue
        url = normalize_url(image_src(img), base_url)
        if not url or url in seen:
            continue
        seen.add(url)
        images.append(Image(url=url, alt=collapse(img.get("alt")) or None, caption=_caption(img)))
    return images


def caption_ranges(doc: Document, content: etree._Element) -> list[tuple[int, int]]:
    """The photo captions of the text (a <figcaption> or caption-classed block of a <figure> that shows a picture):
    a photo's caption and credit, which the images keep (``Image.caption``); a table's caption is none."""
    found = []
    for figure in content.iter("figure"):
        if figure.find(".//table") is not None or not _shows_picture(figure):
            continue  # a table's caption names its data; a quote mark, an avatar or an icon is no photo
        found += [el for el in _caption_blocks(figure) if el in doc.index]
    # the outermost of nested ones (a caption wrapper around a <figcaption>, a credit inside it)
    captions = [cap for cap in found if not any(other is not cap and doc.contains(other, doc.index[cap])
                                                for other in found)]
    return [(doc.index[cap], doc.end[doc.index[cap]]) for cap in captions]


def _caption_blocks(figure: etree._Element) -> list[etree._Element]:
    """A figure's <figcaption> and caption-classed blocks ('figure__caption'), in document order."""
    return [el for el in figure.iterdescendants() if isinstance(el.tag, str)
            and (el.tag == "figcaption" or _CAPTION_CLASS_RE.search(el.get("class") or ""))]


def _shows_picture(figure: etree._Element) -> bool:
    """A figure with a picture or a video: not only an icon, an avatar or a quote mark (a small or icon-named
    image; a lazy-loaded photo's placeholder src counts as a photo)."""
    if next(figure.iter("picture", "video"), None) is not None:
        return True
    return any(not _MARK_IMAGE_RE.search(img.get("src") or "") and not _small(img) for img in figure.iter("img"))


def _small(img: etree._Element) -> bool:
    """An image under 60 pixels by its width or height attribute."""
    for dim in ("width", "height"):
        value = re.sub(r"px$", "", (img.get(dim) or "").strip())
        if value.isdigit() and int(value) < 60:
            return True
    return False


def _caption(img: etree._Element) -> str | None:
    """A figure's caption (its figcaption or caption-classed block), the short text of the image's own block, or a
    short centred line right below it."""
    for anc in img.iterancestors():
        if anc.tag == "figure":
            blocks = _caption_blocks(anc)  # its <figcaption> first, else a caption-classed block
            cap = next((el for el in blocks if el.tag == "figcaption"), blocks[0] if blocks else None)
            if cap is not None:
                return collapse(el_text(cap)) or None
            break
    block = img.getparent()
    while block is not None and block.tag not in ("p", "div", "center", "td", "figure"):
        block = block.getparent()
    if block is None or collapse(el_text(block)):
        text = collapse(el_text(block)) if block is not None else ""
        return text if 0 < len(text) <= 80 else None
    nxt = block.getnext()
    if nxt is not None and isinstance(nxt.tag, str):
        text = collapse(el_text(nxt))
        centred = "center" in (nxt.get("align", "") + nxt.get("style", "") + attr_text(nxt)).lower()
        if text and len(text) <= 80 and (centred or nxt.tag in ("figcaption", "center")):
            return text
    return None


def body_attachments(
    doc: Document, content: etree._Element, skip: list[tuple[int, int]], base_url: str
) -> list[Attachment]:
    """The file links of the text block and its container (an attachment list below the text), each once."""
    scope = content.getparent() if content.getparent() is not None else content
    if scope.tag in ("body", "html"):
        scope = content
    found: list[Attachment] = []
    seen: set[str] = set()
    masked = doc.mask(skip)
    for a in scope.iter("a"):
        i = doc.index.get(a, -1)
        if i >= 0 and masked[i]:
            continue
        url = normalize_url(a.get("href", ""), base_url)
        if not url:
            continue
        ext = file_type(a)
        if not ext or url in seen:
            continue
        seen.add(url)
        found.append(Attachment(url=url, text=doc.text(a) or None, file_type=ext))
    return found
