// "In welke fase zit jouw gemeente?": on a phased guide's home page, choosing a phase shows only
// that phase's pages, with buttons back to all phases. Without JavaScript the choices are
// plain links to the phase sections. When the page also has filters with the phase among them
// (`filters:` in guide.yml, see filters.js), the choice is that filter: choosing a phase ticks
// it alone, "Toon alle fasen" clears it, and the choices follow the filter, so the two never
// disagree; the choice is then kept in the URL query. Otherwise it is kept in the URL fragment
// (#fase-<id>).
(function () {
  "use strict";
  var choices = document.querySelectorAll("[data-phase]");
  var sections = document.querySelectorAll("[data-phase-section]");
  var resets = document.querySelectorAll(".phase-reset");
  if (!choices.length || !sections.length || !resets.length) return;
  var known = Array.prototype.map.call(sections, function (section) {
    return section.getAttribute("data-phase-section");
  });
  var chooser = document.querySelector("[data-phase-axis]");
  var form = document.querySelector("form[data-filters]");
  var axis = chooser && chooser.getAttribute("data-phase-axis");
  var boxes = form && axis ? form.querySelectorAll("input[type=checkbox][name='" + axis + "']") : [];

  function mark(phase) {
    choices.forEach(function (choice) {
      if (choice.getAttribute("data-phase") === phase) {
        choice.setAttribute("aria-current", "true");
      } else {
        choice.removeAttribute("aria-current");
      }
    });
    resets.forEach(function (reset) { reset.hidden = phase === null; });
  }

  // With the phase filter: the filter shows and hides; the chooser sets it and follows it.
  function filtered(phase) {
    boxes.forEach(function (box) { box.checked = phase !== null && box.value === phase; });
    form.dispatchEvent(new Event("change", { bubbles: true }));
  }
  function followFilter() {
    var ticked = Array.prototype.filter.call(boxes, function (box) { return box.checked; });
    mark(ticked.length === 1 ? ticked[0].value : null);
  }

  function show(phase) {
    if (boxes.length) {
      filtered(phase);
      return;
    }
    sections.forEach(function (section) {
      section.hidden = phase !== null && section.getAttribute("data-phase-section") !== phase;
    });
    mark(phase);
  }

  choices.forEach(function (choice) {
    choice.addEventListener("click", function (event) {
      event.preventDefault();
      var phase = choice.getAttribute("data-phase");
      show(phase);
      if (!boxes.length) window.history.replaceState(null, "", "#fase-" + phase);
      var heading = document.querySelector("[data-phase-section='" + phase + "'] h2");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    });
  });
  resets.forEach(function (reset) {
    reset.querySelector("button").addEventListener("click", function () {
      var current = document.querySelector("[data-phase][aria-current]") || choices[0];
      show(null);
      if (!boxes.length) window.history.replaceState(null, "", window.location.pathname + window.location.search);
      // The button is gone now: focus goes back to the choice that was made.
      current.focus();
    });
  });
  if (boxes.length) form.addEventListener("change", followFilter);
  var match = /^#fase-(.+)$/.exec(window.location.hash);
  var phase = null;
  if (match) {
    try { phase = decodeURIComponent(match[1]); } catch (error) { phase = null; }
  }
  // A phase in the query (the filter) wins over an old #fase- link.
  if (boxes.length && Array.prototype.some.call(boxes, function (box) { return box.checked; })) {
    followFilter();
  } else if (known.indexOf(phase) >= 0) {
    show(phase);
  }
})();
