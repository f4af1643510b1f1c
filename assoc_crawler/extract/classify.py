"""Is this page an article? The gate keeps a page out of the archive only on positive evidence that it is
something else: a service view (login, search, comment, print, download), an error page, the site's own home
or a list of entries. Everything else with a headline and some text is an article; a doubtful one says so in
its reason (``short-notice``, ``short-undated``, ``link-heavy-prose`` ...), so researchers can filter on it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import parse_qsl, urlsplit

from .gate_labels import (
    ACCESS_STATUS_PATTERN,
    ARCHIVE_TITLE_PATTERN,
    CALENDAR_VIEW_PATTERN,
    COLLECTION_TITLE_PATTERN,
    CONSENT_TEXT_PATTERN,
    DATED_COLLECTION_TITLE_PATTERN,
    ERROR_LEAD_PATTERN,
    ERROR_TEXT_PATTERN,
    ERROR_TITLE_PART_PATTERN,
    ERROR_TITLE_PATTERN,
    ISSUE_FILE_PATTERN,
    MEMBERS_ONLY_PATTERN,
    PAYWALL_PATTERN,
    PEOPLE_HEADLINE_PATTERN,
    PEOPLE_NEWS_PATTERN,
    SERVER_PAGE_TITLE_PATTERN,
    SERVICE_TITLE_PATTERN,
    SIGNUP_TITLE_PATTERN,
    SITE_PAGE_TITLE_PATTERN,
    UNSUBSCRIBED_PATTERN,
)
from .labels import (
    ACTION_QUERY_KEYS,
    CONTACT_PATTERN,
    CUT_TEXT_PATTERN,
    DOWNLOAD_ACTION_PATTERN,
    DOWNLOAD_DETAIL_PATTERN,
    LIST_URL_PATTERN,
    NON_ARTICLE_PATH_WORDS,
    NON_ARTICLE_SEGMENTS,
)

_LIST_URL_RE = re.compile(LIST_URL_PATTERN, re.IGNORECASE)
_DOWNLOAD_DETAIL_RE = re.compile(DOWNLOAD_DETAIL_PATTERN)
_DOWNLOAD_ACTION_RE = re.compile(DOWNLOAD_ACTION_PATTERN)
_SERVICE_TITLE_RE = re.compile(SERVICE_TITLE_PATTERN, re.IGNORECASE)
_CONSENT_RE = re.compile(f"(?:{CONSENT_TEXT_PATTERN})", re.IGNORECASE)
_CONSENT_PHRASES = 2  # distinct phrases of a consent wall (one is a cookie notice's line in any page)
_CONSENT_WORD_RE = re.compile(r"cookie|consent|partners|vendors|personal data|privacy|advertis|your choices",
                              re.IGNORECASE)
_CONSENT_SHARE = 0.6
_SIGNUP_TITLE_RE = re.compile(SIGNUP_TITLE_PATTERN, re.IGNORECASE)
_LOGIN_TITLE_RE = re.compile(
    r"^\W*((please )?(log ?in|sign ?in)( required| to (view|read|access|continue)\b.*)?|members? only\b.*|"
    r"(会员|用户)?(登录|登陆)(后查看|后阅读)?)\W*$", re.IGNORECASE)
_SERVER_PAGE_TITLE_RE = re.compile(SERVER_PAGE_TITLE_PATTERN, re.IGNORECASE)
_SITE_PAGE_TITLE_RE = re.compile(SITE_PAGE_TITLE_PATTERN, re.IGNORECASE)
_COLUMN_WORDS = frozenset({"comment", "comments", "pinglun"})  # service words that also name a column of stories
_STORY_LEAF_RE = re.compile(r"(^|/)(19|20)\d{2}[-_/]?\d{2}([-_/]?\d{2})?/.*\d{3,}[^/]*$")  # a dated path to an id
_ERROR_TITLE_RE = re.compile(ERROR_TITLE_PATTERN, re.IGNORECASE)
_ERROR_TEXT_RE = re.compile(ERROR_TEXT_PATTERN, re.IGNORECASE)
_ERROR_LEAD_RE = re.compile(ERROR_LEAD_PATTERN, re.IGNORECASE)
_ERROR_TITLE_PART_RE = re.compile(ERROR_TITLE_PART_PATTERN, re.IGNORECASE)
_ACCESS_STATUS_RE = re.compile(ACCESS_STATUS_PATTERN, re.IGNORECASE)
_UNSUBSCRIBED_RE = re.compile(UNSUBSCRIBED_PATTERN, re.IGNORECASE)
_ARCHIVE_TITLE_RE = re.compile(ARCHIVE_TITLE_PATTERN, re.IGNORECASE)
_ISSUE_FILE_RE = re.compile(ISSUE_FILE_PATTERN, re.IGNORECASE)
_PAYWALL_RE = re.compile(PAYWALL_PATTERN, re.IGNORECASE)
_MEMBERS_ONLY_RE = re.compile(MEMBERS_ONLY_PATTERN, re.IGNORECASE)
_UPDATE_LABELS = frozenset({"更新时间", "更新日期", "最后更新", "last updated", "updated"})
_BODY_NAME_CJK = 12  # a body of people's name: 第三届理事会成员名单, not a headline about them
_BODY_NAME_WORDS = 6  # 'Board of Trustees', 'National Executive Committee'
_SENTENCE_MARK_RE = re.compile(r"[，。？！,?!]|['’]s\b")
_PAYWALL_LINE_CHARS = 300  # a paywall's message; a story's paragraph may speak of paywalls at length
_COLLECTION_TITLE_RE = re.compile(COLLECTION_TITLE_PATTERN, re.IGNORECASE)
_DATED_COLLECTION_TITLE_RE = re.compile(DATED_COLLECTION_TITLE_PATTERN, re.IGNORECASE)
_CALENDAR_VIEW_RE = re.compile(CALENDAR_VIEW_PATTERN, re.IGNORECASE)
_PEOPLE_HEADLINE_RE = re.compile(PEOPLE_HEADLINE_PATTERN, re.IGNORECASE)
_PEOPLE_NEWS_RE = re.compile(PEOPLE_NEWS_PATTERN, re.IGNORECASE)
_CUT_TEXT_RE = re.compile(CUT_TEXT_PATTERN, re.IGNORECASE)
_CUT_MARKS = ("...", "…", "更多", "详细", "详情", "全文", "more", "More", "MORE")  # what CUT_TEXT_PATTERN ends on
_NUMBERED_LIST_RE = re.compile(r"(^|/)(list|index)_\d+(_\d+)?\.s?html?$", re.IGNORECASE)
_ENTRY_SCRIPT_RE = re.compile(r"(^|/)(index|default)\.(php|aspx?|jsp|do)$", re.IGNORECASE)
_HOME_PATH_RE = re.compile(r"^/?((index|default|home|main)(\.\w{2,5})?)?$", re.IGNORECASE)
_STEM_RE = re.compile(r"\.\w{1,5}$")
_DIGIT_RE = re.compile(r"\d")

MIN_ARTICLE_CHARS = 40  # a dated page below this is a short notice, and needs its headline confirmed
MIN_UNDATED_ARTICLE_CHARS = 200  # without a date, a text this long is prose whatever else the page shows
MIN_NOTICE_CHARS = 10  # a one-sentence notice
LIST_INTRO_MAX_CHARS = 800  # a list's intro (a bio, a topic's summary) is a paragraph or two
MIN_ARCHIVE_FILES = 3  # an undated archive of past issues links to this many issue files at least
SHORT_INTRO_CHARS = 300  # an undated text this short over boxes of entries is a topic's or a column's intro
PEOPLE_SHARE = 0.5  # of an undated page's text in entries naming people and their posts: a list of people
PEOPLE_PAGE_MAX_CHARS = 3000  # a list of people (a staff directory of several divisions) is no longer than this
PAYWALL_TEASER_MAX_CHARS = 700  # a teaser's text over a paywall: a standfirst and a paragraph or two
COLLECTION_PAGE_MAX_CHARS = 3000  # a collection's index: its entries' short text (a directory's, an events list's)
COLLECTION_SHARE = 0.5  # of a collection-named page's text (or more) in entries with links or pictures: its index
MIN_TEXT_LINE_CHARS = 10  # an undated short page needs one line of text this long...
WORDY_CELL_SHARE = 0.25  # ... or a table with this share of its cells words
MIN_SITE_PAGE_CHARS = 100  # a paragraph about the site (协会简介); a name and an address are not something it published
ERROR_PAGE_MAX_CHARS = 300  # an error message is short; an article about a 404 is not
LOGIN_PAGE_MAX_CHARS = 200
FORM_PAGE_SHARE = 0.5  # an undated page with this share of its text in the rows of a form to fill in...
MAX_FORM_INTRO_CHARS = 80  # ... and less text than this around them is a form
ENTRY_TEXT_PER_LINK = 80  # a list's unlinked text per link (a date, a teaser); prose has far more
DATED_ENTRY_TEXT_PER_LINK = 150
PROSE_LINE_CHARS = 30  # a line this long that ends a sentence is prose
PROSE_SHARE = 0.5  # a body mostly of such lines is prose, not a list
_SENTENCE_SPLIT_RE = re.compile(r"[。！？!?]|\.(?:\s|$)")
_CONTACT_RE = re.compile(CONTACT_PATTERN, re.IGNORECASE)
_DAY_CELL_RE = re.compile(r"[1-9]|[12]\d|3[01]|\D?")  # a calendar's cell: a day of the month, a weekday, nothing
_SENTENCE_END_RE = re.compile(r"[。！？!?]\s*[”」』\"')）]?\s*$|(?<!\.\.)(?<!…)\.\s*[\"')]?\s*$")


@dataclass
class PageSignals:
    """What the gate looks at, measured by extraction."""

    url: str
    title: str | None
    headline_agrees: bool  # the headline matches <title> or a meta title (the site's name removed)
    title_names: str | None  # 'site' or 'column' when the headline is the site's name or a navigation link's
    has_date: bool
    body_chars: int
    image_count: int = 0
    attachment_count: int = 0
    link_count: int = 0
    link_density: float = 0.0
    date_lines: int = 0
    body_text: str = ""
    has_password_field: bool = False
    repeated_entries: int = 0
    entries_after: int = 0  # entries of one template right after the content, no heading between (its own list);
    # measured on short undated pages only
    issue_files: int = 0  # attachments named as a periodical's issues (Vol. 3, No. 2; Spring 2024; 第4期)
    form_chars: int = 0  # the content's text in the rows of forms a reader fills in; measured on undated pages only
    title_parts: tuple[str, ...] = ()  # the parts of the page's <title> (site_names.title_segments)
    consent_buttons: bool = False  # a button to accept or reject cookies
    login_in_content: bool = False  # a password field in the main block
    own_list_chars: int = 0  # entries below the headline linking to pages shaped unlike the page (own_list.py);
    # measured on pages shorter than LIST_INTRO_MAX_CHARS only
    people_chars: int = 0  # entries below the headline naming people and their posts (people_list.py); measured on
    # pages shorter than PEOPLE_PAGE_MAX_CHARS only
    paywall: bool = False  # a line of the page says the rest of the story is for members or subscribers
    date_is_update: bool = False  # the page's date is labelled as its last update (更新时间), not its publication
    headline_on_page: bool = True  # the headline is a heading of the page (not taken from <title> or a meta)
    members_wall: bool = False  # a line of the page's text or below it says the rest is for members only, and a
    # login box stands below the headline (gate_entries.wall_signals)
    collection_chars: int = 0  # entries below the headline holding a link or a picture (collection.py); measured
    # on pages shorter than COLLECTION_PAGE_MAX_CHARS only

    @cached_property
    def prose_share(self) -> float:
        """Share of the body's characters in whole sentences: lines of some length that end a sentence (a list's
        titles do not, and its teasers are cut short)."""
        lines = self.body_text.split("\n")
        prose = sum(len(line) for line in lines if len(line) >= PROSE_LINE_CHARS and _SENTENCE_END_RE.search(line))
        return prose / max(sum(len(line) for line in lines), 1)

    @property
    def page_links(self) -> int:
        """Links of the content to pages (its attachments are files, not entries)."""
        return max(self.link_count - self.attachment_count, 0)

    @property
    def text_per_link(self) -> float:
        """Characters of the content outside links, per link to a page."""
        return self.body_chars * (1 - self.link_density) / max(self.page_links, 1)


def classify_page(signals: PageSignals) -> tuple[str, str]:
    """('article' | 'list' | 'other', reason)."""
    decided = _not_an_article(signals) or _article(signals)
    if (decided[0] == "article" and (signals.paywall or signals.members_wall)
            and signals.body_chars < PAYWALL_TEASER_MAX_CHARS):
        return "article", "paywall"  # a story cut by a subscription box: its first paragraphs are all there is
    return decided


def _not_an_article(s: PageSignals) -> tuple[str, str] | None:
    """Positive evidence that the page is something other than an article, or None."""
    parts = urlsplit(s.url)
    word = service_word(parts.path, parts.query)
    if word:
        return "other", f"service-url:{word}"
    if s.has_password_field and s.body_chars < LOGIN_PAGE_MAX_CHARS:
        return "other", "login-form"
    if s.login_in_content and _LOGIN_TITLE_RE.match(s.title or ""):
        return "other", "login-form"  # a login wall explaining itself at length: 'Login to view this content'
    if (s.form_chars and not s.has_date and s.form_chars >= FORM_PAGE_SHARE * s.body_chars
            and s.body_chars - s.form_chars < MAX_FORM_INTRO_CHARS):
        return "other", "form-page"  # a sign-up, order or survey form: its labels are the page's text
    if s.title and _SERVICE_TITLE_RE.search(s.title):
        return "other", "service-title"
    if not s.has_date and _status_named(s, _UNSUBSCRIBED_RE):
        return "other", "service-title"  # 'You've been unsubscribed'; a dated column headed 'Unsubscribe' is a story
    if not s.has_date and s.form_chars and s.title_parts and (
            _SERVICE_TITLE_RE.search(s.title_parts[0]) or _SIGNUP_TITLE_RE.match(s.title_parts[0])):
        return "other", "service-title"  # <title>: 'Contact Us | Site', 'Sign up for The Morning Dispatch | Site'
    if not s.has_date and s.consent_buttons and _consent_wall(s.body_text):
        return "other", "consent-page"
    if s.title and _SERVER_PAGE_TITLE_RE.search(s.title):
        return "other", "server-page"  # a web server's default page or crash report, not the site's
    if (s.title and _SITE_PAGE_TITLE_RE.search(s.title) and s.body_chars < MIN_SITE_PAGE_CHARS
            and _plain_sentences(s.body_text) < 2):
        return "other", "site-page-short"  # a few lines about the site itself (a name, an address), no prose
    if s.body_chars < ERROR_PAGE_MAX_CHARS and _error_message(s) or (s.body_chars < 2 * ERROR_PAGE_MAX_CHARS and (
            _status_named(s) or (not s.has_date and _status_named(s, _ACCESS_STATUS_RE)))):
        # (a headline or a <title> part that is wholly an error's status may explain itself at more length: where
        # the page went, what a member may read)
        return "other", "error-page"
    if s.members_wall and s.body_chars < PAYWALL_TEASER_MAX_CHARS:
        return "other", "members-only"  # a story's first lines over a members' login: the story is not on the page
    if not s.has_date and s.issue_files >= MIN_ARCHIVE_FILES and _status_named(s, _ARCHIVE_TITLE_RE):
        return "list", "issue-archive"  # past issues of a newsletter or a magazine, each a file
    if _DOWNLOAD_DETAIL_RE.search(s.body_text) and _DOWNLOAD_ACTION_RE.search(s.body_text):
        return "other", "download-page"
    return _a_list(s) or _a_site_or_column_page(s)


def _a_list(s: PageSignals) -> tuple[str, str] | None:
    """Evidence that the page lists entries (stories, members, people, files), or None."""
    if s.repeated_entries >= 3:
        return "list", "repeated-entries"
    if _many_entries(s):
        return "list", "many-links"
    if _teaser_entries(s):
        return "list", "teaser-entries"
    if s.own_list_chars >= max(s.body_chars, 1) and s.body_chars < LIST_INTRO_MAX_CHARS:
        return "list", "own-list"  # the text is an intro to entries of another kind of page, and outweighed by them
    if (s.people_chars and s.people_chars >= PEOPLE_SHARE * s.body_chars and _names_a_thing(s.title)
            and (not s.has_date or s.date_is_update)):  # (a dated notice naming a committee is news; 更新时间 is not)
        return "list", "people-list"  # a board, a staff, a committee: its people are most of its text
    if (s.collection_chars >= COLLECTION_SHARE * max(s.body_chars, 1) and s.body_chars < COLLECTION_PAGE_MAX_CHARS
            and (_collection_named(s) or (_names_a_thing(s.title) and (not s.has_date or s.date_is_update)))):
        # ('Member Directory', 'Photo Gallery', 'Newsletter Archive' over their entries; 'National Executive
        # Committee' over its members' cards, which the people rule above does not read)
        return "list", "collection"
    if (s.entries_after and not s.has_date and s.body_chars < MIN_UNDATED_ARTICLE_CHARS
            and _listing_url(urlsplit(s.url).path)):
        return "list", "intro-and-entries"  # an author's bio, a topic's summary, and its entries below
    return None


def _a_site_or_column_page(s: PageSignals) -> tuple[str, str] | None:
    """Evidence that a short page is the site's home or a column's front (headed by their names), or None."""
    parts = urlsplit(s.url)
    if (_HOME_PATH_RE.match(parts.path) and not parts.query and not s.headline_agrees
            and s.body_chars < MIN_UNDATED_ARTICLE_CHARS):
        return "other", "home-page"  # a site's root whose headline is a block's heading
    if (s.title_names and not s.has_date and s.body_chars < MIN_UNDATED_ARTICLE_CHARS and not _site_page(s)
            and not (s.headline_agrees and s.prose_share >= PROSE_SHARE and _plain_sentences(s.body_text) >= 3)):
        # (a column's single page of prose, 会长致辞 headed by its menu entry, is a short text all the same)
        return "other", f"{s.title_names}-name-title"  # a column or home page headed by the site's or column's name
    return None


def _error_message(s: PageSignals) -> bool:
    """Whether a short page says it is an error: its headline or text names the error or is its bare name ('404',
    '系统维护中，暂停访问'), an undated page's headline or text opens as an error's message does ('Sorry, we couldn't
    find that page.'), or a whole part of its <title> is the error's name ('Page not found | Site')."""
    title = s.title or ""
    if (_ERROR_TITLE_RE.search(title) or _ERROR_TEXT_RE.search(title)
            or (not s.has_date and _ERROR_LEAD_RE.match(title))
            or (any(ch.isalnum() for ch in title) and _ERROR_TITLE_PART_RE.match(title))):
        return True
    if _ERROR_TEXT_RE.search(s.body_text) or (not s.has_date and _ERROR_LEAD_RE.match(s.body_text)):
        return True
    parts = [part for part in s.title_parts if any(ch.isalnum() for ch in part)]
    return len(parts) > 1 and any(_ERROR_TITLE_PART_RE.match(part) for part in parts)


def date_is_update(method: str) -> bool:
    """Whether a date was found under a label of the page's last update (更新时间, Last updated)."""
    return method.rsplit(":", 1)[-1].strip().casefold() in _UPDATE_LABELS


def issue_files(names: list[str]) -> int:
    """How many of the files' names (link texts and URLs) name a periodical's issue."""
    return sum(1 for name in names if _ISSUE_FILE_RE.search(name))


def paywalled(lines: list[str], members_only: bool = False) -> bool:
    """Whether a short line opens by saying the rest of the story is for subscribers (``members_only``: for members
    only, 'The rest of this article is available to members'); a story may quote such a wall's words."""
    wall = _MEMBERS_ONLY_RE if members_only else _PAYWALL_RE
    return any(len(line) < _PAYWALL_LINE_CHARS and wall.match(line) for line in lines)


def _names_a_thing(title: str | None) -> bool:
    """A headline that names a body of people (Board of Directors, Staff Directory, 专家委员会委员名单) rather than
    tells news about them ('New Board Elected', 'Welcome to Our New Staff', 协会领导班子调整, 新任副会长简介) or
    anything else at length ('How to look after your team's mental health', 关于公布…专家名单的通知): a name, a few
    words long."""
    if not title or not _PEOPLE_HEADLINE_RE.search(title) or _PEOPLE_NEWS_RE.search(title):
        return False
    cjk = sum(1 for ch in title if "\u4e00" <= ch <= "\u9fff")
    return (cjk <= _BODY_NAME_CJK if cjk else len(title.split()) <= _BODY_NAME_WORDS) and not _SENTENCE_MARK_RE.search(
        title)


def _collection_named(s: PageSignals) -> bool:
    """Whether the page is named as a collection. Undated (or dated only by its last update): by its headline, a
    <title> part holding the headline ('Supplier Directory: Equipment & Machinery' over 'Equipment & Machinery') or,
    when the headline agrees with no part of the <title> or is no heading of the page, any part ('Photo Albums',
    'Newsletter Archive' over a block's heading); a column's name beside an agreeing headline ('Story | Events |
    Site', 标题_图片新闻_站名) names the column. Dated: by its headline alone, a collection's name and nothing more
    ('Events', 'Media Centre'; not '2024 Awards Gala Photo Gallery'), or by a calendar's view of dates in any part
    ('Events from March 1 – April 27')."""
    if s.has_date and not s.date_is_update:
        return bool(_DATED_COLLECTION_TITLE_RE.match(s.title or "")) or any(
            _CALENDAR_VIEW_RE.match(part) for part in s.title_parts)
    headline = (s.title or "").casefold()
    names = [s.title or ""] + [part for part in s.title_parts if not (s.headline_agrees and s.headline_on_page) or (
        headline and headline in part.casefold())]
    return any(any(ch.isalnum() for ch in name) and (
        _COLLECTION_TITLE_RE.match(name) or _ARCHIVE_TITLE_RE.match(name)) for name in names)


def _status_named(s: PageSignals, status: re.Pattern[str] = _ERROR_TITLE_PART_RE) -> bool:
    """Whether the headline or a part of the <title> is wholly a status ('This page has moved'; on an undated page
    also 'Access restricted | Society', 'You've been unsubscribed'), a part that the headline holds with more words
    aside ('Forbidden — Banned Books …' split at its dash)."""
    headline = (s.title or "").casefold()
    parts = [p for p in s.title_parts
             if p.casefold() == headline or p.casefold() not in headline]  # (a headline's first words are no part)
    return any(any(ch.isalnum() for ch in text) and status.match(text) for text in (s.title or "", *parts))


def _consent_wall(text: str) -> bool:
    """Whether a text is a consent wall: two of its phrases or more, and most of its characters in lines that
    speak of cookies, consent, partners or personal data (a story or a guide about them is about more)."""
    if len({m[0].lower() for m in _CONSENT_RE.finditer(text)}) < _CONSENT_PHRASES:
        return False
    lines = [line for line in text.split("\n") if line.strip()]
    consent = sum(len(line) for line in lines if _CONSENT_WORD_RE.search(line))
    return consent >= _CONSENT_SHARE * sum(len(line) for line in lines)


def _listing_url(path: str) -> bool:
    """A path shaped like a listing's, not a story's: a directory (/author/jane-doe/), or a last segment of words
    with no number and no file extension (/topics/recycling); a story's path names a file or carries an id."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return path.endswith("/") or not (_DIGIT_RE.search(last) or "." in last)


def _has_text_line(text: str) -> bool:
    """A line of text of some length, or a table whose cells are more than a calendar's (a weekday, a day of the
    month: 会长单位, 5万元/年, 53.2) at least a quarter of the time: a calendar has an event here and there."""
    cells: list[str] = []
    for line in text.split("\n"):
        if "\t" in line:
            cells += line.split("\t")
        elif len(line.strip()) >= MIN_TEXT_LINE_CHARS:
            return True
    wordy = sum(1 for cell in cells if not _DAY_CELL_RE.fullmatch(cell.strip()))
    return bool(cells) and wordy >= WORDY_CELL_SHARE * len(cells)


def _plain_sentences(text: str) -> int:
    """Sentences of some length that give no contact details (a label, a telephone number, an e-mail, an address):
    prose about the site, not 地址：…。电话：…。"""
    return sum(1 for part in _SENTENCE_SPLIT_RE.split(text) if len(part.strip()) >= 15 and not _CONTACT_RE.search(part))


def is_home_url(url: str) -> bool:
    """The site's root (/, /index.html, /default.aspx), without a query."""
    parts = urlsplit(url)
    return bool(_HOME_PATH_RE.match(parts.path)) and not parts.query


def _many_entries(s: PageSignals) -> bool:
    """Links that each carry little text of their own (a date, a teaser): the entries of a list. A text whose
    links stand inside whole sentences is prose, however many there are."""
    lines = s.body_text.count("\n") + 1
    entries = (s.page_links >= 8 and s.link_density > 0.35 and s.text_per_link < ENTRY_TEXT_PER_LINK) or (
        s.date_lines >= 4 and s.page_links >= 4 and s.text_per_link < DATED_ENTRY_TEXT_PER_LINK
        and (s.link_density >= 0.1 or s.date_lines >= 0.2 * lines))
    return entries and s.prose_share < PROSE_SHARE


def _teaser_entries(s: PageSignals) -> bool:
    """Several lines that end as a cut teaser ('…[详细]', '...'): the entries of a list with teasers. Prose
    that trails off now and then is still prose."""
    if sum(s.body_text.count(mark) for mark in _CUT_MARKS) < 3:
        return False  # (cheap test first: most pages have no cut teasers at all)
    lines = [line for line in s.body_text.split("\n") if line.strip()]
    cut = sum(1 for line in lines if len(line) >= 20 and _CUT_TEXT_RE.search(line))
    return cut >= 3 and cut >= 0.2 * len(lines) and s.prose_share < PROSE_SHARE


def _article(s: PageSignals) -> tuple[str, str]:
    """No evidence against it: an article when it has text (or an image, an attachment) and a headline; the
    short ones only when their URL is not a list's and their headline is confirmed."""
    media = s.image_count or s.attachment_count
    if _site_page(s):
        return "article", "site-page"
    if s.body_chars >= MIN_UNDATED_ARTICLE_CHARS:
        if not s.title:
            return "article", "untitled-prose"
        if s.link_density > 0.35:
            return "article", "link-heavy-prose"
        return "article", "title-date-body" if s.has_date else "title-body"
    if not s.title:
        return _short_page(s, "no-title")
    if s.has_date and s.body_chars >= MIN_ARTICLE_CHARS:
        return "article", "title-date-body"
    if _list_shaped(s):
        return "list", "list-url"
    if s.has_date and (s.body_chars >= MIN_NOTICE_CHARS or media) and (s.headline_agrees or media):
        return "article", "short-notice"
    if s.body_chars >= MIN_NOTICE_CHARS and s.headline_agrees and _has_text_line(s.body_text):
        return "article", "short-undated"
    return _short_page(s, "no-date" if not s.has_date else "no-body")


def _site_page(s: PageSignals) -> bool:
    """The site's page about itself (协会简介, 主要职责, About us) with real prose: a doubtful article (a short one
    is left out as site-page-short before this is asked)."""
    return bool(s.title and _SITE_PAGE_TITLE_RE.search(s.title))


def _list_shaped(s: PageSignals) -> bool:
    """A URL of a column, a tag or a list page (or a directory) whose content links to other pages: short text
    there is a list's remainder. A column of one text (机构简介 at /col/col12/index.html) links to nothing much."""
    parts = urlsplit(s.url)
    if _NUMBERED_LIST_RE.search(parts.path):
        return True  # page N of a column (list_3_2.html, index_4.html): a list however few entries it has left
    if parts.query and _ENTRY_SCRIPT_RE.search(parts.path):
        return False  # /index.php?m=content&a=show&id=3: the dynamic CMS's one script shows every kind of page
    shaped = bool(_LIST_URL_RE.search(parts.path)) or (parts.path.endswith("/") and not s.has_date)
    return shaped and s.page_links >= 3


def _short_page(s: PageSignals, reason: str) -> tuple[str, str]:
    return ("list", "list-url") if _list_shaped(s) else ("other", reason)


def service_word(path: str, query: str) -> str | None:
    """The word of a URL that names a service view (login, search, comment, print, download ...): a whole path
    segment, a file name's stem or a part of a two-part stem (``member_login.php``), a query key, or the value of
    an action key (``?m=search``). Words inside a slug (``/news/search-for-survivors``, ``the_search_for_x``)
    name the story, not the page, and so do other query values (``?from=search``)."""
    segments = [segment for segment in path.lower().split("/") if segment]
    for n, segment in enumerate(segments):
        if segment in NON_ARTICLE_SEGMENTS:
            return segment
        if segment in _COLUMN_WORDS and _STORY_LEAF_RE.search("/".join(segments[n + 1:])):
            continue  # /comment/20240312/3381562.html: a column of commentary, and one of its stories
        parts = _STEM_RE.sub("", segment).split("_")
        for part in parts if len(parts) <= 2 else ():
            if part in NON_ARTICLE_PATH_WORDS:
                return part
    for key, value in parse_qsl(query.lower(), keep_blank_values=True):
        if key in NON_ARTICLE_PATH_WORDS:
            return key
        if key in ACTION_QUERY_KEYS and value in NON_ARTICLE_PATH_WORDS:
            return value
    return None
