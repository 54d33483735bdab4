/* hskg explorer, part 5 of 9: export. The visible picture as a PNG at twice the canvas
 * size with its title, legend and labels; the visible relations as Turtle and as CSV.
 * All made in the page and downloaded as files: nothing is sent anywhere. */
(function () {
  "use strict";
  var X = window.hskgExplore;

  X.makeExport = function (ctx) {
    var info = ctx.info, network = ctx.network, container = ctx.container;

    /** The relations drawn now, each once: [edge]. */
    function visibleEdges() {
      var pic = ctx.picture(), found = [];
      (pic ? pic.pairs : []).forEach(function (pair) { found.push.apply(found, pair.edges); });
      return found;
    }
    function visibleNodes() { var pic = ctx.picture(); return pic ? pic.items.map(function (i) { return i.id; }) : []; }

    // ---------------------------------------------------------------- Turtle
    var LOCAL = /^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/;
    function term(id, used) {
      if (id.indexOf("_:") === 0) { return "_:b" + id.slice(2).replace(/[^A-Za-z0-9]/g, "_"); }
      var name = ctx.compactId(id), colon = name.indexOf(":");
      if (name !== id && LOCAL.test(name.slice(colon + 1))) { used[name.slice(0, colon)] = true; return name; }
      return "<" + id.replace(/[\u0000-\u0020<>"{}|^`\\]/g, function (c) {
        return "\\u" + ("0000" + c.charCodeAt(0).toString(16).toUpperCase()).slice(-4);
      }) + ">";
    }
    function literal(text) {
      return "\"" + String(text).replace(/[\\"\n\r\t\u2028\u2029]/g, function (c) {
        return { "\\": "\\\\", "\"": "\\\"", "\n": "\\n", "\r": "\\r", "\t": "\\t" }[c] ||
          "\\u" + c.charCodeAt(0).toString(16).toUpperCase();
      }) + "\"";
    }
    function turtle() {
      var used = { rdfs: true }, lines = [];
      visibleNodes().forEach(function (id) {
        lines.push(term(id, used) + " rdfs:label " + literal(ctx.labelOf(id)) + " .");
      });
      var asserted = [], inferred = [];
      visibleEdges().forEach(function (e) {
        (e.inferred ? inferred : asserted).push(term(e.from, used) + " " + term(e.iri, used) + " " + term(e.to, used) + " .");
      });
      var head = Object.keys(used).sort().map(function (p) { return "@prefix " + p + ": <" + info.prefixes[p] + "> ."; });
      var out = ["# " + info.title + ": the relations drawn in the explorer", "# " + location.href.split("#")[0] + "#" + location.hash.slice(1)]
        .concat(head, [""], lines, [""], asserted);
      if (inferred.length) { out = out.concat(["", "# inferred by the OWL reasoner, not asserted"], inferred); }
      return out.join("\n") + "\n";
    }

    // ---------------------------------------------------------------- CSV
    var HEADER = ["subject", "subject_label", "predicate", "predicate_label", "object", "object_label", "inferred"];
    function cell(value) {
      var text = String(value);
      if (/^[=+\-@\t\r]/.test(text)) { text = "'" + text; }  // a spreadsheet never reads a cell as a formula
      return /[",\r\n]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
    }
    function csv() {
      var rows = [HEADER].concat(visibleEdges().map(function (e) {
        return [e.from, ctx.labelOf(e.from), e.iri, e.label, e.to, ctx.labelOf(e.to), e.inferred ? "true" : "false"];
      }));
      return rows.map(function (r) { return r.map(cell).join(","); }).join("\r\n") + "\r\n";
    }

    // ---------------------------------------------------------------- PNG
    /** The visible picture drawn again at twice its size, with its title and legend. */
    function pngCanvas() {
      var width = container.clientWidth, height = container.clientHeight;
      var view = network.getViewPosition(), scale = network.getScale();
      network.setSize(2 * width + "px", 2 * height + "px");
      network.moveTo({ position: view, scale: 2 * scale, animation: false });
      network.redraw();
      var out = document.createElement("canvas");
      out.width = 2 * width;
      out.height = 2 * height;
      var g = out.getContext("2d");
      g.drawImage(container.querySelector("canvas"), 0, 0, out.width, out.height);
      network.setSize("100%", "100%");
      network.moveTo({ position: view, scale: scale, animation: false });
      network.redraw();
      var s = ctx.state();
      var title = info.title + " — " + (s.mode === "relate" ? "notions, legal regimes and approaches" : ctx.labelOf(s.focus));
      g.font = "bold 30px arial";
      var titleWidth = Math.min(g.measureText(title).width, out.width - 40);
      g.fillStyle = "rgba(255,255,255,0.92)";
      g.fillRect(12, 12, titleWidth + 28, 52);
      g.fillStyle = "#111111";
      g.fillText(title, 26, 50, out.width - 60);
      var kinds = {}, pic = ctx.picture();
      (pic ? pic.items : []).forEach(function (item) { kinds[ctx.kindOf(item.id)] = true; });
      var shown = info.kinds.filter(function (k) { return kinds[k.kind]; });
      g.font = "24px arial";
      var legendWidth = 0;
      shown.forEach(function (k) { legendWidth = Math.max(legendWidth, g.measureText(k.kind).width); });
      var top = out.height - 16 - shown.length * 34 - 12;
      g.fillStyle = "rgba(255,255,255,0.92)";
      g.fillRect(12, top, legendWidth + 80, shown.length * 34 + 16);
      shown.forEach(function (k, i) {
        var y = top + 8 + i * 34 + 17;
        X.drawShape(g, k.shape, 36, y, 12, k.color, k.dashed);
        g.fillStyle = "#222222";
        g.fillText(k.kind, 60, y + 8);
      });
      return out;
    }
    function pngDataUrl() { return pngCanvas().toDataURL("image/png"); }

    function download(name, href) {
      var a = document.createElement("a");
      a.href = href;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
    }
    function fileName(suffix) {
      var s = ctx.state();
      var base = s.mode === "relate" ? "relate" : ctx.compactId(s.focus).replace(/[^A-Za-z0-9_-]+/g, "-");
      return "hskg-explorer-" + base + suffix;
    }
    function downloadText(text, type, suffix) {
      var url = URL.createObjectURL(new Blob([text], { type: type }));
      download(fileName(suffix), url);
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    }
    document.getElementById("x-png").addEventListener("click", function () { download(fileName(".png"), pngDataUrl()); });
    document.getElementById("x-ttl").addEventListener("click", function () { downloadText(turtle(), "text/turtle", ".ttl"); });
    document.getElementById("x-csv").addEventListener("click", function () { downloadText(csv(), "text/csv", ".csv"); });
    return { turtle: turtle, csv: csv, pngDataUrl: pngDataUrl, visibleEdges: visibleEdges };
  };
}());
