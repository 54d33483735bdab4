/* hskg explorer, part 8 of 9: the state in the URL. What the page shows is one state
 * (focus, open nodes, filters, path…), written in the address after "#" with compact
 * IRIs, so that a picture can be shared, reloaded and stepped through with Back. */
(function () {
  "use strict";
  var X = window.hskgExplore = window.hskgExplore || {};

  /** The state's vocabulary over one graph: ``fresh``, ``encode``, ``decode``, compact ids and
   * the kinds and relations by name. */
  X.makeState = function (info, graph) {
    // ---------------------------------------------------------------- ids in the URL: compact IRIs
    var namespaces = Object.keys(info.prefixes).map(function (p) { return [p, info.prefixes[p]]; })
      .sort(function (a, b) { return b[1].length - a[1].length; });
    function compactId(iri) {
      for (var i = 0; i < namespaces.length; i++) {
        if (iri.indexOf(namespaces[i][1]) === 0) { return namespaces[i][0] + ":" + iri.slice(namespaces[i][1].length); }
      }
      return iri;
    }
    function expandId(name) {
      var colon = name.indexOf(":"), prefix = name.slice(0, colon);
      if (colon > 0 && info.prefixes[prefix] && name.slice(colon + 1, colon + 3) !== "//") {
        return info.prefixes[prefix] + name.slice(colon + 1);
      }
      return name;
    }

    // ---------------------------------------------------------------- state
    // mode: "grow" or "relate"; focus; open: nodes whose neighbours are shown, in the order
    // opened; all: nodes that show every neighbour, not only the first NEIGHBOURS_SHOWN;
    // hidden: nodes hidden; kinds, rels: kinds and relations filtered out;
    // inferred: inferred relations shown; path: [from, to] or [].
    var KEYS = { m: "mode", f: "focus", o: "open", a: "all", h: "hidden", k: "kinds", r: "rels", i: "inferred", p: "path" };
    var NODE_KEYS = { focus: true, open: true, all: true, hidden: true, path: true };  // the keys whose values are nodes
    function fresh(focus) {
      return { mode: "grow", focus: focus, open: [], all: [], hidden: [], kinds: [], rels: [], inferred: false, path: [] };
    }
    function encode(s) {
      var parts = [];
      function list(key, values, map) {
        if (values.length) { parts.push(key + "=" + values.map(function (v) { return encodeURIComponent(map ? map(v) : v); }).join(",")); }
      }
      if (s.mode !== "grow") { parts.push("m=" + s.mode); }
      if (s.focus) { parts.push("f=" + encodeURIComponent(compactId(s.focus))); }
      list("o", s.open, compactId);
      list("a", s.all, compactId);
      list("h", s.hidden, compactId);
      list("k", s.kinds);
      list("r", s.rels);
      if (s.inferred) { parts.push("i=1"); }
      list("p", s.path, compactId);
      return parts.join("&");
    }
    var kindNames = Object.create(null), kindOrder = Object.create(null), relationByPredicate = Object.create(null);
    info.kinds.forEach(function (k, i) { kindNames[k.kind] = k; kindOrder[k.kind] = i; });
    info.relations.forEach(function (r) { relationByPredicate[r.p] = r; });
    function decode(hash) {
      var s = fresh(null);
      String(hash).replace(/^#/, "").split("&").forEach(function (part) {
        var eq = part.indexOf("="), key = KEYS[part.slice(0, eq)];
        if (eq < 1 || !key) { return; }
        var values = part.slice(eq + 1).split(",").filter(Boolean).map(function (v) {
          try { return decodeURIComponent(v); } catch (e) { return ""; }
        });
        var nodeIds = NODE_KEYS[key] ? values.map(expandId).filter(function (id) { return graph.node(id) !== null; }) : [];
        if (key === "mode") { s.mode = values[0] === "relate" ? "relate" : "grow"; }
        else if (key === "focus") { s.focus = nodeIds[0] || null; }
        else if (key === "inferred") { s.inferred = values[0] === "1"; }
        else if (key === "kinds") { s.kinds = values.filter(function (k) { return kindNames[k]; }); }
        else if (key === "rels") { s.rels = values.filter(function (p) { return relationByPredicate[p]; }); }
        else if (key === "path") { s.path = nodeIds.length === 2 ? nodeIds : []; }
        else { s[key] = nodeIds; }
      });
      var linked = new URLSearchParams(location.search).get("focus");  // /explore?focus=IRI (node pages link so)
      if (!s.focus && linked && graph.node(linked)) { s.focus = linked; }
      if (!s.focus) { s.focus = graph.defaultFocus(); }
      return s;
    }
    return { compactId: compactId, expandId: expandId, fresh: fresh, encode: encode, decode: decode,
             kindNames: kindNames, kindOrder: kindOrder, relationByPredicate: relationByPredicate };
  };
}());
