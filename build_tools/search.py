"""Search: a Pagefind index over the built site, folded for Arabic.

Readers type Arabic as they please: with or without hamza, ة or ه, ى or ي, with
tashkeel or tatweel, Arabic-Indic digits, and with the little words written onto
the next one (و ف ب ل ك, the article ال). The index and the query are both
folded so that any of these spellings finds the others, while titles and
excerpts are shown exactly as written.

How: Pagefind (https://pagefind.app) indexes a *twin* of each searchable page,
made here from the built HTML, in which every word that folds to something else
is followed by its folded readings, each written after a tatweel: «والأسد» becomes
``«والأسد» ـاسد ـوالاسد``. Pagefind drops the tatweel (its Arabic stemmer does), so
each reading is found as a word of the page; its excerpts quote the page's text with
the readings, which the browser leaves out (a word never starts with a tatweel).
The browser folds the query with :func:`query_key`'s JavaScript twin in
``docs/assets/search.js`` before calling ``pagefind.search``. Pagefind loads
its index in chunks, by the first letters of the words searched, and each
result's text on its own: one search downloads a few chunks, never the index.

A query word's *key* (:func:`query_key`) is its folded form with its longest
proclitic removed; a written word's *readings* (:func:`readings`, in the index) are
the forms left by removing its proclitics, repeatedly, that are the key of some way
of writing it. So the key of each spelling of a word is one of the readings of each
other: «الاسد», «والأسد», «للأسد» and «أسد» are all searched as «اسد», a reading of
each of them; «بشار» reads «بشار» and «شار», «ببشار» reads «ببشار», «بشار» and «شار»,
so the keys «شار» (of بشار, وبشار) and «بشار» (of ببشار) find both. At least three
letters always remain.

``build_tools/search_hook.py`` makes it during ``mkdocs build``, beside MkDocs (:class:`Beside`);
``python -m build_tools.search SITE_DIR`` indexes a site already built.
"""

from __future__ import annotations

import atexit
import concurrent.futures
import functools
import html
import multiprocessing
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from build_tools import parallel
from build_tools.arabic import fold as fold_letters

# Pages readers search for: articles, people, events and the hand-written pages about
# the dossier. Listings (home, indexes, timeline, claims) repeat what those pages say
# and grow with the archive; they are reached from the navigation.
SEARCHED = re.compile(r"^(?:(?:articles|people|events)/[^/]+/|about/|corrections/)index\.html$")
# A page's first words are searched, the rest not: this bounds what a result costs
# the reader (Pagefind downloads each shown result's text whole).
MAX_WORDS = 6000
MIN_CORE = 3  # letters left after removing proclitics

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
# A word: Latin letters and digits, Arabic letters and digits, and the marks and
# tatweel written inside Arabic words. Same class as WORD in search.js.
WORD = re.compile("[0-9A-Za-z\u0621-\u065f\u0660-\u0669\u066e-\u06d3\u06d6-\u06ed\u06f0-\u06ff\u0640\u0670]+")
# Proclitics written onto the next word: a conjunction (و ف), then a preposition
# (ب ك ل) and/or the article (ال); ل + ال is written لل. Longest first.
PROCLITICS = tuple(sorted({c + p for c in ("", "و", "ف") for p in ("", "ب", "ك", "ل", "ال", "بال", "كال", "لل")} - {""},
                          key=lambda p: (-len(p), p)))
_ARABIC = re.compile("[\u0600-\u06ff]")
_PUNCT = re.compile(r"[!-/:-@\[-`{-~]")  # ASCII punctuation: Pagefind indexes a word's parts between them
MARK = "\u0640"  # tatweel: starts each reading in the twin pages, and nothing else there


def fold(text: str) -> str:
    """Spelling folded: tashkeel and tatweel removed, hamza/alef and yeh forms, ة→ه,
    Arabic-Indic digits → 0-9, Latin lowercased (see build_tools.arabic.fold)."""
    return fold_letters(text).translate(_DIGITS).lower()


def _strips(word: str) -> list[str]:
    return [word[len(p):] for p in PROCLITICS if word.startswith(p) and len(word) - len(p) >= MIN_CORE]


def query_key(word: str) -> str:
    """What a typed word is searched as: folded, its longest proclitic removed."""
    return _key(fold(word))


def readings(word: str) -> set[str]:
    """What a written word is indexed as: the forms left by removing any sequence of its
    proclitics that a typed word can be searched as (its key, :func:`query_key`)."""
    return set(_readings(fold(word)))


@functools.lru_cache(maxsize=1 << 18)
def _readings(folded: str) -> tuple[str, ...]:
    found, todo = set(), [folded]
    while todo:
        w = todo.pop()
        if w and w not in found:
            found.add(w)
            todo.extend(_strips(w))
    # Only the forms that are the key of some way of writing the word (its own key always):
    # «اسد» (of الأسد, للأسد…) and «بشار» (of ببشار), not «الاسد», which any proclitic
    # written before it would take off with it (ل + ال is written لل).
    return tuple(sorted({_key(folded), *(r for r in found if any(_key(p + r) == r for p in _before(r)))}))


def _before(form: str) -> tuple[str, ...]:
    """Proclitics that can be written before ``form``."""
    return ("", *(p for p in PROCLITICS if not (p.endswith("ل") and form.startswith("ال"))))


def _key(folded: str) -> str:
    rest = _strips(folded)
    return rest[0] if rest else folded


def query_terms(query: str) -> str:
    """The query Pagefind is given: each word replaced by its key."""
    return " ".join(query_key(w) for w in WORD.findall(query))


@functools.lru_cache(maxsize=1 << 18)
def _annotated(chunk: str) -> str:
    chunk = chunk.lstrip(MARK) or chunk  # a word never starts with a tatweel: only readings do
    extra: list[str] = []
    # What Pagefind indexes anyway: the chunk's letters and digits, and its parts
    # between ASCII punctuation.
    parts = {"".join(ch for ch in chunk if ch.isalnum()).lower(), *_PUNCT.sub(" ", chunk).lower().split()}
    for w in WORD.findall(chunk):
        if _ARABIC.search(w):  # Pagefind lowercases Latin itself
            extra += sorted(readings(w) - parts - set(extra) - {""})
    return " ".join([chunk, *(MARK + r for r in extra)])


def annotate(text: str) -> str:
    """Text for the twin page: each whitespace-separated chunk followed by the readings
    of its words that Pagefind would not index from the chunk itself, each after a tatweel."""
    words = " ".join(map(_annotated, text.split()))
    if not words:
        return text
    return (" " if text[0].isspace() else "") + words + (" " if text[-1].isspace() else "")


# --- twin pages ---------------------------------------------------------------------------

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_DROP = {"script", "style", "svg", "template", "noscript", "button", "form"}
_BLOCKS = {"p", "li", "tr", "div", "blockquote", "dd", "dt", "section", "details", "table", "ul", "ol"}
# Boilerplate: a block holding one of these (the feed subscription line of person and
# event pages) is left out of the index whole.
BOILERPLATE = {"dossier-subscribe", "dossier-feed-url"}


_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)|<", re.S)
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


class _Twin:
    """The content of Material's <article class="md-content__inner">, words annotated,
    the page's <h1> first. A scan of tags and text: Material's HTML is well formed."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.head: list[str] = []  # the <h1>
        self.depth = 0  # inside the article: depth of open elements, article included; -1 after it
        self.drop = 0  # depth at which a dropped element opened, 0 if none
        self.blocks: list[list] = []  # open blocks: [depth, start in out, is boilerplate]
        self.title: list[str] = []
        self.h1 = 0  # depth of the open <h1>, 0 if none
        self.h1_done = False
        self.words = 0

    def feed(self, page: str) -> None:
        start = page.find('<article class="md-content__inner')
        if start < 0:
            return
        for m in _TOKEN.finditer(page, start):
            closing, tag, attrs, text = m.groups()
            if text is not None:
                self.data(html.unescape(text))
            elif tag is not None:
                tag = tag.lower()
                if closing:
                    self.end(tag)
                else:
                    c = _CLASS.search(attrs)
                    classes = set(next(g for g in c.groups() if g is not None).split()) if c else set()
                    self.start(tag, classes, "data-search-exclude" in attrs, m.group())
                    if attrs.rstrip().endswith("/") and tag not in _VOID:
                        self.end(tag)
            elif m.group() == "<":
                self.data("<")
            if self.depth < 0 or (self.words >= MAX_WORDS and self.h1_done):
                break

    def _emit(self, piece: str) -> None:
        (self.head if self.h1 else self.out).append(piece)

    def start(self, tag: str, classes: set[str], excluded: bool, raw: str) -> None:
        if not self.depth:
            if tag == "article" and "md-content__inner" in classes:
                self.depth = 1
            return
        if tag not in _VOID:
            self.depth += 1
        if self.drop:
            return
        if classes & BOILERPLATE and self.blocks:
            self.blocks[-1][2] = True
        if tag in _DROP or "headerlink" in classes or excluded or classes & BOILERPLATE:
            if tag not in _VOID:
                self.drop = self.depth
            return
        if tag == "h1" and not self.h1_done and not self.h1:
            self.h1 = self.depth
        elif tag in _BLOCKS and not self.h1:
            self.blocks.append([self.depth, len(self.out), False])
        self._emit(raw)

    def end(self, tag: str) -> None:
        if self.depth <= 0 or tag in _VOID:
            return
        if self.drop:
            if self.depth == self.drop:
                self.drop = 0
        elif self.depth > 1:
            self._emit(f"</{tag}>")
            if self.h1 == self.depth:
                self.h1, self.h1_done = 0, True
            elif self.blocks and self.blocks[-1][0] == self.depth:
                _, start, boilerplate = self.blocks.pop()
                if boilerplate:
                    del self.out[start:]
        self.depth -= 1
        if self.depth == 0:
            self.depth = -1  # the article is over: the rest of the page is not content

    def data(self, data: str) -> None:
        if self.depth <= 0 or self.drop:
            return
        if self.h1:
            self.title.append(data)
        elif self.words >= MAX_WORDS:
            return
        else:
            words = data.split()
            if self.words + len(words) > MAX_WORDS:
                data = " ".join(words[: MAX_WORDS - self.words])
            self.words += len(words)
        self._emit(html.escape(annotate(data), quote=False))


def twin_page(page_html: str) -> str | None:
    """The page Pagefind indexes in place of ``page_html``; None if it has no article."""
    p = _Twin()
    p.feed(page_html)
    if not p.out and not p.head:
        return None
    title = " ".join("".join(p.title).split())
    if not title:
        m = re.search(r"<title>(.*?)</title>", page_html, re.S)
        title = html.unescape(m.group(1)).strip() if m else ""
    return ('<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title></title></head><body>'
            f'<main data-pagefind-body>{"".join(p.head + p.out)}'
            f'<span data-pagefind-meta="title[data-title]" data-title="{html.escape(title)}"></span>'
            '</main></body></html>')


def twin_of_content(content: str, title: str) -> str | None:
    """The twin of a page made from what MkDocs puts inside its <article>: the rendered
    Markdown, after the <h1> that Material's ``partials/content.html`` adds from the
    page's title when the Markdown has none. Same twin as :func:`twin_page` of the
    built page (tests/test_search.py compares the two indexes)."""
    heading = "" if "<h1" in content else f"<h1>{title}</h1>"
    return twin_page(f'<article class="md-content__inner md-typeset">{heading}{content}</article>')


def searched(dest: str) -> bool:
    """Whether the page built at ``dest`` (a path in the site) is indexed."""
    return SEARCHED.match(dest) is not None


def searched_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if searched(p.relative_to(site).as_posix()))


def build_index(site: Path) -> None:
    """Write ``site/pagefind/``: the folded index of the site's searched pages, from the built HTML."""
    site = site.resolve()
    with tempfile.TemporaryDirectory(prefix="dossier-search-") as tmp:
        twins = Path(tmp)
        pages = searched_pages(site)
        # Reading a page for its twin is pure Python: worker processes share it out.
        made = parallel.imap(lambda page: twin_page(page.read_text(encoding="utf-8")), pages)
        for page, twin in zip(pages, made, strict=True):
            _write_twin(twins, page.relative_to(site).as_posix(), twin)
        _pagefind(twins, site / "pagefind")


def _write_twin(twins: Path, dest: str, twin: str | None) -> None:
    if twin is not None:
        path = twins / dest
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(twin, encoding="utf-8")


def _twin_job(twins: Path, dest: str, content: str, title: str) -> None:
    _write_twin(twins, dest, twin_of_content(content, title))


def _pagefind(twins: Path, out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    run = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(twins), "--output-path", str(out),
                          "--force-language", "ar", "--quiet"], capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"pagefind failed:\n{run.stdout}{run.stderr}")
    # Our own UI in search.js uses none of Pagefind's; every page is Arabic (--force-language),
    # so the WebAssembly for pages of no language is never loaded either.
    for unused in ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                   "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
                   "wasm.unknown.pagefind"):
        (out / unused).unlink(missing_ok=True)


class Beside:
    """The index made beside MkDocs, on the build's other core.

    MkDocs renders and writes pages in one process, one core. Each searched page's
    twin is made from its rendered Markdown (:meth:`add`, as MkDocs renders it) in one
    worker process, and Pagefind runs there as soon as MkDocs has rendered every page
    (:meth:`start`), while MkDocs puts the pages in Material's template and writes the
    site. Tasks run in the order given: Pagefind starts after the last twin is written.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.twins = Path(tempfile.mkdtemp(prefix="dossier-search-"))
        # A build stopped with Ctrl-C reaches neither on_build_error nor on_post_build; the interpreter
        # still runs atexit handlers as it exits (the forked worker leaves through os._exit: it does not).
        atexit.register(shutil.rmtree, self.twins, ignore_errors=True)
        # Forked: the worker needs no imports and no pickled functions; where fork does
        # not exist (Windows), a thread still overlaps Pagefind's own process with MkDocs.
        self.pool: concurrent.futures.Executor = (
            concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            if "fork" in multiprocessing.get_all_start_methods() else concurrent.futures.ThreadPoolExecutor(1))
        self.tasks: list[concurrent.futures.Future] = []
        self.added = 0

    def add(self, dest: str, content: str, title: str) -> None:
        self.tasks.append(self.pool.submit(_twin_job, self.twins, dest, content, title))
        self.added += 1

    def start(self) -> None:
        self.tasks.append(self.pool.submit(_pagefind, self.twins, self.out))

    def finish(self) -> None:
        """Wait for the index; a failed task raises here."""
        try:
            for task in self.tasks:
                task.result()
        finally:
            self.close()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.twins, ignore_errors=True)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m build_tools.search SITE_DIR", file=sys.stderr)
        return 2
    build_index(Path(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
