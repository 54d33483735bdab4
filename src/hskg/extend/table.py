"""``hskg import``: rows of a CSV table as requests, like a ROBOT template.

The header says what the table adds: a ``kind`` and ``label`` column, actors
(templates/actors.csv); ``subject``, ``relation``, ``object``, statements
(templates/statements.csv); ``parent`` and ``label``, kinds of actor
(templates/kinds.csv).  A malformed table or an unknown column is refused, named.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..relations import RELATIONS
from .actors import ActorRequest
from .common import ExtendError
from .kinds import KindRequest
from .statements import StatementRequest

MULTI_VALUE_SEPARATOR = "|"

TABLES = {
    "actors": ("label", "kind", "alt", *(r.option for r in RELATIONS), "definition", "source", "quote", "section"),
    "statements": ("subject", "relation", "object", "source", "quote", "section", "according-to", "modality"),
    "kinds": ("label", "parent", "definition", "source", "alt"),
}
REQUIRED = {"actors": ("label", "kind"), "statements": ("subject", "relation", "object"),
            "kinds": ("label", "parent", "definition", "source")}


def read_csv_file(path: Path) -> list:
    """The rows of a CSV file (UTF-8, a byte order mark allowed) as requests."""
    try:
        return read_csv(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        raise ExtendError(f"cannot read {path}: {error}") from None


def table_kind(header: list[str]) -> str:
    """Which table the header is: statements, kinds, else actors."""
    if "subject" in header or "relation" in header:
        return "statements"
    if "parent" in header:
        return "kinds"
    return "actors"


def read_csv(text: str) -> list:
    """Rows of a CSV table as requests (all of one kind); a bad table is refused, named."""
    try:
        rows = list(csv.reader(io.StringIO(text), strict=True))
    except csv.Error as error:
        raise ExtendError(f"malformed CSV: {error}") from None
    if not rows:
        raise ExtendError("the CSV file is empty")
    header = [h.strip() for h in rows[0]]
    kind = table_kind(header)
    columns = TABLES[kind]
    unknown = [h for h in header if h not in columns]
    if unknown:
        raise ExtendError(f"unknown column {', '.join(repr(u) for u in unknown)}; the columns of a table of {kind} "
                          f"are: {', '.join(columns)}")
    for required in REQUIRED[kind]:
        if required not in header:
            raise ExtendError(f"the CSV has no {required!r} column")
    requests = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise ExtendError(f"row {number}: {len(row)} cells for {len(header)} columns")
        requests.append(_request(kind, dict(zip(header, row)), f"row {number}"))
    if not requests:
        raise ExtendError("the CSV has a header but no rows")
    return requests


def _request(kind: str, cells: dict[str, str], origin: str):
    def values(column: str) -> list[str]:
        return [v.strip() for v in cells.get(column, "").split(MULTI_VALUE_SEPARATOR) if v.strip()]

    if kind == "statements":
        return StatementRequest(subject=cells["subject"], relation=cells["relation"], object=cells["object"],
                                source=cells.get("source", ""), quote=cells.get("quote", ""),
                                section=cells.get("section", ""), according_to=cells.get("according-to", ""),
                                modality=cells.get("modality", ""), origin=origin)
    if kind == "kinds":
        return KindRequest(label=cells["label"], parent=cells["parent"], definition=cells["definition"],
                           source=cells["source"], alt=values("alt"), origin=origin)
    return ActorRequest(label=cells["label"], kind=cells["kind"], alt=values("alt"),
                        relations={r.option: values(r.option) for r in RELATIONS},
                        definition=cells.get("definition", ""), source=cells.get("source", ""),
                        quote=cells.get("quote", ""), section=cells.get("section", ""), origin=origin)
