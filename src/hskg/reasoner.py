"""OWL reasoning with HermiT through owlready2, in a child process with a time limit.

owlready2 reads N-Triples, not Turtle, and ignores an individual that is not
declared ``owl:NamedIndividual``; claims use the RDF reification terms, which are
outside OWL 2 DL.  ``owl_input`` prepares the triples for it.  The reasoner runs
in its own process (``python -m hskg.reasoner``) and its own ``World``, so that a
slow or crashing Java run never takes hskg down with it, and so that the time
limit can be enforced.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from .errors import HskgError
from .namespaces import HSKG_GRAPH, PREFIXES
from .vocabulary import OWL, RDF, RDFS, XSD

OWL_NS = PREFIXES["owl"]
REIFICATION = {RDF.subject.value, RDF.predicate.value, RDF.object.value}
# Types that say what a term is in the schema, not what an individual is.
SCHEMA_TYPES = {
    OWL_NS + name for name in ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty", "Ontology",
                            "NamedIndividual", "TransitiveProperty", "SymmetricProperty", "FunctionalProperty",
                            "InverseFunctionalProperty", "AsymmetricProperty", "ReflexiveProperty",
                            "IrreflexiveProperty", "AllDisjointClasses", "Restriction", "NegativePropertyAssertion",
                            "AllDifferent", "AxiomAnnotation", "Axiom")
} | {RDFS.Class.value, RDFS.Datatype.value, RDF.Property.value, RDF.List.value}
DEFAULT_TIMEOUT = 120.0
# OWL 2's built-in annotation properties (an ontology declares its own with owl:AnnotationProperty).
ANNOTATION_PROPERTIES = {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo, OWL.deprecated}
# The declarations that leave a property free of axioms (see VerdictKeys).
FREE_DECLARATIONS = {OWL.AnnotationProperty, OWL.DatatypeProperty, RDF.Property}
# Datatypes outside OWL 2's datatype map: HermiT refuses them, so literals of these
# types (dates, years) and range axioms naming them are left out of its input.
NON_OWL_DATATYPES = {PREFIXES["xsd"] + name for name in ("date", "time", "gYear", "gYearMonth", "gMonth", "gMonthDay", "gDay",
                                             "duration")}


class ReasonerError(HskgError):
    """The reasoner could not run: no Java, a time-out, a crash."""


@dataclass
class ReasonerResult:
    consistent: bool
    explanation: str = ""
    unsatisfiable: list[str] = field(default_factory=list)
    inferred: list[tuple[str, str, str]] = field(default_factory=list)  # IRIs only

    def counts_by_predicate(self) -> list[tuple[str, int]]:
        """How many inferred triples each predicate has (compact names), most first."""
        from collections import Counter

        from .namespaces import compact

        counts = Counter("rdf:type" if p == RDF.type.value else compact(p) for _, p, _ in self.inferred)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def java_executable() -> str:
    """The Java that HermiT will use: $HSKG_JAVA, else ``java`` on the PATH."""
    found = os.environ.get("HSKG_JAVA") or shutil.which("java")
    if not found:
        raise ReasonerError("Java not found: the OWL reasoner HermiT needs a Java runtime "
                            "(install one, e.g. `apt-get install default-jre-headless`, or set HSKG_JAVA)")
    return found


def owl_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """What owlready2 is given: individuals declared as named individuals; left out are the
    reification of claims (outside OWL 2 DL), ``owl:imports`` (owlready2 would fetch them
    from the network; every module is in the input already) and non-OWL datatypes."""
    kept = []
    typed_individuals = set()
    for triple in triples:
        obj = triple.object
        if (triple.predicate.value in REIFICATION or triple.predicate == OWL.imports
                or (isinstance(obj, ox.Literal) and obj.datatype.value in NON_OWL_DATATYPES)
                or obj.value in NON_OWL_DATATYPES):
            continue
        kept.append(triple)
        if (triple.predicate == RDF.type and isinstance(triple.subject, ox.NamedNode)
                and triple.object.value not in SCHEMA_TYPES and not triple.object.value.startswith(OWL_NS)):
            typed_individuals.add(triple.subject)
    return kept + [ox.Triple(s, RDF.type, OWL.NamedIndividual) for s in typed_individuals]


def owl_input(triples: Iterable[ox.Triple]) -> bytes:
    """The reasoner's input (``owl_triples``) as sorted N-Triples."""
    return ntriples(owl_triples(triples))


def ntriples(triples: Iterable[ox.Triple]) -> bytes:
    return "".join(sorted(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples)).encode("utf-8")


@dataclass(frozen=True)
class VerdictKeys:
    """What the OWL verdict is kept under: the reasoner's whole input, and its axioms.

    ``axioms`` leaves out the *free texts*: triples whose object is a plain string (an
    ``xsd:string`` or language-tagged literal) and whose predicate is a free property, one
    that no axiom mentions: it is never the object of a triple (no ``owl:onProperty``,
    ``rdfs:subPropertyOf``, ``owl:inverseOf``, property chain, key …), never has an IRI or
    blank node as its value, and is the subject only of its declaration (``owl:AnnotationProperty``,
    ``owl:DatatypeProperty``, ``rdf:Property``), of annotations, and of plain texts
    (no ``rdfs:domain``, ``rdfs:range``, ``owl:FunctionalProperty`` …).  Such an assertion
    constrains nothing: any model of the rest extends to it by adding the pair to the
    property, so adding, removing or changing it cannot change consistency or which classes
    are satisfiable.  Labels, definitions, comments, titles and quotes (``oa:exact``) are
    free texts in the shipped ontology; a typed literal (a number, a date) never is.
    """

    graph: str
    axioms: str


def verdict_keys(triples: list[ox.Triple]) -> VerdictKeys:
    """The keys of the reasoner's input ``triples`` (as ``owl_triples`` gives them).

    Each key hashes the triples without blank nodes as they are, and those with one in
    canonical form (RDF canonicalization of that part alone, which is all its labels
    depend on): equal keys mean isomorphic graphs, whatever ids one load gave its blank
    nodes, and canonicalizing the few evidence selectors is cheaper than the whole graph.
    """
    free = free_properties(triples)
    ground, blank = [], []
    for t in triples:
        (blank if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) else ground).append(t)

    def free_text(t: ox.Triple) -> bool:
        return t.predicate in free and _plain_text(t.object)

    lines = sorted((f"{t.subject} {t.predicate} {t.object} .\n", free_text(t)) for t in ground)
    return VerdictKeys(_content_hash([line for line, _ in lines], blank),
                       _content_hash([line for line, text in lines if not text], [t for t in blank if not free_text(t)]))


def _content_hash(ground_lines: list[str], blank: list[ox.Triple]) -> str:
    import hashlib

    from .export import canonical_blank_nodes

    digest = hashlib.sha256("".join(ground_lines).encode("utf-8"))
    digest.update(b"\0" + ntriples(canonical_blank_nodes(blank)))
    return digest.hexdigest()


def _plain_text(term) -> bool:
    return isinstance(term, ox.Literal) and (term.language is not None or term.datatype == XSD.string)


def free_properties(triples: list[ox.Triple]) -> set[ox.NamedNode]:
    """The properties of the reasoner's input that no axiom mentions (see ``VerdictKeys``)."""
    annotations = ANNOTATION_PROPERTIES | {t.subject for t in triples
                                           if t.predicate == RDF.type and t.object == OWL.AnnotationProperty}
    used, bound = set(), set()
    for t in triples:
        subject, predicate, obj = t.subject, t.predicate, t.object
        used.add(predicate)
        bound.add(obj)
        if not isinstance(obj, ox.Literal):
            bound.add(predicate)
            if not (predicate in annotations or (predicate == RDF.type and obj in FREE_DECLARATIONS)):
                bound.add(subject)
        elif not (predicate in annotations or _plain_text(obj)):
            bound.add(subject)
    return used - bound


def run_reasoner(triples: Iterable[ox.Triple], *, timeout: float = DEFAULT_TIMEOUT) -> ReasonerResult:
    """Check consistency, find unsatisfiable classes and the new inferences."""
    return reason_over(owl_input(triples), timeout=timeout)


def reason_over(ntriples: bytes, *, timeout: float = DEFAULT_TIMEOUT, inferences: bool = True) -> ReasonerResult:
    """``run_reasoner`` on input already prepared (``owl_input``); ``inferences=False`` asks
    for the verdict alone (consistency, unsatisfiable classes), which HermiT gives sooner."""
    java = java_executable()
    with tempfile.TemporaryDirectory(prefix="hskg-owl-") as folder:
        source = Path(folder) / "input.nt"
        source.write_bytes(ntriples)
        command = [sys.executable, "-m", "hskg.reasoner", str(source), java, *([] if inferences else ["verdict"])]
        # A session of its own, so that a time-out ends Java (HermiT) along with its parent.
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 start_new_session=True)
        try:
            stdout, stderr = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.communicate()
            raise ReasonerError(f"the OWL reasoner timed out after {timeout:g} s") from None
    if child.returncode != 0:
        if "OwlReadyOntologyParsingError" in (stderr or ""):
            raise ReasonerError("the OWL reasoner cannot read the graph: a literal that fits no value of its datatype "
                                "(such as \"abc\"^^xsd:integer)? the check queries/checks/ill-typed-literal-violation.rq "
                                "lists them")
        raise ReasonerError(f"the OWL reasoner failed: {_last_lines(stderr or stdout)}")
    return ReasonerResult(**json.loads(stdout))


def _last_lines(text: str, count: int = 5) -> str:
    return " | ".join(line for line in text.strip().splitlines()[-count:])


def _reason(source: Path, java: str, inferences: bool = True) -> dict:
    """In the child: load the N-Triples in a fresh World, run HermiT, list what is entailed and new
    (unless ``inferences`` is false: the verdict alone, without inferring property values).

    owlready2 keeps only the most specific types and answers inverse, symmetric and
    sub-property values on request instead of storing them, so the entailments are
    read back through its ``INDIRECT`` accessors and compared with the input.
    """
    import owlready2

    owlready2.JAVA_EXE = java
    world = owlready2.World()
    with open(source, "rb") as stream:
        ontology = world.get_ontology(HSKG_GRAPH + "reasoning-input").load(fileobj=stream, format="ntriples")
    try:
        with ontology:
            owlready2.sync_reasoner_hermit(world, infer_property_values=inferences, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return {"consistent": False, "explanation": "HermiT found the ontology inconsistent"}
    unsatisfiable = sorted(c.iri for c in world.inconsistent_classes() if hasattr(c, "iri"))
    if unsatisfiable:
        return {"consistent": False, "unsatisfiable": unsatisfiable, "explanation": "unsatisfiable classes"}
    if not inferences:
        return {"consistent": True}
    asserted = set(_asserted_triples(source))
    entailed = set()
    properties = list(world.object_properties())
    for individual in world.individuals():
        if not _named(individual):
            continue  # an evidence selector or another blank node
        for cls in individual.INDIRECT_is_a:
            if isinstance(cls, owlready2.ThingClass) and not cls.iri.startswith(OWL_NS):
                entailed.add((individual.iri, RDF.type.value, cls.iri))
        for prop in properties:
            for value in prop._get_indirect_values_for_individual(individual):
                if _named(value):
                    entailed.add((individual.iri, prop.iri, value.iri))
    return {"consistent": True, "inferred": sorted(entailed - asserted)}


def _named(entity) -> bool:
    return "://" in (getattr(entity, "iri", "") or "")


def _asserted_triples(source: Path):
    for triple in ox.parse(path=source, format=ox.RdfFormat.N_TRIPLES):
        if isinstance(triple.object, ox.NamedNode):
            yield (triple.subject.value, triple.predicate.value, triple.object.value)


if __name__ == "__main__":
    print(json.dumps(_reason(Path(sys.argv[1]), sys.argv[2], inferences=sys.argv[3:] != ["verdict"])))
