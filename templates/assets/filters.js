// Filters on a guide's listing pages and on the chooser, as progressive enhancement: without
// JavaScript the form stays hidden, every card is shown and every value has its own page.
// Each card carries its values as `taxonomy:value` tokens (data-values) and a key (data-item:
// one page may stand on several cards). A card is shown when, for every taxonomy with a
// choice, it has one of the chosen values (OR within a taxonomy, AND across). Each value
// shows how many items it would give with the choices in the other taxonomies; groups
// without a shown card are hidden; the choice is kept in the URL query (?doelgroep=a,b).
// No dependencies; runs under the site's Content-Security-Policy.
(function () {
  "use strict";
  var form = document.querySelector("form[data-filters]");
  if (!form) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll("[data-item][data-values]")).map(function (card) {
    return { element: card, item: card.getAttribute("data-item"), tokens: card.getAttribute("data-values").split(" ") };
  });
  var status = document.querySelector("[data-filter-status]");
  var empty = document.querySelector("[data-filter-empty]");
  var groups = document.querySelectorAll("[data-filter-group]");
  var nouns = (form.getAttribute("data-noun") || "pagina|pagina’s").split("|");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));

  function label(count) { return count === 1 ? "1 " + nouns[0] : count + " " + nouns[1]; }

  // Taxonomy → chosen values.
  function selection() {
    var chosen = {};
    boxes.forEach(function (box) {
      if (box.checked) (chosen[box.name] = chosen[box.name] || []).push(box.value);
    });
    return chosen;
  }

  function matches(card, chosen, except) {
    return Object.keys(chosen).every(function (taxonomy) {
      if (taxonomy === except) return true;
      return chosen[taxonomy].some(function (value) { return card.tokens.indexOf(taxonomy + ":" + value) >= 0; });
    });
  }

  // How many distinct items the cards give.
  function distinct(list) {
    var seen = {};
    list.forEach(function (card) { seen[card.item] = true; });
    return Object.keys(seen).length;
  }

  function apply(updateURL, announce) {
    var chosen = selection();
    var shown = cards.filter(function (card) {
      var show = matches(card, chosen);
      card.element.hidden = !show;
      return show;
    });
    form.querySelectorAll("[data-count]").forEach(function (span) {
      var token = span.getAttribute("data-count");
      var taxonomy = token.split(":")[0];
      span.textContent = "(" + distinct(cards.filter(function (card) {
        return card.tokens.indexOf(token) >= 0 && matches(card, chosen, taxonomy);
      })) + ")";
    });
    // A group (a phase's section, a kind of page) without a shown card is left out, and the
    // counts beside its name follow the choice.
    groups.forEach(function (group) {
      var own = group.querySelectorAll("[data-item][data-values]");
      if (!own.length) {
        var count = group.querySelector("[data-group-count]");
        var target = count && document.getElementById(count.getAttribute("data-group-count"));
        own = target ? target.closest("[data-filter-group]").querySelectorAll("[data-item][data-values]") : [];
        if (!own.length) return;
      }
      var visible = Array.prototype.filter.call(own, function (card) { return !card.hidden; });
      if (visible.length) group.removeAttribute("data-filtered-out"); else group.setAttribute("data-filtered-out", "");
      group.querySelectorAll("[data-group-count]").forEach(function (span) {
        var n = distinct(visible.map(function (card) { return { item: card.getAttribute("data-item") }; }));
        span.textContent = "(" + (span.hasAttribute("data-count-label") ? label(n) : n) + ")";
      });
    });
    var count = distinct(shown);
    // Only a change is announced: on load the status keeps the page's own text. Without a
    // choice it says what the page says without JavaScript.
    if (announce && status) {
      status.textContent = !Object.keys(chosen).length ? label(count)
        : count === 1 ? "1 " + nouns[0] + " past bij je keuzes" : count + " " + nouns[1] + " passen bij je keuzes";
    }
    if (empty) empty.hidden = count !== 0;
    if (updateURL) {
      var params = new URLSearchParams(window.location.search);
      boxes.forEach(function (box) { params.delete(box.name); });
      Object.keys(chosen).sort().forEach(function (taxonomy) { params.set(taxonomy, chosen[taxonomy].join(",")); });
      var query = params.toString();
      window.history.replaceState(null, "", (query ? "?" + query : window.location.pathname) + window.location.hash);
    }
    form.dispatchEvent(new CustomEvent("filters-change", { bubbles: true }));
  }

  function restore() {
    var params = new URLSearchParams(window.location.search);
    boxes.forEach(function (box) {
      box.checked = (params.get(box.name) || "").split(",").indexOf(box.value) >= 0;
    });
  }

  form.hidden = false;
  var block = form.closest("[data-filter-block]");
  if (block) block.hidden = false;
  restore();
  apply(false, boxes.some(function (box) { return box.checked; }));
  form.addEventListener("change", function () { apply(true, true); });
  document.querySelectorAll("[data-reset]").forEach(function (button) {
    button.addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      apply(true, true);
      if (boxes.length) boxes[0].focus();
    });
  });
  window.addEventListener("popstate", function () { restore(); apply(false, true); });
})();
