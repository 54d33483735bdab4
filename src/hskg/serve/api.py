"""The catalog as a web API, as grlc makes one: ``/api/NAME?PARAM=…`` runs
``queries/NAME.rq``; ``/api`` describes every such call in one OpenAPI 3 document, from
the queries' headers (title, question, answer, parameters and their examples).  Also the
SPARQL 1.1 Service Description of ``/sparql``.
"""

from __future__ import annotations

from .. import __version__
from ..namespaces import FORMATS, PREFIXES, SERVICE_DESCRIPTION
from .formats import GRAPH_FORMATS, SOLUTION_FORMATS
from .protocol import SERVED_GRAPHS

API_FORMATS = ("json", "csv", "tsv", "xml")


def openapi(catalog: dict, server: str) -> dict:
    """The OpenAPI 3.0 document of the catalog API and the SPARQL endpoint."""
    paths = {f"/api/{name}": {"get": _operation(entry)} for name, entry in catalog.items()}
    paths["/sparql"] = {"get": {
        "summary": "SPARQL 1.1 query endpoint (read-only)",
        "description": "Any SPARQL query (every project prefix is predeclared); without a query, the service "
                       "description. POST application/x-www-form-urlencoded or application/sparql-query works too.",
        "parameters": [_parameter("query", "the SPARQL query", "SELECT * WHERE { ?s ?p ?o } LIMIT 5", False),
                       _parameter("default-graph-uri", "a graph to query as the default graph", SERVED_GRAPHS[1], False),
                       _parameter("named-graph-uri", "a graph to query with GRAPH", SERVED_GRAPHS[0], False)],
        "responses": {"200": {"description": "the answer", "content": {
            media: {} for media in [f[0] for f in SOLUTION_FORMATS.values()] + [f[0] for f in GRAPH_FORMATS.values()]}},
            "400": {"description": "a bad or refused query"}, "503": {"description": "busy or stopped at the time limit"}},
    }}
    return {
        "openapi": "3.0.3",
        "info": {"title": "hskg — the Human Security Knowledge Graph", "version": __version__,
                 "description": "Each catalog query (queries/*.rq) as a call; answers in SPARQL 1.1 results JSON, "
                                "CSV, TSV or XML (by Accept or ?format=)."},
        "servers": [{"url": server}],
        "paths": paths,
    }


def _operation(entry) -> dict:
    parameters = [_parameter(p.name, f"({p.kind}) {p.description}", p.example, True) for p in entry.parameters]
    parameters.append({"name": "format", "in": "query", "required": False, "description": "the answer's format "
                       "(instead of Accept)", "schema": {"type": "string", "enum": list(API_FORMATS)}})
    media = {SOLUTION_FORMATS[f][0]: {} for f in API_FORMATS}
    return {
        "operationId": entry.name.replace("-", "_"),
        "summary": entry.title,
        "description": f"{entry.question}\n\nAnswer: {entry.answer}",
        "parameters": parameters,
        "responses": {"200": {"description": entry.answer, "content": media},
                      "400": {"description": "a missing, unknown or unresolvable parameter"},
                      "503": {"description": "busy or stopped at the time limit"}},
    }


def _parameter(name: str, description: str, example: str | None, required: bool) -> dict:
    parameter = {"name": name, "in": "query", "required": required, "description": description,
                 "schema": {"type": "string"}}
    if example:
        parameter["example"] = example
    return parameter


def service_description(endpoint: str) -> str:
    """SPARQL 1.1 Service Description of the endpoint, in Turtle."""
    named = "".join(f"    sd:namedGraph [ sd:name <{g}> ] ;\n" for g in SERVED_GRAPHS)
    results = ", ".join(f"<{FORMATS}{n}>"
                        for n in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                                  "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD"))
    return (
        f"@prefix sd: <{SERVICE_DESCRIPTION}> .\n"
        f"@prefix rdfs: <{PREFIXES['rdfs']}> .\n\n"
        f"<{endpoint}> a sd:Service ;\n"
        f"  sd:endpoint <{endpoint}> ;\n"
        "  rdfs:label \"hskg — the Human Security Knowledge Graph (read-only)\" ;\n"
        "  sd:supportedLanguage sd:SPARQL11Query ;\n"
        f"  sd:resultFormat {results} ;\n"
        "  sd:defaultDataset [ a sd:Dataset ;\n"
        "    rdfs:comment \"The default graph is the union of the ontology and data graphs.\" ;\n"
        f"    sd:defaultGraph [ a sd:Graph ] ;\n{named}"
        "  ] .\n"
    )
