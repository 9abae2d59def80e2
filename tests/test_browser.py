"""Real pages in a real browser (Debian chromium driven by Playwright), as a reader gets them.

Every page type, on a 390×844 phone and a 1280×900 desktop: right to left, in the shipped
Arabic font, no console error, no request that fails or leaves the site, and axe-core
(pinned in package.json, injected into the page) finds no serious or critical violation.
Screenshots of each page type in both viewports go to tests/output/screenshots/ for review.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FONT = "Noto Naskh Arabic"
SHOTS = ROOT / "tests" / "output" / "screenshots"


def _richest(site: Path, folder: str) -> str:
    """The page of that kind with the most to show (largest HTML), as a site path."""
    pages = sorted((site / folder).glob("*/index.html"), key=lambda p: (-p.stat().st_size, p.parent.name))
    pages = [p for p in pages if p.parent.name != "page"]
    assert pages, folder
    return f"{folder}/{pages[0].parent.name}/"


def page_types(site: Path) -> dict[str, str]:
    return {
        "home": "",
        "article": _richest(site, "articles"),
        "person": _richest(site, "people"),
        "event": _richest(site, "events"),
        "claims": "claims/",
        "timeline": "timeline/",
        "people-index": "people/",
        "events-index": "events/",
        "articles-index": "articles/",
        "corrections": "corrections/",
        "about": "about/",
    }


TYPES = ["home", "article", "person", "event", "claims", "timeline", "people-index", "events-index",
         "articles-index", "corrections", "about"]


class Visit:
    """A page opened in a fresh tab, with every console error and request recorded."""

    def __init__(self, browser, base: str, path: str, viewport: dict):
        self.base = base
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.page = browser.new_page(viewport=viewport)
        p = self.page
        p.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        p.on("pageerror", lambda e: self.errors.append(str(e)))
        p.on("request", lambda r: self.requests.append(r.url))
        p.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        p.on("response", lambda r: self.failed.append(f"{r.url} ({r.status})") if r.status >= 400 else None)
        p.goto(base + path, wait_until="networkidle")
        p.evaluate("document.fonts.ready.then(() => true)")

    def off_site(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(self.base) and not u.startswith(("data:", "blob:"))]

    def axe(self) -> list[str]:
        self.page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = self.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        return [f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): {v['help']} — e.g. {v['nodes'][0]['target']}"
                for v in result["violations"] if v["impact"] in ("serious", "critical")]

    def close(self) -> None:
        self.page.close()


def shoot(page, name: str, screens: int = 4) -> None:
    """A screenshot of the page's first screens (what a reader meets first), for review."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = min(page.evaluate("document.documentElement.scrollHeight"), screens * size["height"])
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": size["width"], "height": height})


@pytest.fixture(scope="module")
def paths(site):
    return page_types(site)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("kind", TYPES)
def test_every_page_type_reads_clean(browser, server, paths, kind, viewport):
    """RTL, shipped font, no console error, no failed or off-site request, axe clean; screenshot kept."""
    assert AXE.is_file(), "axe-core is missing: `make test` installs it (npm ci, package-lock.json)"
    v = Visit(browser, server, paths[kind], VIEWPORTS[viewport])
    try:
        p = v.page
        shoot(p, f"{kind}-{viewport}")
        assert p.evaluate("document.documentElement.dir") == "rtl"
        assert p.evaluate("document.documentElement.lang") == "ar"
        assert p.evaluate("getComputedStyle(document.querySelector('.md-content')).direction") == "rtl"
        assert v.errors == [], v.errors
        assert v.failed == [], v.failed
        assert v.off_site() == [], v.off_site()
        violations = v.axe()
        assert violations == [], "\n".join(violations)
    finally:
        v.close()


def test_body_and_headings_render_in_the_shipped_font(browser, server, paths):
    v = Visit(browser, server, paths["article"], PHONE)
    try:
        p = v.page
        for selector in (".md-typeset p", ".md-typeset h1", ".md-typeset h2", ".md-nav__link"):
            family = p.evaluate(f"getComputedStyle(document.querySelector({selector!r})).fontFamily")
            assert family.startswith(f'"{FONT}"'), (selector, family)
        # The face was fetched from this site and is in use, not a system fallback.
        assert p.evaluate(f"document.fonts.check('16px \"{FONT}\"', 'بشار الأسد')")
        loaded = p.evaluate(f"""[...document.fonts].filter(f => f.family.replace(/"/g, '') === {FONT!r}
                                                              && f.status === 'loaded').map(f => f.weight)""")
        assert "400" in loaded and "700" in loaded, loaded
        fonts = [u for u in v.requests if u.endswith(".woff2")]
        assert fonts and all(u.startswith(server + "assets/fonts/") for u in fonts), fonts
        assert v.failed == []
    finally:
        v.close()


def test_shipped_font_is_the_pinned_package_with_its_licence():
    """docs/assets/fonts/ holds the npm package's files byte for byte, and its licence."""
    package = ROOT / "node_modules" / "@fontsource" / "noto-naskh-arabic"
    shipped = sorted((ROOT / "docs" / "assets" / "fonts").glob("*.woff2"))
    assert shipped
    for font in shipped:
        assert font.read_bytes() == (package / "files" / font.name).read_bytes(), font.name
    assert (ROOT / "docs" / "assets" / "fonts" / "OFL.txt").read_bytes() == (package / "LICENSE").read_bytes()
    css = (ROOT / "docs" / "assets" / "dossier.css").read_text(encoding="utf-8")
    assert all(f"fonts/{font.name}" in css for font in shipped)


def _overflow(page) -> list[str]:
    """Anything wider than the window, or any box whose content is cut off or scrolls sideways."""
    return page.evaluate("""() => {
      const out = [];
      const root = document.documentElement;
      if (root.scrollWidth > window.innerWidth + 1) out.push(`page ${root.scrollWidth}px wide`);
      for (const el of document.querySelectorAll('.md-content *')) {
        const style = getComputedStyle(el);
        if (style.display === 'none' || !el.getClientRects().length) continue;
        if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1
            && !el.classList.contains('dossier-sr-only'))
          out.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
        const r = el.getBoundingClientRect();
        if (r.width && (r.right > window.innerWidth + 1 || r.left < -1) && !el.closest('.dossier-sr-only'))
          out.push(`${el.tagName.toLowerCase()}.${el.className} at ${Math.round(r.left)}–${Math.round(r.right)}`);
      }
      return out.slice(0, 10);
    }""")


def test_no_page_of_claims_events_people_or_articles_scrolls_sideways_on_a_phone(browser, server, site):
    pages = ["claims/"] + [f"{kind}/{p.parent.name}/" for kind in ("events", "people", "articles")
                           for p in sorted((site / kind).glob("*/index.html")) if p.parent.name != "page"]
    pages += [p.parent.relative_to(site).as_posix() + "/" for p in sorted((site / "articles").glob("*/*/index.html"))]
    page = browser.new_page(viewport=PHONE)
    try:
        bad = {}
        for path in pages:
            page.goto(server + path, wait_until="load")
            problems = _overflow(page)
            if problems:
                bad[path] = problems
        assert bad == {}, bad
    finally:
        page.close()


def test_claims_grid_on_a_desktop_shows_every_column_under_a_header_that_stays(browser, server):
    v = Visit(browser, server, "claims/", DESKTOP)
    try:
        p = v.page
        grid = p.locator(".dossier-grid-table")
        assert grid.is_visible()
        fits = p.evaluate("""(() => { const t = document.querySelector('.dossier-grid-table');
            const box = document.querySelector('.dossier-grid'); const r = t.getBoundingClientRect();
            return t.scrollWidth <= box.clientWidth + 1 && r.left >= 0 && r.right <= window.innerWidth; })()""")
        assert fits
        headers = p.locator(".dossier-grid-table thead th").all_inner_texts()
        assert headers[0] == "الادعاء" and headers[-1] == "أصول مستقلة"
        assert not any(re.fullmatch(r"\s*\d+\s*", h) for h in headers), headers  # outlets by name, not 1–5
        rows = p.locator(".dossier-grid-table tbody tr").count()
        assert rows == p.locator("section.dossier-claim").count() > 0
        # Scrolled down the grid, the header sits right under Material's bar, over the rows.
        p.locator(".dossier-grid-table tbody tr").nth(rows // 2).scroll_into_view_if_needed()
        p.mouse.wheel(0, 300)
        p.wait_for_timeout(200)
        top = p.evaluate("document.querySelector('.dossier-grid-table thead th').getBoundingClientRect().top")
        bar = p.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
        assert abs(top - bar) <= 2, (top, bar)
        SHOTS.mkdir(parents=True, exist_ok=True)
        p.screenshot(path=str(SHOTS / "claims-desktop-scrolled.png"))  # the header over the middle rows
    finally:
        v.close()


def test_claims_on_a_phone_are_cards_with_every_quote_whole(browser, server):
    v = Visit(browser, server, "claims/", PHONE)
    try:
        p = v.page
        assert not p.locator(".dossier-grid").is_visible()
        assert p.locator(".dossier-grid-hint").is_visible()
        cards = p.locator("section.dossier-claim")
        assert cards.count() > 0 and cards.first.is_visible()
        first = cards.first
        assert first.locator("h2").is_visible()
        assert first.locator(".dossier-stance").count() >= 1 and first.locator(".dossier-outlet").count() >= 1
        # Every verbatim quote is inside the window, none scrolled or cut.
        clipped = p.evaluate("""[...document.querySelectorAll('section.dossier-claim blockquote')].filter(q => {
            const r = q.getBoundingClientRect();
            return r.left < 0 || r.right > window.innerWidth || q.scrollWidth > q.clientWidth + 1; }).length""")
        assert clipped == 0
        assert p.evaluate("document.querySelectorAll('section.dossier-claim blockquote').length") > 0
    finally:
        v.close()


def test_claims_filter_by_person_event_and_dispute_without_script(browser, server, site):
    page = browser.new_page(viewport=DESKTOP, java_script_enabled=False)
    try:
        page.goto(server + "claims/")
        total = page.locator("section.dossier-claim").count()
        links = page.locator(".dossier-filters a[href^='#f-']")
        hrefs = [h for h in links.evaluate_all("as => as.map(a => a.getAttribute('href'))") if h != "#f-all"]
        assert "#f-disputed" in hrefs and any(h.startswith("#f-p-") for h in hrefs) and any(h.startswith("#f-e-") for h in hrefs)
        for href in ("#f-disputed", next(h for h in hrefs if h.startswith("#f-p-")),
                     next(h for h in hrefs if h.startswith("#f-e-"))):
            page.goto(server + "claims/" + href)
            key = href[3:]
            shown = page.locator("section.dossier-claim:visible")
            expected = page.locator(f"section.dossier-claim.dossier-f-{key}").count()
            assert 0 < shown.count() == expected < total, href
            assert page.locator(".dossier-grid-table tbody tr:visible").count() == expected
            assert page.locator(f".dossier-fon-{key}").is_visible()
        page.goto(server + "claims/#f-all")
        assert page.locator("section.dossier-claim:visible").count() == total
        assert not page.locator(".dossier-filter-on").is_visible()
    finally:
        page.close()


def test_timeline_picture_reads_on_a_phone_and_links_every_event(browser, server, site):
    v = Visit(browser, server, "timeline/", PHONE)
    try:
        p = v.page
        svg = p.locator("svg.dossier-timeline-svg")
        assert svg.is_visible()
        events = sorted(x.name for x in (site / "events").iterdir() if (x / "index.html").is_file())
        hrefs = p.locator("svg.dossier-timeline-svg a.tl-row").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert sorted(h.split("/")[-2] for h in hrefs) == events
        # Every title is whole inside the picture, and the picture inside the phone's width.
        box = svg.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        outside = p.evaluate("""(() => { const s = document.querySelector('svg.dossier-timeline-svg').getBoundingClientRect();
            return [...document.querySelectorAll('svg.dossier-timeline-svg text')].filter(t => {
              const r = t.getBoundingClientRect(); return r.left < s.left - 1 || r.right > s.right + 1; })
              .map(t => t.textContent); })()""")
        assert outside == []
        size = p.evaluate("parseFloat(getComputedStyle(document.querySelector('svg .tl-title')).fontSize)")
        assert size >= 14
        # The earliest day is at the right: the first event's bar is right of the last one's.
        first = p.locator("svg a.tl-row rect.tl-bar").first.bounding_box()
        last = p.locator("svg a.tl-row rect.tl-bar").last.bounding_box()
        assert first["x"] + first["width"] > last["x"] + last["width"]
        p.locator("svg a.tl-row").first.click()
        p.wait_for_load_state()
        assert "/events/" in p.url and p.locator("h1").inner_text()
        assert v.failed == []
    finally:
        v.close()


def test_theme_speaks_arabic(browser, server, paths):
    v = Visit(browser, server, paths["event"], DESKTOP)
    try:
        p = v.page
        footer = p.inner_text(".md-footer")
        assert "Made with" not in footer and "بُني هذا الموقع" in footer
        titles = p.locator("a.headerlink").evaluate_all("as => as.map(a => a.title)")
        assert titles and set(titles) == {"رابط دائم إلى هذا القسم"}
        assert p.get_attribute(".md-search", "aria-label") == "البحث"
        assert p.get_attribute(".md-search__input", "placeholder") == "ابحث"
    finally:
        v.close()


def test_article_reads_right_to_left_on_a_phone(browser, server, paths):
    page = browser.new_page(viewport=PHONE)
    page.goto(server + paths["article"])
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
    # The count reads as Arabic for any number (not «نتائج البحث 56 مستندات»).
    meta = page.inner_text(".md-search-result__meta")
    assert re.fullmatch(r"عدد النتائج المطابقة: \d+|نتيجة واحدة مطابقة", meta.strip()), meta
    page.close()
