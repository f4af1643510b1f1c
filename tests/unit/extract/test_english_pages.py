"""English news pages the gate and the byline rules met on the generated news sites (bench/news.py): a "page not
found" message, a newsletter sign-up form, an author's page (a bio and their stories), bylines of several names,
with a job title or with the site's name, and listing headings of several words. Pages written here."""

from __future__ import annotations

import pytest

from assoc_crawler.extract import extract_page
from assoc_crawler.extract.listings import heading_kind

SITE = "The Harbor Ledger"
CHROME = ("<div class='top-bar'><a href='/subscribe/'>Subscribe</a> <a href='/login/'>Sign in</a></div>"
          "<header><a class='logo' href='/'><img src='/logo.png' alt='The Harbor Ledger'></a><nav><ul>"
          + "".join(f"<li><a href='/{s.lower()}/'>{s}</a></li>" for s in ("Business", "Politics", "Energy", "Local"))
          + "</ul></nav></header>")
FOOTER = "<footer><a href='/about/'>About us</a> <a href='/privacy/'>Privacy policy</a> © 2026 The Harbor Ledger</footer>"
STORY = ("<p>The council said on Monday that it would review the recycling target before the end of the year.</p>"
         "<p>Output of copper rose 4.2 percent in the third quarter, according to figures released on Tuesday.</p>"
         "<p>Officials did not respond to a request for comment on Wednesday, and the union said it would wait.</p>")


def page(title: str, main: str, url: str = "http://www.harborledger.test/news/a-story-123/", og: str = "") -> object:
    html = (f"<html lang='en'><head><meta charset='utf-8'><title>{title}</title>{og}</head><body>{CHROME}"
            f"<div class='container'><main>{main}</main></div>{FOOTER}</body></html>")
    return extract_page(html.encode("utf-8"), url)


def cards(count: int) -> str:
    return "".join(f"<div class='teaser'><h3><a href='/business/story-{n}/'>Harbor Steel to cut {n}0 jobs as demand "
                   f"slows</a></h3><p>A guide to the budget.</p><span class='date'>March {n}, 2026</span></div>"
                   for n in range(1, count + 1))


def test_a_page_not_found_message_is_an_error_page():
    main = ("<div class='page-content'><h1>Oops!</h1><p>Sorry, the page you were looking for could not be found. It "
            "may have been moved or deleted.</p><form action='/search/'><input name='q'><button>Search</button></form>"
            "</div>")
    got = page(f"Oops! | {SITE}", main, "http://www.harborledger.test/what-the-hearing-means-854/")
    assert (got.page_type, got.page_type_reason) == ("other", "error-page")


def test_a_newsletter_sign_up_form_is_no_article():
    rows = "".join(f"<li><label><input type='checkbox' name='n{n}'> <b>{s} Daily</b></label> <span>The day's "
                   f"{s.lower()} news, every weekday morning.</span></li>"
                   for n, s in enumerate(("Business", "Politics", "Energy", "Climate", "Local")))
    main = (f"<div class='page-content'><h1>Newsletters</h1><form action='/newsletters/subscribe'><ul>{rows}</ul>"
            "<input type='email' name='email'><button>Subscribe</button></form></div>")
    got = page(f"Newsletters | {SITE}", main, "http://www.harborledger.test/newsletters/")
    assert (got.page_type, got.page_type_reason) == ("other", "form-page")


def test_an_article_inside_a_form_around_the_whole_page_stays_an_article():
    # an ASP.NET page: one form holds the whole page, a search box included
    main = f"<h1>Harbor Steel to cut jobs</h1><div class='text'>{STORY}</div>"
    html = (f"<html><head><title>Harbor Steel to cut jobs - {SITE}</title></head><body><form id='form1' method='post'>"
            f"<input type='hidden' name='__VIEWSTATE' value='x'>{CHROME}<input type='text' name='q'>"
            f"<div class='container'>{main}</div>{FOOTER}</form></body></html>")
    got = extract_page(html.encode("utf-8"), "http://www.harborledger.test/news/show.aspx?id=12")
    assert got.page_type == "article" and got.body_text.startswith("The council said")


def test_an_author_page_of_a_bio_and_their_stories_is_a_list():
    main = ("<div class='archive'><h1>Chloe Moreno</h1><div class='author-bio'><p>Chloe Moreno is a reporter covering "
            f"energy for The Harbor Ledger.</p></div>{cards(9)}<div class='pagination'><a href='?page=2'>Next</a>"
            "</div></div>")
    got = page(f"Chloe Moreno | {SITE}", main, "http://www.harborledger.test/author/chloe-moreno/")
    assert got.page_type == "list"  # its entries' linked headings, or its short intro and entries
    assert got.page_type_reason in ("repeated-entries", "intro-and-entries")


def test_a_short_undated_text_with_a_headed_box_of_stories_below_stays_an_article():
    main = ("<div class='entry'><h1>Harbor Steel</h1><div class='text'><p>Harbor Steel is a steel maker based in "
            f"Riverton, with plants in three states.</p></div><h2>More from Business</h2>{cards(9)}</div>")
    got = page(f"Harbor Steel | {SITE}", main, "http://www.harborledger.test/topics/harbor-steel.html")
    assert got.page_type == "article" and got.body_text.startswith("Harbor Steel is a steel maker")


def story(byline: str, og: str = "") -> object:
    main = (f"<article><h1>Harbor Steel to cut jobs</h1><div class='byline'>{byline}</div>"
            f"<time datetime='2026-03-02'>March 2, 2026</time><div class='article-body'>{STORY}</div></article>")
    return page(f"Harbor Steel to cut jobs | {SITE}", main, og=og)


@pytest.mark.parametrize(("byline", "author"), [
    ("By Emily Bennett, Anna Moreno and Carlos Doe", "Emily Bennett, Anna Moreno and Carlos Doe"),
    ("Henry O'Brien, Maria Kowalski and Peter Bennett", "Henry O'Brien, Maria Kowalski and Peter Bennett"),
    ("Chloe Moreno Reporter", "Chloe Moreno"),
    ("<a href='/author/chloe-moreno/'>Chloe Moreno</a> Reporter", "Chloe Moreno"),
    ("By Jane Doe, Reuters", "Jane Doe"),
    ("By Jane Doe and John Roe | Staff writer", "Jane Doe and John Roe"),
])
def test_bylines_of_several_names_or_with_a_job_title(byline, author):
    assert story(byline).author == author


@pytest.mark.parametrize(("byline", "author"), [
    ("By Jane Doe, Ann Lee and Tom Roe, Harbor Ledger", "Jane Doe, Ann Lee and Tom Roe"),
    ("By Jane Doe and John Roe, Harbor Ledger", "Jane Doe and John Roe"),
    ("By Jane Doe, Associated Press", "Jane Doe"), ("By Jane Doe, Los Angeles Times", "Jane Doe"),
    ("By JOHN ROE, DES MOINES", "JOHN ROE"), ("By Jane Doe, Chief Economics Correspondent", "Jane Doe"),
    ("By Jane Doe, For The Gazette", "Jane Doe"), ("By Jane Doe, Ann Lee, Westfield Post", "Jane Doe"),
    ("Von Max Muster und Erika Musterfrau, Deutsche Presse-Agentur", "Max Muster und Erika Musterfrau"),
])
def test_an_outlet_a_place_or_a_title_after_a_comma_ends_the_names(byline, author):
    # a comma joins names only in a list that 'and' closes ('A, B and C'); after 'A,' comes anything else
    assert story(byline).author == author


def test_a_byline_in_markup_keeps_what_it_shows_unless_a_job_title_follows():
    assert story("JANE HOLLY, GAIL LEVY, 7 NEWS WTVX").author == "JANE HOLLY, GAIL LEVY, 7 NEWS WTVX"
    assert story("Jane Doe Senior Reporter").author == "Jane Doe"


@pytest.mark.parametrize(("heading", "kind"), [
    ("See also", "related"), ("More from Markets", "related"), ("Read next", "related"),
    ("You may also like", "recommended"), ("Most viewed", "hot"), ("Lesen Sie auch", "related"),
    ("Industry news", None), ("Information", None),
])
def test_listing_headings_of_several_words(heading, kind):
    assert heading_kind(heading) == kind


def brief(main_text: str, headline: str = "Harbor Steel to cut<br><span>40 jobs</span>") -> object:
    """A one-paragraph story whose article container outscores its text block (a lead photo's caption, a bio)."""
    main = (f"<article class='post'><header><a class='kicker' href='/business/'>Business</a><h1>{headline}</h1>"
            "<div class='meta'><span class='author'>By Jane Doe</span> <time datetime='2026-03-02'>March 2, 2026</time>"
            "</div></header><figure><img src='/img/1.jpg' alt=''><figcaption>Workers at a plant outside Riverton. "
            f"(AP Photo)</figcaption></figure><div class='article-body'>{main_text}</div>"
            "<div class='author-bio'><h4>About Jane Doe</h4><p>Jane Doe covers business for The Harbor Ledger. "
            "Previously a reporter in Lakeside.</p></div></article>")
    return page(f"Harbor Steel to cut 40 jobs | {SITE}", main)


def test_a_headline_split_by_a_break_and_the_kicker_above_it_leave_the_body():
    got = brief("<p>The company employs 632 people at its plant outside Riverton, and 40 of them will go.</p>")
    assert got.title == "Harbor Steel to cut 40 jobs"
    assert "Harbor Steel to cut" not in got.body_text and "40 jobs\n" not in got.body_text
    assert not got.body_text.startswith("Business")


def test_an_authors_bio_box_leaves_the_body():
    got = brief("<p>The company employs 632 people at its plant outside Riverton, and 40 of them will go.</p>")
    assert "covers business" not in got.body_text and "About Jane Doe" not in got.body_text
    assert "632 people" in got.body_text


@pytest.mark.parametrize("line", [
    "<p><strong>See also:</strong> <a href='/energy/story-9/'>Copper prices expected to fall after the vote</a></p>",
    "<p>READ MORE: <a href='/energy/story-9/'>Copper prices expected to fall after the vote</a></p>",
])
def test_a_line_pointing_at_another_story_leaves_the_body(line):
    got = page(f"Harbor Steel to cut jobs | {SITE}", (
        "<article><h1>Harbor Steel to cut jobs</h1><time datetime='2026-03-02'>March 2, 2026</time>"
        f"<div class='article-body'>{STORY[:STORY.index('</p>') + 4]}{line}{STORY[STORY.index('</p>') + 4:]}</div>"
        "</article>"))
    assert "Copper prices expected" not in got.body_text and got.body_text.count("\n") == 2
    # a sentence that links a story inside prose stays
    prose = ("<p>See also the <a href='/energy/story-9/'>report on copper prices</a> published by the council on "
             "Monday, which found that output rose.</p>")
    kept = page(f"Harbor Steel to cut jobs | {SITE}", (
        "<article><h1>Harbor Steel to cut jobs</h1><time datetime='2026-03-02'>March 2, 2026</time>"
        f"<div class='article-body'>{STORY}{prose}</div></article>"))
    assert "report on copper prices" in kept.body_text


def test_a_text_in_several_blocks_of_one_class_keeps_every_block():
    # text, photo, text: the blocks classed as text are the story's parts, not one text block among widgets
    parts = [STORY, "<p>The plan sets aside $40 million for training and another $12 million for new equipment, "
                    "the board said.</p>", "<p>Freight costs between Riverton and Lakeside have nearly doubled "
                                          "since the spring, according to the chamber of commerce.</p>"]
    blocks = "<div class='m-photo'><img src='/img/2.jpg' alt=''></div>".join(
        f"<div class='m-basic-text'>{part}</div>" for part in parts)
    got = page(f"Harbor Steel to cut jobs | {SITE}", f"<div class='main-content'><h1>Harbor Steel to cut jobs</h1>"
               f"<time datetime='2026-03-02'>March 2, 2026</time>{blocks}</div>")
    assert "$40 million" in got.body_text and "Freight costs" in got.body_text and "The council said" in got.body_text


def test_a_standfirst_in_the_storys_header_opens_the_body():
    # the header (headline, dek, byline, share bar) is a sibling of the text block inside the story box
    main = ("<article class='post'><header class='entry-header'><h1>Harbor Steel to cut jobs</h1><p class='dek'>The "
            "steel maker blamed weak demand from builders and said the cuts would be finished by the summer.</p>"
            "<div class='meta'><span class='author'>By <a href='/author/jane-doe/'>Jane Doe</a></span> <time "
            "datetime='2026-03-02'>March 2, 2026</time></div><div class='share'><a href='#'>Share on Facebook</a> "
            "<a href='#'>Share on Twitter</a> <a href='#'>Share by Email</a> <a href='#'>Print this story</a> "
            "<a href='#'>Copy the link</a></div></header>"
            f"<div class='article-body'>{STORY}</div><p>This story was updated on March 3 to correct the number of "
            "jobs affected by the cuts, which the company had first given as 50.</p></article>")
    got = page(f"Harbor Steel to cut jobs | {SITE}", main)
    assert got.body_text.startswith("The steel maker blamed weak demand") and got.body_text.count("blamed") == 1
    assert got.body_text.endswith("had first given as 50.")


@pytest.mark.parametrize("date", ["March 4, 2024", "Monday, March 4, 2024", "4 March 2024, 10:00 AM"])
def test_a_date_line_under_a_split_headline_leaves_the_body_and_the_lead_above_stays(date):
    main = ("<article class='post'><p class='standfirst'>The 80-year-old plant employs 632 people, and the union says "
            f"it was never told.</p><h1>Riverton mill<br>to close</h1><time datetime='2024-03-04'>{date}</time>"
            f"{STORY}</article>")
    got = page(f"Riverton mill to close | {SITE}", main)
    assert got.body_text.startswith("The 80-year-old plant") and date not in got.body_text
    assert got.published_at.startswith("2024-03-04")


def test_an_error_page_at_a_story_s_dated_url_is_no_article_by_its_title_or_its_headline():
    main = ("<section class='error-404'><p class='code'>404</p><h1>Sorry, we couldn&rsquo;t find that page.</h1>"
            "<p>The page you are looking for may have been moved, renamed or removed.</p>"
            "<p><a href='/'>Go to the homepage</a></p></section>")
    url = "http://www.harborledger.test/news/2024/11/18/council-approves-trailhead-parking/"  # a date in the URL
    got = page(f"Page not found | {SITE}", main, url)
    assert (got.page_type, got.page_type_reason) == ("other", "error-page")
    got = page(f"Error 404 - {SITE}", main.replace("Sorry, we couldn&rsquo;t find that page.", "Lost?"), url)
    assert (got.page_type, got.page_type_reason) == ("other", "error-page")
    # a short dated story whose headline merely mentions a 404 or 'not found' stays an article
    brief = ("<h1>Missing hiker not found after three days</h1><p class='date'>March 4, 2026</p>"
             "<p>Search teams will resume at first light on Thursday, the sheriff's office said on Wednesday night.</p>")
    got = page(f"Missing hiker not found after three days | {SITE}", brief, url)
    assert got.page_type == "article"


def test_a_date_archive_of_linked_entry_headings_under_its_own_heading_is_a_list():
    entries = "".join(
        f"<article class='post entry'><header><h2 class='entry-title'><a href='/2024/11/{n}/story-{n}/'>Town story "
        f"number {n} makes the news</a></h2><p class='entry-meta'><time>November {n}, 2024</time> by Gwen Tallis</p>"
        f"</header><div class='entry-content'><p>The town council met on Tuesday night and talked for a long while "
        f"about the parking plan and the bridge [&hellip;]</p><p><a href='/2024/11/{n}/story-{n}/'>Read More</a></p>"
        f"</div></article>" for n in range(20, 26))
    main = ("<div class='breadcrumb'>You are here: <a href='/'>Home</a> / Archives for 2024 / Archives for November "
            f"2024</div><div class='archive-description'><h1 class='archive-title'>Archives for November 2024</h1></div>"
            f"{entries}")
    got = page(f"November 2024 | {SITE}", main, "http://www.harborledger.test/2024/11/")
    assert got.page_type == "list"


def test_a_press_release_ends_at_its_end_mark_and_a_wire_story_loses_its_credit_line():
    release = (f"<h1>Harbor Steel joins recycling pledge</h1><p class='date'>March 4, 2026</p><div class='text'>"
               f"{STORY.replace('council', 'city')}{STORY.replace('council', 'board')}{STORY}"
               "<p style='text-align:center'>###</p><p><b>About the Metals Council</b></p><p>The Metals Council "
               "represents more than 1,400 companies in the metals recycling industry.</p><p>Media Contact: Jane "
               "Roe, (202) 555-0148</p></div>")
    got = page(f"Harbor Steel joins recycling pledge | {SITE}", release)
    assert got.body_text.endswith("the union said it would wait.") and "About the" not in got.body_text
    wire = (f"<h1>Harbor Steel joins recycling pledge</h1><p class='byline'>By Tom Hale</p><div class='text'>{STORY}"
            "<p>Reporting by Tom Hale; Additional reporting by Priya Raman in Singapore; Editing by Susan Fenwick</p>"
            "</div>")
    got = page(f"Harbor Steel joins recycling pledge | {SITE}", wire)
    assert got.body_text.endswith("the union said it would wait.") and got.author == "Tom Hale"


def test_byline_markup_over_two_lines_gives_the_names_of_its_first():
    main = ("<h1>Inside the fight over the old mill</h1><div class='story-byline'>By <a href='/staff/jp/'>Joanne "
            "Pratt</a> and <a href='/staff/lm/'>Luis Medina</a><br><span>Examiner Staff Writers</span></div>"
            f"<div class='story-date'>Feb 16, 2026</div><div class='text'>{STORY}</div>")
    got = page(f"Inside the fight over the old mill | {SITE}", main)
    assert got.author == "Joanne Pratt and Luis Medina"



@pytest.mark.parametrize("card", [
    # a Ghost bookmark card
    "<figure class='kg-card kg-bookmark-card'><a class='kg-bookmark-container' href='https://tools.example.org/"
    "guide'><div class='kg-bookmark-content'><div class='kg-bookmark-title'>Start your own tool library</div><div "
    "class='kg-bookmark-description'>Everything you need to know about insurance and volunteers.</div><div "
    "class='kg-bookmark-metadata'><span>Tool Library Network</span></div></div></a></figure>",
    # a link embed of the site's own story
    "<div class='embed-base link-embed'><a class='link-embed__link' href='/business/ai-policy-guide/'><div "
    "class='link-embed__image'><img src='/thumb.jpg'></div><div><span>The Harbor Ledger</span><div>How to write an "
    "AI policy</div><div>By Gregory Hall</div></div></a></div>",
])
def test_a_link_card_embedded_in_a_text_is_not_text(card):
    main = (f"<h1>Harbor Steel to cut jobs</h1><p class='date'>March 4, 2026</p><div class='text'>{STORY}{card}"
            f"{STORY.replace('council', 'city')}{STORY.replace('council', 'board').replace('union', 'company')}</div>")
    got = page(f"Harbor Steel to cut jobs | {SITE}", main)
    assert got.page_type == "article"
    assert "Tool Library Network" not in got.body_text and "By Gregory Hall" not in got.body_text
    assert got.body_text.endswith("the company said it would wait.")


def test_a_consent_wall_and_a_sign_up_or_contact_page_named_so_by_its_title_are_no_articles():
    wall = ("<div class='consent'><h1>The Harbor Ledger is part of the Harbor Media family</h1><p>We and our 148 "
            "partners store and/or access information on a device, such as cookies, and process personal data, such "
            "as unique identifiers in cookies, for personalised ads and content.</p><p>You can accept all cookies or "
            "manage your choices at any time, including your right to object where legitimate interest is used."
            "</p><button>Accept all</button></div>")
    got = page("The Harbor Ledger is part of the Harbor Media family", wall, "https://consent.harbor.test/collect")
    assert (got.page_type, got.page_type_reason) == ("other", "consent-page")
    signup = ("<h1>The Morning Dispatch</h1><p>The day's most important harbor news, in five minutes or less, "
              "delivered every weekday at six in the morning by our editors, with the stories you need.</p><form "
              "action='/subscribe'><p><label>Your email address</label> <input type='email' name='email'></p>"
              "<button>Sign up</button></form>")
    got = page(f"Sign up for The Morning Dispatch | {SITE}", signup, "http://www.harborledger.test/newsletters/md/")
    assert (got.page_type, got.page_type_reason) == ("other", "service-title")
    contact = ("<h1>Contact The Ledger</h1><div class='text'><p>Office: 214 Front Street, Harbor City. Office hours "
               "are Monday to Thursday, nine to four; the office is closed on Fridays and on federal holidays.</p><p>"
               "Main line: (207) 555-0143. News tips: news@harborledger.test. Letters to the editor: "
               "letters@harborledger.test.</p><form action='/contact'><p><label>Your name</label> <input name='n'></p>"
               "<p><label>Your message</label> <textarea name='m'></textarea></p></form></div>")
    got = page(f"Contact Us | {SITE}", contact, "http://www.harborledger.test/contact-us")
    assert (got.page_type, got.page_type_reason) == ("other", "service-title")


def test_a_company_release_loses_its_forward_looking_statements_and_a_text_its_sign_up_calls():
    release = (f"<h1>Harbor Steel unveils a new furnace</h1><p class='date'>March 4, 2026</p><div class='text'>"
               f"{STORY.replace('council', 'city')}{STORY}"
               "<p><b>Forward-Looking Statements</b></p><p>This press release contains forward-looking statements "
               "within the meaning of the Private Securities Litigation Reform Act of 1995.</p><p>Media contact: Jane "
               "Roe</p></div>")
    got = page(f"Harbor Steel unveils a new furnace | {SITE}", release)
    assert got.body_text.endswith("the union said it would wait.")
    promo = ("<div class='box'><p>Sign up for our weekly newsletter Closing Arguments to get the latest about trials "
             "and rulings in courthouses around the country.</p><a href='/newsletters/'>Sign up</a></div><p>Join the "
             "Harbor Ledger WhatsApp community for the latest news straight to your phone. <a href='https://wa.example"
             "/x'>Click here</a>.</p>")
    main = f"<h1>Harbor Steel to cut jobs</h1><p class='date'>March 4, 2026</p><div class='text'>{STORY}{promo}</div>"
    got = page(f"Harbor Steel to cut jobs | {SITE}", main)
    assert got.body_text.endswith("the union said it would wait.")
    # the same calls reported in the story's own sentences, with no link or button, stay
    reported = ("<p>Join the Harbor Flood Watch WhatsApp channel for live alerts, the county's emergency coordinator "
                "urged residents on Tuesday.</p>")
    main = f"<h1>Harbor Steel to cut jobs</h1><p class='date'>March 4, 2026</p><div class='text'>{STORY}{reported}</div>"
    assert "urged residents" in page(f"Harbor Steel to cut jobs | {SITE}", main).body_text


@pytest.mark.parametrize(("byline", "author"), [
    ("<div class='author-field'><div class='author-name'><a href='/authors/co'>Charmaine Ong</a></div>"
     "<div class='author-designation'>Housing Correspondent</div></div>", "Charmaine Ong"),
    ("<div class='byline'><span class='authorText'><a href='/author/bo'>Bryce Okafor</a></span> <span> · </span>"
     "<span class='authorText'>Harbor News</span></div>", "Bryce Okafor"),
    ("<div class='byline'><span>By</span><br><a href='/author/ao'>Adebayo Ogundipe</a></div>", "Adebayo Ogundipe"),
    # a linked name and a beat set side by side with no space: the name, not 'Tom HaleTransport'
    ("<div class='author'><img src='/a/th.jpg' alt=''><div><a href='/author/th' class='author-name'>Tom Hale</a>"
     "<span class='author-title'>Transport Correspondent</span></div></div>", "Tom Hale"),
    # two writers' rows, each a photo, a linked name and a job title: both names, not their text run together
    ("<div class='bylines'>" + "".join(
        f"<div class='row'><img src='/p/{n}.jpg' alt=''><div><a class='name' href='/staff/{n}'>{name}</a>"
        f"<span class='role'>{role}</span></div></div>"
        for n, (name, role) in enumerate([("Dana Whitlock", "Logistics Editor"), ("Priya Shah", "Data Reporter")]))
     + "</div>", "Dana Whitlock, Priya Shah"),
    # rows with words between them are read as a line: a translator is no author
    ("<div class='bylines'><span class='row'>By <a href='/staff/1'>Ana Ruiz</a></span>; translated by <span "
     "class='row'><a href='/staff/2'>Tom Lee</a></span></div>", "Ana Ruiz"),
])
def test_byline_markup_blocks_and_dotted_parts_give_the_name(byline, author):
    main = f"<h1>Harbor Steel to cut jobs</h1>{byline}<p class='date'>March 4, 2026</p><div class='text'>{STORY}</div>"
    assert page(f"Harbor Steel to cut jobs | {SITE}", main).author == author


def test_paragraphs_classed_paywall_are_the_text_and_a_read_more_box_amid_it_is_not():
    paragraphs = STORY.replace("<p>", "<p class='paywall'>")
    box = ("<div class='read-more-inline'><p><strong>Read More</strong></p><ul><li><a href='/news/fares-rise/'>Rail "
           "fares to rise by 4.6 per cent in March</a></li><li><a href='/news/strike-dates/'>Which companies are "
           "affected by strikes and when?</a></li></ul></div>")
    main = (f"<h1>Harbor Steel to cut jobs</h1><p class='date'>March 4, 2026</p><div class='body-copy'>{paragraphs}"
            f"{box}{STORY.replace('council', 'board')}</div>")
    got = page(f"Harbor Steel to cut jobs | {SITE}", main)
    assert got.body_text.startswith("The council said on Monday") and "Rail fares" not in got.body_text
    assert "Read More" not in got.body_text and got.body_text.count("\n") == 5


@pytest.mark.parametrize("credit", [
    "—With assistance from Sven Aaltonen and Rachel Kowal.",
    "Associated Press writer Maria Lopez contributed to this report.",
    "Contributing: Jane Roe, The Harbor Ledger",
])
def test_a_closing_credit_line_is_not_text(credit):
    main = (f"<h1>Harbor Steel to cut jobs</h1><p class='date'>March 4, 2026</p><div class='text'>{STORY}"
            f"<p>{credit}</p></div>")
    assert page(f"Harbor Steel to cut jobs | {SITE}", main).body_text.endswith("the union said it would wait.")


def test_an_author_name_set_as_a_linked_heading_does_not_make_a_story_a_list():
    main = ("<h1>Harbor Steel to cut jobs</h1><div class='author-card'><h4 class='author-name'><a href='/author/ines/'>"
            f"Ines Farrow</a></h4></div><p class='date'>March 4, 2026</p><div class='text'>{STORY}</div>")
    got = page(f"Harbor Steel to cut jobs | {SITE}", main)
    assert got.page_type == "article" and got.author == "Ines Farrow"


def test_a_short_site_name_before_the_headline_in_the_title_is_the_site_s():
    main = (f"<h2 class='newstitle'>Paper recovery rate climbs to a record high</h2><p>March 4, 2026</p>"
            f"<div class='text'>{STORY}<h3>Recovery rates by grade</h3>{STORY.replace('council', 'board')}</div>")
    got = page("PRCA - Paper recovery rate climbs to a record high", main)
    assert got.title == "Paper recovery rate climbs to a record high"


def test_a_login_wall_that_explains_itself_at_length_is_a_login_page():
    main = ("<h1>Login to view this content</h1><p>The page you are trying to access is available to members only. "
            "Please log in with your member email and password to continue. If you believe you should have access, "
            "your membership may have lapsed; contact the membership team to renew it or to ask for help.</p>"
            "<form action='/login' method='post'><p><label>Email</label> <input type='email' name='u'></p><p><label>"
            "Password</label> <input type='password' name='p'></p></form>")
    got = page(f"Login to view this content | {SITE}", main, "http://www.harborledger.test/members-only/q3-report")
    assert (got.page_type, got.page_type_reason) == ("other", "login-form")


@pytest.mark.parametrize("closing", [
    "More than 6,200 midwives and support workers across all four nations contributed to this report.",
    "With assistance from the National Lottery Heritage Fund, the society will now train six new volunteer millers.",
])
def test_a_closing_sentence_shaped_like_a_credit_is_text(closing):
    main = (f"<h1>Harbor Steel to cut jobs</h1><p class='date'>March 4, 2026</p><div class='text'>{STORY}"
            f"<p>{closing}</p></div>")
    assert page(f"Harbor Steel to cut jobs | {SITE}", main).body_text.endswith(closing)


def test_a_pointer_label_after_the_text_s_last_paragraph_in_one_box_leaves_the_paragraph():
    last = "Chief executive Mark Dunn said members would respond to the consultation before the end of March."
    box = (f"<div class='wp-block-group'><p>{last}</p><p>Read more:</p><ul><li><a href='/n/1/'>Council backs the "
           "plan</a></li><li><a href='/n/2/'>What the plan means</a></li><li><a href='/n/3/'>Members vote</a></li>"
           "</ul></div>")
    main = f"<h1>Harbor Steel to cut jobs</h1><p class='date'>March 4, 2026</p><div class='text'>{STORY}{box}</div>"
    assert last in page(f"Harbor Steel to cut jobs | {SITE}", main).body_text


@pytest.mark.parametrize("headline", ["Bank customers unable to log in after outage", "Member login changes"])
def test_an_undated_story_about_logins_with_a_login_box_in_the_header_stays_an_article(headline):
    header = "<div class='login'><form><input name='u'><input type='password' name='p'></form></div>"
    main = f"<h1>{headline}</h1><div class='text'>{STORY}{STORY.replace('council', 'bank')}</div>"
    html = (f"<html lang='en'><head><meta charset='utf-8'><title>{headline} | {SITE}</title></head><body>{header}"
            f"{CHROME}<div class='container'><main>{main}</main></div>{FOOTER}</body></html>")
    assert extract_page(html.encode(), "http://www.harborledger.test/news/logins/").page_type == "article"


def test_a_directory_of_authors_set_as_linked_headings_stays_a_list():
    cards = "".join(f"<div class='card'><h3 class='author-name'><a href='/author/a{n}/'>Writer Number{n} Doe</a></h3>"
                    f"<p>Covers the harbor beat.</p></div>" for n in range(6))
    got = page(f"Our authors | {SITE}", f"<h1>Our authors</h1>{cards}", "http://www.harborledger.test/authors/")
    assert got.page_type == "list"


@pytest.mark.parametrize(("byline", "author"), [
    ("<p class='story-credit'><em>Story by Carla Mendes. Photos by Jordan Pike.</em></p>", "Carla Mendes"),
    ("<div class='byline'><span>By <a href='/bio/41/'>Darren Mills</a></span> &ndash; <span>Reporter, Tri-County "
     "Business Journal</span></div>", "Darren Mills"),
    ("<div class='Author-authorInfo'><a class='Author-authorName' href='/sg/'>Samantha Greer</a><span>, </span><a "
     "class='Author-authorName' href='/lo/'>Luis Ortega</a><div><a href='https://x.example/sg'>@samgreer_btv</a></div>"
     "</div>", "Samantha Greer, Luis Ortega"),
    ("<p class='byline'>By R. R.</p>", "R. R."),  # an initial keeps its full stop
])
def test_story_by_credits_dashed_titles_and_social_handles_leave_the_names(byline, author):
    main = f"<h1>Harbor Steel to cut jobs</h1>{byline}<p class='date'>March 4, 2026</p><div class='text'>{STORY}</div>"
    assert page(f"Harbor Steel to cut jobs | {SITE}", main).author == author


def test_names_each_linked_in_byline_markup_are_all_authors_even_after_a_comma():
    byline = ("<p class='byline'>By <span class='byline__author'><a href='/team/tb/'>Tyler Benson</a>, <a "
              "href='/team/jr/'>Jenna Ruiz</a></span></p>")
    main = f"<h1>Harbor Steel to cut jobs</h1>{byline}<p class='date'>March 4, 2026</p><div class='text'>{STORY}</div>"
    assert page(f"Harbor Steel to cut jobs | {SITE}", main).author == "Tyler Benson, Jenna Ruiz"
    one = "<p class='byline'>By <a href='/team/tb/'>Tyler Benson</a>, Reuters</p>"  # an outlet after one linked name
    main = f"<h1>Harbor Steel to cut jobs</h1>{one}<p class='date'>March 4, 2026</p><div class='text'>{STORY}</div>"
    assert page(f"Harbor Steel to cut jobs | {SITE}", main).author == "Tyler Benson"
