"""Find people's names in cleaned articles: one pass over each article.

At each word the longest matching name wins, so "حافظ الأسد" (the father)
is not read as "حافظ" (the son) followed by "الأسد" (Bashar).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from . import model
from .arabic import cores, name_key, words

_SENTENCE_END = re.compile(r"(?<=[.!؟?])\s+")
_MAX_QUOTE = 320


@dataclass(frozen=True)
class Mention:
    person: str
    article: str
    block: int
    surface: str  # the words as written in the article
    sentence: str  # the sentence around them, verbatim


@dataclass(frozen=True)
class MentionWarning:
    article: str
    field: str
    message: str
    hint: str


def build_name_table(people: dict[str, model.Person]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First folded word -> [(all folded words, person id)], longest names first."""
    table: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for pid, person in people.items():
        for name in {person.name, *person.variants}:
            key = name_key(name)
            if key:
                table[key[0]].append((key, pid))
    for entries in table.values():
        entries.sort(key=lambda e: (-len(e[0]), e[1]))
    return dict(table)


def find_mentions(article_id: str, blocks: list[model.Block], table) -> list[Mention]:
    found = []
    for bi, block in enumerate(blocks):
        ws = words(block.text)
        i = 0
        while i < len(ws):
            match = _match_at(ws, i, table)
            if match is None:
                i += 1
                continue
            n, pid = match
            start, end = ws[i][1], ws[i + n - 1][2]
            found.append(Mention(pid, article_id, bi, block.text[start:end], _sentence(block.text, start, end)))
            i += n
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

    def __init__(self, corpus_articles: dict[str, model.CleanArticle], people: dict[str, model.Person]):
        table = build_name_table(people)
        self.by_article: dict[str, list[Mention]] = {}
        self.by_person: dict[str, list[Mention]] = defaultdict(list)
        self._blocks = {aid: [" ".join(b.text.split()) for b in a.blocks] for aid, a in corpus_articles.items()}
        for aid, art in corpus_articles.items():
            ms = find_mentions(aid, art.blocks, table)
            self.by_article[aid] = ms
            for m in ms:
                self.by_person[m.person].append(m)

    def contains(self, article_id: str, quote: str) -> bool:
        return self.occurrences(article_id, quote) > 0

    def block_of(self, article_id: str, quote: str) -> int | None:
        """Index of the first block of the article holding ``quote``, or None."""
        q = " ".join(quote.split())
        return next((i for i, b in enumerate(self._blocks.get(article_id, ())) if q and q in b), None)

    def occurrences(self, article_id: str, quote: str) -> int:
        """How many times ``quote`` (whitespace-folded) occurs within one block of the article."""
        q = " ".join(quote.split())
        return sum(b.count(q) for b in self._blocks.get(article_id, ())) if q else 0

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
