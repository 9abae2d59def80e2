"""Cross-file checks: ids, references, unknown values with notes, dates, quotes.

Every check adds to ``problems``; nothing raises here, so one run reports
everything that is wrong. Single-field constraints the model declares
(patterns, lengths, URLs, allowed values) are enforced while loading
(``schema.py``); what needs more than one field or file is checked here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from collections.abc import Sequence

from . import model
from .cleaning import RuleUse, clean, unused_rules
from .dates import hijri_to_gregorian
from .ids import id_problem
from .index import derived_certainty, event_origins
from .load import Loaded
from .mentions import MentionIndex
from .problems import Problems
from .redirects import check_redirects, resolve
from .schema import Locations, need_hint

# A quote is evidence only if it says something and points at one passage.
MIN_QUOTE_WORDS = 4
MIN_QUOTE_CHARS = 20

_NOUN = {"outlets": "outlet", "people": "person", "events": "event", "articles": "article", "claims": "claim"}


def validate(corpus: model.Corpus, loaded: Loaded, rule_use: dict[str, RuleUse], mentions: MentionIndex,
             problems: Problems) -> None:
    loc = loaded.locations
    # Ids whose entries failed to load still exist: no cascade of "unknown id" errors.
    known: dict[str, set[str]] = {reg: set() for reg in _NOUN}
    for reg, key in loaded.id_nodes:
        known[reg].add(key)

    for (_reg, key), (path, line, col) in sorted(loaded.id_nodes.items()):
        why = id_problem(key) or ("is reserved for the index page" if key == "index" else None)
        if why:
            problems.error(path, line, col, f"id `{key}` {why}",
                           "ids become URLs: use lowercase Latin letters, digits and single hyphens")

    # Every reference, checked at the end all together, so that each unknown id can say where else it is used.
    pending: list[tuple[str, str, tuple[str, int, int]]] = [
        (reg, value, (path, line, col)) for reg, value, path, line, col in loaded.orphan_refs]

    def refs(obj, field: str, reg: str, values: Sequence[str | None]) -> None:
        for i, value in enumerate(values):
            if value is not None:
                pending.append((reg, value, loc.of(obj, field, i)))

    _check_objects(corpus, loc, problems)

    for a in (c.meta for c in corpus.articles.values()):
        refs(a, "outlet", "outlets", [a.outlet])
        refs(a, "interviewer", "people", [a.interviewer])
        refs(a, "people", "people", a.people)
        refs(a, "events", "events", a.events)
        refs(a.provenance, "origins", "origins", a.provenance.origins)
        _null_needs(a, loc, problems)
        if a.published_hijri:
            gregorian = hijri_to_gregorian(a.published_hijri)
            if gregorian is None:
                problems.error(*loc.of(a, "published_hijri"), f"`published_hijri` {a.published_hijri} is not a real "
                               "Hijri (Umm al-Qura) date", "check the day and month against the source")
            elif a.published != gregorian:
                problems.error(*loc.of(a, "published"), f"`published` {a.published.iso() if a.published else 'null'} "
                               f"disagrees with `published_hijri` {a.published_hijri} ({gregorian.iso()})",
                               "delete `published` (the build converts the Hijri date), or correct one of them")
        if a.provenance.kind == "blog-with-machine-text" and not a.provenance.machine_generated:
            problems.error(*loc.of(a.provenance, "kind"), "a blog with machine text must set `machine_generated: true`",
                           "add `machine_generated: true` under provenance")
        if a.provenance.machine_generated != (a.cleaning.machine_generated is not None):
            problems.error(*loc.of(a.provenance, "machine_generated"),
                           "`provenance.machine_generated` disagrees with `cleaning.machine_generated`",
                           "mark the machine text with `cleaning: machine_generated: {start: …, end: …}` "
                           "(its first and last lines) and set `machine_generated: true`, or neither")

    for aid, use in rule_use.items():
        art = corpus.articles[aid]
        for field, value in unused_rules(art.meta.cleaning, use):
            problems.error(*loc.of(art.meta.cleaning, field), f"cleaning rule `{field}` matches nothing: {value!r}",
                           "copy the line exactly from the .txt file, or delete the rule")
        _suspects(aid, use, problems)
    for aid, (rules, raw) in loaded.unloaded.items():  # its metadata has errors: its text is read all the same
        _suspects(aid, clean(raw, rules)[1], problems)

    for outlet in corpus.outlets.values():
        _null_needs(outlet, loc, problems)

    for p in corpus.people.values():
        for r in p.roles:
            _check_range(r, r.start, r.end, loc, problems)

    covering: dict[str, list[str]] = {}
    for cleaned in corpus.articles.values():
        for eid in cleaned.meta.events:
            covering.setdefault(eid, []).append(cleaned.meta.id)
    for e in corpus.events.values():
        refs(e, "participants", "people", e.participants)
        _check_range(e, e.start, e.end, loc, problems)
        origins = event_origins(corpus, covering.get(e.id, []))
        derived = derived_certainty(origins)
        if e.certainty == "disputed" and not e.date_note:
            problems.error(*loc.of(e, "certainty"), f"event `{e.id}` is disputed without `date_note`",
                           "add `date_note:` saying which sources give which date")
        elif e.certainty not in (None, "disputed", derived):
            problems.error(*loc.of(e, "certainty"),
                           f"event `{e.id}`: certainty `{e.certainty}` contradicts its {len(origins)} independent "
                           f"origin(s) ({', '.join(origins) or 'none'}), which make it `{derived}`",
                           "delete the `certainty:` line (the build derives it), or fix the articles' origins")
        if e.date_inferred and not e.date_note:
            problems.error(*loc.of(e, "date_inferred"), f"event `{e.id}`: inferred date without `date_note`",
                           "add `date_note:` saying how the date was worked out")

    for c in corpus.claims.values():
        refs(c, "people", "people", c.people)
        refs(c, "events", "events", c.events)
        seen: set[str] = set()
        for s in c.sources:
            refs(s, "article", "articles", [s.article])
            if s.article in seen:
                problems.error(*loc.of(s, "article"), f"claim `{c.id}` lists article `{s.article}` twice",
                               "merge the two entries")
            seen.add(s.article)
            if s.stance == "different-value" and not s.value:
                problems.error(*loc.of(s, "stance"), f"claim `{c.id}`: `different-value` from `{s.article}` without `value`",
                               "add `value:` with the other date, name or figure this source gives")
            if s.stance != "different-value" and s.value and s.stance != "asserts":
                problems.error(*loc.of(s, "value"), f"claim `{c.id}`: `{s.stance}` from `{s.article}` with a `value`",
                               "a source that gives another value is `different-value`; silence is `silent`, "
                               "with no value")
            if s.stance == "silent":
                continue
            if not s.quote:
                problems.error(*loc.of(s), f"claim `{c.id}`: source `{s.article}` has no quote",
                               "add `quote:` copied word for word from the article, or set stance: silent")
                continue
            if len(s.quote.split()) < MIN_QUOTE_WORDS or len(" ".join(s.quote.split())) < MIN_QUOTE_CHARS:
                problems.error(*loc.of(s, "quote"), f"claim `{c.id}`: quote from `{s.article}` is too short to be evidence",
                               f"quote the whole statement: at least {MIN_QUOTE_WORDS} words and "
                               f"{MIN_QUOTE_CHARS} characters")
                continue
            if s.article not in corpus.articles:
                continue
            found = mentions.occurrences(s.article, s.quote)
            if found == 0:
                near = closest_passage([b.text for b in corpus.articles[s.article].blocks], s.quote)
                problems.error(*loc.of(s, "quote"),
                               f"claim `{c.id}`: quote not found in article `{s.article}`" + (
                                   f"; closest passage: «{near[0]}», where the quote has «{near[1]}» and the "
                                   f"article «{near[2]}»" if near else "; no passage of the article is close to it"),
                               "copy it word for word from the cleaned article text (one paragraph, no ellipsis; "
                               f"make explain TXT=sources/articles/{s.article}.txt shows the text)")
            elif found > 1:
                problems.error(*loc.of(s, "quote"),
                               f"claim `{c.id}`: quote occurs {found} times in article `{s.article}`",
                               "quote more of the sentence, so that it points at one passage")

    check_redirects(loaded.redirects, known, loaded.failed, problems)
    _report_refs(pending, known, loaded, problems)

    for w in mentions.warnings(corpus):
        problems.warn(*loc.of(corpus.articles[w.article].meta, w.field), w.message, w.hint)


def _suspects(aid: str, use: RuleUse, problems: Problems) -> None:
    """A warning on each kept line of the raw article that looks like site chrome: nothing is published silently."""
    txt = f"sources/articles/{aid}.txt"
    for line, why, text in use.suspects:
        shown = text if len(text) <= 80 else text[:79] + "…"
        problems.warn(txt, line, 1, f"line looks like site boilerplate ({why}): «{shown}»",
                      f"add it to cleaning.drop_lines in sources/articles/{aid}.yml if it is not journalism "
                      "(to cleaning.headings if it is a subheading, to cleaning.keep_lines if it is text)")


def _null_needs(obj, loc: Locations, problems: Problems) -> None:
    """A field that is null without any of the fields the model says must then explain it (invent nothing, visibly)."""
    for f in dataclasses.fields(obj):
        needs = f.metadata.get("null_needs")
        if needs and getattr(obj, f.name) is None and not any(getattr(obj, n) for n in needs):
            problems.error(*loc.of(obj, f.name), f"`{f.name}` is null without `{needs[0]}`", need_hint(needs[0]))


def _report_refs(pending: list[tuple[str, str, tuple[str, int, int]]], known: dict[str, set[str]], loaded: Loaded,
                 problems: Problems) -> None:
    """Every reference to an id that does not exist: both fixes, a likely spelling, and where else it is used."""
    def skipped(reg: str) -> bool:  # a registry that could not be read: that error is the one to fix first
        return bool(loaded.failed & ({"people", "outlets"} if reg == "origins" else {reg}))

    def exists(reg: str, value: str) -> bool:
        return value in (known["people"] | known["outlets"] if reg == "origins" else known[reg])

    unknown = [(reg, v, where) for reg, v, where in pending if not skipped(reg) and not exists(reg, v)]
    uses: dict[str, list[tuple[str, int, int]]] = {}
    for _, value, where in unknown:
        uses.setdefault(value, []).append(where)
    renamed = resolve(loaded.redirects)
    for reg, value, where in unknown:
        if reg == "origins":
            message = f"unknown origin `{value}`"
            hint = ("origins are ids from sources/people.yml or sources/outlets.yml: add it there, "
                    "or correct or remove this origin")
            choices = known["people"] | known["outlets"]
        else:
            message = f"unknown {_NOUN[reg]} id `{value}`"
            hint = ("use the name of a file in sources/articles/ without .yml, or remove this source"
                    if reg == "articles" else f"add `{value}` to sources/{reg}.yml, or correct or remove this reference")
            choices = known[reg]
        new = renamed.get((reg, value))
        close = difflib.get_close_matches(value, sorted(choices), n=1, cutoff=0.75)
        if new and new in choices:
            hint = f"`{value}` was renamed to `{new}` (sources/redirects.yml): write `{new}`"
        elif close:
            hint += f"; did you mean `{close[0]}`?"
        others = [w for w in uses[value] if w != where]
        if others:
            shown = ", ".join(f"{p}:{line}" for p, line, _ in sorted(others)[:3])
            more = len(others) - 3
            hint += f"; `{value}` is also used at {shown}" + (f" and {more} more place(s)" if more > 0 else "")
        problems.error(*where, message, hint)


def closest_passage(paragraphs: list[str], quote: str) -> tuple[str, str, str] | None:
    """(passage, what the quote has, what the article has there) for the passage of ``paragraphs``
    closest to ``quote``, shown around their first difference; None if nothing is close."""
    q = " ".join(quote.split())
    best: tuple[float, str] = (0.0, "")
    for text in (" ".join(p.split()) for p in paragraphs):
        m = difflib.SequenceMatcher(None, text, q, autojunk=False).find_longest_match(0, len(text), 0, len(q))
        if m.size == 0:
            continue
        start = max(0, m.a - m.b - 20)
        window = _whole_words(text, start, min(len(text), m.a - m.b + len(q) + 20))
        blocks = difflib.SequenceMatcher(None, window, q, autojunk=False).get_matching_blocks()[:-1]
        if not blocks:
            continue
        i = window.rfind(" ", 0, blocks[0].a) + 1
        j = window.find(" ", blocks[-1].a + blocks[-1].size)
        passage = window[i:j if j != -1 else len(window)]
        ratio = difflib.SequenceMatcher(None, passage, q, autojunk=False).ratio()
        if ratio > best[0]:
            best = (ratio, passage)
    ratio, passage = best
    if ratio < 0.6:
        return None
    ops = [op for op in difflib.SequenceMatcher(None, passage, q, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not ops:
        return None
    _, a1, a2, q1, q2 = ops[0]
    article_has, quote_has = _word_span(passage, a1, a2), _word_span(q, q1, q2)
    lo, hi = max(0, a1 - 60), min(len(passage), a2 + 60)
    shown = ("…" if lo else "") + _whole_words(passage, lo, hi) + ("…" if hi < len(passage) else "")
    return shown, quote_has, article_has


def _whole_words(text: str, start: int, end: int) -> str:
    """``text[start:end]`` widened to whole words."""
    start = text.rfind(" ", 0, start) + 1 if start > 0 else 0
    stop = text.find(" ", end) if end < len(text) else -1
    return text[start:stop if stop != -1 else len(text)].strip()


def _word_span(text: str, start: int, end: int) -> str:
    """The whole words of ``text`` that ``text[start:end]`` touches (the word at ``start`` if it is empty)."""
    return _whole_words(text, start, max(end, start)) or "…"


def _walk(obj):
    """(owner, field name, value) for every field of a loaded object and of the objects inside it."""
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        yield obj, f.name, value
        for item in value if isinstance(value, list) else [value]:
            if dataclasses.is_dataclass(item) and not isinstance(item, model.PartialDate):
                yield from _walk(item)


def _check_objects(corpus: model.Corpus, loc: Locations, problems: Problems) -> None:
    """Checks that hold for every field of every kind of source: dates in the window, no repeated ids."""
    first, last = model.DATE_WINDOW
    roots: list[object] = [*([corpus.dossier] if corpus.dossier else []), *corpus.outlets.values(), *corpus.people.values(),
                           *corpus.events.values(), *(a.meta for a in corpus.articles.values()),
                           *corpus.claims.values()]
    for root in roots:
        for owner, name, value in _walk(root):
            if isinstance(value, (model.PartialDate, dt.date)):
                day = value.first_day() if isinstance(value, model.PartialDate) else value
                if not first <= day <= last:
                    shown = value.iso() if isinstance(value, model.PartialDate) else value.isoformat()
                    problems.error(*loc.of(owner, name), f"`{name}` {shown} is outside the dossier's dates "
                                   f"({first.year}–{last.year})",
                                   "write the Gregorian date (a Hijri date such as 1446-06-07 is not accepted)")
            elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                seen: set[str] = set()
                for i, v in enumerate(value):
                    if v in seen:
                        problems.error(*loc.of(owner, name, i), f"`{v}` is listed twice in `{name}`",
                                       "delete the second one")
                    seen.add(v)


def _check_range(obj, start, end, loc: Locations, problems: Problems) -> None:
    if start is not None and end is not None and end.last_day() < start.first_day():
        problems.error(*loc.of(obj, "end"), f"date range ends ({end.iso()}) before it starts ({start.iso()})",
                       "swap or correct the dates")
