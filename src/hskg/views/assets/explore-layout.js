/* hskg explorer, part 2 of 9: where the nodes of the picture go, and how labels wrap.
 * The views' pages use it too, for their labels (view.js).
 *
 * The picture is a pure function of the page's state, so that a reload or a shared link
 * draws the same one: the focus at the centre, its neighbours on rings around it, each
 * opened node's new neighbours on rings in the wedge that points away from the node it
 * came from; then label boxes that overlap are pushed apart. */
(function () {
  "use strict";
  var X = window.hskgExplore = window.hskgExplore || {};
  var LINE = 24;        // characters a label line holds
  var LINES = 3;        // lines a label shows; the full text is in its tooltip
  var FONT = "14px arial";  // vis-network's node font
  var LINE_HEIGHT = 16;
  var GAP = 14;         // between two label boxes
  var RING = 210;       // from a node to its first ring of neighbours
  var WIDE = 1.3;       // a full ring is an ellipse this much wider than high: screens are wide
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = FONT;
  var INSIDE = { box: true, ellipse: true, database: true, circle: true };  // shapes that hold their label

  /** The label as drawn: words in lines of LINE characters, at most LINES lines. */
  function wrapLabel(text) {
    var words = String(text).split(/\s+/).filter(Boolean);
    var lines = [], line = "";
    words.forEach(function (word) {
      while (word.length > LINE) {  // a word longer than a line is cut
        if (line) { lines.push(line); line = ""; }
        lines.push(word.slice(0, LINE - 1) + "-");
        word = word.slice(LINE - 1);
      }
      if (!line) { line = word; } else if ((line + " " + word).length <= LINE) { line += " " + word; }
      else { lines.push(line); line = word; }
    });
    if (line) { lines.push(line); }
    if (lines.length > LINES) {
      lines = lines.slice(0, LINES);
      var last = lines[LINES - 1];
      lines[LINES - 1] = (last.length > LINE - 1 ? last.slice(0, LINE - 1) : last) + "…";
    }
    return lines.join("\n");
  }

  /** The box a node and its label take: [width, height], centred on the node. */
  function boxOf(label, style) {
    var lines = label.split("\n");
    var width = 0;
    lines.forEach(function (l) { width = Math.max(width, measure.measureText(l).width); });
    var textHeight = lines.length * LINE_HEIGHT;
    // vis-network sizes an ellipse from its text: as wide as the text and one text height
    // more, twice as high as the text
    if (style.shape === "ellipse") { return [width + textHeight + 8, 2 * textHeight + 8]; }
    if (INSIDE[style.shape]) { return [width + 24, textHeight + 16]; }
    var size = style.size * (style.focus ? 1.5 : 1);
    // an outside label hangs below the shape: the box is centred on the node, so doubled
    return [Math.max(width, 2 * size) + 4, 2 * (size + 4 + textHeight)];
  }

  /** Positions {id: [x, y]} for items [{id, anchor, box: [w, h]}]: the first is the focus;
   * an item's anchor (the node that brought it) comes before it, else it hangs on the focus. */
  function layout(items) {
    var pos = Object.create(null);
    var boxes = Object.create(null);
    var children = Object.create(null);
    var order = items.map(function (item) { return item.id; });
    if (!order.length) { return pos; }
    items.forEach(function (item, i) {
      boxes[item.id] = item.box;
      children[item.id] = [];
      if (i > 0) { children[item.anchor in children ? item.anchor : order[0]].push(item.id); }
    });
    pos[order[0]] = [0, 0];
    var from = Object.create(null);  // the angle from a node's anchor to it
    from[order[0]] = null;
    order.forEach(function (id) {
      var kids = children[id].filter(function (k) { return !(k in pos); });
      if (!kids.length || !(id in pos)) { return; }
      var full = from[id] === null;
      placeRings(kids, pos[id], full ? -Math.PI / 2 : from[id], full ? 2 * Math.PI : Math.PI * 0.9, full, boxes, pos, from);
    });
    separate(order, boxes, pos, order[0]);
    return pos;
  }

  /** The kids in order around the origin, each its own slice of ``spread`` (so that alike
   * kids, next in order, sit together), on as many rings as they need: slot i on ring i mod k. */
  function placeRings(kids, origin, centre, spread, full, boxes, pos, from) {
    var cell = 0, rowHeight = 0;
    kids.forEach(function (k) { cell = Math.max(cell, boxes[k][0]); rowHeight = Math.max(rowHeight, boxes[k][1]); });
    cell += GAP;
    var first = Math.max(RING, rowHeight + GAP), step = Math.max(rowHeight * 0.6, 60), wide = full ? WIDE : 1;
    var rings = 1;
    function capacity(k) {
      var total = 0;
      for (var j = 0; j < k; j++) { total += Math.floor(spread * (first + j * step) * (1 + wide) / 2 / cell); }
      return total;
    }
    while (capacity(rings) < kids.length) { rings++; }
    kids.forEach(function (kid, i) {
      var angle = full ? centre + spread * i / kids.length : centre - spread / 2 + spread * (i + 0.5) / kids.length;
      var radius = first + (i % rings) * step;
      pos[kid] = [origin[0] + wide * radius * Math.cos(angle), origin[1] + radius * Math.sin(angle)];
      from[kid] = angle;
    });
  }

  /** Push overlapping boxes apart along the axis they overlap least on, for at most
   * ``rounds`` rounds (80 if not given); ``fixed`` (the focus) stays. */
  function separate(ids, boxes, pos, fixed, rounds) {
    for (var round = 0; round < (rounds || 80); round++) {
      var moved = false;
      var sorted = ids.slice().sort(function (a, b) {
        return (pos[a][0] - boxes[a][0] / 2) - (pos[b][0] - boxes[b][0] / 2);
      });
      for (var i = 0; i < sorted.length; i++) {
        var a = sorted[i], pa = pos[a], ba = boxes[a];
        for (var j = i + 1; j < sorted.length; j++) {
          var b = sorted[j], pb = pos[b], bb = boxes[b];
          if (pb[0] - bb[0] / 2 >= pa[0] + ba[0] / 2 + GAP) { break; }
          var ox = (ba[0] + bb[0]) / 2 + GAP - Math.abs(pa[0] - pb[0]);
          var oy = (ba[1] + bb[1]) / 2 + GAP - Math.abs(pa[1] - pb[1]);
          if (ox <= 0 || oy <= 0) { continue; }
          moved = true;
          var wa = a === fixed ? 0 : b === fixed ? 1 : 0.5, wb = 1 - wa;
          if (ox < oy) {
            var sx = pa[0] < pb[0] || (pa[0] === pb[0] && a < b) ? -1 : 1;
            pa[0] += sx * ox * wa; pb[0] -= sx * ox * wb;
          } else {
            var sy = pa[1] < pb[1] || (pa[1] === pb[1] && a < b) ? -1 : 1;
            pa[1] += sy * oy * wa; pb[1] -= sy * oy * wb;
          }
        }
      }
      if (!moved) { break; }
    }
  }

  /** Move vis node items [{id, label, x, y}] so that no two label boxes overlap (the views'
   * pages, whose positions come from Python); ``styleOf(id)``: the node's kind style. */
  function spreadLabels(items, styleOf) {
    var boxes = Object.create(null), pos = Object.create(null);
    items.forEach(function (item) {
      var style = styleOf(item.id);
      boxes[item.id] = boxOf(item.label, { shape: style.shape, size: style.size });
      pos[item.id] = [item.x, item.y];
    });
    separate(items.map(function (item) { return item.id; }), boxes, pos, null, 600);
    items.forEach(function (item) { item.x = pos[item.id][0]; item.y = pos[item.id][1]; });
  }

  X.layout = { wrapLabel: wrapLabel, boxOf: boxOf, layout: layout, separate: separate, spreadLabels: spreadLabels,
                INSIDE: INSIDE };
}());
