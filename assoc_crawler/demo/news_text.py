"""Vocabulary of :mod:`assoc_crawler.demo.news_sites`: English news sentences, headlines, names and sections, the
words of the page's chrome and widgets (``UI``) and how dates, titles and bylines are written.

``fill(rng, pattern)`` replaces every ``{Slot}`` of a pattern with a random word of ``SLOTS`` or a made-up value
(numbers, people, companies). Deterministic for an rng; no I/O. :mod:`.news_text_de` has the same names in German.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import datetime

LANG = "en"
TITLE_FORMATS = ("{h} | {site}", "{h} - {section} - {site}", "{site}: {h}", "{h}", "{h} \u2013 {site}",
                 "{h} | {section} | {site}")
DATE_FORMATS = ("%B %d, %Y", "%b. %d, %Y %I:%M %p", "%d %B %Y", "%Y-%m-%d %H:%M", "%A, %B %d, %Y",
                "Published %B %d, %Y at %I:%M %p", "Updated %d/%m/%Y")
BYLINE_FORMS = ("By {names}", "{names}", "By {names}, {paper}", "by {names} | Staff writer", "Written by {names}",
                "{names} Reporter")
#: The words of the chrome, the widgets and the kinds of pages.
UI = {
    "and": "and", "today": "Monday, December 7, 2026", "subscribe": "Subscribe", "sign_in": "Sign in",
    "newsletters": "Newsletters", "search": "Search", "skip": "Skip to content", "home": "Home",
    "most_read": "Most read", "briefing": "Get the morning briefing",
    "briefing_text": "The day's top stories in your inbox every weekday.", "email": "Email address",
    "sign_up": "Sign up", "advertisement": "Advertisement", "about_us": "About us", "contact": "Contact",
    "privacy": "Privacy policy", "terms": "Terms of use", "advertise": "Advertise", "rights": "All rights reserved.",
    "related": ("Related:", "READ MORE:", "See also:"), "newsletter_box": "Sign up for our daily newsletter",
    "newsletter_text": "Get the latest headlines delivered to your inbox.",
    "captions": ("Workers at a {Thing} plant outside {City}.", "{Person} speaks in {City}.",
                 "Delegates at the {Event} in {City} on {Day}."),
    "credits": ("Photo: Staff", "(AP Photo)", "Getty Images"), "min_read": "{n} min read",
    "share": ("Facebook", "Twitter", "Email", "Print", "Copy link"), "topics": "Topics: ", "about": "About {name}",
    "bio": "{name} covers {section} for {site}. Previously a reporter in {town}.",
    "comments_of": ("Great piece on {Topic}.", "Nobody asked {City} about this.",
                    "Prices of {Thing} were already too high."),
    "comments": "{n} Comments", "post_comment": "Post comment", "more_from": "More from {section}",
    # kinds of pages (news_pages)
    "roundups": ("Morning Briefing: ", "What We're Reading: ", "The Week in Review: "),
    "live": "Live updates: ", "stamp": "{h}:{m:02d} a.m.", "question": "Q: {q}", "answer": "A: {a}",
    "qa": "Q&A: {person} on {topic}", "dateline": "{city}, Dec. {d}, 2026 -- ", "about_company": "About {company}",
    "company_is": "{company} is a {kind} company based in {city}. ",
    "company_kinds": ("leading", "family-owned", "listed"),
    "media_contact": "Media contact: {person}, press@{host}.com", "transcript": "Transcript", "watch": "Watch: ",
    "in_pictures": "In pictures: ", "paywall": "Subscribe to continue reading",
    "paywall_text": "Get unlimited access to {site} for $1 a week. Cancel anytime.",
    "subscriber": "Already a subscriber? Sign in", "links_out": ("Read the report", "See the figures", "More on this"),
    "things": "{n} things to know about ", "reply": "Reply", "join": "Join the conversation", "contents": "Contents",
    "guide": "A guide to ", "next": "Next", "topic": "Topic: {topic}",
    "reporter": "{name} is a reporter covering {section} for {site}. Follow on social media.",
    "results": '{n} results for "{q}"', "search_results": "Search results for {q}",
    "not_found": "Sorry, the page you were looking for could not be found. It may have been moved or deleted.",
    "popular": "Popular stories", "not_found_titles": ("Page not found", "404 - Page Not Found", "Oops!"),
    "password": "Password", "forgot": "Forgot your password?", "new_here": "New here?",
    "create_account": "Create an account", "login_titles": ("Sign in", "Log in to your account"),
    "daily": "{section} Daily", "daily_text": "The day's {section} news, every weekday morning.",
}


TLD = "com"


def paper_name(town: str, paper: str) -> str:
    """A paper's name with its article: The Riverton Gazette."""
    return f"The {town} {paper}"


def date_text(when: datetime, fmt: str) -> str:
    """``when`` written as ``fmt`` says (strftime), without leading zeros of days."""
    return when.strftime(fmt).replace(" 0", " ")

FIRST = ("Jane", "John", "Maria", "David", "Aisha", "Tom", "Laura", "Peter", "Nadia", "Carlos", "Emily", "Omar",
         "Grace", "Henry", "Sofia", "Daniel", "Chloe", "Rahul", "Anna", "Lucas", "Megan", "Kenji", "Fiona", "Ivan")
LAST = ("Doe", "Walker", "Okafor", "Chen", "Fischer", "Moreno", "Patel", "Nguyen", "Larsen", "O'Brien", "Kowalski",
        "Haddad", "Bennett", "Rossi", "Tanaka", "Murphy", "Silva", "Dubois", "Novak", "Ahmed", "Foster", "Keller")
TOWNS = ("Riverton", "Lakeside", "Harbor", "Millbrook", "Northgate", "Ashford", "Granite", "Bayview", "Westfield",
         "Pinecrest", "Summit", "Clearwater", "Fairhaven", "Redfield", "Stonebridge", "Oakmont")
PAPERS = ("Gazette", "Courier", "Herald", "Tribune", "Post", "Ledger", "Observer", "Times", "Journal", "Chronicle",
          "Review", "Daily", "Dispatch", "Sentinel", "Monitor", "Record")
SECTIONS = ("Business", "Markets", "Politics", "World", "Technology", "Energy", "Climate", "Health", "Science",
            "Local", "Industry", "Trade", "Economy", "Education", "Transport", "Culture")
SLOTS: dict[str, tuple[str, ...]] = {
    "City": ("Riverton", "Lakeside", "Brussels", "Geneva", "Toronto", "Melbourne", "Denver", "Rotterdam", "Osaka",
             "Nairobi", "Lyon", "Austin", "Hamburg", "Cardiff", "Halifax", "Perth"),
    "Thing": ("steel", "copper", "aluminium", "lithium", "recycled plastic", "solar panels", "wind turbines",
              "batteries", "grain", "natural gas", "freight", "semiconductors", "timber", "cement"),
    "Body": ("the council", "the regulator", "the ministry", "the trade association", "the union", "the committee",
             "the board", "the agency", "the chamber of commerce", "the industry group"),
    "Topic": ("emissions rules", "import tariffs", "the new safety code", "wage talks", "the recycling target",
              "grid upgrades", "the housing plan", "export licences", "the budget", "water prices", "rail freight",
              "the pension reform", "data privacy", "the apprenticeship scheme"),
    "Company": ("Northwind Metals", "Bluestone Energy", "Crescent Logistics", "Apex Recycling", "Harbor Steel",
                "Vireo Systems", "Pioneer Cement", "Kestrel Mining", "Summit Foods", "Orion Batteries"),
    "Role": ("chief executive", "spokeswoman", "spokesman", "economist", "analyst", "director", "chairwoman",
             "minister", "mayor", "researcher", "union leader", "president"),
    "Verb": ("rise", "fall", "slow", "recover", "stall", "double", "shrink", "pick up"),
    "Event": ("summit", "hearing", "conference", "strike", "auction", "review", "inquiry", "trade fair"),
    "Day": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MAKERS = {
    "n": lambda rng: str(rng.randint(3, 950)),
    "pct": lambda rng: f"{rng.randint(1, 40)}.{rng.randint(0, 9)}",
    "money": lambda rng: f"${rng.randint(2, 900)} million",
    "year": lambda rng: str(rng.randint(2019, 2026)),
    "Person": lambda rng: person(rng),
}
HEADLINES = (
    "{Company} to Cut {n} Jobs as {Thing} Demand Slows",
    "{Thing} Prices Expected to {Verb} After {Topic} Vote",
    "{City} Hosts {Event} on {Topic}",
    "Why {Topic} Matters for {Thing} Makers",
    "{Body} Approves {money} Plan for {Thing} Plants",
    "{Company} Reports {pct}% Rise in Quarterly Profit",
    "Talks on {Topic} Resume in {City}",
    "What the {Event} Means for {City}",
    "{Thing} Exports Hit Record as {Topic} Eases",
    "{Person} Named New Head of {Company}",
    "Inside the Fight Over {Topic}",
    "{City} Residents Split on {Topic}",
)
SENTENCES = (
    "{Body} said on {Day} that it would review {Topic} before the end of the year.",
    "Output of {Thing} rose {pct} percent in the third quarter, according to figures released on {Day}.",
    "\u201cWe have never seen demand like this,\u201d said {Person}, {Role} at {Company}.",
    "The decision affects roughly {n} workers in and around {City}.",
    "Critics argue that {Topic} has been delayed for too long and will cost households more.",
    "{Company} said the {money} investment would be completed within three years.",
    "Analysts expect prices of {Thing} to {Verb} through the spring as stocks are rebuilt.",
    "The {Event} in {City} drew {n} delegates from across the region.",
    "Officials did not respond to a request for comment on {Day}.",
    "Shares of {Company} closed {pct} percent higher after the announcement.",
    "Under the proposal, companies would have to report their use of {Thing} every quarter.",
    "{Person}, who has studied {Topic} for a decade, said the numbers were encouraging but fragile.",
    "Local businesses say {Topic} has already changed how they plan for the winter.",
    "The agreement still needs the approval of {Body}, which meets again next month.",
    "Last year {n} companies applied for the scheme, up from {n} the year before.",
    "\u201cThis is a first step, not the last one,\u201d {Person} told reporters in {City}.",
    "Imports of {Thing} fell to their lowest level since {year}.",
    "Some members of {Body} have called for a public inquiry into {Topic}.",
    "The plan sets aside {money} for training and another {money} for new equipment.",
    "Freight costs between {City} and {City} have nearly doubled since the spring.",
    "Environmental groups welcomed the move but said it did not go far enough.",
    "The company employs {n} people at its plant outside {City}.",
    "A spokesperson for {Body} said the figures would be published in full on {Day}.",
    "Most of the {money} will go to projects that reuse {Thing} rather than mining new material.",
)
QUESTIONS = ("What changes for {Thing} makers?", "How did {Topic} come about?", "Who pays for {Topic}?",
             "What happens after the {Event}?", "Is the {money} plan enough?")
SUBHEADS = ("What comes next", "A long road", "Mixed reactions", "The numbers", "Winners and losers",
            "Background", "Pressure from {Body}", "Lessons from {City}", "A closer look at {Thing}")
TEASERS = ("{Body} will decide on {Topic} next week.", "Prices of {Thing} keep climbing.",
           "{Person} on what the {Event} means.", "A guide to {Topic}.", "{n} firms sign up to the scheme.")
SLOT = re.compile(r"\{(\w+)\}")


def person(rng: random.Random, first: tuple[str, ...] = FIRST, last: tuple[str, ...] = LAST) -> str:
    """A made-up full name (from ``first`` and ``last``: another language's names)."""
    return f"{rng.choice(first)} {rng.choice(last)}"


def fill(rng: random.Random, pattern: str, slots: dict[str, tuple[str, ...]] = SLOTS,
         makers: dict[str, Callable[[random.Random], str]] = MAKERS) -> str:
    """``pattern`` with every ``{Slot}`` replaced from ``slots`` or ``makers``."""
    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in slots:
            return rng.choice(slots[name])
        return makers[name](rng)
    return SLOT.sub(one, pattern)


def paragraph(rng: random.Random, sentences: int, pool: tuple[str, ...] = SENTENCES,
              filler: Callable[[random.Random, str], str] | None = None) -> str:
    """A paragraph of ``sentences`` random sentences of ``pool``, filled by ``filler`` (this module's fill)."""
    filler = filler or fill
    return " ".join(filler(rng, rng.choice(pool)) for _ in range(sentences))


def headline(rng: random.Random, pool: tuple[str, ...] = HEADLINES,
             filler: Callable[[random.Random, str], str] | None = None) -> str:
    return (filler or fill)(rng, rng.choice(pool))


def slug(headline_text: str) -> str:
    """A URL slug of a headline: lower case words joined by hyphens, at most eight."""
    return "-".join(re.findall(r"[a-z0-9]+", headline_text.lower())[:8])
