"""Synthetic graphs of the shipped graph's shape, at any size, the same for the same seed.

The shipped knowledge is replicated with renamed IRIs (labels suffixed, blank nodes
renamed, quotes and numbers kept); some relations are rewired across copies with
``random.Random(seed)`` (the claim that describes a rewired triple follows it).  The
result is written as Turtle into a project folder (``ontology/`` and ``queries/``
copied) so that hskg's real loader reads it.
"""

from __future__ import annotations

import random
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from hskg.namespaces import HSKG_ID, INDIVIDUAL_PREFIXES, PREFIXES
from hskg.project import Project

from .results import GraphInfo

DEFAULT_SEED = 2024
REWIRE_SHARE = 0.1  # the share of relations between individuals that a copy points into another copy
TRIPLES_PER_FILE = 50_000
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = RDF + "type"
RDF_OBJECT = RDF + "object"
REIFICATION = (RDF + "subject", RDF + "predicate", RDF_OBJECT)
LABEL_PREDICATES = {"http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
                    "http://www.w3.org/2004/02/skos/core#altLabel", "http://purl.org/dc/terms/title"}
CLAIM_NAMESPACE = HSKG_ID + "claim/"
Key = tuple[str, str, str]  # (subject, predicate, object) IRIs of a shipped triple


@dataclass
class Shipped:
    """The shipped graph's triples, split as the loader splits them, and the project they come from."""

    project: Project
    ontology: list[ox.Triple]
    data: list[ox.Triple]


def shipped_triples(project: Project) -> Shipped:
    from hskg.knowledge import load_project
    from hskg.store import DATA_GRAPH, ONTOLOGY_GRAPH

    store = load_project(project).store
    return Shipped(project, list(store.triples([ONTOLOGY_GRAPH])), list(store.triples([DATA_GRAPH])))


def copies_for(size: int, shipped: Shipped) -> int:
    """How many copies of the knowledge make a graph of about ``size`` triples."""
    return max(1, round((size - len(shipped.ontology)) / len(shipped.data)))


@dataclass
class _Structure:
    """What the generator needs to know of the shipped knowledge, computed once."""

    individuals: set[str]  # what a copy renames
    claim_of: dict[Key, list[str]]  # the claims that describe a triple
    label_claims: set[str]  # claims about a label (their object gets the copy's suffix)
    rewirable: list[Key]  # relations between two individuals, sorted, that may point into another copy


def _structure(shipped: Shipped) -> _Structure:
    ontology_subjects = {t.subject.value for t in shipped.ontology if isinstance(t.subject, ox.NamedNode)}
    shared = shared_individuals(shipped.project)
    individuals = {t.subject.value for t in shipped.data if isinstance(t.subject, ox.NamedNode)
                   and t.subject.value.startswith(HSKG_ID) and t.subject.value not in ontology_subjects
                   and t.subject.value not in shared}
    statements: dict[str, dict[str, ox.Term]] = {}
    for t in shipped.data:
        if t.predicate.value in REIFICATION:
            statements.setdefault(t.subject.value, {})[t.predicate.value] = t.object
    claim_of: dict[Key, list[str]] = {}
    for claim, parts in statements.items():
        if all(p in parts for p in REIFICATION):
            claim_of.setdefault(tuple(parts[p].value for p in REIFICATION), []).append(claim)
    label_claims = {claim for claim, parts in statements.items()
                    if RDF + "predicate" in parts and parts[RDF + "predicate"].value in LABEL_PREDICATES}
    rewirable = sorted({(t.subject.value, t.predicate.value, t.object.value) for t in shipped.data
                        if isinstance(t.object, ox.NamedNode) and t.object.value in individuals
                        and t.subject.value in individuals and t.predicate.value != RDF_TYPE
                        and t.predicate.value not in REIFICATION and not t.subject.value.startswith(CLAIM_NAMESPACE)})
    return _Structure(individuals, claim_of, label_claims, rewirable)


def synthetic_copies(shipped: Shipped, copies: int, seed: int = DEFAULT_SEED) -> Iterator[list[ox.Triple]]:
    """The knowledge of a synthetic graph, one list of triples per copy of the shipped knowledge.

    Copy 0 is the shipped knowledge itself (so the catalog's example parameters name
    the same nodes); copy k renames every individual the knowledge defines
    (``…/actor/nato`` → ``…/actor/nato-s7``), its blank nodes, and suffixes its labels
    (``NATO (7)``); quotes, numbers and dates are kept.  Of the relations between two
    individuals, about ``REWIRE_SHARE`` point into a random other copy, and the claim
    that describes such a triple points there too.  Same seed, same triples.
    """
    structure = _structure(shipped)
    rng = random.Random(seed)
    for k in range(copies):
        # Which relations of this copy point into another copy, and which copy.
        target: dict[Key, int] = {}
        if k > 0 and copies > 1:
            for key in structure.rewirable:
                if rng.random() < REWIRE_SHARE:
                    other = rng.randrange(copies - 1)
                    target[key] = other if other < k else other + 1
        claim_target = {claim: j for key, j in target.items() for claim in structure.claim_of.get(key, ())}
        # What the shared individuals (the report, the notion scheme) say is said once, in
        # copy 0; a copy adds only their relations to the copy's own individuals.
        yield [_copied(t, k, structure, target, claim_target) for t in shipped.data
               if k == 0 or t.subject.value in structure.individuals or not isinstance(t.subject, ox.NamedNode)
               or (isinstance(t.object, ox.NamedNode) and t.object.value in structure.individuals)]


def shared_individuals(project: Project) -> set[str]:
    """Individuals the shapes or the SPARQL checks name (``report:hfm-et-201``,
    ``notion:scheme``): one of each in any graph, so copies share them."""
    texts = [p.read_text(encoding="utf-8") for p in project.shape_files()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((project.queries_dir / "checks").glob("*.rq"))]
    named = set()
    for text in texts:
        for prefix, local in re.findall(r"(?<![\w/#])([a-z]+):([A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9_])", text):
            if prefix in INDIVIDUAL_PREFIXES:
                named.add(INDIVIDUAL_PREFIXES[prefix] + local)
        named.update(re.findall(r"<(" + re.escape(HSKG_ID) + r"[^>]+)>", text))
    return named


def _copied(t: ox.Triple, k: int, structure: _Structure, target: dict[Key, int],
            claim_target: dict[str, int]) -> ox.Triple:
    if k == 0:
        return t
    s, p, o = t.subject, t.predicate, t.object
    j = k  # the copy the object belongs to
    if isinstance(o, ox.NamedNode):
        if s.value in claim_target and p.value == RDF_OBJECT:
            j = claim_target[s.value]
        else:
            j = target.get((s.value, p.value, o.value), k)
    label = p.value in LABEL_PREDICATES or (p.value == RDF_OBJECT and s.value in structure.label_claims)
    return ox.Triple(_renamed(s, k, structure.individuals), p, _renamed(o, j, structure.individuals, label=label))


def _renamed(term, k: int, individuals: set[str], *, label: bool = False):
    if k == 0:  # an object rewired into copy 0, the shipped knowledge, keeps its name
        return term
    if isinstance(term, ox.NamedNode):
        return ox.NamedNode(f"{term.value}-s{k}") if term.value in individuals else term
    if isinstance(term, ox.BlankNode):
        return ox.BlankNode(f"c{k}{term.value}")
    if label and isinstance(term, ox.Literal):
        text = f"{term.value} ({k})"
        return ox.Literal(text, language=term.language) if term.language else ox.Literal(text)
    return term


def synthetic_triples(shipped: Shipped, copies: int, seed: int = DEFAULT_SEED) -> list[ox.Triple]:
    """The whole synthetic graph, schema and knowledge."""
    triples = list(shipped.ontology)
    for part in synthetic_copies(shipped, copies, seed):
        triples += part
    return triples


def write_synthetic_project(folder: Path, shipped: Shipped, copies: int, seed: int = DEFAULT_SEED,
                            name: str = "synthetic", nominal: int = 0) -> GraphInfo:
    """A project folder: ``ontology/`` and ``queries/`` copied from the shipped project,
    the synthetic knowledge as Turtle files in ``graph/`` (several copies per file)."""
    started = time.perf_counter()
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(shipped.project.ontology_dir, folder / "ontology")
    shutil.copytree(shipped.project.queries_dir, folder / "queries")
    (folder / "graph").mkdir(parents=True)
    per_file = max(1, TRIPLES_PER_FILE // max(1, len(shipped.data)))
    batch: list[ox.Triple] = []
    files: list[Path] = []
    triples = len(shipped.ontology)
    for k, part in enumerate(synthetic_copies(shipped, copies, seed)):
        batch += part
        triples += len(part)
        if (k + 1) % per_file == 0 or k == copies - 1:
            files.append(_write_turtle(folder / "graph" / f"synthetic-{len(files):04d}.ttl", batch))
            batch = []
    project = Project(folder)
    return GraphInfo(name=name, root=str(folder), triples=triples, files=len(files) + len(project.ontology_files()),
                     copies=copies, generate_s=time.perf_counter() - started,
                     turtle_mb=sum(p.stat().st_size for p in files) / 1e6, nominal=nominal)


def _write_turtle(path: Path, triples: list[ox.Triple]) -> Path:
    # Sorted by subject so that each subject's triples are grouped in the Turtle.
    triples.sort(key=lambda t: (str(t.subject), str(t.predicate)))
    path.write_bytes(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    return path


def shipped_info(shipped: Shipped) -> GraphInfo:
    project = shipped.project
    files = project.ontology_files() + project.graph_files()
    return GraphInfo(name="shipped", root=str(project.root), triples=len(shipped.ontology) + len(shipped.data),
                     files=len(files), copies=0, turtle_mb=sum(p.stat().st_size for p in files) / 1e6)


def size_label(size: int) -> str:
    """``100000`` → ``100k``; ``1000000`` → ``1M``."""
    if size >= 1_000_000 and size % 1_000_000 == 0:
        return f"{size // 1_000_000}M"
    if size >= 1_000 and size % 1_000 == 0:
        return f"{size // 1_000}k"
    return str(size)


def parse_size(text: str) -> int:
    """``100k`` → ``100000``; ``1M`` → ``1000000``; ``10_000`` → ``10000``."""
    text = text.strip().lower().replace("_", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)
