"""`make browser` (part 2): `gids serve` with a real headless Chromium.

Usage: serve.py --gids BIN --out DIR

On a copy of content/ and templates/ in a temporary folder:
- an open page reloads by itself after its Markdown file is saved, and shows the new text;
- a change that breaks a link shows the diagnostics over the page (the overlay), while the
  server keeps serving the last good page; fixing it removes the overlay;
- a template change reloads the page with the new template;
- a request for a path outside the site is refused.

A missing browser or driver fails the run; it never skips.
"""
import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Accessibility"))
import a11y  # noqa: E402  (the shared browser setup)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PAGE = "woudlopersgids/respijtzorg.md"
URL = "woudlopersgids/respijtzorg/"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def append(path, text):
    with open(path, "a", encoding="utf-8") as f:
        f.write(text)


def overlay_text(driver):
    return driver.execute_script(
        "var o = document.querySelector('body > div[role=alert]'); return o ? o.textContent : null;")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gids", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="gids-serve-")
    shutil.copytree(os.path.join(ROOT, "content"), os.path.join(work, "content"))
    shutil.copytree(os.path.join(ROOT, "templates"), os.path.join(work, "templates"))
    port = free_port()
    log = open(os.path.join(args.out, "serve.log"), "w")
    server = subprocess.Popen(
        [os.path.abspath(args.gids), "serve", "--content", "content", "--templates", "templates", "--port", str(port)],
        cwd=work, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
    base = "http://127.0.0.1:%d/" % port
    failures = []
    driver = None
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base, timeout=1)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        else:
            sys.exit("serve: the server did not answer, see " + log.name)
        driver = a11y.browser()
        # The page reloads between finding an element and reading it: such a read is retried.
        wait = WebDriverWait(driver, 20, poll_frequency=0.05, ignored_exceptions=[StaleElementReferenceException])
        driver.get(base + URL)
        source = os.path.join(work, "content", PAGE)

        # 1. Saving the page reloads it with the new text.
        driver.execute_script("window.__notReloaded = true")
        append(source, "\nDeze zin is toegevoegd terwijl de pagina openstond.\n")
        started = time.perf_counter()
        wait.until(lambda d: "toegevoegd terwijl de pagina openstond" in d.find_element(By.TAG_NAME, "main").text)
        reload_ms = (time.perf_counter() - started) * 1000
        if driver.execute_script("return window.__notReloaded === true"):
            failures.append("the page changed without a reload")

        # 2. A broken link shows the overlay; the server keeps the last good page.
        append(source, "\nZie ook [een pagina die niet bestaat](bestaat-niet.md).\n")
        wait.until(lambda d: (overlay_text(d) or "").find("bestaat-niet.md") >= 0)
        text = overlay_text(driver)
        if "link.missing-page" not in text or "respijtzorg.md" not in text:
            failures.append("the overlay does not show the diagnostic: %r" % text[:300])
        driver.save_screenshot(os.path.join(args.out, "serve-overlay.png"))
        served = urllib.request.urlopen(base + URL).read().decode()
        if "bestaat-niet" in served or "toegevoegd terwijl" not in served:
            failures.append("the server no longer serves the last good page")

        # 3. Fixing it removes the overlay.
        with open(source, encoding="utf-8") as f:
            fixed = f.read().replace("(bestaat-niet.md)", "(mantelzorgers-bereiken.md)")
        with open(source, "w", encoding="utf-8") as f:
            f.write(fixed)
        wait.until(lambda d: overlay_text(d) is None and "een pagina die niet bestaat" in d.find_element(
            By.TAG_NAME, "main").text)

        # 4. A template change reloads the page with the new template.
        template = os.path.join(work, "templates", "page.mustache")
        with open(template, encoding="utf-8") as f:
            page_template = f.read()
        with open(template, "w", encoding="utf-8") as f:
            f.write(page_template.replace('<article class="page">', '<article class="page" data-preview="nieuw">'))
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "article[data-preview=nieuw]"))

        # 5. Nothing outside the site is served.
        for path in ("%2e%2e/content/site.yml", "..%2f..%2fetc/passwd", "content/site.yml"):
            try:
                urllib.request.urlopen(base + path)
                failures.append("served %s" % path)
            except urllib.error.HTTPError as error:
                if error.code not in (400, 404):
                    failures.append("%s gave %d" % (path, error.code))
        print("serve: reload after a save %.0f ms (edit to new text on screen); overlay, recovery, template, "
              "path checks" % reload_ms)
    finally:
        if driver:
            driver.quit()
        server.terminate()
        server.wait(timeout=10)
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        print("FAIL " + failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
