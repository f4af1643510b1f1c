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
from functools import lru_cache
from typing import Any

from .errors import ArchiveError

MIN_INDEXED_CHARS = 3  # the trigram index finds terms of at least this many characters
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


def _predicate(node: Node, params: list[Any]) -> str:
    """SQL over ``a`` (articles) that is true for the articles the query node matches."""
    if isinstance(node, Term):
        forms = variants(node.text)
        if node.indexed:
            params.append(" OR ".join(_fts_string(form) for form in forms))
            return "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
        conditions = []
        for form in forms:
            pattern = _like_pattern(form)
            params.extend([pattern, pattern])
            conditions.append("a.title LIKE ? ESCAPE '\\' OR a.body_text LIKE ? ESCAPE '\\'")
        return "(" + " OR ".join(conditions) + ")"
    if node.kind == "NOT":
        return f"NOT {_predicate(node.parts[0], params)}"
    return "(" + f" {node.kind} ".join(_predicate(p, params) for p in node.parts) + ")"


@dataclass
class Filters:
    """Narrow results (and exports): exact site/source/author/editor/category, publication date range
    (``since``/``until`` as YYYY-MM-DD, inclusive), withdrawn articles in or out."""

    site: str | None = None
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    category: str | None = None
    since: str | None = None
    until: str | None = None
    include_gone: bool = True

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
                if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
                    raise SearchError(f"--{name} {value!r}: give a date as YYYY-MM-DD (or YYYY-MM, YYYY)")
                parts.append(f"substr(a.published_at, 1, {len(value)}) {op} ?")
                params.append(value)
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


def search(conn: sqlite3.Connection, query: str, filters: Filters | None = None, limit: int = 20,
           offset: int = 0) -> list[SearchResult]:
    """Articles matching ``query`` (see the module docstring), best first: bm25 over the indexed terms, then the
    newest. Raises ``SearchError`` for a malformed query or filter."""
    tree = parse_query(query)
    filters = filters or Filters()
    params: list[Any] = []
    where = _predicate(tree, params)
    where_filters = filters.sql(params)
    ranked = [t for t in positive_terms(tree) if t.indexed]
    rank_join, rank_order, rank_params = "", "", []
    if ranked:
        rank_params = [" OR ".join(_fts_string(form) for t in ranked for form in variants(t.text))]
        rank_join = ("LEFT JOIN (SELECT rowid AS rid, bm25(articles_fts, 10.0, 1.0) AS rank FROM articles_fts "
                     "WHERE articles_fts MATCH ?) AS r ON r.rid = a.id")
        rank_order = "r.rank IS NULL, r.rank, "
    sql = (f"SELECT {_RESULT_COLUMNS}, a.body_text, {'r.rank' if ranked else 'NULL'} FROM articles AS a {rank_join} "
           f"WHERE {where} AND {where_filters} ORDER BY {rank_order}a.published_at DESC, a.id DESC LIMIT ? OFFSET ?")
    try:
        rows = conn.execute(sql, [*rank_params, *params, limit, offset]).fetchall()
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
    where = _predicate(tree, params)
    where_filters = (filters or Filters()).sql(params)
    return int(conn.execute(f"SELECT count(*) FROM articles AS a WHERE {where} AND {where_filters}",
                            params).fetchone()[0])


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
