/* hskg explorer, part 7 of 8: the search box. Labels and alternative labels, best first;
 * arrows move in the list, Enter starts from the node, Esc closes the list. */
(function () {
  "use strict";
  var X = window.hskgExplore;

  X.makeSearch = function (ctx) {
    var input = document.getElementById("x-search"), results = document.getElementById("x-results");
    var found = [], active = -1;
    function showResults(list) {
      found = list;
      active = list.length ? 0 : -1;
      while (results.firstChild) { results.removeChild(results.firstChild); }
      list.forEach(function (r, i) {
        var li = ctx.el("li", "x-result", r.label);
        li.id = "x-result-" + i;
        li.setAttribute("role", "option");
        li.dataset.node = r.id;
        li.appendChild(ctx.el("span", "x-hint", r.alt ? r.kind + " · " + r.alt : r.kind));
        li.addEventListener("mousedown", function (event) { event.preventDefault(); pick(i); });
        results.appendChild(li);
      });
      results.hidden = !list.length;
      input.setAttribute("aria-expanded", list.length ? "true" : "false");
      markActive();
    }
    function markActive() {
      Array.prototype.forEach.call(results.children, function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
      if (active >= 0) { input.setAttribute("aria-activedescendant", "x-result-" + active); }
      else { input.removeAttribute("aria-activedescendant"); }
    }
    function pick(i) {
      var r = found[i];
      if (!r) { return; }
      showResults([]);
      input.value = r.label;
      ctx.actions.startFrom(r.id);
      ctx.panel.showNode(r.id);
    }
    input.addEventListener("input", function () { showResults(ctx.graph.search(input.value, 20)); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!found.length) { showResults(ctx.graph.search(input.value, 20)); }
        active = (active + (event.key === "ArrowDown" ? 1 : found.length - 1)) % Math.max(found.length, 1);
        markActive();
        event.preventDefault();
      } else if (event.key === "Enter") {
        if (!found.length) { showResults(ctx.graph.search(input.value, 20)); }
        pick(Math.max(active, 0));
      } else if (event.key === "Escape") { showResults([]); event.stopPropagation(); }
    });
  };
}());
