"""The explorer's data interface over the served graph: ``/data/info``, ``/data/search``,
``/data/node``, ``/data/neighbours``, ``/data/evidence``, ``/data/nodes-of-kind`` and
``/data/default-focus`` answer what ``views/assets/explore-data.js`` answers from the data
embedded in build/site/explore.html, in the same JSON shapes, so the page code is shared.

Both read the same table, ``views.explore.explorer_data`` (what ``hskg build`` embeds):
the page decodes it in the browser, ``ExplorerGraph`` decodes it here, once per worker
and graph.  The tests hold the two to the same answers on the shipped graph.

Runs in a worker; every answer is data (the page shows it with ``textContent``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .jobs import Reply
from .protocol import ProtocolError

SEARCH_LIMIT = 20  # answers to a search without a limit
MAX_SEARCH_LIMIT = 1000


class ExplorerGraph:
    """The explorer's questions, answered from the ``explorer_data`` table."""

    def __init__(self, raw: dict) -> None:
        self.raw = raw
        nodes = raw["nodes"]
        self.position = {n["id"]: i for i, n in enumerate(nodes)}
        self.relations = [{"p": r["p"], "i": r["i"], "l": r["l"], "group": raw["groups"][r["g"]],
                           "sup": r.get("sup", ""), "count": 0, "inferredCount": 0} for r in raw["relations"]]
        self.kinds = [{"kind": k["kind"], "color": k["color"], "shape": k["shape"], "glyph": k["glyph"],
                       "size": k["size"], "dashed": bool(k.get("dashed")), "count": k["count"]} for k in raw["kinds"]]
        self.touching: dict[str, list[dict]] = {}
        for start, end, relation_index, inferred, claims in raw["edges"]:
            relation = self.relations[relation_index]
            edge = {"from": nodes[start]["id"], "to": nodes[end]["id"], "predicate": relation["p"],
                    "iri": relation["i"], "label": relation["l"], "inferred": inferred == 1, "claims": claims or []}
            relation["inferredCount" if edge["inferred"] else "count"] += 1
            self.touching.setdefault(edge["from"], []).append(edge)
            if edge["to"] != edge["from"]:
                self.touching.setdefault(edge["to"], []).append(edge)

    def info(self) -> dict:
        raw = self.raw
        return {"title": raw["title"], "prefixes": raw["prefixes"], "kinds": self.kinds, "relations": self.relations,
                "groups": raw["groups"], "nodeCount": len(raw["nodes"]), "edgeCount": len(raw["edges"])}

    def search(self, text: str, limit: int | None = None) -> list[dict]:
        """Labels, then alternative labels, that hold the text: exact, then prefix, then anywhere."""
        asked = str(text).strip().lower()
        if not asked:
            return []
        ranked = []
        for i, node in enumerate(self.raw["nodes"]):
            names = [str(name).lower() for name in [node["l"], *node.get("a", [])]]
            best, matched = 9, 0
            for j, name in enumerate(names):
                rank = 0 if name == asked else 2 if name.startswith(asked) else 4 if asked in name else 9
                if rank < 9 and j > 0:
                    rank += 1  # a label before an alternative label
                if rank < best:
                    best, matched = rank, j
            if best < 9:
                ranked.append((best, names[0], i, matched))
        ranked.sort()
        return [self._found(i, matched) for _, _, i, matched in ranked[: limit or SEARCH_LIMIT]]

    def _found(self, i: int, matched: int) -> dict:
        node = self.raw["nodes"][i]
        return {"id": node["id"], "label": node["l"], "kind": self.kinds[node["k"]]["kind"],
                "alt": node["a"][matched - 1] if matched else ""}

    def node(self, node_id: str) -> dict | None:
        i = self.position.get(node_id)
        if i is None:
            return None
        node = self.raw["nodes"][i]
        return {"id": node["id"], "label": node["l"], "kind": self.kinds[node["k"]]["kind"], "types": node.get("t", []),
                "definition": node.get("d", ""), "altLabels": node.get("a", []),
                "claims": [self.claim(c) for c in node.get("s", [])]}

    def neighbours(self, node_id: str) -> list[dict]:
        return [_public(edge) for edge in self.touching.get(node_id, [])]

    def edge_evidence(self, a: str, b: str) -> list[dict]:
        return [{"edge": _public(edge), "claims": [self.claim(c) for c in edge["claims"]]}
                for edge in self.touching.get(a, []) if (edge["from"], edge["to"]) in ((a, b), (b, a))]

    def nodes_of_kind(self, kind: str) -> list[str]:
        return [n["id"] for n in self.raw["nodes"] if self.kinds[n["k"]]["kind"] == kind]

    def default_focus(self) -> str | None:
        return self.raw["start"]

    def claim(self, i: int) -> dict:
        c = self.raw["claims"][i]
        return {"iri": c["c"], "subject": self._end(c["s"]), "predicate": c["p"], "object": self._end(c["o"]),
                "negative": c.get("n") == 1, "quotes": c.get("q", []), "section": c.get("sec", ""),
                "references": c.get("ref", []), "accordingTo": c.get("by", []), "modality": c.get("m", []),
                "sources": [{"title": title, "address": address} for title, address in c.get("src", [])],
                "contextFact": c.get("f", "")}

    def _end(self, ref: int | str) -> dict:
        if isinstance(ref, int):
            return {"id": self.raw["nodes"][ref]["id"], "label": self.raw["nodes"][ref]["l"]}
        return {"id": None, "label": str(ref)}


def _public(edge: dict) -> dict:
    return {key: edge[key] for key in ("from", "to", "predicate", "iri", "label", "inferred")}


_loaded: tuple[Any, ExplorerGraph] | None = None  # (the graph it was read from, the answers): one per worker


def explorer_graph(kg) -> ExplorerGraph:
    """The explorer's answers over ``kg`` (its asserted and inferred triples), read once."""
    global _loaded
    if _loaded is None or _loaded[0] is not kg:
        from ..store import INFERRED_GRAPH
        from ..views.explore import explorer_data

        inferred = list(kg.store.triples(graphs=[INFERRED_GRAPH]))
        _loaded = (kg, ExplorerGraph(explorer_data(kg.store, title="hskg explorer", inferred_triples=inferred)))
    return _loaded[1]


def _required(params: dict[str, str], name: str) -> str:
    value = params.get(name, "").strip()
    if not value:
        raise ProtocolError(400, f"give the parameter {name}")
    return value


def _known(graph: ExplorerGraph, params: dict[str, str], name: str) -> str:
    node_id = _required(params, name)
    if node_id not in graph.position:
        raise ProtocolError(404, f"no node {node_id} in the explorer's graph")
    return node_id


def _search(graph: ExplorerGraph, params: dict[str, str]) -> list[dict]:
    text, limit = _required(params, "q"), params.get("limit", str(SEARCH_LIMIT))
    if not limit.isdigit() or not 0 < int(limit) <= MAX_SEARCH_LIMIT:
        raise ProtocolError(400, f"limit must be a whole number from 1 to {MAX_SEARCH_LIMIT}")
    return graph.search(text, int(limit))


QUESTIONS: dict[str, Callable[[ExplorerGraph, dict[str, str]], Any]] = {
    "info": lambda graph, params: graph.info(),
    "search": _search,
    "node": lambda graph, params: graph.node(_known(graph, params, "id")),
    "neighbours": lambda graph, params: graph.neighbours(_known(graph, params, "id")),
    "evidence": lambda graph, params: graph.edge_evidence(_known(graph, params, "a"), _known(graph, params, "b")),
    "nodes-of-kind": lambda graph, params: graph.nodes_of_kind(_required(params, "kind")),
    "default-focus": lambda graph, params: graph.default_focus(),
}


def data_reply(kg, question: str, params: dict[str, str]) -> Reply:
    """The JSON answer to one question of the data interface (``ProtocolError`` when refused)."""
    if question not in QUESTIONS:
        raise ProtocolError(404, f"no data question {question!r}; ask one of {', '.join(QUESTIONS)}")
    answer = QUESTIONS[question](explorer_graph(kg), params)
    return Reply(200, "application/json", json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
