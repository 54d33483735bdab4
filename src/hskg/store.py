"""The store seam: where the triples live and who answers SPARQL.

Callers use the ``Store`` protocol only (read and write; ``hskg.store_protocol``), and import
it from here.  The embedded store is ``OxigraphStore``: pyoxigraph in memory (nothing to
start; ``hskg.store_memory``), or in a folder on disk (``hskg.store_disk``: shared between
processes, kept in step with the files).  A SPARQL 1.1 endpoint implements the same protocol
(``hskg.store_remote``); ``open_store`` is the one place that chooses by location.

Terms are pyoxigraph's (``NamedNode``, ``BlankNode``, ``Literal``): small and
fast to import.  ``hskg.rdf`` converts to rdflib where its ecosystem is needed.
"""

from __future__ import annotations

from pathlib import Path

from .errors import HskgError
from .store_memory import OxigraphStore
from .store_protocol import (ASSERTED_GRAPHS, DATA_GRAPH, ENTAILED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, QueryResult,
                             QueryStream, Store, Term, TooManyRows, row_iris)

__all__ = ["ASSERTED_GRAPHS", "DATA_GRAPH", "ENTAILED_GRAPH", "INFERRED_GRAPH", "MEMORY", "ONTOLOGY_GRAPH",
           "OxigraphStore", "QueryResult", "QueryStream", "Store", "Term", "TooManyRows", "open_store",
           "row_iris"]

MEMORY = "memory"


def open_store(location: str | Path | None = None, **endpoints: str) -> Store:
    """The store at ``location``: ``None`` or ``"memory"`` for a new in-memory store, a folder
    for an on-disk store (created if missing), an ``http(s)://`` URL for a SPARQL 1.1 endpoint
    (``endpoints``: its ``update`` and ``graph_store`` URLs when they differ from it)."""
    if location is None or location == MEMORY:
        return OxigraphStore()
    text = str(location)
    if "://" in text:
        from .store_remote import RemoteStore

        return RemoteStore(text, **endpoints)
    folder = Path(text)
    if folder.exists() and not folder.is_dir():
        raise HskgError(f"cannot open a store at {folder}: it is a file, not a folder")
    from .store_disk import DiskStore

    try:
        folder.mkdir(parents=True, exist_ok=True)
        return DiskStore.open(folder)
    except OSError as error:
        raise HskgError(f"cannot open a store at {folder}: {error}") from None
