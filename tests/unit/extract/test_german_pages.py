"""German news pages the rules met on the generated German news sites (bench/news.py --lang de): a "Seite nicht
gefunden" message above a box of popular stories, a "Mehr aus …" grid after a short text, bylines led by "Ein
Beitrag von", lists of names closed by "und" and followed by the paper's name or a job title. Pages written here."""

from __future__ import annotations

import pytest

from assoc_crawler.extract import extract_page
from assoc_crawler.extract.latin_bylines import latin_names
from assoc_crawler.extract.listings import heading_kind

SITE = "Mainzer Volksstimme"
CHROME = ("<header><a class='logo' href='/'><img src='/logo.png' alt='Mainzer Volksstimme'></a><nav><ul>"
          + "".join(f"<li><a href='/{s.lower()}/'>{s}</a></li>" for s in ("Wirtschaft", "Politik", "Energie", "Region"))
          + "</ul></nav></header>")
FOOTER = ("<footer><a href='/impressum/'>Impressum</a> <a href='/datenschutz/'>Datenschutz</a> © 2026 Mainzer "
          "Volksstimme. Alle Rechte vorbehalten.</footer>")
STORY = ("<p>Der Stadtrat kündigte am Montag an, die Importzölle bis zum Jahresende zu überprüfen.</p>"
         "<p>Die Produktion von Kupfer stieg im dritten Quartal um 4,2 Prozent, wie veröffentlichte Zahlen zeigen.</p>"
         "<p>Eine Stellungnahme der Behörden lag am Mittwoch zunächst nicht vor, die Gewerkschaft will abwarten.</p>")
OG = f"<meta property='og:site_name' content='{SITE}'>"


def page(title: str, main: str, url: str = "http://www.mainzervolksstimme.test/wirtschaft/ein-artikel-123/") -> object:
    html = (f"<html lang='de'><head><meta charset='utf-8'><title>{title}</title>{OG}</head><body>{CHROME}"
            f"<div class='container'><main>{main}</main></div>{FOOTER}</body></html>")
    return extract_page(html.encode("utf-8"), url)


def links(count: int) -> str:
    return "".join(f"<li><a href='/wirtschaft/meldung-{n}/'>Hafenstahl AG streicht {n}0 Stellen wegen schwacher "
                   "Nachfrage</a></li>" for n in range(1, count + 1))


@pytest.mark.parametrize("message", [
    "Die gesuchte Seite wurde leider nicht gefunden. Möglicherweise wurde sie verschoben oder gelöscht.",
    "Diese Seite existiert nicht mehr. Nutzen Sie die Suche oder besuchen Sie die Startseite.",
])
def test_a_german_page_not_found_message_above_popular_stories_is_an_error_page(message):
    main = (f"<div class='page-content'><h1>Hoppla!</h1><p>{message}</p><form action='/suche/'><input name='q'>"
            f"<button>Suche</button></form><h2>Beliebte Artikel</h2><ul>{links(4)}</ul></div>")
    got = page(f"Hoppla! | {SITE}", main, "http://www.mainzervolksstimme.test/was-die-tagung-bedeutet-854/")
    assert (got.page_type, got.page_type_reason) == ("other", "error-page")


def test_a_german_text_that_names_a_page_stays_an_article():
    text = ("<p>Die Seite des Vereins wurde neu gestaltet und ist seit Montag online.</p>" + STORY)
    got = page(f"Verein mit neuem Auftritt | {SITE}", f"<h1>Verein mit neuem Auftritt</h1><div class='text'>{text}</div>")
    assert got.page_type == "article" and got.body_text.startswith("Die Seite des Vereins")


@pytest.mark.parametrize("heading, kind", [("Mehr aus Wirtschaft", "related"), ("Weitere Meldungen", "related"),
                                           ("Beliebte Artikel", "hot")])
def test_german_listing_headings(heading, kind):
    assert heading_kind(heading) == kind


def test_a_more_from_grid_after_a_short_text_stays_out_of_the_body():
    cards = "".join(f"<div class='card'><a href='/wirtschaft/meldung-{n}/'><img src='/t{n}.jpg' alt=''><h3>Preise für "
                    f"Stahl steigen weiter, Teil {n}</h3></a><p>Ein Überblick über die Wasserpreise.</p></div>"
                    for n in range(1, 7))
    main = (f"<article><h1>Kiel lädt zur Tagung</h1><div class='article-body'><p>Zur Tagung in Kiel kamen 300 "
            f"Delegierte aus der ganzen Region.</p></div></article><section class='more-stories'><h2>Mehr aus "
            f"Wirtschaft</h2>{cards}</section>")
    got = page(f"Kiel lädt zur Tagung | {SITE}", main)
    assert got.body_text == "Zur Tagung in Kiel kamen 300 Delegierte aus der ganzen Region."


@pytest.mark.parametrize("byline, author", [
    ("Ein Beitrag von <a href='/autor/anna-meyer/'>Anna Meyer</a>", "Anna Meyer"),
    ("Von Anna Meyer, Jan Wolf und Nina Koch, Mainzer Volksstimme", "Anna Meyer, Jan Wolf und Nina Koch"),
    ("Anna Meyer, Jan Wolf und Nina Koch, Redakteure", "Anna Meyer, Jan Wolf und Nina Koch"),
    # longer than a byline value may be: the job title goes before the value is cut
    ("Laura Müller, Markus Schneider und Jonas Schröder, Redakteure",
     "Laura Müller, Markus Schneider und Jonas Schröder"),
])
def test_german_bylines(byline, author):
    main = (f"<article><h1>Streit um die Importzölle</h1><div class='byline'><span class='author'>{byline}</span>"
            f"</div><div class='article-body'>{STORY}</div></article>")
    assert page(f"Streit um die Importzölle | {SITE}", main).author == author


def test_names_closed_by_a_word_then_the_sites_name_or_a_job_title():
    assert latin_names("Anna Meyer, Jan Wolf und Nina Koch, Mainzer Volksstimme", SITE) == (
        "Anna Meyer, Jan Wolf und Nina Koch")
    # without the site's name the last piece may be a place: 'A, New York and B, London' pairs names with places
    assert latin_names("Jane Doe, New York and John Roe, London") == "Jane Doe"
    assert latin_names("Jane Doe, John Roe and Ann Lee, Staff Writers") == "Jane Doe, John Roe and Ann Lee"
    # a job title is never a name of the list
    assert latin_names("Jane Doe, Staff Writer, and John Roe, Correspondent") == "Jane Doe"


@pytest.mark.parametrize("headline", ["Beliebtes Café schließt", "Beliebte Badeseen mit Blaualgen"])
def test_a_headline_with_a_popular_word_is_the_headline(headline):
    main = (f"<article><header><h1>{headline}</h1><div class='meta'><a href='/2026/05/'>5. Mai 2026</a> von "
            f"<a href='/autor/maria-thiele/' rel='author'>Maria Thiele</a></div></header>"
            f"<div class='article-body'>{STORY}</div></article>")
    got = page(f"Nach 40 Jahren ist Schluss am Domplatz | {SITE}", main)
    assert got.title == headline and got.author == "Maria Thiele"


@pytest.mark.parametrize("subheading, paragraph, kept", [
    ("Mehr aus der Region", "Auch in <a href='/blankenburg/'>Blankenburg</a> und <a href='/ilsenburg/'>Ilsenburg"
                            "</a> wurde am Wochenende gefeiert, die Veranstalter zählten viele Gäste.",
     "wurde am Wochenende gefeiert"),
    ("Beliebte Wanderwege", "Am bekanntesten sind der <a href='/hexenstieg/'>Hexenstieg</a> und der "
                            "<a href='/harzer-grenzweg/'>Harzer Grenzweg</a>, beide gut ausgeschildert.",
     "beide gut ausgeschildert"),
])
def test_a_subheading_of_the_text_with_links_in_its_sentences_stays_in_the_body(subheading, paragraph, kept):
    text = f"{STORY}<h2>{subheading}</h2><p>{paragraph}</p>"
    main = f"<article><h1>Stadtfest zieht Besucher an</h1><div class='article-body'>{text}</div></article>"
    body = page(f"Stadtfest zieht Besucher an | {SITE}", main).body_text
    assert subheading in body and kept in body


@pytest.mark.parametrize("text", [
    "Diese Seite existiert nicht mehr: Das Landgericht hat die Abschaltung des Portals bestätigt.",
    "La page officielle du club est introuvable depuis lundi, a indiqué la mairie.",
])
def test_a_dated_brief_that_opens_with_error_words_stays_an_article(text):
    main = (f"<article><h1>Portal abgeschaltet</h1><time datetime='2026-05-04'>4. Mai 2026</time>"
            f"<div class='article-body'><p>{text}</p></div></article>")
    got = page(f"Portal abgeschaltet | {SITE}", main)
    assert got.page_type == "article"


def test_a_personal_blog_named_after_its_writer_keeps_the_writers_name():
    html = ("<html lang='de'><head><title>Mein Garten im Mai | Anna Berger</title>"
            "<meta property='og:site_name' content='Anna Berger'></head><body><header><a href='/'>Anna Berger</a>"
            "</header><main><article><h1>Mein Garten im Mai</h1><div class='byline'><span class='author'>Anna Berger, "
            f"Redakteurin</span></div><div class='entry-content'>{STORY}</div></article></main></body></html>")
    got = extract_page(html.encode("utf-8"), "http://anna-berger.test/2026/05/mein-garten/")
    assert got.author == "Anna Berger"


@pytest.mark.parametrize("figure", [
    "<figure><img src='/bild/1.jpg' alt=''><figcaption>Kondenswasser am Fenster ist im Winter ein bekanntes Problem. "
    "Foto: Redaktion</figcaption></figure>",
    "<figure class='figure'><div class='figure__image'><img src='/bild/2.jpg' alt=''></div><h2 "
    "class='figure__caption'>Ein Kippmoment im Stück: die Menge wird zum Mob. Bild: Theater</h2></figure>",
])
def test_a_photos_caption_stays_with_the_photo_not_in_the_text(figure):
    main = (f"<article><h1>Streit um die Importzölle</h1><div class='article-body'>{STORY[:96]}{figure}{STORY[96:]}"
            "</div></article>")
    got = page(f"Streit um die Importzölle | {SITE}", main)
    assert "Foto: Redaktion" not in got.body_text and "Kippmoment" not in got.body_text
    assert got.body_text.startswith("Der Stadtrat") and got.body_text.endswith("will abwarten.")
    assert got.images and got.images[0].caption


def test_a_photo_gallery_is_told_by_its_captions():
    figures = "".join(f"<figure class='gallery-item'><img src='/bild/g{n}.jpg' alt=''><figcaption>Bild {n}: Teilnehmer "
                      f"der Tagung in Kiel am Mittwoch, Station {n} des Rundgangs.</figcaption></figure>"
                      for n in range(1, 7))
    main = (f"<article><h1>Bildergalerie: Tagung in Kiel</h1><div class='article-body'><p>Die Tagung in Kiel in "
            f"Bildern.</p>{figures}</div></article>")
    got = page(f"Bildergalerie: Tagung in Kiel | {SITE}", main)
    assert "Station 6 des Rundgangs" in got.body_text


def test_a_short_undated_text_with_photo_captions_stays_an_article():
    # the gate reads the captions as the page's text: without them the page would look too short to archive
    figures = "".join(f"<figure><img src='/bild/v{n}.jpg' width='640' alt=''><figcaption>Die Gründungsmitglieder "
                      f"{n} vor dem Gasthaus Krone, in dem der Verein bis 1965 sein Vereinslokal hatte, Bild {n}."
                      "</figcaption></figure>" for n in range(1, 3))
    main = (f"<article><h1>Hundert Jahre Sportverein</h1><div class='article-body'><p>Der Sportverein wurde 1921 "
            f"gegründet und zählt heute 800 Mitglieder in sieben Abteilungen, vom Fußball bis zum Tischtennis.</p>"
            f"{figures}<p>Das Jubiläum wird im Sommer mit einem großen Fest auf dem Sportplatz gefeiert.</p></div>"
            "</article>")
    got = page(f"Hundert Jahre Sportverein | {SITE}", main, "http://www.mainzervolksstimme.test/verein/geschichte/")
    assert got.page_type == "article"


def test_text_in_a_figure_with_an_icon_is_no_photo_caption():
    quote = ("<figure class='pullquote'><img src='/icons/quote.svg' width='24' height='24' alt=''><figcaption>„Wir "
             "haben zwölf Jahre auf diesen Tag gewartet“, sagte die Vorsitzende.</figcaption></figure>")
    main = (f"<article><h1>Streit um die Importzölle</h1><div class='article-body'>{STORY[:96]}{quote}{STORY[96:]}"
            "</div></article>")
    assert "zwölf Jahre auf diesen Tag" in page(f"Streit um die Importzölle | {SITE}", main).body_text
