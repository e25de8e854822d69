// The Keuzewijzer's comparison, as progressive enhancement: without JavaScript the comparison
// page shows every tool. With it: a choice of two or three tools on the chooser (among those
// its filters show, see filters.js), and ?tools=a,b on the comparison page shows only those.
// No dependencies; runs under the site's Content-Security-Policy.
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

  // ---- Chooser: ticking two or three tools to compare. The filters are filters.js's. ----
  var section = document.querySelector("[data-tools]");
  if (!section) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll("#_tools > li[data-tool]"));
  var compareBar = section.querySelector(".compare-bar");
  var compareLink = document.getElementById("_vergelijk");

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

  compareBar.hidden = false;
  section.querySelectorAll(".compare-toggle").forEach(function (toggle) { toggle.hidden = false; });
  updateCompare();
  document.addEventListener("filters-change", updateCompare);
  section.addEventListener("change", function (event) {
    if (event.target.name === "vergelijk") updateCompare();
  });
})();
