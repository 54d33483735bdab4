"""The ontology reference (``reference/``): a page per module, per term (class, property)
and per individual of a concept scheme, and an index of them all.

Each term page gives its label, definition, source, module, super- and sub-terms, domain
and range, inverse and characteristics, how often the graph uses it (as queries see it:
the asserted triples and their entailments) and examples from the knowledge.  pyLODE
documents one ontology as one page from its TBox alone; this reference needs a page per
term, the use of each term in the knowledge, and the scheme's individuals beside the
classes (see docs/ARCHITECTURE.md), so the project writes it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..labels import labels_of
from ..namespaces import compact, expand
from .page import explorer_link, render_page, slug, text

SOURCE, DEFINITION, DESCRIPTION, ALT_LABEL = (expand(n) for n in ("dcterms:source", "skos:definition",
                                                                   "dcterms:description", "skos:altLabel"))
TYPE = expand("rdf:type")
EXAMPLES = 8  # examples per term page
KIND_OF_TYPE = {expand("owl:Class"): "class", expand("owl:ObjectProperty"): "object property",
                expand("owl:DatatypeProperty"): "datatype property", expand("owl:AnnotationProperty"): "annotation property"}
CHARACTERISTICS = {expand("owl:SymmetricProperty"): "symmetric", expand("owl:TransitiveProperty"): "transitive",
                   expand("owl:FunctionalProperty"): "functional", expand("owl:IrreflexiveProperty"): "irreflexive"}
TERMS = """SELECT ?term ?type ?module WHERE {
  ?module a owl:Ontology . ?term rdfs:isDefinedBy ?module ; a ?type . FILTER(isIRI(?term))
} ORDER BY ?term"""
MEMBERS = "SELECT ?term ?scheme WHERE { ?term skos:inScheme ?scheme . FILTER(isIRI(?term)) } ORDER BY ?term"
TEXTS = """SELECT ?node ?p ?value WHERE {
  VALUES ?p { skos:definition skos:altLabel dcterms:description dcterms:source owl:versionInfo }
  ?node ?p ?value . FILTER(isIRI(?node))
} ORDER BY ?node ?p ?value"""
LINKS = tuple(expand(name) for name in ("rdfs:subClassOf", "rdfs:subPropertyOf", "skos:broader", "rdfs:domain",
                                         "rdfs:range", "owl:inverseOf", "rdf:type"))


@dataclass
class Term:
    iri: str
    kind: str
    module: str | None = None
    scheme: str | None = None
    characteristics: list[str] = field(default_factory=list)
    links: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # predicate → objects
    subs: list[str] = field(default_factory=list)
    uses: int = 0
    examples: list[tuple[str, str, str | ox.Literal]] = field(default_factory=list)


@dataclass
class Reference:
    terms: dict[str, Term]
    modules: list[str]
    texts: dict[str, dict[str, list[str]]]  # node → predicate → values
    labels: dict[str, str]

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or compact(iri)

    def first(self, iri: str, predicate: str) -> str:
        return next(iter(self.texts.get(iri, {}).get(predicate, [])), "")


def read_reference(store, graphs) -> Reference:
    """The terms of the ontology's modules and the schemes' individuals, with their use in ``graphs``."""
    store = getattr(store, "store", store)
    terms: dict[str, Term] = {}
    modules: set[str] = set()
    for term, kind, module in store.query(TERMS).rows:
        modules.add(module.value)
        found = terms.setdefault(term.value, Term(term.value, "", module.value))
        if kind.value in KIND_OF_TYPE:
            found.kind = found.kind or KIND_OF_TYPE[kind.value]
        elif kind.value in CHARACTERISTICS:
            found.characteristics.append(CHARACTERISTICS[kind.value])
    terms = {iri: term for iri, term in terms.items() if term.kind}
    for term, scheme in store.query(MEMBERS).rows:
        terms.setdefault(term.value, Term(term.value, "individual")).scheme = scheme.value
    texts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for node, p, value in store.query(TEXTS).rows:
        texts[node.value][p.value].append(value.value)
    _read_links(store, terms)
    _read_uses(store, graphs, terms)
    named = set(terms) | modules | {o for t in terms.values() for objects in t.links.values() for o in objects}
    named |= {x.value for t in terms.values() for e in t.examples for x in e if isinstance(x, ox.NamedNode)}
    named |= {t.scheme for t in terms.values() if t.scheme}
    named |= {v for node in texts.values() for v in node.get(SOURCE, [])}
    return Reference(terms, sorted(modules), texts, labels_of(store, named))


def _read_links(store, terms: dict[str, Term]) -> None:
    for s, p, o in ((t.subject, t.predicate, t.object) for t in store.triples()):
        if p.value in LINKS and s.value in terms and isinstance(o, ox.NamedNode):
            terms[s.value].links[p.value].append(o.value)
            if p.value in (expand("rdfs:subClassOf"), expand("rdfs:subPropertyOf"), expand("skos:broader")) and o.value in terms:
                terms[o.value].subs.append(s.value)
    for term in terms.values():
        term.subs.sort()
        for objects in term.links.values():
            objects.sort()


def _read_uses(store, graphs, terms: dict[str, Term]) -> None:
    """Classes: their instances; properties: the triples they are the predicate of;
    individuals: the triples they are the object of.  Examples: the first few, in IRI order."""
    instances: dict[str, set] = defaultdict(set)
    uses: dict[str, list] = defaultdict(list)
    for triple in sorted(set(store.triples(graphs=graphs)), key=_order):
        s, p, o = triple.subject, triple.predicate.value, triple.object
        if p == TYPE and isinstance(o, ox.NamedNode) and terms.get(o.value, Term("", "")).kind == "class":
            instances[o.value].add(s)
        if p in terms and terms[p].kind != "class":
            uses[p].append((s, triple.predicate, o))
        if isinstance(o, ox.NamedNode) and terms.get(o.value, Term("", "")).kind == "individual":
            uses[o.value].append((s, triple.predicate, o))
    for iri, term in terms.items():
        if term.kind == "class":
            found = sorted(instances.get(iri, ()), key=str)
            term.uses = len(found)
            term.examples = [(x, ox.NamedNode(TYPE), ox.NamedNode(iri)) for x in found[:EXAMPLES]]
        else:
            term.uses = len(uses.get(iri, ()))
            term.examples = uses.get(iri, [])[:EXAMPLES]


def _order(triple: ox.Triple) -> tuple:
    return (str(triple.subject), str(triple.predicate), str(triple.object))


# --- pages -------------------------------------------------------------------------------

UP = "../"
LINK_NAMES = ((expand("rdfs:subClassOf"), "super-classes"), (expand("rdfs:subPropertyOf"), "super-properties"),
              (expand("skos:broader"), "broader"), (expand("rdfs:domain"), "domain"), (expand("rdfs:range"), "range"),
              (expand("owl:inverseOf"), "inverse of"))


def term_file(iri: str) -> str:
    return f"{slug(iri)}.html"


def module_file(iri: str) -> str:
    return f"module-{slug(iri)}.html"


def reference_pages(reference: Reference, explorer_nodes: set[str]) -> dict[str, str]:
    """File name (under reference/) → page: the index, one per module, one per term."""
    pages = {"index.html": _index(reference)}
    for module in reference.modules:
        pages[module_file(module)] = _module(reference, module)
    for term in reference.terms.values():
        pages[term_file(term.iri)] = _term(reference, term, explorer_nodes)
    return pages


def _term_link(reference: Reference, iri: str) -> str:
    if iri in reference.terms:
        return f'<a href="{text(term_file(iri))}">{text(reference.label(iri))}</a> <code>{text(compact(iri))}</code>'
    name = compact(iri)
    if name.endswith(":") or name.startswith("<"):  # a vocabulary as a whole, or outside every prefix
        name = iri
    return f"{text(reference.label(iri))} <code>{text(name)}</code>" if iri in reference.labels \
        else f"<code>{text(name)}</code>"


def _term_list(reference: Reference, iris) -> str:
    items = "".join(f'<li>{_term_link(reference, iri)} <span class="muted">{text(reference.terms[iri].kind)}</span></li>'
                    for iri in sorted(iris, key=lambda i: (reference.terms[i].kind, reference.label(i).casefold())))
    return f'<ul class="terms">{items}</ul>'


def _index(reference: Reference) -> str:
    body = ['<p class="lead">Every term of the ontology, by module, and the individuals of its concept schemes: '
            'label, definition, source, super- and sub-terms, domain and range, and how the knowledge uses it.</p>',
            '<h2>Modules</h2><ul class="plain">']
    for module in reference.modules:
        count = sum(1 for t in reference.terms.values() if t.module == module)
        body.append(f'<li><a href="{text(module_file(module))}">{text(reference.label(module))}</a> '
                    f'<code>{text(module)}</code> — {count} terms</li>')
    body.append("</ul>")
    schemes = sorted({t.scheme for t in reference.terms.values() if t.scheme})
    for scheme in schemes:
        members = [t.iri for t in reference.terms.values() if t.scheme == scheme]
        body.append(f"<h2>Scheme: {text(reference.label(scheme))}</h2>{_term_list(reference, members)}")
    return render_page("Ontology reference", "\n".join(body), up=UP)


def _module(reference: Reference, module: str) -> str:
    members = [t.iri for t in reference.terms.values() if t.module == module]
    description = reference.first(module, DESCRIPTION)
    version = reference.first(module, expand("owl:versionInfo"))
    body = [f'<p><code>{text(module)}</code>{" · version " + text(version) if version else ""}</p>',
            f'<p class="lead">{text(description)}</p>' if description else "",
            f"<h2>Terms ({len(members)})</h2>{_term_list(reference, members)}",
            '<p><a href="index.html">All modules</a></p>']
    return render_page(f"Module: {reference.label(module)}", "\n".join(body), up=UP)


def _term(reference: Reference, term: Term, explorer_nodes: set[str]) -> str:
    rows = [("label", text(reference.label(term.iri))), ("IRI", f"<code>{text(term.iri)}</code>"),
            ("kind", text(term.kind + (" (" + ", ".join(sorted(term.characteristics)) + ")" if term.characteristics else "")))]
    if term.kind == "individual":  # (a class's or property's own type is its kind)
        rows.append(("type", "; ".join(_term_link(reference, c) for c in term.links.get(TYPE, []))))
    alternatives = reference.texts.get(term.iri, {}).get(ALT_LABEL, [])
    if alternatives:
        rows.append(("alternative labels", text("; ".join(alternatives))))
    definition = reference.first(term.iri, DEFINITION)
    rows.append(("definition", text(definition) if definition else '<span class="muted">none</span>'))
    sources = reference.texts.get(term.iri, {}).get(SOURCE, [])
    rows.append(("source", "; ".join(_term_link(reference, s) for s in sources) or '<span class="muted">none</span>'))
    if term.module:
        rows.append(("module", f'<a href="{text(module_file(term.module))}">{text(reference.label(term.module))}</a>'))
    if term.scheme:
        rows.append(("scheme", text(reference.label(term.scheme))))
    for predicate, name in LINK_NAMES:
        if term.links.get(predicate):
            rows.append((name, "; ".join(_term_link(reference, o) for o in term.links[predicate])))
    if term.subs:
        rows.append(("sub-terms", "; ".join(_term_link(reference, s) for s in term.subs)))
    what = {"class": "instances", "individual": "statements that name it"}.get(term.kind, "statements that use it")
    rows.append(("uses", f'<span id="uses" data-uses="{term.uses}">{term.uses}</span> {what}'))
    facts = "".join(f"<dt>{text(name)}</dt><dd>{value}</dd>" for name, value in rows)
    examples = "".join(f"<li>{_example(reference, e, explorer_nodes)}</li>" for e in term.examples)
    body = [f'<dl class="term">{facts}</dl>',
            f'<h2>Examples ({len(term.examples)} of {term.uses})</h2><ul class="plain" id="examples">{examples}</ul>'
            if term.examples else '<p class="muted">The knowledge does not use it.</p>',
            '<p><a href="index.html">All terms</a></p>']
    return render_page(f"{term.kind.capitalize()}: {reference.label(term.iri)}", "\n".join(body), up=UP)


def _example(reference: Reference, triple: tuple, explorer_nodes: set[str]) -> str:
    """A use of a term: for a class its instance, else the triple, each node by its label."""
    def end(x) -> str:
        if isinstance(x, ox.Literal):
            return f"“{text(x.value)}”"
        if isinstance(x, ox.BlankNode):
            return '<span class="muted">(a blank node)</span>'
        if x.value in reference.terms:
            return f'<a href="{text(term_file(x.value))}">{text(reference.label(x.value))}</a>'
        return explorer_link(x.value, reference.label(x.value), explorer_nodes, UP)

    s, p, o = triple
    if p.value == TYPE:
        return end(s)
    return f'{end(s)} <span class="muted">— {text(reference.label(p.value))} —</span> {end(o)}'
