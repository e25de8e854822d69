// Runs the site's own search core (templates/assets/search.js) under Node on a built index:
//   node search-query.js SEARCH_JS INDEX_JSON QUERY            → ranked URLs, one per line
//   node search-query.js SEARCH_JS INDEX_JSON QUERY --snippet  → the first result's snippet HTML
const createSearch = require(process.argv[2]);
const index = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8"));
const engine = createSearch(index);
const found = engine.search(process.argv[4]);
if (process.argv[5] === "--snippet") {
  const doc = index.documents[found.results[0]];
  console.log(engine.snippet(doc.text, found.stems));
} else {
  for (const doc of found.results) console.log(index.documents[doc].url);
}
