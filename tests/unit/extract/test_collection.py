"""A collection's index (collection.py, the gate's 'collection' reason): a page headed by a collection's name (Member
Directory, Photo Gallery, Events, 图片新闻, Newsletter Archive) whose short text is outweighed by entries each holding a
link or a picture is a list; a story headed by what happened, a collection-named page of prose paragraphs and a
story over a gallery stay articles. Pages written here."""

from __future__ import annotations

import re

import pytest

from assoc_crawler.extract import extract_page
from assoc_crawler.extract.gate_labels import COLLECTION_TITLE_PATTERN
from assoc_crawler.extract.layout import entry_key

_COLLECTION_RE = re.compile(COLLECTION_TITLE_PATTERN, re.IGNORECASE)
INTRO = ("<p>Browse the photographs, reports and listings the society has gathered over the years. Members may "
         "download the full files after logging in.</p>")


def _page(title: str, main: str, url: str) -> object:
    html = (f"<html lang='en'><head><meta charset='utf-8'><title>{title}</title></head><body>"
            "<header><nav><a href='/'>Home</a> <a href='/about/'>About</a> <a href='/join/'>Join</a></nav></header>"
            f"<main>{main}</main><footer>© 2026 Millbrook Society · 12 Mill Street</footer></body></html>")
    return extract_page(html.encode("utf-8"), url)


@pytest.mark.parametrize(("text", "named"), [
    ("Member Directory", True), ("Resource Library", True), ("Photo Gallery", True), ("Media Centre", True),
    ("Upcoming Events", True), ("Job Bank", True), ("Our Publications", True), ("图片新闻", True), ("专家库", True),
    ("Events from May 1 – May 23", True), ("Events from the past shape the town", False), ("New Events", False), ("Council releases reports", False),
    ("Latest Videos", False), ("Annual Dinner Photos", False), ("The Big Events of the Year", False),
])
def test_collection_names(text, named):
    assert bool(_COLLECTION_RE.match(text)) is named


def test_striped_rows_are_one_template():
    odd, even = (etree_row("odd"), etree_row("even"))
    assert entry_key(odd) == entry_key(even)


def etree_row(stripe: str):
    from lxml import html
    return html.fragment_fromstring(f"<tr class='{stripe} doc-row'><td>x</td></tr>", create_parent="tbody")[0]


def test_a_gallery_index_of_albums_is_a_list():
    albums = "".join(f"<div class='album'><a href='/gallery/album.php?id={n}'><img src='/g/{n}.jpg' alt=''></a>"
                     f"<span class='album-name'>Mill Street, {1900 + n}</span><span>{10 + n} photos</span></div>"
                     for n in range(1, 9))
    got = _page("Photo Gallery - Millbrook Society", f"<h1>Photo Gallery</h1>{INTRO}<div class='albums'>{albums}</div>",
                "http://www.millbrook.test/gallery/index.php")
    assert (got.page_type, got.page_type_reason) == ("list", "collection")


def test_a_library_of_striped_rows_with_files_is_a_list():
    rows = "".join(f"<tr class='{'odd' if n % 2 else 'even'}'><td>Market Report No. {n}</td><td>Reports</td>"
                   f"<td><a href='/files/report-{n}.pdf'>PDF, 1.{n} MB</a></td><td>May {n}, 2024</td></tr>"
                   for n in range(1, 9))
    got = _page("Resource Library | Millbrook Society", f"<h1>Resource Library</h1>{INTRO}<table><tbody>{rows}</tbody>"
                "</table>", "https://www.millbrook.test/resources/library")
    assert got.page_type == "list"


def test_an_archive_of_issues_named_in_the_title_is_a_list():
    issues = "".join(f"<div class='issue'><img src='/covers/{n}.jpg' alt='cover'><h2>Issue {n}</h2><p>Inside: the "
                     f"mill pond survey, part {n}.</p><a href='/files/a{n}b.pdf'>Read (PDF)</a></div>"
                     for n in range(1, 7))
    got = _page("Newsletter Archive | Millbrook Society", f"<h1>The Millbrook Miller</h1>{INTRO}{issues}",
                "https://www.millbrook.test/newsletters")
    assert (got.page_type, got.page_type_reason) == ("list", "collection")


def test_a_page_of_prose_paragraphs_under_a_collection_name_stays_an_article():
    prose = "".join(f"<p>The society's publications began in {1950 + n} with a <a href='/history/{n}'>short "
                    f"bulletin</a> typed by volunteers, and grew into a quarterly journal read across the county.</p>"
                    for n in range(1, 6))
    got = _page("Publications | Millbrook Society", f"<h1>Publications</h1>{prose}",
                "https://www.millbrook.test/about/publications")
    assert got.page_type == "article"


def test_a_dated_story_over_a_gallery_stays_an_article():
    photos = "".join(f"<figure class='photo'><a href='/photos/{n}.jpg'><img src='/photos/t{n}.jpg'></a>"
                     f"<figcaption>Guests at the dinner, table {n}</figcaption></figure>" for n in range(1, 9))
    main = ("<h1>Society honours volunteers at annual dinner</h1><p class='date'>March 9, 2026</p>"
            "<p>More than 120 members gathered at the Grange Hall on Saturday to thank the volunteers who kept the "
            "museum open through the winter.</p>" + photos)
    got = _page("Society honours volunteers at annual dinner | Millbrook Society", main,
                "https://www.millbrook.test/news/2026/03/society-honours-volunteers")
    assert got.page_type == "article"


def test_an_old_sites_albums_three_to_a_table_row_are_a_list():
    cells = "".join(
        "<tr>" + "".join(f"<td><a href='albums/{row}{col}/index.htm'><img src='albums/{row}{col}/t.jpg'></a><br>"
                         f"<font size='1'>Album {row}{col}, Saturday {row + col + 3}th May 2003</font></td>"
                         for col in range(3)) + "</tr>" for row in range(3))
    main = (f"<p><font size='4'><b>Photo Albums</b></font></p><p>Photographs of the garden and the Friends' outings."
            f"</p><table class='albums'>{cells}</table>")
    got = _page("Friends of Ashcombe Garden - Photo Albums", main, "http://www.ashcombe.test/photos.htm")
    assert (got.page_type, got.page_type_reason) == ("list", "collection")


def test_a_table_of_figures_under_a_collection_name_is_no_grid_of_entries():
    rows = "".join(f"<tr><td>Report {n}</td><td>{n * 12} pages</td><td>{2010 + n}</td></tr>" for n in range(1, 7))
    prose = "".join(f"<p>The {n}th report of the series looked at the county's rivers and their fish, year by year, "
                    f"with a chapter on the mills.</p>" for n in range(1, 4))
    got = _page("Publications | Millbrook Society", f"<h1>Publications</h1>{prose}<table>{rows}</table>",
                "https://www.millbrook.test/about/publications")
    assert got.page_type == "article"


@pytest.mark.parametrize(("title", "headline"), [
    ("Photo Gallery: 2024 Annual Conference | Millbrook Society", "Photo Gallery: 2024 Annual Conference"),
    ("Spring dinner honours volunteers | Events | Millbrook Society", "Spring dinner honours volunteers"),
    ("春季理事会在临湾召开_图片新闻_临湾市物流协会", "春季理事会在临湾召开"),
    ("Events in 2024: A Record Year | Millbrook Society", "Events in 2024: A Record Year"),
])
def test_a_dated_story_under_a_collections_name_stays_an_article(title, headline):
    photos = "".join(f"<figure class='photo'><a href='/photos/{n}.jpg'><img src='/photos/t{n}.jpg'></a>"
                     f"<figcaption>Guests at the dinner, table {n}</figcaption></figure>" for n in range(1, 9))
    main = (f"<h1>{headline}</h1><p class='date'>March 9, 2026</p><p>More than 120 members gathered at the Grange "
            "Hall on Saturday to thank the volunteers who kept the museum open through the winter.</p>" + photos)
    assert _page(title, main, "https://www.millbrook.test/news/2026/03/spring-dinner").page_type == "article"


@pytest.mark.parametrize("headline", ["Current Job Openings", "Work with us"])
def test_a_careers_page_of_openings_is_a_list(headline):
    jobs = "".join(f"<div class='job'><h3><a href='/careers/job-{n}'>Program officer {n}</a></h3><p>Full time · "
                   f"Nairobi · closes {n} May</p></div>" for n in range(1, 7))
    got = _page(f"{headline} | Seedline Global", f"<h1>{headline}</h1>{INTRO}<div class='jobs'>{jobs}</div>",
                "https://www.seedline.test/careers/")
    assert got.page_type == "list"


def test_a_committee_over_its_members_cards_is_a_list_and_news_of_its_election_is_not():
    cards = "".join(f"<div class='member-card'><img src='/nec/{n}.jpg' alt=''><h3>Member {n}</h3><p>Region {n}, "
                    f"elected 2023. Works as a care assistant in a residential home and has been a rep since 20{n}.</p>"
                    f"</div>" for n in range(10, 18))
    intro = "<p>The National Executive Committee runs the union between conferences.</p>"
    got = _page("National Executive Committee | Care Workers' Union",
                f"<h1>National Executive Committee</h1>{intro}<div class='cards'>{cards}</div>",
                "https://www.carers.test/about-us/national-executive")
    assert (got.page_type, got.page_type_reason) == ("list", "collection")
    news = (f"<h1>New National Executive Committee elected</h1><p class='date'>March 9, 2026</p>{intro}"
            f"<div class='cards'>{cards}</div>")
    assert _page("New National Executive Committee elected | Care Workers' Union", news,
                 "https://www.carers.test/news/2026/03/new-nec").page_type == "article"


@pytest.mark.parametrize(("title", "headline"), [
    ("2024 Awards Gala Photo Gallery | Millbrook Society", "2024 Awards Gala Photo Gallery"),
    ("Introducing the Member Directory | Millbrook Society", "Introducing the Member Directory"),
    ("Newsroom | Millbrook Society", "Society honours volunteers at annual dinner"),  # a dated page's <title> part
])
def test_a_dated_headline_that_ends_with_a_collections_name_is_a_story(title, headline):
    photos = "".join(f"<figure class='photo'><a href='/photos/{n}.jpg'><img src='/photos/t{n}.jpg'></a>"
                     f"<figcaption>Guests at the dinner, table {n}</figcaption></figure>" for n in range(1, 9))
    main = (f"<h1>{headline}</h1><p class='date'>March 9, 2026</p><p>More than 120 members gathered at the Grange "
            "Hall on Saturday to thank the volunteers who kept the museum open through the winter.</p>" + photos)
    assert _page(title, main, "https://www.millbrook.test/news/2026/03/spring-dinner").page_type == "article"


def test_an_undated_guide_mentioning_a_team_over_cards_is_a_story():
    cards = "".join(f"<div class='tip'><img src='/tips/{n}.png' alt=''><h3>Tip {n}</h3><p>Talk to each member of "
                    f"the crew every week, and make time for a proper break on long shifts, number {n}.</p></div>"
                    for n in range(1, 7))
    main = (f"<h1>How to look after your team's mental health</h1>{INTRO}<div class='tips'>{cards}</div>")
    got = _page("How to look after your team's mental health | Millbrook Society", main,
                "https://www.millbrook.test/guides/team-mental-health")
    assert got.page_type == "article"
