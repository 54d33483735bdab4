/* The annotated report: a click (or Enter) on a highlighted passage lists the claims that
 * quote it. Every text is set with textContent: labels and quotes are data, never markup. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var list = document.getElementById("claims-list"), hint = document.getElementById("claims-hint");
  var panel = document.getElementById("claims-panel"), chosen = [];
  document.getElementById("claims-close").addEventListener("click", function () { panel.classList.remove("open"); });

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined) { node.textContent = content; }
    return node;
  }
  function nodeLink(end) {  // [label, compact IRI or null]
    if (!end[1]) { return el("span", "end", end[0]); }
    var a = el("a", "node", end[0]);
    a.href = data.explorer + "#f=" + encodeURIComponent(end[1]);
    a.title = "Open " + end[1] + " in the explorer";
    return a;
  }
  function claimItem(claim) {
    var li = el("li", "claim");
    li.setAttribute("data-claim", claim.id);
    li.appendChild(nodeLink(claim.s));
    li.appendChild(el("span", "rel", " — " + claim.p + " — "));
    li.appendChild(nodeLink(claim.o));
    if (claim.neg) { li.appendChild(el("span", "tag denied", "denied")); }
    claim.m.forEach(function (m) { li.appendChild(el("span", "tag", m)); });
    var meta = [];
    if (claim.by.length) { meta.push("according to " + claim.by.join(", ")); }
    if (claim.sec) { meta.push(claim.sec); }
    var line = el("span", "meta", meta.join(" · "));
    claim.ref.forEach(function (n) {
      var a = el("a", "ref", "[" + n + "]");
      a.href = "citations.html#ref-" + n;
      line.appendChild(document.createTextNode(" "));
      line.appendChild(a);
    });
    line.appendChild(el("span", "iri", " " + claim.id));
    li.appendChild(line);
    return li;
  }
  function show(mark) {
    chosen.forEach(function (m) { m.classList.remove("chosen"); });
    chosen = [mark];
    mark.classList.add("chosen");
    panel.classList.add("open");
    list.textContent = "";
    hint.hidden = true;
    mark.getAttribute("data-passages").split(" ").forEach(function (i) {
      var passage = data.passages[Number(i)];
      list.appendChild(el("blockquote", "quote", passage.exact));
      var ol = el("ol");
      passage.claims.forEach(function (iri) { ol.appendChild(claimItem(data.claims[iri])); });
      list.appendChild(el("p", "muted", passage.claims.length + (passage.claims.length === 1 ? " claim" : " claims")));
      list.appendChild(ol);
    });
  }
  document.querySelectorAll("mark.passage[data-passages]").forEach(function (mark) {
    mark.addEventListener("click", function () { show(mark); });
    mark.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); show(mark); }
    });
  });
  window.hskgReport = { ready: true, show: show };
})();
