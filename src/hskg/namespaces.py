"""The namespaces of hskg and of the vocabularies it reuses.

``PREFIXES`` is the one prefix map of the project: Turtle exports, compact IRIs in
tables and the prefixes predeclared for every SPARQL query all come from it.
"""

HSKG_ONTOLOGY = "https://w3id.org/hskg/ontology#"
HSKG_ID = "https://w3id.org/hskg/id/"
HSKG_GRAPH = "https://w3id.org/hskg/graph/"  # the store's named graphs

# Individuals share one base; each kind has its own folder of slugs (docs/MODELLING.md).
INDIVIDUAL_PREFIXES = {
    "concept": HSKG_ID + "concept/",
    "notion": HSKG_ID + "notion/",
    "actor": HSKG_ID + "actor/",
    "person": HSKG_ID + "person/",
    "regime": HSKG_ID + "regime/",
    "doc": HSKG_ID + "document/",
    "approach": HSKG_ID + "approach/",
    "report": HSKG_ID + "report/",
    "ref": HSKG_ID + "reference/",
    "claim": HSKG_ID + "claim/",
    "source": HSKG_ID + "source/",
}

STANDARD_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "cito": "http://purl.org/spar/cito/",
    "sh": "http://www.w3.org/ns/shacl#",
}

PREFIXES = {"hskg": HSKG_ONTOLOGY, **INDIVIDUAL_PREFIXES, **STANDARD_PREFIXES}

# What the SPARQL endpoint (hskg serve) describes itself and its answers with.
SERVICE_DESCRIPTION = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
SPARQL_RESULTS_XML = "http://www.w3.org/2005/sparql-results#"
# The JSON-LD context of W3C Web Annotations (the annotated report's annotations file).
WEB_ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def compact(iri: str) -> str:
    """``prefix:name`` for an IRI under a known namespace, else ``<iri>`` (and "" for "").

    The longest matching namespace wins, so ``…/id/actor/nato`` is ``actor:nato``.
    """
    if not iri:
        return ""
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        return f"{best}:{iri[len(PREFIXES[best]):]}"
    return f"<{iri}>"


def expand(name: str) -> str | None:
    """The full IRI of ``prefix:name`` or ``<iri>``, or None if it is neither."""
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return None
