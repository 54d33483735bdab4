"""Query results as text: a table for people, CSV/TSV/JSON for programs, Markdown for documents.

JSON is the SPARQL 1.1 Query Results JSON Format; CSV and TSV follow the SPARQL 1.1
CSV/TSV formats; ASK answers print ``true`` or ``false``; CONSTRUCT and DESCRIBE
print Turtle with the project's prefixes, or N-Triples.  Every format but the table and
Turtle is written row by row as the engine answers (``write_result``).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import itertools
import json
from typing import Callable, Iterable, Mapping, TextIO

import pyoxigraph as ox

from .errors import HskgError
from .labels import labels_of
from .namespaces import compact
from .store import QueryResult, QueryStream, Store, TooManyRows, row_iris
from .vocabulary import XSD

SELECT_FORMATS = ("table", "csv", "tsv", "json", "md")
CONSTRUCT_FORMATS = ("ttl", "nt")  # CONSTRUCT and DESCRIBE: Turtle (any SELECT format gives it too) or N-Triples
# The most rows (or triples) held by the formats that need all of them before they write: the
# table and Turtle.  A table of 100,000 rows of three IRIs took 185 MB more than the command's
# start (the shipped graph); past them, a streamed format.
MAX_ROWS_HELD = 100_000
LABELLED_AT_ONCE = 1_000  # rows whose IRIs Markdown labels with one lookup
Labeller = Callable[[Iterable[str]], Mapping[str, str]]

def labels_for(store: Store, result: QueryResult) -> dict[str, str]:
    """The preferred label of each IRI in the result that has one."""
    return labels_of(store, result.iris())


INTEGER_TYPES = {XSD.integer, XSD.int, XSD.long, XSD.nonNegativeInteger, XSD.positiveInteger}


def python_value(cell, labels: Mapping[str, str]):
    """A cell as a Python value for a data frame: a node's label (else its compact name),
    an integer or a boolean for those literals, else the text with its white space folded."""
    if cell is None:
        return None
    if isinstance(cell, ox.NamedNode):
        return labels.get(cell.value, compact(cell.value))
    if isinstance(cell, ox.BlankNode):
        return f"_:{cell.value}"
    if cell.datatype in INTEGER_TYPES:
        return int(cell.value)
    if cell.datatype == XSD.boolean:
        return cell.value == "true"
    return " ".join(cell.value.split())


def to_dataframe(result: QueryResult, store: Store | None = None):
    """A SELECT result as a pandas DataFrame (pandas is imported here, only when asked),
    nodes shown by their labels when ``store`` is given."""
    import pandas

    labels = labels_for(store, result) if store is not None else {}
    rows = [[python_value(cell, labels) for cell in row] for row in result.rows]
    return pandas.DataFrame(rows, columns=result.variables)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def format_result(result: QueryResult, fmt: str = "table", labels: Mapping[str, str] | None = None, *,
                  spreadsheet_safe: bool = False) -> str:
    """A held result as text (``write_result`` writes an answer as it comes)."""
    buffer = io.StringIO()
    write_result(result.stream(), fmt, buffer, labels=lambda iris: labels or {}, spreadsheet_safe=spreadsheet_safe,
                 max_rows_held=None)
    return buffer.getvalue()


def write_result(answer: QueryStream, fmt: str, out: TextIO, *, labels: Labeller | None = None,
                 spreadsheet_safe: bool = False, max_rows_held: int | None = MAX_ROWS_HELD) -> None:
    """Write an answer to ``out`` in ``fmt``, each row as the engine gives it where the format
    allows: CSV, TSV, JSON and Markdown for SELECT, N-Triples for CONSTRUCT and DESCRIBE, so
    that an answer of any size fits in memory.  The table (its columns as wide as their
    widest cell) and Turtle (sorted, with canonical blank nodes) need every row first: they
    hold at most ``max_rows_held`` (None: any number) and refuse a larger answer, naming the
    format that streams.

    ``labels`` gives the labels of IRIs (``KnowledgeGraph.labels``) for the formats people
    read, table and Markdown.  ``spreadsheet_safe`` (CSV for people, ``hskg query --format
    csv``) prefixes with ``'`` each cell a spreadsheet would run as a formula (the OWASP rule
    for CSV injection); the endpoint's CSV keeps the SPARQL 1.1 format, raw.
    """
    if answer.form == "ask":
        out.write("true\n" if answer.boolean else "false\n")
        return
    if answer.form == "graph":
        _write_triples(answer, fmt, out, max_rows_held)
        return
    _check_select_format(fmt)
    labels = labels or (lambda iris: {})
    if fmt == "table":
        rows = list(ready_to_write(answer, fmt, max_rows_held).rows)
        out.write(_table(answer.variables, rows, labels(row_iris(rows))))
    elif fmt == "csv":
        _csv(answer, out, spreadsheet_safe)
    elif fmt == "md":
        _markdown(answer, out, labels)
    else:
        {"tsv": _tsv, "json": _json}[fmt](answer, out)


def _write_triples(answer: QueryStream, fmt: str, out: TextIO, max_rows_held: int | None) -> None:
    if fmt == "nt":
        for triple in answer.triples:
            out.write(f"{triple} .\n")
        return
    from .export import serialize

    out.write(serialize(ready_to_write(answer, fmt, max_rows_held).triples, "ttl").decode("utf-8"))


def ready_to_write(answer: QueryStream, fmt: str, max_rows_held: int | None = MAX_ROWS_HELD) -> QueryStream:
    """The answer ready to be written in ``fmt``: held first when ``fmt`` needs every row
    (the table; Turtle for CONSTRUCT and DESCRIBE), else with its first row already found.
    A command calls it before it opens its output, so that an answer past ``max_rows_held``
    (refused, naming the format that streams) or a query that fails as it starts writes
    nothing."""
    if answer.form == "select":
        _check_select_format(fmt)
    if answer.form == "select" and fmt == "table":
        purpose, streamed = "to align a table", "csv, tsv, json or md"
    elif answer.form == "graph" and fmt != "nt":
        purpose, streamed = "to write sorted Turtle", "nt"
    else:
        first_row, first_triple = list(itertools.islice(answer.rows, 1)), list(itertools.islice(answer.triples, 1))
        return dataclasses.replace(answer, rows=itertools.chain(first_row, answer.rows),
                                   triples=itertools.chain(first_triple, answer.triples))
    try:
        return answer.held(max_rows_held).stream()
    except TooManyRows as refused:
        raise HskgError(f"the answer has more than {refused.limit:,} {refused.unit}, the most hskg holds {purpose}; "
                        f"--format {streamed} writes any number as they come (--max-rows raises the limit)") from None


def _check_select_format(fmt: str) -> None:
    if fmt in CONSTRUCT_FORMATS:
        raise HskgError(f"--format {fmt} is for CONSTRUCT and DESCRIBE; a SELECT answer comes as "
                        f"{', '.join(SELECT_FORMATS[:-1])} or {SELECT_FORMATS[-1]}")
    if fmt not in SELECT_FORMATS:
        raise ValueError(f"unknown result format {fmt!r}; choose one of {', '.join(SELECT_FORMATS)}")


def _shown(cell, labels: Mapping[str, str]) -> str:
    """A cell for people: a compact IRI with its label beside it, a literal's text."""
    if cell is None:
        return ""
    if isinstance(cell, ox.NamedNode):
        name = compact(cell.value)
        label = labels.get(cell.value)
        return f"{name} ({label})" if label else name
    if isinstance(cell, ox.BlankNode):
        return f"_:{cell.value}"
    return " ".join(cell.value.split())  # quotes span lines in the source; a table row must not


def _table(variables: list[str], rows: list, labels: Mapping[str, str]) -> str:
    shown = [[_shown(cell, labels) for cell in row] for row in rows]
    widths = [max([len(v)] + [len(r[i]) for r in shown]) for i, v in enumerate(variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(variables, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in shown]
    lines.append(f"({len(shown)} row{'s' if len(shown) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _markdown(answer: QueryStream, out: TextIO, labels: Labeller) -> None:
    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|")

    out.write("| " + " | ".join(answer.variables) + " |\n|" + "---|" * len(answer.variables) + "\n")
    # The labels of a batch of rows at a time: one lookup per batch, and no more rows held.
    while batch := list(itertools.islice(answer.rows, LABELLED_AT_ONCE)):
        known = labels(row_iris(batch))
        out.writelines("| " + " | ".join(cell(_shown(c, known)) for c in row) + " |\n" for row in batch)


def _csv(answer: QueryStream, out: TextIO, spreadsheet_safe: bool) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(answer.variables)
    for row in answer.rows:
        cells = ["" if c is None else (f"_:{c.value}" if isinstance(c, ox.BlankNode) else c.value) for c in row]
        writer.writerow([spreadsheet_cell(c) if spreadsheet_safe else c for c in cells])


def spreadsheet_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs: the OWASP rule for CSV injection."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _tsv(answer: QueryStream, out: TextIO) -> None:
    out.write("\t".join(f"?{v}" for v in answer.variables) + "\n")
    out.writelines("\t".join("" if c is None else str(c) for c in row) + "\n" for row in answer.rows)


def _json(answer: QueryStream, out: TextIO) -> None:
    """SPARQL 1.1 results JSON, a binding at a time, in the very layout of ``json.dumps(indent=1)``."""
    head = json.dumps({"head": {"vars": answer.variables}}, indent=1, ensure_ascii=False)
    out.write(head[:-2] + ',\n "results": {\n  "bindings": [')
    separator = "\n   "
    for row in answer.rows:
        binding = {v: _json_term(c) for v, c in zip(answer.variables, row) if c is not None}
        out.write(separator + json.dumps(binding, indent=1, ensure_ascii=False).replace("\n", "\n   "))
        separator = ",\n   "
    out.write("]\n }\n}\n" if separator == "\n   " else "\n  ]\n }\n}\n")


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    literal = {"type": "literal", "value": term.value}
    if term.language:
        literal["xml:lang"] = term.language
    elif term.datatype != XSD.string:
        literal["datatype"] = term.datatype.value
    return literal
