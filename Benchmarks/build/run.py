"""`make bench`: gids build against Hugo and against the cmark floor, on generated corpora.

Usage: run.py --gids PATH --work DIR [--sizes 1000,10000,50000] [--runs 5] [--large-runs 3]
              [--attempts 4] [--quiet-wait 600] [--hugo PATH] [--seed S] [--templates DIR]
              [--words-from DIR] [--no-verify] [--output-root DIR]

For each size: generate_corpus.py writes the same site as a gids content folder and as a Hugo
site (once; reused while the generator, seed and size are unchanged). Then one untimed
warm-up build of each (page cache, and the checks below), then --runs timed builds of each,
alternating gids and Hugo, each into a fresh (deleted) output folder, each started once the
machine is quiet. The CPU time other processes use during a build is recorded; a build
disturbed by them (more than 5 % of its own CPU time) is repeated, up to --attempts times:

    gids build --content C --templates T --output O
    hugo --quiet -s SITE -d O

Both tools write their output under --output-root: by default /dev/shm/gids-bench (a tmpfs)
where it exists. On this kind of machine the disk is ext4 without a journal, where creating
files within 30 s of deleting many others makes the kernel scan the recently freed inodes
(ext4's recently_deleted()): writing the same 20,000 files took 0.9 s into a fresh folder and
9 to 19 s after each earlier run had been deleted. Every timed build deletes the previous
output, so on that disk the figures measured the file system's history rather than the tools.

For every timed build: wall time, CPU time (user + system of the child, from os.wait4) and
peak RSS (ru_maxrss of the child). Medians are reported. The floor is cmark_floor.c (compiled
here with gcc against libcmark-gfm, with gids's extensions): libcmark-gfm parsing and rendering every page body of the gids
corpus to HTML on one thread, timed inside the process; its median over the same runs.

The warm-up builds are checked: gids must report 0 errors; Hugo's stderr (warnings) is kept;
and with verification on (default), `gids check --site` checks every link, image and fragment
of both built sites (so the corpus's fragments are valid under both heading-id rules).

After the timed runs, two more gids builds with `--timings` (not counted) give the stage times
and the CPU time spent inside the libraries gids must use (Yams, libcmark-gfm, its Mustache templates,
libstemmer): one with the site's templates, one with `layout` and `page` replaced by
hugo-layout/ (what the Hugo layout shows, nothing more). The report sets the libraries' sum,
spread over all cores, beside the goal of 0.25 x Hugo.

Writes DIR/build.md (the table, with the machine in its header) and DIR/build.json, and prints
the table. Runs: --runs (5) for sizes below 50,000 pages, --large-runs (3) from 50,000 on.
"""
import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def busy_seconds():
    """CPU seconds spent by the whole machine (all cores, not idle or iowait) since boot."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def wait_for_quiet(limit=600):
    """Waits (up to limit seconds) until the machine is idle: less than 10 % of one core busy
    in each of 3 consecutive seconds, so other work (a compiler, a test run) does not share the
    cores with a timed build. Returns the seconds waited, or None when it never got quiet."""
    start = time.perf_counter()
    quiet = 0
    while quiet < 3:
        before = busy_seconds()
        time.sleep(1)
        quiet = quiet + 1 if busy_seconds() - before < 0.1 else 0
        if time.perf_counter() - start > limit:
            return None
    return time.perf_counter() - start


def measure(command, log_path):
    """Wall and CPU seconds, peak RSS bytes and exit code of command (output to log_path), and
    `other`: CPU seconds the rest of the machine used meanwhile (0 on a quiet machine)."""
    with open(log_path, "wb") as log:
        busy = busy_seconds()
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        busy = busy_seconds() - busy
    cpu = usage.ru_utime + usage.ru_stime
    return {
        "wall": wall,
        "cpu": cpu,
        "rss": usage.ru_maxrss * 1024,  # kilobytes on Linux
        "code": os.waitstatus_to_exitcode(status),
        "other": max(0.0, busy - cpu),
    }


def fresh(path):
    if os.path.lexists(path):
        shutil.rmtree(path)
    os.sync()  # so the write-back of the last build's files does not overlap the next one


def generate(pages, seed, folder, words_from):
    """Writes the corpus into folder unless the same generator already wrote it there from the
    same words."""
    generator = os.path.join(HERE, "generate_corpus.py")
    digest = hashlib.sha256(open(generator, "rb").read() + ("%d %d" % (pages, seed)).encode())
    for root, dirs, names in os.walk(words_from):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(".md"):
                digest.update(open(os.path.join(root, name), "rb").read())
    stamp = digest.hexdigest()
    stamp_path = os.path.join(folder, "corpus.stamp")
    if os.path.exists(stamp_path) and open(stamp_path).read() == stamp:
        return json.load(open(os.path.join(folder, "corpus.json")))
    fresh(folder)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, generator, "--pages", str(pages), "--seed", str(seed), "--out", folder,
         "--words-from", words_from], check=True,
        stdout=subprocess.DEVNULL)
    print("generated %d pages in %.1f s" % (pages, time.perf_counter() - start), flush=True)
    with open(stamp_path, "w") as f:
        f.write(stamp)
    return json.load(open(os.path.join(folder, "corpus.json")))


def tree_size(folder):
    files = size = 0
    for root, _, names in os.walk(folder):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(root, name))
    return files, size


def warm_page_cache(folder):
    for root, _, names in os.walk(folder):
        for name in names:
            with open(os.path.join(root, name), "rb") as f:
                while f.read(1 << 20):
                    pass


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    import urllib.request
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8", "replace")


def wait_for_line(log_path, needle, count, timeout):
    """Waits until log_path holds at least count lines containing needle; False on timeout."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        with open(log_path, errors="replace") as f:
            if sum(needle in line for line in f) >= count:
                return True
        time.sleep(0.05)
    return False


def measure_incremental(tool, corpus, binary, templates, log_path, edits=5):
    """Edit one page's body while the tool's preview server runs (`gids serve`, `hugo server`
    in its default fast-render mode), and time from the file write to the page served with the
    new text (polled over HTTP every millisecond). Median of `edits` edits, each after the
    previous edit's full rebuild has finished; also gids's full rebuild after each edit (from
    its log). The page is the same Markdown body in both corpora."""
    import urllib.error
    port = free_port()
    base = "http://127.0.0.1:%d/" % port
    if tool == "gids":
        guide = sorted(d for d in os.listdir(corpus) if os.path.isdir(os.path.join(corpus, d)))[0]
        page = sorted(n for n in os.listdir(os.path.join(corpus, guide)) if n.endswith(".md"))[0]
        path = os.path.join(corpus, guide, page)
        url = base + "%s/%s/" % (guide, page[:-3])
        command = [binary, "serve", "--content", corpus, "--templates", templates, "--port", str(port)]
        done = "gids serve: rebuilt"
    else:
        # The same page: the Hugo corpus keeps each body under its guide and phase.
        guide = sorted(d for d in os.listdir(os.path.join(corpus, "content"))
                       if os.path.isdir(os.path.join(corpus, "content", d)) and d != "domains")[0]
        page = None
        gids_folder = os.path.join(os.path.dirname(corpus), "gids", guide)
        first = sorted(n for n in os.listdir(gids_folder) if n.endswith(".md"))[0]
        for phase in sorted(os.listdir(os.path.join(corpus, "content", guide))):
            if os.path.exists(os.path.join(corpus, "content", guide, phase, first)):
                page = (phase, first)
        if page is None:
            return None
        path = os.path.join(corpus, "content", guide, page[0], page[1])
        url = base + "%s/%s/%s/" % (guide, page[0], page[1][:-3])
        command = [binary, "server", "-s", corpus, "--port", str(port), "--bind", "127.0.0.1", "--disableLiveReload"]
        done = "Total in"
    original = open(path, encoding="utf-8").read()
    log = open(log_path, "w")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    samples, rebuilds = [], []
    try:
        deadline = time.perf_counter() + 1800
        while True:
            try:
                fetch(url)
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.perf_counter() > deadline or server.poll() is not None:
                    return None
                time.sleep(0.2)
        finished = sum(done in line for line in open(log_path, errors="replace"))
        for edit in range(edits):
            wait_for_quiet(120)
            marker = "Bijgewerkt%d%d" % (edit, time.time_ns() % 10**9)
            with open(path, "a", encoding="utf-8") as f:
                f.write("\n%s\n" % marker)
            start = time.perf_counter()
            while marker not in fetch(url):
                if time.perf_counter() - start > 600:
                    return None
                time.sleep(0.001)
            samples.append(time.perf_counter() - start)
            finished += 1
            if not wait_for_line(log_path, done, finished, 1800):
                return None
            if tool == "gids":
                lines = [line for line in open(log_path, errors="replace") if done in line]
                rebuilds.append(float(lines[-1].rsplit(",", 1)[1].strip().split()[0]) / 1000)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
    return {"median": statistics.median(samples), "samples": samples,
            "rebuild": statistics.median(rebuilds) if rebuilds else None}


def machine():
    model = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = 0
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": model, "memory": memory, "system": platform.platform()}


def version(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True)
        return (result.stdout or result.stderr).strip().splitlines()[0]
    except (OSError, IndexError):
        return "unknown"


def mib(n):
    return "%.0f MiB" % (n / 2**20)


def seconds(s):
    return "%.2f s" % s if s >= 1 else "%.0f ms" % (s * 1000)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gids", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=5, help="timed builds of each tool per size below 50,000 pages")
    parser.add_argument("--large-runs", type=int, default=3, help="timed builds of each tool from 50,000 pages on")
    parser.add_argument("--attempts", type=int, default=4, help="attempts of a build disturbed by other processes")
    parser.add_argument("--quiet-wait", type=float, default=600, help="seconds to wait for an idle machine per build")
    parser.add_argument("--hugo", default="hugo")
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--baseline", help="another gids binary (an earlier build) timed in the same run, "
                        "alternating with gids and Hugo, on the same corpus")
    parser.add_argument("--templates", default=os.path.join(ROOT, "templates"))
    parser.add_argument("--baseline-templates", help="the templates folder of the baseline's own commit (default "
                        "--templates): a template that names a field an older gids does not have fails its build")
    parser.add_argument("--words-from", default=os.path.join(ROOT, "content"), help="the generator's source of words")
    parser.add_argument("--no-verify", action="store_true", help="skip gids check --site of both warm-up builds")
    parser.add_argument("--output-root", default="/dev/shm/gids-bench" if os.path.isdir("/dev/shm") else None,
                        help="where both tools write their sites (default: a tmpfs, see above)")
    args = parser.parse_args()
    gids = os.path.abspath(args.gids)
    baseline = os.path.abspath(args.baseline) if args.baseline else None
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    if shutil.which(args.hugo) is None:
        sys.exit("bench: hugo not found (Debian package hugo)")
    floor = os.path.join(work, "cmark_floor")
    cflags = subprocess.run(["pkg-config", "--cflags", "--libs", "libcmark-gfm"], capture_output=True, text=True,
                            check=True).stdout.split()
    subprocess.run(["gcc", "-O2", "-o", floor, os.path.join(HERE, "cmark_floor.c")] + cflags
                   + ["-lcmark-gfm-extensions"], check=True)

    # The site's templates with layout and page replaced by ones that show what the Hugo layout
    # shows (hugo-layout/): the cost of the templates for the same layout work as Hugo's.
    hugo_layout = os.path.join(work, "templates-hugo-layout")
    fresh(hugo_layout)
    shutil.copytree(args.templates, hugo_layout, dirs_exist_ok=True)
    for name in os.listdir(os.path.join(HERE, "hugo-layout")):
        shutil.copy(os.path.join(HERE, "hugo-layout", name), os.path.join(hugo_layout, name))

    sizes = [int(s) for s in args.sizes.split(",")]
    info = machine()
    info["gids"] = version([gids, "--version"])
    info["hugo"] = version([args.hugo, "version"])
    if baseline:
        info["baseline"] = version([baseline, "--version"])
    results = []
    for pages in sizes:
        runs = args.runs if pages < 50000 else args.large_runs
        folder = os.path.join(work, "build-%d" % pages)
        corpus = generate(pages, args.seed, folder, args.words_from)
        gids_content, hugo_site = os.path.join(folder, "gids"), os.path.join(folder, "hugo")
        out_root = os.path.join(args.output_root, "build-%d" % pages) if args.output_root else folder
        os.makedirs(out_root, exist_ok=True)
        gids_out, hugo_out = os.path.join(out_root, "out-gids"), os.path.join(out_root, "out-hugo")
        logs = os.path.join(folder, "logs")
        os.makedirs(logs, exist_ok=True)
        warm_page_cache(gids_content)
        warm_page_cache(hugo_site)

        def gids_build():
            fresh(gids_out)
            return [gids, "build", "--content", gids_content, "--templates", args.templates, "--output", gids_out]

        baseline_out = os.path.join(out_root, "out-baseline")

        def baseline_build():
            fresh(baseline_out)
            return [baseline, "build", "--content", gids_content, "--templates",
                    args.baseline_templates or args.templates, "--output", baseline_out]

        def hugo_build(quiet=True):
            fresh(hugo_out)
            fresh(os.path.join(hugo_site, "resources"))
            if os.path.exists(os.path.join(hugo_site, ".hugo_build.lock")):
                os.remove(os.path.join(hugo_site, ".hugo_build.lock"))
            return [args.hugo] + (["--quiet"] if quiet else []) + ["-s", hugo_site, "-d", hugo_out]

        # Warm-up builds (untimed): both must succeed; their output is what gets checked.
        warm = {"gids": measure(gids_build(), os.path.join(logs, "gids-warmup.log")),
                "hugo": measure(hugo_build(quiet=False), os.path.join(logs, "hugo-warmup.log"))}
        gids_log = open(os.path.join(logs, "gids-warmup.log"), encoding="utf-8", errors="replace").read()
        hugo_log = open(os.path.join(logs, "hugo-warmup.log"), encoding="utf-8", errors="replace").read()
        if warm["gids"]["code"] != 0:
            sys.exit("bench: gids build failed on the %d-page corpus:\n%s" % (pages, gids_log[-4000:]))
        if warm["hugo"]["code"] != 0:
            sys.exit("bench: hugo failed on the %d-page corpus:\n%s" % (pages, hugo_log[-4000:]))
        summary_line = next((line for line in gids_log.splitlines() if line.startswith("gids build:")), "")
        hugo_warnings = [line for line in hugo_log.splitlines() if "WARN" in line or "ERROR" in line]
        row = {
            "pages": pages, "runs": runs, "corpus": corpus,
            "gids_summary": [line for line in gids_log.splitlines() if line.startswith("gids build:")],
            "gids_diagnostics": [line for line in gids_log.splitlines()
                                 if ": warning:" in line or ": error:" in line][:20],
            "hugo_warnings": hugo_warnings[:20],
            "hugo_stats": [line for line in hugo_log.splitlines() if "|" in line],
            "gids_output": tree_size(gids_out), "hugo_output": tree_size(hugo_out),
        }
        print("%d pages: %s" % (pages, summary_line), flush=True)
        if not args.no_verify:
            for name, out in (("gids", gids_out), ("hugo", hugo_out)):
                check = subprocess.run([gids, "check", "--site", out], capture_output=True, text=True)
                last = (check.stdout + check.stderr).strip().splitlines()
                row["verify_" + name] = last[-1] if last else ""
                if check.returncode != 0:
                    sys.exit("bench: gids check --site found broken links in the %s build of %d pages:\n%s" % (
                        name, pages, "\n".join(last[-30:])))
                print("  check %s: %s" % (name, row["verify_" + name]), flush=True)

        builders = (("gids", gids_build), ("hugo", hugo_build))
        if baseline:
            warm_baseline = measure(baseline_build(), os.path.join(logs, "baseline-warmup.log"))
            if warm_baseline["code"] != 0:
                sys.exit("bench: the baseline gids failed on the %d-page corpus, see %s" % (
                    pages, os.path.join(logs, "baseline-warmup.log")))
            builders += (("baseline", baseline_build),)
        timings = {"gids": [], "hugo": [], "floor": [], "baseline": []}
        for run in range(runs):
            for name, command in builders:
                # A build that shared the cores with other work (more than 5 % of its own CPU
                # time, at least 1.5 s: kernel write-back of its output stays below) is repeated,
                # up to --attempts times; then the least disturbed attempt counts, flagged.
                attempts = []
                while len(attempts) < args.attempts:
                    waited = wait_for_quiet(args.quiet_wait)
                    result = measure(command(), os.path.join(logs, "%s-%d.log" % (name, run)))
                    result["waited"] = waited
                    if result["code"] != 0:
                        sys.exit("bench: %s failed (exit %d), see %s" % (
                            name, result["code"], os.path.join(logs, "%s-%d.log" % (name, run))))
                    attempts.append(result)
                    result["disturbed"] = result["other"] > max(1.5, 0.05 * result["cpu"])
                    print("  run %d %s: %.2f s wall, %.2f s cpu, %s, other processes %.2f s cpu%s" % (
                        run + 1, name, result["wall"], result["cpu"], mib(result["rss"]), result["other"],
                        " (disturbed%s)" % (", repeating" if len(attempts) < args.attempts else "") if result["disturbed"] else ""),
                        flush=True)
                    if not result["disturbed"]:
                        break
                result = min(attempts, key=lambda r: r["other"])
                result["attempts"] = len(attempts)
                timings[name].append(result)
            wait_for_quiet(args.quiet_wait)
            floor_run = subprocess.run([floor, gids_content], capture_output=True, text=True, check=True)
            timings["floor"].append(json.loads(floor_run.stdout))
        edits = 5 if pages < 50000 else 3
        row["incremental"] = {
            "gids": measure_incremental("gids", gids_content, gids, args.templates, os.path.join(logs, "gids-serve.log"),
                                        edits),
            "hugo": measure_incremental("hugo", hugo_site, args.hugo, None, os.path.join(logs, "hugo-server.log"),
                                        edits)}
        # Two more gids builds, not counted above: stage times and the CPU time spent inside the
        # libraries gids must use (`--timings`), with the site's templates and with templates that
        # do the work of the Hugo layout only, to show where the time goes.
        row["profiles"] = []
        for label, templates in (("site templates", args.templates), ("Hugo's layout work", hugo_layout)):
            wait_for_quiet(args.quiet_wait)
            log_path = os.path.join(logs, "gids-timings-%d.log" % len(row["profiles"]))
            fresh(gids_out)
            profiled = measure([gids, "build", "--timings", "--content", gids_content, "--templates", templates,
                                "--output", gids_out], log_path)
            if profiled["code"] != 0:
                sys.exit("bench: gids build --timings failed, see %s" % log_path)
            profile = parse_timings(open(log_path, encoding="utf-8").read())
            profile.update(label=label, wall=profiled["wall"], cpu=profiled["cpu"])
            row["profiles"].append(profile)
        for name in ("gids", "hugo") + (("baseline",) if baseline else ()):
            for key in ("wall", "cpu", "rss"):
                row["%s_%s" % (name, key)] = statistics.median(r[key] for r in timings[name])
        row["floor"] = statistics.median(r["seconds"] for r in timings["floor"])
        row["floor_files"] = timings["floor"][0]["files"]
        row["floor_bytes"] = timings["floor"][0]["bytes_in"]
        row["timings"] = timings
        counted = [r for name in ("gids", "hugo", "baseline") for r in timings[name]]
        row["other"] = max(r["other"] for r in counted)
        row["disturbed"] = sum(r["disturbed"] for r in counted)
        row["repeated"] = sum(r["attempts"] - 1 for r in counted)
        results.append(row)
        if args.output_root:
            shutil.rmtree(out_root, ignore_errors=True)  # the tmpfs is memory
        print("  median: gids %.2f s, hugo %.2f s, floor %.3f s" % (row["gids_wall"], row["hugo_wall"], row["floor"]),
              flush=True)

    text = report(results, info, args)
    with open(os.path.join(work, "build.md"), "w") as f:
        f.write(text)
    with open(os.path.join(work, "build.json"), "w") as f:
        json.dump({"machine": info, "results": results}, f, indent=1)
    print(text)


def parse_timings(log):
    """The stage wall times and library CPU times that `gids build --timings` printed:
    {"stages": [[name, seconds], ...], "libraries": [[name, seconds], ...],
    "templates": [[name, seconds, calls], ...]}."""
    parsed = {"stages": [], "libraries": [], "templates": []}
    section = None
    for line in log.splitlines():
        if line.startswith("gids build: stages"):
            section = "stages"
        elif line.startswith("gids build: inside the required libraries"):
            section = "libraries"
        elif line.startswith("gids build: templates"):
            section = "templates"
        elif line.startswith("gids build:"):
            section = None
        elif section == "templates" and line.startswith("  "):
            fields = line.split()
            parsed["templates"].append([fields[0], float(fields[1]), int(fields[3])])
        elif section and line.startswith("  ") and line.rstrip().endswith(" s"):
            name, value = line.strip()[:-2].rsplit(None, 1)
            parsed[section].append([name.strip(), float(value)])
    return parsed


def report(results, info, args):
    out = ["# gids build: benchmark against Hugo", ""]
    out.append("Machine: %d cores, %s, %s RAM, %s. %s; %s." % (
        info["cores"], info["cpu"], "%.0f GiB" % (info["memory"] / 2**30), info["system"], info["gids"], info["hugo"]))
    out.append("")
    first = results[0]["corpus"]
    out.append(
        "Corpora from `Benchmarks/build/generate_corpus.py` (seed %d): %d guides of 4 phases, 8 beleidsdomeinen, "
        "about %d internal links a page (%d%% with a `#fragment`), images on about %d%% of pages; the same Markdown "
        "bodies as a Hugo site (a section per guide and per phase, taxonomy `domains`). Medians of the timed runs "
        "(after one untimed warm-up build of each), fresh output folder each run (%s), warm page cache, builds "
        "alternating, each started on an idle machine and repeated when other processes took CPU meanwhile. Wall: elapsed time; CPU: user + system time of the process; memory: peak RSS. Floor: libcmark-gfm "
        "(table, strikethrough, tasklist, footnotes) parsing and rendering every page body to HTML, one thread, nothing else (`cmark_floor.c`)." % (
            args.seed, first["guides"], round(first["links"] / first["pages"]),
            round(100 * first["links_with_fragment"] / max(1, first["links"])),
            round(100 * first["images"] / first["pages"]),
            "under %s, a tmpfs: see run.py on ext4 without a journal" % args.output_root
            if args.output_root and args.output_root.startswith("/dev/shm") else "on disk"))
    out.append("")
    out.append("| pages | runs | gids wall | Hugo wall | gids / Hugo wall | gids CPU | Hugo CPU | gids memory | "
               "Hugo memory | gids / Hugo memory | floor | gids / floor |")
    out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        out.append("| %d | %d | %s | %s | %.2f x | %s | %s | %s | %s | %.2f x | %s | %.0f x |" % (
            r["pages"], r["runs"], seconds(r["gids_wall"]), seconds(r["hugo_wall"]), r["gids_wall"] / r["hugo_wall"],
            seconds(r["gids_cpu"]), seconds(r["hugo_cpu"]), mib(r["gids_rss"]), mib(r["hugo_rss"]),
            r["gids_rss"] / r["hugo_rss"], seconds(r["floor"]), r["gids_wall"] / r["floor"]))
    out.append("")
    if "baseline_wall" in results[0]:
        out.append("Baseline (`--baseline %s`, %s), timed in the same runs, alternating with gids and Hugo:" % (
            args.baseline, info.get("baseline", "")))
        out.append("")
        out.append("| pages | baseline wall | baseline / Hugo wall | gids / Hugo wall | gids / baseline wall | "
                   "baseline CPU | baseline memory | baseline / floor |")
        out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for r in results:
            out.append("| %d | %s | %.2f x | %.2f x | %.2f x | %s | %s | %.0f x |" % (
                r["pages"], seconds(r["baseline_wall"]), r["baseline_wall"] / r["hugo_wall"],
                r["gids_wall"] / r["hugo_wall"], r["gids_wall"] / r["baseline_wall"], seconds(r["baseline_cpu"]),
                mib(r["baseline_rss"]), r["baseline_wall"] / r["floor"]))
        out.append("")
    if len(results) > 1:
        small, large = results[0], results[-1]
        out.append("Scaling, wall time per page at %d pages / per page at %d pages (1.00 = linear):" % (
            large["pages"], small["pages"]))
        out.append("")
        out.append("| | per page at %d | per page at %d | ratio |" % (small["pages"], large["pages"]))
        out.append("| --- | ---: | ---: | ---: |")
        for name, key in (("gids", "gids_wall"), ("Hugo", "hugo_wall"), ("floor", "floor")):
            a, b = small[key] / small["pages"], large[key] / large["pages"]
            out.append("| %s | %.3f ms | %.3f ms | %.2f |" % (name, a * 1000, b * 1000, b / a))
        out.append("")
    out.append("Output per size (warm-up build): files and bytes written.")
    out.append("")
    out.append("| pages | gids files | gids bytes | Hugo files | Hugo bytes | Markdown bodies |")
    out.append("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        out.append("| %d | %d | %s | %d | %s | %s |" % (
            r["pages"], r["gids_output"][0], mib(r["gids_output"][1]), r["hugo_output"][0], mib(r["hugo_output"][1]),
            mib(r["floor_bytes"])))
    out.append("")
    out.append("Incremental rebuild: one page's body edited while the preview server runs (`gids serve`, `hugo server` "
               "in its default fast-render mode); time from the file write to the page served with the new text, "
               "median of 5 edits (3 from 50,000 pages); and, for gids, the full rebuild that follows each edit (lists, backlinks, print "
               "edition and search index up to date).")
    out.append("")
    out.append("| pages | gids: edit to page | Hugo: edit to page | gids / Hugo | gids: full rebuild after the edit |")
    out.append("| ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        g, h = r["incremental"]["gids"], r["incremental"]["hugo"]
        out.append("| %d | %s | %s | %s | %s |" % (
            r["pages"], "%.0f ms" % (g["median"] * 1000) if g else "failed",
            "%.0f ms" % (h["median"] * 1000) if h else "failed",
            "%.2f x" % (g["median"] / h["median"]) if g and h else "–",
            seconds(g["rebuild"]) if g and g.get("rebuild") else "–"))
    out.append("")
    profiled = [(r, p) for r in results for p in r.get("profiles", []) if p["libraries"]]
    if profiled:
        names = [name for name, _ in profiled[0][1]["libraries"]]
        out.append("Where the time goes: two more gids builds per size with `--timings` (not counted above; reading "
                   "the thread CPU clock around each library call adds a little), one with the site's templates and "
                   "one with `layout` and `page` replaced by templates that show what the Hugo layout shows "
                   "(`Benchmarks/build/hugo-layout/`). CPU time spent inside the libraries gids is built on (all "
                   "threads together; the templates' time includes their HTML escaping), of which "
                   "the templates' for the pages (`page` and `layout`), their sum divided by the %d cores (the least "
                   "wall time they allow, with perfect parallelism and nothing else running), and the goal: 0.25 x "
                   "Hugo's median wall time." % info["cores"])
        out.append("")
        out.append("| pages | templates | build wall | gids CPU | " + " | ".join(names)
                   + " | of which pages | libraries | libraries / %d cores | 0.25 x Hugo wall |" % info["cores"])
        out.append("| ---: | --- | ---: | ---: | " + " | ".join("---:" for _ in names) + " | ---: | ---: | ---: | ---: |")
        for r, p in profiled:
            libraries = dict(p["libraries"])
            total = sum(libraries.values())
            pages_part = sum(t[1] for t in p["templates"] if t[0] in ("page", "layout"))
            out.append("| %d | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                r["pages"], p["label"], seconds(p["wall"]), seconds(p["cpu"]),
                " | ".join("%s (%.0f %%)" % (seconds(libraries[n]), 100 * libraries[n] / p["cpu"]) for n in names),
                seconds(pages_part), seconds(total), seconds(total / info["cores"]), seconds(0.25 * r["hugo_wall"])))
        out.append("")
        stages = [name for name, _ in profiled[0][1]["stages"]]
        out.append("Stage wall times of the same builds (render and index run side by side, so index shows "
                   "only what is left after rendering):")
        out.append("")
        out.append("| pages | templates | " + " | ".join(stages) + " |")
        out.append("| ---: | --- | " + " | ".join("---:" for _ in stages) + " |")
        for r, p in profiled:
            values = dict(p["stages"])
            out.append("| %d | %s | %s |" % (r["pages"], p["label"], " | ".join(seconds(values.get(n, 0)) for n in stages)))
        out.append("")
    notes = []
    for r in results:
        notes.append("%d pages: %d timed builds repeated because other processes used the CPU meanwhile; "
                     "%d counted builds still disturbed; at most %.1f s of other CPU during a counted build" % (
                         r["pages"], r["repeated"], r["disturbed"], r["other"]))
        for line in r["gids_summary"]:
            notes.append("%d pages, %s" % (r["pages"], line))
        if r.get("verify_gids"):
            notes.append("%d pages, gids site: %s" % (r["pages"], r["verify_gids"]))
        if r.get("verify_hugo"):
            notes.append("%d pages, Hugo site: %s" % (r["pages"], r["verify_hugo"]))
        for line in r["gids_diagnostics"]:
            notes.append("%d pages, gids: %s" % (r["pages"], line))
        for line in r["hugo_warnings"]:
            notes.append("%d pages, Hugo: %s" % (r["pages"], line))
    if notes:
        out.append("Notes (warm-up builds, link checks of both built sites, disturbances):")
        out.append("")
        out.extend("- `%s`" % note.replace("`", "'") for note in notes)
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    main()
