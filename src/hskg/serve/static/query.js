/* The query page: run the editor's query or a catalog example, show the answer as a table
   with labels and links to node pages, keep the query in the URL, offer CSV and JSON.
   Every value is put in the page as text (textContent), never as HTML. */
(function () {
  "use strict";
  var ID = "https://w3id.org/hskg/id/";
  var form = document.getElementById("query-form");
  var area = document.getElementById("query");
  var results = document.getElementById("results");
  var statusLine = document.getElementById("status");
  var downloads = document.getElementById("downloads");
  var editor = window.CodeMirror ? CodeMirror.fromTextArea(area, {mode: "application/sparql-query",
    lineNumbers: true, indentUnit: 2}) : null;
  window.hskgQuery = {editor: editor, done: 0};

  function text() { return editor ? editor.getValue() : area.value; }
  function setText(value) { if (editor) { editor.setValue(value); } else { area.value = value; } }

  function nodeHref(iri) {
    if (iri.indexOf(ID) === 0) {
      return "/id/" + iri.slice(ID.length).split("/").map(encodeURIComponent).join("/");
    }
    return "/node?iri=" + encodeURIComponent(iri);
  }

  function element(tag, content, attributes) {
    var node = document.createElement(tag);
    if (content !== undefined && content !== null) { node.textContent = content; }
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    return node;
  }

  function link(href, label) { return element("a", label, {href: href}); }

  function showDownloads(base, formats) {
    downloads.textContent = "";
    formats.forEach(function (format) {
      var a = link(base + (base.indexOf("?") < 0 ? "?" : "&") + "format=" + format, format.toUpperCase());
      a.setAttribute("download", "hskg-results." + format);
      downloads.appendChild(a);
      downloads.appendChild(document.createTextNode(" "));
    });
  }

  function fail(message) {
    results.textContent = "";
    results.appendChild(element("p", message, {"class": "error"}));
    statusLine.textContent = "";
    window.hskgQuery.done += 1;
  }

  function fetchLabels(iris) {
    if (!iris.length) { return Promise.resolve({}); }
    return fetch("/labels", {method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify(iris)}).then(function (r) { return r.ok ? r.json() : {}; });
  }

  function cell(term, labels) {
    var td = element("td");
    if (!term) { return td; }
    if (term.type === "uri") {
      var a = link(nodeHref(term.value), labels[term.value] || term.value);
      a.setAttribute("title", term.value);
      td.appendChild(a);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.textContent = term.value;
    }
    return td;
  }

  function showTable(data, started) {
    if (typeof data.boolean === "boolean") {
      results.textContent = "";
      results.appendChild(element("p", "ASK: " + data.boolean, {"class": "boolean"}));
      statusLine.textContent = "";
      window.hskgQuery.done += 1;
      return;
    }
    var vars = data.head.vars, rows = data.results.bindings, iris = {};
    rows.forEach(function (row) {
      vars.forEach(function (v) { if (row[v] && row[v].type === "uri") { iris[row[v].value] = true; } });
    });
    fetchLabels(Object.keys(iris)).then(function (labels) {
      var table = element("table", null, {"class": "results"});
      var head = element("tr");
      vars.forEach(function (v) { head.appendChild(element("th", v)); });
      table.appendChild(element("thead")).appendChild(head);
      var body = table.appendChild(element("tbody"));
      rows.forEach(function (row) {
        var tr = element("tr");
        vars.forEach(function (v) { tr.appendChild(cell(row[v], labels)); });
        body.appendChild(tr);
      });
      results.textContent = "";
      results.appendChild(table);
      statusLine.textContent = rows.length + " row" + (rows.length === 1 ? "" : "s") + " in " +
        Math.round(performance.now() - started) + " ms";
      window.hskgQuery.done += 1;
    });
  }

  function show(response, started, base) {
    if (!response.ok) {
      downloads.textContent = "";
      return response.text().then(function (message) { fail(response.status + ": " + message); });
    }
    var type = response.headers.get("Content-Type") || "";
    showDownloads(base, type.indexOf("json") >= 0 ? ["csv", "json"] : ["ttl", "jsonld"]);
    if (type.indexOf("json") >= 0) { return response.json().then(function (d) { showTable(d, started); }); }
    return response.text().then(function (body) {
      results.textContent = "";
      results.appendChild(element("pre", body, {"class": "graph"}));
      statusLine.textContent = "";
      window.hskgQuery.done += 1;
    });
  }

  var ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";

  function runText(sparql) {
    var started = performance.now();
    statusLine.textContent = "running…";
    history.replaceState(null, "", "/?query=" + encodeURIComponent(sparql));
    var base = "/sparql?query=" + encodeURIComponent(sparql);
    return fetch("/sparql", {method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded",
      "Accept": ACCEPT}, body: "query=" + encodeURIComponent(sparql)})
      .then(function (r) { return show(r, started, base); }, function (e) { fail(String(e)); });
  }

  function runCatalog(catalogForm) {
    var name = catalogForm.getAttribute("data-name"), params = new URLSearchParams();
    Array.prototype.forEach.call(catalogForm.querySelectorAll("input:not([type=hidden])"), function (input) {
      params.append(input.name, input.value);
    });
    var query = params.toString(), api = "/api/" + encodeURIComponent(name) + (query ? "?" + query : "");
    var shared = new URLSearchParams(params); shared.set("name", name);
    setText(catalogForm.parentNode.querySelector("pre.example-text").textContent);  // the query, to read
    history.replaceState(null, "", "/?" + shared.toString());
    statusLine.textContent = "running…";
    var started = performance.now();
    return fetch(api, {headers: {"Accept": "application/sparql-results+json"}})
      .then(function (r) { return show(r, started, api); }, function (e) { fail(String(e)); });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); runText(text()); });
  Array.prototype.forEach.call(document.querySelectorAll("form.catalog-form"), function (catalogForm) {
    catalogForm.addEventListener("submit", function (event) { event.preventDefault(); runCatalog(catalogForm); });
    catalogForm.querySelector("button.edit").addEventListener("click", function () {
      setText(catalogForm.parentNode.querySelector("pre.example-text").textContent);
      window.scrollTo(0, 0);
    });
  });

  var here = new URLSearchParams(location.search);
  if (here.get("query")) {
    runText(here.get("query"));
  } else if (here.get("name")) {
    var chosen = document.querySelector("form.catalog-form[data-name='" + CSS.escape(here.get("name")) + "']");
    if (chosen) {
      chosen.parentNode.open = true;
      here.forEach(function (value, key) {
        var input = chosen.querySelector("input[name='" + CSS.escape(key) + "']:not([type=hidden])");
        if (input) { input.value = value; }
      });
      runCatalog(chosen);
    }
  }
}());
