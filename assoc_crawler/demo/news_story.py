"""The parts of a story page of :mod:`.news_sites`: its text block with the truth lines it shows (:class:`Body`),
links inside sentences, in-text widgets, the lead photo, byline, header, what follows the text (tags, bio,
comments, a "More from" grid) and JSON-LD; :func:`article_page` puts them together into a :class:`NewsPage`."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import datetime
from html import escape

from .news_sites import NewsSite, page, story_link


@dataclass
class NewsPage:
    """One page and its truth: ``kind``, ``is_article``; for articles the ``headline``, ``authors`` (names as
    shown) and ``body`` (paragraphs on separate lines)."""

    url: str
    html: bytes
    headers: dict[str, str]
    kind: str
    is_article: bool
    theme: str
    headline: str = ""
    authors: list[str] = field(default_factory=list)
    body: str = ""
    notes: dict[str, str] = field(default_factory=dict)


class Body:
    """The text block of a story as it is built: its HTML parts and the truth lines they show."""

    def __init__(self, site: NewsSite, rng: random.Random) -> None:
        self.site, self.rng, self.parts, self.lines = site, rng, [], []

    def para(self, plain: str, links: int = 0) -> None:
        self.lines.append(plain)
        self.parts.append(("p", with_links(self.site, self.rng, escape(plain), links)))

    def heading(self, plain: str) -> None:
        self.lines.append(plain)
        self.parts.append(("h", f"<h2>{escape(plain)}</h2>"))

    def raw(self, html: str, lines: list[str]) -> None:
        self.lines.extend(lines)
        self.parts.append(("x", html))

    def noise(self, html: str) -> None:
        """Something inside the text block that is not the story (an advertisement, a Related: line)."""
        self.parts.append(("x", html))

    def html(self) -> str:
        if self.site.opt("paragraphs") == "br":
            out = []
            for kind, part in self.parts:
                out.append(part + "<br><br>" if kind == "p" else part)
            return f'<div class="{self.site.opt("body_class")}">{"".join(out)}</div>'
        inner = "".join(f"<p>{part}</p>" if kind == "p" else part for kind, part in self.parts)
        return f'<div class="{self.site.opt("body_class")}">{inner}</div>'


def with_links(site: NewsSite, rng: random.Random, html_text: str, links: int) -> str:
    """``html_text`` with ``links`` runs of two to four words made into links to other stories."""
    words = html_text.split(" ")
    for _ in range(links):
        if len(words) < 6:
            break
        start = rng.randrange(0, len(words) - 4)
        size = rng.randint(2, 4)
        url, _ = story_link(site, rng)
        words[start:start + size] = [f'<a href="{url}">{" ".join(words[start:start + size])}</a>']
    return " ".join(words)


def noise_items(site: NewsSite, rng: random.Random, body: Body) -> None:
    """Insert the site's in-text widgets at random places of ``body``."""
    spots = []
    if site.on("inline_ad"):
        spots.append(f'<div class="ad ad-inline"><span class="ad-label">{site.ui("advertisement")}</span></div>')
    if site.on("inline_related"):
        url, headline = story_link(site, rng)
        label = rng.choice(site.ui("related"))
        spots.append(f'<p class="related-inline"><strong>{label}</strong> <a href="{url}">{escape(headline)}</a></p>'
                     if rng.random() < 0.6 else
                     f'<p><strong>{label}</strong> <a href="{url}">{escape(headline)}</a></p>')
    if site.on("newsletter_box") and rng.random() < 0.5:
        spots.append(f'<div class="newsletter-inline"><h4>{site.ui("newsletter_box")}</h4><p>'
                     f'{site.ui("newsletter_text")}</p><form><input type="email"><button>{site.ui("subscribe")}'
                     "</button></form></div>")
    for html in spots:
        at = rng.randint(1, max(1, len(body.parts) - 1))
        body.parts.insert(at, ("x", html))


def figure(site: NewsSite, rng: random.Random) -> str:
    caption = site.vocab.fill(rng, rng.choice(site.ui("captions")))
    staff, ap, getty = site.ui("credits")
    credit = rng.choice((staff, ap, f"{site.vocab.person(rng)} / {site.name}", getty))
    return (f'<figure class="wp-caption"><img src="/img/{rng.randint(1000, 99999)}.jpg" alt="">'
            f'<figcaption>{escape(caption)} <span class="credit">{escape(credit)}</span></figcaption></figure>')


def byline_html(site: NewsSite, rng: random.Random, authors: list[str]) -> str:
    if site.on("byline_links"):
        shown = [f'<a href="/author/{site.vocab.slug(a)}/" rel="author">{escape(a)}</a>' for a in authors]
    else:
        shown = [escape(a) for a in authors]
    names = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + f" {site.ui('and')} " + shown[-1]
    line = site.opt("byline_form").format(names=names, paper=escape(site.name))
    return f'<div class="byline"><span class="author">{line}</span></div>'


def header_html(site: NewsSite, rng: random.Random, section: str, headline: str, authors: list[str],
                when: datetime | None) -> tuple[str, str]:
    """The story's header (kicker, headline, dek, byline and date, share bar) and lead photo, and the dek's text
    ('' without one)."""
    kicker = f'<a class="kicker" href="{site.section_url(section)}">{section}</a>' if rng.random() < 0.5 else ""
    shown = escape(headline)
    if site.on("headline_split") and " " in headline:
        words = headline.split(" ")
        half = len(words) // 2
        shown = f'{escape(" ".join(words[:half]))}<br><span class="hl2">{escape(" ".join(words[half:]))}</span>'
    standfirst = site.vocab.fill(rng, rng.choice(site.vocab.SENTENCES)) if site.on("dek") else ""
    dek = f'<p class="dek">{escape(standfirst)}</p>' if standfirst else ""
    date = (f'<time class="published" datetime="{when:%Y-%m-%dT%H:%M}">{site.date_text(when)}</time>'
            if when else "")
    meta = (byline_html(site, rng, authors) if authors else "") + date
    if site.on("reading_time"):
        meta += f'<span class="read-time">{site.ui("min_read").format(n=rng.randint(2, 12))}</span>'
    *networks, copy = site.ui("share")
    share = ('<div class="share">' + "".join(f'<a href="#">{n}</a>' for n in networks) + f"<button>{copy}</button>"
             "</div>") if site.on("share_bar") else ""
    lead = figure(site, rng) if site.on("lead_figure") else ""
    return (f'<header class="entry-header">{kicker}<h1 class="entry-title">{shown}</h1>{dek}'
            f'<div class="meta">{meta}</div>{share}</header>{lead}'), standfirst


def after_html(site: NewsSite, rng: random.Random, section: str, authors: list[str]) -> str:
    out = ""
    if site.on("copyright_line"):
        out += f'<p class="copyright-note">&copy; 2026 {escape(site.name)}. {site.ui("rights")}</p>'
    if site.on("tags"):
        tags = rng.sample(site.vocab.SLOTS["Topic"], 3)
        out += f'<div class="tags">{site.ui("topics")}' + ", ".join(
            f'<a href="/tag/{site.vocab.slug(t)}/">{escape(t)}</a>' for t in tags) + "</div>"
    if site.on("author_bio") and authors:
        bio = site.ui("bio").format(name=authors[0], section=section.lower(), site=site.name,
                                    town=rng.choice(site.vocab.TOWNS))
        out += (f'<div class="author-bio"><h4>{escape(site.ui("about").format(name=authors[0]))}</h4>'
                f"<p>{escape(bio)}</p></div>")
    if site.on("comments"):
        rows = "".join(f'<li class="comment"><b>{escape(site.vocab.person(rng))}</b>'
                       f'<p>{escape(site.vocab.fill(rng, c))}</p></li>'
                       for c in rng.sample(site.ui("comments_of"), 2))
        out += (f'<section class="comments"><h3>{site.ui("comments").format(n=rng.randint(2, 90))}</h3><ol>{rows}'
                f'</ol><form><textarea></textarea><button>{site.ui("post_comment")}</button></form></section>')
    return out


def more_grid(site: NewsSite, rng: random.Random, section: str) -> str:
    if not site.on("more_grid"):
        return ""
    cards = "".join(f'<div class="card"><a href="{url}"><img src="/img/t{i}.jpg" alt=""><h3>{escape(h)}</h3></a>'
                    f'<p>{escape(site.vocab.fill(rng, rng.choice(site.vocab.TEASERS)))}</p></div>'
                    for i, (url, h) in enumerate(story_link(site, rng) for _ in range(rng.randint(3, 8))))
    return f'<section class="more-stories"><h2>{site.ui("more_from").format(section=section)}</h2>{cards}</section>'


def jsonld(site: NewsSite, headline: str, authors: list[str], when: datetime | None) -> str:
    if not site.on("jsonld"):
        return ""
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
            "author": [{"@type": "Person", "name": a} for a in authors],
            "publisher": {"@type": "Organization", "name": site.name}}
    if when:
        data["datePublished"] = when.isoformat()
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def article_page(site: NewsSite, rng: random.Random, kind: str, body: Body, headline: str,
                 authors: list[str] | None = None, media: str = "", tail: str = "", dated: bool = True) -> NewsPage:
    """A story page around ``body`` with the site's header, widgets and chrome; ``media`` (a video player, a
    gallery) stands between the header and the text, ``tail`` after what follows the text; an undated story
    (``dated`` False: a guide kept up to date) shows no date."""
    section = rng.choice(site.sections)
    authors = authors if authors is not None else [site.vocab.person(rng) for _ in range(rng.choice((1, 1, 1, 2, 3)))]
    when = site.when(rng)
    noise_items(site, rng, body)
    tag = "article" if site.on("semantic") else "div"
    header, standfirst = header_html(site, rng, section, headline, authors, when if dated else None)
    main = (f'<{tag} class="post story">{header}{media}{body.html()}'
            f"{after_html(site, rng, section, authors)}{tail}</{tag}>{more_grid(site, rng, section)}")
    html = page(site, rng, site.page_title(headline, section), headline, section, main,
                jsonld(site, headline, authors, when if dated else None))
    url = site.article_url(rng, section, headline, when)
    return NewsPage(url, html.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"}, kind, True, site.theme,
                    headline, authors, "\n".join(([standfirst] if standfirst else []) + body.lines))


def story(site: NewsSite, rng: random.Random, paragraphs: tuple[int, int] = (5, 14), subheads: int = 2,
          figures: int = 1) -> tuple[Body, str]:
    body = Body(site, rng)
    count = rng.randint(*paragraphs)
    heads = sorted(rng.sample(range(2, count), min(rng.randint(0, subheads), max(0, count - 2))))
    for n in range(count):
        if n in heads:
            body.heading(site.vocab.fill(rng, rng.choice(site.vocab.SUBHEADS)))
        if n and rng.random() < figures / max(count, 1):
            body.noise(figure(site, rng))
        body.para(site.vocab.paragraph(rng, rng.randint(1, 4)), links=rng.choice((0, 0, 0, 1, 2)))
    if rng.random() < 0.3:
        items = [site.vocab.fill(rng, rng.choice(site.vocab.SENTENCES)) for _ in range(rng.randint(3, 5))]
        body.raw("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>", items)
    if rng.random() < 0.3:
        quote = site.vocab.fill(rng, site.vocab.SENTENCES[2])
        body.raw(f"<blockquote><p>{escape(quote)}</p></blockquote>", [quote])
    return body, site.vocab.headline(rng)
