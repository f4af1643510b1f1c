"""German vocabulary of :mod:`assoc_crawler.demo.news_sites`: the names of :mod:`.news_text` (sentences,
headlines, people, sections, the chrome's and widgets' words in ``UI``, date, title and byline forms) in German, so
that a German news site is drawn like an English one. Deterministic for an rng; no I/O.
"""

from __future__ import annotations

import random
import re
from datetime import datetime

from . import news_text

LANG = "de"
TLD = "de"
TITLE_FORMATS = ("{h} | {site}", "{h} - {section} - {site}", "{site}: {h}", "{h}", "{h} \u2013 {site}",
                 "{section}: {h} | {site}")
DATE_FORMATS = ("{d}. {month} {Y}", "{dd}.{mm}.{Y}, {H}:{M} Uhr", "{weekday}, {d}. {month} {Y}",
                "Veröffentlicht am {dd}.{mm}.{Y} um {H}:{M} Uhr", "Aktualisiert am {dd}.{mm}.{Y}",
                "{Y}-{mm}-{dd} {H}:{M}", "{dd}.{mm}.{Y}")
BYLINE_FORMS = ("Von {names}", "{names}", "Von {names}, {paper}", "von {names} | Redaktion", "Ein Beitrag von {names}",
                "{names}, Redakteur")
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
          "Dezember")
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
UI = {
    "and": "und", "today": "Montag, 7. Dezember 2026", "subscribe": "Abonnieren", "sign_in": "Anmelden",
    "newsletters": "Newsletter", "search": "Suche", "skip": "Zum Inhalt springen", "home": "Startseite",
    "most_read": "Meistgelesen", "briefing": "Der Morgen-Newsletter",
    "briefing_text": "Die wichtigsten Nachrichten des Tages, jeden Werktag in Ihrem Postfach.",
    "email": "E-Mail-Adresse", "sign_up": "Eintragen", "advertisement": "Anzeige", "about_us": "Über uns",
    "contact": "Kontakt", "privacy": "Datenschutz", "terms": "AGB", "advertise": "Werben",
    "rights": "Alle Rechte vorbehalten.", "related": ("Mehr zum Thema:", "LESEN SIE AUCH:", "Auch interessant:"),
    "newsletter_box": "Jetzt unseren Newsletter abonnieren",
    "newsletter_text": "Die neuesten Schlagzeilen direkt in Ihr Postfach.",
    "captions": ("Arbeiter in einem Werk für {Thing} bei {City}.", "{Person} spricht in {City}.",
                 "Teilnehmer der {Event} in {City} am {Day}."),
    "credits": ("Foto: Redaktion", "(Foto: dpa)", "Getty Images"), "min_read": "Lesezeit: {n} Min.",
    "share": ("Facebook", "X", "E-Mail", "Drucken", "Link kopieren"), "topics": "Themen: ", "about": "Über {name}",
    "bio": "{name} schreibt für {site} über {section}. Zuvor war sie Reporterin bei einer Lokalzeitung.",
    "comments_of": ("Guter Artikel über {Topic}.", "In {City} hat niemand die Leute gefragt.",
                    "Die Preise für {Thing} waren schon vorher zu hoch."),
    "comments": "{n} Kommentare", "post_comment": "Kommentar abschicken", "more_from": "Mehr aus {section}",
    "roundups": ("Morgenlage: ", "Das lesen wir: ", "Die Woche im Rückblick: "),
    "live": "Liveticker: ", "stamp": "{h}:{m:02d} Uhr", "question": "Frage: {q}", "answer": "Antwort: {a}",
    "qa": "Interview: {person} über {topic}", "dateline": "{city}, {d}. Dezember 2026 -- ",
    "about_company": "Über {company}", "company_is": "{company} ist ein {kind} Unternehmen mit Sitz in {city}. ",
    "company_kinds": ("führendes", "familiengeführtes", "börsennotiertes"),
    "media_contact": "Pressekontakt: {person}, presse@{host}.de", "transcript": "Transkript", "watch": "Video: ",
    "in_pictures": "Bildergalerie: ", "paywall": "Weiterlesen mit Abo",
    "paywall_text": "Unbegrenzter Zugang zu {site} für 1 Euro pro Woche. Jederzeit kündbar.",
    "subscriber": "Schon Abonnent? Anmelden", "links_out": ("Zum Bericht", "Zu den Zahlen", "Mehr dazu"),
    "things": "{n} Fakten: ", "reply": "Antworten", "join": "Diskutieren Sie mit", "contents": "Inhalt",
    "guide": "Ratgeber: ", "next": "Weiter", "topic": "Thema: {topic}",
    "reporter": "{name} berichtet für {site} über {section}. Folgen Sie ihr in den sozialen Medien.",
    "results": "{n} Treffer für \u201e{q}\u201c", "search_results": "Suchergebnisse für {q}",
    "not_found": ("Die gesuchte Seite wurde leider nicht gefunden. Möglicherweise wurde sie verschoben oder "
                  "gelöscht."),
    "popular": "Beliebte Artikel",
    "not_found_titles": ("Seite nicht gefunden", "404 - Seite nicht gefunden", "Hoppla!"),
    "password": "Passwort", "forgot": "Passwort vergessen?", "new_here": "Neu hier?",
    "create_account": "Konto erstellen", "login_titles": ("Anmelden", "In Ihr Konto einloggen"),
    "daily": "{section} am Morgen", "daily_text": "Die Nachrichten aus dem Ressort {section}, jeden Werktag früh.",
}
FIRST = ("Anna", "Lukas", "Marie", "Jonas", "Sophie", "Felix", "Laura", "Paul", "Lena", "Jan", "Katharina", "Tobias",
         "Julia", "Stefan", "Hannah", "Michael", "Nina", "Thomas", "Sarah", "Markus", "Clara", "Andreas", "Miriam",
         "Florian")
LAST = ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Braun", "Zimmermann", "Krüger", "Hartmann",
        "Lange", "Schmitt")
#: Towns as papers name themselves after them (Kieler Nachrichten).
TOWNS = ("Nordstädter", "Kieler", "Bremer", "Münchner", "Kölner", "Stuttgarter", "Leipziger", "Dresdner", "Mainzer",
         "Freiburger", "Rostocker", "Augsburger", "Grazer", "Basler", "Lübecker", "Ulmer")
PAPERS = ("Zeitung", "Nachrichten", "Rundschau", "Anzeiger", "Kurier", "Tagblatt", "Post", "Bote", "Echo",
          "Morgenpost", "Abendblatt", "Volksstimme")
SECTIONS = ("Wirtschaft", "Finanzen", "Politik", "Welt", "Technik", "Energie", "Klima", "Gesundheit", "Wissen",
            "Region", "Industrie", "Handel", "Konjunktur", "Bildung", "Verkehr", "Kultur")
SLOTS: dict[str, tuple[str, ...]] = {
    "City": ("Hamburg", "München", "Köln", "Stuttgart", "Leipzig", "Bremen", "Dresden", "Hannover", "Nürnberg",
             "Freiburg", "Kiel", "Mainz", "Rostock", "Augsburg", "Graz", "Basel"),
    "Thing": ("Stahl", "Kupfer", "Aluminium", "Lithium", "Recyclingkunststoff", "Solarmodule", "Windräder",
              "Batterien", "Getreide", "Erdgas", "Holz", "Zement", "Halbleiter"),
    "Body": ("der Stadtrat", "die Aufsichtsbehörde", "das Ministerium", "der Branchenverband", "die Gewerkschaft",
             "der Ausschuss", "der Vorstand", "die Handelskammer", "der Industrieverband"),
    "Topic": ("die neuen Emissionsregeln", "die Importzölle", "die Tarifverhandlungen", "das Recyclingziel",
              "die Netzentgelte", "das Wohnungsbauprogramm", "die Exportlizenzen", "die Haushaltsplanung",
              "die Wasserpreise", "die Rentenreform", "die Datenschutzregeln", "das Ausbildungsprogramm"),
    "Company": ("Nordwind Metall AG", "Blaustein Energie GmbH", "Halbmond Logistik", "Apex Recycling GmbH",
                "Hafenstahl AG", "Vireo Systeme", "Pionier Zement", "Falke Bergbau", "Gipfel Lebensmittel",
                "Orion Batterien"),
    "Role": ("Geschäftsführer", "Sprecherin", "Sprecher", "Ökonomin", "Analyst", "Direktorin", "Vorsitzende",
             "Ministerin", "Bürgermeister", "Forscherin", "Gewerkschaftschef", "Präsident"),
    "Verb": ("steigen", "sinken", "stagnieren", "anziehen", "nachgeben", "zurückgehen"),
    "Event": ("Anhörung", "Konferenz", "Auktion", "Fachmesse", "Tagung", "Versammlung", "Sitzung"),
    "Day": WEEKDAYS,
}
MAKERS = {
    "n": lambda rng: str(rng.randint(3, 950)),
    "pct": lambda rng: f"{rng.randint(1, 40)},{rng.randint(0, 9)}",
    "money": lambda rng: f"{rng.randint(2, 900)} Millionen Euro",
    "year": lambda rng: str(rng.randint(2019, 2026)),
    "Person": lambda rng: person(rng),
}
HEADLINES = (
    "{Company} streicht {n} Stellen wegen schwacher Nachfrage",
    "Preise für {Thing} dürften nach Abstimmung über {Topic} {Verb}",
    "{City} lädt zur {Event} über {Topic}",
    "Streit um {Topic} spitzt sich zu",
    "{Body} billigt {money} für neue Werke",
    "{Company} meldet {pct} Prozent mehr Gewinn",
    "Gespräche über {Topic} in {City} fortgesetzt",
    "Was die {Event} für {City} bedeutet",
    "Exporte von {Thing} auf Rekordhoch",
    "{Person} wird neuer Chef von {Company}",
    "Ringen um {Topic} geht in die nächste Runde",
    "{City}: Anwohner uneins über {Topic}",
)
SENTENCES = (
    "{Body} kündigte am {Day} an, {Topic} bis zum Jahresende zu überprüfen.",
    "Die Produktion von {Thing} stieg im dritten Quartal um {pct} Prozent, wie am {Day} veröffentlichte Zahlen zeigen.",
    "\u201eSo eine Nachfrage haben wir noch nie erlebt\u201c, sagte {Person}, {Role} bei {Company}.",
    "Die Entscheidung betrifft rund {n} Beschäftigte in und um {City}.",
    "Kritiker bemängeln, dass über {Topic} zu lange gestritten wurde und die Haushalte nun mehr zahlen müssen.",
    "{Company} teilte mit, die Investition von {money} solle innerhalb von drei Jahren abgeschlossen sein.",
    "Analysten erwarten, dass die Preise für {Thing} im Frühjahr weiter {Verb}.",
    "Zur {Event} in {City} kamen {n} Delegierte aus der ganzen Region.",
    "Eine Stellungnahme der Behörden lag am {Day} zunächst nicht vor.",
    "Die Aktie von {Company} schloss nach der Ankündigung {pct} Prozent höher.",
    "Nach dem Entwurf müssten Unternehmen ihren Verbrauch von {Thing} künftig vierteljährlich melden.",
    "{Person}, der seit zehn Jahren zu diesem Thema forscht, nannte die Zahlen ermutigend, aber fragil.",
    "Örtliche Betriebe stellen ihre Planung für den Winter wegen der Entwicklung bereits um.",
    "Die Vereinbarung muss noch gebilligt werden, das zuständige Gremium tagt im nächsten Monat wieder.",
    "Im vergangenen Jahr bewarben sich {n} Unternehmen um das Programm, nach {n} im Jahr davor.",
    "\u201eDas ist ein erster Schritt, nicht der letzte\u201c, sagte {Person} vor Journalisten in {City}.",
    "Die Einfuhren von {Thing} fielen auf den niedrigsten Stand seit {year}.",
    "Einige Mitglieder fordern eine öffentliche Untersuchung zu den Vorgängen.",
    "Der Plan sieht {money} für Weiterbildung und weitere {money} für neue Anlagen vor.",
    "Die Frachtkosten zwischen {City} und {City} haben sich seit dem Frühjahr fast verdoppelt.",
    "Umweltverbände begrüßten den Schritt, er gehe ihnen aber nicht weit genug.",
    "Das Unternehmen beschäftigt {n} Menschen in seinem Werk bei {City}.",
    "Ein Sprecher kündigte an, die Zahlen am {Day} vollständig zu veröffentlichen.",
    "Der Großteil der {money} soll in Projekte fließen, die {Thing} wiederverwerten, statt Rohstoffe abzubauen.",
)
QUESTIONS = ("Was ändert sich für Hersteller von {Thing}?", "Wie kam es zum Streit um {Topic}?",
             "Wer bezahlt am Ende dafür?", "Wie geht es nach der {Event} weiter?", "Reichen {money} aus?")
SUBHEADS = ("Wie es weitergeht", "Ein langer Weg", "Geteilte Reaktionen", "Die Zahlen", "Gewinner und Verlierer",
            "Hintergrund", "Druck aus der Politik", "Lehren aus {City}", "Ein genauer Blick auf {Thing}")
TEASERS = ("Die Entscheidung über {Topic} fällt nächste Woche.", "Preise für {Thing} steigen weiter.",
           "{Person} über die Folgen der {Event}.", "Ein Überblick über {Topic}.",
           "{n} Firmen machen beim Programm mit.")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def person(rng: random.Random) -> str:
    """A made-up full name."""
    return news_text.person(rng, FIRST, LAST)


def fill(rng: random.Random, pattern: str) -> str:
    """``pattern`` with every ``{Slot}`` replaced from SLOTS or MAKERS; a sentence starts with a capital."""
    filled = news_text.fill(rng, pattern, SLOTS, MAKERS)
    return filled[:1].upper() + filled[1:]


def paragraph(rng: random.Random, sentences: int) -> str:
    """A paragraph of ``sentences`` random sentences."""
    return news_text.paragraph(rng, sentences, SENTENCES, fill)


def headline(rng: random.Random) -> str:
    return news_text.headline(rng, HEADLINES, fill)


def slug(headline_text: str) -> str:
    """A URL slug of a headline: lower case words (umlauts spelt out) joined by hyphens, at most eight."""
    return "-".join(re.findall(r"[a-z0-9]+", headline_text.lower().translate(_UMLAUTS))[:8])


def paper_name(town: str, paper: str) -> str:
    """A paper's name: Kieler Nachrichten."""
    return f"{town} {paper}"


def date_text(when: datetime, fmt: str) -> str:
    """``when`` written as ``fmt`` says, German month and weekday names."""
    return fmt.format(d=when.day, dd=f"{when.day:02d}", m=when.month, mm=f"{when.month:02d}", Y=when.year,
                      H=f"{when.hour:02d}", M=f"{when.minute:02d}", month=MONTHS[when.month - 1],
                      weekday=WEEKDAYS[when.weekday()])
