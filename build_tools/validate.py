"""Cross-file checks: ids, references, unknown values with notes, quotes.

Every check adds to ``problems``; nothing raises here, so one run reports
everything that is wrong.
"""

from __future__ import annotations

import re

from . import model
from .cleaning import RuleUse, unused_rules
from .ids import id_problem
from .load import Loaded
from .mentions import MentionIndex
from .problems import Problems

_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~%!$&*+,;=:@/?#-]*)?$")

# Fields that may be null only with a note saying why (invent nothing, visibly).
_NOTED = {"url": "url_note", "published": "published_note", "outlet": "outlet_note"}


def validate(corpus: model.Corpus, loaded: Loaded, rule_use: dict[str, RuleUse], mentions: MentionIndex,
             problems: Problems) -> None:
    loc = loaded.locations
    # Ids whose entries failed to load still exist: no cascade of "unknown id" errors.
    known: dict[str, set[str]] = {reg: set() for reg in ("outlets", "people", "events", "articles", "claims")}
    for reg, key in loaded.id_nodes:
        known[reg].add(key)

    for (reg, key), (path, line, col) in sorted(loaded.id_nodes.items()):
        why = id_problem(key) or ("is reserved for the index page" if key == "index" else None)
        if why:
            problems.error(path, line, col, f"id `{key}` {why}",
                           "ids become URLs: use lowercase Latin letters, digits and single hyphens")

    def refs(obj, field: str, reg: str, values: list[str | None]) -> None:
        for i, value in enumerate(values):
            if value is not None and value not in known[reg]:
                problems.error(*loc.of(obj, field, i), f"unknown {reg[:-1] if reg != 'people' else 'person'} id `{value}`",
                               f"add it to sources/{reg}.yml first, or fix the spelling"
                               if reg != "articles" else "use the name of a file in sources/articles/ without .yml")

    for a in (c.meta for c in corpus.articles.values()):
        refs(a, "outlet", "outlets", [a.outlet])
        refs(a, "interviewer", "people", [a.interviewer])
        refs(a, "people", "people", a.people)
        refs(a, "events", "events", a.events)
        origins = [o for o in a.provenance.origins if o not in known["people"] | known["outlets"]]
        for o in origins:
            path, line, col = loc.of(a.provenance, "origins", a.provenance.origins.index(o))
            problems.error(path, line, col, f"unknown origin `{o}`", "origins are people or outlet ids")
        for field, note in _NOTED.items():
            if getattr(a, field) is None and not getattr(a, note):
                problems.error(*loc.of(a, field), f"`{field}` is null without `{note}`",
                               f"add `{note}:` saying why it is unknown")
        if a.url is not None and not _URL.match(a.url):
            problems.error(*loc.of(a, "url"), f"`url` is not a plain web address: {a.url!r}",
                           "give the full https:// address, without spaces, quotes or brackets")
        if a.title is None and not a.working_title:
            problems.error(*loc.of(a, "title"), "`title` is null without `working_title`",
                           "add `working_title:`, a descriptive title of ours shown as such")
        for field in ("title", "working_title", "kicker", "subtitle"):
            if any(ch in (getattr(a, field) or "") for ch in "<>"):
                problems.error(*loc.of(a, field), f"`{field}` contains < or >", "titles are plain text: remove them")
        if a.provenance.kind == "blog-with-machine-text" and not a.provenance.machine_generated:
            problems.error(*loc.of(a.provenance, "kind"), "a blog with machine text must set `machine_generated: true`")

    for aid, use in rule_use.items():
        art = corpus.articles[aid]
        for field, value in unused_rules(art.meta.cleaning, use):
            problems.error(*loc.of(art.meta.cleaning, field), f"cleaning rule `{field}` matches nothing: {value!r}",
                           "copy the line exactly from the .txt file, or delete the rule")

    for o in corpus.outlets.values():
        if o.url is not None and not _URL.match(o.url):
            problems.error(*loc.of(o, "url"), f"`url` is not a plain web address: {o.url!r}",
                           "give the full https:// address, without spaces, quotes or brackets")
        if o.url is None and not o.note:
            problems.error(*loc.of(o, "url"), "`url` is null without `note`", "add `note:` saying why it is unknown")

    for p in corpus.people.values():
        for r in p.roles:
            _check_range(r, r.start, r.end, loc, problems)

    for e in corpus.events.values():
        refs(e, "participants", "people", e.participants)
        _check_range(e, e.start, e.end, loc, problems)

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
            if s.stance == "silent":
                continue
            if not s.quote:
                problems.error(*loc.of(s), f"claim `{c.id}`: source `{s.article}` has no quote",
                               "add `quote:` copied word for word from the article, or set stance: silent")
            elif s.article in corpus.articles and not mentions.contains(s.article, s.quote):
                problems.error(*loc.of(s, "quote"),
                               f"claim `{c.id}`: quote not found in article `{s.article}`",
                               "copy it word for word from the cleaned article text (one paragraph, no ellipsis)")

    for w in mentions.warnings(corpus):
        problems.warn(*loc.of(corpus.articles[w.article].meta, w.field), w.message, w.hint)


def _check_range(obj, start, end, loc, problems: Problems) -> None:
    if start is not None and end is not None and end.last_day() < start.first_day():
        problems.error(*loc.of(obj, "end"), f"date range ends ({end.iso()}) before it starts ({start.iso()})",
                       "swap or correct the dates")
