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
from .errors import HskgError
from .files import finish_interrupted_write
from .load import AssertedChange, LoadedFile, Synced, load_files, sync_files
from .project import Project
from .store import (ASSERTED_GRAPHS, ENTAILED_GRAPH, INFERRED_GRAPH, OxigraphStore, QueryResult, QueryStream, Store,
                    open_store)

if TYPE_CHECKING:
    from .coverage import NodeEvidence
    from .extend import ActorRequest, Change, KindRequest, StatementRequest
    from .query import CatalogQuery
    from .reasoner import ReasonerResult
    from .stats import Stats
    from .store_remote import RemoteStore, Replaced
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
    _generation: bytes | None = field(default=None, repr=False)  # an on-disk store's, as this load left it
    _asserted_change: "AssertedChange | None" = field(default=None, repr=False)  # what this load's sync changed
    follow: bool = True  # take in what another process wrote to an on-disk store (``_follow_store``)

    vocabulary = vocabulary  # the checked terms: kg.vocabulary.HSKG.Claim

    @classmethod
    def open(cls, root: Path | str | Project | None = None, *, store: str | Path | None = None) -> "KnowledgeGraph":
        """The project at ``root`` (or found from the current folder upwards), loaded into the
        store at ``store`` (``None``: in memory; a folder: on disk, kept in step with the files;
        a SPARQL endpoint's URL: what ``push`` put there, with the endpoints of ``hskg.toml``)."""
        from .store_location import remote_endpoints

        project = root if isinstance(root, Project) else Project.find(root)
        finish_interrupted_write(project)
        return cls.load_into(project, open_store(store, **remote_endpoints(project, store)))

    @classmethod
    def load_into(cls, project: Project, store: Store) -> "KnowledgeGraph":
        """The project loaded into a store that is already open: an in-memory one is filled
        again, an on-disk one loads only the files that changed since it was last in step,
        a remote one is read as it is (``push`` fills it)."""
        from .store_disk import DiskStore

        if isinstance(store, DiskStore):
            synced = sync_files(store, project)
            return cls(project, store, synced.files, _generation=store.generation, _asserted_change=synced.change)
        if not isinstance(store, OxigraphStore):  # a remote store (hskg.store_remote)
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
              inferred: bool = False, timeout: float | None = None, on_timeout: str = "raise",
              allow_service: bool = False, stream: bool = False) -> QueryResult | QueryStream:
        """Run SPARQL text; each ``params`` value is bound to its variable by the engine, as the
        node it names when it names one, else as text.

        The query sees the asserted triples and their entailments (``hskg.entailment``: sub-class,
        sub-property, inverse, symmetric, transitive), so that it needs no UNION for them;
        ``asserted`` leaves the entailments out, ``inferred`` adds the OWL reasoner's inferences
        (reasoning first when they are missing or stale); ``timeout`` (seconds) stops a runaway
        query (see ``hskg.query.run_query``); ``allow_service`` lets a ``SERVICE`` clause reach
        another server, which is refused otherwise; ``stream`` answers with the rows as the
        engine finds them (a ``QueryStream``, read inside ``with``) instead of all of them.
        """
        graphs = self.graphs(asserted=asserted, inferred=inferred)
        return self._run(sparql, None, params, graphs, timeout, on_timeout, allow_service, stream)

    def catalog_query(self, name: str, params: Mapping[str, str] | None = None, *, asserted: bool = False,
                      inferred: bool = False, timeout: float | None = None, on_timeout: str = "raise",
                      stream: bool = False) -> QueryResult | QueryStream:
        """Run the catalog query ``name`` (``queries/NAME.rq``) with its declared parameters."""
        from .query import find_catalog_query

        entry = find_catalog_query(self.catalog(), name)
        graphs = self.graphs(asserted=asserted, inferred=inferred)
        return self._run(entry.text_for(self.store.dialect), entry.parameters, params, graphs, timeout, on_timeout,
                         stream=stream)

    def _run(self, sparql, declared, params, graphs, timeout, on_timeout, allow_service=False,
             stream=False) -> QueryResult | QueryStream:
        from .query import bind_parameters, run_query

        bindings = bind_parameters(self.store, declared, dict(params or {}))
        return run_query(self.store, sparql, bindings=bindings, graphs=graphs, timeout=timeout, on_timeout=on_timeout,
                         allow_service=allow_service, stream=stream)

    def graphs(self, *, asserted: bool = False, inferred: bool = False) -> Sequence[ox.NamedNode]:
        """The named graphs a query sees: the asserted ones, their entailments unless ``asserted``,
        and the OWL inferences when ``inferred``."""
        self._follow_store()
        graphs = list(ASSERTED_GRAPHS)
        if not asserted:
            self.load_entailments()
            graphs.append(ENTAILED_GRAPH)
        if inferred:
            self.load_inferences()
            graphs.append(INFERRED_GRAPH)
        return tuple(graphs)

    def _follow_store(self) -> None:
        """After another process wrote to the on-disk store (``hskg add``, a second notebook), take
        the store as it now is: its files brought in step (one ``stat`` each when that process
        did it) and its derived graphs checked again.  ``hskg serve`` reloads on its own instead
        (``hskg.serve.pool``: its workers only read)."""
        if self._generation is None or not self.follow or not self.store.changed_since(self._generation):
            return
        self._synced(sync_files(self.store, self.project))
        self._generation = self.store.generation

    def _synced(self, synced: Synced) -> None:
        """Take what a sync of the on-disk store left: its files, no derived graph filled yet."""
        self.files, self._filled, self._asserted_change = synced.files, set(), synced.change

    def stats(self) -> "Stats":
        from .stats import compute_stats

        return compute_stats(self.store)

    def coverage(self) -> list["NodeEvidence"]:
        """The evidence report: per concept, notion, regime and actor, its claims, passages and
        sources, and the statements that rest on context sources only (``hskg.coverage``)."""
        from .coverage import evidence_report

        return evidence_report(self.store)

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
        """What the rules of ``queries/rules/`` entail from the asserted triples: in memory from
        build/entailed.ttl when it was made from these very files and rules, else computed (and
        kept there); on disk the store's entailed graph, brought in step first."""
        from .entailment import rule_files, sorted_triples

        if self._generation is not None:
            self.load_entailments()
            return sorted_triples(self.store.triples([ENTAILED_GRAPH]))
        if not rule_files(self.project.queries_dir / "rules"):
            return []  # a project without rules entails nothing, and needs no file for that
        # sorted: the file keeps them in Turtle's order, the rules return them sorted
        return sorted_triples(cached_triples(self.project.build_dir / "entailed.ttl", self._entailment_inputs(),
                                             self._derive_entailments))

    def _derive_entailments(self) -> list[ox.Triple]:
        """The rules run to their fixpoint: in place in memory; for an on-disk store on a copy in
        memory of what it asserts (``DiskStore.asserted_copy``), which is faster than the rules'
        scratch writes on disk and keeps the store open to other readers meanwhile."""
        from .entailment import entailed_triples, load_rules, rule_files

        rules_dir = self.project.queries_dir / "rules"
        if not rule_files(rules_dir):
            return []
        rules = load_rules(rules_dir)
        return entailed_triples(self.store if self._generation is None else self.store.asserted_copy(), rules)

    def _bring_entailments_in_step(self, inputs: str) -> bool:
        """After a sync that changed known triples, the on-disk store's entailed graph brought in
        step with the change, in place (``hskg.entailment_delta``), when it was derived with
        these very rules from the files as they were before it, the rules are within the
        rewrite and the change is small; whether it was.  The change is written under the
        writer's lock, and only if no other process wrote since this load's sync."""
        from .entailment import load_rules
        from .entailment_delta import bring_in_step, delta_rules, worth_bringing_in_step

        change = self._asserted_change
        if not self._entailed_before_change():
            return False
        asserted = sum(entry["triples"] for entry in change.record_before["files"].values())
        if not worth_bringing_in_step(len(change.added) + len(change.removed), asserted):
            return False
        rules = delta_rules(load_rules(self.project.queries_dir / "rules"), self.project.build_dir / "rules.json")
        if rules is None:
            return False
        with self.store.changing_derived(ENTAILED_GRAPH, inputs, since=self._generation) as unchanged:
            if unchanged:
                bring_in_step(self.store, rules, change.added, change.removed)
        return unchanged

    def _entailed_before_change(self) -> bool:
        """Whether the store's entailed graph holds what the current rules entail from the files as
        they were before this load's sync (its record then says so)."""
        from .entailment import rule_files

        if self._asserted_change is None:
            return False
        root, before = self.project.root, self._asserted_change.record_before
        if not all("lines_sha256" in entry for entry in before["files"].values()):
            return False  # a record by an older hskg
        files = {root / relative: bytes.fromhex(entry["lines_sha256"]) for relative, entry in before["files"].items()}
        rules = rule_files(self.project.queries_dir / "rules")
        return before["derived"].get(ENTAILED_GRAPH.value) == fingerprint([*files, *rules], root, files)

    def _entailment_inputs(self) -> str:
        from .entailment import rule_files

        rules = rule_files(self.project.queries_dir / "rules")
        return fingerprint([*(f.path for f in self.files), *rules], self.project.root, self._digests())

    def load_entailments(self) -> None:
        """Put the entailments in the store's entailed graph, once per load."""
        if self._generation is None:
            self._fill(ENTAILED_GRAPH, self.entailments, self._entailment_inputs)
        else:
            self._fill(ENTAILED_GRAPH, self._derive_entailments, self._entailment_inputs,
                       self._bring_entailments_in_step)

    def _fill(self, graph: ox.NamedNode, derive, inputs, in_step=None) -> None:
        """Fill a derived graph once per load; an on-disk store keeps it, with the inputs it was
        derived from, for the next command (brought in step with an edit by ``in_step`` when it
        can, else derived again)."""
        if graph in self._filled:
            return
        if self._generation is None:  # in memory: filled again with each load
            self.store.clear_graph(graph)
            self.store.add_triples(derive(), graph)
            self._filled.add(graph)
            return
        if self.store.derived_inputs(graph) != (current := inputs()):
            # Derived outside the writer's lock (other processes read meanwhile) and recorded only
            # if no other process wrote since this graph's files were brought in step; else once
            # more, with the files brought in step again, under the lock.
            if not (in_step and in_step(current)) and not self.store.replace_derived(
                    graph, derive(), current, since=self._generation):
                with self.store.writing():
                    self._synced(sync_files(self.store, self.project))
                    if self.store.derived_inputs(graph) != (current := inputs()):
                        self.store.replace_derived(graph, derive(), current, since=None)
            self._generation = self.store.generation
        self._filled.add(graph)

    # --- writing --------------------------------------------------------------------------

    def push(self, target: "RemoteStore") -> "Replaced":
        """Put the ontology, the knowledge and their entailments in a remote store's named graphs,
        replacing what they held (``RemoteStore.replace_graphs``: the triples pushed, by graph)."""
        self.load_entailments()
        return target.replace_graphs({graph: list(self.store.triples([graph]))
                                      for graph in (*ASSERTED_GRAPHS, ENTAILED_GRAPH)})

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
        from .site import READING_STEPS, write_site
        from .view_names import VIEWS

        triples = list(self.store.triples())
        written = []
        formats = ("ttl", "nt", "jsonld")
        with progress("build", len(formats) + len(VIEWS) + READING_STEPS) as steps:
            for fmt in formats:
                steps.step(f"hskg{SUFFIXES[fmt]}")
                target = self.project.build_dir / f"hskg{SUFFIXES[fmt]}"
                write_atomically(target, serialize(triples, fmt))
                written.append(target)
            return written + write_site(self.store, self.project.build_dir / "site", steps,
                                        sources_dir=self.project.sources_dir, graphs=self.graphs())

    # --- extending (hskg.extend): each change validated with the whole graph, then written
    # as one step under the project's lock; the graph is reloaded after a write

    def add_actors(self, requests: Sequence["ActorRequest"], *, sources_dir: Path | None = None,
                   dry_run: bool = False, owl: bool = True) -> "Change":
        """One file per actor under graph/actors/, all or nothing."""
        from .extend import plan_actors

        return self._change(lambda kg: plan_actors(kg, requests, sources_dir), sources_dir, owl, dry_run)

    def add_kinds(self, requests: Sequence["KindRequest"], *, dry_run: bool = False, owl: bool = True) -> "Change":
        """One ontology module per kind of actor under ontology/extensions/."""
        from .extend import plan_kinds

        return self._change(lambda kg: plan_kinds(kg, list(requests)), None, owl, dry_run)

    def add_kind(self, label: str, parent: str, definition: str, source: str, alt: Sequence[str] = (),
                 **options) -> "Change":
        """``hskg add kind``: a new subclass of the actor kind ``parent``."""
        from .extend import KindRequest

        return self.add_kinds([KindRequest(label, parent, definition, source, list(alt))], **options)

    def add_statements(self, requests: Sequence["StatementRequest"], *, sources_dir: Path | None = None,
                       dry_run: bool = False, owl: bool = True) -> "Change":
        """One file per statement under graph/statements/, with its claim and evidence."""
        from .extend import plan_statements

        return self._change(lambda kg: plan_statements(kg, list(requests), sources_dir), sources_dir, owl, dry_run)

    def add_statement(self, subject: str, relation: str, object: str, *, source: str = "", quote: str = "",
                      section: str = "", according_to: str = "", modality: str = "", **options) -> "Change":
        """``hskg add statement``: SUBJECT RELATION OBJECT, sourced (a claim) or marked unsourced."""
        from .extend import StatementRequest

        request = StatementRequest(subject, relation, object, source, quote, section, according_to, modality)
        return self.add_statements([request], **options)

    def import_table(self, requests: Sequence, **options) -> "Change":
        """The requests of one CSV table (``hskg.extend.read_csv_file``): actors, statements or kinds."""
        from .extend import KindRequest, StatementRequest

        if requests and isinstance(requests[0], KindRequest):
            options.pop("sources_dir", None)
            return self.add_kinds(requests, **options)
        if requests and isinstance(requests[0], StatementRequest):
            return self.add_statements(requests, **options)
        return self.add_actors(requests, **options)

    def edit_actor(self, node: str, *, label: str | None = None, alt: Sequence[str] | None = None,
                   kind: str | None = None, dry_run: bool = False, owl: bool = True) -> "Change":
        """``hskg edit actor``: a new label, alternative labels or kind for an added actor."""
        from .extend import plan_edit_actor

        alts = None if alt is None else list(alt)
        return self._change(lambda kg: plan_edit_actor(kg, node, label=label, alt=alts, kind=kind), None, owl, dry_run)

    def remove_actor(self, node: str, *, cascade: bool = False, dry_run: bool = False, owl: bool = True) -> "Change":
        """``hskg remove actor``: an added actor's file; with ``cascade`` the statements about it too."""
        from .extend import plan_remove_actor

        return self._change(lambda kg: plan_remove_actor(kg, node, cascade=cascade), None, owl, dry_run)

    def remove_statement(self, subject: str, relation: str, object: str, *, dry_run: bool = False,
                         owl: bool = True) -> "Change":
        """``hskg remove statement``: an added statement, with its claim."""
        from .extend import plan_remove_statement

        return self._change(lambda kg: plan_remove_statement(kg, subject, relation, object), None, owl, dry_run)

    def _change(self, planner, sources_dir: Path | None, owl: bool, dry_run: bool) -> "Change":
        from .extend import apply_change

        change = apply_change(self, planner, sources_dir=sources_dir, owl=owl, dry_run=dry_run)
        if change.written:
            reloaded = type(self).load_into(self.project, self.store)
            self.files, self._filled, self._catalog = reloaded.files, set(), None
            self._generation = reloaded._generation
        return change


def _iri_triples(inferred: Iterable[tuple[str, str, str]]) -> list[ox.Triple]:
    return [ox.Triple(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o)) for s, p, o in inferred]


def load_project(project: Project) -> KnowledgeGraph:
    """The project loaded into a new in-memory store (``KnowledgeGraph.open``)."""
    return KnowledgeGraph.open(project)
