"""Adding actors: from command-line options or from the rows of a CSV table.

Nothing is written until the new triples have been validated together with the
whole graph (SHACL, the SPARQL checks, OWL consistency, node names, duplicate
labels, quotes against the sources).  The plan is built here, as an object; the
CLI writes it (atomically, one file per actor, under a lock).
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

import pyoxigraph as ox

from .errors import EXIT_FINDINGS, HskgError
from .labels import NAMES, all_names
from .namespaces import INDIVIDUAL_PREFIXES, compact
from .query import QueryError, resolve_node
from .relations import RELATIONS
from .store import DATA_GRAPH, Store
from .vocabulary import HSKG, OA, PROV, RDF, RDFS, SKOS

if TYPE_CHECKING:
    from .validate import ValidationReport

REPORT = ox.NamedNode(INDIVIDUAL_PREFIXES["report"] + "hfm-et-201")
MULTI_VALUE_SEPARATOR = "|"


CSV_COLUMNS = ("label", "kind", "alt", *(r.option for r in RELATIONS), "definition", "source", "quote", "section")

ACTOR_KINDS = """
SELECT ?class ?label ?definition WHERE {
  ?class rdfs:subClassOf+ hskg:Actor .
  OPTIONAL { ?class rdfs:label ?label }
  OPTIONAL { ?class skos:definition ?definition }
} ORDER BY ?class
"""



class ExtendError(HskgError):
    """Bad input for an addition: an unknown kind or node, a bad label, a malformed table…"""


class DuplicateError(ExtendError):
    """The addition repeats what the graph already has: a finding about the graph (exit 1)."""

    exit_code = EXIT_FINDINGS


@dataclass(frozen=True)
class Kind:
    slug: str
    iri: str
    label: str
    definition: str


@dataclass
class ActorRequest:
    """One actor to add, as the user gave it (options or one CSV row)."""

    label: str
    kind: str
    alt: list[str] = field(default_factory=list)
    relations: dict[str, list[str]] = field(default_factory=dict)  # option -> node names
    definition: str = ""
    source: str = ""
    quote: str = ""
    section: str = ""
    origin: str = ""  # "row 3" for a CSV row, for messages


@dataclass
class PlannedActor:
    iri: ox.NamedNode
    slug: str
    label: str
    triples: list[ox.Triple]
    turtle: str


def actor_kinds(store: Store) -> dict[str, Kind]:
    """The kinds of actor the ontology knows, by slug (``InternationalOrganization`` → ``international-organization``)."""
    kinds = {}
    for cls, label, definition in store.query(ACTOR_KINDS).rows:
        local = cls.value.rsplit("#", 1)[-1]
        slug = re.sub(r"(?<!^)(?=[A-Z])", "-", local).lower()
        kinds[slug] = Kind(slug, cls.value, label.value if label else local, definition.value if definition else "")
    return kinds


def slugify(label: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def check_label(text: str, what: str, origin: str = "", field: str = "") -> str:
    """A label is one line of plain text: no control characters, no double quotes, no markup."""
    where = _prefix(origin, field)
    stripped = text.strip()
    if not stripped:
        raise ExtendError(f"{where}the {what} is empty")
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in text):
        raise ExtendError(f"{where}the {what} {text!r} contains a line break or control character")
    if re.search(r'["<>]', text):
        raise ExtendError(f"{where}the {what} {text!r} contains \" < or >: a label is plain text, not markup")
    if len(stripped) > 200:
        raise ExtendError(f"{where}the {what} is longer than 200 characters")
    return stripped


def plan_actors(store: Store, requests: Sequence[ActorRequest], taken_slugs: set[str]) -> list[PlannedActor]:
    """Check every request and build its triples; raise on the first bad input, naming it.

    ``taken_slugs`` are the file names already under graph/actors/ (without .ttl),
    so that a new file never replaces an existing one.
    """
    kinds = actor_kinds(store)
    existing_labels = all_names(store)
    seen_labels: dict[str, str] = {}
    planned = []
    for request in requests:
        where = request.origin
        label = check_label(request.label, "label", where, "label")
        kind = _kind(kinds, request.kind, where)
        alt_labels = [check_label(a, "alternative label", where, "alt") for a in request.alt if a.strip()]
        for text in [label, *alt_labels]:
            field_name = "label" if text == label else "alt"
            owner = existing_labels.get(text.casefold())
            if owner:
                raise DuplicateError(f"{_prefix(where, field_name)}{text!r} is already a label of {compact(owner)}: "
                                     "a duplicate of an existing node")
            if text.casefold() in seen_labels:
                raise DuplicateError(f"{_prefix(where, field_name)}{text!r} is also given by "
                                     f"{seen_labels[text.casefold()]}")
            seen_labels[text.casefold()] = where or "another actor"
        slug = _free_slug(store, slugify(label) or "actor", taken_slugs)
        taken_slugs.add(slug)
        iri = ox.NamedNode(INDIVIDUAL_PREFIXES["actor"] + slug)
        triples = [ox.Triple(iri, RDF.type, ox.NamedNode(kind.iri)),
                   ox.Triple(iri, RDFS.label, ox.Literal(label, language="en"))]
        triples += [ox.Triple(iri, SKOS.altLabel, ox.Literal(a, language="en")) for a in alt_labels]
        if request.definition.strip():
            triples.append(ox.Triple(iri, SKOS.definition, ox.Literal(
                check_label(request.definition, "definition", where, "definition"), language="en")))
        statements = []
        for relation in RELATIONS:
            for name in request.relations.get(relation.option, []):
                if name.strip():
                    target = _node(store, name, relation.option, where)
                    statements.append(ox.Triple(iri, ox.NamedNode(relation.predicate), target))
        triples += statements
        triples += _claims(store, slug, statements, request)
        planned.append(PlannedActor(iri, slug, label, triples, render_turtle(triples, label)))
    return planned


def _prefix(where: str, field: str = "") -> str:
    """Where a bad value was given: ``row 3, column kind: `` for a CSV row, ``--kind: `` for an option."""
    if where and field:
        return f"{where}, column {field}: "
    if where:
        return f"{where}: "
    return f"--{field}: " if field else ""


def _kind(kinds: Mapping[str, Kind], given: str, where: str) -> Kind:
    wanted = given.strip().lower()
    if wanted in kinds:
        return kinds[wanted]
    close = difflib.get_close_matches(wanted, list(kinds), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise ExtendError(f"{_prefix(where, 'kind')}unknown kind {given!r}{hint} (kinds: {', '.join(sorted(kinds))})")


def _node(store: Store, name: str, option: str, where: str) -> ox.NamedNode:
    try:
        node = resolve_node(store, name)
    except QueryError as error:
        names = [row[1].value for row in store.query(NAMES).rows]
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
        hint = f"; closest labels: {', '.join(close)}" if close else ""
        raise ExtendError(f"{_prefix(where, option)}{error}{hint}") from None
    if not store.query("ASK { ?node ?p ?o }", bindings={"node": node}).boolean:
        raise ExtendError(f"{_prefix(where, option)}{compact(node.value)} is not in the graph")
    return node


def _free_slug(store: Store, base: str, taken: set[str]) -> str:
    slug, number = base, 1
    while slug in taken or store.query("ASK { ?node ?p ?o }", bindings={
            "node": ox.NamedNode(INDIVIDUAL_PREFIXES["actor"] + slug)}).boolean:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _claims(store: Store, slug: str, statements: list[ox.Triple], request: ActorRequest) -> list[ox.Triple]:
    """A claim per statement, as in the rest of the graph, when a source is given."""
    if not request.source.strip():
        if request.quote.strip() or request.section.strip():
            raise ExtendError(f"{_prefix(request.origin, 'source')}a quote or a section needs a source")
        return []
    if not request.quote.strip():
        raise ExtendError(f"{_prefix(request.origin, 'quote')}a source needs a quote: the passage that states it")
    if not statements:
        raise ExtendError(f"{_prefix(request.origin, 'source')}a source is given but there is no relation for it "
                          "to back (give part-of, member-of, country, notion or produced)")
    source = _node(store, request.source, "source", request.origin)
    section = None
    if source == REPORT:
        if not request.section.strip():
            raise ExtendError(f"{_prefix(request.origin, 'section')}a claim from the report needs a section "
                              "(e.g. section-5-2)")
        section = _node(store, request.section, "section", request.origin)
    elif not store.query("ASK { ?s a/rdfs:subClassOf* hskg:Document }", bindings={"s": source}).boolean:
        raise ExtendError(f"{_prefix(request.origin, 'source')}{compact(source.value)} is not a document")
    triples = []
    for index, statement in enumerate(statements, start=1):
        claim = ox.NamedNode(f"{INDIVIDUAL_PREFIXES['claim']}actor-{slug}-{index}")
        selector = ox.BlankNode(f"actor{slug}evidence{index}")
        triples += [
            ox.Triple(claim, RDF.type, HSKG.Claim),
            ox.Triple(claim, RDF.subject, statement.subject),
            ox.Triple(claim, RDF.predicate, statement.predicate),
            ox.Triple(claim, RDF.object, statement.object),
            ox.Triple(claim, PROV.wasDerivedFrom, source),
            ox.Triple(claim, HSKG.evidence, selector),
            ox.Triple(selector, RDF.type, OA.TextQuoteSelector),
            ox.Triple(selector, OA.exact, ox.Literal(request.quote.strip())),
        ]
        if section is not None:
            triples.append(ox.Triple(claim, HSKG.inSection, section))
        elif request.section.strip():
            triples.append(ox.Triple(claim, HSKG.locator, ox.Literal(request.section.strip())))
    return triples


def render_turtle(triples: Iterable[ox.Triple], label: str) -> str:
    """The actor's file: a comment that says where it comes from, then its triples as the
    project writes all Turtle (``hskg.export``: sorted, the project's prefixes)."""
    from .export import serialize

    comment = f"# {label}: added with `hskg add actor` or `hskg import`, validated with the whole graph.\n\n"
    return comment + serialize(triples, "ttl").decode("utf-8")


def read_csv_file(path: Path) -> list[ActorRequest]:
    """The rows of a CSV file (UTF-8, a byte order mark allowed) as requests."""
    try:
        return read_csv(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        raise ExtendError(f"cannot read {path}: {error}") from None


def read_csv(text: str) -> list[ActorRequest]:
    """Rows of a CSV table as requests; a malformed table or a wrong column is refused, named."""
    try:
        rows = list(csv.reader(io.StringIO(text), strict=True))
    except csv.Error as error:
        raise ExtendError(f"malformed CSV: {error}") from None
    if not rows:
        raise ExtendError("the CSV file is empty")
    header = [h.strip() for h in rows[0]]
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        raise ExtendError(f"unknown column {', '.join(repr(u) for u in unknown)}; the columns are: "
                          f"{', '.join(CSV_COLUMNS)}")
    for required in ("label", "kind"):
        if required not in header:
            raise ExtendError(f"the CSV has no {required!r} column")
    requests = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise ExtendError(f"row {number}: {len(row)} cells for {len(header)} columns")
        cells = dict(zip(header, row))

        def values(column: str) -> list[str]:
            return [v.strip() for v in cells.get(column, "").split(MULTI_VALUE_SEPARATOR) if v.strip()]

        requests.append(ActorRequest(
            label=cells["label"], kind=cells["kind"], alt=values("alt"),
            relations={r.option: values(r.option) for r in RELATIONS},
            definition=cells.get("definition", ""), source=cells.get("source", ""),
            quote=cells.get("quote", ""), section=cells.get("section", ""), origin=f"row {number}",
        ))
    if not requests:
        raise ExtendError("the CSV has a header but no rows")
    return requests


@dataclass
class Addition:
    """New actors planned, the validation of the whole graph with them, and the files
    written (none for a dry run or a refused addition)."""

    planned: list[PlannedActor]
    report: "ValidationReport"
    written: list[Path] = field(default_factory=list)

    @property
    def findings(self):
        """The findings a person adding these actors should see: every error, and what
        concerns the new nodes (the graph's older warnings are not theirs)."""
        new_nodes = {t.subject.value for p in self.planned for t in p.triples}
        return [f for f in self.report.findings if f.severity == "error" or f.node in new_nodes]


def prepare_additions(knowledge, requests: Sequence[ActorRequest], *, sources_dir: Path | None = None,
                      owl: bool = True) -> Addition:
    """Plan the actors and validate the whole graph with them; nothing is written."""
    from .validate import validate

    folder = actors_dir(knowledge.project.graph_dir)
    planned = plan_actors(knowledge.store, requests, {p.stem for p in folder.glob("*.ttl")})
    merged = type(knowledge)(knowledge.project, with_additions(knowledge.store, planned), knowledge.files)
    return Addition(planned, validate(merged, sources_dir=sources_dir, owl=owl))


def commit_additions(project, requests: Sequence[ActorRequest], addition: Addition) -> Addition:
    """Write a validated addition: one new file per actor, all or nothing, under the project's lock.

    Another ``hskg add`` may have written while this one validated, so the actors are
    planned again on the graph as it is now: a duplicate label or a taken file name is refused.
    """
    from .files import project_lock, write_all_or_nothing
    from .load import load_files
    from .store import open_store

    folder = actors_dir(project.graph_dir)
    with project_lock(project):
        fresh = open_store()
        load_files(fresh, project)
        planned = plan_actors(fresh, requests, {p.stem for p in folder.glob("*.ttl")})
        files = {folder / f"{actor.slug}.ttl": actor.turtle.encode("utf-8") for actor in planned}
        write_all_or_nothing(files)
    return Addition(planned, addition.report, list(files))


def with_additions(store: Store, planned: Sequence[PlannedActor]) -> Store:
    """A copy of the store (in memory) with the planned triples added to the knowledge."""
    from .store import ASSERTED_GRAPHS, open_store

    copy = open_store()
    for graph in ASSERTED_GRAPHS:
        copy.add_triples(store.triples([graph]), graph)
    copy.add_triples((t for p in planned for t in p.triples), DATA_GRAPH)
    return copy


def actors_dir(graph_dir: Path) -> Path:
    return graph_dir / "actors"
