"""The front door: ``KnowledgeGraph``, one object that owns a project's store, its
vocabulary and its label policy, with every operation of the ``hskg`` command.

A notebook calls exactly what the command calls::

    kg = KnowledgeGraph.open()                    # the project here, in memory
    kg.catalog_query("notions")                   # a catalog query (queries/notions.rq)
    kg.query("SELECT ?s WHERE { ?s a hskg:Notion }")  # any SPARQL
    kg.validate(owl=False).findings
    kg.add_actors([ActorRequest(label="African Union", kind="international-organization")])

Heavy modules (rdflib, pySHACL, owlready2, networkx) are imported by the operation that
needs them, so opening a graph and querying it stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

import pyoxigraph as ox

from . import labels, vocabulary
from .derived import cached_triples, fingerprint, write_derived
from .load import LoadedFile, load_files, sync_files
from .project import Project
from .store import ASSERTED_GRAPHS, ENTAILED_GRAPH, INFERRED_GRAPH, QueryResult, Store, open_store
from .store_disk import DiskStore
from .store_remote import RemoteStore

if TYPE_CHECKING:
    from .extend import ActorRequest, Addition
    from .query import CatalogQuery
    from .reasoner import ReasonerResult
    from .stats import Stats
    from .validate import ValidationReport

REASONER_TIMEOUT = 120.0


@dataclass
class KnowledgeGraph:
    """A project loaded into a store: schema, knowledge and (on request) inferences."""

    project: Project
    store: Store
    files: list[LoadedFile] = field(default_factory=list)
    _filled: set = field(default_factory=set, repr=False)  # derived graphs that hold this load's triples
    _catalog: dict | None = field(default=None, repr=False)

    vocabulary = vocabulary  # the checked terms: kg.vocabulary.HSKG.Claim

    @classmethod
    def open(cls, root: Path | str | Project | None = None, *, store: str | Path | None = None) -> "KnowledgeGraph":
        """The project at ``root`` (or found from the current folder upwards), loaded into the
        store at ``store`` (``None``: in memory; a folder: on disk, kept in step with the files;
        a SPARQL endpoint's URL: what ``push`` put there, with the endpoints of ``hskg.toml``)."""
        from .store_location import remote_endpoints

        project = root if isinstance(root, Project) else Project.find(root)
        return cls.load_into(project, open_store(store, **remote_endpoints(project, store)))

    @classmethod
    def load_into(cls, project: Project, store: Store) -> "KnowledgeGraph":
        """The project loaded into a store that is already open: an in-memory one is filled
        again, an on-disk one loads only the files that changed since it was last in step,
        a remote one is read as it is (``push`` fills it)."""
        if isinstance(store, DiskStore):
            return cls(project, store, sync_files(store, project))
        if isinstance(store, RemoteStore):
            return cls(project, store, _filled={ENTAILED_GRAPH, INFERRED_GRAPH})
        for graph in (*ASSERTED_GRAPHS, ENTAILED_GRAPH, INFERRED_GRAPH):
            store.clear_graph(graph)
        return cls(project, store, load_files(store, project))

    # --- the label policy ---------------------------------------------------------------

    def labels(self, iris: Iterable[str]) -> dict[str, str]:
        """The preferred label of each IRI that has one (``hskg.labels``)."""
        return labels.labels_of(self.store, iris)

    def resolve(self, name: str) -> ox.NamedNode:
        """The node a person means by an IRI, ``prefix:name``, slug, label or alternative label."""
        from .query import resolve_node

        return resolve_node(self.store, name)

    # --- reading --------------------------------------------------------------------------

    def catalog(self) -> dict[str, "CatalogQuery"]:
        """The catalog of ``queries/``, read once per loaded graph."""
        from .query import load_catalog

        if self._catalog is None:
            self._catalog = load_catalog(self.project.queries_dir)
        return self._catalog

    def query(self, sparql: str, params: Mapping[str, str] | None = None, *, asserted: bool = False,
              inferred: bool = False, timeout: float | None = None, on_timeout: str = "raise") -> QueryResult:
        """Run SPARQL text; each ``params`` value is bound to its variable by the engine, as the
        node it names when it names one, else as text.

        The query sees the asserted triples and their entailments (``hskg.entailment``: sub-class,
        sub-property, inverse, symmetric, transitive), so that it needs no UNION for them;
        ``asserted`` leaves the entailments out, ``inferred`` adds the OWL reasoner's inferences
        (reasoning first when they are missing or stale); ``timeout`` (seconds) stops a runaway
        query (see ``hskg.query.run_query``).
        """
        return self._run(sparql, None, params, self.graphs(asserted=asserted, inferred=inferred), timeout, on_timeout)

    def catalog_query(self, name: str, params: Mapping[str, str] | None = None, *, asserted: bool = False,
                      inferred: bool = False, timeout: float | None = None, on_timeout: str = "raise") -> QueryResult:
        """Run the catalog query ``name`` (``queries/NAME.rq``) with its declared parameters."""
        from .query import find_catalog_query

        entry = find_catalog_query(self.catalog(), name)
        graphs = self.graphs(asserted=asserted, inferred=inferred)
        return self._run(entry.text_for(self.store.dialect), entry.parameters, params, graphs, timeout, on_timeout)

    def _run(self, sparql, declared, params, graphs, timeout, on_timeout) -> QueryResult:
        from .query import bind_parameters, run_query

        bindings = bind_parameters(self.store, declared, dict(params or {}))
        return run_query(self.store, sparql, bindings=bindings, graphs=graphs, timeout=timeout, on_timeout=on_timeout)

    def graphs(self, *, asserted: bool = False, inferred: bool = False) -> Sequence[ox.NamedNode]:
        """The named graphs a query sees: the asserted ones, their entailments unless ``asserted``,
        and the OWL inferences when ``inferred``."""
        graphs = list(ASSERTED_GRAPHS)
        if not asserted:
            self.load_entailments()
            graphs.append(ENTAILED_GRAPH)
        if inferred:
            self.load_inferences()
            graphs.append(INFERRED_GRAPH)
        return tuple(graphs)

    def stats(self) -> "Stats":
        from .stats import compute_stats

        return compute_stats(self.store)

    def export(self, fmt: str) -> bytes:
        from .export import serialize

        return serialize(self.store.triples(), fmt)

    # --- checking and reasoning -----------------------------------------------------------

    def validate(self, *, sources_dir: Path | None = None, evidence: bool = True, checks_dir: Path | None = None,
                 owl: bool = True, owl_timeout: float = REASONER_TIMEOUT) -> "ValidationReport":
        from .validate import validate

        return validate(self, sources_dir=sources_dir, evidence=evidence, checks_dir=checks_dir, owl=owl,
                        owl_timeout=owl_timeout)

    @property
    def inputs(self) -> str:
        """The content hash of the loaded files: what derived triples are kept in step with."""
        return fingerprint((f.path for f in self.files), self.project.root, self._digests())

    def _digests(self) -> dict[Path, bytes]:
        return {f.path: f.digest for f in self.files if f.digest is not None}

    @property
    def inferred_file(self) -> Path:
        return self.project.build_dir / "inferred.ttl"

    def reason(self, *, timeout: float = REASONER_TIMEOUT) -> "ReasonerResult":
        """Run HermiT; when the graph is consistent, keep its new triples in build/inferred.ttl."""
        from .reasoner import run_reasoner

        result = run_reasoner(self.store.triples(), timeout=timeout)
        if result.consistent:
            write_derived(self.inferred_file, self.inputs, _iri_triples(result.inferred))
        return result

    def inferences(self, *, timeout: float = REASONER_TIMEOUT) -> list[ox.Triple]:
        """The OWL inferences, from build/inferred.ttl when it was made from these very files,
        else from the reasoner (and kept there)."""
        from .errors import HskgError
        from .reasoner import run_reasoner

        def compute() -> list[ox.Triple]:
            result = run_reasoner(self.store.triples(), timeout=timeout)
            if not result.consistent:
                raise HskgError(f"cannot reason over an inconsistent graph ({result.explanation}); run hskg validate")
            return _iri_triples(result.inferred)

        return cached_triples(self.inferred_file, self.inputs, compute)

    def load_inferences(self) -> None:
        """Put the OWL inferences in the store's inferred graph, once per load."""
        self._fill(INFERRED_GRAPH, self.inferences, lambda: self.inputs)

    def entailments(self) -> list[ox.Triple]:
        """What the rules of ``queries/rules/`` entail from the asserted triples, from
        build/entailed.ttl when it was made from these very files and rules, else computed
        (and kept there)."""
        from .entailment import entailed_triples, load_rules, rule_files

        rules_dir = self.project.queries_dir / "rules"
        if not rule_files(rules_dir):
            return []  # a project without rules entails nothing, and needs no file for that
        return cached_triples(self.project.build_dir / "entailed.ttl", self._entailment_inputs(),
                              lambda: entailed_triples(self.store, load_rules(rules_dir)))

    def _entailment_inputs(self) -> str:
        from .entailment import rule_files

        rules = rule_files(self.project.queries_dir / "rules")
        return fingerprint([*(f.path for f in self.files), *rules], self.project.root, self._digests())

    def load_entailments(self) -> None:
        """Put the entailments in the store's entailed graph, once per load."""
        self._fill(ENTAILED_GRAPH, self.entailments, self._entailment_inputs)

    def _fill(self, graph: ox.NamedNode, derive, inputs) -> None:
        """Fill a derived graph once per load; an on-disk store keeps it, with the inputs it was
        derived from, for the next command."""
        if graph in self._filled:
            return
        if not isinstance(self.store, DiskStore):
            self.store.clear_graph(graph)
            self.store.add_triples(derive(), graph)
        elif self.store.derived_inputs(graph) != (current := inputs()):
            with self.store.writing():  # the rules write a scratch graph: one writer's turn for all of it
                triples = derive()
                self.store.clear_graph(graph)
                self.store.add_triples(triples, graph)
                self.store.record_derived(graph, current)
        self._filled.add(graph)

    # --- writing --------------------------------------------------------------------------

    def push(self, target: RemoteStore) -> dict[ox.NamedNode, int]:
        """Put the ontology, the knowledge and their entailments in a remote store's named graphs,
        replacing what they held (``RemoteStore.replace_graphs``); the triples pushed, by graph."""
        self.load_entailments()
        contents = {graph: list(self.store.triples([graph])) for graph in (*ASSERTED_GRAPHS, ENTAILED_GRAPH)}
        target.replace_graphs(contents)
        return {graph: len(triples) for graph, triples in contents.items()}

    def view(self, name: str = "overview", *, focus: str | None = None, depth: int = 2, inferred: bool = False):
        """One interactive view (``hskg.views``); ``render_html`` makes it a page."""
        from . import views

        focus_iri = self.resolve(focus).value if focus else None
        inferred_triples = self.inferences() if inferred else ()
        return views.build_view(self.store, name, focus=focus_iri, depth=depth, inferred_triples=inferred_triples)

    def build(self) -> list[Path]:
        """Write everything generated to build/: the merged graph in three formats and the site."""
        from .export import SUFFIXES, serialize
        from .files import write_atomically
        from .progress import progress
        from .site import write_site
        from .view_names import VIEWS

        triples = list(self.store.triples())
        written = []
        formats = ("ttl", "nt", "jsonld")
        with progress("build", len(formats) + len(VIEWS)) as steps:
            for fmt in formats:
                steps.step(f"hskg{SUFFIXES[fmt]}")
                target = self.project.build_dir / f"hskg{SUFFIXES[fmt]}"
                write_atomically(target, serialize(triples, fmt))
                written.append(target)
            return written + write_site(self.store, self.project.build_dir / "site", steps)

    def add_actors(self, requests: Sequence["ActorRequest"], *, sources_dir: Path | None = None,
                   dry_run: bool = False, owl: bool = True) -> "Addition":
        """Plan the actors, validate the whole graph with them, then (unless ``dry_run`` or a
        finding is an error) write one file per actor under graph/actors/, all or nothing."""
        from .extend import commit_additions, prepare_additions

        addition = prepare_additions(self, requests, sources_dir=sources_dir, owl=owl)
        if dry_run or addition.report.errors:
            return addition
        return commit_additions(self.project, requests, addition)


def _iri_triples(inferred: Iterable[tuple[str, str, str]]) -> list[ox.Triple]:
    return [ox.Triple(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o)) for s, p, o in inferred]


def load_project(project: Project) -> KnowledgeGraph:
    """The project loaded into a new in-memory store (``KnowledgeGraph.open``)."""
    return KnowledgeGraph.open(project)
