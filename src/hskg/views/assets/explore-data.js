/* hskg explorer, part 1 of 8: the data interface.
 *
 * The page reads the graph only through the object this file makes, so that a server
 * can later answer the same calls over a graph too large to embed (the page would then
 * get an object with these methods backed by requests, filled before each draw):
 *
 *   info()              {title, prefixes, kinds: [{kind, color, shape, glyph, size, dashed,
 *                        count}], relations: [{p, i, l, group, sup, count, inferredCount}],
 *                        groups: [name], nodeCount, edgeCount}
 *   search(text, limit) [{id, label, kind, alt}]: labels and alternative labels that hold
 *                        the text, best first (exact, then prefix, then anywhere; labels
 *                        before alternative labels); alt is the alternative label matched
 *   node(id)            {id, label, kind, types, definition, altLabels, claims: [claim]} or null
 *   neighbours(id)      [edge]: every relation that touches the node, in either direction
 *   edgeEvidence(a, b)  [{edge, claims: [claim]}]: every relation between two nodes, either
 *                        way, with the claims that state it
 *   nodesOfKind(kind)   [id]
 *   defaultFocus()      where to start without a link: the most related concept
 *
 *   edge:  {from, to, predicate (compact IRI), iri, label (rdfs:label), inferred}
 *   claim: {iri, subject, object: {id (null if not a node), label}, predicate (label),
 *           negative, quotes, section, references, accordingTo, modality,
 *           sources: [{title, address}], contextFact}
 *
 * Everything returned is data: the page shows it with textContent only. */
(function () {
  "use strict";
  var raw = JSON.parse(document.getElementById("hskg-data").textContent);
  var EMPTY = [];
  var nodes = raw.nodes;
  var byId = Object.create(null);
  nodes.forEach(function (n, i) { byId[n.id] = i; });
  var relations = raw.relations.map(function (r) {
    return { p: r.p, i: r.i, l: r.l, group: raw.groups[r.g], sup: r.sup || "", count: 0, inferredCount: 0 };
  });
  var kinds = raw.kinds.map(function (k) {
    return { kind: k.kind, color: k.color, shape: k.shape, glyph: k.glyph, size: k.size, dashed: Boolean(k.dashed),
             count: k.count };
  });
  var touching = Object.create(null);  // node id: its edges
  var edges = raw.edges.map(function (e) {
    var r = relations[e[2]];
    var edge = { from: nodes[e[0]].id, to: nodes[e[1]].id, predicate: r.p, iri: r.i, label: r.l,
                 inferred: e[3] === 1, claimIndices: e[4] || EMPTY };
    if (edge.inferred) { r.inferredCount++; } else { r.count++; }
    (touching[edge.from] = touching[edge.from] || []).push(edge);
    if (edge.to !== edge.from) { (touching[edge.to] = touching[edge.to] || []).push(edge); }
    return edge;
  });

  function end(ref) {
    return typeof ref === "number" ? { id: nodes[ref].id, label: nodes[ref].l } : { id: null, label: String(ref) };
  }
  function claim(i) {
    var c = raw.claims[i];
    return {
      iri: c.c, subject: end(c.s), predicate: c.p, object: end(c.o), negative: c.n === 1, quotes: c.q || EMPTY,
      section: c.sec || "", references: c.ref || EMPTY, accordingTo: c.by || EMPTY, modality: c.m || EMPTY,
      sources: (c.src || EMPTY).map(function (s) { return { title: s[0], address: s[1] }; }), contextFact: c.f || ""
    };
  }
  function publicEdge(e) {
    return { from: e.from, to: e.to, predicate: e.predicate, iri: e.iri, label: e.label, inferred: e.inferred };
  }

  var searchIndex = null;  // built at the first search
  function search(text, limit) {
    var q = String(text).trim().toLowerCase();
    if (!q) { return []; }
    if (!searchIndex) {
      searchIndex = nodes.map(function (n) {
        return [n.l].concat(n.a || EMPTY).map(function (s) { return String(s).toLowerCase(); });
      });
    }
    var ranked = [];
    searchIndex.forEach(function (names, i) {
      var best = 9, matched = 0;
      names.forEach(function (name, j) {
        var rank = name === q ? 0 : name.indexOf(q) === 0 ? 2 : name.indexOf(q) >= 0 ? 4 : 9;
        if (rank < 9 && j > 0) { rank += 1; }  // a label before an alternative label
        if (rank < best) { best = rank; matched = j; }
      });
      if (best < 9) { ranked.push([best, names[0], i, matched]); }
    });
    ranked.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2]); });
    return ranked.slice(0, limit || 20).map(function (r) {
      var n = nodes[r[2]];
      return { id: n.id, label: n.l, kind: kinds[n.k].kind, alt: r[3] > 0 ? n.a[r[3] - 1] : "" };
    });
  }

  window.hskgExplore = window.hskgExplore || {};
  window.hskgExplore.graph = {
      info: function () {
        return { title: raw.title, prefixes: raw.prefixes, kinds: kinds, relations: relations, groups: raw.groups,
                 nodeCount: nodes.length, edgeCount: edges.length };
      },
      search: search,
      node: function (id) {
        var i = byId[id];
        if (i === undefined) { return null; }
        var n = nodes[i];
        return { id: n.id, label: n.l, kind: kinds[n.k].kind, types: n.t || EMPTY, definition: n.d || "",
                 altLabels: n.a || EMPTY, claims: (n.s || EMPTY).map(claim) };
      },
      neighbours: function (id) { return (touching[id] || EMPTY).map(publicEdge); },
      edgeEvidence: function (a, b) {
        return (touching[a] || EMPTY).filter(function (e) {
          return (e.from === a && e.to === b) || (e.from === b && e.to === a);
        }).map(function (e) { return { edge: publicEdge(e), claims: e.claimIndices.map(claim) }; });
      },
      nodesOfKind: function (kind) {
        return nodes.filter(function (n) { return kinds[n.k].kind === kind; }).map(function (n) { return n.id; });
      },
      defaultFocus: function () { return raw.start; }
  };
}());
