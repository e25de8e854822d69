"""`make bench-check`: gids check --site against LinkChecker and against the read floor.

Usage: run.py --gids PATH --work DIR [--sizes 2000,10000,50000] [--runs 3]

At the first size, LinkChecker (Debian package `linkchecker`) crawls the same generated
site over file:// in the same run; at every size, gids is timed against `cat`-ing every
HTML file to /dev/null (the floor: reading the bytes at all). All timings are wall-clock
medians over --runs, with the page cache warm (one untimed read first). Each tool's
findings are compared with the links broken on purpose by generate_site.py. Writes the
table to DIR/check.md and prints it.
"""
import argparse
import csv
import io
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(command, **kwargs):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    return time.perf_counter() - start, result


def median_time(command, runs, **kwargs):
    times = []
    result = None
    for _ in range(runs):
        seconds, result = timed(command, **kwargs)
        times.append(seconds)
    return statistics.median(times), result


def seeded_keys(seeded):
    """(page, what the report must name): the fragment for fragment breaks, else the href."""
    keys = set()
    for page, href in seeded:
        fragment = href.split("#", 1)[1] if "#bestaat-niet" in href else None
        keys.add((page, "#" + fragment if fragment else href))
    return keys


def compare(found, seeded):
    """(seeded found, false alarms) for found = [(page, message)]."""
    keys = seeded_keys(seeded)
    matched = set()
    false_alarms = 0
    for page, message in found:
        hits = [key for key in keys if key[0] == page and key[1] in message]
        if hits:
            matched.update(hits)
        else:
            false_alarms += 1
    return len(matched), false_alarms


def gids_findings(report_path, site):
    report = json.load(open(report_path))
    prefix = site.rstrip("/") + "/"
    return [(d["path"][len(prefix):], d["message"]) for d in report["diagnostics"] if d["severity"] == "error"]


def linkchecker_findings(output, site):
    prefix = "file://" + os.path.abspath(site) + "/"
    lines = [line for line in output.splitlines() if line and not line.startswith("#")]
    found = []
    for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"):
        if row.get("valid", "").lower() in ("true", "1"):
            continue
        parent = (row.get("parentname") or "")[len(prefix):]
        found.append((parent, row.get("urlname") or ""))
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gids", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--sizes", default="2000,10000,50000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    cores = os.cpu_count()
    for index, pages in enumerate(sizes):
        site = os.path.join(args.work, "site-%d" % pages)
        if not os.path.exists(site + ".seeded.json"):
            subprocess.run(
                [sys.executable, os.path.join(HERE, "generate_site.py"), "--pages", str(pages), "--out", site],
                check=True,
            )
        seeded = json.load(open(site + ".seeded.json"))
        html = subprocess.run(["find", site, "-name", "*.html"], capture_output=True, text=True).stdout.split()
        floor_command = ["sh", "-c", "find '%s' -name '*.html' -print0 | xargs -0 cat > /dev/null" % site]
        subprocess.run(floor_command)  # warm the page cache
        report = os.path.join(args.work, "gids-%d.json" % pages)
        gids_command = [args.gids, "check", "--site", site, "--format", "json", "--report", report]
        gids_time, _ = median_time(gids_command, args.runs)
        floor_time, _ = median_time(floor_command, args.runs)
        found, false_alarms = compare(gids_findings(report, site), seeded)
        row = {
            "pages": pages,
            "files": len(html),
            "seeded": len(seeded),
            "gids_s": gids_time,
            "gids_found": found,
            "gids_false": false_alarms,
            "floor_s": floor_time,
        }
        if index == 0:
            checker_command = [
                "linkchecker", "--no-status", "--no-warnings", "-o", "csv", "--threads", "10",
                "file://" + os.path.abspath(site) + "/index.html",
            ]
            lc_time, result = timed(checker_command)
            lc_found, lc_false = compare(linkchecker_findings(result.stdout, site), seeded)
            row.update(lc_s=lc_time, lc_found=lc_found, lc_false=lc_false)
        rows.append(row)
        print(json.dumps(row), flush=True)

    out = ["# gids check --site: benchmark", ""]
    out.append(
        "Generated sites (`Benchmarks/check/generate_site.py`, seed 2018, about 20 links a page, every 97th "
        "link broken on purpose: alternately a missing page and a missing fragment). Wall-clock medians of %d "
        "runs, warm page cache, %d cores." % (args.runs, cores)
    )
    out.append("")
    first = rows[0]
    if "lc_s" in first:
        out.append("## Against LinkChecker (%d pages, file://)" % first["pages"])
        out.append("")
        out.append("| tool | wall time | seeded breaks found | false alarms |")
        out.append("| --- | ---: | ---: | ---: |")
        out.append("| gids check --site | %.3f s | %d of %d | %d |" % (
            first["gids_s"], first["gids_found"], first["seeded"], first["gids_false"]))
        out.append("| LinkChecker | %.3f s | %d of %d | %d |" % (
            first["lc_s"], first["lc_found"], first["seeded"], first["lc_false"]))
        out.append("")
        out.append("LinkChecker / gids: **%.0f x**" % (first["lc_s"] / first["gids_s"]))
        out.append("")
    out.append("## Against the read floor (`cat` of every HTML file)")
    out.append("")
    out.append("| pages | HTML files | gids | floor | gids / floor | seeded found | false alarms |")
    out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        out.append("| %d | %d | %.3f s | %.3f s | %.1f x | %d of %d | %d |" % (
            row["pages"], row["files"], row["gids_s"], row["floor_s"], row["gids_s"] / row["floor_s"],
            row["gids_found"], row["seeded"], row["gids_false"]))
    text = "\n".join(out) + "\n"
    with open(os.path.join(args.work, "check.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
