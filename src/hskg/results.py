"""Query results as text: a table for people, CSV/TSV/JSON for programs, Markdown for documents.

JSON is the SPARQL 1.1 Query Results JSON Format; CSV and TSV follow the SPARQL 1.1
CSV/TSV formats; ASK answers print ``true`` or ``false``; CONSTRUCT and DESCRIBE
print Turtle with the project's prefixes.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Mapping

import pyoxigraph as ox

from .labels import labels_of
from .namespaces import compact
from .store import QueryResult, Store
from .vocabulary import XSD

SELECT_FORMATS = ("table", "csv", "tsv", "json", "md")

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
    """The result as text.  ``spreadsheet_safe`` (CSV for people, ``hskg query --format csv``)
    prefixes with ``'`` each cell a spreadsheet would run as a formula (the OWASP rule for
    CSV injection); the endpoint's CSV keeps the SPARQL 1.1 format, raw."""
    if result.form == "ask":
        return "true\n" if result.boolean else "false\n"
    if result.form == "graph":
        from .export import serialize

        return serialize(result.triples, "ttl").decode("utf-8")
    if fmt not in SELECT_FORMATS:
        raise ValueError(f"unknown result format {fmt!r}; choose one of {', '.join(SELECT_FORMATS)}")
    if fmt == "csv":
        return _csv(result, spreadsheet_safe)
    return {"table": _table, "md": _markdown, "tsv": _tsv, "json": _json}[fmt](result, labels or {})


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


def _table(result: QueryResult, labels) -> str:
    rows = [[_shown(cell, labels) for cell in row] for row in result.rows]
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(result.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.variables, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _markdown(result: QueryResult, labels) -> str:
    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|")

    lines = ["| " + " | ".join(result.variables) + " |", "|" + "---|" * len(result.variables)]
    lines += ["| " + " | ".join(cell(_shown(c, labels)) for c in row) + " |" for row in result.rows]
    return "\n".join(lines) + "\n"


def _csv(result: QueryResult, spreadsheet_safe: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        cells = ["" if c is None else (f"_:{c.value}" if isinstance(c, ox.BlankNode) else c.value) for c in row]
        writer.writerow([spreadsheet_cell(c) if spreadsheet_safe else c for c in cells])
    return buffer.getvalue()


def spreadsheet_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs: the OWASP rule for CSV injection."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _tsv(result: QueryResult, labels) -> str:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if c is None else str(c) for c in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json(result: QueryResult, labels) -> str:
    bindings = []
    for row in result.rows:
        bindings.append({v: _json_term(c) for v, c in zip(result.variables, row) if c is not None})
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                      indent=1, ensure_ascii=False) + "\n"


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
