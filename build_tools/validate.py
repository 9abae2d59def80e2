"""Cross-file checks: ids, references, unknown values with notes, dates, quotes.

Every check adds to ``problems``; nothing raises here, so one run reports
everything that is wrong. Single-field constraints the model declares
(patterns, lengths, URLs, allowed values) are enforced while loading
(``schema.py``); what needs more than one field or file is checked here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from . import model
from .cleaning import RuleUse, unused_rules
from .dates import hijri_to_gregorian
from .ids import id_problem
from .index import derived_certainty, event_origins
from .load import Loaded
from .mentions import MentionIndex
from .problems import Problems
from .schema import Locations

# Fields that may be null only with a note saying why (invent nothing, visibly).
_NOTED = {"url": "url_note", "published": "published_note", "outlet": "outlet_note"}

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

    def refs(obj, field: str, reg: str, values: Sequence[str | None]) -> None:
        if reg in loaded.failed:
            return  # its file could not be read: that error is the one to fix first
        for i, value in enumerate(values):
            if value is not None and value not in known[reg]:
                problems.error(*loc.of(obj, field, i), f"unknown {_NOUN[reg]} id `{value}`",
                               f"add `{value}` to sources/{reg}.yml, or fix the spelling here"
                               if reg != "articles" else "use the name of a file in sources/articles/ without .yml")

    _check_objects(corpus, loc, problems)

    for a in (c.meta for c in corpus.articles.values()):
        refs(a, "outlet", "outlets", [a.outlet])
        refs(a, "interviewer", "people", [a.interviewer])
        refs(a, "people", "people", a.people)
        refs(a, "events", "events", a.events)
        if not loaded.failed & {"people", "outlets"}:
            for i, o in enumerate(a.provenance.origins):
                if o not in known["people"] | known["outlets"]:
                    problems.error(*loc.of(a.provenance, "origins", i), f"unknown origin `{o}`",
                                   "origins are ids from sources/people.yml or sources/outlets.yml: "
                                   "add it there, or fix the spelling")
        for field, note in _NOTED.items():
            if getattr(a, field) is None and not getattr(a, note):
                problems.error(*loc.of(a, field), f"`{field}` is null without `{note}`",
                               f"add `{note}:` saying why it is unknown")
        if a.published_hijri:
            gregorian = hijri_to_gregorian(a.published_hijri)
            if gregorian is None:
                problems.error(*loc.of(a, "published_hijri"), f"`published_hijri` {a.published_hijri} is not a real "
                               "Hijri (Umm al-Qura) date", "check the day and month against the source")
            elif a.published != gregorian:
                problems.error(*loc.of(a, "published"), f"`published` {a.published.iso() if a.published else 'null'} "
                               f"disagrees with `published_hijri` {a.published_hijri} ({gregorian.iso()})",
                               "delete `published` (the build converts the Hijri date), or correct one of them")
        if a.title is None and not a.working_title:
            problems.error(*loc.of(a, "title"), "`title` is null without `working_title`",
                           "add `working_title:`, a descriptive title of ours shown as such")
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

    for outlet in corpus.outlets.values():
        if outlet.url is None and not outlet.note:
            problems.error(*loc.of(outlet, "url"), "`url` is null without `note`",
                           "add `note:` saying why it is unknown")

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
                problems.error(*loc.of(s, "quote"),
                               f"claim `{c.id}`: quote not found in article `{s.article}`",
                               "copy it word for word from the cleaned article text (one paragraph, no ellipsis)")
            elif found > 1:
                problems.error(*loc.of(s, "quote"),
                               f"claim `{c.id}`: quote occurs {found} times in article `{s.article}`",
                               "quote more of the sentence, so that it points at one passage")

    for w in mentions.warnings(corpus):
        problems.warn(*loc.of(corpus.articles[w.article].meta, w.field), w.message, w.hint)


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
