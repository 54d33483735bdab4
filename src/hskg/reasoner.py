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
from .vocabulary import OWL, RDF, RDFS

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


def owl_input(triples: Iterable[ox.Triple]) -> bytes:
    """N-Triples for owlready2: individuals declared as named individuals; left out are the
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
    declarations = [ox.Triple(s, RDF.type, OWL.NamedIndividual)
                    for s in typed_individuals]
    return "".join(sorted(f"{t.subject} {t.predicate} {t.object} .\n" for t in kept + declarations)).encode("utf-8")


def run_reasoner(triples: Iterable[ox.Triple], *, timeout: float = DEFAULT_TIMEOUT) -> ReasonerResult:
    """Check consistency, find unsatisfiable classes and the new inferences."""
    java = java_executable()
    with tempfile.TemporaryDirectory(prefix="hskg-owl-") as folder:
        source = Path(folder) / "input.nt"
        source.write_bytes(owl_input(triples))
        command = [sys.executable, "-m", "hskg.reasoner", str(source), java]
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
        raise ReasonerError(f"the OWL reasoner failed: {_last_lines(stderr or stdout)}")
    return ReasonerResult(**json.loads(stdout))


def _last_lines(text: str, count: int = 5) -> str:
    return " | ".join(line for line in text.strip().splitlines()[-count:])


def _reason(source: Path, java: str) -> dict:
    """In the child: load the N-Triples in a fresh World, run HermiT, list what is entailed and new.

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
            owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return {"consistent": False, "explanation": "HermiT found the ontology inconsistent"}
    unsatisfiable = sorted(c.iri for c in world.inconsistent_classes() if hasattr(c, "iri"))
    if unsatisfiable:
        return {"consistent": False, "unsatisfiable": unsatisfiable, "explanation": "unsatisfiable classes"}
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
    print(json.dumps(_reason(Path(sys.argv[1]), sys.argv[2])))
