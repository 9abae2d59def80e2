"""Find people's names in cleaned articles: one pass over each article.

At each word the longest matching name wins, so "حافظ الأسد" (the father)
is not read as "حافظ" (the son) followed by "الأسد" (Bashar).

Most words are not names. One compiled regular expression, built once per
name table from the folded first words of every name (each letter standing
for all its spellings, diacritics allowed anywhere, attached prefixes
optional), finds the few words that could start a name; only there are the
words folded and compared. Matching is the same as comparing every word.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from . import model, parallel
from .arabic import MARKS, cores, fold, letter_class, name_key

_WORD_CHARS = "0-9A-Za-z\u0621-\u065f\u066e-\u06d3\u06fa-\u06ff\u0640\u0670\u06d6-\u06ed"
_TOKEN = re.compile(f"[{_WORD_CHARS}]+")

_SENTENCE_END = re.compile(r"(?<=[.!؟?])\s+")
_MAX_QUOTE = 320


@dataclass(frozen=True, slots=True)  # tens of them an article: no per-object dict
class Mention:
    person: str
    article: str
    block: int
    surface: str  # the words as written in the article
    sentence: str  # the sentence around them, verbatim

    def __reduce__(self):  # pickled (cache, workers) by value: a slotted dataclass's default walks fields()
        return Mention, (self.person, self.article, self.block, self.surface, self.sentence)


@dataclass(frozen=True)
class MentionWarning:
    article: str
    field: str
    message: str
    hint: str


class NameTable(dict):
    """First folded word -> [(all folded words, person id)], longest names first.

    ``candidates`` finds the words that could start one of these names;
    ``longest`` is the most words a name has.
    """

    candidates: re.Pattern
    longest: int


def build_name_table(people: dict[str, model.Person]) -> NameTable:
    """First folded word -> [(all folded words, person id)], longest names first."""
    grouped: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for pid, person in people.items():
        for name in {person.name, *person.variants}:
            key = name_key(name)
            if key:
                grouped[key[0]].append((key, pid))
    for entries in grouped.values():
        entries.sort(key=lambda e: (-len(e[0]), e[1]))
    return _compiled(grouped)


def _compiled(grouped: dict) -> NameTable:
    """The table with its candidate pattern and longest name, computed once."""
    table = NameTable(grouped)
    table.candidates = _candidate_pattern(table)
    table.longest = max((len(k) for entries in table.values() for k, _ in entries), default=1)
    return table


def _trie_pattern(words: set[str]) -> str:
    """One alternation for a set of folded words, sharing their common beginnings."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [letter_class(ch) + f"[{MARKS}]*" + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = "|".join(alts)
        return f"(?:{body})?" if "" in node else f"(?:{body})"

    return emit(trie) if trie else "(?!)"


def _candidate_pattern(table: dict) -> re.Pattern:
    # "لل" + X stands for ل + الX, so first words in ال also stand without it.
    firsts = set(table) | {w[2:] for w in table if w.startswith("ال") and len(w) > 3}
    prefix = f"(?:[{letter_class('و')[1:-1]}{letter_class('ا')[1:-1]}فبلك][{MARKS}]*){{0,4}}"
    return re.compile(f"(?<![{_WORD_CHARS}]){prefix}{_trie_pattern(firsts)}(?![{_WORD_CHARS}])")


def _tokens(text: str, pos: int, n: int) -> list[tuple[str, int, int]]:
    """Up to ``n`` folded words of ``text`` from ``pos``, with their offsets in ``text``."""
    out = []
    for m in _TOKEN.finditer(text, pos):
        out.append((fold(m.group()), m.start(), m.end()))
        if len(out) == n:
            break
    return out


def find_mentions(article_id: str, blocks: list[model.Block], table) -> list[Mention]:
    if not isinstance(table, NameTable):  # a plain mapping from a caller: compile it once here
        table = _compiled(table)
    found = []
    # A sentence naming several people, or one person twice, is held (and sent back from a
    # worker, and cached) once.
    same: dict[str, str] = {}
    for bi, block in enumerate(blocks):
        text, pos = block.text, 0
        while (cand := table.candidates.search(text, pos)) is not None:
            ws = _tokens(text, cand.start(), table.longest)
            match = _match_at(ws, 0, table)
            if match is None:
                pos = ws[0][2]
                continue
            n, pid = match
            start, end = ws[0][1], ws[n - 1][2]
            surface, sentence = text[start:end], _sentence(text, start, end)
            found.append(Mention(pid, article_id, bi, same.setdefault(surface, surface), same.setdefault(sentence, sentence)))
            pos = end
    return found


def _match_at(ws, i, table) -> tuple[int, str] | None:
    best = None
    for core in cores(ws[i][0]):
        for key, pid in table.get(core, ()):
            n = len(key)
            if i + n <= len(ws) and all(ws[i + k][0] == key[k] for k in range(1, n)):
                if best is None or n > best[0]:
                    best = (n, pid)
                break  # entries are longest first
    return best


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end]; a window of it if very long."""
    s = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() >= start:
            e = m.start()
            break
        s = m.end()
    else:
        e = len(text)
    if e - s <= _MAX_QUOTE:
        return text[s:e]
    # Long run-on sentences: cut at the commas nearest the name.
    left = max(text.rfind("،", s, max(s, start - _MAX_QUOTE // 2)) + 1, s)
    right = text.find("،", min(e, end + _MAX_QUOTE // 2), e)
    return "…" * (left > s) + text[left:right if right != -1 else e].strip() + "…" * (right != -1)


class MentionIndex:
    """All mentions, by article and by person, plus verbatim-quote lookup."""

    def __init__(self, corpus_articles: dict[str, model.CleanArticle], people: dict[str, model.Person],
                 cache=None):
        table = build_name_table(people)
        names = repr(sorted(table.items())) if cache is not None else ""
        self.by_article: dict[str, list[Mention]] = {}
        self.by_person: dict[str, list[Mention]] = defaultdict(list)
        self._articles = corpus_articles
        self._folded: dict[str, list[str]] = {}  # whitespace-folded blocks, made for the articles quoted only
        todo = []
        for aid, art in corpus_articles.items():
            # Cached with the article's blocks, for the same list of names (see cache.py).
            entry = cache.entries.get(aid) if cache is not None else None
            if entry is not None and entry.get("blocks") is art.blocks and entry.get("names") == names:
                self.by_article[aid] = entry["mentions"]
            else:
                todo.append(aid)
        found = parallel.imap(lambda aid: find_mentions(aid, corpus_articles[aid].blocks, table), todo)
        for aid, ms in zip(todo, found, strict=True):
            entry = cache.entries.get(aid) if cache is not None else None
            if entry is not None and entry.get("blocks") is corpus_articles[aid].blocks:
                cache.put(aid, names=names, mentions=ms)
            self.by_article[aid] = ms
        self.by_article = {aid: self.by_article[aid] for aid in corpus_articles}  # in article order
        for ms in self.by_article.values():
            for m in ms:
                self.by_person[m.person].append(m)

    def contains(self, article_id: str, quote: str) -> bool:
        return self.occurrences(article_id, quote) > 0

    def block_of(self, article_id: str, quote: str) -> int | None:
        """Index of the first block of the article holding ``quote``, or None."""
        q = " ".join(quote.split())
        return next((i for i, b in enumerate(self._blocks(article_id)) if q and q in b), None)

    def occurrences(self, article_id: str, quote: str) -> int:
        """How many times ``quote`` (whitespace-folded) occurs within one block of the article."""
        q = " ".join(quote.split())
        return sum(b.count(q) for b in self._blocks(article_id)) if q else 0

    def _blocks(self, article_id: str) -> list[str]:
        if article_id not in self._folded:
            art = self._articles.get(article_id)
            self._folded[article_id] = [" ".join(b.text.split()) for b in art.blocks] if art is not None else []
        return self._folded[article_id]

    def warnings(self, corpus: model.Corpus) -> list[MentionWarning]:
        out = []
        for aid, art in corpus.articles.items():
            mentioned = {m.person for m in self.by_article[aid]}
            listed = set(art.meta.people)
            for pid in sorted(mentioned - listed):
                out.append(MentionWarning(aid, "people", f"article mentions `{pid}` but does not list it in `people`",
                                          f"add `{pid}` to people, or check the name variants in people.yml"))
            for pid in sorted(listed - mentioned - {art.meta.interviewer}):
                if pid in corpus.people:
                    out.append(MentionWarning(aid, "people", f"article lists `{pid}` but never mentions it",
                                              "remove it, or add the spelling the article uses to its variants"))
        return out
