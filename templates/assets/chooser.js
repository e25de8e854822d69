// The Keuzewijzer's filters and comparison, as progressive enhancement: without JavaScript the
// chooser lists every tool and links to a page per facet value, and the comparison page shows
// every tool. With it: filters over the tool cards from tools.json, counts per value, a
// "no tools match" state, the filter state in the URL query (shareable), and a choice of two or
// three tools to compare. No dependencies; runs under the site's Content-Security-Policy.
(function () {
  "use strict";

  // ---- Comparison page: ?tools=a,b shows only those columns. ----
  var table = document.querySelector("table.compare");
  if (table) {
    var wanted = (new URLSearchParams(window.location.search).get("tools") || "").split(",").filter(Boolean);
    if (!wanted.length) return;
    var known = Array.prototype.map.call(table.querySelectorAll("thead th[data-tool]"), function (th) {
      return th.getAttribute("data-tool");
    });
    var picked = wanted.filter(function (id) { return known.indexOf(id) >= 0; });
    var status = document.getElementById("_vergelijk-status");
    document.getElementById("_vergelijk-alle").hidden = false;
    if (!picked.length) {
      status.textContent = "Geen van de gevraagde tools bestaat. Hieronder staan alle tools.";
      return;
    }
    table.querySelectorAll("[data-tool]").forEach(function (cell) {
      cell.hidden = picked.indexOf(cell.getAttribute("data-tool")) < 0;
    });
    document.getElementById("_vergelijk-lead").hidden = true;
    status.textContent = picked.length === 1 ? "1 tool getoond." : picked.length + " tools naast elkaar.";
    return;
  }

  var section = document.querySelector("[data-tools]");
  var form = document.getElementById("_filters");
  if (!section || !form) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll("#_tools > li[data-tool]"));
  var status = document.getElementById("_filter-status");
  var empty = document.getElementById("_geen-tools");
  var compareBar = section.querySelector(".compare-bar");
  var compareLink = document.getElementById("_vergelijk");
  var data = null;

  function selection() {
    var chosen = {};
    form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      (chosen[box.name] = chosen[box.name] || []).push(box.value);
    });
    return chosen;
  }

  // A tool matches when, for every facet with choices, it has at least one chosen value.
  function matches(tool, chosen, except) {
    return Object.keys(chosen).every(function (facet) {
      if (facet === except) return true;
      var values = tool.values[facet] || [];
      if (typeof values === "boolean") values = [values ? "ja" : "nee"];
      return chosen[facet].some(function (value) { return values.indexOf(value) >= 0; });
    });
  }

  function apply(updateURL, announce) {
    var chosen = selection();
    var visible = 0;
    var byID = {};
    data.tools.forEach(function (tool) { byID[tool.id] = tool; });
    cards.forEach(function (card) {
      var tool = byID[card.getAttribute("data-tool")];
      var show = !!tool && matches(tool, chosen);
      card.hidden = !show;
      if (show) visible += 1;
    });
    // Counts: how many tools a value would give, with the choices in the other facets.
    form.querySelectorAll("[data-count]").forEach(function (span) {
      var parts = span.getAttribute("data-count").split(":");
      var count = data.tools.filter(function (tool) {
        var values = tool.values[parts[0]] || [];
        return values.indexOf(parts[1]) >= 0 && matches(tool, chosen, parts[0]);
      }).length;
      span.textContent = "(" + count + ")";
    });
    // Only a change is announced: on load the status keeps the page's own text.
    if (announce) {
      status.textContent = visible === 1 ? "1 tool past bij je keuzes" : visible + " tools passen bij je keuzes";
    }
    empty.hidden = visible !== 0;
    updateCompare();
    if (updateURL) {
      var params = new URLSearchParams();
      Object.keys(chosen).sort().forEach(function (facet) { params.set(facet, chosen[facet].join(",")); });
      var query = params.toString();
      window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
    }
  }

  function restore() {
    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      var values = (params.get(box.name) || "").split(",");
      box.checked = values.indexOf(box.value) >= 0;
    });
  }

  // Tools ticked for comparison that the filters still show; at most three.
  function updateCompare() {
    var picked = cards.filter(function (card) {
      var box = card.querySelector("input[name=vergelijk]");
      return !card.hidden && box && box.checked;
    }).map(function (card) { return card.getAttribute("data-tool"); });
    section.querySelectorAll("input[name=vergelijk]").forEach(function (box) {
      box.disabled = !box.checked && picked.length >= 3;
    });
    compareLink.hidden = picked.length < 2;
    compareLink.textContent = "Vergelijk de " + picked.length + " gekozen tools";
    compareLink.href = compareLink.href.split("?")[0] + "?tools=" + picked.map(encodeURIComponent).join(",");
  }

  function start(json) {
    data = json;
    form.hidden = false;
    compareBar.hidden = false;
    section.querySelectorAll(".compare-toggle").forEach(function (toggle) { toggle.hidden = false; });
    restore();
    apply(false, window.location.search.length > 1);
    form.addEventListener("change", function () { apply(true, true); });
    document.querySelectorAll("[data-reset]").forEach(function (button) {
      button.addEventListener("click", function () {
        form.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = false; });
        apply(true, true);
        var first = form.querySelector("input[type=checkbox]");
        if (first) first.focus();
      });
    });
    section.addEventListener("change", function (event) {
      if (event.target.name === "vergelijk") updateCompare();
    });
    window.addEventListener("popstate", function () { restore(); apply(false, true); });
  }

  var request = new XMLHttpRequest();
  request.open("GET", section.getAttribute("data-tools"));
  request.onload = function () {
    if (request.status === 200 || (request.status === 0 && request.responseText)) {
      try { start(JSON.parse(request.responseText)); } catch (error) { /* the page works without filters */ }
    }
  };
  request.send();
})();
