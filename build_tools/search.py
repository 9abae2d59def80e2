"""Search: a Pagefind index over the built site, folded for Arabic.

Readers type Arabic as they please: with or without hamza, ة or ه, ى or ي, with
tashkeel or tatweel, Arabic-Indic digits, and with the little words written onto
the next one (و ف ب ل ك, the article ال). The index and the query are both
folded so that any of these spellings finds the others, while titles and
excerpts are shown exactly as written.

How: Pagefind (https://pagefind.app) indexes a *twin* of each searchable page,
made here from the built HTML, in which every word that folds to something else
carries its folded readings after a ``~``: ``«والأسد»~والاسد~الاسد~اسد``. Pagefind
indexes such a word whole and in its parts (it splits words at ASCII punctuation),
so each reading is found at the word's position, and its excerpts quote the word
with its readings, which the browser strips (``~`` never occurs in our text).
The browser folds the query with :func:`query_key`'s JavaScript twin in
``docs/assets/search.js`` before calling ``pagefind.search``. Pagefind loads
its index in chunks, by the first letters of the words searched, and each
result's text on its own: one search downloads a few chunks, never the index.

A word's *readings* (:func:`readings`, in the index) are its folded form and every
form left by removing attached proclitics, repeatedly; a query word's *key*
(:func:`query_key`) is its folded form with its longest proclitic removed once.
A key is always one of the readings of each spelling of the same word: «الاسد»,
«والأسد», «للأسد» and «أسد» all have the reading «اسد», the key of each of them;
«بشار» has readings «بشار», «شار» and «ببشار» has «ببشار», «بشار», «شار», so the
keys «شار» (of بشار, وبشار) and «بشار» (of ببشار) both find both. At least three
letters always remain.

Run after ``mkdocs build`` (``build_tools/search_hook.py`` does it):
``python -m build_tools.search SITE_DIR``.
"""

from __future__ import annotations

import functools
import html
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

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
SEPARATOR = "~"  # between a word as written and its readings, in the twin pages only


def fold(text: str) -> str:
    """Spelling folded: tashkeel and tatweel removed, hamza/alef and yeh forms, ة→ه,
    Arabic-Indic digits → 0-9, Latin lowercased (see build_tools.arabic.fold)."""
    return fold_letters(text).translate(_DIGITS).lower()


def _strips(word: str) -> list[str]:
    return [word[len(p):] for p in PROCLITICS if word.startswith(p) and len(word) - len(p) >= MIN_CORE]


def query_key(word: str) -> str:
    """What a typed word is searched as: folded, its longest proclitic removed."""
    folded = fold(word)
    rest = _strips(folded)
    return rest[0] if rest else folded


def readings(word: str) -> set[str]:
    """What a written word is indexed as: folded, with every sequence of proclitics removed."""
    found, todo = set(), [fold(word)]
    while todo:
        w = todo.pop()
        if w and w not in found:
            found.add(w)
            todo.extend(_strips(w))
    return found


def query_terms(query: str) -> str:
    """The query Pagefind is given: each word replaced by its key."""
    return " ".join(query_key(w) for w in WORD.findall(query))


@functools.lru_cache(maxsize=1 << 18)
def _annotated(chunk: str) -> str:
    if SEPARATOR in chunk:
        return chunk
    extra: list[str] = []
    # What Pagefind indexes anyway: the chunk's letters and digits, and its parts
    # between ASCII punctuation.
    parts = {"".join(ch for ch in chunk if ch.isalnum()).lower(), *_PUNCT.sub(" ", chunk).lower().split()}
    for w in WORD.findall(chunk):
        if _ARABIC.search(w):  # Pagefind lowercases Latin itself
            extra += sorted(readings(w) - parts - set(extra))
    return SEPARATOR.join([chunk, *extra]) if extra else chunk


def annotate(text: str) -> str:
    """Text for the twin page: each whitespace-separated chunk followed by the readings
    of its words that Pagefind would not index from the chunk itself."""
    return re.sub(r"\S+", lambda m: _annotated(m.group()), text)


# --- twin pages ---------------------------------------------------------------------------

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_DROP = {"script", "style", "svg", "template", "noscript", "button", "form"}
_BLOCKS = {"p", "li", "tr", "div", "blockquote", "dd", "dt", "section", "details", "table", "ul", "ol"}
# Boilerplate: a block holding one of these (the feed subscription line of person and
# event pages) is left out of the index whole.
BOILERPLATE = {"dossier-subscribe", "dossier-feed-url"}


class _Twin(HTMLParser):
    """The content of Material's <article class="md-content__inner">, words annotated,
    the page's <h1> first."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.head: list[str] = []  # the <h1>
        self.depth = 0  # inside the article: depth of open elements, article included; -1 after it
        self.drop = 0  # depth at which a dropped element opened, 0 if none
        self.blocks: list[list] = []  # open blocks: [depth, start in out, is boilerplate]
        self.title: list[str] = []
        self.h1 = 0  # depth of the open <h1>, 0 if none
        self.h1_done = False
        self.words = 0

    def _emit(self, piece: str) -> None:
        (self.head if self.h1 else self.out).append(piece)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        if not self.depth:
            if tag == "article" and "md-content__inner" in classes:
                self.depth = 1
            return
        if self.depth < 0:
            return
        if tag not in _VOID:
            self.depth += 1
        if self.drop:
            return
        if classes & BOILERPLATE and self.blocks:
            self.blocks[-1][2] = True
        if tag in _DROP or "headerlink" in classes or "data-search-exclude" in a or classes & BOILERPLATE:
            if tag not in _VOID:
                self.drop = self.depth
            return
        if tag == "h1" and not self.h1_done and not self.h1:
            self.h1 = self.depth
        elif tag in _BLOCKS and not self.h1:
            self.blocks.append([self.depth, len(self.out), False])
        self._emit(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        if self.depth > 0 and not self.drop and tag not in _DROP:
            self._emit(self.get_starttag_text())

    def handle_endtag(self, tag):
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

    def handle_data(self, data):
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
    p.close()
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


def searched_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if SEARCHED.match(p.relative_to(site).as_posix()))


def build_index(site: Path) -> None:
    """Write ``site/pagefind/``: the folded index of the site's searched pages."""
    site = site.resolve()
    out = site / "pagefind"
    shutil.rmtree(out, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="dossier-search-") as tmp:
        twins = Path(tmp)
        for page in searched_pages(site):
            twin = twin_page(page.read_text(encoding="utf-8"))
            if twin is not None:
                dest = twins / page.relative_to(site)
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_text(twin, encoding="utf-8")
        run = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(twins), "--output-path", str(out),
                              "--force-language", "ar", "--quiet"], capture_output=True, text=True)
        if run.returncode != 0:
            raise RuntimeError(f"pagefind failed:\n{run.stdout}{run.stderr}")
    for unused in ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                   "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js"):
        (out / unused).unlink(missing_ok=True)  # our own UI in search.js uses none of these


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m build_tools.search SITE_DIR", file=sys.stderr)
        return 2
    build_index(Path(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
