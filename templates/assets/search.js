// Search page of gids: loads the precomputed index (search-index.json, schema in README.md)
// and ranks pages with BM25 over field-weighted term frequencies. No dependencies, no build
// step; without JavaScript the page shows links to the guides instead. The ranking core,
// createSearch(index), has no DOM code, so the tests run it under Node on a built index.
(function () {
  "use strict";

  // Same folding as the builder (TextFolding.fold): NFKD, drop combining marks, lowercase.
  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }

  // Same split as the builder (Tokenizer.words): runs of letters and digits.
  function words(text) {
    return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function createSearch(index) {
    var sortedForms = Object.keys(index.forms).sort();
    var total = 0;
    index.documents.forEach(function (d) { total += d.length; });
    var averageLength = total / Math.max(1, index.documents.length);
    var has = Object.prototype.hasOwnProperty;

    // First form at or after `prefix` in the sorted form list (binary search).
    function lowerBound(prefix) {
      var lo = 0, hi = sortedForms.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (sortedForms[mid] < prefix) lo = mid + 1; else hi = mid;
      }
      return lo;
    }

    // Edit distance (Levenshtein) of a and b, or limit + 1 as soon as it exceeds limit.
    function distance(a, b, limit) {
      if (Math.abs(a.length - b.length) > limit) return limit + 1;
      var previous = [], current = [];
      for (var j = 0; j <= b.length; j++) previous[j] = j;
      for (var i = 1; i <= a.length; i++) {
        current = [i];
        var rowMin = i;
        for (j = 1; j <= b.length; j++) {
          current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (current[j] < rowMin) rowMin = current[j];
        }
        if (rowMin > limit) return limit + 1;
        previous = current;
      }
      return previous[b.length];
    }

    // Stems a query word stands for, with a weight: its own stem when the word occurs in the
    // site (1); the stems of the words it begins (0.6) when it has no stem of its own, or when
    // it is the word being typed; failing both, words one edit away (two for words of nine
    // letters or more) for words of five letters or more (0.4), so typos rank below the rest.
    function expand(word, typing) {
      var stems = {};
      if (has.call(index.forms, word)) stems[index.forms[word]] = 1;
      if (has.call(index.terms, word)) stems[word] = 1;
      if (word.length >= 3 && (typing || Object.keys(stems).length === 0)) {
        for (var i = lowerBound(word), n = 0; i < sortedForms.length && n < 50; i++, n++) {
          var form = sortedForms[i];
          if (form.lastIndexOf(word, 0) !== 0) break;
          var stem = index.forms[form];
          if (!has.call(stems, stem)) stems[stem] = 0.6;
        }
      }
      if (Object.keys(stems).length === 0 && word.length >= 5) {
        var limit = word.length >= 9 ? 2 : 1;
        sortedForms.forEach(function (candidate) {
          if (distance(word, candidate, limit) <= limit && !has.call(stems, index.forms[candidate])) {
            stems[index.forms[candidate]] = 0.4;
          }
        });
      }
      return stems;
    }

    // The query words that are searched for: long enough and not stop words.
    function queryWords(query) {
      return words(query).filter(function (w) {
        return w.length >= index.minimumWordLength && index.stopWords.indexOf(w) < 0;
      });
    }

    // A query word the site does not have, split into two words it does have (a modifier and
    // a head of at least four letters, with a linking -s-, -e- or -en- between): the same rule
    // as the builder's decompounder (Koehn & Knight 2003), so `mantelzorgbeleid` finds pages
    // about mantelzorg and beleid.
    function splitCompound(word) {
      if (word.length < 8) return null;
      for (var cut = 4; cut <= word.length - 4; cut++) {
        var head = word.slice(cut);
        if (!has.call(index.forms, head)) continue;
        var links = ["", "s", "en", "e"];
        for (var l = 0; l < links.length; l++) {
          var end = cut - links[l].length;
          if (end < 4 || word.slice(end, cut) !== links[l]) continue;
          var modifier = word.slice(0, end);
          if (has.call(index.forms, modifier)) return [modifier, head];
        }
      }
      return null;
    }

    // Synonym groups (content/synoniemen.yml) as lists of word lists.
    var synonymGroups = (index.synonyms || []).map(function (group) {
      return group.map(function (member) { return queryWords(member); }).filter(function (m) { return m.length; });
    });

    // The query as slots: each slot is a list of alternatives, each alternative a list of
    // words that must all match. A word or phrase of a synonym group becomes one slot with every
    // member of the group as an alternative; any other word is a slot of its own.
    function slots(list) {
      var result = [];
      for (var i = 0; i < list.length; ) {
        var found = null;
        synonymGroups.forEach(function (group) {
          group.forEach(function (member) {
            if (found && found.length >= member.length) return;
            if (member.every(function (w, k) { return list[i + k] === w; })) found = { length: member.length, group: group };
          });
        });
        if (found) {
          result.push({ alternatives: found.group, last: i + found.length === list.length });
          i += found.length;
        } else {
          var alternatives = [[list[i]]];
          var parts = has.call(index.forms, list[i]) ? null : splitCompound(list[i]);
          if (parts) alternatives.push(parts);
          result.push({ alternatives: alternatives, last: i === list.length - 1 });
          i += 1;
        }
      }
      return result;
    }

    // Best BM25 score per document of one word: the best of its stems, so a word that begins
    // many words does not count many times.
    function wordScores(word, typing, found) {
      var N = index.documents.length;
      var stems = expand(word, typing);
      var best = {};
      Object.keys(stems).forEach(function (stem) {
        var postings = index.terms[stem];
        if (!postings) return;
        found[stem] = true;
        var idf = Math.log(1 + (N - postings.length + 0.5) / (postings.length + 0.5));
        postings.forEach(function (posting) {
          var doc = posting[0], tf = posting[1];
          var norm = index.k1 * (1 - index.b + index.b * index.documents[doc].length / averageLength);
          var score = stems[stem] * idf * (tf * (index.k1 + 1)) / (tf + norm);
          if (!(best[doc] >= score)) best[doc] = score;
        });
      });
      return best;
    }

    // Ranked results {results: [document index], stems: {stem: true}, words}. Each slot adds
    // the score of its best alternative per page (an alternative of several words counts only
    // where all of them match, with the mean of their scores); pages matching more slots come
    // first; a page that holds the whole query as a phrase gets 1.5 times its score.
    function search(query) {
      var list = queryWords(query);
      var typing = !/\s$/.test(query);
      var scores = {}, matched = {}, found = {};
      slots(list).forEach(function (slot) {
        var best = {};
        slot.alternatives.forEach(function (alternative) {
          var sum = null;
          alternative.forEach(function (word, k) {
            var perWord = wordScores(word, typing && slot.last && k === alternative.length - 1, found);
            if (sum === null) { sum = perWord; return; }
            var both = {};
            Object.keys(sum).forEach(function (doc) { if (has.call(perWord, doc)) both[doc] = sum[doc] + perWord[doc]; });
            sum = both;
          });
          Object.keys(sum || {}).forEach(function (doc) {
            var score = sum[doc] / alternative.length;
            if (!(best[doc] >= score)) best[doc] = score;
          });
        });
        Object.keys(best).forEach(function (doc) {
          scores[doc] = (scores[doc] || 0) + best[doc];
          matched[doc] = (matched[doc] || 0) + 1;
        });
      });
      if (list.length >= 2) {
        var phrase = list.join(" ");
        Object.keys(scores).forEach(function (doc) {
          var d = index.documents[doc];
          if (words(d.title + " " + d.summary + " " + d.text).join(" ").indexOf(phrase) >= 0) scores[doc] *= 1.5;
        });
      }
      var results = Object.keys(scores).map(Number).sort(function (a, b) {
        if (matched[a] !== matched[b]) return matched[b] - matched[a];
        if (scores[a] !== scores[b]) return scores[b] - scores[a];
        return a - b;
      });
      return { results: results, stems: found, words: list };
    }

    // HTML of a snippet of about 180 characters around the first word whose stem matched,
    // with every such word in <mark>; the text is escaped.
    function snippet(text, stems) {
      var hits = [];
      var pattern = /[\p{L}\p{N}]+/gu, m;
      while ((m = pattern.exec(text)) !== null) {
        var folded = fold(m[0]);
        if (has.call(index.forms, folded) && stems[index.forms[folded]]) hits.push([m.index, m.index + m[0].length]);
      }
      var from = hits.length ? Math.max(0, hits[0][0] - 60) : 0;
      if (from > 0) {
        var space = text.indexOf(" ", from);
        if (space >= 0 && space < hits[0][0]) from = space + 1;
      }
      var to = Math.min(text.length, from + 180);
      var html = "", cursor = from;
      hits.forEach(function (hit) {
        if (hit[0] < cursor || hit[1] > to) return;
        html += escapeHTML(text.slice(cursor, hit[0])) + "<mark>" + escapeHTML(text.slice(hit[0], hit[1])) + "</mark>";
        cursor = hit[1];
      });
      html += escapeHTML(text.slice(cursor, to));
      return (from > 0 ? "… " : "") + html + (to < text.length ? " …" : "");
    }

    return { search: search, snippet: snippet };
  }

  if (typeof module === "object" && module.exports) {
    module.exports = createSearch;
    return;
  }

  var form = document.querySelector("form[data-index]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("_zoek-status");
  var list = document.getElementById("_zoek-resultaten");
  var engine = null, index = null;

  function show(query) {
    list.innerHTML = "";
    list.hidden = true;
    if (!query.trim()) { status.textContent = ""; return; }
    var found = engine.search(query);
    var results = found.results;
    list.hidden = results.length === 0;
    status.textContent = found.words.length === 0
      ? "Zoek op een woord met inhoud: woorden als ‘de’ en ‘het’ worden overgeslagen."
      : results.length === 0
      ? "Geen resultaten voor ‘" + query + "’. Probeer een ander of korter woord."
      : results.length + (results.length === 1 ? " resultaat" : " resultaten") + " voor ‘" + query + "’";
    var base = form.getAttribute("data-index").replace(/search-index\.json$/, "");
    var suffix = form.getAttribute("data-page-suffix") || "";
    results.slice(0, 50).forEach(function (result) {
      var doc = index.documents[result];
      var item = document.createElement("li");
      var meta = doc.guide + (doc.phase ? " · " + doc.phase : "");
      item.innerHTML = '<a href="' + escapeHTML(base + doc.url + suffix) + '">' + escapeHTML(doc.title) + "</a>" +
        '<p class="meta">' + escapeHTML(meta) + "</p>" +
        "<p>" + engine.snippet(doc.text || doc.summary, found.stems) + "</p>";
      list.appendChild(item);
    });
  }

  // Arrow keys: from the field down into the results, and between result links; Escape goes
  // back to the field. Tab works as always.
  function resultLinks() { return Array.prototype.slice.call(list.querySelectorAll("li > a")); }
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && resultLinks().length) {
      event.preventDefault();
      resultLinks()[0].focus();
    }
  });
  list.addEventListener("keydown", function (event) {
    var links = resultLinks();
    var at = links.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" && at + 1 < links.length) {
      event.preventDefault();
      links[at + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (at > 0 ? links[at - 1] : input).focus();
    } else if (event.key === "Escape") {
      input.focus();
    }
  });

  function currentQuery() {
    var match = /[?&]q=([^&]*)/.exec(window.location.search);
    if (!match) return "";
    try {
      return decodeURIComponent(match[1].replace(/\+/g, " "));
    } catch (error) {
      return match[1].replace(/\+/g, " ");  // a stray % is text, not an escape
    }
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (!engine) return;
      show(input.value);
      var url = input.value ? "?q=" + encodeURIComponent(input.value) : window.location.pathname;
      window.history.replaceState(null, "", url);
    }, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (engine) show(input.value);
  });

  status.textContent = "De zoekindex wordt geladen…";
  fetch(form.getAttribute("data-index"))
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(function (data) {
      index = data;
      engine = createSearch(index);
      status.textContent = "";
      var query = currentQuery();
      if (query) { input.value = query; show(query); }
    })
    .catch(function () {
      status.textContent = window.location.protocol === "file:"
        ? "Zoeken werkt niet als je de site als bestand opent: de browser blokkeert dan het laden van de zoekindex. Zet de map op een webserver, of blader in de gidsen hieronder."
        : "De zoekindex kon niet worden geladen. Gebruik de gidsen om pagina's te vinden.";
    });
})();
