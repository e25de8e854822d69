// Runs the site's own search core (templates/assets/search.js) under Node on a built index:
// node search-query.js SEARCH_JS INDEX_JSON QUERY  → prints the ranked URLs, one per line.
const createSearch = require(process.argv[2]);
const index = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8"));
for (const result of createSearch(index).search(process.argv[4])) {
  console.log(index.documents[result.doc].url);
}
