"""Pages of random English news sites with the truth of what they show: body text, headline, authors.

``generate_news_pages(seed)`` draws one site (:func:`.news_sites.make_news_site`, theme ``THEMES[seed % 6]``) and
renders one page of every kind in ``ARTICLE_KINDS`` (stories, briefs, link-heavy roundups, long reads, live blogs,
interviews, press releases, video pages, photo galleries, stories cut by a paywall, numbered listicles, short stories
under long comment threads, undated guides) and ``NON_ARTICLE_KINDS`` (section fronts, tag, author and search pages,
a "page not found" served with 200, sign-in and newsletter pages). The truth body is the text a reader reads as
the story: the dek (a standfirst, as the corpus counts a lead), paragraphs, subheads, list items and quotes (a
gallery's captions, which tell it); not the headline, byline, other captions, share bars, "Related:" lines,
advertisements, newsletter boxes, paywalls, tables of contents, tags, author bios or comments. The parts of a
story page are in :mod:`.news_story`. Deterministic for a seed; no I/O. Used by ``bench/news.py``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from html import escape

from . import news_text as text
from .news_sites import NewsSite, make_news_site, page, story_link
from .news_story import Body, NewsPage, article_page, story

ARTICLE_KINDS = ("story", "story", "brief", "roundup", "longread", "liveblog", "interview", "press_release", "video",
                 "gallery", "paywalled", "listicle", "comment_heavy", "guide")
NON_ARTICLE_KINDS = ("section_front", "tag_page", "author_page", "search", "not_found", "login", "newsletters")


def render_story(site: NewsSite, rng: random.Random) -> NewsPage:
    return article_page(site, rng, "story", *story(site, rng))


def render_brief(site: NewsSite, rng: random.Random) -> NewsPage:
    body = Body(site, rng)
    for _ in range(rng.randint(1, 3)):
        body.para(text.paragraph(rng, rng.randint(1, 2)))
    return article_page(site, rng, "brief", body, text.headline(rng), authors=rng.choice(([], [text.person(rng)])))


def render_roundup(site: NewsSite, rng: random.Random) -> NewsPage:
    """Every paragraph carries two or three links: a morning briefing, a reading list."""
    body = Body(site, rng)
    for _ in range(rng.randint(5, 10)):
        body.para(text.paragraph(rng, rng.randint(2, 3)), links=rng.randint(2, 3))
    headline = rng.choice(("Morning Briefing: ", "What We're Reading: ", "The Week in Review: ")) + text.headline(rng)
    return article_page(site, rng, "roundup", body, headline)


def render_longread(site: NewsSite, rng: random.Random) -> NewsPage:
    return article_page(site, rng, "longread", *story(site, rng, (18, 32), subheads=5, figures=3))


def render_liveblog(site: NewsSite, rng: random.Random) -> NewsPage:
    body = Body(site, rng)
    for _ in range(rng.randint(5, 10)):
        stamp = f"{rng.randint(7, 11)}:{rng.randint(0, 59):02d} a.m."
        title = text.fill(rng, rng.choice(text.TEASERS))
        plain = [text.paragraph(rng, rng.randint(1, 3)) for _ in range(rng.randint(1, 2))]
        html = "".join(f"<p>{escape(p)}</p>" for p in plain)
        body.raw(f'<div class="live-entry"><span class="timestamp">{stamp}</span><h3>{escape(title)}</h3>{html}</div>',
                 [stamp, title, *plain])
    return article_page(site, rng, "liveblog", body, "Live updates: " + text.headline(rng))


def render_interview(site: NewsSite, rng: random.Random) -> NewsPage:
    body = Body(site, rng)
    body.para(text.paragraph(rng, 3))
    for _ in range(rng.randint(3, 6)):
        question, answer = text.fill(rng, rng.choice(text.QUESTIONS)), text.paragraph(rng, rng.randint(2, 4))
        body.raw(f"<p><strong>Q: {escape(question)}</strong></p><p>A: {escape(answer)}</p>",
                 [f"Q: {question}", f"A: {answer}"])
    return article_page(site, rng, "interview", body, f"Q&A: {text.person(rng)} on {text.fill(rng, '{Topic}')}")


def render_press_release(site: NewsSite, rng: random.Random) -> NewsPage:
    body = Body(site, rng)
    company, city = text.fill(rng, "{Company}"), text.fill(rng, "{City}")
    body.para(f"{city.upper()}, Dec. {rng.randint(1, 28)}, 2026 -- " + text.paragraph(rng, 2))
    for _ in range(rng.randint(2, 5)):
        body.para(text.paragraph(rng, rng.randint(2, 3)))
    body.heading(f"About {company}")
    body.para(f"{company} is a {rng.choice(('leading', 'family-owned', 'listed'))} company based in {city}. "
              + text.paragraph(rng, 1))
    contact = f"Media contact: {text.person(rng)}, press@{text.slug(company)}.com"
    body.para(contact)
    return article_page(site, rng, "press_release", body, text.headline(rng), authors=[])


def render_video(site: NewsSite, rng: random.Random) -> NewsPage:
    """A video's page: the player, a sentence or two about it, sometimes its transcript."""
    body = Body(site, rng)
    body.para(text.paragraph(rng, rng.randint(1, 2)))
    if rng.random() < 0.4:
        body.heading("Transcript")
        for _ in range(rng.randint(2, 5)):
            body.para(text.paragraph(rng, rng.randint(1, 3)))
    player = (f'<div class="video-player"><video controls poster="/img/v{rng.randint(1, 999)}.jpg">'
              f'<source src="/media/{rng.randint(1000, 9999)}.mp4" type="video/mp4"></video>'
              f'<span class="duration">{rng.randint(1, 9)}:{rng.randint(0, 59):02d}</span></div>')
    return article_page(site, rng, "video", body, "Watch: " + text.headline(rng), media=player)


def render_gallery(site: NewsSite, rng: random.Random) -> NewsPage:
    """A photo story: an intro and six to twelve photos whose captions tell it (the captions are its text)."""
    body = Body(site, rng)
    body.para(text.paragraph(rng, rng.randint(1, 3)))
    for n in range(rng.randint(6, 12)):
        caption = text.paragraph(rng, 1)
        body.raw(f'<figure class="gallery-item"><img src="/img/g{n}.jpg" alt=""><figcaption>{escape(caption)}'
                 "</figcaption></figure>", [caption])
    return article_page(site, rng, "gallery", body, "In pictures: " + text.headline(rng))


def render_paywalled(site: NewsSite, rng: random.Random) -> NewsPage:
    """A story cut after a few paragraphs by a subscription box."""
    body = Body(site, rng)
    for _ in range(rng.randint(2, 4)):
        body.para(text.paragraph(rng, rng.randint(2, 3)))
    wall = ('<div class="paywall"><h3>Subscribe to continue reading</h3><p>Get unlimited access to '
            f"{escape(site.name)} for $1 a week. Cancel anytime.</p><a class=\"btn\" href=\"/subscribe/\">Subscribe"
            '</a> <a href="/login/">Already a subscriber? Sign in</a></div>')
    return article_page(site, rng, "paywalled", body, text.headline(rng), tail=wall)


def render_listicle(site: NewsSite, rng: random.Random) -> NewsPage:
    """Numbered items under subheads, each a paragraph and a link out ('Read the report')."""
    body = Body(site, rng)
    body.para(text.paragraph(rng, 2))
    count = rng.randint(5, 9)
    for n in range(1, count + 1):
        item = text.fill(rng, rng.choice(text.SUBHEADS))
        plain = text.paragraph(rng, rng.randint(1, 3))
        link = rng.choice(("Read the report", "See the figures", "More on this"))
        url, _ = story_link(site, rng)
        body.raw(f"<h2>{n}. {escape(item)}</h2><p>{escape(plain)} <a href=\"{url}\">{link}</a></p>",
                 [f"{n}. {item}", f"{plain} {link}"])
    return article_page(site, rng, "listicle", body, f"{count} things to know about " + text.fill(rng, "{Topic}"))


def render_comment_heavy(site: NewsSite, rng: random.Random) -> NewsPage:
    """A short story under a long thread of readers' comments."""
    body = Body(site, rng)
    for _ in range(rng.randint(2, 3)):
        body.para(text.paragraph(rng, rng.randint(1, 3)))
    rows = "".join(f'<li class="comment"><div class="comment-author">{escape(text.person(rng))}</div>'
                   f'<div class="comment-body"><p>{escape(text.paragraph(rng, rng.randint(1, 3)))}</p></div>'
                   '<a class="reply" href="#">Reply</a></li>' for _ in range(rng.randint(12, 30)))
    thread = f'<section id="comments" class="comments-area"><h3>Join the conversation</h3><ol>{rows}</ol></section>'
    return article_page(site, rng, "comment_heavy", body, text.headline(rng), tail=thread)


def render_guide(site: NewsSite, rng: random.Random) -> NewsPage:
    """An undated guide kept up to date: a table of contents, sections with many links."""
    body = Body(site, rng)
    heads = [text.fill(rng, rng.choice(text.SUBHEADS)) for _ in range(rng.randint(3, 5))]
    toc = "".join(f'<li><a href="#s{n}">{escape(h)}</a></li>' for n, h in enumerate(heads))
    body.noise(f'<nav class="toc"><h4>Contents</h4><ul>{toc}</ul></nav>')
    for head in heads:
        body.heading(head)
        for _ in range(rng.randint(1, 3)):
            body.para(text.paragraph(rng, rng.randint(2, 3)), links=rng.randint(1, 3))
    return article_page(site, rng, "guide", body, "A guide to " + text.fill(rng, "{Topic}"), dated=False)


def listing_page(site: NewsSite, rng: random.Random, kind: str, heading: str, path: str, intro: str = "") -> NewsPage:
    """A page of teaser cards under ``heading``: a section front, tag, author or search page."""
    cards = []
    for url, headline in (story_link(site, rng) for _ in range(rng.randint(8, 20))):
        teaser = escape(text.fill(rng, rng.choice(text.TEASERS))) if rng.random() < 0.7 else ""
        cards.append(f'<div class="teaser"><h3><a href="{url}">{escape(headline)}</a></h3><p>{teaser}</p>'
                     f'<span class="date">{site.date_text(site.when(rng))}</span></div>')
    pager = '<div class="pagination"><a href="?page=2">Next</a></div>' if rng.random() < 0.6 else ""
    main = f'<div class="archive"><h1>{escape(heading)}</h1>{intro}{"".join(cards)}{pager}</div>'
    html = page(site, rng, site.page_title(heading, heading), None, rng.choice(site.sections), main)
    return NewsPage(site.base + path, html.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"}, kind,
                    False, site.theme)


def render_section_front(site: NewsSite, rng: random.Random) -> NewsPage:
    section = rng.choice(site.sections)
    return listing_page(site, rng, "section_front", section, f"/{section.lower()}/")


def render_tag_page(site: NewsSite, rng: random.Random) -> NewsPage:
    topic = text.fill(rng, "{Topic}")
    return listing_page(site, rng, "tag_page", f"Topic: {topic}", f"/tag/{text.slug(topic)}/")


def render_author_page(site: NewsSite, rng: random.Random) -> NewsPage:
    name = text.person(rng)
    intro = (f'<div class="author-bio"><p>{escape(name)} is a reporter covering {rng.choice(site.sections).lower()} '
             f"for {escape(site.name)}. Follow on social media.</p></div>")
    return listing_page(site, rng, "author_page", name, f"/author/{text.slug(name)}/", intro)


def render_search(site: NewsSite, rng: random.Random) -> NewsPage:
    query = rng.choice(text.SLOTS["Thing"])
    intro = f'<p class="results-count">{rng.randint(20, 900)} results for "{escape(query)}"</p>'
    return listing_page(site, rng, "search", f"Search results for {query}", f"/search/?q={query.replace(' ', '+')}",
                        intro)


def small_page(site: NewsSite, rng: random.Random, kind: str, heading: str, inner: str, path: str) -> NewsPage:
    main = f'<div class="page-content"><h1>{escape(heading)}</h1>{inner}</div>'
    html = page(site, rng, site.page_title(heading, heading), None, rng.choice(site.sections), main)
    return NewsPage(site.base + path, html.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"}, kind,
                    False, site.theme)


def render_not_found(site: NewsSite, rng: random.Random) -> NewsPage:
    links = "".join(f'<li><a href="{u}">{escape(h)}</a></li>' for u, h in (story_link(site, rng) for _ in range(4)))
    inner = ("<p>Sorry, the page you were looking for could not be found. It may have been moved or deleted.</p>"
             f'<form action="/search/"><input name="q"><button>Search</button></form><h2>Popular stories</h2>'
             f"<ul>{links}</ul>")
    return small_page(site, rng, "not_found", rng.choice(("Page not found", "404 - Page Not Found", "Oops!")), inner,
                      f"/{text.slug(text.headline(rng))}-{rng.randint(100, 999)}/")


def render_login(site: NewsSite, rng: random.Random) -> NewsPage:
    inner = ('<form class="login" method="post" action="/login/"><label>Email<input type="email" name="email">'
             '</label><label>Password<input type="password" name="password"></label><button>Sign in</button></form>'
             '<p><a href="/forgot/">Forgot your password?</a> New here? <a href="/register/">Create an account</a></p>')
    return small_page(site, rng, "login", rng.choice(("Sign in", "Log in to your account")), inner, "/login/")


def render_newsletters(site: NewsSite, rng: random.Random) -> NewsPage:
    rows = "".join(f'<li><label><input type="checkbox" name="n{i}"> <b>{s} Daily</b></label> <span>The day\'s '
                   f"{s.lower()} news, every weekday morning.</span></li>" for i, s in enumerate(site.sections[:5]))
    inner = (f'<form action="/newsletters/subscribe"><ul class="newsletters">{rows}</ul><input type="email" '
             'name="email" placeholder="Email address"><button>Subscribe</button></form>')
    return small_page(site, rng, "newsletters", "Newsletters", inner, "/newsletters/")


RENDERERS: dict[str, Callable[[NewsSite, random.Random], NewsPage]] = {
    "story": render_story, "brief": render_brief, "roundup": render_roundup, "longread": render_longread,
    "liveblog": render_liveblog, "interview": render_interview, "press_release": render_press_release,
    "video": render_video, "gallery": render_gallery, "paywalled": render_paywalled, "listicle": render_listicle,
    "comment_heavy": render_comment_heavy, "guide": render_guide,
    "section_front": render_section_front, "tag_page": render_tag_page, "author_page": render_author_page,
    "search": render_search, "not_found": render_not_found, "login": render_login, "newsletters": render_newsletters,
}


def generate_news_pages(seed: int) -> list[NewsPage]:
    """Every kind of page of the English news site drawn from ``seed``."""
    rng = random.Random(f"news-{seed}")
    site = make_news_site(rng, seed)
    pages = []
    for kind in ARTICLE_KINDS + NON_ARTICLE_KINDS:
        made = RENDERERS[kind](site, rng)
        made.notes = dict(site.opts)
        pages.append(made)
    return pages
