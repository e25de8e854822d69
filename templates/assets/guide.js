// "In welke fase zit jouw gemeente?": on a phased guide's home page, choosing a phase shows only
// that phase's pages, with a button back to all phases. Without JavaScript the choices are
// plain links to the phase sections. The choice is kept in the URL fragment (#fase-<id>).
(function () {
  "use strict";
  var choices = document.querySelectorAll("[data-phase]");
  var sections = document.querySelectorAll("[data-phase-section]");
  var reset = document.querySelector(".phase-reset");
  if (!choices.length || !sections.length || !reset) return;

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
    reset.hidden = phase === null;
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
  reset.querySelector("button").addEventListener("click", function () {
    show(null);
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  });
  var match = /^#fase-(.+)$/.exec(window.location.hash);
  if (match) show(decodeURIComponent(match[1]));
})();
