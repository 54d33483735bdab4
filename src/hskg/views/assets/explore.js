/* hskg explorer, part 9 of 9: the page. State in the URL, the picture drawn from it,
 * clicks, keys, search and filters. Labels and texts are data: they reach the page
 * through textContent and vis-network's canvas only. */
window.hskgExplore.graphReady.then(function (graph) {
  "use strict";
  var X = window.hskgExplore, info = graph.info();
  var MIN_SCALE = 0.8;      // no picture opens smaller: labels (14 px) draw from 6/14 ≈ 0.43 (LABEL_THRESHOLD)
  var MAX_SCALE = 1.4;
  var LABEL_THRESHOLD = 6;
  var EDGE_LABELS_UP_TO = 45;  // relation labels are drawn on the edges of pictures this small
  // An opened node brings at most this many neighbours (the legend's order, then label); the
  // panel offers the rest. A hub of a large graph (the report: 1,008 at 100k triples) would
  // otherwise bury its neighbourhood and take a second to draw.
  var NEIGHBOURS_SHOWN = 60;
  var marks = { start: performance.now() };
  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function button(text, onClick, className) {
    var b = el("button", className, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  var states = X.makeState(info, graph);
  var compactId = states.compactId, fresh = states.fresh, encode = states.encode, decode = states.decode;
  var kindNames = states.kindNames, kindOrder = states.kindOrder;
  var state = fresh(null), currentHash = "";  // until the first state is read from the URL

  /** A new state (``changes`` over the current one): drawn now, and a step in the history. */
  function go(changes) {
    var next = {};
    Object.keys(state).forEach(function (k) { next[k] = k in changes ? changes[k] : state[k]; });
    var hash = encode(next);
    if (hash !== currentHash) { currentHash = hash; history.pushState(null, "", "#" + hash); }
    show(next);
  }
  window.addEventListener("hashchange", function () {
    var hash = location.hash.replace(/^#/, "");
    if (hash === currentHash) { return; }
    currentHash = hash;
    graph.when(function () { return decode(hash); }, show);
  });

  // ---------------------------------------------------------------- the network
  var groups = {};
  info.kinds.forEach(function (k) {
    groups[k.kind] = {
      shape: k.shape, size: k.size, borderWidth: k.dashed ? 2 : 1,
      shapeProperties: { borderDashes: k.dashed ? [4, 3] : false },
      color: { background: k.color, border: k.dashed ? "#333333" : "#444444",
               highlight: { background: "#ffe066", border: "#d00000" }, hover: { background: k.color, border: "#000000" } },
      font: X.layout.INSIDE[k.shape] ? { color: "#111111", strokeWidth: 0 } : {}
    };
  });
  var container = $("x-network");
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: { hover: true, tooltipDelay: 200, keyboard: false, multiselect: false, selectConnectedEdges: false },
    groups: groups,
    nodes: {
      font: { size: 14, face: "arial", color: "#1a1a1a", strokeWidth: 3, strokeColor: "#ffffff", multi: false },
      scaling: { label: { drawThreshold: LABEL_THRESHOLD } }, borderWidthSelected: 3
    },
    edges: {
      smooth: false, width: 1.4, selectionWidth: 2, hoverWidth: 1.5,
      arrows: { to: { enabled: false, scaleFactor: 0.55 }, from: { enabled: false, scaleFactor: 0.55 } },
      color: { color: "#9a9a9a", highlight: "#d00000", hover: "#555555" },
      font: { size: 10, color: "#5a5a5a", strokeWidth: 0, background: "rgba(255,255,255,0.9)", align: "horizontal" }
    }
  });
  // When the canvas changes size (a panel opens or closes), vis-network scales the view to
  // keep what was in it; the page fits its picture again instead, unless the reader zoomed.
  var fitted = null;  // {ids, centre} of the last fit, while the reader has not zoomed since
  network.on("zoom", function () { fitted = null; });
  network.on("resize", function () {
    setTimeout(function () { if (fitted) { fitClamped(fitted.ids, fitted.centre, fitted.least); } }, 0);  // after vis-network's own
  });
  network.on("beforeDrawing", function (ctx) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  });

  // ---------------------------------------------------------------- what the state shows
  var briefs = Object.create(null);  // node id: {label, kind}, asked of the graph once
  function brief(id) {
    var found = briefs[id];
    if (!found) {
      var n = graph.node(id);
      if (!n) { return { label: id, kind: "" }; }  // not known (yet): not kept
      found = briefs[id] = { label: n.label, kind: n.kind };
    }
    return found;
  }
  function kindOf(id) { return brief(id).kind; }
  function labelOf(id) { return brief(id).label; }
  /** The relations a state shows that touch ``id``: filters and the inferred switch applied. */
  function shownEdges(id, s) {
    return graph.neighbours(id).filter(function (e) {
      return (s.inferred || !e.inferred) && s.rels.indexOf(e.predicate) < 0;
    });
  }
  function otherEnd(e, id) { return e.from === id ? e.to : e.from; }

  /** Shortest paths of up to four steps between a and b, over what the filters leave. */
  function shortestPaths(a, b, s) {
    var hidden = {};
    s.hidden.forEach(function (id) { hidden[id] = true; });
    var dist = {}, preds = {}, frontier = [a];
    dist[a] = 0;
    for (var step = 1; step <= 4 && frontier.length && dist[b] === undefined; step++) {
      var next = [];
      frontier.forEach(function (id) {
        shownEdges(id, s).forEach(function (e) {
          var o = otherEnd(e, id);
          if (hidden[o] || (o !== b && s.kinds.indexOf(kindOf(o)) >= 0)) { return; }
          if (dist[o] === undefined) { dist[o] = step; preds[o] = []; next.push(o); }
          if (dist[o] === step && preds[o].indexOf(id) < 0) { preds[o].push(id); }
        });
      });
      frontier = next.sort();
    }
    if (dist[b] === undefined) { return []; }
    var paths = [];
    (function walk(id, tail) {
      if (paths.length >= 24) { return; }
      if (id === a) { paths.push([a].concat(tail)); return; }
      preds[id].slice().sort().forEach(function (p) { walk(p, [id].concat(tail)); });
    }(b, []));
    return paths;
  }

  /** The picture of a state in grow mode: nodes in the order they came, each with the node
   * that brought it; edges grouped by the pair of nodes they join. */
  function growPicture(s) {
    var seen = Object.create(null), items = [], hidden = Object.create(null);
    if (!s.focus) { return { items: [], seen: seen, pairs: [], onPath: {}, paths: [], partial: {} }; }  // an empty graph
    s.hidden.forEach(function (id) { hidden[id] = true; });
    function add(id, anchor, forced) {
      if (seen[id] || (!forced && (hidden[id] || s.kinds.indexOf(kindOf(id)) >= 0))) { return; }
      seen[id] = true;
      items.push({ id: id, anchor: anchor });
    }
    var partial = Object.create(null);  // node id: {shown, total} where neighbours were left out
    /** The neighbours a node brings, by kind (the legend's order), then label, so that alike
     * ones sit together: every one, or the first NEIGHBOURS_SHOWN unless the node is in ``all``. */
    function neighboursShown(id) {
      var distinct = Object.create(null), list = [];
      shownEdges(id, s).forEach(function (e) {
        var o = otherEnd(e, id);
        if (!distinct[o] && !hidden[o] && s.kinds.indexOf(kindOf(o)) < 0) { distinct[o] = true; list.push(o); }
      });
      list.sort(function (x, y) {
        var kx = kindOrder[kindOf(x)], ky = kindOrder[kindOf(y)], lx = labelOf(x).toLowerCase(), ly = labelOf(y).toLowerCase();
        return kx - ky || (lx < ly ? -1 : lx > ly ? 1 : 0);
      });
      if (list.length > NEIGHBOURS_SHOWN && s.all.indexOf(id) < 0) {
        partial[id] = { shown: NEIGHBOURS_SHOWN, total: list.length };
        return list.slice(0, NEIGHBOURS_SHOWN);
      }
      return list;
    }
    add(s.focus, null, true);
    neighboursShown(s.focus).forEach(function (o) { add(o, s.focus); });
    s.open.forEach(function (id) {
      if (seen[id]) { neighboursShown(id).forEach(function (o) { add(o, id); }); }
    });
    var paths = s.path.length === 2 ? shortestPaths(s.path[0], s.path[1], s) : [];
    var onPath = Object.create(null);
    paths.forEach(function (p) {
      p.forEach(function (id, i) {
        add(id, i ? p[i - 1] : null, true);
        if (i) { onPath[pairKey(p[i - 1], id)] = true; }
      });
    });
    return { items: items, seen: seen, pairs: pairsAmong(items, s), onPath: onPath, paths: paths, partial: partial };
  }
  function pairKey(a, b) { return a < b ? a + "\u0000" + b : b + "\u0000" + a; }
  function pairsAmong(items, s) {
    var seen = Object.create(null), pairs = Object.create(null), order = [];
    items.forEach(function (item) { seen[item.id] = true; });
    items.forEach(function (item) {
      shownEdges(item.id, s).forEach(function (e) {
        var o = otherEnd(e, item.id);
        if (!seen[o]) { return; }
        var key = pairKey(e.from, e.to);
        var pair = pairs[key];
        if (!pair) { pair = pairs[key] = { key: key, a: e.from < e.to ? e.from : e.to, b: e.from < e.to ? e.to : e.from, edges: [], ids: {} }; order.push(key); }
        var id = e.from + " " + e.predicate + " " + e.to + (e.inferred ? " inferred" : "");
        if (!pair.ids[id]) { pair.ids[id] = true; pair.edges.push(e); }
      });
    });
    return order.map(function (key) { return pairs[key]; });
  }

  // ---------------------------------------------------------------- drawing a picture
  var picture = null;      // what is drawn: {items, seen, pairs, onPath, paths}
  var pairById = Object.create(null);
  function tooltip(lines) {
    var box = el("div", "x-tip");
    lines.forEach(function (line, i) { box.appendChild(el(i ? "div" : "strong", null, line)); });
    return box;
  }
  function nodeItem(id, s, pos) {
    var n = graph.node(id), style = kindNames[n.kind];
    var label = X.layout.wrapLabel(n.label);
    var item = { id: id, label: label, group: n.kind, x: pos[0], y: pos[1],
                 title: tooltip([n.label, n.kind + (id === s.focus ? " · the focus" : "")]) };
    if (id === s.focus) {
      item.size = style.size * 1.5;
      item.borderWidth = 4;
      item.color = { background: style.color, border: "#d00000", highlight: { background: "#ffe066", border: "#d00000" } };
      item.font = { size: 16, bold: { size: 16 } };
    }
    return item;
  }
  function edgeItem(pair, i, count, onPath) {
    var forward = false, backward = false, inferred = true;
    pair.edges.forEach(function (e) {
      if (e.from === pair.a) { forward = true; } else { backward = true; }
      if (!e.inferred) { inferred = false; }
    });
    var lines = pair.edges.map(function (e) {
      return labelOf(e.from) + " → " + e.label + " → " + labelOf(e.to) + (e.inferred ? " (inferred)" : "");
    });
    var item = { id: "p" + i, from: pair.a, to: pair.b, arrows: { to: { enabled: forward }, from: { enabled: backward } },
                 title: tooltip([pair.edges.length === 1 ? pair.edges[0].label : pair.edges.length + " relations"].concat(lines)) };
    if (pair.edges.length > 1) { item.label = pair.edges.length + " relations"; }
    else if (count <= EDGE_LABELS_UP_TO) { item.label = X.layout.wrapLabel(pair.edges[0].label).split("\n")[0]; }
    if (inferred) { item.dashes = true; item.color = { color: "#c07a20", highlight: "#d00000" }; }
    if (onPath) { item.width = 4; item.color = { color: "#d00000", highlight: "#d00000" }; }
    return item;
  }
  function positions(items, s) {
    return X.layout.layout(items.map(function (item) {
      var n = graph.node(item.id), style = kindNames[n.kind];
      return { id: item.id, anchor: item.anchor,
               box: X.layout.boxOf(X.layout.wrapLabel(n.label), { shape: style.shape, size: style.size, focus: item.id === s.focus }) };
    }));
  }
  function draw(pic, s, pos, edgeItems) {
    picture = pic;
    nodes.clear();
    edges.clear();
    nodes.add(pic.items.map(function (item) { return nodeItem(item.id, s, pos[item.id]); }));
    edges.add(edgeItems);
  }
  /** Fit the picture, never below MIN_SCALE: when it is bigger, keep its middle in view if
   * ``centre`` (the node acted on; null: none) is seen from there, else centre on that node.
   * ``least``: a smaller scale than MIN_SCALE for a picture that should be seen whole. */
  function fitClamped(ids, centre, least) {
    var min = least || MIN_SCALE;
    network.fit({ nodes: ids, animation: false });
    var scale = network.getScale();
    if (scale < min || scale > MAX_SCALE) {
      var p = network.getViewPosition(), node = centre === null ? null : network.getPositions([centre])[centre];
      var halfWidth = container.clientWidth / min / 2 * 0.85, halfHeight = container.clientHeight / min / 2 * 0.85;
      if (scale < min && node && (Math.abs(node.x - p.x) > halfWidth || Math.abs(node.y - p.y) > halfHeight)) { p = node; }
      network.moveTo({ position: p, scale: scale < min ? min : MAX_SCALE, animation: false });
    }
    fitted = { ids: ids, centre: centre, least: least };
  }

  /** What grow mode draws for a state: the picture, its nodes' places, its edges. */
  function growView(s) {
    var pic = growPicture(s), pairs = Object.create(null);
    var edgeItems = pic.pairs.map(function (pair, i) {
      pairs["p" + i] = pair;
      return edgeItem(pair, i, pic.pairs.length, pic.onPath[pair.key]);
    });
    return { pic: pic, pos: positions(pic.items, s), edgeItems: edgeItems, pairs: pairs };
  }
  /** Show a state once the graph has answered everything its picture asks (a later state wins). */
  function show(s) {
    state = s;
    return graph.when(function () {
      if (s.mode !== "relate") { return growView(s); }
      if (state === s) { X.relateView.draw(s); }
      return null;
    }, function (view) {
      if (state !== s) { return; }
      if (view) {
        var pic = view.pic;
        pairById = view.pairs;
        draw(pic, s, view.pos, view.edgeItems);
        var centre = s.path.length ? s.path[0] : s.open.length && pic.seen[s.open[s.open.length - 1]] ? s.open[s.open.length - 1] : s.focus;
        fitClamped(pic.items.map(function (item) { return item.id; }), centre);
        network.selectNodes(panel.current && pic.seen[panel.current.id] ? [panel.current.id] : [], false);
      }
      sidebar.update(s);
      network.redraw();
    });
  }

  // ---------------------------------------------------------------- actions
  var pathStart = null;
  var actions = {
    toggleOpen: function (id) {
      if (id === state.focus) { return; }
      var open = state.open.filter(function (o) { return o !== id; });
      if (open.length === state.open.length) { open.push(id); }
      go({ open: open, all: state.all.filter(function (o) { return o !== id || open.indexOf(id) >= 0; }) });
    },
    showAll: function (id) {
      go({ all: state.all.indexOf(id) < 0 ? state.all.concat([id]) : state.all,
           open: id === state.focus || state.open.indexOf(id) >= 0 ? state.open : state.open.concat([id]) });
    },
    hide: function (id) {
      if (id === state.focus) { return; }
      go({ hidden: state.hidden.concat([id]), open: state.open.filter(function (o) { return o !== id; }),
           path: state.path.indexOf(id) >= 0 ? [] : state.path });
    },
    unhide: function (id) { go({ hidden: state.hidden.filter(function (h) { return h !== id; }) }); },
    recentre: function (id) {
      go({ mode: "grow", focus: id, open: state.open.filter(function (o) { return o !== id; }), path: [],
           hidden: state.hidden.filter(function (h) { return h !== id; }) });
    },
    startFrom: function (id) { go({ mode: "grow", focus: id, open: [], all: [], path: [], hidden: [] }); },
    pathFrom: function (id) { pathStart = id; sidebar.update(state); panel.refresh(); },
    pathTo: function (id) {
      if (pathStart && pathStart !== id) { var from = pathStart; pathStart = null; go({ mode: "grow", path: [from, id] }); }
    },
    clearPath: function () { pathStart = null; go({ path: [] }); },
    setKind: function (kind, visible) {
      go({ kinds: visible ? state.kinds.filter(function (k) { return k !== kind; }) : state.kinds.concat([kind]) });
    },
    setRelations: function (predicates, visible) {
      var off = state.rels.filter(function (p) { return predicates.indexOf(p) < 0; });
      go({ rels: visible ? off : off.concat(predicates).sort() });
    },
    onlyRelations: function (predicates) {
      go({ rels: info.relations.map(function (r) { return r.p; }).filter(function (p) { return predicates.indexOf(p) < 0; }) });
    },
    setInferred: function (on) { go({ inferred: Boolean(on) }); },
    setMode: function (mode) {
      if (mode === "relate") { X.relateView.showMatrix(state); }  // the panel first: the picture fits what is left
      go({ mode: mode });
    }
  };

  var ctx = {
    graph: graph, info: info, network: network, nodes: nodes, edges: edges, container: container, el: el,
    button: button, actions: actions, kindNames: kindNames, labelOf: labelOf, kindOf: kindOf, compactId: compactId,
    shownEdges: shownEdges, pairKey: pairKey, fitClamped: fitClamped, nodeItem: nodeItem,
    edgeItem: edgeItem,
    state: function () { return state; }, pathStart: function () { return pathStart; },
    picture: function () { return picture; }, setPicture: function (p) { picture = p; },
    setPairs: function (p) { pairById = p; }
  };
  var panel = X.makePanel(ctx);
  ctx.panel = panel;
  var sidebar = X.makeSidebar(ctx);
  X.relateView = X.makeRelate(ctx);
  var exporter = X.makeExport(ctx);

  // ---------------------------------------------------------------- pointer and keys
  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      panel.showNode(id);
      if (state.mode === "grow") { actions.toggleOpen(id); }
    } else if (params.edges.length && pairById[params.edges[0]]) {
      panel.showPair(pairById[params.edges[0]]);
    }
  });
  network.on("doubleClick", function (params) { if (params.nodes.length) { actions.recentre(params.nodes[0]); } });

  function selectedId() {
    var selected = network.getSelectedNodes();
    return selected.length ? selected[0] : state.focus;
  }
  var ARROWS = { ArrowRight: 0, ArrowDown: Math.PI / 2, ArrowLeft: Math.PI, ArrowUp: -Math.PI / 2 };
  /** The neighbour drawn nearest the direction of the arrow key from the selected node. */
  function neighbourToward(id, angle) {
    var here = network.getPositions([id])[id], best = null, bestScore = Infinity;
    if (!here) { return null; }
    edges.get().forEach(function (e) {
      if (e.from !== id && e.to !== id) { return; }
      var o = e.from === id ? e.to : e.from, p = network.getPositions([o])[o];
      var a = Math.atan2(p.y - here.y, p.x - here.x), off = Math.abs(Math.atan2(Math.sin(a - angle), Math.cos(a - angle)));
      var score = off * 1000 + Math.hypot(p.x - here.x, p.y - here.y);
      if (off < Math.PI / 2 && score < bestScore) { best = o; bestScore = score; }
    });
    return best;
  }
  function selectAndShow(id) {
    network.selectNodes([id], false);
    var p = network.getPositions([id])[id], view = network.getViewPosition(), scale = network.getScale();
    var w = container.clientWidth / scale / 2, h = container.clientHeight / scale / 2;
    if (Math.abs(p.x - view.x) > w * 0.8 || Math.abs(p.y - view.y) > h * 0.8) {
      network.moveTo({ position: p, scale: scale, animation: false });
    }
    panel.showNode(id);
  }
  container.addEventListener("keydown", function (event) {
    var key = event.key, id = selectedId();
    if (key in ARROWS) {
      var next = neighbourToward(id, ARROWS[key]);
      if (next) { selectAndShow(next); }
    } else if (key === "Enter") {
      if (state.mode === "grow") { actions.toggleOpen(id); }
      panel.showNode(id);
    } else if (key === "+" || key === "=") {
      network.moveTo({ scale: network.getScale() * 1.25, animation: false });
      fitted = null;
    } else if (key === "-" || key === "_") {
      network.moveTo({ scale: network.getScale() / 1.25, animation: false });
      fitted = null;
    } else { return; }
    event.preventDefault();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden()) { panel.close(); }
  });

  X.makeSearch(ctx);

  $("x-mode-grow").addEventListener("click", function () { actions.setMode("grow"); });
  $("x-mode-relate").addEventListener("click", function () { actions.setMode("relate"); });
  $("x-close").addEventListener("click", function () { panel.close(); });
  $("x-back").addEventListener("click", function () { panel.back(); });

  // ---------------------------------------------------------------- first picture
  var narrow = window.matchMedia("(max-width: 900px)").matches;
  if (narrow) { sidebar.fold(true); }
  graph.when(function () { return decode(location.hash); }, function (first) {
    state = first;
    currentHash = encode(first);
    history.replaceState(null, "", "#" + currentHash);
    if (first.mode === "relate") { X.relateView.showMatrix(first); }
    show(first).then(function () { network.once("afterDrawing", function () { marks.firstDraw = performance.now(); }); });
  });
  // For tests, benchmarks and the curious: the page's parts.
  window.hskgExplorer = {
    graph: graph, network: network, nodes: nodes, edges: edges, marks: marks, actions: actions, panel: panel,
    state: function () { return state; }, picture: function () { return picture; }, exporter: exporter,
    source: graph.source
  };
});
