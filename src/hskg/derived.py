"""Derived triples (and the OWL verdict) kept in build/, recomputed when what they derive from changes.

A derived file (the OWL inferences in ``build/inferred.ttl``) starts with a comment that
holds the content hash of its inputs: every loaded file's path and bytes.  Any edit, new
file or deleted file changes the hash, so the file is computed again; file times play no
part (a deleted file leaves no stale inferences behind).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable, Iterable, Mapping

import pyoxigraph as ox

HEADER = "# hskg derived triples; inputs sha256:"


def fingerprint(paths: Iterable[Path], root: Path, digests: Mapping[Path, bytes] | None = None) -> str:
    """A hash of the files' paths (relative to ``root``) and contents, in sorted order;
    ``digests`` gives the sha256 of files already hashed (an on-disk store records them)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(root) if path.is_relative_to(root) else path).encode("utf-8") + b"\0")
        digest.update((digests or {}).get(path) or hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def cached_triples(target: Path, inputs: str, compute: Callable[[], list[ox.Triple]]) -> list[ox.Triple]:
    """The triples in ``target`` if it was derived from ``inputs``; else ``compute()`` them and
    write them there (atomically) with that fingerprint."""
    kept = read_derived(target, inputs)
    if kept is not None:
        return kept
    triples = compute()
    write_derived(target, inputs, triples)
    return triples


def read_derived(target: Path, inputs: str) -> list[ox.Triple] | None:
    """The triples in ``target`` if it was derived from ``inputs``, else None."""
    if not target.is_file():
        return None
    with target.open("r", encoding="utf-8") as stream:
        if stream.readline() != f"{HEADER}{inputs}\n":
            return None
    return [quad.triple for quad in ox.parse(path=target, format=ox.RdfFormat.TURTLE)]


def write_derived(target: Path, inputs: str, triples: list[ox.Triple]) -> None:
    """Keep ``triples`` in ``target`` (atomically) as derived from ``inputs``."""
    from .export import serialize

    _keep(target, f"{HEADER}{inputs}\n".encode("utf-8") + serialize(triples, "ttl"))


def read_record(target: Path) -> dict | None:
    """The JSON object kept in ``target`` (a verdict and the keys it was derived under), or
    None when there is none or it cannot be read: the caller derives it again."""
    import json

    try:
        record = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def write_record(target: Path, record: dict) -> None:
    """Keep ``record`` in ``target`` as JSON (atomically)."""
    import json

    _keep(target, json.dumps(record, indent=1, sort_keys=True).encode("utf-8") + b"\n")


def _keep(target: Path, content: bytes) -> None:
    from .errors import WriteError
    from .files import write_atomically

    try:
        write_atomically(target, content)
    except WriteError:
        pass  # a read-only checkout still answers; it only computes again next time
