// "In welke fase zit jouw gemeente?": on a phased guide's home page, choosing a phase shows only
// that phase's pages, with buttons back to all phases. Without JavaScript the choices are
// plain links to the phase sections. The choice is kept in the URL fragment (#fase-<id>).
(function () {
  "use strict";
  var choices = document.querySelectorAll("[data-phase]");
  var sections = document.querySelectorAll("[data-phase-section]");
  var resets = document.querySelectorAll(".phase-reset");
  if (!choices.length || !sections.length || !resets.length) return;
  var known = Array.prototype.map.call(sections, function (section) {
    return section.getAttribute("data-phase-section");
  });

  function show(phase) {
    sections.forEach(function (section) {
      section.hidden = phase !== null && section.getAttribute("data-phase-section") !== phase;
    });
    choices.forEach(function (choice) {
      if (choice.getAttribute("data-phase") === phase) {
        choice.setAttribute("aria-current", "true");
      } else {
        choice.removeAttribute("aria-current");
      }
    });
    resets.forEach(function (reset) { reset.hidden = phase === null; });
  }

  choices.forEach(function (choice) {
    choice.addEventListener("click", function (event) {
      event.preventDefault();
      var phase = choice.getAttribute("data-phase");
      show(phase);
      window.history.replaceState(null, "", "#fase-" + phase);
      var heading = document.querySelector("[data-phase-section='" + phase + "'] h2");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    });
  });
  resets.forEach(function (reset) {
    reset.querySelector("button").addEventListener("click", function () {
      var current = document.querySelector("[data-phase][aria-current]") || choices[0];
      show(null);
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
      // The button is gone now: focus goes back to the choice that was made.
      current.focus();
    });
  });
  var match = /^#fase-(.+)$/.exec(window.location.hash);
  if (match) {
    var phase = null;
    try { phase = decodeURIComponent(match[1]); } catch (error) { phase = null; }
    if (known.indexOf(phase) >= 0) show(phase);
  }
})();
