"""`make bench-search`: gids search against Pagefind on the same sites, in headless Chromium.

Usage: run.py --gids PATH --work DIR [--pages 10000]

1. The real content: built by gids; the same HTML indexed by Pagefind (PyPI pagefind-bin,
   offline, `--root-selector main`). Every query of Tests/Search/queries.json runs in a fresh
   page in Chromium against both: hit rate in the top 3 and mean reciprocal rank.
2. A generated site of --pages pages (Benchmarks/search/generate_content.py): one-word
   queries, cold (a fresh page, cache off), against both.
For every run: the bytes the search fetched (each fetched search file counted at its gzip -6
size: gids's search.js and index files; Pagefind's pagefind.js, wasm, index chunks and
fragments), and the time from navigation to the first result on screen. Index build time:
`gids build` (everything) and `pagefind` (indexing only). Writes DIR/search.md and prints it.
"""
import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Accessibility"))
import a11y  # noqa: E402  (browser and server setup)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

PAGEFIND_PAGE = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Pagefind</title></head>
<body><ol id="results"></ol><script type="module">
const q = new URLSearchParams(location.search).get("q");
const pagefind = await import("./pagefind/pagefind.js");
const search = await pagefind.search(q);
const top = await Promise.all(search.results.slice(0, 3).map(r => r.data()));
for (const d of top) { const li = document.createElement("li"); const a = document.createElement("a");
  a.href = d.url; a.textContent = d.meta.title || d.url; li.append(a); document.getElementById("results").append(li); }
if (!top.length) document.body.dataset.empty = "1";
</script></body></html>"""


def pagefind_binary():
    try:
        import pagefind_bin
    except ImportError:
        sys.exit("bench-search: PyPI package pagefind-bin is missing")
    return os.path.join(os.path.dirname(pagefind_bin.__file__), "pagefind")


def gzip_size(path):
    return len(gzip.compress(open(path, "rb").read(), 6))


# Every path the server sends, in order; Pagefind fetches from a web worker, which the page's
# resource timing does not see, so bytes are counted at the server.
SERVED = []


def serve(directory):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=directory, **k)

        def log_message(self, *a):
            pass

        def send_head(self):
            SERVED.append(urllib.parse.unquote(urllib.parse.urlparse(self.path).path).lstrip("/"))
            return super().send_head()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, "http://127.0.0.1:%d/" % server.server_address[1]


def fetched_bytes(site, prefixes):
    total = 0
    for path in set(SERVED):
        if any(path.startswith(p) for p in prefixes) and os.path.isfile(os.path.join(site, path)):
            total += gzip_size(os.path.join(site, path))
    return total


def run_query(driver, base, site, engine, query):
    """(top 3 site paths, gzip bytes fetched, ms to first result) on a fresh page."""
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.get("about:blank")
    del SERVED[:]
    start = time.perf_counter()
    if engine == "gids":
        driver.get(base + "zoeken/?q=" + urllib.parse.quote(query))
        selector, prefixes = "#_zoek-resultaten li > a", ["assets/search.", "search-index.json", "search/"]
    else:
        driver.get(base + "pagefind-bench.html?q=" + urllib.parse.quote(query))
        selector, prefixes = "#results li a", ["pagefind/"]
    try:
        WebDriverWait(driver, 20, poll_frequency=0.01).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, selector)
            or d.execute_script("return document.body.dataset.empty === '1' || /Geen resultaten/.test(document.body.textContent)"))
    except Exception:
        pass
    elapsed = (time.perf_counter() - start) * 1000
    links = [urllib.parse.urlparse(a.get_attribute("href")).path.lstrip("/") for a in driver.find_elements(By.CSS_SELECTOR, selector)[:3]]
    time.sleep(0.2)  # let fetches started for the results (fragments, snippets) finish
    return links, fetched_bytes(site, prefixes), elapsed


def evaluate(driver, base, site, engine, queries):
    hits, reciprocal, sizes, times = 0, 0.0, [], []
    for q in queries:
        top, size, ms = run_query(driver, base, site, engine, q["query"])
        rank = next((i + 1 for i, url in enumerate(top) if url in q["expected"]), None)
        hits += 1 if rank else 0
        reciprocal += 1.0 / rank if rank else 0.0
        sizes.append(size)
        times.append(ms)
    n = len(queries)
    return {"hit3": hits / n, "mrr": reciprocal / n, "bytes": statistics.median(sizes), "ms": statistics.median(times)}


def prepare(site, work_name, work, gids, content=None, templates=None):
    """Builds (when content is given) and indexes with Pagefind; returns (site, gids s, pagefind s)."""
    gids_s = None
    if content:
        if os.path.exists(site):
            shutil.rmtree(site)
        start = time.perf_counter()
        subprocess.run([gids, "build", "--content", content, "--templates", templates, "--output", site],
                       check=True, capture_output=True)
        gids_s = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([pagefind_binary(), "--site", site, "--root-selector", "main"], check=True, capture_output=True)
    pagefind_s = time.perf_counter() - start
    with open(os.path.join(site, "pagefind-bench.html"), "w") as f:
        f.write(PAGEFIND_PAGE)
    return gids_s, pagefind_s


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gids", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--pages", type=int, default=10000)
    args = parser.parse_args()
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    gids = os.path.abspath(args.gids)
    templates = os.path.join(ROOT, "templates")
    queries = json.load(open(os.path.join(ROOT, "Tests", "Search", "queries.json")))["queries"]

    real = os.path.join(work, "search-real")
    real_times = prepare(real, "real", work, gids, os.path.join(ROOT, "content"), templates)
    large = os.path.join(work, "search-%d" % args.pages)
    content = os.path.join(work, "search-%d-content" % args.pages)
    if not os.path.exists(content):
        subprocess.run([sys.executable, os.path.join(HERE, "generate_content.py"), "--pages", str(args.pages),
                        "--out", content], check=True)
    large_times = prepare(large, "large", work, gids, content, templates)
    one_word = [{"query": w, "expected": []} for w in ("mantelzorg", "gemeente", "respijtzorg", "beleid", "school")]

    driver = a11y.browser()
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    results = {}
    try:
        for name, site, set_ in (("real", real, queries), ("large", large, one_word)):
            server, base = serve(site)
            try:
                for engine in ("gids", "pagefind"):
                    results[(name, engine)] = evaluate(driver, base, site, engine, set_)
                    print(name, engine, json.dumps(results[(name, engine)]), flush=True)
            finally:
                server.shutdown()
    finally:
        driver.quit()

    g, p = results[("real", "gids")], results[("real", "pagefind")]
    gl, pl = results[("large", "gids")], results[("large", "pagefind")]
    lines = [
        "# Search: gids against Pagefind", "",
        "Same HTML for both (Pagefind indexes the site gids built, `--root-selector main`), headless Chromium, "
        "a fresh page per query with the cache off. Bytes: every search file fetched, at its gzip -6 size. "
        "Time: from navigation to the first result on screen (median).", "",
        "## Relevance on the real guides (%d queries of Tests/Search/queries.json)" % len(queries), "",
        "| | gids | Pagefind |", "| --- | ---: | ---: |",
        "| hit rate in the top 3 | %.1f %% | %.1f %% |" % (100 * g["hit3"], 100 * p["hit3"]),
        "| mean reciprocal rank | %.3f | %.3f |" % (g["mrr"], p["mrr"]),
        "| bytes fetched per query (median, gzip) | %.1f kB | %.1f kB |" % (g["bytes"] / 1000, p["bytes"] / 1000),
        "| time to first result (median) | %.0f ms | %.0f ms |" % (g["ms"], p["ms"]),
        "| index build time | %.2f s (whole build) | %.2f s |" % (real_times[0], real_times[1]),
        "", "## A generated site of %d pages, one-word queries" % args.pages, "",
        "| | gids | Pagefind |", "| --- | ---: | ---: |",
        "| bytes fetched for a one-word query (median, gzip) | %.1f kB | %.1f kB |" % (gl["bytes"] / 1000, pl["bytes"] / 1000),
        "| time to first result (median) | %.0f ms | %.0f ms |" % (gl["ms"], pl["ms"]),
        "| index build time | %.1f s (whole build) | %.1f s |" % (large_times[0], large_times[1]),
    ]
    text = "\n".join(lines) + "\n"
    with open(os.path.join(work, "search.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
