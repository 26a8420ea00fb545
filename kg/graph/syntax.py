"""SPARQL syntax errors as K400, at the place a person would mend.

pyoxigraph reports where its parser gave up, which is often past the mistake: ``LIMT 3`` at the end of the query,
``SELEC`` as "expected CONSTRUCT", an undeclared ``foo:bar`` at its last character. So: a query form that is no
query form is reported at its first word; a word that is no SPARQL keyword, function or term (outside strings,
IRIs and comments) before the parser's place is reported where it stands, since it is the mistake; an undeclared
prefix at the start of its name; else the parser's place, with the tokens it expected.
"""

from __future__ import annotations

import re

from kg.errors import Errors, QueryError

_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)
_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|(?i:PREFIX)\s*[\w.-]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>)*")

#: Every bare word of SPARQL 1.1 Query and Update (keywords and built-in functions) and of the SPARQL 1.2 and
#: RDF-star terms pyoxigraph reads; a bare word outside these is a mistake wherever it stands.
KEYWORDS = frozenset(
    """
    a select construct describe ask where from named prefix base distinct reduced as group by order asc desc having
    limit offset values optional union minus graph service silent filter bind undef exists not in true false
    lateral str lang langmatches datatype bound iri uri bnode rand abs ceil floor round concat strlen ucase lcase
    encode_for_uri contains strstarts strends strbefore strafter year month day hours minutes seconds timezone tz
    now uuid struuid md5 sha1 sha256 sha384 sha512 coalesce if strlang strdt sameterm isiri isuri isblank isliteral
    isnumeric regex substr replace count sum min max avg sample group_concat separator load clear drop create add
    move copy insert delete data with using default all into to triple subject predicate object istriple langdir
    strlangdir haslang haslangdir version
    """.split()
)
#: Tokens whose words are no bare words: strings, IRIs, comments, variables, prefixed names, blank nodes,
#: language tags, numbers; then bare words; then any other character.
_TOKEN = re.compile(
    r"""(?P<skip>'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\s]*>|\#[^\n]*"""
    r"""|[?$]\w+|_:[\w.-]*|@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\d[\w.]*)"""
    r"""|(?P<prefixed>(?:[A-Za-z][\w.-]*)?:[\w.:%-]*)|(?P<word>[A-Za-z_]\w*)|(?P<other>.)""",
    re.DOTALL,
)


def query_form_error(query: str) -> QueryError | None:
    """K400 at the first word after the prologue when it is no query form (``SELEC``), else None; pyoxigraph
    reports such a query where its parser gave up, e.g. "expected CONSTRUCT" past the typo."""
    at = _PROLOGUE.match(query)
    start = at.end() if at else 0
    word = re.match(r"[A-Za-z]\w*", query[start:])
    if word is None or word.group(0).upper() in _FORMS:
        return None
    line, column = _line_column(query, start)
    detail = f"'{word.group(0)}' is not a query form: expected SELECT, CONSTRUCT, DESCRIBE or ASK"
    return QueryError(Errors.K400, line=line, column=column, detail=detail)


def _line_column(query: str, offset: int) -> tuple[int, int]:
    return query.count("\n", 0, offset) + 1, offset - (query.rfind("\n", 0, offset) + 1) + 1


def _offset(query: str, line: int, column: int) -> int:
    """The character offset of pyoxigraph's LINE:COLUMN (both from 1)."""
    starts = [0] + [m.end() for m in re.finditer("\n", query)]
    return min(starts[min(line, len(starts)) - 1] + column - 1, len(query))


def _unknown_word(query: str, before: int) -> re.Match[str] | None:
    """The first bare word before offset ``before`` that SPARQL does not know: a misspelt keyword or function."""
    for token in _TOKEN.finditer(query):
        if token.start() > before:
            return None
        word = token.group("word")
        if word is not None and word.lower() not in KEYWORDS:
            return token
    return None


def _prefixed_name(query: str, end: int) -> re.Match[str] | None:
    """The prefixed name that ends at (or just before) offset ``end``."""
    found = None
    for token in _TOKEN.finditer(query):
        if token.start() >= end:
            break
        if token.group("prefixed") is not None:
            found = token
    return found if found is not None and found.end() >= end - 1 else None


def syntax_error(exc: SyntaxError, query: str) -> QueryError:
    """pyoxigraph's ``error at LINE:COLUMN: expected one of ...`` as K400, at the mistake, with the text there."""
    form = query_form_error(query)
    if form is not None:
        return form
    message = str(exc)
    m = _POSITION.search(message)
    if not m:
        return QueryError(Errors.K400, line="?", column="?", detail=first_line(message))
    line, column, detail = int(m.group(1)), int(m.group(2)), m.group(3).strip()
    offset = _offset(query, line, column)
    word = _unknown_word(query, offset)
    if word is not None:
        line, column = _line_column(query, word.start())
        detail = f"'{word.group()}' is no SPARQL keyword, function or term"
    elif "Prefix not found" in detail and (name := _prefixed_name(query, offset)) is not None:
        line, column = _line_column(query, name.start())
        prefix = name.group().split(":", 1)[0]
        detail = f"the prefix '{prefix}:' of '{name.group()}' is not declared"
    else:
        detail = _expected(detail)
    lines = query.splitlines()
    if 0 < line <= len(lines):
        text = lines[line - 1]
        near = text[max(column - 16, 0) : column + 15].strip()
        detail += f", near '{near}'" if near else ""
    return QueryError(Errors.K400, line=line, column=column, detail=detail)


def _expected(detail: str) -> str:
    expected = re.match(r"expected (?:one of )?(.*)", detail, re.DOTALL)
    if expected:
        # pyoxigraph lists every token it would accept, with character classes; keep the readable ones, and
        # any plain-words message among them ("Prefix not found")
        tokens = [t.strip() for t in re.split(r",\s+(?![^\[]*\])", expected.group(1))]
        words = [t for t in tokens if re.fullmatch(r"[A-Z][a-z]+( [a-z?A-Z]+)+", t)]
        readable = [t for t in tokens if re.fullmatch(r'"[^"]+"|[A-Z][A-Z0-9_]*', t)]
        if words:
            detail = words[0][0].lower() + words[0][1:]
        else:
            detail = "expected " + ", ".join(readable[:8]) + (", ..." if len(readable) > 8 else "")
            detail = detail if readable else "unexpected text"
    return first_line(detail)


def first_line(text: str, width: int = 200) -> str:
    """The first line of a message, cut to ``width``, without " | " (which separates message and hint)."""
    line = text.strip().splitlines()[0].replace(" | ", " / ") if text.strip() else "unknown error"
    return line if len(line) <= width else line[: width - 1] + "…"


__all__ = ["KEYWORDS", "first_line", "query_form_error", "syntax_error"]
