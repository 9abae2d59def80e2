"""Real pages in a real browser (Debian chromium driven by Playwright)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def test_article_reads_right_to_left_on_a_phone(browser, server):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(server + "articles/964-saqr-baghdad-tehran-contacts/")
    assert page.evaluate("getComputedStyle(document.querySelector('article p')).direction") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    # No horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.close()


def test_search_finds_arabic_words(browser, server):
    page = browser.new_page()
    page.goto(server)
    page.click("label[for='__search']")
    page.fill("input.md-search__input", "لاريجاني")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    results = page.inner_text(".md-search-result")
    assert "لاريجاني" in results
    page.close()
