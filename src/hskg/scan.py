"""Reading SPARQL and Turtle text before an engine parses it: what a query asks, and
whether either text nests deeper than the engines survive.

The text is scanned, not parsed: strings, IRIs and comments are skipped, so a
``SERVICE`` inside a quote is no reason to refuse, while an update keyword, a
``SERVICE`` clause or a ``FROM`` is seen.  Both the command line (``hskg.query``) and the
endpoint (``hskg.serve.protocol``) decide with this one scan; each words its own refusal.

Why a nesting limit: pyoxigraph's parsers recurse, so 5,000 nested parentheses in a
10 KB query end the process with SIGSEGV, and RDF canonicalization of nested blank nodes
grows with the cube of their depth (20,000 levels crash, 400 take 15 s).  Real queries
and files nest a handful of levels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import HskgError
from .namespaces import PREFIXES

MAX_NESTING = 64  # brackets, braces and parentheses inside each other, in a query or a Turtle file
# Checked as every file loads: 6.2 MB of Turtle (100k triples) in ~50 ms, under a fifth of the parse.
MAX_QUERY_BYTES = 256 * 1024
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}

# Each string form written as an "unrolled loop" (runs of plain characters between escapes):
# the same language as one alternation per character, and several times faster.
_STRING = (r'''"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""|'''
           r"""'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''|"""
           r'''"[^"\\\n]*(?:\\.[^"\\\n]*)*"|'''
           r"""'[^'\\\n]*(?:\\.[^'\\\n]*)*'""")
_IRI = r"""<[^<>"{}|^`\\\x00-\x20]*>"""
_COMMENT = r"\#[^\n]*"

# A variable's name: A-Z a-z 0-9 _ and U+00B7 to U+EFFFF, written as the characters it
# excludes, for the regex compiler builds a negated class 4 times faster (3 ms at each start).
_VARIABLE_NAME = r"[^\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\xb6\U000f0000-\U0010ffff]"

TOKEN = re.compile(rf"""
    (?P<var>[?$]{_VARIABLE_NAME}+)
  | (?P<string>{_STRING})
  | (?P<iri>{_IRI})
  | (?P<comment>{_COMMENT})
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[A-Za-z][\w.-]*)?:[\w.:%-]*)
  | (?P<word>[A-Za-z_][\w-]*)
  | (?P<other>\S)
""", re.VERBOSE | re.DOTALL)
# Only what can hide a bracket, and the brackets: the regex engine skips the rest.
BRACKET = re.compile(rf"{_STRING}|{_IRI}|{_COMMENT}|[\[\](){{}}]".encode(), re.DOTALL)
# What hides brackets, removed in one pass at C speed (``check_nesting``'s fast path); the
# patterns read bytes, where UTF-8 gives every character outside ASCII as bytes above 127.
HIDING = re.compile(rf"{_STRING}|{_IRI}|{_COMMENT}".encode(), re.DOTALL)
OPENERS, CLOSERS = b"([{", b")]}"
AS_PARENTHESES = bytes.maketrans(OPENERS + CLOSERS, b"(((" + b")))")
NOT_BRACKETS = bytes(b for b in range(256) if b not in OPENERS + CLOSERS)


class TooDeep(HskgError):
    """A query or Turtle text nests deeper than ``MAX_NESTING``."""

    def __init__(self, what: str, line: int) -> None:
        self.line = line
        self.reason = (f"nested more than {MAX_NESTING} levels deep (brackets, braces and parentheses inside "
                       "each other); hskg refuses deeper nesting, which crashes the engine")
        super().__init__(f"{what}: line {line}: {self.reason}")


def check_nesting(text: str | bytes, what: str) -> None:
    """Raise ``TooDeep`` (naming ``what`` and the line) where ``text`` (a query, or a
    Turtle file's UTF-8 bytes) opens its (MAX_NESTING + 1)th nested bracket; strings,
    IRIs and comments do not count.

    Cheap enough for every file a load reads (``hskg.load``): the fast path proves that
    the text is within the limit; only a text it cannot prove is scanned token by token,
    which decides and finds the line."""
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if not _provably_shallow(data):
        _scan_nesting(data, what)


def _provably_shallow(data: bytes) -> bool:
    """True when no bracket of ``data`` is nested deeper than ``MAX_NESTING``, proven at
    C speed: strings, IRIs and comments removed, every bracket made a parenthesis, then
    the innermost pairs ``()`` peeled off, at most MAX_NESTING times.

    Once no pair is left, what remains is ``)…)(…(``: ``a`` closers, then ``b`` openers
    never closed.  A bracket removed at pass k sat at most k levels above the depth of
    the remaining text where it was, and that depth never exceeds ``max(0, b - a)``; so
    ``max(0, b - a) + passes`` bounds the depth of every bracket of the text."""
    brackets = HIDING.sub(b"", data).translate(AS_PARENTHESES, NOT_BRACKETS)
    passes = 0
    while b"()" in brackets:
        if passes == MAX_NESTING:
            return False
        brackets = brackets.replace(b"()", b"")
        passes += 1
    return max(0, brackets.count(b"(") - brackets.count(b")")) + passes <= MAX_NESTING


def _scan_nesting(data: bytes, what: str) -> None:
    """The exact scan, token by token: raise ``TooDeep`` at the first bracket past the limit."""
    depth = 0
    for match in BRACKET.finditer(data):
        token = match.group()
        if len(token) != 1:
            continue
        if token in OPENERS:
            depth += 1
            if depth > MAX_NESTING:
                raise TooDeep(what, data.count(b"\n", 0, match.start()) + 1)
        elif token in CLOSERS:
            depth -= 1


@dataclass(frozen=True)
class Scan:
    """What the scanner found in a query's text."""

    form: str | None  # SELECT, ASK, CONSTRUCT or DESCRIBE; None when the text has none
    update: str | None = None  # the first update keyword (INSERT, DELETE, LOAD …), if any
    service: bool = False  # a SERVICE clause: a federated query, which reaches the network
    from_graphs: tuple[str, ...] = ()
    from_named: tuple[str, ...] = ()


class BadFrom(HskgError):
    """A FROM clause that names no graph IRI."""


def scan(query: str) -> Scan:
    """The query's form, its first update keyword, whether it has SERVICE, and its FROM /
    FROM NAMED graphs.  Raises ``BadFrom`` for a FROM without a graph IRI."""
    tokens = [(m.lastgroup, m.group()) for m in TOKEN.finditer(query) if m.lastgroup != "comment"]
    prefixes = dict(PREFIXES)
    form = update = None
    service = False
    graphs: dict[str, list[str]] = {"FROM": [], "NAMED": []}
    for index, (kind, text) in enumerate(tokens):
        if kind != "word":
            continue
        upper = text.upper()
        if upper in UPDATE_WORDS and update is None:
            update = upper
        service = service or upper == "SERVICE"
        if upper == "PREFIX" and index + 2 < len(tokens) and tokens[index + 2][0] == "iri":
            prefixes[tokens[index + 1][1].rstrip(":")] = tokens[index + 2][1][1:-1]
        if upper in QUERY_FORMS and form is None:
            form = upper
        if upper == "FROM":
            following = tokens[index + 1:index + 3]
            named = bool(following) and following[0][1].upper() == "NAMED"
            target = following[1] if named and len(following) > 1 else (following[0] if following else ("", ""))
            graphs["NAMED" if named else "FROM"].append(_iri(target, prefixes))
    return Scan(form, update, service, tuple(graphs["FROM"]), tuple(graphs["NAMED"]))


def _iri(token: tuple[str, str], prefixes: dict[str, str]) -> str:
    kind, text = token
    if kind == "iri":
        return text[1:-1]
    if kind == "pname":
        prefix, _, local = text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local
    raise BadFrom(f"FROM wants a graph IRI, not {text!r}")


def first_unserved(clauses: dict[str, list[str] | tuple[str, ...]], served: tuple[str, ...]) -> tuple[str, str] | None:
    """The first (clause, graph) whose graph is not in ``served``, or None when all are."""
    for clause, graphs in clauses.items():
        for graph in graphs:
            if graph not in served:
                return clause, graph
    return None
