"""``hskg validate``: four independent checks, one list of findings.

1. SHACL: the shapes (``ontology/shapes*.ttl``) against the knowledge, with the
   schema beside it for the class hierarchy; data, shapes and ontology are
   separate graphs (pySHACL's design), inference off.  ``hskg.shacl`` evaluates
   them (seconds at 100k triples where pySHACL takes half a minute); shapes
   outside its subset go to pySHACL.
2. SPARQL: every ``queries/checks/*-violation.rq`` (its ``portable/`` form on other stores than
   Oxigraph, as for the catalog); each row it returns is a finding.
3. Evidence: every ``oa:exact`` quote must occur verbatim in a source text
   (runs of white space folded, nothing else).
4. OWL: HermiT through owlready2 (``hskg.reasoner``), for consistency; its verdict is
   kept in build/ under the content of the graph (``owl_verdict``), so an unchanged graph,
   or one whose edit changed only free texts, does not start Java again.

A check that cannot run raises ``HskgError`` (exit 2); findings are data (exit 1
when one has severity ``error``).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import pyoxigraph as ox

from .errors import HskgError
from .files import read_text
from .load import parse_turtle_file
from .query import QueryError, checked_query, header_fields, text_for_dialect
from .namespaces import compact
from .store import DATA_GRAPH, ONTOLOGY_GRAPH, Store
from .vocabulary import DCTERMS, RDF, SH, rdflib_namespace

if TYPE_CHECKING:
    from .knowledge import KnowledgeGraph
    from .reasoner import ReasonerResult

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    severity: str
    check: str
    node: str
    label: str
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class ValidationReport:
    findings: list[Finding] = field(default_factory=list)
    checks_run: list[str] = field(default_factory=list)
    owl_source: str = ""  # a key of OWL_SOURCES when the OWL check ran

    @property
    def notes(self) -> list[str]:
        """What a reader should know beside the findings: where the OWL verdict came from."""
        note = OWL_SOURCES.get(self.owl_source, "").format(file=OWL_VERDICT_FILE)
        return [note] if note else []

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


@dataclass(frozen=True)
class SparqlCheck:
    name: str
    path: Path
    title: str
    description: str
    severity: str


def load_checks(checks_dir: Path) -> list[SparqlCheck]:
    """Every ``*-violation.rq`` under ``checks_dir``, with its header."""
    checks = []
    for path in sorted(checks_dir.glob("*-violation.rq")):
        fields = dict(header_fields(path))
        if fields.get("severity") not in SEVERITIES or not fields.get("title"):
            raise HskgError(f"{path}: a check needs '# title:' and '# severity:' ({'|'.join(SEVERITIES)}) lines")
        name = path.name.removesuffix("-violation.rq")
        checks.append(SparqlCheck(name, path, fields["title"], fields.get("description", ""), fields["severity"]))
    return checks


def sparql_findings(store: Store, checks: Iterable[SparqlCheck]) -> list[Finding]:
    """Run each check; a row is a finding about ``?node`` saying ``?message`` (or the title)."""
    findings = []
    for check in checks:
        try:
            text = text_for_dialect(check.path, store.dialect)
            checked_query(text)  # a check file is a query like any other: no SERVICE, no update
            result = store.query(text)
        except (SyntaxError, QueryError) as error:
            raise HskgError(f"{check.path}: {error}") from None
        if "node" not in result.variables:
            raise HskgError(f"{check.path}: a check must select ?node")
        nodes = result.column("node")
        messages = result.column("message") if "message" in result.variables else [None] * len(nodes)
        for node, message in zip(nodes, messages):
            iri = node.value if isinstance(node, ox.NamedNode) else (f"_:{node.value}" if node else "")
            findings.append(Finding(check.severity, f"sparql:{check.name}", iri, "",
                                    message.value if message is not None else check.title))
    return findings


def shacl_findings(data: Iterable[ox.Triple], ontology: Iterable[ox.Triple], shape_files: list[Path],
                   display_root: Path | None = None, *, engine: str = "hskg") -> list[Finding]:
    """The shapes over the knowledge; the schema is given as its ontology graph (mixed in for
    the class hierarchy, so ``sh:targetClass`` reaches instances of subclasses).

    ``hskg.shacl`` evaluates them (``engine="hskg"``) unless they use SHACL outside its
    subset; then, or with ``engine="pyshacl"``, pySHACL does: the same findings, slower.
    """
    from .shacl import DataIndex, UnsupportedShapes, Validator, compile_shapes

    shape_triples = []
    for index, path in enumerate(shape_files):
        shape_triples += parse_turtle_file(path, blank_node_prefix=f"s{index}b", display_root=display_root)
    if not shape_triples:
        return []
    # A finding names the node shape it comes from, also when a property shape inside it fired.
    owners = {t.object.value: t.subject.value for t in shape_triples
              if t.predicate == SH.property and isinstance(t.subject, ox.NamedNode)}
    if engine == "hskg":
        try:
            shapes = compile_shapes(shape_triples)
        except UnsupportedShapes:
            shapes = None
        if shapes is not None:
            results = Validator(DataIndex(chain(data, ontology))).run(shapes)
            return [_shacl_finding(r.focus, r.severity.value, r.shape, r.path, r.message, owners) for r in results]
    return _pyshacl_findings(data, ontology, shape_triples, owners)


def _pyshacl_findings(data, ontology, shape_triples: list[ox.Triple], owners: dict[str, str]) -> list[Finding]:
    import rdflib
    from pyshacl import validate as shacl_validate

    from .rdf import to_rdflib_graph

    conforms, results, _ = shacl_validate(
        to_rdflib_graph(data),
        shacl_graph=to_rdflib_graph(shape_triples),
        ont_graph=to_rdflib_graph(ontology),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    if conforms:
        return []
    sh = rdflib_namespace(SH)
    findings = []
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        message = results.value(result, sh.resultMessage)
        path = results.value(result, sh.resultPath)
        findings.append(_shacl_finding(
            _oxigraph_term(results.value(result, sh.focusNode)), str(results.value(result, sh.resultSeverity)),
            _oxigraph_term(results.value(result, sh.sourceShape)),
            _oxigraph_term(path) if isinstance(path, rdflib.URIRef) else None,
            str(message) if message is not None else None, owners))
    return findings


def _oxigraph_term(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    return ox.BlankNode(str(term)) if isinstance(term, rdflib.BNode) else ox.Literal(str(term))


def _shacl_finding(focus, severity: str, shape, path, message: str | None, owners: dict[str, str]) -> Finding:
    """One result as a finding: checked by the node shape it belongs to, its path before its message."""
    text = message if message is not None else "violates its shape"
    if isinstance(path, ox.NamedNode):
        text = f"{compact(path.value)}: {text}"
    level = {SH.Violation.value: "error", SH.Warning.value: "warning"}.get(severity, "info")
    owner = shape.value if isinstance(shape, ox.NamedNode) else owners.get(shape.value, "")
    node = focus.value if isinstance(focus, ox.NamedNode) else f"_:{focus.value}"
    return Finding(level, f"shacl:{compact(owner) if owner else 'shape'}", node, "", text)


EVIDENCE = """
SELECT ?claim ?quote WHERE {
  ?claim hskg:evidence ?selector . ?selector oa:exact ?quote .
  FILTER NOT EXISTS { ?selector a hskg:UncheckedQuote }  # from a text sources/ does not hold
} ORDER BY ?claim
"""


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_sources(sources_dir: Path) -> list[str]:
    texts = [fold(read_text(p)) for p in sorted(sources_dir.glob("*.txt"))]
    if not texts:
        raise HskgError(f"no source texts (*.txt) in {sources_dir}: give --sources DIR, or --no-evidence "
                        "to skip the quote check")
    return texts


def evidence_findings(store: Store, sources_dir: Path) -> list[Finding]:
    """A finding for each quote that is not, white space folded, in one of the source texts
    of ``sources_dir`` (read only when the graph has quotes to check)."""
    rows = store.query(EVIDENCE).rows
    sources = read_sources(sources_dir) if rows else []
    findings = []
    for claim, quote in rows:
        if not any(fold(quote.value) in text for text in sources):
            shown = fold(quote.value)
            findings.append(Finding("error", "evidence", claim.value, "",
                                    f"quote not found verbatim in the sources: “{shown[:200]}”"))
    return findings


ILL_TYPED_IN_OWL = ("inconsistent in OWL 2: a literal of this node fits no value of its datatype "
                    "(see sparql:ill-typed-literal); the reasoner was not run")
OWL_VERDICT_FILE = "owl-verdict.json"  # in the project's build/
# Where the OWL verdict came from, as ``hskg validate`` says it (nothing when HermiT ran).
OWL_SOURCES = {
    "hermit": "",
    "cached": "owl: HermiT's verdict on this very graph, kept in build/{file} (Java not started)",
    "texts": "owl: HermiT's verdict kept in build/{file} still holds: the graph changed only in free texts "
             "(plain strings of properties no OWL axiom mentions: labels, definitions, quotes), which cannot "
             "change it (Java not started)",
}


def owl_verdict(store: Store, timeout: float, cache: Path | None = None) -> tuple["ReasonerResult", str]:
    """HermiT's verdict on the store's triples, and where it came from (a key of ``OWL_SOURCES``).

    The verdict is kept in ``cache`` under two content keys (``reasoner.VerdictKeys``): the
    reasoner's whole input (``cached``: the same graph), and its axioms without the free
    texts (``texts``: only texts changed, the verdict cannot have).  The keys are the
    content of the store, not file names or times, so a graph validated with additions
    that are not on disk (``hskg add``) is keyed by what it holds.
    """
    from .derived import read_record, write_record
    from .reasoner import ReasonerResult, ntriples, owl_triples, reason_over, verdict_keys

    triples = owl_triples(store.triples())
    keys = verdict_keys(triples)
    kept = read_record(cache) if cache is not None else None
    verdict_fields = ("consistent", "explanation", "unsatisfiable")
    if kept is not None and all(name in kept for name in verdict_fields):
        source = "cached" if kept.get("graph") == keys.graph else "texts" if kept.get("axioms") == keys.axioms else ""
        if source:
            if source == "texts":
                write_record(cache, {**kept, "graph": keys.graph})
            return ReasonerResult(**{name: kept[name] for name in verdict_fields}), source
    result = reason_over(ntriples(triples), timeout=timeout, inferences=False)
    if cache is not None:
        write_record(cache, {"graph": keys.graph, "axioms": keys.axioms,
                             **{name: getattr(result, name) for name in verdict_fields}})
    return result, "hermit"


def owl_findings(result: "ReasonerResult", suspects: Iterable[Finding] = ()) -> list[Finding]:
    """HermiT's verdict as findings.  It says *that* the graph is inconsistent, not where;
    the ``suspects`` (findings of the SPARQL checks that mirror OWL axioms) say where."""
    if result.consistent:
        return []
    if result.unsatisfiable:
        return [Finding("error", "owl", iri, "", "unsatisfiable class: no individual can belong to it")
                for iri in result.unsatisfiable]
    named = [Finding("error", "owl", s.node, "", f"{result.explanation}: this node {s.message}") for s in suspects]
    return named or [Finding("error", "owl", "", "", f"{result.explanation}: some node breaks an OWL axiom")]


def validate(knowledge: "KnowledgeGraph", *, sources_dir: Path | None = None, evidence: bool = True,
             checks_dir: Path | None = None, owl: bool = True, owl_timeout: float = 120.0) -> ValidationReport:
    """Run every check on a loaded project; label the nodes the findings name.

    The SPARQL checks come from ``checks_dir``, by default the project's ``queries/checks``;
    quotes are checked against ``sources_dir``, by default the project's ``sources/``
    (``evidence=False`` skips that check).
    """
    from .labels import labels_of
    from .progress import progress

    store, project = knowledge.store, knowledge.project
    report = ValidationReport()
    with progress("validate", 2 + evidence + owl) as steps:
        steps.step("shacl")
        report.findings += shacl_findings(store.triples([DATA_GRAPH]), store.triples([ONTOLOGY_GRAPH]),
                                          project.shape_files(), project.root)
        report.checks_run.append("shacl")
        steps.step("sparql")
        report.findings += sparql_findings(store, load_checks(checks_dir or project.queries_dir / "checks"))
        report.checks_run.append("sparql")
        if evidence:
            steps.step("evidence")
            report.findings += evidence_findings(store, sources_dir or project.sources_dir)
            report.checks_run.append("evidence")
        if owl:
            steps.step("owl")
            suspects = [f for f in report.findings if f.check == "sparql:disjoint-classes"]
            ill_typed = [f for f in report.findings if f.check == "sparql:ill-typed-literal"]
            if ill_typed:  # HermiT cannot even read such a graph; OWL 2 holds it inconsistent
                report.findings += [Finding("error", "owl", f.node, "", ILL_TYPED_IN_OWL) for f in ill_typed]
            else:
                result, report.owl_source = owl_verdict(store, owl_timeout, project.build_dir / OWL_VERDICT_FILE)
                report.findings += owl_findings(result, suspects)
            report.checks_run.append("owl")
    labels = labels_of(store, (f.node for f in report.findings if f.node and not f.node.startswith("_:")))
    report.findings = sorted(
        (Finding(f.severity, f.check, f.node, labels.get(f.node, ""), f.message) for f in report.findings),
        key=lambda f: (SEVERITIES.index(f.severity), f.check, f.node, f.message),
    )
    return report


def format_report(report: ValidationReport, fmt: str = "table") -> str:
    """The report for people (``table``), as JSON, or as a SHACL-style Turtle validation report."""
    if fmt == "json":
        import json

        return json.dumps({"conforms": not report.errors, "checks": report.checks_run, "owl": report.owl_source or None,
                           "findings": [f.as_dict() for f in report.findings]}, indent=1, ensure_ascii=False) + "\n"
    if fmt == "ttl":
        return _report_turtle(report)
    return "\n".join([_findings_table(report), *report.notes]) + "\n"


def _findings_table(report: ValidationReport) -> str:
    if not report.findings:
        return f"no findings ({', '.join(report.checks_run)} checked)"
    rows = [(f.severity, f.check, f"{compact(f.node)} ({f.label})" if f.label else (compact(f.node) if f.node else ""),
             " ".join(f.message.split())) for f in report.findings]
    widths = [max(len(r[i]) for r in rows + [("severity", "check", "node", "")]) for i in range(3)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(("severity", "check", "node"), widths)) + "  message"]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r[:3], widths)) + "  " + r[3] for r in rows]
    errors = len(report.errors)
    lines.append(f"{len(report.findings)} findings, {errors} error{'s' if errors != 1 else ''} "
                 f"({', '.join(report.checks_run)} checked)")
    return "\n".join(lines)


def _report_turtle(report: ValidationReport) -> str:
    """The findings as a ``sh:ValidationReport``: what SHACL tools expect to read."""
    from .export import serialize

    root = ox.BlankNode("report")
    triples = [ox.Triple(root, RDF.type, SH.ValidationReport),
               ox.Triple(root, SH.conforms, ox.Literal(not report.errors))]
    severities = {"error": SH.Violation, "warning": SH.Warning, "info": SH.Info}
    for index, finding in enumerate(report.findings):
        result = ox.BlankNode(f"result{index}")
        triples += [ox.Triple(root, SH.result, result), ox.Triple(result, RDF.type, SH.ValidationResult),
                    ox.Triple(result, SH.resultSeverity, severities[finding.severity]),
                    ox.Triple(result, SH.resultMessage, ox.Literal(finding.message)),
                    ox.Triple(result, DCTERMS.identifier, ox.Literal(finding.check))]
        if finding.node and not finding.node.startswith("_:"):
            triples.append(ox.Triple(result, SH.focusNode, ox.NamedNode(finding.node)))
    return serialize(triples, "ttl").decode("utf-8")
