"""Search, measured in Chromium: relevance on the query table and what one search downloads.

    .venv/bin/python benchmarks/bench_search.py relevance
        The real dossier, four engines, the query table of tests/test_search.py: Material's
        search as it was (lunr), Material's search with our folding (index folded, queries
        typed folded), Pagefind alone (same pages, no folding), and ours (Pagefind over the
        folded index, typed into the real box).

    .venv/bin/python benchmarks/bench_search.py download SITE [--queries Q,Q]
        Bytes one search downloads on a built site (for example one built from
        benchmarks/corpus.py), by kind: the search code, Pagefind's metadata, index chunks,
        result texts; Material's search index and worker when the site uses Material's search.
        A site built without this project's search box (an older build) is searched through
        the same calls search.js makes: with --index, its folded index is (re)built first.

Needs `make test`'s dependencies (Playwright) and Debian's chromium. Results: benchmarks/SEARCH.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest import CHROMIUM_ARGS, copy_project, env, serve  # noqa: E402

from build_tools import search  # noqa: E402

SEARCH_URL = re.compile(r"/pagefind/|/assets/search\.js|/search/search_index\.json|/workers/search|/lunr/")
MATERIAL_SEARCH = """plugins:
  - search:
      lang: ar
      separator: '[\\s\\-\\.,;:!?()\\[\\]"«»،؛؟]+'
"""


def browser():
    from playwright.sync_api import sync_playwright

    p = sync_playwright().start()
    b = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=CHROMIUM_ARGS)
    return p, b


def build(project: Path, material: bool) -> Path:
    """Build ``project``; with ``material``, as it was: Material's search plugin, no Pagefind."""
    if material:
        config = (project / "mkdocs.yml").read_text("utf-8")
        config = config.replace("\nplugins: []\n", "\n" + MATERIAL_SEARCH)
        config = config.replace("  - build_tools/search_hook.py\n", "")
        (project / "mkdocs.yml").write_text(config, "utf-8")
        for partial in ("header.html", "search.html"):
            (project / "overrides" / "partials" / partial).unlink(missing_ok=True)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=project, env=env(),
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    return project / "site"


def fold_material_index(site: Path) -> None:
    """Material's index with each word replaced by its readings (build_tools.search)."""
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text("utf-8"))

    def folded(text: str) -> str:
        return search.WORD.sub(lambda m: " ".join(sorted(search.readings(m.group()))), text)
    for doc in index["docs"]:
        doc["title"], doc["text"] = folded(doc["title"]), folded(doc["text"])
    path.write_text(json.dumps(index, ensure_ascii=False), "utf-8")


# --- in the browser ------------------------------------------------------------------------------

_OURS_DONE = ("([q]) => { const r = document.querySelector('[data-dossier-search] .md-search-result');"
              " return r && r.getAttribute('aria-busy') === 'false' && r.dataset.query === q; }")
_API = """async ([q, shown]) => {
  const m = await import(new URL('assets/search.js', document.baseURI).href);
  const pf = await import(new URL('pagefind/pagefind.js', document.baseURI).href);
  await pf.options({ ...m.OPTIONS, baseUrl: new URL('.', document.baseURI).pathname });
  const r = await pf.search(m.queryTerms(q));
  const data = await Promise.all(r.results.slice(0, shown).map((x) => x.data()));
  return data.map((d) => d.url);
}"""
_RAW = """async ([q, shown]) => {
  const pf = await import(new URL('pagefind/pagefind.js', document.baseURI).href);
  const r = await pf.search(q);
  const data = await Promise.all(r.results.slice(0, shown).map((x) => x.data()));
  return data.map((d) => d.url);
}"""


def typed(page, query: str, ours: bool) -> list[str]:
    """Type ``query`` into the site's search box; the result pages, in order."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.keyboard.type(query)
    if ours:
        page.wait_for_function(_OURS_DONE, arg=[query], timeout=30000)
    else:  # Material: it reads the box on keyup, which Playwright does not send for Arabic letters
        box.dispatch_event("keyup")
        page.wait_for_timeout(400)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(400)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a:first-child", "els => els.map(a => a.href)")
    return [re.sub(r"[?#].*", "", h.split("/", 3)[3]) for h in hrefs]


def relevance(shown: int = 10) -> None:
    from test_search import QUERIES

    with tempfile.TemporaryDirectory() as tmp:
        material = build(copy_project(Path(tmp) / "material"), material=True)
        folded = Path(tmp) / "material-folded"
        shutil.copytree(material, folded)
        fold_material_index(folded)
        ours = build(copy_project(Path(tmp) / "ours"), material=False)
        raw = Path(tmp) / "pagefind-raw"
        shutil.copytree(ours, raw)
        annotate = search.annotate
        search.annotate = lambda text: text  # the same pages, words not folded
        try:
            search.build_index(raw)
        finally:
            search.annotate = annotate
        engines = [("Material (lunr), as it was", material, "material", False),
                   ("Material (lunr) + our folding", folded, "material", True),
                   ("Pagefind alone", raw, "raw", False),
                   ("Pagefind + our folding (shipped)", ours, "ours", False)]
        p, b = browser()
        rows = []
        misses: dict[str, list[str]] = {}
        for name, site, how, fold_query in engines:
            with serve(site) as url:
                page = b.new_page(viewport={"width": 1280, "height": 900})
                page.goto(url)
                found_all = 0
                for query, expected in QUERIES:
                    q = search.query_terms(query) if fold_query else query
                    if how == "raw":
                        got = [u.strip("/") + "/" for u in page.evaluate(_RAW, [q, shown])]
                    else:
                        got = typed(page, q, ours=how == "ours")
                    ok = all(e in got[:shown] for e in expected)
                    found_all += ok
                    if not ok:
                        misses.setdefault(name, []).append(query)
                page.close()
            rows.append((name, found_all))
        b.close()
        p.stop()
    print(f"| engine | queries whose pages are all among the first {shown} results (of {len(QUERIES)}) |")
    print("|---|---|")
    for name, n in rows:
        print(f"| {name} | {n} ({100 * n / len(QUERIES):.0f} %) |")
    for name, queries in misses.items():
        print(f"\n{name} misses: {' · '.join(queries)}")


def on_disk(site: Path, url: str, gzipped: bool = False) -> int:
    path = site / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    if not path.is_file():
        return 0
    data = path.read_bytes()
    compressed = data[:2] == b"\x1f\x8b"  # Pagefind's own files are gzip already
    return len(gzip.compress(data, 6)) if gzipped and not compressed else len(data)


def download(site: Path, queries: list[str], index: bool, shown: int = 10) -> None:
    site = site.resolve()
    if index:
        search.build_index(site)
    if not (site / "assets" / "search.js").exists():
        shutil.copy(ROOT / "docs" / "assets" / "search.js", site / "assets" / "search.js")
    ours = "data-dossier-search" in (site / "index.html").read_text("utf-8")
    (site / PROBE.name).write_text(PROBE.text, "utf-8")
    material = (site / "search" / "search_index.json").exists()
    p, b = browser()
    print(f"site: {site} ({sum(1 for _ in site.rglob('*.html'))} pages)")
    if (site / "pagefind").is_dir():
        pf = site / "pagefind"
        total = sum(f.stat().st_size for f in pf.rglob("*") if f.is_file())
        print(f"Pagefind bundle: {total / 2**20:.1f} MB in {sum(1 for _ in pf.rglob('*'))} files; "
              f"{len(list((pf / 'index').iterdir()))} index chunks, largest "
              f"{max(f.stat().st_size for f in (pf / 'index').iterdir()) / 1024:.0f} KB; "
              f"{len(list((pf / 'fragment').iterdir()))} result texts, largest "
              f"{max(f.stat().st_size for f in (pf / 'fragment').iterdir()) / 1024:.0f} KB")
    if material:
        print(f"Material search_index.json: {(site / 'search' / 'search_index.json').stat().st_size / 2**20:.1f} MB")
    print("| query | results shown | search code (KB) | Pagefind metadata (KB) | index chunks | result texts | total (KB) |"
          " gzip (KB) |")
    print("|---|---|---|---|---|---|---|---|")
    with serve(site) as url:
        for query in queries:
            page = b.new_page(viewport={"width": 1280, "height": 900})
            sizes: dict[str, int] = {}
            # Sizes of the files as served (our test server does not compress; Playwright does not
            # report a dedicated worker's script size); a host that gzips sends «gzip» instead.
            page.on("requestfinished", lambda r, sizes=sizes: sizes.__setitem__(r.url, on_disk(site, r.url)))
            # An older build loads Material's whole index with every page: search from a bare page.
            page.goto(url if ours or not (site / "pagefind").is_dir() else url + PROBE.name)
            page.wait_for_load_state("networkidle")
            if ours:
                results = len(typed(page, query, ours=True))
            elif (site / "pagefind").is_dir():
                results = len(page.evaluate(_API, [query, shown]))
            else:
                results = len(typed(page, query, ours=False))
            page.wait_for_timeout(1000)  # the last responses are reported just after the results show
            page.close()
            mine = {u: s for u, s in sizes.items() if SEARCH_URL.search(u)}
            if (site / "pagefind").is_dir():
                mine = {u: s for u, s in mine.items() if "/pagefind/" in u or u.endswith("/assets/search.js")}
            gz = sum(on_disk(site, u, gzipped=True) for u in mine)
            kinds = {"code": 0, "meta": 0, "chunks": 0, "texts": 0}
            n = {"chunks": 0, "texts": 0}
            for u, s in mine.items():
                k = ("chunks" if "/index/" in u else "texts" if "/fragment/" in u else
                     "meta" if u.endswith((".pf_meta", "pagefind-entry.json")) else "code")
                kinds[k] += s
                if k in n:
                    n[k] += 1
            print(f"| {query} | {results} | {kinds['code'] / 1024:.0f} | {kinds['meta'] / 1024:.0f} | "
                  f"{n['chunks']}: {kinds['chunks'] / 1024:.0f} KB | {n['texts']}: {kinds['texts'] / 1024:.0f} KB | "
                  f"{sum(mine.values()) / 1024:.0f} | {gz / 1024:.0f} |", flush=True)
    b.close()
    p.stop()
    (site / PROBE.name).unlink()


class PROBE:
    name = "search-probe.html"
    text = '<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>probe</title></head><body></body></html>'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    sub.add_parser("relevance")
    d = sub.add_parser("download")
    d.add_argument("site", type=Path)
    d.add_argument("--index", action="store_true", help="(re)build the folded Pagefind index first")
    d.add_argument("--queries", default="الأسد,بشار الأسد,لاريجاني,حميميم,كامل صقر")
    args = parser.parse_args()
    if args.what == "relevance":
        relevance()
    else:
        download(args.site, args.queries.split(","), args.index)


if __name__ == "__main__":
    main()
