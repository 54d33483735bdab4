/* hskg explorer, part 7 of 9: the search box. Labels and alternative labels, best first;
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
    /** The results for what the box holds (unless it changed meanwhile), then ``then``. */
    function searchBox(then) {
      var text = input.value;
      ctx.graph.source.search(text, 20).then(function (list) {
        if (input.value !== text) { return; }
        showResults(list);
        if (then) { then(); }
      });
    }
    function move(step) {
      active = (active + step + found.length) % Math.max(found.length, 1);
      markActive();
    }
    input.addEventListener("input", function () { searchBox(null); });
    input.addEventListener("keydown", function (event) {
      var step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
      if (step) {
        if (found.length) { move(step); } else { searchBox(function () { move(step); }); }
        event.preventDefault();
      } else if (event.key === "Enter") {
        if (found.length) { pick(Math.max(active, 0)); } else { searchBox(function () { pick(Math.max(active, 0)); }); }
      } else if (event.key === "Escape") { showResults([]); event.stopPropagation(); }
    });
  };
}());
