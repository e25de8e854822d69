// Runs every query of a query set through the site's own search core (templates/assets/search.js)
// on a built index, and prints {"queries": n, "hits": hits in the top 3, "mrr": mean reciprocal
// rank, "misses": [{query, kind, top3}]} as JSON.
//   node evaluate.js SEARCH_JS INDEX_JSON QUERIES_JSON
const fs = require("fs");
const createSearch = require(process.argv[2]);
const index = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const set = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
const engine = createSearch(index);
let hits = 0, reciprocal = 0;
const misses = [];
for (const q of set.queries) {
  // A trailing space: the query is complete, not a word being typed.
  const urls = engine.search(q.query + " ").results.map((doc) => index.documents[doc].url);
  const rank = urls.findIndex((url) => q.expected.includes(url)) + 1;
  if (rank >= 1 && rank <= 3) hits += 1; else misses.push({ query: q.query, kind: q.kind, top3: urls.slice(0, 3) });
  if (rank >= 1) reciprocal += 1 / rank;
}
console.log(JSON.stringify({ queries: set.queries.length, hits, mrr: reciprocal / set.queries.length, misses }));
