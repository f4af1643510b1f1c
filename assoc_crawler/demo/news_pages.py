"""Pages of random English (or German) news sites with the truth of what they show: body text, headline and
authors.

``generate_news_pages(seed, lang)`` draws one site in ``lang``'s words (:mod:`.news_text`, :mod:`.news_text_de`;
:func:`.news_sites.make_news_site`, theme ``THEMES[seed % 6]``) and
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

from . import news_text, news_text_de
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
        body.para(site.vocab.paragraph(rng, rng.randint(1, 2)))
    headline = site.vocab.headline(rng)
    return article_page(site, rng, "brief", body, headline, authors=rng.choice(([], [site.vocab.person(rng)])))


def render_roundup(site: NewsSite, rng: random.Random) -> NewsPage:
    """Every paragraph carries two or three links: a morning briefing, a reading list."""
    body = Body(site, rng)
    for _ in range(rng.randint(5, 10)):
        body.para(site.vocab.paragraph(rng, rng.randint(2, 3)), links=rng.randint(2, 3))
    headline = rng.choice(site.ui("roundups")) + site.vocab.headline(rng)
    return article_page(site, rng, "roundup", body, headline)


def render_longread(site: NewsSite, rng: random.Random) -> NewsPage:
    return article_page(site, rng, "longread", *story(site, rng, (18, 32), subheads=5, figures=3))


def render_liveblog(site: NewsSite, rng: random.Random) -> NewsPage:
    body = Body(site, rng)
    for _ in range(rng.randint(5, 10)):
        stamp = site.ui("stamp").format(h=rng.randint(7, 11), m=rng.randint(0, 59))
        title = site.vocab.fill(rng, rng.choice(site.vocab.TEASERS))
        plain = [site.vocab.paragraph(rng, rng.randint(1, 3)) for _ in range(rng.randint(1, 2))]
        html = "".join(f"<p>{escape(p)}</p>" for p in plain)
        body.raw(f'<div class="live-entry"><span class="timestamp">{stamp}</span><h3>{escape(title)}</h3>{html}</div>',
                 [stamp, title, *plain])
    return article_page(site, rng, "liveblog", body, site.ui("live") + site.vocab.headline(rng))


def render_interview(site: NewsSite, rng: random.Random) -> NewsPage:
    body = Body(site, rng)
    body.para(site.vocab.paragraph(rng, 3))
    for _ in range(rng.randint(3, 6)):
        question = site.vocab.fill(rng, rng.choice(site.vocab.QUESTIONS))
        answer = site.vocab.paragraph(rng, rng.randint(2, 4))
        asked, said = site.ui("question").format(q=question), site.ui("answer").format(a=answer)
        body.raw(f"<p><strong>{escape(asked)}</strong></p><p>{escape(said)}</p>", [asked, said])
    headline = site.ui("qa").format(person=site.vocab.person(rng), topic=site.vocab.fill(rng, "{Topic}"))
    return article_page(site, rng, "interview", body, headline)


def render_press_release(site: NewsSite, rng: random.Random) -> NewsPage:
    body = Body(site, rng)
    company, city = site.vocab.fill(rng, "{Company}"), site.vocab.fill(rng, "{City}")
    body.para(site.ui("dateline").format(city=city.upper(), d=rng.randint(1, 28)) + site.vocab.paragraph(rng, 2))
    for _ in range(rng.randint(2, 5)):
        body.para(site.vocab.paragraph(rng, rng.randint(2, 3)))
    body.heading(site.ui("about_company").format(company=company))
    body.para(site.ui("company_is").format(company=company, kind=rng.choice(site.ui("company_kinds")), city=city)
              + site.vocab.paragraph(rng, 1))
    contact = site.ui("media_contact").format(person=site.vocab.person(rng), host=site.vocab.slug(company))
    body.para(contact)
    return article_page(site, rng, "press_release", body, site.vocab.headline(rng), authors=[])


def render_video(site: NewsSite, rng: random.Random) -> NewsPage:
    """A video's page: the player, a sentence or two about it, sometimes its transcript."""
    body = Body(site, rng)
    body.para(site.vocab.paragraph(rng, rng.randint(1, 2)))
    if rng.random() < 0.4:
        body.heading(site.ui("transcript"))
        for _ in range(rng.randint(2, 5)):
            body.para(site.vocab.paragraph(rng, rng.randint(1, 3)))
    player = (f'<div class="video-player"><video controls poster="/img/v{rng.randint(1, 999)}.jpg">'
              f'<source src="/media/{rng.randint(1000, 9999)}.mp4" type="video/mp4"></video>'
              f'<span class="duration">{rng.randint(1, 9)}:{rng.randint(0, 59):02d}</span></div>')
    return article_page(site, rng, "video", body, site.ui("watch") + site.vocab.headline(rng), media=player)


def render_gallery(site: NewsSite, rng: random.Random) -> NewsPage:
    """A photo story: an intro and six to twelve photos whose captions tell it (the captions are its text)."""
    body = Body(site, rng)
    body.para(site.vocab.paragraph(rng, rng.randint(1, 3)))
    for n in range(rng.randint(6, 12)):
        caption = site.vocab.paragraph(rng, 1)
        body.raw(f'<figure class="gallery-item"><img src="/img/g{n}.jpg" alt=""><figcaption>{escape(caption)}'
                 "</figcaption></figure>", [caption])
    return article_page(site, rng, "gallery", body, site.ui("in_pictures") + site.vocab.headline(rng))


def render_paywalled(site: NewsSite, rng: random.Random) -> NewsPage:
    """A story cut after a few paragraphs by a subscription box."""
    body = Body(site, rng)
    for _ in range(rng.randint(2, 4)):
        body.para(site.vocab.paragraph(rng, rng.randint(2, 3)))
    wall = (f'<div class="paywall"><h3>{site.ui("paywall")}</h3><p>'
            f'{site.ui("paywall_text").format(site=escape(site.name))}</p><a class="btn" href="/subscribe/">'
            f'{site.ui("subscribe")}</a> <a href="/login/">{site.ui("subscriber")}</a></div>')
    return article_page(site, rng, "paywalled", body, site.vocab.headline(rng), tail=wall)


def render_listicle(site: NewsSite, rng: random.Random) -> NewsPage:
    """Numbered items under subheads, each a paragraph and a link out ('Read the report')."""
    body = Body(site, rng)
    body.para(site.vocab.paragraph(rng, 2))
    count = rng.randint(5, 9)
    for n in range(1, count + 1):
        item = site.vocab.fill(rng, rng.choice(site.vocab.SUBHEADS))
        plain = site.vocab.paragraph(rng, rng.randint(1, 3))
        link = rng.choice(site.ui("links_out"))
        url, _ = story_link(site, rng)
        body.raw(f"<h2>{n}. {escape(item)}</h2><p>{escape(plain)} <a href=\"{url}\">{link}</a></p>",
                 [f"{n}. {item}", f"{plain} {link}"])
    headline = site.ui("things").format(n=count) + site.vocab.fill(rng, "{Topic}")
    return article_page(site, rng, "listicle", body, headline)


def render_comment_heavy(site: NewsSite, rng: random.Random) -> NewsPage:
    """A short story under a long thread of readers' comments."""
    body = Body(site, rng)
    for _ in range(rng.randint(2, 3)):
        body.para(site.vocab.paragraph(rng, rng.randint(1, 3)))
    rows = "".join(f'<li class="comment"><div class="comment-author">{escape(site.vocab.person(rng))}</div>'
                   f'<div class="comment-body"><p>{escape(site.vocab.paragraph(rng, rng.randint(1, 3)))}</p></div>'
                   f'<a class="reply" href="#">{site.ui("reply")}</a></li>' for _ in range(rng.randint(12, 30)))
    thread = f'<section id="comments" class="comments-area"><h3>{site.ui("join")}</h3><ol>{rows}</ol></section>'
    return article_page(site, rng, "comment_heavy", body, site.vocab.headline(rng), tail=thread)


def render_guide(site: NewsSite, rng: random.Random) -> NewsPage:
    """An undated guide kept up to date: a table of contents, sections with many links."""
    body = Body(site, rng)
    heads = [site.vocab.fill(rng, rng.choice(site.vocab.SUBHEADS)) for _ in range(rng.randint(3, 5))]
    toc = "".join(f'<li><a href="#s{n}">{escape(h)}</a></li>' for n, h in enumerate(heads))
    body.noise(f'<nav class="toc"><h4>{site.ui("contents")}</h4><ul>{toc}</ul></nav>')
    for head in heads:
        body.heading(head)
        for _ in range(rng.randint(1, 3)):
            body.para(site.vocab.paragraph(rng, rng.randint(2, 3)), links=rng.randint(1, 3))
    return article_page(site, rng, "guide", body, site.ui("guide") + site.vocab.fill(rng, "{Topic}"), dated=False)


def listing_page(site: NewsSite, rng: random.Random, kind: str, heading: str, path: str, intro: str = "") -> NewsPage:
    """A page of teaser cards under ``heading``: a section front, tag, author or search page."""
    cards = []
    for url, headline in (story_link(site, rng) for _ in range(rng.randint(8, 20))):
        teaser = escape(site.vocab.fill(rng, rng.choice(site.vocab.TEASERS))) if rng.random() < 0.7 else ""
        cards.append(f'<div class="teaser"><h3><a href="{url}">{escape(headline)}</a></h3><p>{teaser}</p>'
                     f'<span class="date">{site.date_text(site.when(rng))}</span></div>')
    pager = f'<div class="pagination"><a href="?page=2">{site.ui("next")}</a></div>' if rng.random() < 0.6 else ""
    main = f'<div class="archive"><h1>{escape(heading)}</h1>{intro}{"".join(cards)}{pager}</div>'
    html = page(site, rng, site.page_title(heading, heading), None, rng.choice(site.sections), main)
    return NewsPage(site.base + path, html.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"}, kind,
                    False, site.theme)


def render_section_front(site: NewsSite, rng: random.Random) -> NewsPage:
    section = rng.choice(site.sections)
    return listing_page(site, rng, "section_front", section, f"/{section.lower()}/")


def render_tag_page(site: NewsSite, rng: random.Random) -> NewsPage:
    topic = site.vocab.fill(rng, "{Topic}")
    return listing_page(site, rng, "tag_page", site.ui("topic").format(topic=topic), f"/tag/{site.vocab.slug(topic)}/")


def render_author_page(site: NewsSite, rng: random.Random) -> NewsPage:
    name = site.vocab.person(rng)
    about = site.ui("reporter").format(name=name, section=rng.choice(site.sections).lower(), site=site.name)
    intro = f'<div class="author-bio"><p>{escape(about)}</p></div>'
    return listing_page(site, rng, "author_page", name, f"/author/{site.vocab.slug(name)}/", intro)


def render_search(site: NewsSite, rng: random.Random) -> NewsPage:
    query = rng.choice(site.vocab.SLOTS["Thing"])
    intro = f'<p class="results-count">{site.ui("results").format(n=rng.randint(20, 900), q=escape(query))}</p>'
    return listing_page(site, rng, "search", site.ui("search_results").format(q=query),
                        f"/search/?q={query.replace(' ', '+')}", intro)


def small_page(site: NewsSite, rng: random.Random, kind: str, heading: str, inner: str, path: str) -> NewsPage:
    main = f'<div class="page-content"><h1>{escape(heading)}</h1>{inner}</div>'
    html = page(site, rng, site.page_title(heading, heading), None, rng.choice(site.sections), main)
    return NewsPage(site.base + path, html.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"}, kind,
                    False, site.theme)


def render_not_found(site: NewsSite, rng: random.Random) -> NewsPage:
    links = "".join(f'<li><a href="{u}">{escape(h)}</a></li>' for u, h in (story_link(site, rng) for _ in range(4)))
    inner = (f'<p>{site.ui("not_found")}</p><form action="/search/"><input name="q"><button>{site.ui("search")}'
             f'</button></form><h2>{site.ui("popular")}</h2><ul>{links}</ul>')
    return small_page(site, rng, "not_found", rng.choice(site.ui("not_found_titles")), inner,
                      f"/{site.vocab.slug(site.vocab.headline(rng))}-{rng.randint(100, 999)}/")


def render_login(site: NewsSite, rng: random.Random) -> NewsPage:
    inner = (f'<form class="login" method="post" action="/login/"><label>{site.ui("share")[2]}<input type="email" '
             f'name="email"></label><label>{site.ui("password")}<input type="password" name="password"></label>'
             f'<button>{site.ui("sign_in")}</button></form><p><a href="/forgot/">{site.ui("forgot")}</a> '
             f'{site.ui("new_here")} <a href="/register/">{site.ui("create_account")}</a></p>')
    return small_page(site, rng, "login", rng.choice(site.ui("login_titles")), inner, "/login/")


def render_newsletters(site: NewsSite, rng: random.Random) -> NewsPage:
    rows = "".join(f'<li><label><input type="checkbox" name="n{i}"> <b>{site.ui("daily").format(section=s)}</b>'
                   f'</label> <span>{site.ui("daily_text").format(section=s.lower())}</span></li>'
                   for i, s in enumerate(site.sections[:5]))
    inner = (f'<form action="/newsletters/subscribe"><ul class="newsletters">{rows}</ul><input type="email" '
             f'name="email" placeholder="{site.ui("email")}"><button>{site.ui("subscribe")}</button></form>')
    return small_page(site, rng, "newsletters", site.ui("newsletters"), inner, "/newsletters/")


RENDERERS: dict[str, Callable[[NewsSite, random.Random], NewsPage]] = {
    "story": render_story, "brief": render_brief, "roundup": render_roundup, "longread": render_longread,
    "liveblog": render_liveblog, "interview": render_interview, "press_release": render_press_release,
    "video": render_video, "gallery": render_gallery, "paywalled": render_paywalled, "listicle": render_listicle,
    "comment_heavy": render_comment_heavy, "guide": render_guide,
    "section_front": render_section_front, "tag_page": render_tag_page, "author_page": render_author_page,
    "search": render_search, "not_found": render_not_found, "login": render_login, "newsletters": render_newsletters,
}


VOCABULARIES = {"en": news_text, "de": news_text_de}


def generate_news_pages(seed: int, lang: str = "en") -> list[NewsPage]:
    """Every kind of page of the news site drawn from ``seed`` in language ``lang`` (en, de)."""
    rng = random.Random(f"news-{seed}" if lang == "en" else f"news-{lang}-{seed}")
    site = make_news_site(rng, seed, VOCABULARIES[lang])
    pages = []
    for kind in ARTICLE_KINDS + NON_ARTICLE_KINDS:
        made = RENDERERS[kind](site, rng)
        made.notes = dict(site.opts, lang=lang)
        pages.append(made)
    return pages
