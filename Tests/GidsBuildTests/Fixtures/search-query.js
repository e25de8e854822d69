// Runs the site's own search core (templates/assets/search.js) under Node on a built site:
//   node search-query.js SEARCH_JS SITE/search-index.json QUERY            → ranked URLs, one per line
//   node search-query.js SEARCH_JS SITE/search-index.json QUERY --snippet  → the first result's snippet HTML
// The index files are read from the site folder, as the browser would fetch them.
const fs = require("fs");
const path = require("path");
const createSearch = require(process.argv[2]);
const site = path.dirname(process.argv[3]);
const load = (file) => Promise.resolve(JSON.parse(fs.readFileSync(path.join(site, file), "utf8")));
load("search-index.json").then(async (meta) => {
  const engine = createSearch(meta, load);
  const found = await engine.search(process.argv[4]);
  if (process.argv[5] === "--snippet") {
    const doc = await engine.documentAt(found.results[0]);
    console.log(engine.snippet(doc.text, found.stems));
  } else {
    for (const number of found.results) console.log((await engine.documentAt(number)).url);
  }
});
