// Search page of gids. The index is split (schema in README.md): `search-index.json` holds the
// parameters; a query then loads one vocabulary shard per first letter, the term shards of its
// stems and the documents it shows, so the bytes fetched do not grow with the site. Ranking is
// BM25 over field-weighted term frequencies. No dependencies, no build step; without
// JavaScript the page shows links to the guides instead. The ranking core, createSearch(meta,
// load), has no DOM code, so the tests run it under Node on a built site.
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

  // 32-bit FNV-1a of the UTF-8 bytes, as SearchIndex.termHash.
  function termHash(text) {
    var bytes = new TextEncoder().encode(text), hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
  }

  // The vocabulary shard of a folded word: its first ASCII letter or digit, else "_".
  function vocabularyKey(word) {
    var first = word.charAt(0);
    return /^[a-z0-9]$/.test(first) ? first : "_";
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

  // The index this script reads: its file format (SearchIndex.formatVersion) and its text
  // pipeline (SearchIndex.textPipeline: folding, splitting, stop words, stems). An index made
  // by another version of gids would give wrong results without an error, so it is refused.
  var FORMAT_VERSION = 4, TEXT_PIPELINE = 3;
  // Dutch plural and diminutive endings, longest first (Inflection.endings in the builder).
  var INFLECTIONS = ["etjes", "tjes", "pjes", "jes", "etje", "tje", "pje", "je", "en", "s"];
  // The share of its score a listing page (guide, phase, domain, value) keeps when the query
  // is not its title.
  var LISTING_WEIGHT = 0.5, LISTINGS = ["guide", "phase", "domain", "value"];

  // meta: the parsed search-index.json; load(path): a promise of the parsed JSON file at a path
  // relative to the site root (fetch in the browser, the file system under Node). Throws an
  // Error with code "index-version" for an index this script cannot read.
  function createSearch(meta, load) {
    if (!meta || meta.version !== FORMAT_VERSION || meta.textPipeline !== TEXT_PIPELINE) {
      var error = new Error("search index version " + (meta && meta.version) + "/" + (meta && meta.textPipeline) +
        ", this script reads " + FORMAT_VERSION + "/" + TEXT_PIPELINE);
      error.code = "index-version";
      throw error;
    }
    var has = Object.prototype.hasOwnProperty;
    var cache = {};
    function get(path) {
      if (!has.call(cache, path)) cache[path] = load(path);
      return cache[path];
    }
    var vocabularies = {};  // key → {form: stem} once loaded
    var sortedForms = {};   // key → sorted forms
    function vocabulary(key) {
      if (meta.vocabulary.indexOf(key) < 0) return Promise.resolve({});
      return get("search/vocab/" + key + ".json").then(function (shard) {
        vocabularies[key] = shard;
        if (!sortedForms[key]) sortedForms[key] = Object.keys(shard).sort();
        return shard;
      });
    }
    function postings(stem) {
      return get("search/terms/" + (termHash(stem) % meta.termShards) + ".json").then(function (shard) {
        return has.call(shard, stem) ? shard[stem] : null;
      });
    }
    function documentAt(number) { return get("search/doc/" + number + ".json"); }
    function stemOf(form) {
      var shard = vocabularies[vocabularyKey(form)];
      return shard && has.call(shard, form) ? shard[form] : null;
    }

    // The query words that are searched for: long enough and not stop words.
    function queryWords(query) {
      return words(query).filter(function (w) {
        return w.length >= meta.minimumWordLength && meta.stopWords.indexOf(w) < 0;
      });
    }

    // The query's words as typed (lowercased, NFC) where they differ from the folded word
    // (`financiële`), as the builder pairs them: only when folding kept the number of words.
    function writtenSpellings(query) {
      var folded = words(query);
      var written = query.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
      var out = {};
      if (written.length !== folded.length) return out;
      folded.forEach(function (word, i) { if (written[i] !== word) out[word] = written[i]; });
      return out;
    }

    // Documents that spell a query word as it was typed, counted per document: {doc: n}. Only
    // words the site writes with diacritics have a spelling shard entry.
    function exactSpellings(query, list) {
      var spelled = writtenSpellings(query), exact = {};
      return Promise.all(list.filter(function (word) { return has.call(spelled, word); }).map(function (word) {
        var key = vocabularyKey(word);
        if ((meta.spellings || []).indexOf(key) < 0) return null;
        return get("search/spellings/" + key + ".json").then(function (shard) {
          var variants = has.call(shard, word) ? shard[word] : {};
          (has.call(variants, spelled[word]) ? variants[spelled[word]] : []).forEach(function (doc) {
            exact[doc] = (exact[doc] || 0) + 1;
          });
        });
      })).then(function () { return exact; });
    }

    // Synonym groups (content/synoniemen.yml): each member as its words and as its stems.
    var synonymGroups = (meta.synonyms || []).map(function (group, g) {
      return group.map(function (member, m) {
        var stems = ((meta.synonymStems || [])[g] || [])[m];
        return { words: member.split(" "), stems: (stems || member).split(" ") };
      });
    });

    // A query word the site does not have, split into two words it does have (a modifier and a
    // head of at least four letters, with a linking -s-, -e- or -en- between): the rule of the
    // builder's decompounder (Koehn & Knight 2003), so `mantelzorgbeleid` finds pages about
    // mantelzorg and beleid. Needs the vocabulary shards of the word and of its possible heads.
    function splitCompound(word) {
      if (word.length < 8 || stemOf(word)) return null;
      for (var cut = 4; cut <= word.length - 4; cut++) {
        var head = word.slice(cut);
        if (!stemOf(head)) continue;
        var links = ["", "s", "en", "e"];
        for (var l = 0; l < links.length; l++) {
          var end = cut - links[l].length;
          if (end < 4 || word.slice(end, cut) !== links[l]) continue;
          var modifier = word.slice(0, end);
          if (stemOf(modifier)) return [modifier, head];
        }
      }
      return null;
    }

    // Stems a query word stands for, with a weight: its own stem when the word occurs in the
    // site (1); the stems of the words it begins (0.6) when it has no stem of its own, or when
    // it is the word being typed; failing both, words one edit away (two for words of nine
    // letters or more) for words of five letters or more (0.4), so typos rank below the rest.
    // Typos are looked for among words with the same first letter.
    function expand(word, typing) {
      var stems = {};
      var own = stemOf(word);
      if (own) stems[own] = 1;
      // A plural or diminutive the site does not have, as the word the site has (`torens`,
      // `biertje`): the endings of the builder's Inflection, weight 0.9.
      for (var e = 0; !own && e < INFLECTIONS.length; e++) {
        var cut = word.length - INFLECTIONS[e].length;
        if (cut < 3 || word.slice(cut) !== INFLECTIONS[e]) continue;
        var base = stemOf(word.slice(0, cut));
        if (base) { stems[base] = 0.9; break; }
      }
      var key = vocabularyKey(word), forms = sortedForms[key] || [], shard = vocabularies[key] || {};
      if (word.length >= 3 && (typing || !own)) {
        var lo = 0, hi = forms.length;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (forms[mid] < word) lo = mid + 1; else hi = mid; }
        for (var i = lo, n = 0; i < forms.length && n < 50; i++, n++) {
          if (forms[i].lastIndexOf(word, 0) !== 0) break;
          if (!has.call(stems, shard[forms[i]])) stems[shard[forms[i]]] = 0.6;
        }
      }
      if (Object.keys(stems).length === 0 && word.length >= 5) {
        var limit = word.length >= 9 ? 2 : 1;
        forms.forEach(function (candidate) {
          if (distance(word, candidate, limit) <= limit && !has.call(stems, shard[candidate])) stems[shard[candidate]] = 0.4;
        });
      }
      return stems;
    }

    // The query as slots: each slot is a list of alternatives, each alternative a list of
    // words that must all match. Where the query's words have the stems of a member of a
    // synonym group (or are its words, for a word the site itself does not use), the slot holds those words and every other member of the group; any other
    // word is a slot of its own (plus its two parts when it is a compound the site does not have).
    function slots(list) {
      var stems = list.map(function (word) { return stemOf(word) || word; });
      var result = [];
      for (var i = 0; i < list.length; ) {
        var found = null;
        synonymGroups.forEach(function (group) {
          group.forEach(function (member) {
            if (found && found.length >= member.stems.length) return;
            if (member.stems.every(function (stem, k) { return stems[i + k] === stem || list[i + k] === member.words[k]; })) {
              found = { length: member.stems.length, group: group };
            }
          });
        });
        if (found) {
          var own = list.slice(i, i + found.length);
          var others = found.group.map(function (member) { return member.words; }).filter(function (words) {
            return words.join(" ") !== own.join(" ");
          });
          result.push({ alternatives: [own].concat(others), last: i + found.length === list.length });
          i += found.length;
        } else {
          var alternatives = [[list[i]]];
          var parts = splitCompound(list[i]);
          if (parts) alternatives.push(parts);
          result.push({ alternatives: alternatives, last: i === list.length - 1 });
          i += 1;
        }
      }
      return result;
    }

    // Loads the vocabulary shards a query needs: first its words' own; then, for a word the
    // site does not have, those of its possible compound heads; and for a synonym group the
    // query matches, those of the group's other members.
    function loadVocabulary(list) {
      var keys = {};
      list.forEach(function (word) { keys[vocabularyKey(word)] = true; });
      return Promise.all(Object.keys(keys).map(vocabulary)).then(function () {
        var more = {};
        list.forEach(function (word) {
          if (stemOf(word) || word.length < 8) return;
          for (var cut = 4; cut <= word.length - 4; cut++) more[vocabularyKey(word.slice(cut))] = true;
        });
        var stems = list.map(function (word) { return stemOf(word) || word; });
        synonymGroups.forEach(function (group) {
          var hit = group.some(function (member) {
            return stems.some(function (stem, i) {
              return member.stems.every(function (s, k) { return stems[i + k] === s || list[i + k] === member.words[k]; });
            });
          });
          if (hit) group.forEach(function (member) { member.words.forEach(function (w) { more[vocabularyKey(w)] = true; }); });
        });
        return Promise.all(Object.keys(more).filter(function (key) { return !has.call(keys, key); }).map(vocabulary));
      });
    }

    // Best BM25 score per document of one word: the best of its stems, so a word that begins
    // many words does not count many times.
    function wordScores(word, typing, found) {
      var N = meta.documentCount;
      var stems = expand(word, typing);
      var best = {};
      return Promise.all(Object.keys(stems).map(function (stem) {
        return postings(stem).then(function (list) {
          if (!list) return;
          found[stem] = true;
          var idf = Math.log(1 + (N - list.length + 0.5) / (list.length + 0.5));
          list.forEach(function (posting) {
            var doc = posting[0], tf = posting[1], length = posting[2];
            var norm = meta.k1 * (1 - meta.b + meta.b * length / meta.averageLength);
            var score = stems[stem] * idf * (tf * (meta.k1 + 1)) / (tf + norm);
            if (!(best[doc] >= score)) best[doc] = score;
          });
        });
      })).then(function () { return best; });
    }

    // Ranked results: a promise of {results: [document number], documents: {number: document}
    // (the first `shown`), stems: {stem: true}, words}. Each slot adds the score of its best
    // alternative per page (an alternative of several words counts only where all of them
    // match, with the mean of their scores); pages matching more slots come first, then
    // pages that spell more query words exactly as typed (`financiële` above `financiele`);
    // among the pages shown, one that holds the whole query as a phrase gets 1.5 times its score.
    function search(query, shown) {
      shown = shown || 10;
      var list = queryWords(query);
      var typing = !/\s$/.test(query);
      var scores = {}, matched = {}, found = {}, exact = {};
      var spelled = exactSpellings(query, list).then(function (counts) { exact = counts; });
      var querySlots = [];
      return Promise.all([loadVocabulary(list), spelled]).then(function () {
        querySlots = slots(list);
        var work = querySlots.map(function (slot) {
          return Promise.all(slot.alternatives.map(function (alternative, a) {
            var stemsOfAlternative = {};
            return Promise.all(alternative.map(function (word, k) {
              // Only the words as typed are prefixes while typing; synonyms are whole words.
              return wordScores(word, typing && a === 0 && slot.last && k === alternative.length - 1, stemsOfAlternative);
            })).then(function (perWord) {
              var sum = perWord[0];
              perWord.slice(1).forEach(function (next) {
                var both = {};
                Object.keys(sum).forEach(function (doc) { if (has.call(next, doc)) both[doc] = sum[doc] + next[doc]; });
                sum = both;
              });
              var out = {};
              Object.keys(sum).forEach(function (doc) { out[doc] = sum[doc] / alternative.length; });
              // Its stems are marked in snippets only where the whole alternative matched.
              if (Object.keys(out).length) Object.keys(stemsOfAlternative).forEach(function (stem) { found[stem] = true; });
              return out;
            });
          })).then(function (perAlternative) {
            var best = {};
            perAlternative.forEach(function (scoresOf) {
              Object.keys(scoresOf).forEach(function (doc) { if (!(best[doc] >= scoresOf[doc])) best[doc] = scoresOf[doc]; });
            });
            Object.keys(best).forEach(function (doc) {
              scores[doc] = (scores[doc] || 0) + best[doc];
              matched[doc] = (matched[doc] || 0) + 1;
            });
          });
        });
        return Promise.all(work);
      }).then(function () {
        var titled = {};
        function order(a, b) {
          if (matched[a] !== matched[b]) return matched[b] - matched[a];
          if (!titled[a] !== !titled[b]) return titled[b] ? 1 : -1;
          if ((exact[a] || 0) !== (exact[b] || 0)) return (exact[b] || 0) - (exact[a] || 0);
          if (scores[a] !== scores[b]) return scores[b] - scores[a];
          return a - b;
        }
        var results = Object.keys(scores).map(Number).sort(order);
        var top = results.slice(0, Math.max(shown, 20));
        return Promise.all(top.map(documentAt)).then(function (docs) {
          var documents = {};
          top.forEach(function (number, k) {
            documents[number] = docs[k];
            if (isTitle(docs[k].title, querySlots)) {
              titled[number] = true;
            } else if (LISTINGS.indexOf(docs[k].kind) >= 0) {
              // A listing page is the answer when the query names it; otherwise the pages it
              // lists are, and they are in the results themselves.
              scores[number] *= LISTING_WEIGHT;
            }
          });
          if (list.length >= 2) {
            var phrase = list.join(" ");
            top.forEach(function (number) {
              var d = documents[number];
              // A listing page's text is the titles it lists: it names the phrase, it does not hold it.
              var text = LISTINGS.indexOf(d.kind) >= 0 ? "" : d.text;
              if (words(d.title + " " + d.summary + " " + text).join(" ").indexOf(phrase) >= 0) scores[number] *= 1.5;
            });
          }
          results = top.sort(order).concat(results.slice(top.length));
          return { results: results, documents: documents, stems: found, words: list, scores: scores };
        });
      });
    }

    // Whether a title says what the query says: every slot of the query has an alternative
    // (its words, or a synonym) whose stems are all in the title, and they are at least half of
    // the title's words (numbers, stop words and one-letter words aside): `wmo` is `Wmo 2015`,
    // `keuzewijzer` is `Keuzewijzer e-tools`. Such a page comes first.
    function isTitle(title, querySlots) {
      var stemmed = function (word) { return stemOf(word) || word; };
      var titleStems = {}, counted = {};
      words(title).forEach(function (word) {
        if (word.length < meta.minimumWordLength || meta.stopWords.indexOf(word) >= 0) return;
        titleStems[stemmed(word)] = true;
        if (!/^\p{N}+$/u.test(word)) counted[stemmed(word)] = true;
      });
      if (!querySlots.length || !Object.keys(counted).length) return false;
      var covered = {};
      var everySlot = querySlots.every(function (slot) {
        return slot.alternatives.some(function (alternative) {
          var stems = alternative.map(stemmed);
          if (!stems.every(function (stem) { return has.call(titleStems, stem); })) return false;
          stems.forEach(function (stem) { covered[stem] = true; });
          return true;
        });
      });
      var share = Object.keys(counted).filter(function (stem) { return has.call(covered, stem); }).length;
      return everySlot && 2 * share >= Object.keys(counted).length;
    }

    // HTML of a snippet of about 180 characters around the first word whose stem matched,
    // with every such word in <mark>; the text is escaped.
    function snippet(text, stems) {
      var hits = [];
      var pattern = /[\p{L}\p{N}]+/gu, m;
      var long = Object.keys(stems).filter(function (stem) { return stem.length >= 4; });
      while ((m = pattern.exec(text)) !== null) {
        var folded = fold(m[0]);
        var stem = stemOf(folded);
        // A compound whose part matched (`respijtzorg` for `respijt`) is marked too.
        var part = folded.length >= 8 && long.some(function (s) { return folded.indexOf(s) >= 0; });
        if ((stem && stems[stem]) || part) hits.push([m.index, m.index + m[0].length]);
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

    return { search: search, snippet: snippet, documentAt: documentAt };
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
  var base = form.getAttribute("data-index").replace(/search-index\.json$/, "");
  var suffix = form.getAttribute("data-page-suffix") || "";
  var engine = null, latest = 0;
  // What a result is, when it is not an ordinary page (SearchIndex.Document.Kind).
  var KINDS = { tool: "Tool", guide: "Gids", phase: "Beleidsfase", domain: "Beleidsdomein", value: "Overzicht" };

  // `complete`: the query was submitted or came from the URL, so its last word is not a
  // prefix being typed (the same query then always gives the same results).
  function show(query, complete) {
    var ticket = ++latest;
    if (!query.trim()) {
      list.innerHTML = "";
      list.hidden = true;
      status.textContent = "";
      return;
    }
    engine.search(complete ? query + " " : query, 10).then(function (found) {
      if (ticket !== latest) return;  // a newer query is under way
      var results = found.results;
      list.innerHTML = "";
      list.hidden = results.length === 0;
      var shown = query.trim().length > 60 ? query.trim().slice(0, 60) + "…" : query.trim();
      status.textContent = found.words.length === 0
        ? "Typ een woord om op te zoeken: leestekens en woorden als ‘de’ en ‘het’ tellen niet mee."
        : results.length === 0
        ? "Geen resultaten voor ‘" + shown + "’. Probeer een ander of korter woord."
        : results.length + (results.length === 1 ? " resultaat" : " resultaten") + " voor ‘" + shown + "’" +
          (results.length > 10 ? "; de eerste 10 staan hieronder" : "");
      results.slice(0, 10).forEach(function (number) {
        var doc = found.documents[number];
        var item = document.createElement("li");
        var kind = KINDS[doc.kind] || "";
        var meta = (kind ? '<span class="badge">' + escapeHTML(kind) + "</span> " : "") + escapeHTML(doc.location || "");
        item.innerHTML = '<a href="' + escapeHTML(base + doc.url + (doc.url === "" || doc.url.slice(-1) === "/" ? suffix : "")) + '">' + escapeHTML(doc.title) + "</a>" +
          '<p class="meta">' + meta + "</p>" +
          "<p>" + engine.snippet(LISTINGS.indexOf(doc.kind) >= 0 ? doc.summary || doc.text : doc.text || doc.summary, found.stems) + "</p>";
        list.appendChild(item);
      });
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

  function load(path) {
    return fetch(base + path).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
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
    if (engine) show(input.value, true);
  });

  status.textContent = "De zoekindex wordt geladen…";
  load("search-index.json")
    .then(function (meta) {
      engine = createSearch(meta, load);
      status.textContent = "";
      var query = currentQuery();
      if (query && !input.value) input.value = query;
      // What was typed while the index loaded is searched now.
      if (input.value) show(input.value, input.value === query);
    })
    .catch(function (error) {
      if (!input.value) input.value = currentQuery();
      status.textContent = error && error.code === "index-version"
        ? "De zoekindex van deze site is gemaakt met een andere versie van gids dan dit zoekscript, en kan daarom niet worden gelezen. Bouw de site opnieuw en zet alle bestanden tegelijk online. Blader tot die tijd in de gidsen hieronder."
        : window.location.protocol === "file:"
        ? "Zoeken werkt niet als je de site als bestand opent: de browser blokkeert dan het laden van de zoekindex. Zet de map op een webserver, of blader in de gidsen hieronder."
        : "De zoekindex kon niet worden geladen. Gebruik de gidsen om pagina's te vinden.";
    });
})();
