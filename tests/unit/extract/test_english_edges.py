"""English pages at the edges of the gate and the byline rules (session 18's tune sets): byline lines at the text's
edges, a photo's 'By' caption, members-only, join and unsubscribe pages, a staff directory. Pages written here."""

from __future__ import annotations

import pytest
from test_english_pages import SITE, STORY, page


@pytest.mark.parametrize(("first", "last", "author"), [
    # a guest post's byline describing its writer opens the text; a signature closes a blog post
    ("<p><i>Guest post by Dana Whitlock, outreach coordinator at the Riverton Public Library.</i></p>", "",
     "Dana Whitlock"),
    ("", "<p><em>— Wren Halloway</em></p>", "Wren Halloway"),
    ("<p>By Association Staff</p>", "", "Association Staff"),
])
def test_a_byline_line_at_the_texts_edge_leaves_it_for_the_author(first, last, author):
    main = f"<h1>Harbor Steel to cut jobs</h1><p class='date'>March 4, 2026</p><div class='text'>{first}{STORY}{last}</div>"
    got = page(f"Harbor Steel to cut jobs | {SITE}", main)
    assert got.author == author and author not in got.body_text
    assert got.body_text.startswith("The council said") and got.body_text.endswith("it would wait.")


def test_a_by_caption_under_a_photo_names_no_author():
    photo = "<figure><img src='/media/storm.jpg' width='900' alt=''><figcaption>By Greg Holm</figcaption></figure>"
    main = f"<h1>Harbor Steel to cut jobs</h1><p class='date'>March 4, 2026</p><div class='text'>{STORY}{photo}</div>"
    assert page(f"Harbor Steel to cut jobs | {SITE}", main).author is None


@pytest.mark.parametrize(("title", "main", "reason"), [
    # a members-only gate: a <title> part that is wholly a status, a teaser and a login form below
    ("Access restricted | Northbridge Society", "<h1>2024 Salary &amp; Compensation Survey</h1><div class='text'><p>"
     "The 2024 survey reports pay, benefits and bonus practice at 212 structural engineering firms across the region, "
     "by role, firm size and years of experience, with comparisons to the 2022 and 2020 surveys.</p><p>This resource "
     "is available to members of the Society. Please log in with your member account to read it, or join today to "
     "get access to every member resource.</p><form action='/user/login'><input name='name'><input type='password' "
     "name='pass'><button>Log in</button></form></div>", "error-page"),
    # a join page: its form under a 'Join …' <title> part
    ("Join the Alliance | Lakeshore Small Business Alliance", "<h1>Join the Alliance</h1><div class='text'><p>Members "
     "get referrals, training and a voice at City Hall. Annual dues start at $120 for sole proprietors.</p><form "
     "action='/join'><p><label>Business name</label><input name='b'></p><p><label>Email</label><input type='email' "
     "name='e'></p><button>Submit</button></form></div>", "service-title"),
    # an unsubscribe confirmation
    ("Unsubscribe confirmation | Greater Millbrook Chamber", "<h1>You've been unsubscribed</h1><div class='text'><p>"
     "You will no longer receive the Chamber Weekly at this address. Changed your mind? You can subscribe again at any "
     "time from our website, and manage your other e-mail preferences there too.</p></div>", "service-title"),
])
def test_members_only_join_and_unsubscribe_pages_are_no_articles(title, main, reason):
    got = page(title, main, "https://www.millbrook.test/members/resources/2024-survey")
    assert (got.page_type, got.page_type_reason) == ("other", reason)


def test_a_staff_directory_of_tables_by_division_is_a_list():
    def division(name: str, people: list[tuple[str, str]]) -> str:
        rows = "".join(f"<tr><td>{who}</td><td>{post}</td><td>(530) 555-01{n}0</td><td>{who.split()[0].lower()}@"
                       f"tcrwa.test</td></tr>" for n, (who, post) in enumerate(people))
        return f"<h2>{name}</h2><table><tr><th>Name</th><th>Title</th><th>Phone</th><th>Email</th></tr>{rows}</table>"
    main = ("<h1>Staff Directory</h1><p>Our staff serve customers in three counties. Call the main line for service "
            "requests.</p>" + division("Administration", [("Katherine Oyelaran", "General Manager"),
                                                          ("Douglas Pruitt", "Finance Director"),
                                                          ("Maria Lindqvist", "Board Secretary"),
                                                          ("Ted Okafor", "Human Resources Manager")])
            + division("Engineering", [("Vikram Sethi", "District Engineer"), ("Ana Beltran", "Senior Engineer"),
                                       ("Joe Whitley", "Construction Inspector"), ("Lena Park", "GIS Analyst")]))
    got = page("Staff Directory | Tri-County Water Authority", main, "https://www.tcrwa.test/About/Staff")
    assert (got.page_type, got.page_type_reason) == ("list", "people-list")


def test_a_bold_byline_opening_the_first_paragraph_leaves_it_for_the_author():
    first = ("<p><strong>By Carl Dempsey</strong> – The council said on Monday that it would review the recycling "
             "target before the end of the year.</p>")
    main = f"<h1>Harbor Steel to cut jobs</h1><p class='date'>March 4, 2026</p><div class='text'>{first}{STORY}</div>"
    got = page(f"Harbor Steel to cut jobs | {SITE}", main)
    assert got.author == "Carl Dempsey" and got.body_text.startswith("The council said on Monday")


@pytest.mark.parametrize(("title", "main"), [
    # a dated letter headed by a status's words
    ("Access denied | The Harbor Ledger", "<h1>Access denied</h1><p class='date'>March 4, 2026</p><div class='text'>"
     "<p>To the editor: the county's decision to close the river path to walkers for a second summer shuts out the "
     "people who use it most, and nobody at the board meeting could say when it would open again.</p><p>The path was "
     "paid for by a bond the voters approved; the least they are owed is a date and a reason.</p><p>I have "
     "walked it every morning for eleven years, and so have many of my neighbours.</p></div>"),
    # a call for nominations with its form, headed 'Join the Board: …'
    ("Join the Board: Call for Nominations | Harbor Ledger", "<h1>Join the Board: Call for Nominations</h1><div "
     "class='text'><p>Nominations are open for three seats on the association's board. Members in good standing may "
     "nominate themselves or a colleague before May 1.</p><form action='/nominate'><p><label>Nominee</label><input "
     "name='n'></p><button>Send</button></form></div>"),
    # a dated column headed 'Unsubscribe: …'
    ("Unsubscribe: the quiet revolt against the inbox | Harbor Ledger", "<h1>Unsubscribe: the quiet revolt against "
     f"the inbox</h1><p class='date'>March 4, 2026</p><div class='text'>{STORY}</div>"),
])
def test_status_and_service_words_in_a_dated_or_titled_story_leave_it_an_article(title, main):
    assert page(title, main).page_type == "article"


def test_a_quotations_attribution_closing_the_text_names_no_author():
    quote = "<blockquote><p>“Once you learn to read, you will be forever free.”</p></blockquote><p>— Frederick Douglass</p>"
    main = f"<h1>Harbor Steel to cut jobs</h1><p class='date'>March 4, 2026</p><div class='text'>{STORY}{quote}</div>"
    got = page(f"Harbor Steel to cut jobs | {SITE}", main)
    assert got.author is None and "Frederick Douglass" in got.body_text


def test_an_undated_welcome_to_new_staff_stays_an_article():
    cards = "".join(f"<div class='staff-card'><h3>{name}</h3><p class='post'>{post}</p><p>{name.split()[0]} joins us "
                    f"from a county office. She will work with members across the state.</p></div>"
                    for name, post in [("Ana Lopez", "Policy Analyst"), ("Beth Kim", "Membership Manager"),
                                       ("Cara Diaz", "Events Coordinator"), ("Dina Roe", "Communications Director")])
    main = ("<h1>Welcome to Our New Staff Members</h1><div class='text'><p>Four new colleagues joined the association "
            f"this spring. Please join us in welcoming them.</p></div><div class='cards'>{cards}</div>")
    assert page(f"Welcome to Our New Staff Members | {SITE}", main,
                "https://www.harborledger.test/news/welcome-new-staff-members").page_type == "article"


def test_an_undated_archive_of_past_issues_is_a_list_and_a_dated_story_about_an_archive_is_not():
    issues = "".join(f"<li><a href='/files/spectrum-{y}-{s}.pdf'>Spectrum, {s.title()} {y} (PDF, 2.1 MB)</a> – alumni "
                     f"news, faculty notes and the department's year in research.</li>"
                     for y in (2024, 2023) for s in ("spring", "fall"))
    main = ("<h1>Spectrum Newsletter Archive</h1><div class='text'><p>Spectrum is published twice a year for alumni, "
            "friends and former faculty of the department. Issues are in PDF format.</p>"
            f"<ul>{issues}</ul></div>")
    got = page("Newsletter Archive | Department of Physics", main, "http://www.physics.uni.test/alumni/newsletter.html")
    assert (got.page_type, got.page_type_reason) == ("list", "issue-archive")
    story = main.replace("</h1>", "</h1><p class='date'>March 4, 2026</p>")
    assert page("Newsletter Archive | Department of Physics", story,
                "http://www.physics.uni.test/news/2026/03/archive.html").page_type == "article"


def test_a_headline_saying_the_content_is_no_longer_available_makes_an_error_page():
    main = ("<h1>This content is no longer available</h1><div class='text'><p>The page you're looking for has been "
            "archived or removed from our website. The Drought Relief Water Cartage Rebate closed to new applications on "
            "30 June 2024 and final payments were made in December 2024. Information about current programs for "
            "farmers and irrigators is on our Farmers and irrigators page, and you can search the site for other "
            "programs or contact our customer centre on 1300 555 010 between 8.30 am and 5 pm on business days.</p></div>")
    got = page("Content no longer available | Southern Tablelands Water", main, "https://www.stwa.test/farmers/rebate")
    assert (got.page_type, got.page_type_reason) == ("other", "error-page")


def test_news_about_people_with_their_cards_stays_an_article():
    cards = "".join(f"<div class='card'><img src='/b/{n}.jpg' alt=''><h3>{name}</h3><p>{post}</p></div>"
                    for n, (name, post) in enumerate([("Ana Lopez", "Chair"), ("Beth Kim", "Vice Chair"),
                                                      ("Cara Diaz", "Treasurer"), ("Dina Roe", "Secretary")]))
    main = ("<h1>New Board Elected</h1><div class='text'><p>Members elected four officers at the annual meeting on "
            f"Saturday.</p></div><div class='cards'>{cards}</div>")
    assert page(f"New Board Elected | {SITE}", main, "https://www.harborledger.test/news/new-board").page_type == "article"


@pytest.mark.parametrize("closing", ["<p>— Happy Holidays!</p>", "<blockquote><p>It takes a village.</p></blockquote>"
                                     "<p>— African Proverb</p>"])
def test_a_closing_wish_or_a_proverbs_source_names_no_author(closing):
    main = f"<h1>Harbor Steel to cut jobs</h1><p class='date'>March 4, 2026</p><div class='text'>{STORY}{closing}</div>"
    assert page(f"Harbor Steel to cut jobs | {SITE}", main).author is None
