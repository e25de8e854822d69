// Runs every query of a query set through the site's own search core (templates/assets/search.js)
// on a built site, and prints {"queries": n, "hits": hits in the top 3 for the complete query,
// "typingHits": the same while the last word is being typed, "mrr": mean reciprocal rank of the
// complete queries, "misses": [{query, kind, top3}]} as JSON.
//   node evaluate.js SEARCH_JS SITE/search-index.json QUERIES_JSON
const fs = require("fs");
const path = require("path");
const createSearch = require(process.argv[2]);
const site = path.dirname(process.argv[3]);
const set = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
const load = (file) => Promise.resolve(JSON.parse(fs.readFileSync(path.join(site, file), "utf8")));
(async () => {
  const meta = await load("search-index.json");
  let hits = 0, reciprocal = 0, typingHits = 0;
  const misses = [];
  for (const q of set.queries) {
    // A new engine per query, as a fresh page load. With a trailing space the query is
    // complete (submitted, or from the URL); without, its last word is still being typed.
    for (const typing of [false, true]) {
      const engine = createSearch(meta, load);
      const found = await engine.search(typing ? q.query : q.query + " ");
      const urls = [];
      for (const number of found.results) urls.push((await engine.documentAt(number)).url);
      const rank = urls.findIndex((url) => q.expected.includes(url)) + 1;
      const hit = rank >= 1 && rank <= 3;
      if (typing) {
        if (hit) typingHits += 1; else misses.push({ query: q.query, kind: q.kind + ", typing", top3: urls.slice(0, 3) });
        continue;
      }
      if (hit) hits += 1; else misses.push({ query: q.query, kind: q.kind, top3: urls.slice(0, 3) });
      if (rank >= 1) reciprocal += 1 / rank;
    }
  }
  console.log(JSON.stringify({ queries: set.queries.length, hits, typingHits, mrr: reciprocal / set.queries.length, misses }));
})();
