"""The domain rules of the views: what kind of thing a node is, how each kind is drawn,
and which nodes and relations each view shows."""

from __future__ import annotations

from ..namespaces import HSKG_ONTOLOGY
from ..vocabulary import CITO, FOAF, HSKG, OA, ORG, OWL, PROV, RDFS, SKOS
from ..view_names import FOCUS_VIEW
from .index import GraphIndex

# Node kinds, first match wins: (kind, classes whose instances are of that kind).
KIND_RULES: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (kind, tuple(term.value for term in classes)) for kind, classes in (
        ("claim", (HSKG.Claim,)),
        ("evidence", (OA.TextQuoteSelector,)),
        ("notion", (HSKG.Notion,)),
        ("person", (HSKG.Person, FOAF.Person)),
        ("actor", (HSKG.Actor, ORG.Organization, PROV.Agent)),
        ("legal regime", (HSKG.LegalRegime,)),
        ("legal instrument", (HSKG.LegalInstrument, HSKG.Resolution)),
        ("principle", (HSKG.Principle,)),
        ("approach", (HSKG.Approach,)),
        ("reference", (HSKG.Reference,)),
        ("report", (HSKG.Report, HSKG.ReportPart)),
        ("context source", (HSKG.ContextSource,)),
        ("document", (HSKG.Document, FOAF.Document)),
        ("concept", (HSKG.Concept, SKOS.Concept)),
        ("concept scheme", (SKOS.ConceptScheme,)),
    ))
# kind: (colour, vis shape, legend glyph, size).  Each kind has a shape of its own: vis
# draws ten that suit, and the kinds in DASHED_KINDS get a dashed border (a hollow glyph in the
# legend) to tell them from the solid kind of the same shape.
KIND_STYLES: dict[str, tuple[str, str, str, int]] = {
    "notion": ("#d62728", "star", "★", 26),
    "concept": ("#1f77b4", "dot", "●", 14),
    "principle": ("#9467bd", "diamond", "◆", 15),
    "approach": ("#ff7f0e", "ellipse", "⬬", 16),
    "actor": ("#2ca02c", "square", "■", 14),
    "person": ("#17becf", "triangle", "▲", 15),
    "legal regime": ("#8c564b", "hexagon", "⬢", 17),
    "legal instrument": ("#e377c2", "triangleDown", "▼", 15),
    "document": ("#bcbd22", "triangleDown", "▽", 14),
    "report": ("#9a9a9a", "ellipse", "⬭", 13),
    "reference": ("#6b8fb5", "square", "□", 10),
    "context source": ("#8c6d31", "dot", "○", 11),
    "claim": ("#f0a030", "diamond", "◇", 9),
    "concept scheme": ("#393b79", "hexagon", "⬡", 14),
    "class": ("#9ecae1", "box", "▬", 14),
    "external class": ("#e0e0e0", "box", "▭", 14),
    "other": ("#b0b0b0", "triangle", "△", 10),
}
DASHED_KINDS = frozenset({"document", "report", "reference", "context source", "claim", "concept scheme", "external class",
                          "other"})
UNSTYLED = KIND_STYLES["other"]  # the style of a kind that has none of its own

# Claims and their evidence are what the knowledge rests on, not part of it: the views
# show them in the panel of the nodes they bear on (the report view shows claims too).
HIDDEN_CLASSES = tuple(t.value for t in (HSKG.Claim, OA.TextQuoteSelector, OWL.NegativePropertyAssertion, OWL.Axiom))
# The views that show what lies around instances of some classes.
SEED_CLASSES: dict[str, tuple[str, ...]] = {
    "notions": (HSKG.Notion.value,),
    "actors": (HSKG.Actor.value,),
    "law": (HSKG.LegalRegime.value, HSKG.LegalInstrument.value, HSKG.Principle.value),
}
REPORT_CLASSES = (HSKG.Report.value, HSKG.ReportPart.value, HSKG.Reference.value)
# What a notion rests on (drawn below it in the notions view); other relations are drawn above.
REST_ON = (HSKG.groundedIn.value, HSKG.respondsTo.value, HSKG.emphasizes.value)
SUBCLASS_OF = RDFS.subClassOf.value
IN_SECTION = HSKG.inSection.value
CITES = CITO.citesAsEvidence.value

# An edge of a view before it is drawn: (subject, predicate IRI, object, inferred?).
Edge = tuple[str, str, str, bool]


def kind_of(index: GraphIndex, node: str) -> str:
    """The node's kind (``KIND_RULES`` by its classes and theirs); a class is a class."""
    types = index.all_types(node)
    for kind, classes in KIND_RULES:
        if not types.isdisjoint(classes):
            return kind
    if node in index.classes:
        return "class" if node.startswith(HSKG_ONTOLOGY) else "external class"
    return "other"


def view_content(index: GraphIndex, name: str, claims: set[str], hidden: set[str]) -> tuple[set[str], list[Edge]]:
    """The nodes and edges of the view ``name`` (before any focus narrows it)."""
    if name == "classes":
        return class_hierarchy(index)
    # What the knowledge says about things, not what claims say about triples: a
    # claim's rdf:predicate is no node of its own.
    nodes = {n for n in index.data_subjects if n not in hidden}
    nodes |= {o for s, _, o in index.data_edges if s in nodes and o not in hidden}
    edges = [(s, p, o, False) for s, p, o in index.data_edges if s in nodes and o in nodes]
    edges += [(s, p, o, True) for s, p, o in index.inferred_edges if s in nodes and o in nodes]
    if name in ("overview", FOCUS_VIEW):
        return nodes, edges
    if name == "report":
        return report_content(index, nodes, edges, claims)
    seeds = {n for n in nodes if index.is_a(n, SEED_CLASSES[name])}
    return neighbourhood(seeds, edges)


def neighbourhood(seeds: set[str], edges: list[Edge]) -> tuple[set[str], list[Edge]]:
    """The seeds, their neighbours, and the relations that touch a seed."""
    kept = [e for e in edges if e[0] in seeds or e[2] in seeds]
    nodes = set(seeds) | {e[0] for e in kept} | {e[2] for e in kept}
    return nodes, kept


def report_content(index: GraphIndex, nodes: set[str], edges: list[Edge], claims: set[str]):
    """The report's parts and references, and the claims made in a part or citing a reference."""
    parts = {n for n in nodes if index.is_a(n, REPORT_CLASSES)}
    kept_nodes = set(parts)
    kept = [e for e in edges if e[0] in parts and e[2] in parts]
    for claim in claims:
        links = [(claim, p, x, False) for p in (IN_SECTION, CITES) for x in index.resources(claim, p) if x in parts]
        if links:
            kept_nodes.add(claim)
            kept += links
    return kept_nodes, kept


def class_hierarchy(index: GraphIndex) -> tuple[set[str], list[Edge]]:
    nodes = set(index.classes)
    edges = [(sub, SUBCLASS_OF, sup, False) for sub, sups in index.superclasses.items()
             if sub in nodes for sup in sups if sup in nodes]
    edges += [(sub, SUBCLASS_OF, sup, True) for sub, sup in index.inferred_subclass if sub in nodes and sup in nodes]
    return nodes, edges
