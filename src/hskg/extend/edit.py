"""``hskg edit actor``, ``hskg remove actor`` and ``hskg remove statement``: corrections of
what ``hskg add`` and ``hskg import`` wrote, and only of that.

What those commands wrote is exactly the files of ``graph/actors/`` and
``graph/statements/``; everything else (the report's graph, the ontology) is refused.
A removal refuses while statements elsewhere point at the node, naming them, unless
``cascade``: then they go too (a statement file is deleted; a relation inside another
added actor's file is cut out of it, with its claim).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import EXIT_FINDINGS
from ..namespaces import compact
from ..store import DATA_GRAPH
from ..vocabulary import RDF, RDFS, SKOS
from .actors import actor_kinds, actors_dir, check_new_labels, find_kind
from .change import Plan, file_triples, render_turtle
from .common import ExtendError, check_label, find_node
from .statements import find_relation, statements_dir



class DependantsError(ExtendError):
    """A removal would leave statements pointing at nothing: a finding about the graph (exit 1)."""

    exit_code = EXIT_FINDINGS


@dataclass
class AddedFile:
    """A file that hskg add wrote, with its triples."""

    path: Path
    triples: list[ox.Triple]

    def shown(self, root: Path) -> str:
        return str(self.path.relative_to(root))


def added_files(project) -> list[AddedFile]:
    folders = (actors_dir(project.graph_dir), statements_dir(project))
    return [AddedFile(p, file_triples(p)) for folder in folders if folder.is_dir() for p in sorted(folder.glob("*.ttl"))]


def home_of(project, node: ox.NamedNode, files: list[AddedFile]) -> AddedFile:
    """The added actor file that defines ``node``; a node of the shipped graph is refused."""
    for added in files:
        if added.path.parent == actors_dir(project.graph_dir) and any(
                t.subject == node and t.predicate == RDF.type for t in added.triples):
            return added
    raise ExtendError(f"{compact(node.value)} was not added with hskg add actor or hskg import (it is not in "
                      "graph/actors/): only what those commands wrote can be edited or removed")


def plan_edit_actor(knowledge, name: str, *, label: str | None = None, alt: list[str] | None = None,
                    kind: str | None = None) -> Plan:
    store, project = knowledge.store, knowledge.project
    if label is None and alt is None and kind is None:
        raise ExtendError("nothing to change: give --label, --alt or --kind")
    node = find_node(store, name, field="node")
    home = home_of(project, node, added_files(project))
    triples = list(home.triples)
    changed = []
    if label is not None:
        text = check_label(label, "label", field="label")
        check_new_labels(store, [("label", text)], "", {}, keep=node)
        triples = [t for t in triples if not (t.subject == node and t.predicate == RDFS.label)]
        triples.append(ox.Triple(node, RDFS.label, ox.Literal(text, language="en")))
        changed.append(f"label {text!r}")
    if alt is not None:
        alts = [check_label(a, "alternative label", field="alt") for a in alt if a.strip()]
        check_new_labels(store, [("alt", a) for a in alts], "", {}, keep=node)
        triples = [t for t in triples if not (t.subject == node and t.predicate == SKOS.altLabel)]
        triples += [ox.Triple(node, SKOS.altLabel, ox.Literal(a, language="en")) for a in alts]
        changed.append(f"alternative labels {', '.join(repr(a) for a in alts) or '(none)'}")
    if kind is not None:
        new_kind = find_kind(actor_kinds(store), kind)
        triples = [t for t in triples if not (t.subject == node and t.predicate == RDF.type)]
        triples.append(ox.Triple(node, RDF.type, ox.NamedNode(new_kind.iri)))
        changed.append(f"kind {new_kind.slug}")
    shown_label = next(t.object.value for t in triples if t.subject == node and t.predicate == RDFS.label)
    plan = Plan({home.path: render_turtle(triples, f"{shown_label}: added with `hskg add actor` or `hskg import`, "
                                                   "edited with `hskg edit actor`, validated with the whole graph.")})
    plan.nodes.add(node.value)
    plan.done.append(f"edited {compact(node.value)} in {home.shown(project.root)}: {'; '.join(changed)}")
    return plan


def plan_remove_actor(knowledge, name: str, *, cascade: bool = False) -> Plan:
    store, project = knowledge.store, knowledge.project
    node = find_node(store, name, field="node")
    files = added_files(project)
    home = home_of(project, node, files)
    others = [f for f in files if f.path != home.path]
    plan = Plan({home.path: None}, nodes={node.value})
    plan.done.append(f"removed {compact(node.value)} ({home.shown(project.root)})")
    dependants = []
    for added in others:
        kept = without(added.triples, lambda s, p, o: node in (s, o))
        if kept != added.triples:
            dependants.append(added)
            is_statement_file = added.path.parent == statements_dir(project)
            plan.files[added.path] = None if is_statement_file or not kept else render_turtle(
                kept, _comment_of(added.path))
            plan.done.append(f"removed the statements about {compact(node.value)} in {added.shown(project.root)}"
                             + (" (the file)" if plan.files[added.path] is None else ""))
    elsewhere = _mentions_outside(store, node, files)
    if elsewhere:
        raise DependantsError(f"{compact(node.value)} is referred to by the shipped graph ({elsewhere}); "
                              "it cannot be removed")
    if dependants and not cascade:
        listed = ", ".join(d.shown(project.root) for d in dependants)
        raise DependantsError(f"{compact(node.value)} is referred to by statements in {listed}; remove them first, "
                              "or give --cascade to remove them with it")
    return plan


def plan_remove_statement(knowledge, subject: str, relation: str, obj: str) -> Plan:
    store, project = knowledge.store, knowledge.project
    s = find_node(store, subject, field="subject")
    p = find_relation(store, relation)
    o = find_node(store, obj, field="object")
    shown = f"{compact(s.value)} {compact(p.value)} {compact(o.value)}"
    for added in added_files(project):
        kept = without(added.triples, lambda *t: t == (s, p, o))
        if kept != added.triples:
            lone = added.path.parent == statements_dir(project)
            plan = Plan({added.path: None if lone or not kept else render_turtle(kept, _comment_of(added.path))},
                        nodes={s.value, o.value})
            plan.done.append(f"removed {shown} from {added.shown(project.root)}" + (" (the file)" if lone else ""))
            return plan
    if store.query("ASK { ?s ?p ?o }", bindings={"s": s, "p": p, "o": o}).boolean:
        raise ExtendError(f"{shown} was not added with hskg add: only statements those commands wrote can be removed")
    raise ExtendError(f"the graph does not state {shown}")


def without(triples: list[ox.Triple], drop) -> list[ox.Triple]:
    """``triples`` without each statement ``(s, p, o)`` that ``drop(s, p, o)`` selects, and
    without the claims (and unsourced marks) that describe such a statement, with their evidence."""
    described: dict = {}
    for t in triples:
        if t.predicate in (RDF.subject, RDF.predicate, RDF.object):
            described.setdefault(t.subject, {})[t.predicate.value] = t.object
    gone = {claim for claim, parts in described.items()
            if len(parts) == 3 and drop(parts[RDF.subject.value], parts[RDF.predicate.value], parts[RDF.object.value])}
    gone |= {t.object for t in triples if t.subject in gone and isinstance(t.object, ox.BlankNode)}
    return [t for t in triples if t.subject not in gone and not (
        isinstance(t.object, ox.NamedNode) and t.predicate not in (RDF.type,) and drop(t.subject, t.predicate, t.object))]


def _mentions_outside(store, node: ox.NamedNode, files: list[AddedFile]) -> str:
    """The first statement outside the added files that points at ``node``, shown, or ""."""
    added = {(t.subject, t.predicate) for f in files for t in f.triples if t.object == node}
    for subject, predicate, _ in store.query("SELECT ?s ?p ?node WHERE { ?s ?p ?node } ORDER BY ?s ?p", bindings={"node": node},
                                          graphs=[DATA_GRAPH]).rows:
        if isinstance(subject, ox.NamedNode) and (subject, predicate) not in added:
            return f"{compact(subject.value)} {compact(predicate.value)} {compact(node.value)}"
    return ""


def _comment_of(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    return first.removeprefix("# ").removesuffix(" Edited by `hskg remove`.") + " Edited by `hskg remove`."
