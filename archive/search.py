"""Full-text search of the archive, made for Chinese.

The index (``articles_fts``, FTS5 with the trigram tokenizer) finds any substring of three or more characters
of a title or body, ranked by bm25. Chinese queries are often one or two characters (铝, 再生): those terms are
matched with LIKE on the articles themselves (a trigram index cannot hold them; LIKE on the trigram table
found nothing for two characters on SQLite 3.40). Both kinds mix freely in one query.

A term also finds its traditional and simplified Chinese forms (OpenCC conversion tables: 再生鋁 finds 再生铝 and
the other way round).

Query syntax: words and "quoted phrases", implicitly ANDed; ``AND``, ``OR``, ``NOT`` (upper case) and ``-word``;
parentheses. Filters narrow by site, source, author, editor, category and publication date.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from .errors import ArchiveError
from .grams import GRAMS_TABLE, is_gram_term

MIN_INDEXED_CHARS = 3  # the trigram index finds terms of at least this many characters
# A query matching more articles than this is shown newest first: bm25 must score every match, and among that
# many it says little (the term is in a large share of the archive).
RANK_MAX_MATCHES = 20_000
SORTS = ("rank", "date")
SNIPPET_CHARS = 60
HIGHLIGHT = ("[", "]")


class SearchError(ArchiveError):
    """A query that cannot be understood; the message says why."""


@dataclass(frozen=True)
class Term:
    """One word or phrase of a query."""

    text: str

    @property
    def indexed(self) -> bool:
        """True when the trigram index can find it (3+ characters)."""
        return len(self.text) >= MIN_INDEXED_CHARS


@dataclass(frozen=True)
class Op:
    """AND / OR of two or more parts, or NOT of one."""

    kind: str  # 'AND', 'OR', 'NOT'
    parts: tuple[Term | Op, ...]


Node = Term | Op

_TOKEN_RE = re.compile(r'\s*(?:(?P<phrase>"[^"]*"?)|(?P<open>[(（])|(?P<close>[)）])|(?P<word>[^\s()（）"]+))')


def _tokens(query: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    for match in _TOKEN_RE.finditer(query):
        if match["phrase"] is not None:
            text = match["phrase"]
            if len(text) < 2 or not text.endswith('"'):
                raise SearchError(f"unclosed quote in {query!r}: close the phrase with \"")
            tokens.append(("term", " ".join(text[1:-1].split())))
        elif match["open"]:
            tokens.append(("open", "("))
        elif match["close"]:
            tokens.append(("close", ")"))
        elif match["word"]:
            word = match["word"]
            if word in ("AND", "OR", "NOT"):
                tokens.append((word, word))
            elif word.startswith("-") and len(word) > 1:
                tokens.append(("NOT", "NOT"))
                tokens.append(("term", word[1:]))
            else:
                tokens.append(("term", word))
    return tokens


class _Parser:
    """Recursive descent: or := and (OR and)* ; and := unary ((AND)? unary)* ; unary := NOT unary | atom."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = _tokens(query)
        self.at = 0

    def parse(self) -> Node:
        if not self.tokens:
            raise SearchError("empty query: give a word or a phrase to search for")
        node = self._or()
        if self.at < len(self.tokens):
            kind, text = self.tokens[self.at]
            raise SearchError(f"unexpected {text!r} in {self.query!r}" + (" (unbalanced parenthesis)"
                                                                          if kind == "close" else ""))
        if not _has_positive(node):
            raise SearchError(f"{self.query!r} only excludes: add a word to search for")
        return node

    def _peek(self) -> str | None:
        return self.tokens[self.at][0] if self.at < len(self.tokens) else None

    def _or(self) -> Node:
        parts = [self._and()]
        while self._peek() == "OR":
            self.at += 1
            parts.append(self._and())
        return parts[0] if len(parts) == 1 else Op("OR", tuple(parts))

    def _and(self) -> Node:
        parts = [self._unary()]
        while self._peek() in ("AND", "NOT", "term", "open"):
            if self._peek() == "AND":
                self.at += 1
            parts.append(self._unary())
        return parts[0] if len(parts) == 1 else Op("AND", tuple(parts))

    def _unary(self) -> Node:
        kind = self._peek()
        if kind == "NOT":
            self.at += 1
            return Op("NOT", (self._unary(),))
        if kind == "open":
            self.at += 1
            node = self._or()
            if self._peek() != "close":
                raise SearchError(f"unbalanced parenthesis in {self.query!r}: a '(' is never closed")
            self.at += 1
            return node
        if kind == "term":
            text = self.tokens[self.at][1]
            self.at += 1
            if not text:
                raise SearchError(f'empty phrase "" in {self.query!r}')
            return Term(text)
        if kind is None:
            raise SearchError(f"{self.query!r} ends with an operator: add a word after it")
        raise SearchError(f"{self.tokens[self.at][1]!r} cannot stand there in {self.query!r}")


def _has_positive(node: Node) -> bool:
    if isinstance(node, Term):
        return True
    if node.kind == "NOT":
        return False
    if node.kind == "AND":
        return any(_has_positive(p) for p in node.parts)
    return all(_has_positive(p) for p in node.parts)


def parse_query(query: str) -> Node:
    """The query as a tree of terms and operators; ``SearchError`` with a clear message if it is malformed."""
    return _Parser(query).parse()


def positive_terms(node: Node) -> list[Term]:
    """The terms a result must or may contain (not those under NOT), for ranking and highlighting."""
    if isinstance(node, Term):
        return [node]
    if node.kind == "NOT":
        return []
    return [t for part in node.parts for t in positive_terms(part)]


@lru_cache(maxsize=1)
def _converters() -> tuple[Any, ...]:
    try:
        from opencc import OpenCC
    except ImportError:  # without OpenCC a term finds only its own form
        return ()
    return tuple(OpenCC(name) for name in ("t2s", "s2t", "s2tw", "s2hk"))


@lru_cache(maxsize=1024)
def variants(text: str) -> tuple[str, ...]:
    """The term and its simplified and traditional Chinese forms (the term itself first, no duplicates)."""
    if not any("\u3400" <= ch <= "\u9fff" for ch in text):
        return (text,)
    return tuple(dict.fromkeys([text, *(c.convert(text) for c in _converters())]))


def _fts_string(text: str) -> str:
    """A term as an FTS5 string (a phrase): quotes doubled, so no FTS syntax leaks through."""
    return '"' + text.replace('"', '""') + '"'


def _like_pattern(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fts_expression(node: Node) -> str | None:
    """The whole query as one FTS5 MATCH expression, or None when a term is too short for the index or a NOT
    stands where FTS5 cannot say it (FTS5's NOT is binary: ``a NOT b``)."""
    if isinstance(node, Term):
        if not node.indexed:
            return None
        return "(" + " OR ".join(_fts_string(form) for form in variants(node.text)) + ")"
    if node.kind == "NOT":
        return None
    if node.kind == "OR":
        parts = [_fts_expression(p) for p in node.parts]
        return None if any(p is None for p in parts) else "(" + " OR ".join(parts) + ")"  # type: ignore[arg-type]
    positive = [p for p in node.parts if not (isinstance(p, Op) and p.kind == "NOT")]
    negative = [p.parts[0] for p in node.parts if isinstance(p, Op) and p.kind == "NOT"]
    compiled = [_fts_expression(p) for p in positive]
    excluded = [_fts_expression(p) for p in negative]
    if not compiled or any(p is None for p in compiled) or any(p is None for p in excluded):
        return None
    expression = "(" + " AND ".join(compiled) + ")"  # type: ignore[arg-type]
    return expression + "".join(f" NOT {e}" for e in excluded)


def _predicate(node: Node, params: list[Any], conn: sqlite3.Connection | None = None) -> str:
    """SQL over ``a`` (articles) that is true for the articles the query node matches. With ``conn``, a short
    Chinese term that is very common is tested row by row (the newest rows find enough matches at once)."""
    if isinstance(node, Term):
        forms = variants(node.text)
        if node.indexed:
            params.append(" OR ".join(_fts_string(form) for form in forms))
            return "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
        conditions = []
        grams = [form for form in forms if is_gram_term(form)]
        if grams:  # 1-2 Chinese characters: the index of characters and pairs
            match = " OR ".join(_fts_string(form) for form in grams)
            params.append(match)
            common = conn is not None and conn.execute(
                f"SELECT count(*) FROM {GRAMS_TABLE} WHERE {GRAMS_TABLE} MATCH ?", (match,)
            ).fetchone()[0] > RANK_MAX_MATCHES
            conditions.append(
                f"EXISTS (SELECT 1 FROM {GRAMS_TABLE} AS g WHERE g.rowid = a.id AND {GRAMS_TABLE} MATCH ?)" if common
                else f"a.id IN (SELECT rowid FROM {GRAMS_TABLE} WHERE {GRAMS_TABLE} MATCH ?)")
        for form in forms:
            if form in grams:
                continue
            pattern = _like_pattern(form)  # Latin letters (LIKE ignores their case) or mixed: scan
            params.extend([pattern, pattern])
            conditions.append("a.title LIKE ? ESCAPE '\\' OR a.body_text LIKE ? ESCAPE '\\'")
        return "(" + " OR ".join(conditions) + ")"
    if node.kind == "NOT":
        return f"NOT {_predicate(node.parts[0], params, conn)}"
    return "(" + f" {node.kind} ".join(_predicate(p, params, conn) for p in node.parts) + ")"


def _is_calendar_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real year, month or day (2023-13 and 2023-02-30 are none)."""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return parts[0] >= 1


@dataclass
class Filters:
    """Narrow results (and exports): exact site/source/author/editor/category, publication date range
    (``since``/``until`` as YYYY-MM-DD, inclusive), withdrawn articles in or out, the page gate's reason."""

    site: str | None = None
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    category: str | None = None
    since: str | None = None
    until: str | None = None
    include_gone: bool = True
    reason: str | None = None  # the page gate's reason (articles.page_type_reason), e.g. 'short-notice'

    def sql(self, params: list[Any]) -> str:
        """The SQL condition over ``a`` (articles), 1 when there is none."""
        parts = []
        for name in ("site", "source", "author", "editor", "category"):
            value = getattr(self, name)
            if value:
                parts.append(f"a.{name} = ?")
                params.append(value)
        for name, op in (("since", ">="), ("until", "<=")):
            value = getattr(self, name)
            if value:
                if not _is_calendar_date(value):
                    raise SearchError(f"--{name} {value!r}: give a date as YYYY-MM-DD (or YYYY-MM, YYYY)")
                parts.append(f"substr(a.published_at, 1, {len(value)}) {op} ?")
                params.append(value)
        if self.reason:
            parts.append("a.page_type_reason = ?")
            params.append(self.reason)
        if not self.include_gone:
            parts.append("a.gone_at IS NULL")
        return " AND ".join(parts) or "1"


@dataclass
class SearchResult:
    """One article found, with a highlighted snippet of its text."""

    id: int
    url: str
    site: str | None
    title: str | None
    published_at: str | None
    source: str | None
    author: str | None
    editor: str | None
    category: str | None
    gone_at: str | None
    snippet: str
    rank: float | None = None
    fields: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON and CSV output)."""
        return {k: v for k, v in self.__dict__.items() if k != "fields"}


_RESULT_COLUMNS = "a.id, a.url, a.site, a.title, a.published_at, a.source, a.author, a.editor, a.category, a.gone_at"


def _sql_by_date(expression: str, filters: Filters, common: bool) -> tuple[str, list[Any]]:
    """(SQL, parameters) of an FTS5 search, newest first; ``common``: so many matches that walking the newest
    articles and probing the index for each is quicker than reading the matching ids first."""
    params: list[Any] = [expression]
    where_filters = filters.sql(params)
    if common:
        hit = "EXISTS (SELECT 1 FROM articles_fts AS f WHERE f.rowid = a.id AND articles_fts MATCH ?)"
    else:
        hit = "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
    sql = (f"SELECT {_RESULT_COLUMNS}, a.body_text, NULL FROM articles AS a WHERE {hit} AND {where_filters} "
           "ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?")
    return sql, params


def _sql_by_rank(expression: str, filters: Filters) -> tuple[str, list[Any]]:
    """(SQL, parameters) of an FTS5 search, best first: one pass over the index."""
    params: list[Any] = [expression]
    where_filters = filters.sql(params)
    # rank and filter on ids first, then read the rows of the page of results (not every match's body)
    sql = (f"SELECT {_RESULT_COLUMNS}, a.body_text, hit.rank FROM (SELECT f.rowid AS id, f.rank AS rank, "
           f"a.published_at AS published_at FROM articles_fts AS f JOIN articles AS a ON a.id = f.rowid "
           f"WHERE articles_fts MATCH ? AND {where_filters} ORDER BY f.rank, a.published_at DESC "
           "LIMIT ? OFFSET ?) AS hit JOIN articles AS a ON a.id = hit.id ORDER BY hit.rank, "
           "hit.published_at DESC")
    return sql, params


def _sql_by_predicate(conn: sqlite3.Connection, tree: Node, filters: Filters, sort: str) -> tuple[str, list[Any]]:
    """(SQL, parameters) of a query FTS5 cannot express (short terms, NOTs): SQL over the articles, ranked by
    the indexed terms."""
    params: list[Any] = []
    where = _predicate(tree, params, conn)
    where_filters = filters.sql(params)
    ranked = [t for t in positive_terms(tree) if t.indexed] if sort == "rank" else []
    rank_join, rank_order, rank_params = "", "", []
    if ranked:
        rank_params = [" OR ".join(_fts_string(form) for t in ranked for form in variants(t.text))]
        rank_join = ("LEFT JOIN (SELECT rowid AS rid, rank FROM articles_fts WHERE articles_fts MATCH ?) AS r "
                     "ON r.rid = a.id")
        rank_order = "r.rank IS NULL, r.rank, "
    sql = (f"SELECT {_RESULT_COLUMNS}, a.body_text, {'r.rank' if ranked else 'NULL'} FROM articles AS a "
           f"{rank_join} WHERE {where} AND {where_filters} "
           f"ORDER BY {rank_order}a.published_at DESC, a.id DESC LIMIT ? OFFSET ?")
    return sql, [*rank_params, *params]


def search(conn: sqlite3.Connection, query: str, filters: Filters | None = None, limit: int = 20,
           offset: int = 0, sort: str = "rank") -> list[SearchResult]:
    """Articles matching ``query`` (see the module docstring). ``sort='rank'``: best first, by bm25 over the
    indexed terms (a title match weighs ten times a body match), then the newest; a query matching more than
    RANK_MAX_MATCHES articles, and ``sort='date'``, give the newest first. Raises ``SearchError`` for a
    malformed query or filter."""
    if sort not in SORTS:
        raise SearchError(f"sort must be one of {SORTS}, not {sort!r}")
    tree = parse_query(query)
    filters = filters or Filters()
    expression = _fts_expression(tree)
    if expression is None:
        sql, params = _sql_by_predicate(conn, tree, filters, sort)
    else:
        found = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (expression,))
        common = found.fetchone()[0] > RANK_MAX_MATCHES
        if common or sort == "date":
            sql, params = _sql_by_date(expression, filters, common)
        else:  # the whole query is one FTS5 expression: one pass over the index
            sql, params = _sql_by_rank(expression, filters)
    try:
        rows = conn.execute(sql, [*params, limit, offset]).fetchall()
    except sqlite3.OperationalError as exc:
        raise SearchError(f"cannot search for {query!r}: {exc}") from exc
    terms = [form for t in positive_terms(tree) for form in variants(t.text)]
    results = []
    for row in rows:
        *head, body, rank = row
        results.append(SearchResult(*head, snippet=make_snippet(body or "", terms) or (row[3] or ""),
                                    rank=round(rank, 4) if rank is not None else None))
    return results


def count(conn: sqlite3.Connection, query: str, filters: Filters | None = None) -> int:
    """How many articles match."""
    tree = parse_query(query)
    params: list[Any] = []
    expression = _fts_expression(tree)
    if expression is not None:
        params.append(expression)
        where_filters = (filters or Filters()).sql(params)
        sql = (f"SELECT count(*) FROM articles_fts AS f JOIN articles AS a ON a.id = f.rowid "
               f"WHERE articles_fts MATCH ? AND {where_filters}")
        if where_filters == "1":
            sql = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
    else:
        where = _predicate(tree, params)
        where_filters = (filters or Filters()).sql(params)
        sql = f"SELECT count(*) FROM articles AS a WHERE {where} AND {where_filters}"
    try:
        return int(conn.execute(sql, params).fetchone()[0])
    except sqlite3.OperationalError as exc:
        raise SearchError(f"cannot search for {query!r}: {exc}") from exc


def make_snippet(text: str, terms: list[str], width: int = SNIPPET_CHARS) -> str:
    """About ``width`` characters of ``text`` around the first match of any term, every match highlighted."""
    if not text or not terms:
        return ""
    pattern = re.compile("|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True)), re.IGNORECASE)
    flat = " ".join(text.split())
    first = pattern.search(flat)
    if first is None:
        return ""
    start = max(0, first.start() - width // 3)
    end = min(len(flat), start + width)
    window = flat[start:end]
    marked = pattern.sub(lambda m: f"{HIGHLIGHT[0]}{m.group(0)}{HIGHLIGHT[1]}", window)
    return ("…" if start > 0 else "") + marked + ("…" if end < len(flat) else "")


def where_clause(query: str | None, filters: Filters | None, params: list[Any]) -> str:
    """SQL condition over ``a`` (articles) for an optional query and filters; parameters appended to ``params``."""
    where = _predicate(parse_query(query), params) if query else "1"
    return f"{where} AND {(filters or Filters()).sql(params)}"
