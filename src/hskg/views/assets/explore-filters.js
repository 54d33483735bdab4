/* hskg explorer, part 4 of 9: the sidebar. A counter that says what is shown, the path
 * being chosen, the inferred-relations switch, the legend (each kind its shape and colour;
 * click to hide or show a kind), the relations by group with all / none / only, and the
 * hidden nodes (click to show again). */
(function () {
  "use strict";
  var X = window.hskgExplore;

  /** A kind's shape, as vis-network draws it, at (x, y) with radius r: for legends. */
  X.drawShape = function (g, shape, x, y, r, color, dashed) {
    g.save();
    g.beginPath();
    var i, a;
    if (shape === "square" || shape === "box" || shape === "database") {
      g.rect(x - r, y - r * (shape === "square" ? 1 : 0.7), 2 * r, r * (shape === "square" ? 2 : 1.4));
    } else if (shape === "ellipse") {
      g.ellipse(x, y, r, r * 0.6, 0, 0, 2 * Math.PI);
    } else if (shape === "diamond") {
      g.moveTo(x, y - r); g.lineTo(x + r, y); g.lineTo(x, y + r); g.lineTo(x - r, y);
    } else if (shape === "triangle" || shape === "triangleDown") {
      var d = shape === "triangle" ? 1 : -1;
      g.moveTo(x, y - d * r); g.lineTo(x + r, y + d * r * 0.8); g.lineTo(x - r, y + d * r * 0.8);
    } else if (shape === "hexagon") {
      for (i = 0; i < 6; i++) { a = Math.PI / 3 * i; g[i ? "lineTo" : "moveTo"](x + r * Math.cos(a), y + r * Math.sin(a)); }
    } else if (shape === "star") {
      for (i = 0; i < 10; i++) {
        a = -Math.PI / 2 + Math.PI / 5 * i;
        var rr = i % 2 ? r * 0.45 : r;
        g[i ? "lineTo" : "moveTo"](x + rr * Math.cos(a), y + rr * Math.sin(a));
      }
    } else {
      g.arc(x, y, r * 0.8, 0, 2 * Math.PI);
    }
    g.closePath();
    g.fillStyle = color;
    g.fill();
    g.lineWidth = dashed ? 1.6 : 1;
    g.setLineDash(dashed ? [3, 2] : []);
    g.strokeStyle = "#333333";
    g.stroke();
    g.restore();
  };

  X.makeSidebar = function (ctx) {
    var el = ctx.el, button = ctx.button, info = ctx.info;
    var bar = document.getElementById("x-sidebar"), toggle = document.getElementById("x-filters-toggle");
    var count = document.getElementById("x-count"), pathState = document.getElementById("x-path-state");
    var inferred = document.getElementById("x-inferred");
    var legendButtons = Object.create(null), relationBoxes = Object.create(null), groupSummaries = [];
    var inferredTotal = info.relations.reduce(function (n, r) { return n + r.inferredCount; }, 0);
    var assertedTotal = info.edgeCount - inferredTotal;

    function fold(folded) {
      bar.hidden = folded;
      toggle.setAttribute("aria-expanded", folded ? "false" : "true");
    }
    toggle.addEventListener("click", function () { fold(!bar.hidden); });

    inferred.disabled = inferredTotal === 0;
    inferred.parentNode.title = inferredTotal ? inferredTotal + " relations inferred by the OWL reasoner"
      : "no inferred relations in this page (build it with inferences to have them)";
    inferred.addEventListener("change", function () { ctx.actions.setInferred(inferred.checked); });

    var legend = document.getElementById("x-legend");
    info.kinds.forEach(function (k) {
      var b = button("", function () { ctx.actions.setKind(k.kind, ctx.state().kinds.indexOf(k.kind) >= 0); });
      var swatch = el("canvas", "x-swatch");
      swatch.width = 18; swatch.height = 18;
      X.drawShape(swatch.getContext("2d"), k.shape, 9, 9, 7, k.color, k.dashed);
      b.appendChild(swatch);
      b.appendChild(el("span", "x-kind-name", k.kind));
      b.appendChild(el("span", "x-n", k.count));
      b.dataset.kind = k.kind;
      legendButtons[k.kind] = b;
      var li = el("li");
      li.appendChild(b);
      legend.appendChild(li);
    });

    var holder = document.getElementById("x-relations");
    info.groups.forEach(function (name) {
      var members = info.relations.filter(function (r) { return r.group === name; });
      var predicates = members.map(function (r) { return r.p; });
      var fold = el("details", "x-group");
      var summary = el("summary", null, name);
      var shown = el("span", "x-n");
      summary.appendChild(shown);
      fold.appendChild(summary);
      groupSummaries.push({ shown: shown, predicates: predicates });
      var bulk = el("div", "x-bulk");
      bulk.appendChild(button("all", function () { ctx.actions.setRelations(predicates, true); }));
      bulk.appendChild(button("none", function () { ctx.actions.setRelations(predicates, false); }));
      bulk.appendChild(button("only", function () { ctx.actions.onlyRelations(predicates); }));
      fold.appendChild(bulk);
      var ul = el("ul");
      // a relation after its general relation (rdfs:subPropertyOf), indented
      members.sort(function (a, b) {
        var ka = (a.sup || a.l).toLowerCase() + "\u0000" + (a.sup ? a.l.toLowerCase() : "");
        var kb = (b.sup || b.l).toLowerCase() + "\u0000" + (b.sup ? b.l.toLowerCase() : "");
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      });
      members.forEach(function (r) {
        var li = el("li", r.sup ? "x-sub" : null);
        var label = el("label");
        var box = el("input");
        box.type = "checkbox";
        box.dataset.predicate = r.p;
        box.addEventListener("change", function () { ctx.actions.setRelations([r.p], box.checked); });
        relationBoxes[r.p] = box;
        label.appendChild(box);
        label.appendChild(el("span", null, r.l));
        label.title = r.sup ? r.l + " (a kind of: " + r.sup + ")" : r.l;
        li.appendChild(label);
        li.appendChild(el("span", "x-n", r.count + (r.inferredCount ? " +" + r.inferredCount : "")));
        li.appendChild(button("only", function () { ctx.actions.onlyRelations([r.p]); }, "x-only"));
        ul.appendChild(li);
      });
      fold.appendChild(ul);
      holder.appendChild(fold);
    });
    var everything = info.relations.map(function (r) { return r.p; });
    document.getElementById("x-rel-all").addEventListener("click", function () { ctx.actions.setRelations(everything, true); });
    document.getElementById("x-rel-none").addEventListener("click", function () { ctx.actions.setRelations(everything, false); });
    var hiddenList = el("section", "x-hidden-list");
    bar.insertBefore(hiddenList, bar.querySelector(".x-note"));

    function describeCount(s) {
      var pic = ctx.picture();
      var nodeCount = pic ? pic.items.length : 0;
      var relationCount = 0;
      (pic ? pic.pairs : []).forEach(function (p) { relationCount += p.edges.length; });
      var total = s.inferred ? info.edgeCount : assertedTotal;
      var text = "Showing " + nodeCount + " of " + info.nodeCount + " nodes and " + relationCount + " of " + total + " relations";
      var off = [];
      if (s.kinds.length) { off.push(s.kinds.length + (s.kinds.length === 1 ? " kind" : " kinds") + " filtered out"); }
      if (s.rels.length) { off.push(s.rels.length + " of " + info.relations.length + " relation types filtered out"); }
      if (s.hidden.length) { off.push(s.hidden.length + (s.hidden.length === 1 ? " node hidden" : " nodes hidden")); }
      if (!s.inferred && inferredTotal) { off.push(inferredTotal + " inferred relations off"); }
      return text + (off.length ? "; " + off.join("; ") : "") + ".";
    }

    function update(s) {
      count.textContent = describeCount(s);
      var pic = ctx.picture(), start = ctx.pathStart();
      if (start) { pathState.textContent = "Path from " + ctx.labelOf(start) + ": choose the other end (“Path to here” in its panel)."; }
      else if (s.path.length === 2 && pic && pic.paths) {
        pathState.textContent = pic.paths.length
          ? "Path " + ctx.labelOf(s.path[0]) + " → " + ctx.labelOf(s.path[1]) + ": " + pic.paths.length +
            (pic.paths.length === 1 ? " shortest path of " : " shortest paths of ") + (pic.paths[0].length - 1) + " step(s), in red."
          : "No path of up to four steps between " + ctx.labelOf(s.path[0]) + " and " + ctx.labelOf(s.path[1]) + ".";
      } else { pathState.textContent = ""; }
      inferred.checked = s.inferred;
      Object.keys(legendButtons).forEach(function (kind) {
        var on = s.kinds.indexOf(kind) < 0;
        legendButtons[kind].classList.toggle("x-off", !on);
        legendButtons[kind].setAttribute("aria-pressed", on ? "true" : "false");
      });
      Object.keys(relationBoxes).forEach(function (p) { relationBoxes[p].checked = s.rels.indexOf(p) < 0; });
      groupSummaries.forEach(function (g) {
        var on = g.predicates.filter(function (p) { return s.rels.indexOf(p) < 0; }).length;
        g.shown.textContent = on + "/" + g.predicates.length;
      });
      while (hiddenList.firstChild) { hiddenList.removeChild(hiddenList.firstChild); }
      if (s.hidden.length) {
        hiddenList.appendChild(el("h2", null, "Hidden (click to show)"));
        var ul = el("ul");
        s.hidden.forEach(function (id) {
          var li = el("li");
          li.appendChild(button(ctx.labelOf(id), function () { ctx.actions.unhide(id); }, "x-link x-unhide"));
          ul.appendChild(li);
        });
        hiddenList.appendChild(ul);
      }
      document.getElementById("x-mode-grow").setAttribute("aria-pressed", s.mode === "grow" ? "true" : "false");
      document.getElementById("x-mode-relate").setAttribute("aria-pressed", s.mode === "relate" ? "true" : "false");
    }
    return { update: update, fold: fold };
  };
}());
