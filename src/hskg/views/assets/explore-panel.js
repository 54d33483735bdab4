/* hskg explorer, part 3 of 9: the side panel. A node (what it is, what it says, what it
 * relates to, grouped by relation and folded when long), a pair of nodes (every relation
 * between them with its evidence: quote, section, references, attribution, modality; or
 * the context fact and its source with its address), and a back step. */
(function () {
  "use strict";
  var X = window.hskgExplore;
  var FOLD_OVER = 5;   // a group of relations longer than this opens folded
  var STATEMENTS_OPEN_UP_TO = 3;

  /** A link for an address: as given when it is http(s), with https:// when it is a host
   * name and a path; none for anything else (an address is data, never a script URL). */
  function hrefOf(address) {
    var text = String(address).trim();
    if (/^https?:\/\/[^\s<>"]+$/i.test(text)) { return text; }
    if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(\/[^\s<>"…]*)?$/i.test(text)) { return "https://" + text; }
    return null;
  }

  X.makePanel = function (ctx) {
    var el = ctx.el, button = ctx.button, graph = ctx.graph;
    var panel = document.getElementById("x-panel"), details = document.getElementById("x-details");
    var backButton = document.getElementById("x-back");
    var history = [], current = null;

    function link(text, address, className) {
      var href = hrefOf(address);
      if (!href) { return el("span", className, text); }
      var a = el("a", className, text);
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      return a;
    }
    function nodeLink(id, text) {
      var b = button(text, function () { open({ kind: "node", id: id }); }, "x-link");
      b.dataset.node = id;
      return b;
    }
    function heading(text) { details.appendChild(el("h3", null, text)); }

    /** A claim's evidence; its statement too unless ``stated`` (the relation above says it). */
    function claimBlock(c, here, stated) {
      var box = el("div", "x-claim");
      var triple = el("div", "x-triple");
      [c.subject, null, c.object].forEach(function (end) {
        if (end === null) {
          if (c.negative) { triple.appendChild(el("span", "x-negative", " does not ")); }
          triple.appendChild(el("span", "x-pred", " " + c.predicate + " "));
        } else if (end.id && end.id !== here) {
          triple.appendChild(nodeLink(end.id, end.label));
        } else {
          triple.appendChild(el("strong", null, end.label));
        }
      });
      if (!stated || c.negative) { box.appendChild(triple); }
      c.quotes.forEach(function (q) { box.appendChild(el("blockquote", "x-quote", q)); });
      if (c.section) { box.appendChild(el("div", "x-meta x-section", "Section: " + c.section)); }
      if (c.references.length) {
        box.appendChild(el("div", "x-meta x-references", "References: " + c.references.map(function (r) { return "[" + r + "]"; }).join(" ")));
      }
      if (c.accordingTo.length) { box.appendChild(el("div", "x-meta x-according", "According to: " + c.accordingTo.join("; "))); }
      if (c.modality.length) { box.appendChild(el("div", "x-meta x-modality", "Modality: " + c.modality.join("; "))); }
      c.sources.forEach(function (s) {
        var line = el("div", "x-meta x-source", "Source: " + s.title);
        if (s.address) { line.appendChild(document.createTextNode(" — ")); line.appendChild(link(s.address, s.address, "x-address")); }
        box.appendChild(line);
      });
      if (c.contextFact) { box.appendChild(el("div", "x-meta x-fact", "Context fact " + c.contextFact)); }
      var claimLine = el("div", "x-meta x-claim-iri", "Claim: ");
      claimLine.appendChild(link(ctx.compactId(c.iri), c.iri));
      box.appendChild(claimLine);
      return box;
    }

    function clear() { while (details.firstChild) { details.removeChild(details.firstChild); } }

    function renderNode(id) {
      var n = graph.node(id), s = ctx.state();
      if (!n) { return; }
      details.appendChild(el("h2", "x-label", n.label));
      details.appendChild(el("div", "x-kind", [n.kind].concat(n.types.filter(function (t) { return t !== n.kind; })).join(" · ")));
      details.appendChild(el("div", "x-iri", n.id));
      var tools = el("div", "x-tools");
      var drawn = ctx.picture() && ctx.picture().seen && ctx.picture().seen[id];
      if (id !== s.focus) {
        if (s.mode === "grow" && drawn) {
          tools.appendChild(button(s.open.indexOf(id) >= 0 ? "Close neighbours" : "Open neighbours",
                                   function () { ctx.actions.toggleOpen(id); refresh(); }, "x-open"));
        }
        tools.appendChild(button("Centre here", function () { ctx.actions.recentre(id); refresh(); }, "x-recentre"));
        if (s.mode === "grow" && drawn) { tools.appendChild(button("Hide", function () { ctx.actions.hide(id); close(); }, "x-hide")); }
      }
      tools.appendChild(button("Path from here", function () { ctx.actions.pathFrom(id); }, "x-path-from"));
      var start = ctx.pathStart();
      if (start && start !== id) {
        tools.appendChild(button("Path to here from " + ctx.labelOf(start), function () { ctx.actions.pathTo(id); }, "x-path-to"));
      }
      if (s.path.length) { tools.appendChild(button("Clear path", function () { ctx.actions.clearPath(); refresh(); }, "x-path-clear")); }
      details.appendChild(tools);
      var partial = drawn && (ctx.picture().partial || {})[id];
      if (partial) {
        var more = el("div", "x-partial", "Showing " + partial.shown + " of its " + partial.total + " neighbours. ");
        more.appendChild(button("Show all " + partial.total, function () { ctx.actions.showAll(id); refresh(); }, "x-show-all"));
        details.appendChild(more);
      }
      if (n.definition) { heading("Definition"); details.appendChild(el("p", "x-definition", n.definition)); }
      if (n.altLabels.length) { heading("Also called"); details.appendChild(el("p", "x-alt", n.altLabels.join("; "))); }
      relationsOf(id);
      if (n.claims.length) {
        var fold = el("details", "x-statements");
        fold.open = n.claims.length <= STATEMENTS_OPEN_UP_TO;
        fold.appendChild(el("summary", null, n.claims.length === 1 ? "1 statement with its evidence" : n.claims.length + " statements with their evidence"));
        n.claims.forEach(function (c) { fold.appendChild(claimBlock(c, id)); });
        details.appendChild(fold);
      }
    }

    /** The node's relations, one group per relation and direction, long groups folded. */
    function relationsOf(id) {
      var groups = [], byKey = Object.create(null);
      graph.neighbours(id).forEach(function (e) {
        var outgoing = e.from === id;
        var key = (outgoing ? "→ " : "← ") + e.label + (e.inferred ? " (inferred)" : "");
        var group = byKey[key];
        if (!group) { group = byKey[key] = { key: key, outgoing: outgoing, label: e.label, inferred: e.inferred, items: [] }; groups.push(group); }
        group.items.push(outgoing ? e.to : e.from);
      });
      if (!groups.length) { return; }
      groups.sort(function (a, b) { return a.label < b.label ? -1 : a.label > b.label ? 1 : a.outgoing === b.outgoing ? 0 : a.outgoing ? -1 : 1; });
      heading("Relations (" + graph.neighbours(id).length + ")");
      var list = el("div", "x-relations");
      groups.forEach(function (g) {
        var fold = el("details", "x-relation");
        fold.open = g.items.length <= FOLD_OVER;
        var summary = el("summary", null, (g.outgoing ? "this " + g.label + " …" : "… " + g.label + " this"));
        summary.appendChild(el("span", "x-n", g.items.length));
        fold.appendChild(summary);
        var ul = el("ul");
        g.items.sort(function (a, b) { return ctx.labelOf(a).toLowerCase() < ctx.labelOf(b).toLowerCase() ? -1 : 1; });
        g.items.forEach(function (other) {
          var li = el("li");
          li.appendChild(nodeLink(other, ctx.labelOf(other)));
          li.appendChild(button("evidence", function () { open({ kind: "pairs", pairs: [[id, other]] }); }, "x-evidence-link"));
          ul.appendChild(li);
        });
        fold.appendChild(ul);
        list.appendChild(fold);
      });
      details.appendChild(list);
    }

    /** Every relation between each pair of nodes, with the claims behind it. */
    function renderPairs(pairs, title) {
      details.appendChild(el("h2", "x-label", title || (ctx.labelOf(pairs[0][0]) + " — " + ctx.labelOf(pairs[0][1]))));
      pairs.forEach(function (pair) {
        var found = graph.edgeEvidence(pair[0], pair[1]);
        if (pairs.length > 1) { heading(ctx.labelOf(pair[0]) + " — " + ctx.labelOf(pair[1])); }
        details.appendChild(el("div", "x-kind", found.length === 1 ? "1 relation" : found.length + " relations"));
        found.forEach(function (f) {
          var box = el("div", "x-edge");
          var line = el("div", "x-triple");
          line.appendChild(nodeLink(f.edge.from, ctx.labelOf(f.edge.from)));
          line.appendChild(el("span", "x-pred", " " + f.edge.label + " "));
          line.appendChild(nodeLink(f.edge.to, ctx.labelOf(f.edge.to)));
          box.appendChild(line);
          if (f.edge.inferred) {
            box.appendChild(el("div", "x-meta x-inferred", "Inferred by the OWL reasoner from the ontology; no source states it."));
          } else if (!f.claims.length) {
            box.appendChild(el("div", "x-meta x-no-claim", "Asserted in the graph; no claim records a quote or source for it."));
          }
          f.claims.forEach(function (c) { box.appendChild(claimBlock(c, null, true)); });
          details.appendChild(box);
        });
      });
    }

    /** Show an entry once the graph has answered all it asks (unless another came since). */
    function render(entry) {
      graph.when(function () { if (current === entry) { renderNow(entry); } });
    }
    function renderNow(entry) {
      clear();
      if (entry.kind === "node") { renderNode(entry.id); }
      else if (entry.kind === "pairs") { renderPairs(entry.pairs, entry.title); }
      else { entry.build(details); }
      panel.hidden = false;
      backButton.disabled = !history.length;
      details.scrollTop = 0;
    }
    function open(entry) {
      if (current) { history.push(current); }
      current = entry;
      render(entry);
      if (entry.kind === "node" && ctx.picture() && ctx.picture().seen && ctx.picture().seen[entry.id]) {
        ctx.network.selectNodes([entry.id], false);
      }
    }
    function refresh() { if (current && !panel.hidden) { render(current); } }
    function close() { panel.hidden = true; history = []; current = null; backButton.disabled = true; ctx.network.unselectAll(); }

    return {
      showNode: function (id) { if (!current || current.kind !== "node" || current.id !== id) { open({ kind: "node", id: id }); } else { refresh(); } },
      showPair: function (pair) { open({ kind: "pairs", pairs: [[pair.a, pair.b]] }); },
      showPairs: function (pairs, title) { open({ kind: "pairs", pairs: pairs, title: title }); },
      showContent: function (build) { open({ kind: "content", build: build }); },
      claimBlock: claimBlock,
      refresh: refresh,
      back: function () { if (history.length) { current = history.pop(); render(current); } },
      close: close,
      hidden: function () { return panel.hidden; },
      get current() { return current; }
    };
  };
}());
