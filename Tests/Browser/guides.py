"""`make browser`: what each guide offers, tested in a real headless Chromium.

Usage: guides.py --site DIR --out DIR

- Keuzewijzer: choosing two facet values shows exactly the tools that match (computed from
  the site's own tools.json) and puts the choice in the URL; reloading that URL gives the same
  state; a choice nothing matches shows the empty state, and its button clears the choices.
- Comparing: ticking two tools and following the compare link shows exactly those two.
- "In welke fase zit jouw gemeente?": choosing a phase shows only that phase's pages.
- Filters on listing pages (`filters:` in guide.yml): on the Woudlopersgids (phases and a
  taxonomy) and on the fixture Tests/GidsBuildTests/Fixtures/filters (two taxonomies and a
  page-type key in groups, built into _filters/), two choices show exactly the pages computed
  from the Markdown files' front matter, with the counts and group counts that follow; the URL
  round-trips; a choice nothing matches shows the empty state and its reset; and the filters
  work from the keyboard alone.
- Screenshots of the chooser, the overview map and the print edition at 1280 and 375 px.

A missing browser or driver fails the run; it never skips.
"""
import argparse
import glob
import json
import os
import sys

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Accessibility"))
import a11y  # noqa: E402  (the shared server and browser setup)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHOOSER = "keuzewijzer-e-tools/"
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


class Failures(list):
    def check(self, condition, message):
        if not condition:
            self.append(message)


def visible_tools(driver):
    return sorted(card.get_attribute("data-tool") for card in driver.find_elements(By.CSS_SELECTOR, "#_tools > li")
                  if card.is_displayed())


def wait_for_filters(driver):
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "_filters").is_displayed())


def tick(driver, name, value):
    box = driver.find_element(By.CSS_SELECTOR, "#_filters input[name='%s'][value='%s']" % (name, value))
    press(driver, box)


def press(driver, element):
    """A click as a user makes it; the element is scrolled into view first."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    driver.execute_script("arguments[0].click()", element)


def test_chooser(driver, base, site, failures):
    data = json.load(open(os.path.join(site, CHOOSER, "tools.json")))
    # Two values, from different facets, that some but not all tools share.
    best = None
    for first in data["facets"]:
        for second in data["facets"]:
            if first["id"] >= second["id"]:
                continue
            for a in first["values"]:
                for b in second["values"]:
                    hits = sorted(t["id"] for t in data["tools"]
                                  if a["id"] in t["values"].get(first["id"], []) and b["id"] in t["values"].get(second["id"], []))
                    if 0 < len(hits) < len(data["tools"]) and (best is None or len(hits) > len(best[4])):
                        best = (first["id"], a["id"], second["id"], b["id"], hits)
    failures.check(best is not None, "chooser: the content has no pair of facet values that splits the tools")
    if best is None:
        return
    facet1, value1, facet2, value2, expected = best
    driver.get(base + CHOOSER)
    wait_for_filters(driver)
    failures.check(len(visible_tools(driver)) == len(data["tools"]), "chooser: not every tool is shown at first")
    tick(driver, facet1, value1)
    tick(driver, facet2, value2)
    failures.check(visible_tools(driver) == expected,
                   "chooser: %s=%s and %s=%s show %s, expected %s" % (facet1, value1, facet2, value2,
                                                                     visible_tools(driver), expected))
    url = driver.current_url
    failures.check(("%s=%s" % (facet1, value1)) in url and ("%s=%s" % (facet2, value2)) in url,
                   "chooser: the URL does not hold the choice: " + url)
    status = driver.find_element(By.ID, "_filter-status").text
    failures.check(str(len(expected)) in status, "chooser: the status does not give the count: " + status)
    # Counts per value follow the other facet's choice.
    count = driver.find_element(By.CSS_SELECTOR, "[data-count='%s:%s']" % (facet1, value1)).text
    failures.check(count == "(%d)" % len(expected), "chooser: count of %s is %s" % (value1, count))
    # Reloading the URL restores the state.
    driver.get(url)
    wait_for_filters(driver)
    failures.check(visible_tools(driver) == expected, "chooser: reloading %s shows %s" % (url, visible_tools(driver)))
    checked = driver.find_element(By.CSS_SELECTOR, "#_filters input[name='%s'][value='%s']" % (facet1, value1))
    failures.check(checked.is_selected(), "chooser: reloading does not restore the ticked boxes")
    # Two choices that each match a tool but together none: the empty state, and a way back.
    empty_pair = None
    for first in data["facets"]:
        for second in data["facets"]:
            if first["id"] >= second["id"] or empty_pair:
                continue
            for a in first["values"]:
                for b in second["values"]:
                    has_a = [t for t in data["tools"] if a["id"] in t["values"].get(first["id"], [])]
                    has_b = [t for t in data["tools"] if b["id"] in t["values"].get(second["id"], [])]
                    both = [t for t in has_a if t in has_b]
                    if has_a and has_b and not both and not empty_pair:
                        empty_pair = (first["id"], a["id"], second["id"], b["id"])
    failures.check(empty_pair is not None, "chooser: no two choices exclude each other; the empty state is untested")
    if empty_pair:
        driver.get(base + CHOOSER)
        wait_for_filters(driver)
        tick(driver, empty_pair[0], empty_pair[1])
        tick(driver, empty_pair[2], empty_pair[3])
        failures.check(visible_tools(driver) == [], "chooser: %s should match no tool" % (empty_pair,))
        failures.check(driver.find_element(By.CSS_SELECTOR, "[data-filter-empty]").is_displayed(),
                       "chooser: no empty state shown")
        press(driver, driver.find_element(By.CSS_SELECTOR, "[data-filter-empty] button[data-reset]"))
        failures.check(len(visible_tools(driver)) == len(data["tools"]), "chooser: the reset does not show every tool")
        failures.check("?" not in driver.current_url, "chooser: the reset leaves the choice in the URL")


def test_compare(driver, base, failures):
    driver.get(base + CHOOSER)
    wait_for_filters(driver)
    boxes = driver.find_elements(By.CSS_SELECTOR, "input[name='vergelijk']")
    failures.check(len(boxes) >= 2, "compare: fewer than two tools to compare")
    if len(boxes) < 2:
        return
    picked = []
    for box in boxes[:2]:
        press(driver, box)
        picked.append(box.get_attribute("value"))
    link = driver.find_element(By.ID, "_vergelijk")
    failures.check(link.is_displayed(), "compare: the compare link does not appear after ticking two tools")
    driver.get(link.get_attribute("href"))
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.TAG_NAME, "table"))
    shown = sorted(th.get_attribute("data-tool") for th in driver.find_elements(By.CSS_SELECTOR, "thead th[data-tool]")
                   if th.is_displayed())
    failures.check(shown == sorted(picked), "compare: the table shows %s, expected %s" % (shown, sorted(picked)))
    rows = driver.find_elements(By.CSS_SELECTOR, "tbody tr")
    failures.check(len(rows) >= 5, "compare: the table compares on only %d fields" % len(rows))


def guide_data(folder, url_prefix, keys):
    """Page URL → {taxonomy: [values]} from the front matter of the guide's Markdown files."""
    pages = {}
    for path in sorted(glob.glob(os.path.join(ROOT, folder, "*.md"))):
        text = open(path, encoding="utf-8").read()
        if not text.startswith("---"):
            continue
        front = yaml.safe_load(text.split("---", 2)[1]) or {}
        slug = front.get("slug") or os.path.splitext(os.path.basename(path))[0]
        values = {}
        for key in keys:
            value = front.get(key)
            values[key] = [] if value is None else [str(v) for v in (value if isinstance(value, list) else [value])]
        pages[url_prefix + slug + "/"] = values
    return pages


def expected_items(pages, chosen):
    """The pages that have, for every taxonomy with a choice, one of the chosen values."""
    return sorted(url for url, values in pages.items()
                  if all(any(v in values[t] for v in vs) for t, vs in chosen.items()))


def visible_items(driver):
    return sorted({card.get_attribute("data-item") for card in driver.find_elements(By.CSS_SELECTOR, "[data-item][data-values]")
                   if card.is_displayed()})


def test_filters(driver, base, failures, name, path, pages, first, second, groups=None):
    """Two choices from the taxonomies `first` and `second` (the pair that splits the pages
    most evenly), the URL, reload, the empty state and reset. `groups`: the page-type key,
    whose groups must show the matching count or be hidden."""
    listed = {url: values for url, values in pages.items() if any(values.values())}
    pairs = []
    for a in sorted({v for values in listed.values() for v in values[first]}):
        for b in sorted({v for values in listed.values() for v in values[second]}):
            hits = expected_items(listed, {first: [a], second: [b]})
            pairs.append((len(hits), a, b, hits))
    splitting = [p for p in pairs if 0 < p[0] < len(listed)]
    failures.check(bool(splitting), "%s: no pair of values splits the pages" % name)
    if not splitting:
        return
    _, a, b, expected = max(splitting)
    driver.get(base + path)
    wait_for_filters(driver)
    failures.check(visible_items(driver) == sorted(listed), "%s: not every page is shown at first: %s" % (
        name, visible_items(driver)))
    tick(driver, first, a)
    tick(driver, second, b)
    failures.check(visible_items(driver) == expected, "%s: %s=%s and %s=%s show %s, expected %s" % (
        name, first, a, second, b, visible_items(driver), expected))
    count = driver.find_element(By.CSS_SELECTOR, "[data-count='%s:%s']" % (first, a)).text
    failures.check(count == "(%d)" % len(expected), "%s: count of %s is %s, expected %d" % (name, a, count, len(expected)))
    # The count of a value of the first taxonomy follows the choice in the second.
    for other in sorted({v for values in listed.values() for v in values[first]}):
        spans = driver.find_elements(By.CSS_SELECTOR, "[data-count='%s:%s']" % (first, other))
        if spans:
            want = len(expected_items(listed, {first: [other], second: [b]}))
            failures.check(spans[0].text == "(%d)" % want, "%s: count of %s is %s, expected (%d)" % (
                name, other, spans[0].text, want))
    status = driver.find_element(By.CSS_SELECTOR, "[data-filter-status]").text
    failures.check(status.startswith(str(len(expected)) + " "), "%s: the status says %r" % (name, status))
    if groups:
        for section in driver.find_elements(By.CSS_SELECTOR, "section.page-group"):
            cards = {c.get_attribute("data-item") for c in section.find_elements(By.CSS_SELECTOR, "[data-item]")}
            want = len([url for url in expected if url in cards])
            if want == 0:
                failures.check(not section.is_displayed(), "%s: an empty group is shown" % name)
            else:
                label = section.find_element(By.CSS_SELECTOR, "[data-group-count]").text
                failures.check(label.startswith("(%d " % want), "%s: a group says %s, expected %d" % (name, label, want))
    url = driver.current_url
    failures.check("%s=%s" % (first, a) in url and "%s=%s" % (second, b) in url, "%s: the URL does not hold the choice: %s" % (
        name, url))
    driver.get(url)
    wait_for_filters(driver)
    failures.check(visible_items(driver) == expected, "%s: reloading %s shows %s" % (name, url, visible_items(driver)))
    # Two values that each have pages but no page both: the empty state, and the reset.
    empty = [p for p in pairs if p[0] == 0]
    failures.check(bool(empty), "%s: no two choices exclude each other; the empty state is untested" % name)
    if empty:
        _, a, b, _ = empty[0]
        driver.get(base + path)
        wait_for_filters(driver)
        tick(driver, first, a)
        tick(driver, second, b)
        failures.check(visible_items(driver) == [], "%s: %s=%s and %s=%s should match nothing" % (name, first, a, second, b))
        failures.check(driver.find_element(By.CSS_SELECTOR, "[data-filter-empty]").is_displayed(),
                       "%s: no empty state shown" % name)
        press(driver, driver.find_element(By.CSS_SELECTOR, "[data-filter-empty] button[data-reset]"))
        failures.check(visible_items(driver) == sorted(listed), "%s: the reset does not show every page" % name)
        failures.check("?" not in driver.current_url, "%s: the reset leaves the choice in the URL" % name)


def test_filters_keyboard(driver, base, failures, name, path, pages, taxonomy):
    """Tab to the first filter, Space ticks it, Tab on to the reset button, Enter clears."""
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.common.action_chains import ActionChains
    driver.get(base + path)
    wait_for_filters(driver)
    box = None
    for _ in range(80):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        active = driver.switch_to.active_element
        if active.get_attribute("type") == "checkbox" and active.get_attribute("name") == taxonomy:
            box = active
            break
    failures.check(box is not None, "%s keyboard: Tab does not reach the filter %s" % (name, taxonomy))
    if box is None:
        return
    value = box.get_attribute("value")
    ActionChains(driver).send_keys(Keys.SPACE).perform()
    want = expected_items({u: v for u, v in pages.items() if any(v.values())}, {taxonomy: [value]})
    failures.check(visible_items(driver) == want, "%s keyboard: Space on %s shows %s, expected %s" % (
        name, value, visible_items(driver), want))
    for _ in range(40):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if driver.switch_to.active_element.get_attribute("data-reset") is not None:
            break
    failures.check(driver.switch_to.active_element.get_attribute("data-reset") is not None,
                   "%s keyboard: Tab does not reach the reset button" % name)
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    failures.check(len(visible_items(driver)) > len(want), "%s keyboard: Enter on the reset does not clear" % name)


def test_phase_chooser(driver, base, failures):
    driver.get(base + "regenbooggids/")
    choices = driver.find_elements(By.CSS_SELECTOR, "[data-phase]")
    failures.check(len(choices) >= 2, "phases: no phase choices on the Regenbooggids")
    if len(choices) < 2:
        return
    chosen = choices[1].get_attribute("data-phase")
    press(driver, choices[1])
    sections = driver.find_elements(By.CSS_SELECTOR, "[data-phase-section]")
    visible = [s.get_attribute("data-phase-section") for s in sections if s.is_displayed()]
    failures.check(visible == [chosen], "phases: choosing %s shows %s" % (chosen, visible))
    failures.check(driver.current_url.endswith("#fase-" + chosen), "phases: the URL does not hold the phase")
    press(driver, driver.find_element(By.CSS_SELECTOR, "[data-all-phases]"))
    visible = [s for s in sections if s.is_displayed()]
    failures.check(len(visible) == len(sections), "phases: 'Toon alle fasen' does not show every phase")


def test_phase_chooser_with_filters(driver, base, failures, pages):
    """On a guide home whose filters include the phase, choosing a phase is that filter: it
    ticks the phase alone, the other filters combine with it, and the two never disagree."""
    driver.get(base + "woudlopersgids/")
    wait_for_filters(driver)
    choices = driver.find_elements(By.CSS_SELECTOR, "[data-phase]")
    chosen = choices[-1].get_attribute("data-phase")
    press(driver, choices[-1])
    ticked = [b.get_attribute("value") for b in driver.find_elements(By.CSS_SELECTOR, "#_filters input[name='phase']")
              if b.is_selected()]
    failures.check(ticked == [chosen], "phase chooser with filters: choosing %s ticks %s" % (chosen, ticked))
    failures.check("phase=" + chosen in driver.current_url, "phase chooser with filters: URL " + driver.current_url)
    failures.check(visible_items(driver) == expected_items(pages, {"phase": [chosen]}),
                   "phase chooser with filters: %s shows %s" % (chosen, visible_items(driver)))
    values = sorted({v for p in pages.values() for v in p["doelgroep"]})
    value = next((v for v in values if expected_items(pages, {"phase": [chosen], "doelgroep": [v]})), values[0])
    tick(driver, "doelgroep", value)
    want = expected_items(pages, {"phase": [chosen], "doelgroep": [value]})
    failures.check(visible_items(driver) == want, "phase chooser with filters: %s and %s show %s, expected %s" % (
        chosen, value, visible_items(driver), want))
    # Ticking a second phase in the form: the chooser no longer names one phase.
    other = choices[0].get_attribute("data-phase")
    tick(driver, "phase", other)
    current = [c.get_attribute("data-phase") for c in choices if c.get_attribute("aria-current")]
    failures.check(current == [], "phase chooser with filters: two phases ticked, the chooser marks %s" % current)
    press(driver, driver.find_element(By.CSS_SELECTOR, "[data-reset]"))
    # The old #fase- link still works, as the filter (from another page: a new load).
    driver.get(base)
    driver.get(base + "woudlopersgids/#fase-" + chosen)
    wait_for_filters(driver)
    failures.check(visible_items(driver) == expected_items(pages, {"phase": [chosen]}),
                   "phase chooser with filters: #fase-%s shows %s" % (chosen, visible_items(driver)))


def test_search(driver, base, failures):
    """The search page in the browser gives the expected first result, and arrow keys move
    from the field into the results."""
    from selenium.webdriver.common.keys import Keys
    for query, first in [("respijt", "woudlopersgids/respijtzorg/"), ("lgbti sport", "regenbooggids/sport/"),
                         ("wijkpanel", "keuzewijzer-e-tools/digitaal-wijkpanel/"),
                         ("ervaringskenis", "woudlopersgids/ervaringskennis-in-beleid/"),
                         ("wmo", "domeinen/wmo/"), ("vrijwilligers", "woudlopersgids/doelgroep/vrijwilligers/")]:
        driver.get(base + "zoeken/")
        field = driver.find_element(By.ID, "_zoekterm")
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        field.send_keys(query + " ")
        try:
            WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#_zoek-resultaten li a"))
        except Exception:
            failures.append("search: no results for %r" % query)
            continue
        href = driver.find_element(By.CSS_SELECTOR, "#_zoek-resultaten li a").get_attribute("href")
        failures.check(href.endswith(first), "search: %r gives %s first, expected %s" % (query, href, first))
        # A result says what it is when it is not an ordinary page, and where it sits.
        meta = driver.find_element(By.CSS_SELECTOR, "#_zoek-resultaten li .meta").text
        want = {"domeinen/wmo/": "Beleidsdomein Beleidsdomeinen",
                "woudlopersgids/doelgroep/vrijwilligers/": "Overzicht Woudlopersgids Informele Zorg › Doelgroep"}.get(first)
        if want:
            failures.check(meta == want, "search: the result %s says %r, expected %r" % (first, meta, want))
        field.send_keys(Keys.ARROW_DOWN)
        active = driver.switch_to.active_element.get_attribute("href") or ""
        failures.check(active == href, "search: arrow down does not move to the first result")


def screenshots(driver, base, out):
    files = []
    for path, name in [(CHOOSER, "chooser"), ("woudlopersgids/", "overview-map"), ("regenbooggids/print/", "print")]:
        for width in (1280, 375):
            scroll = "document.querySelector('.overview').scrollIntoView()" if name == "overview-map" else None
            files.append(a11y.screenshot(driver, base + path, width, os.path.join(out, "%s-%d.png" % (name, width)),
                                         scroll=scroll))
    return files


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    server, base = a11y.serve(args.site)
    driver = a11y.browser()
    failures = Failures()
    try:
        a11y.set_width(driver, 1280)
        test_chooser(driver, base, args.site, failures)
        test_compare(driver, base, failures)
        test_phase_chooser(driver, base, failures)
        woudlopers = guide_data("content/woudlopersgids", "woudlopersgids/", ["phase", "doelgroep"])
        test_filters(driver, base, failures, "filters (Woudlopersgids)", "woudlopersgids/", woudlopers, "phase", "doelgroep")
        test_filters_keyboard(driver, base, failures, "filters (Woudlopersgids)", "woudlopersgids/", woudlopers, "doelgroep")
        test_phase_chooser_with_filters(driver, base, failures, woudlopers)
        fixture = guide_data("Tests/GidsBuildTests/Fixtures/filters/content/maatregelen", "maatregelen/",
                             ["rol", "thema", "soort"])
        test_filters(driver, base + "_filters/", failures, "filters (fixture)", "maatregelen/", fixture, "rol", "thema",
                     groups="soort")
        test_filters(driver, base + "_filters/", failures, "filters (fixture, page type)", "maatregelen/", fixture,
                     "soort", "thema", groups="soort")
        test_filters_keyboard(driver, base + "_filters/", failures, "filters (fixture)", "maatregelen/", fixture, "rol")
        test_search(driver, base, failures)
        shots = screenshots(driver, base, args.out)
    finally:
        driver.quit()
        server.shutdown()
    failures = [f for f in failures if f]
    print("browser: chooser, compare, phase chooser, filters, search; screenshots: " + ", ".join(os.path.basename(s) for s in shots))
    for failure in failures:
        print("FAIL " + failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
