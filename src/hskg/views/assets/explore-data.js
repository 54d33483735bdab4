/* hskg explorer, part 1 of 9: the data interface.
 *
 * The page reads the graph only through a source with these methods, each answering a
 * Promise: from the data embedded in the page (build/site/explore.html: every answer is
 * known at once), or from the endpoint of `hskg serve` (/explore: each asks /data/…, for
 * graphs too large to embed; serve/data.py answers the same questions in the same shapes):
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
 * The page draws from `X.graph` (opened by `X.graphReady`): the same questions answered at
 * once from what is known, and `when(compute, commit)`, which runs `compute`, asks the
 * source what it lacked, runs it again until nothing is lacking, then `commit`s the result.
 *
 * Everything returned is data: the page shows it with textContent only. */
(function () {
  "use strict";
  var EMPTY = [];
  var QUESTIONS = ["info", "search", "node", "neighbours", "edgeEvidence", "nodesOfKind", "defaultFocus"];

  /** The claims of the embedded table, as the interface gives them. */
  function claimReader(raw) {
    var nodes = raw.nodes;
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
    return claim;
  }

  function publicEdge(e) {
    return { from: e.from, to: e.to, predicate: e.predicate, iri: e.iri, label: e.label, inferred: e.inferred };
  }

  /** Search over the labels and alternative labels of the embedded nodes. */
  function searcher(nodes, kinds) {
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
    return search;
  }

  /** The interface over the data embedded in the page, answering at once. */
  function embeddedGraph(raw) {
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

    var claim = claimReader(raw), search = searcher(nodes, kinds);

    return {
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
  }

  /** A source that answers each question of `graph` (answering at once) as a Promise. */
  function promising(graph) {
    var source = {};
    QUESTIONS.forEach(function (name) {
      source[name] = function () { return Promise.resolve(graph[name].apply(null, arguments)); };
    });
    return source;
  }

  var BUSY_RETRIES = 3;  // a server whose workers are all busy (503) is asked again after Retry-After
  /** The source of `hskg serve`: each question a GET of `address` + its name, answered in
   * JSON; an unknown node (404) answers null. */
  function remoteSource(address) {
    function ask(question, params, retries) {
      var query = Object.keys(params).map(function (k) {
        return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]);
      }).join("&");
      return fetch(address + question + (query ? "?" + query : ""), { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (response.status === 404) { return null; }
          if (response.status === 503 && (retries || 0) < BUSY_RETRIES) {
            var seconds = Math.min(Number(response.headers.get("Retry-After")) || 1, 10);
            return new Promise(function (done) { setTimeout(done, seconds * 1000); }).then(function () {
              return ask(question, params, (retries || 0) + 1);
            });
          }
          if (!response.ok) {
            return response.text().then(function (t) { throw new Error("/data/" + question + ": " + response.status + " " + t.trim()); });
          }
          return response.json();
        });
    }
    function list(found) { return found || EMPTY; }
    return {
      info: function () { return ask("info", {}); },
      search: function (text, limit) {
        return String(text).trim() ? ask("search", { q: text, limit: limit || 20 }).then(list) : Promise.resolve(EMPTY);
      },
      node: function (id) { return ask("node", { id: id }); },
      neighbours: function (id) { return ask("neighbours", { id: id }).then(list); },
      edgeEvidence: function (a, b) { return ask("evidence", { a: a, b: b }).then(list); },
      nodesOfKind: function (kind) { return ask("nodes-of-kind", { kind: kind }).then(list); },
      defaultFocus: function () { return ask("default-focus", {}); }
    };
  }

  var MAX_ROUNDS = 12;  // a picture needs a few: its nodes, their neighbours, a path's steps
  /** What the page draws from, over a remote `source`: the answers known so far, and
   * `when`, which asks the source what a computation lacked and runs it again. */
  function cachedGraph(source, info) {
    var known = { node: {}, neighbours: {}, edgeEvidence: {}, nodesOfKind: {}, defaultFocus: {} };
    var lacking = null;  // while `when` computes: the questions asked and not yet answered
    function answer(question, args, otherwise) {
      var key = args.join("\u0000");
      if (Object.prototype.hasOwnProperty.call(known[question], key)) { return known[question][key]; }
      if (lacking) { lacking[question + "\u0001" + key] = [question, args, key]; }
      return otherwise;
    }
    function ask(missing) {
      return Promise.all(Object.keys(missing).map(function (k) {
        var q = missing[k];
        return source[q[0]].apply(null, q[1]).then(function (value) { known[q[0]][q[2]] = value; });
      }));
    }
    return {
      source: source,
      info: function () { return info; },
      node: function (id) { return answer("node", [id], null); },
      neighbours: function (id) { return answer("neighbours", [id], EMPTY); },
      edgeEvidence: function (a, b) { return answer("edgeEvidence", [a, b], EMPTY); },
      nodesOfKind: function (kind) { return answer("nodesOfKind", [kind], EMPTY); },
      defaultFocus: function () { return answer("defaultFocus", [], null); },
      when: function (compute, commit) {
        return new Promise(function (resolve, reject) {
          (function attempt(round) {
            var result, failure = null, missing;
            lacking = Object.create(null);
            try { result = compute(); } catch (e) { failure = e; }
            missing = lacking;
            lacking = null;
            if (Object.keys(missing).length && round < MAX_ROUNDS) {
              ask(missing).then(function () { attempt(round + 1); }).catch(reject);
            } else if (failure) { reject(failure); } else { resolve(commit ? commit(result) : result); }
          }(0));
        });
      }
    };
  }

  /** The embedded graph as the page draws from it: every answer known, `when` at once. */
  function immediateGraph(graph) {
    graph.source = promising(graph);
    graph.when = function (compute, commit) {
      var result = compute();
      return Promise.resolve(commit ? commit(result) : result);
    };
    return graph;
  }

  var X = window.hskgExplore = window.hskgExplore || {};
  var embedded = document.getElementById("hskg-data");
  if (embedded) {
    X.graphReady = Promise.resolve(immediateGraph(embeddedGraph(JSON.parse(embedded.textContent))));
  } else {
    var remote = remoteSource(JSON.parse(document.getElementById("hskg-source").textContent).address);
    X.graphReady = remote.info().then(function (info) { return cachedGraph(remote, info); });
  }
}());
