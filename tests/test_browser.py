"""Real pages in a real browser (Debian chromium driven by Playwright)."""

from __future__ import annotations



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
    page.click("input.md-search__input")
    page.keyboard.type("لاريجاني")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    results = page.inner_text(".md-search-result")
    assert "لاريجاني" in results
    page.close()
