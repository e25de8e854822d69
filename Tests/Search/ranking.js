// Unit test of the search script's ranking core on a hand-made index, with values worked out by
// hand from the BM25 formula (Robertson & Zaragoza 2009). Prints "ok" or throws.
//   node ranking.js SEARCH_JS
const assert = require("assert");
const createSearch = require(process.argv[2]);
const meta = {
  version: 4, textPipeline: 3, k1: 1.2, b: 0.75, stopWords: ["de"], minimumWordLength: 2, documentCount: 3, averageLength: 20,
  vocabulary: ["b", "m", "z"], termShards: 1,
  synonyms: [["wmo", "wet maatschappelijke ondersteuning"]],
  synonymStems: [["wmo", "wet maatschappelijk ondersteun"]],
};
const files = {
  "search/vocab/z.json": { zorg: "zorg", zorgen: "zorg" },
  "search/vocab/b.json": { beleid: "beleid" },
  "search/vocab/m.json": { mantelzorg: "mantelzorg" },
  "search/terms/0.json": {
    zorg: [[0, 10, 20], [1, 1, 20]], beleid: [[1, 4, 20]], mantelzorg: [[2, 3, 20]],
  },
  "search/doc/0.json": { url: "a/", title: "A", guide: "G", summary: "", text: "zorg" },
  "search/doc/1.json": { url: "b/", title: "B", guide: "G", summary: "", text: "zorg en beleid" },
  "search/doc/2.json": { url: "c/", title: "C", guide: "G", summary: "", text: "mantelzorg" },
};
const load = (path) => Promise.resolve(files[path]);
const close = (a, b) => assert.ok(Math.abs(a - b) < 1e-4, a + " != " + b);
(async () => {
  const engine = createSearch(meta, load);
  // idf(zorg) = ln(1 + (3 - 2 + 0.5) / (2 + 0.5)) = ln 1.6; length = average, so the norm is k1.
  const idf = Math.log(1.6);
  let found = await engine.search("zorg ");
  assert.deepStrictEqual(found.results, [0, 1]);
  close(found.scores[0], idf * (10 * 2.2) / (10 + 1.2));
  close(found.scores[1], idf * (1 * 2.2) / (1 + 1.2));
  // A stop word is left out; a stemmed form counts as its stem.
  found = await engine.search("de zorgen ");
  assert.deepStrictEqual(found.words, ["zorgen"]);
  assert.deepStrictEqual(found.results, [0, 1]);
  // Both words: the page with both comes first, whatever the single scores.
  found = await engine.search("zorg beleid ");
  assert.deepStrictEqual(found.results[0], 1);
  // A typo (one edit, five letters or more) finds the word at weight 0.4.
  found = await engine.search("mantelzrg ");
  assert.deepStrictEqual(found.results, [2]);
  const idfMantelzorg = Math.log(1 + (3 - 1 + 0.5) / (1 + 0.5));
  close(found.scores[2], 0.4 * idfMantelzorg * (3 * 2.2) / (3 + 1.2));
  // While typing, a prefix finds the words it begins (weight 0.6).
  found = await engine.search("mantel");
  close(found.scores[2], 0.6 * idfMantelzorg * (3 * 2.2) / (3 + 1.2));

  // An index of another format or text pipeline is refused, with a code the page can explain.
  for (const other of [{ version: 3, textPipeline: 3 }, { version: 4, textPipeline: 2 }, { textPipeline: undefined }]) {
    assert.throws(() => createSearch(Object.assign({}, meta, other), load), (error) => error.code === "index-version");
  }

  // Spelling and titles, on a second index: doc 0 writes "financiele" (twice, so it scores
  // higher), doc 1 "financiële"; doc 2 is the domain page "Wmo 2015", doc 3 a page that uses
  // "wmo" more often.
  const meta2 = Object.assign({}, meta, {
    documentCount: 4, vocabulary: ["f", "w"], spellings: ["f"], synonyms: [], synonymStems: [],
  });
  const files2 = {
    "search/vocab/f.json": { financiele: "financiel" },
    "search/vocab/w.json": { wmo: "wmo" },
    "search/spellings/f.json": { financiele: { "financiële": [1] } },
    "search/terms/0.json": { financiel: [[0, 2, 20], [1, 1, 20]], wmo: [[2, 10, 20], [3, 12, 20]] },
    "search/doc/0.json": { url: "a/", title: "A", kind: "page", guide: "G", summary: "", text: "financiele financiele" },
    "search/doc/1.json": { url: "b/", title: "B", kind: "page", guide: "G", summary: "", text: "financiële" },
    "search/doc/2.json": { url: "c/", title: "Wmo 2015", kind: "domain", guide: "", summary: "", text: "" },
    "search/doc/3.json": { url: "d/", title: "Wmo en zorg", kind: "page", guide: "G", summary: "", text: "wmo" },
  };
  const engine2 = createSearch(meta2, (path) => Promise.resolve(files2[path]));
  // Typed with the accent: the page that writes it so comes first, whatever the scores.
  found = await engine2.search("financiële ");
  assert.ok(found.scores[0] > found.scores[1]);
  assert.deepStrictEqual(found.results, [1, 0]);
  // Typed without: both spellings match, by score.
  found = await engine2.search("financiele ");
  assert.deepStrictEqual(found.results, [0, 1]);
  // A query that is a page's title (numbers aside) ranks that page first.
  found = await engine2.search("wmo ");
  assert.ok(found.scores[3] > found.scores[2]);
  assert.deepStrictEqual(found.results, [2, 3]);
  console.log("ok");
})().catch((error) => { console.error(error.message); process.exit(1); });
