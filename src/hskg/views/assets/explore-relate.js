/* hskg explorer, part 6 of 9: "relate". The three notions, the legal regimes and the
 * actors' approaches in three bands, joined by the relations the sources state between
 * them, directly or through one node in between; the panel lists every pair, and says
 * "no link in the sources" where no source links the two. */
(function () {
  "use strict";
  var X = window.hskgExplore;
  var BANDS = [["notion", "The three notions"], ["legal regime", "Legal regimes"], ["approach", "Actors' approaches"]];
  var BAND_GAP = 320, COLUMN = 250;
  var NO_LINK = "no link in the sources";
  var WHOLE_SCALE = 0.6;  // the bands open whole down to this scale (labels draw from 0.43)

  X.makeRelate = function (ctx) {
    var graph = ctx.graph, el = ctx.el;

    function bandsOf() {
      var band = Object.create(null);
      var members = BANDS.map(function (b, i) {
        var ids = graph.nodesOfKind(b[0]).sort(function (x, y) { return ctx.labelOf(x) < ctx.labelOf(y) ? -1 : 1; });
        ids.forEach(function (id) { band[id] = i; });
        return ids;
      });
      return { band: band, members: members };
    }

    /** What links band members: direct relations, and nodes in between (a – m – b). */
    function linksOf(s, bands) {
      var direct = Object.create(null), via = Object.create(null), middle = Object.create(null);
      var hidden = Object.create(null);
      s.hidden.forEach(function (id) { hidden[id] = true; });
      bands.members.forEach(function (ids) {
        ids.forEach(function (a) {
          ctx.shownEdges(a, s).forEach(function (e) {
            var o = e.from === a ? e.to : e.from;
            if (hidden[o]) { return; }
            if (o in bands.band) {
              if (bands.band[o] !== bands.band[a]) { direct[ctx.pairKey(a, o)] = true; }
            } else if (s.kinds.indexOf(ctx.kindOf(o)) < 0) {
              (middle[o] = middle[o] || {})[a] = true;
            }
          });
        });
      });
      Object.keys(middle).sort().forEach(function (m) {
        var ends = Object.keys(middle[m]);
        ends.forEach(function (a) {
          ends.forEach(function (b) {
            if (a < b && bands.band[a] !== bands.band[b]) { (via[ctx.pairKey(a, b)] = via[ctx.pairKey(a, b)] || []).push(m); }
          });
        });
      });
      return { direct: direct, via: via };
    }

    function draw(s) {
      var bands = bandsOf(), links = linksOf(s, bands);
      var pos = Object.create(null), items = [], boxes = Object.create(null), linked = Object.create(null);
      var between = Object.create(null);  // an intermediate node: the band members it joins
      Object.keys(links.direct).forEach(function (key) { key.split("\u0000").forEach(function (id) { linked[id] = true; }); });
      Object.keys(links.via).forEach(function (key) {
        var ends = key.split("\u0000");
        links.via[key].forEach(function (m) {
          between[m] = between[m] || {};
          ends.forEach(function (id) { between[m][id] = true; linked[id] = true; });
        });
      });
      var label = Object.create(null);
      bands.members.forEach(function (ids, row) {
        ids.forEach(function (id, i) {
          pos[id] = [(i - (ids.length - 1) / 2) * COLUMN, row * BAND_GAP];
          label[id] = X.layout.wrapLabel(ctx.labelOf(id)) + (linked[id] ? "" : "\n(" + NO_LINK + ")");
          items.push({ id: id });
        });
      });
      Object.keys(between).sort().forEach(function (m) {
        var ends = Object.keys(between[m]), x = 0, y = 0;
        ends.forEach(function (id) { x += pos[id][0]; y += pos[id][1]; });
        pos[m] = [x / ends.length, y / ends.length + (ends.every(function (id) { return bands.band[id] === bands.band[ends[0]]; }) ? 120 : 0)];
        label[m] = X.layout.wrapLabel(ctx.labelOf(m));
        items.push({ id: m });
      });
      items.forEach(function (item) {
        var style = ctx.kindNames[ctx.kindOf(item.id)];
        boxes[item.id] = X.layout.boxOf(label[item.id], { shape: style.shape, size: style.size });
      });
      X.layout.separate(items.map(function (i) { return i.id; }), boxes, pos, null);
      var seen = Object.create(null);
      items.forEach(function (item) { seen[item.id] = true; });
      var pairs = [], byKey = Object.create(null);
      items.forEach(function (item) {
        if (!(item.id in bands.band)) { return; }
        ctx.shownEdges(item.id, s).forEach(function (e) {
          var o = e.from === item.id ? e.to : e.from;
          if (!seen[o] || bands.band[o] === bands.band[item.id] || (!(o in bands.band) && !(between[o] && between[o][item.id]))) { return; }
          var key = ctx.pairKey(e.from, e.to), pair = byKey[key];
          if (!pair) { pair = byKey[key] = { key: key, a: e.from < e.to ? e.from : e.to, b: e.from < e.to ? e.to : e.from, edges: [], ids: {} }; pairs.push(pair); }
          var id = e.from + " " + e.predicate + " " + e.to + (e.inferred ? " inferred" : "");
          if (!pair.ids[id]) { pair.ids[id] = true; pair.edges.push(e); }
        });
      });
      var plain = { focus: null };
      var pairById = Object.create(null);
      ctx.setPicture({ items: items, seen: seen, pairs: pairs, onPath: {}, paths: [] });
      ctx.nodes.clear();
      ctx.edges.clear();
      ctx.nodes.add(items.map(function (item) {
        var node = ctx.nodeItem(item.id, plain, pos[item.id]);
        node.label = label[item.id];
        return node;
      }));
      ctx.edges.add(pairs.map(function (pair, i) { pairById["p" + i] = pair; return ctx.edgeItem(pair, i, pairs.length, false); }));
      ctx.setPairs(pairById);
      ctx.fitClamped(items.map(function (i) { return i.id; }), null, WHOLE_SCALE);
    }

    function showMatrix(s) {
      ctx.panel.showContent(function (details) {
        var bands = bandsOf(), links = linksOf(s, bands);
        details.appendChild(el("h2", "x-label", "How the notions, legal regimes and approaches relate"));
        details.appendChild(el("p", "x-kind", "Each pair of the three bands: the relations the sources state between " +
          "them, directly or through one node in between; click one for its evidence."));
        [[0, 1], [1, 2], [0, 2]].forEach(function (pairOfBands) {
          details.appendChild(el("h3", null, BANDS[pairOfBands[0]][1] + " × " + BANDS[pairOfBands[1]][1]));
          var ul = el("ul", "x-matrix");
          bands.members[pairOfBands[0]].forEach(function (a) {
            bands.members[pairOfBands[1]].forEach(function (b) {
              var key = ctx.pairKey(a, b), li = el("li");
              li.appendChild(el("span", "x-pair", ctx.labelOf(a) + " — " + ctx.labelOf(b) + ": "));
              if (links.direct[key]) {
                li.appendChild(ctx.button("directly", function () { ctx.panel.showPairs([[a, b]]); }, "x-link x-direct"));
              }
              (links.via[key] || []).forEach(function (m) {
                li.appendChild(ctx.button("via " + ctx.labelOf(m), function () {
                  ctx.panel.showPairs([[a, m], [m, b]], ctx.labelOf(a) + " — " + ctx.labelOf(m) + " — " + ctx.labelOf(b));
                }, "x-link x-via"));
              });
              if (!links.direct[key] && !links.via[key]) { li.appendChild(el("span", "x-nolink", NO_LINK)); }
              ul.appendChild(li);
            });
          });
          details.appendChild(ul);
        });
      });
    }
    return { draw: draw, showMatrix: showMatrix };
  };
}());
