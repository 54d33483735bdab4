"""What every addition checks the same way: errors, labels, quotes and node names.

Labels are compared as a reader sees them: after Unicode NFKC folding (full-width
letters, ligatures), with format characters (zero-width spaces and joiners) removed,
case folded and white space collapsed; bidirectional controls are refused outright,
since they make a label read differently from what it holds.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

import pyoxigraph as ox

from ..errors import EXIT_FINDINGS, HskgError
from ..labels import NAMES
from ..namespaces import compact
from ..query import QueryError, resolve_node

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
MAX_LABEL = 200
ARGUMENTS = ("node", "subject", "relation", "object")  # given as arguments, not --options

# A quote is a meaningful span of its source: at least this many words and characters,
# and (where the source's text is held) starting and ending at word boundaries of it.
QUOTE_MIN_WORDS = 3
QUOTE_MIN_CHARACTERS = 15


class ExtendError(HskgError):
    """Bad input for a change: an unknown kind or node, a bad label, a malformed table…"""


class DuplicateError(ExtendError):
    """The change repeats or contradicts what the graph already has: a finding (exit 1)."""

    exit_code = EXIT_FINDINGS


def where(origin: str, field: str = "") -> str:
    """Where a bad value was given: ``row 3, column kind: `` for a CSV row, ``--kind: `` for an option."""
    if not origin and field in ARGUMENTS:
        return f"{field.upper()}: "
    if origin and field:
        return f"{origin}, column {field}: "
    if origin:
        return f"{origin}: "
    return f"--{field}: " if field else ""


def fold_label(text: str) -> str:
    """The form two labels are compared in (see the module's docstring)."""
    folded = unicodedata.normalize("NFKC", text)
    folded = "".join(c for c in folded if unicodedata.category(c) != "Cf")
    return re.sub(r"\s+", " ", folded).strip().casefold()


def check_label(text: str, what: str, origin: str = "", field: str = "") -> str:
    """A label is one line of plain text: no control or bidirectional control characters,
    no double quotes, no markup, and something left once format characters are removed."""
    at = where(origin, field)
    stripped = text.strip()
    if not fold_label(text):
        raise ExtendError(f"{at}the {what} is empty")
    if any(c in BIDI_CONTROLS for c in text):
        code = next(f"U+{ord(c):04X}" for c in text if c in BIDI_CONTROLS)
        raise ExtendError(f"{at}the {what} {text!r} contains a bidirectional control character ({code})")
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in text):
        raise ExtendError(f"{at}the {what} {text!r} contains a line break or control character")
    if re.search(r'["<>]', text):
        raise ExtendError(f"{at}the {what} {text!r} contains \" < or >: a label is plain text, not markup")
    if len(stripped) > MAX_LABEL:
        raise ExtendError(f"{at}the {what} is longer than {MAX_LABEL} characters")
    return stripped


def folded_names(store) -> dict[str, str]:
    """Every label and alternative label of the graph, folded (``fold_label``), with the node it names."""
    return {fold_label(row[1].value): row[0].value for row in store.query(NAMES).rows}


def check_quote(text: str, origin: str = "", field: str = "quote") -> str:
    """A quote is a meaningful span: ``QUOTE_MIN_WORDS`` words, ``QUOTE_MIN_CHARACTERS``
    characters, no control characters."""
    quote = re.sub(r"\s+", " ", text).strip()
    if any(c in BIDI_CONTROLS or unicodedata.category(c) == "Cc" for c in quote):
        raise ExtendError(f"{where(origin, field)}the quote contains a control character")
    if len(re.findall(r"\w+", quote)) < QUOTE_MIN_WORDS or len(quote) < QUOTE_MIN_CHARACTERS:
        raise ExtendError(f"{where(origin, field)}the quote {quote!r} is too short: a quote is a passage of at "
                          f"least {QUOTE_MIN_WORDS} words and {QUOTE_MIN_CHARACTERS} characters")
    return quote


def quote_in_text(quote: str, text: str) -> bool:
    """Whether ``quote`` (white space folded) occurs in ``text`` starting and ending at word
    boundaries (not inside a word of the source)."""
    folded = re.sub(r"\s+", " ", text)
    start = folded.find(quote)
    while start != -1:
        end = start + len(quote)
        before = folded[start - 1] if start else " "
        after = folded[end] if end < len(folded) else " "
        if not (before.isalnum() and quote[0].isalnum()) and not (after.isalnum() and quote[-1].isalnum()):
            return True
        start = folded.find(quote, start + 1)
    return False


def find_node(store, name: str, origin: str = "", field: str = "") -> ox.NamedNode:
    """The node ``name`` names (IRI, prefix:name, slug, label), which must be in the graph;
    an unknown name is refused with the closest labels."""
    try:
        node = resolve_node(store, name)
    except QueryError as error:
        raise ExtendError(f"{where(origin, field)}{error}{closest(name, [row[1].value for row in store.query(NAMES).rows])}") from None
    if not store.query("ASK { ?node ?p ?o }", bindings={"node": node}).boolean:
        raise ExtendError(f"{where(origin, field)}{compact(node.value)} is not in the graph")
    return node


def closest(name: str, candidates: list[str], *, question: bool = False, cutoff: float = 0.6) -> str:
    """``; closest labels: a, b`` (or ``; did you mean a, b?``) when some candidates resemble
    ``name``, else ""."""
    close = difflib.get_close_matches(name, candidates, n=3, cutoff=cutoff)
    if not close:
        return ""
    return f"; did you mean {', '.join(close)}?" if question else f"; closest labels: {', '.join(close)}"
