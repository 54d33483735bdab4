"""Where the nodes of a view go, computed in Python so that the page draws them at once
(vis-network's physics stays off).  Pure Python and cheap enough for thousands of nodes:
a radial tree per connected component, refined by a short force layout when small;
a left-to-right tree for the class hierarchy; columns for the notions view."""

from __future__ import annotations

import math
import zlib
from collections import defaultdict, deque
from dataclasses import dataclass

import networkx as nx

from ..namespaces import HSKG_ONTOLOGY, compact
from .rules import REST_ON

FORCE_LAYOUT_LIMIT = 1200  # above this many nodes a component gets the cheap radial layout only
SPACING = 170.0  # ideal distance between neighbours, in vis units (≈ pixels at scale 1)


def layout_components(graph: nx.MultiDiGraph, root: str | None = None) -> None:
    """Each connected component: a radial tree, refined by a short force layout if small; packed."""
    # Neighbours in the order of the edges: an undirected view of a directed graph lists
    # them in the order of a set of strings, which changes from one process to the next.
    undirected = nx.Graph()
    undirected.add_nodes_from(graph)
    undirected.add_edges_from(graph.edges())
    components = sorted((sorted(c) for c in nx.connected_components(undirected)), key=lambda c: (-len(c), c[0]))
    if root is not None:
        components.sort(key=lambda c: root not in c)
    boxes = []
    for component in components:
        # A copy in the component's (sorted) order: a subgraph view of a small part lists its
        # nodes in the order of a set, as above.
        sub = nx.Graph()
        sub.add_nodes_from(component)
        sub.add_edges_from(undirected.edges(component))
        start = root if root in sub else max(component, key=lambda n: (sub.degree(n), n))
        positions = _radial(sub, start)
        if 2 < len(component) <= FORCE_LAYOUT_LIMIT:
            iterations = 80 if len(component) <= 300 else 40
            positions = _force(sub, positions, iterations=iterations, fixed=start if start == root else None)
        boxes.append(positions)
    _pack(graph, boxes)


def _radial(graph: nx.Graph, root: str) -> dict[str, tuple[float, float]]:
    """A radial tree from a breadth-first search: each subtree gets a wedge by its leaf count."""
    children: dict[str, list[str]] = defaultdict(list)
    depth = {root: 0}
    order = [root]
    queue = deque([root])
    while queue:
        node = queue.popleft()
        for neighbour in sorted(graph[node]):
            if neighbour not in depth:
                depth[neighbour] = depth[node] + 1
                children[node].append(neighbour)
                order.append(neighbour)
                queue.append(neighbour)
    leaves: dict[str, int] = {}
    for node in reversed(order):
        leaves[node] = sum(leaves[c] for c in children[node]) or 1
    per_ring: dict[int, int] = defaultdict(int)
    for node, d in depth.items():
        per_ring[d] += 1
    radius = {0: 0.0}
    for d in range(1, max(per_ring) + 1):
        radius[d] = max(radius[d - 1] + SPACING, per_ring[d] * SPACING * 0.6 / (2 * math.pi))
    positions = {root: (0.0, 0.0)}
    wedge = {root: (0.0, 2 * math.pi)}
    for node in order:
        start, width = wedge[node]
        for child in children[node]:
            share = width * leaves[child] / leaves[node]
            wedge[child] = (start, share)
            angle = start + share / 2
            r = radius[depth[child]]
            positions[child] = (r * math.cos(angle), r * math.sin(angle))
            start += share
    return positions


def _force(graph: nx.Graph, positions: dict, *, iterations: int, fixed: str | None = None) -> dict:
    """Fruchterman–Reingold with grid-bucketed repulsion (only near nodes push)."""
    k = SPACING
    pos = {n: list(p) for n, p in positions.items()}
    nodes = list(pos)
    edges = [(u, v) for u, v in graph.edges() if u != v]
    cell = 2 * k
    temperature = k * 2
    for step in range(iterations):
        grid: dict[tuple[int, int], list[str]] = defaultdict(list)
        for n in nodes:
            x, y = pos[n]
            grid[(int(x // cell), int(y // cell))].append(n)
        disp = {n: [0.0, 0.0] for n in nodes}
        for (gx, gy), members in grid.items():
            near = [m for dx in (-1, 0, 1) for dy in (-1, 0, 1) for m in grid.get((gx + dx, gy + dy), ())]
            for n in members:
                x, y = pos[n]
                d_n = disp[n]
                for m in near:
                    if m is n:
                        continue
                    dx, dy = x - pos[m][0], y - pos[m][1]
                    dist2 = dx * dx + dy * dy
                    if dist2 < 1e-4:
                        # Pushed apart in a direction of the node's own (crc32, not hash():
                        # the same graph gets the same layout in every process).
                        dx, dy, dist2 = 0.1 * (zlib.crc32(n.encode("utf-8")) % 7 - 3) + 0.01, 0.1, 0.02
                    if dist2 < cell * cell:
                        force = k * k / dist2
                        d_n[0] += dx * force
                        d_n[1] += dy * force
        for u, v in edges:
            dx, dy = pos[u][0] - pos[v][0], pos[u][1] - pos[v][1]
            dist = math.hypot(dx, dy) or 0.01
            force = dist / k
            disp[u][0] -= dx * force
            disp[u][1] -= dy * force
            disp[v][0] += dx * force
            disp[v][1] += dy * force
        for n in nodes:
            if n == fixed:
                continue
            dx, dy = disp[n]
            length = math.hypot(dx, dy)
            if length > 0:
                scale = min(length, temperature) / length
                pos[n][0] += dx * scale
                pos[n][1] += dy * scale
        temperature = max(k * 0.05, temperature * 0.95)
    return {n: (p[0], p[1]) for n, p in pos.items()}


def _pack(graph: nx.MultiDiGraph, boxes: list[dict]) -> None:
    """Place the components' layouts in rows, biggest first, without overlap."""
    if not boxes:
        return
    margin = SPACING
    extents = []
    for positions in boxes:
        xs = [p[0] for p in positions.values()]
        ys = [p[1] for p in positions.values()]
        extents.append((min(xs), min(ys), max(xs) - min(xs) + margin, max(ys) - min(ys) + margin))
    total_area = sum(w * h for _, _, w, h in extents)
    row_width = max(max(w for _, _, w, _ in extents), math.sqrt(total_area) * 1.3)
    x = y = row_height = 0.0
    for positions, (x0, y0, w, h) in zip(boxes, extents):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in positions.items():
            graph.nodes[node]["x"] = round(px - x0 + x, 1)
            graph.nodes[node]["y"] = round(py - y0 + y, 1)
        x += w
        row_height = max(row_height, h)


def layout_hierarchy(graph: nx.MultiDiGraph) -> None:
    """Left to right: superclasses left, subclasses right, one row per leaf."""
    parents: dict[str, list[str]] = defaultdict(list)
    for sub, sup, data in graph.edges(data=True):
        if not data.get("inferred") and sub != sup:
            parents[sub].append(sup)
    for sub, sup, data in graph.edges(data=True):  # inferred only where nothing is asserted
        if data.get("inferred") and not parents[sub] and sub != sup:
            parents[sub].append(sup)
    children: dict[str, list[str]] = defaultdict(list)
    for node in graph:
        options = sorted(parents.get(node, ()), key=lambda p: (not p.startswith(HSKG_ONTOLOGY), graph.nodes[p]["label"].lower(), p))
        if options:
            children[options[0]].append(node)
    has_parent = {c for cs in children.values() for c in cs}
    roots = sorted((n for n in graph if n not in has_parent),
                   key=lambda n: (not n.startswith(HSKG_ONTOLOGY), -_subtree_size(n, children), graph.nodes[n]["label"].lower()))
    row = [0]
    placed: set[str] = set()

    def place(node: str, level: int) -> float:
        placed.add(node)
        kids = sorted((c for c in children.get(node, ()) if c not in placed),
                      key=lambda c: graph.nodes[c]["label"].lower())
        if kids:
            ys = [place(c, level + 1) for c in kids]
            y = (ys[0] + ys[-1]) / 2
        else:
            y = row[0] * 40.0
            row[0] += 1
        graph.nodes[node]["x"] = level * 300.0
        graph.nodes[node]["y"] = y
        return y

    for root in roots:
        if root not in placed:
            place(root, 0)
            row[0] += 1
    for node in graph:  # cycles (A ⊑ B ⊑ A) leave nodes unplaced
        if node not in placed:
            place(node, 0)


def _subtree_size(node: str, children: dict[str, list[str]]) -> int:
    seen, todo = {node}, [node]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return len(seen)




NOTION_WIDTH = 460.0  # between the notions' columns
NOTION_STEP = 75.0  # between the nodes stacked in a column


def layout_notions(graph: nx.MultiDiGraph, sequence: dict[str, int]) -> None:
    """The notions in a row (by ``sequence`` number, then label); under each what it rests
    on, above it what else relates to it; what several share, between their columns."""
    notions = [n for n, kind in graph.nodes(data="kind") if kind == "notion"]
    notions.sort(key=lambda n: (sequence.get(n, 1_000), graph.nodes[n]["label"].lower(), n))
    column = {n: i for i, n in enumerate(notions)}
    rests_on: dict[str, set[str]] = defaultdict(set)
    relates: dict[str, set[str]] = defaultdict(set)
    rest_predicates = {compact(p) for p in REST_ON}
    for s, o, data in graph.edges(data=True):
        if s in column and o not in column:
            (rests_on if data["predicate"] in rest_predicates else relates)[o].add(s)
        elif o in column and s not in column:
            relates[s].add(o)
    for n in notions:
        _place(graph, n, column[n] * NOTION_WIDTH, 0.0)
    placed = set(notions)
    below = _stack(graph, rests_on, column, placed, direction=1, gap=90)
    above = _stack(graph, relates, column, placed, direction=-1, gap=60)
    for shared, direction, start in ((below, 1, below.depth), (above, -1, above.depth)):
        shifts = (0.0, -0.45 * NOTION_WIDTH, 0.45 * NOTION_WIDTH)
        for i, (node, cols) in enumerate(shared.shared):
            x = sum(cols) / len(cols) * NOTION_WIDTH
            _place(graph, node, x + shifts[i % 3], direction * (start + (i + 1) * NOTION_STEP))
    rest = [n for n in graph if n not in placed]
    for i, node in enumerate(sorted(rest)):
        _place(graph, node, -NOTION_WIDTH, i * NOTION_STEP)


@dataclass
class _Stacks:
    """Nodes stacked in the notions' columns, and those shared by several columns."""

    depth: float  # how far from the notions the deepest stack reaches
    shared: list[tuple[str, list[int]]]  # (node, its columns), placed beyond the stacks


def _stack(graph: nx.MultiDiGraph, group: dict[str, set[str]], column: dict[str, int], placed: set[str], *,
           direction: int, gap: float) -> _Stacks:
    """Each node of ``group`` that belongs to one column, stacked in it away from the notions."""
    heights: dict[float, int] = defaultdict(int)
    shared = []
    for node in sorted(group, key=lambda n: graph.nodes[n]["label"].lower()):
        if node in placed:
            continue
        placed.add(node)
        cols = sorted(column[c] for c in group[node])
        if len(cols) > 1:
            shared.append((node, cols))
            continue
        x = cols[0] * NOTION_WIDTH
        heights[x] += 1
        _place(graph, node, x, direction * (heights[x] * NOTION_STEP + gap))
    return _Stacks(max(heights.values(), default=0) * NOTION_STEP + gap, shared)


def _place(graph: nx.MultiDiGraph, node: str, x: float, y: float) -> None:
    graph.nodes[node]["x"], graph.nodes[node]["y"] = x, y
