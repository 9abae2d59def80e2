"""Search in Arabic, as a reader types it, in the real search box of the built site.

The search is Pagefind over an index folded by build_tools/search.py; the box and
the query folding are docs/assets/search.js. See benchmarks/SEARCH.md.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BIN, ROOT, build_all, env, run, serve, tree_bytes

from build_tools import search

# Query as a reader types it -> pages (paths under the site) that must be among the
# results shown first. Spellings the reader may use: hamza or none, ة or ه, ى or ي,
# tashkeel, tatweel, Arabic-Indic digits, و ف ب ل ك and ال written onto the word.
QUERIES: list[tuple[str, list[str]]] = [
    # the spellings of issue 11
    ("الأسد", ["people/bashar-al-assad/"]),
    ("الاسد", ["people/bashar-al-assad/"]),
    ("للأسد", ["people/bashar-al-assad/"]),
    ("كالأسد", ["people/bashar-al-assad/"]),
    ("ٱلأسد", ["people/bashar-al-assad/"]),
    ("اردوغان", ["people/recep-tayyip-erdogan/", "events/erdogan-refusal-relayed/"]),
    ("أردوغان", ["people/recep-tayyip-erdogan/", "events/erdogan-refusal-relayed/"]),
    ("لأردوغان", ["people/recep-tayyip-erdogan/"]),
    ("ايران", ["events/iranian-plane-turned-back/"]),
    ("إيران", ["events/iranian-plane-turned-back/"]),
    ("لإيران", ["events/iranian-plane-turned-back/"]),
    ("وإيران", ["events/iranian-plane-turned-back/"]),
    ("الانتقاليه", ["events/syrian-contacts-with-baghdad/"]),
    ("الانتقالية", ["events/syrian-contacts-with-baghdad/"]),
    ("لاريجانى", ["people/ali-larijani/", "events/larijani-secret-visit/"]),
    ("لاريجاني", ["people/ali-larijani/", "events/larijani-secret-visit/"]),
    ("ولاريجاني", ["people/ali-larijani/"]),
    ("بَشّار", ["people/bashar-al-assad/"]),
    ("بشـــار", ["people/bashar-al-assad/"]),
    ("وموسكو", ["events/assad-trip-to-moscow/", "events/moscow-grants-asylum/"]),
    ("بموسكو", ["events/assad-trip-to-moscow/"]),
    ("ولموسكو", ["events/assad-trip-to-moscow/"]),
    ("ببشار", ["people/bashar-al-assad/"]),
    # people
    ("بوتين", ["people/vladimir-putin/", "events/assad-putin-meeting/"]),
    ("وبوتين", ["people/vladimir-putin/"]),
    ("فلاديمير بوتين", ["people/vladimir-putin/"]),
    ("لافروف", ["people/sergei-lavrov/", "events/doha-forum-lavrov/"]),
    ("عراقجي", ["people/abbas-araghchi/", "events/araghchi-visits-damascus/"]),
    ("السوداني", ["people/mohammed-shia-al-sudani/", "events/assad-sudani-phone-call/"]),
    ("فؤاد حسين", ["people/fuad-hussein/"]),
    ("كامل صقر", ["people/kamel-saqr/", "events/saqr-leaves-palace/"]),
    ("بيسكوف", ["people/dmitry-peskov/", "events/peskov-ukraine-priority/"]),
    ("منصور عزام", ["people/mansour-azzam/"]),
    ("هادي البحرة", ["people/hadi-al-bahra/"]),
    ("هادى البحره", ["people/hadi-al-bahra/"]),
    ("كفاح ملحم", ["people/kifah-moulhem/"]),
    ("بسام صباغ", ["people/bassam-sabbagh/"]),
    ("حبيب عباس", ["people/habib-abbas/"]),
    # places
    ("حميميم", ["events/assad-last-contact-hmeimim-request/", "events/assad-flees-to-moscow/"]),
    ("بحميميم", ["events/assad-last-contact-hmeimim-request/"]),
    ("انقرة", ["events/araghchi-visits-ankara/"]),
    ("حمص", ["events/fall-of-homs/"]),
    ("حلب", ["events/fall-of-aleppo/"]),
    ("الدوحه", ["events/doha-forum-lavrov/"]),
    ("بغداد", ["events/syrian-contacts-with-baghdad/"]),
    ("الامارات", ["events/uae-refuses-asylum/"]),
    ("أوكرانيا", ["events/peskov-ukraine-priority/"]),
    # events
    ("أستانا ٢٣", ["events/astana-23-doha/"]),
    ("الكرملين", ["events/kremlin-asks-no-announcement/"]),
    ("اللجوء", ["events/moscow-grants-asylum/", "events/uae-refuses-asylum/"]),
    ("الملحق العسكري الروسي", ["events/russian-attache-meets-assad/"]),
    ("الطائرة الإيرانية", ["events/iranian-plane-turned-back/"]),
    ("القصر الجمهوري", ["events/saqr-leaves-palace/"]),
    # sources
    ("رويترز", ["articles/reuters-assad-sought-help-sada-elbalad/"]),
    ("اتصالات الأسد الأخيرة", ["articles/aljazeera-assad-last-days-contacts/"]),
    ("لحظة الانكسار", ["articles/blog-assad-putin-rupture/"]),
    ("كواليس اللحظات الاخيرة", ["articles/saqr-podcast-palace-last-moments/"]),
]
SHOWN = 10  # the results a search shows before «more»

# The result region says which query it shows once the search is over.
_DONE = "([q]) => { const r = document.querySelector('[data-dossier-search] .md-search-result');" \
        " return r.getAttribute('aria-busy') === 'false' && r.dataset.query === q; }"


def type_query(page, query: str) -> None:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.keyboard.type(query)
    page.wait_for_function(_DONE, arg=[query], timeout=15000)


def shown_pages(page) -> list[str]:
    return page.eval_on_selector_all(
        ".md-search-result__item > a:first-child", "els => els.map(a => new URL(a.href).pathname)")


@pytest.fixture(scope="module")
def search_page(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server)
    page.errors = errors
    yield page
    page.close()


# --- folding ---------------------------------------------------------------------------------

@pytest.mark.parametrize("written, folded", [
    ("أإآٱ", "اااا"), ("مدينة", "مدينه"), ("مستشفى", "مستشفي"), ("بَشّارٌ", "بشار"), ("بشـــار", "بشار"),
    ("٢٠٢٤", "2024"), ("۱۹", "19"), ("مسؤول", "مسوول"), ("رئيس", "رييس"), ("Bashar", "bashar"),
])
def test_fold(written, folded):
    assert search.fold(written) == folded


@pytest.mark.parametrize("typed, key", [
    ("الأسد", "اسد"), ("الاسد", "اسد"), ("والأسد", "اسد"), ("للأسد", "اسد"), ("فبالأسد", "اسد"), ("أسد", "اسد"),
    ("وموسكو", "موسكو"), ("بموسكو", "موسكو"), ("ولموسكو", "موسكو"), ("موسكو", "موسكو"),
    ("أردوغان", "اردوغان"), ("لأردوغان", "اردوغان"), ("الانتقالية", "انتقاليه"), ("لاريجانى", "اريجاني"),
    ("بشار", "شار"), ("ببشار", "بشار"),
    ("ولد", "ولد"), ("بكر", "بكر"),  # at least three letters remain
])
def test_query_key(typed, key):
    assert search.query_key(typed) == key


@pytest.mark.parametrize("typed, written", [
    ("الاسد", "الأسد"), ("الأسد", "والأسد"), ("أسد", "للأسد"), ("الأسد", "كالأسد"), ("وبالأسد", "ٱلأسد"),
    ("موسكو", "ولموسكو"), ("وموسكو", "موسكو"), ("اردوغان", "لأردوغان"), ("ايران", "وإيران"),
    ("الانتقاليه", "الإنتقاليّة"), ("لاريجانى", "ولاريجاني"), ("بشار", "ببشار"), ("ببشار", "بشار"),
    ("وبشار", "بشار"), ("بَشّار", "بشـار"), ("القرآن", "قرآن"), ("مستشفي", "بالمستشفى"), ("2024", "٢٠٢٤"),
    ("الوالد", "والد"), ("والد", "الوالد"), ("لآلة", "الآلة"), ("الآلة", "لآلة"), ("لالة", "لالة"),
])
def test_a_typed_word_finds_each_spelling(typed, written):
    """The key of what is typed is one of the readings of what is written."""
    assert search.query_key(typed) in search.readings(written)


def test_every_word_finds_itself(site):
    for page in search.searched_pages(site):
        for word in set(search.WORD.findall(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))):
            assert search.query_key(word) in search.readings(word), word


def test_a_word_is_not_confused_with_another():
    assert search.query_key("موسكو") not in search.readings("طهران")
    assert search.query_key("ولد") not in search.readings("لد")
    assert search.query_key("كامل") != search.query_key("كمال")


def test_query_terms():
    assert search.query_terms("«بَشّار» والأسد، ٨ كانون!") == "شار اسد 8 انون"
    assert search.query_terms(" ؟ ") == ""


def test_annotation_keeps_the_words_as_written():
    text = "قال «والأسد»، في ٨ كانون الأول 2024 Bashar al-Assad: موسكو. بَشّار ـــ"
    annotated = search.annotate(text).split()
    # every word as written is kept, in order; readings follow it, each after a tatweel
    assert [w for w in annotated if not w.startswith(search.MARK)] == text.split()[:-1]  # and «ـــ», as written
    at = annotated.index("«والأسد»،")
    assert annotated[at + 1:at + 3] == ["ـاسد", "ـوالاسد"]
    assert annotated[annotated.index("٨") + 1] == "ـ8"
    assert annotated[annotated.index("بَشّار") + 1:] == ["ـشار", "ـــ"]  # «بشار»: Pagefind drops the marks itself
    assert "ـموسكو" not in annotated  # Pagefind indexes «موسكو» itself: nothing to add
    assert "ـbashar" not in annotated  # nor Latin, which it lowercases


def test_twin_page(site):
    html = (site / "people" / "ali-larijani" / "index.html").read_text(encoding="utf-8")
    twin = search.twin_page(html)
    assert 'data-pagefind-meta="title[data-title]" data-title="علي لاريجاني"' in twin
    assert twin.index("<h1") < twin.index("<h2")  # the title first
    assert "اشترك في خلاصته" not in twin  # boilerplate left out
    assert "md-nav" not in twin and "<script" not in twin  # only the article


def test_searched_pages(site):
    pages = {p.relative_to(site).parent.as_posix() for p in search.searched_pages(site)}
    assert {"articles/964-saqr-baghdad-tehran-contacts", "people/ali-larijani", "events/fall-of-homs", "about"} <= pages
    assert not pages & {".", "articles", "people", "events", "timeline", "claims"}  # listings are not searched


def test_index_made_beside_mkdocs_is_the_index_of_the_built_pages(site, tmp_path):
    """The hook indexes twins of each page's rendered Markdown while MkDocs builds (search.Beside);
    indexing the built pages afterwards gives the same bytes."""
    again = tmp_path / "site"
    shutil.copytree(site, again, ignore=shutil.ignore_patterns("pagefind"))
    search.build_index(again)
    assert tree_bytes(again / "pagefind") == tree_bytes(site / "pagefind")


def test_twin_of_content_adds_the_title_material_adds():
    """A page whose Markdown has no <h1> gets Material's, from its title."""
    twin = search.twin_of_content("<p>نص</p>", "عنوان &amp; آخر")
    assert twin is not None and twin.count("<h1>") == 1 and 'data-title="عنوان &amp; آخر"' in twin
    assert search.twin_of_content('<h1 id="x">أ</h1><p>نص</p>', "ب").count("<h1") == 1


def test_a_dirty_build_indexes_every_page(project):
    """`mkdocs build --dirty` renders only changed pages: the index still holds every searched page."""
    site = build_all(project)
    before = tree_bytes(site / "pagefind")
    step = run([str(BIN / "mkdocs"), "build", "--dirty", "--no-strict"], project)
    assert step.returncode == 0, step.stderr
    assert tree_bytes(site / "pagefind") == before


def test_a_failed_index_fails_the_build(project, monkeypatch):
    """Pagefind failing beside MkDocs is the build's error, and no twin folder is left behind."""
    (project / "build_tools" / "search.py").write_text(
        (project / "build_tools" / "search.py").read_text("utf-8").replace('"--force-language", "ar"', '"--no-such-option"'),
        "utf-8")
    temp = project / "tmp"
    temp.mkdir()
    step = subprocess.run([str(BIN / "mkdocs"), "build", "--strict"], cwd=project, capture_output=True, text=True,
                          env={**env(), "TMPDIR": str(temp)})
    assert step.returncode == 1 and "pagefind failed" in step.stderr
    assert not list(temp.iterdir())


def test_an_interrupted_build_leaves_no_twin_folder(tmp_path):
    """Ctrl-C during a build (KeyboardInterrupt, which MkDocs's on_build_error never sees) still
    removes the twin folder; the worker process, forked with the handler, does not remove it early."""
    script = ("import sys; from pathlib import Path; from build_tools import search\n"
              "b = search.Beside(Path(sys.argv[1]) / 'out')\n"
              "b.add('a/index.html', '<p>نص</p>', 'عنوان'); b.tasks[-1].result()\n"
              "assert (b.twins / 'a/index.html').is_file(), 'the worker removed the twins'\n"
              "print(b.twins, flush=True); raise KeyboardInterrupt")
    step = subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                          env={**env(), "TMPDIR": str(tmp_path)})
    assert step.returncode != 0 and "KeyboardInterrupt" in step.stderr, step.stderr
    assert step.stdout.startswith(str(tmp_path)) and not Path(step.stdout.strip()).exists()
    assert not list(tmp_path.glob("dossier-search-*"))


# Spellings of the same word, one a page: each typed spelling must find every page.
SPELLINGS = {
    "assad": ["الأسد", "الاسد", "الأسَد", "ٱلأسد", "الأســد", "وبالأسد", "فللأسد", "كالأسد", "والأسد", "بالأسد", "للأسد"],
    "larijani": ["لاريجاني", "لاريجانى", "لاريجانيّ", "ولاريجاني"],
    "moscow": ["موسكو", "وموسكو", "بموسكو", "لموسكو", "فموسكو", "كموسكو", "ولموسكو"],
    "transition": ["الانتقالية", "الانتقاليه", "الإنتقالية", "انتقالية", "الانتقاليّة"],
    "hospital": ["مستشفى", "مستشفي", "المستشفى", "بالمستشفى"],
    "erdogan": ["أردوغان", "اردوغان", "إردوغان", "وأردوغان", "لأردوغان"],
    "year": ["٢٠٢٤", "2024", "۲۰۲۴"],
    "bashar": ["بشار", "بَشّار", "بشّار", "ببشار", "وبشار", "بشـار"],
    "iran": ["إيران", "ايران", "لإيران", "وإيران"],
    "quran": ["قرآن", "قران", "القرآن"],
    "question": ["مسألة", "مساله", "مسالة"],
}


@pytest.fixture(scope="module")
def spellings_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("spellings")
    for word, forms in SPELLINGS.items():
        for i, form in enumerate(forms):
            page = site / f"articles/{word}-{i}/index.html"
            page.parent.mkdir(parents=True)
            page.write_text(f'<!doctype html><html lang="ar"><head><meta charset="utf-8"></head><body>'
                            f'<article class="md-content__inner md-typeset"><h1 id="t">{word}-{i}</h1>'
                            f'<p>نص {form} نص</p></article></body></html>', encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "search.js").write_bytes((ROOT / "docs" / "assets" / "search.js").read_bytes())
    (site / "index.html").write_text('<!doctype html><html lang="ar"><head><meta charset="utf-8"></head><body></body></html>')
    search.build_index(site)
    return site


def test_every_spelling_finds_every_other(browser, spellings_site):
    """Through Pagefind, as search.js asks it: the index and the query folded alike."""
    with serve(spellings_site) as url:
        page = browser.new_page()
        page.goto(url)
        found = page.evaluate("""async (spellings) => {
          const m = await import(new URL('assets/search.js', document.baseURI).href);
          const pf = await import(new URL('pagefind/pagefind.js', document.baseURI).href);
          await pf.options({ ...m.OPTIONS, baseUrl: '/' });
          const out = {};
          for (const forms of Object.values(spellings))
            for (const form of forms) {
              const r = await pf.search(m.queryTerms(form));
              out[form] = (await Promise.all(r.results.map((x) => x.data()))).map((d) => d.meta.title);
            }
          return out;
        }""", SPELLINGS)
        page.close()
    for word, forms in SPELLINGS.items():
        for form in forms:
            assert sorted(found[form]) == sorted(f"{word}-{i}" for i in range(len(forms))), form


# --- the built site ----------------------------------------------------------------------------

def test_no_index_every_reader_downloads_whole(site):
    assert not (site / "search" / "search_index.json").exists()  # Material's search is off
    index = site / "pagefind"
    assert (index / "pagefind.js").is_file() and len(list((index / "fragment").iterdir())) >= 50
    assert len(list((index / "index").iterdir())) >= 2  # the index comes in chunks


def test_javascript_folds_queries_as_python_does(site, search_page):
    """search.js's queryKey is build_tools.search.query_key, on every word of the searched pages."""
    words = set()
    for page in search.searched_pages(site):
        words.update(search.WORD.findall(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))))
    words.update(["ٱلأسد", "بشـــار", "۲۰۲۴", "ﻻ", "إِلَىٰ", "BASHAR", "ولللأسد"])
    words = sorted(words)
    assert len(words) > 3000
    keys = search_page.evaluate(
        "async (words) => { const m = await import(new URL('assets/search.js', document.baseURI).href);"
        " return words.map(m.queryKey); }", words)
    assert {w: k for w, k in zip(words, keys) if k != search.query_key(w)} == {}
    terms = search_page.evaluate(
        "async (q) => (await import(new URL('assets/search.js', document.baseURI).href)).queryTerms(q)",
        "«بَشّار» والأسد، ٨ كانون!")
    assert terms == search.query_terms("«بَشّار» والأسد، ٨ كانون!")


@pytest.mark.parametrize("query, expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_typed_query_finds_pages(search_page, query, expected):
    type_query(search_page, query)
    found = shown_pages(search_page)
    missing = [p for p in expected if "/" + p not in found[:SHOWN]]
    assert not missing, f"{query}: {missing} not among {found[:SHOWN]}"


def test_query_table_is_large_enough():
    assert len(QUERIES) >= 30


def test_results_are_shown_as_written(search_page, site):
    type_query(search_page, "الاسد")
    items = search_page.eval_on_selector_all(
        ".md-search-result__item > a:first-child",
        "els => els.map(a => [new URL(a.href).pathname, a.querySelector('h1').textContent, a.querySelector('p').textContent,"
        " [...a.querySelectorAll('mark')].map(m => m.textContent)])")
    assert len(items) == SHOWN
    for path, title, text, marks in items:
        page = (site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        assert title in html.unescape(re.sub(r"<[^>]+>", "", page))  # the page's own title
        assert not re.search(r"(^|\s)\u0640", title + " " + text)  # no reading shown
        assert marks and all(re.search("[أا]ل[أا]سد|ٱلأسد|أسد", m) for m in marks), marks
    # the words as written, hamza and all
    assert any("الأسد" in text for _, _, text, _ in items)
    assert not search_page.errors


def test_search_on_a_phone(browser, server):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(server + "articles/964-saqr-baghdad-tehran-contacts/")
    page.click("header label[for=__search]")
    page.keyboard.type("حميميم")
    page.wait_for_function(_DONE, arg=["حميميم"], timeout=15000)
    first = page.locator(".md-search-result__item > a").first
    assert first.is_visible()
    box = first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 391
    first.click()
    page.wait_for_load_state()
    assert "/events/" in page.url or "/articles/" in page.url or "/people/" in page.url
    page.close()


def test_keyboard(browser, server):
    page = browser.new_page()
    page.goto(server)
    page.keyboard.press("/")
    page.keyboard.type("لافروف")
    page.wait_for_function(_DONE, arg=["لافروف"], timeout=15000)
    first = page.locator(".md-search-result__item > a").first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + first)
    page.close()


def test_one_search_downloads_little(browser, server, site):
    """What one search costs a reader: Pagefind's code, its metadata, the index chunks for
    the words typed and the text of the results shown, never the whole index."""
    page = browser.new_page()
    page.goto(server)
    page.wait_for_load_state("networkidle")
    sizes: dict[str, int] = {}
    page.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
    type_query(page, "بشار الأسد")
    for _ in range(50):  # the last responses may be reported just after the results are shown
        if sum("/pagefind/fragment/" in u for u in sizes) >= SHOWN:
            break
        page.wait_for_timeout(100)
    chunks = [u for u in sizes if "/pagefind/index/" in u]
    assert 1 <= len(chunks) <= 2 < len(list((site / "pagefind" / "index").iterdir()))  # one per word at most
    fragments = [u for u in sizes if "/pagefind/fragment/" in u]
    assert len(fragments) == SHOWN  # the text of the results shown, not of all 50
    assert sum(sizes.values()) < 500_000, sizes
    page.close()
