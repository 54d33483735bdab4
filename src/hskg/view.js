/* hskg graph view: legend, filters, search, details panel, PNG export.
 * Every label, literal and IRI is data: it reaches the page through textContent and
 * createTextNode only, and through vis-network's canvas labels. Never innerHTML. */
(function () {
  "use strict";
  // The data (built by views._page_data) holds everything once: nodes and edges refer by
  // index to the tables kinds, types, relations, statements and texts.
  //   node: {id, l: label, x, y, k: kind, t: types, it: inferred types, d: definition,
  //          a: alternative labels, s: statements}, empty fields left out
  //   edge: [from node, to node, relation, inferred (1; 0 if left out), curve (0 if left out)]
  //   statement: [claim, subject, predicate label, object, negative (1 or 0), quotes, section,
  //               references, sources, context fact, according to]; subject and object are a
  //               node's index, or [id, label] for what is not a node of the view
  var data = JSON.parse(document.getElementById("hskg-data").textContent);
  var marks = { parsed: performance.now() };
  var texts = data.texts;
  var info = Object.create(null);  // node id: its entry in data.nodes
  var EMPTY = [];

  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  // ---------------------------------------------------------------- the network
  var NONE = "(no type)";
  // Styles live in vis groups (one per kind) and global options: per-item option objects
  // make vis-network's constructor several times slower on thousands of nodes.
  var groups = {};
  data.kinds.forEach(function (k) {
    groups[k.kind] = {
      shape: k.shape, size: k.size, borderWidth: k.dashed ? 2 : 1,
      shapeProperties: { borderDashes: k.dashed ? [4, 3] : false },
      color: { background: k.color, border: "#444444", highlight: { background: "#ffe066", border: "#d00000" } },
      font: k.shape === "box" ? { size: 14, color: "#111111", strokeWidth: 0 } : {}
    };
  });
  function kindOf(n) { return data.kinds[n.k].kind; }
  function typesOf(n) { return n.t ? n.t.map(function (i) { return data.types[i]; }) : EMPTY; }
  // vis-network gets only what it draws: the details stay in the tables.
  // Labels wrap to three short lines (explore-layout.js); a shortened one has its full text on hover.
  var wrapLabel = window.hskgExplore.layout.wrapLabel;
  var visNodes = data.nodes.map(function (n) {
    info[n.id] = n;
    var item = { id: n.id, label: wrapLabel(n.l), x: n.x, y: n.y, group: kindOf(n) };
    if (item.label.slice(-1) === "…") { item.title = el("div", null, n.l); }
    return item;
  });
  // Labels that the Python layout left overlapping are pushed apart, in all but big views.
  if (data.nodes.length <= 1500) {
    window.hskgExplore.layout.spreadLabels(visNodes, function (id) { return data.kinds[info[id].k]; });
  }
  var edgeList = data.edges.map(function (e, i) {
    var relation = data.relations[e[2]];
    return { id: "e" + i, from: data.nodes[e[0]].id, to: data.nodes[e[1]].id, predicate: relation.p,
             label: relation.l, inferred: e[3] === 1, curve: e[4] || 0 };
  });
  var visEdges = edgeList.map(function (e) {
    var edge = { id: e.id, from: e.from, to: e.to };
    if (e.inferred) { edge.dashes = true; edge.color = { color: "#c07a20", highlight: "#d00000" }; }
    if (e.curve) {
      edge.smooth = { enabled: true, type: e.curve > 0 ? "curvedCW" : "curvedCCW", roundness: Math.min(0.9, 0.2 * Math.abs(e.curve)) };
    }
    if (data.edgeLabels) { edge.label = e.inferred ? e.label + " (inferred)" : e.label; }
    if (data.nodes.length <= 1500) { edge.title = el("div", null, e.inferred ? e.label + " (inferred)" : e.label); }  // on hover
    return edge;
  });
  var edgeInfo = Object.create(null);
  var outgoing = Object.create(null);
  var incoming = Object.create(null);
  edgeList.forEach(function (e) {
    edgeInfo[e.id] = e;
    (outgoing[e.from] = outgoing[e.from] || []).push(e);
    (incoming[e.to] = incoming[e.to] || []).push(e);
  });

  // A big view draws its nodes first and adds its relations right after that first draw
  // (vis-network builds thousands of edges slowly); the page is ready once both are drawn.
  var big = data.nodes.length > 1500;
  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(big ? [] : visEdges);
  var edgesAdded = !big;
  var options = {
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: { hover: false, tooltipDelay: 300, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: false },
    groups: groups,
    edges: {
      smooth: false, selectionWidth: 2, width: 1, arrows: { to: { enabled: true, scaleFactor: 0.5 } },
      color: { color: "#9a9a9a", highlight: "#d00000" },
      font: { size: 11, color: "#555555", strokeWidth: 0, background: "rgba(255,255,255,0.9)", align: "horizontal" }
    },
    nodes: {
      borderWidth: 1, borderWidthSelected: 3, labelHighlightBold: true,
      font: { size: 14, color: "#222222", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { label: { drawThreshold: 6 } }
    }
  };
  var container = $("hskg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  marks.network = performance.now();
  var state = { firstDrawMs: null, ready: false, marks: marks };
  network.on("beforeDrawing", function (ctx) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  });
  network.once("afterDrawing", function () {
    state.firstDrawMs = performance.now();
    if (edgesAdded) { state.ready = true; } else { setTimeout(addEdges, 0); }
  });
  function addEdges() {
    marks.edgesAdded = performance.now();
    network.once("afterDrawing", function () { marks.edgesDrawn = performance.now(); state.ready = true; });
    visEdges.forEach(function (edge) { if (edgeHidden(edgeInfo[edge.id])) { edge.hidden = true; } });
    edgesAdded = true;
    edges.add(visEdges);
  }
  // A view opens where its labels draw (from scale 6/14): fitted when the whole view is big
  // enough then, else at OPEN_SCALE on its focus, or on its most connected node.
  var OPEN_SCALE = 0.6;
  function openLegibly() {
    network.fit({ animation: false });
    if (network.getScale() >= OPEN_SCALE || !data.nodes.length) { return; }
    var centre = data.focus, most = -1;
    if (!centre) {
      data.nodes.forEach(function (n) {
        var degree = (outgoing[n.id] || EMPTY).length + (incoming[n.id] || EMPTY).length;
        if (degree > most) { most = degree; centre = n.id; }
      });
    }
    network.moveTo({ position: network.getPositions([centre])[centre], scale: OPEN_SCALE, animation: false });
  }
  openLegibly();
  marks.fit = performance.now();

  // ---------------------------------------------------------------- filters
  var kindVisible = Object.create(null);
  var typeVisible = Object.create(null);
  var relationVisible = Object.create(null);
  var shown = Object.create(null);
  data.kinds.forEach(function (k) { kindVisible[k.kind] = true; });
  var typeCounts = Object.create(null);
  data.nodes.forEach(function (n) {
    shown[n.id] = true;
    var types = n.t ? typesOf(n) : [NONE];
    types.forEach(function (t) { typeCounts[t] = (typeCounts[t] || 0) + 1; typeVisible[t] = true; });
  });
  var relationCounts = Object.create(null);
  edgeList.forEach(function (e) {
    relationCounts[e.predicate] = (relationCounts[e.predicate] || 0) + 1;
    relationVisible[e.predicate] = true;
  });

  function nodeShouldShow(n) {
    if (!kindVisible[kindOf(n)]) { return false; }
    var types = n.t ? typesOf(n) : [NONE];
    for (var i = 0; i < types.length; i++) { if (typeVisible[types[i]]) { return true; } }
    return false;
  }

  var inferredVisible = true;
  function edgeHidden(e) {
    return !(relationVisible[e.predicate] && shown[e.from] && shown[e.to] && (inferredVisible || !e.inferred));
  }

  function applyFilters() {
    var nodeChanges = [];
    data.nodes.forEach(function (n) {
      var visible = nodeShouldShow(n);
      if (visible !== shown[n.id]) { shown[n.id] = visible; nodeChanges.push({ id: n.id, hidden: !visible }); }
    });
    if (nodeChanges.length) { nodes.update(nodeChanges); }
    var edgeChanges = [];
    if (edgesAdded) {  // else the edges get their filters when they are added
      edgeList.forEach(function (e) {
        var hidden = edgeHidden(e);
        if (hidden !== Boolean(edges.get(e.id).hidden)) { edgeChanges.push({ id: e.id, hidden: hidden }); }
      });
    }
    if (edgeChanges.length) { edges.update(edgeChanges); }
    updateCount();
  }

  function shownCount() {
    var count = 0;
    for (var id in shown) { if (shown[id]) { count++; } }
    return count;
  }
  function shownRelations() {
    var count = 0;
    edgeList.forEach(function (e) { if (!edgeHidden(e)) { count++; } });
    return count;
  }
  function updateCount() {
    $("hskg-count").textContent = shownCount() + " of " + data.nodes.length + " nodes and " + shownRelations() + " of " +
      edgeList.length + " relations shown";
  }

  var legendButtons = Object.create(null);
  function setKindVisible(kind, visible) {
    if (!(kind in kindVisible)) { return false; }
    kindVisible[kind] = Boolean(visible);
    var button = legendButtons[kind];
    if (button) {
      button.classList.toggle("hskg-off", !visible);
      button.setAttribute("aria-pressed", visible ? "true" : "false");
    }
    applyFilters();
    return true;
  }
  function setTypeVisible(type, visible) {
    if (!(type in typeVisible)) { return false; }
    typeVisible[type] = Boolean(visible);
    applyFilters();
    return true;
  }
  function setInferredVisible(visible) {
    inferredVisible = Boolean(visible);
    $("hskg-inferred").checked = inferredVisible;
    applyFilters();
  }
  if (edgeList.some(function (e) { return e.inferred; })) {  // a view built with --inferred has the switch
    $("hskg-inferred-switch").hidden = false;
    $("hskg-inferred").addEventListener("change", function () { setInferredVisible($("hskg-inferred").checked); });
  }
  function setRelationVisible(predicate, visible) {
    if (!(predicate in relationVisible)) { return false; }
    relationVisible[predicate] = Boolean(visible);
    applyFilters();
    return true;
  }

  // legend
  var legend = $("hskg-legend");
  data.kinds.forEach(function (k) {
    var li = el("li");
    var button = el("button");
    button.type = "button";
    button.setAttribute("aria-pressed", "true");
    button.title = "Show or hide: " + k.kind;
    var glyph = el("span", "hskg-glyph", k.glyph);
    glyph.style.color = k.color;
    button.appendChild(glyph);
    button.appendChild(el("span", "hskg-kind", k.kind));
    button.appendChild(el("span", "hskg-n", k.count));
    button.addEventListener("click", function () { setKindVisible(k.kind, !kindVisible[k.kind]); });
    button.dataset.kind = k.kind;
    legendButtons[k.kind] = button;
    li.appendChild(button);
    legend.appendChild(li);
  });

  function checkboxList(listId, counts, labelFor, setter) {
    var list = $(listId);
    Object.keys(counts).sort().forEach(function (key) {
      var li = el("li");
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = key;
      box.addEventListener("change", function () { setter(key, box.checked); });
      label.appendChild(box);
      label.appendChild(el("span", null, labelFor(key)));
      label.appendChild(el("span", "hskg-n", counts[key]));
      li.appendChild(label);
      list.appendChild(li);
    });
  }
  checkboxList("hskg-types", typeCounts, function (t) {
    var name = data.typeLabels[t];
    return name && name !== t ? name + " (" + t + ")" : t;
  }, setTypeVisible);
  var relationLabel = Object.create(null);
  data.relations.forEach(function (r) { relationLabel[r.p] = r.l; });
  checkboxList("hskg-relations", relationCounts, function (p) {
    return relationLabel[p] && relationLabel[p] !== p ? relationLabel[p] + " (" + p + ")" : p;
  }, setRelationVisible);
  $("hskg-description").textContent = data.description;

  // ---------------------------------------------------------------- details panel
  var panel = $("hskg-panel");
  var details = $("hskg-details");
  var selected = null;

  function link(id, text) {
    var button = el("button", "hskg-link", text);
    button.type = "button";
    button.dataset.node = id;
    button.addEventListener("click", function () { selectNode(id); });
    return button;
  }
  function section(title) { details.appendChild(el("h3", null, title)); }
  function textList(items) {
    var ul = el("ul");
    items.forEach(function (item) { ul.appendChild(el("li", null, item)); });
    details.appendChild(ul);
  }

  function showPanel(id) {
    var n = info[id];
    if (!n) { return; }
    selected = id;
    while (details.firstChild) { details.removeChild(details.firstChild); }
    details.appendChild(el("h2", "hskg-label", n.l));
    details.appendChild(el("div", "hskg-iri", n.id));
    section("Type");
    var types = typesOf(n).map(function (t) { return data.typeLabels[t] ? data.typeLabels[t] + " (" + t + ")" : t; });
    if (!types.length) { types = [kindOf(n)]; }
    textList(types);
    if (n.it) {
      var ul = el("ul");
      n.it.forEach(function (i) {
        var t = data.types[i];
        var li = el("li", null, (data.typeLabels[t] || t) + " ");
        li.appendChild(el("span", "hskg-inferred", "inferred"));
        ul.appendChild(li);
      });
      details.appendChild(ul);
    }
    if (n.d) { section("Definition"); details.appendChild(el("p", "hskg-definition", n.d)); }
    if (n.a) { section("Alternative labels"); textList(n.a); }
    var out = outgoing[id] || [];
    var inc = incoming[id] || [];
    if (out.length || inc.length) {
      section("Relations");
      var rel = el("ul", "hskg-relations");
      out.forEach(function (e) { rel.appendChild(relationItem(e, e.to, true)); });
      inc.forEach(function (e) { rel.appendChild(relationItem(e, e.from, false)); });
      details.appendChild(rel);
    }
    if (data.explorer) {
      var explore = el("a", "hskg-explore", "Explore from this node");
      explore.href = data.explorer + "#f=" + encodeURIComponent(id);
      details.appendChild(explore);
    }
    if (n.s) {
      section(n.s.length === 1 ? "Statement" : "Statements (" + n.s.length + ")");
      n.s.forEach(function (i) { details.appendChild(statementBlock(statementAt(i))); });
    }
    panel.hidden = false;
    details.scrollTop = 0;
  }

  function relationItem(e, other, forward) {
    var li = el("li");
    var name = info[other] ? info[other].l : other;
    if (forward) {
      li.appendChild(el("span", "hskg-pred", e.label + " → "));
      li.appendChild(link(other, name));
    } else {
      li.appendChild(link(other, name));
      li.appendChild(el("span", "hskg-pred", " → " + e.label + " → this"));
    }
    if (e.inferred) { li.appendChild(document.createTextNode(" ")); li.appendChild(el("span", "hskg-inferred", "inferred")); }
    return li;
  }

  function end(ref) {
    return typeof ref === "number" ? { id: data.nodes[ref].id, label: data.nodes[ref].l } : { id: ref[0], label: ref[1] };
  }
  function textsAt(indices) { return indices.map(function (i) { return texts[i]; }); }
  function statementAt(i) {
    var s = data.statements[i];
    var subject = end(s[1]), object = end(s[3]);
    return {
      claim: s[0], subject: subject.id, subject_label: subject.label, predicate_label: texts[s[2]],
      object: object.id, object_label: object.label, negative: s[4] === 1, quotes: textsAt(s[5]),
      section: texts[s[6]], references: s[7], sources: textsAt(s[8]), context_fact: texts[s[9]],
      according_to: textsAt(s[10])
    };
  }

  function statementBlock(st) {
    var box = el("div", "hskg-statement");
    var triple = el("div", "hskg-triple");
    triple.appendChild(info[st.subject] && st.subject !== selected ? link(st.subject, st.subject_label) : el("strong", null, st.subject_label));
    if (st.negative) { triple.appendChild(el("span", "hskg-negative", " does not ")); }
    triple.appendChild(el("span", "hskg-pred", " " + st.predicate_label + " "));
    triple.appendChild(info[st.object] && st.object !== selected ? link(st.object, st.object_label) : el("strong", null, st.object_label));
    box.appendChild(triple);
    st.quotes.forEach(function (q) { box.appendChild(el("blockquote", "hskg-quote", q)); });
    if (st.section) { box.appendChild(el("div", "hskg-meta hskg-section", "Section: " + st.section)); }
    if (st.references.length) {
      box.appendChild(el("div", "hskg-meta hskg-references",
        "References: " + st.references.map(function (r) { return "[" + r + "]"; }).join(" ")));
    }
    if (st.according_to.length) { box.appendChild(el("div", "hskg-meta", "According to: " + st.according_to.join("; "))); }
    if (!st.quotes.length && st.sources.length) {
      box.appendChild(el("div", "hskg-meta hskg-source", "Source: " + st.sources.join("; ") +
        (st.context_fact ? " (context fact " + st.context_fact + ")" : "")));
    }
    box.appendChild(el("div", "hskg-meta hskg-claim", "Claim: " + st.claim));
    return box;
  }

  function hidePanel() { panel.hidden = true; selected = null; }
  $("hskg-close").addEventListener("click", function () { network.unselectAll(); hidePanel(); });

  function selectNode(id) {
    if (!info[id]) { return false; }
    if (shown[id]) {
      network.selectNodes([id], true);
      network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    }
    showPanel(id);
    return true;
  }

  network.on("click", function (params) {
    if (params.nodes.length) { showPanel(params.nodes[0]); }
    else if (!params.edges.length) { hidePanel(); }
  });

  // ---------------------------------------------------------------- search
  var searchIndex = null;  // built at the first search, not before the first draw
  function matches(text) {
    var q = String(text).trim().toLowerCase();
    if (!q) { return []; }
    if (!searchIndex) {
      searchIndex = data.nodes.map(function (n) {
        return { id: n.id, names: [n.l].concat(n.a || EMPTY).map(function (s) { return String(s).toLowerCase(); }) };
      });
    }
    var ranked = [];
    searchIndex.forEach(function (entry) {
      var best = 9;
      entry.names.forEach(function (name, i) {
        var rank = name === q ? 0 : name.indexOf(q) === 0 ? 2 : name.indexOf(q) >= 0 ? 4 : 9;
        if (rank < 9 && i > 0) { rank += 1; }  // the label before an alternative label
        if (rank < best) { best = rank; }
      });
      if (best < 9) { ranked.push([best, info[entry.id].l.toLowerCase(), entry.id]); }
    });
    ranked.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
    return ranked.map(function (r) { return r[2]; });
  }
  var results = $("hskg-results");
  function showResults(ids) {
    while (results.firstChild) { results.removeChild(results.firstChild); }
    ids.slice(0, 20).forEach(function (id) {
      var li = el("li");
      var button = el("button", null, info[id].l);
      button.type = "button";
      button.dataset.node = id;
      button.appendChild(el("span", "hskg-hint", kindOf(info[id])));
      button.addEventListener("click", function () { selectNode(id); results.hidden = true; });
      li.appendChild(button);
      results.appendChild(li);
    });
    if (ids.length > 20) { results.appendChild(el("li", "hskg-hint", (ids.length - 20) + " more…")); }
    results.hidden = ids.length === 0;
  }
  function search(text) {
    var ids = matches(text);
    showResults(ids);
    if (ids.length) { selectNode(ids[0]); }
    return ids;
  }
  var box = $("hskg-search");
  box.addEventListener("input", function () { showResults(matches(box.value)); });
  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { search(box.value); results.hidden = true; }
    if (event.key === "Escape") { results.hidden = true; }
  });

  // ---------------------------------------------------------------- picture
  function pngDataUrl() { return container.querySelector("canvas").toDataURL("image/png"); }
  $("hskg-png").addEventListener("click", function () {
    var a = document.createElement("a");
    a.href = pngDataUrl();
    a.download = "hskg-" + String(data.view).replace(/[^A-Za-z0-9_-]+/g, "-") + ".png";
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
  });
  $("hskg-fit").addEventListener("click", function () { network.fit({ animation: false }); });
  updateCount();
  window.hskgView = {
    network: network, nodes: nodes, edges: edges, data: data, state: state,
    search: search, matches: matches, selectNode: selectNode,
    setKindVisible: setKindVisible, setTypeVisible: setTypeVisible, setRelationVisible: setRelationVisible,
    setInferredVisible: setInferredVisible,
    shownCount: shownCount, pngDataUrl: pngDataUrl
  };
}());
