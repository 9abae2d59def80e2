"""validate(), in process: each check produces its error, with its message, hint and place;
what is allowed produces nothing.

Each test loads the small fixture corpus (tests/fixtures/corpus, valid as it stands), breaks
one thing in the loaded objects, and runs the same steps as the build (assemble, mention
index, validate). Objects are picked by what they are (the article with machine text, an
event with a range), not by id, so the fixture may grow. The end-to-end behaviour (the CLI,
`file:line:col`, no traceback) is tested in test_errors.py.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from build_tools.assemble import assemble
from build_tools.cache import ArticleCache
from build_tools.cleaning import RuleUse
from build_tools.load import Loaded, load_sources
from build_tools.mentions import MentionIndex
from build_tools.model import CleaningRules, Corpus, PartialDate
from build_tools.problems import Problems
from build_tools.redirects import Redirect
from build_tools.validate import _whole_words, _word_span, closest_passage, validate

FIXTURE = Path(__file__).parent / "fixtures" / "corpus"
ID_HINT = "ids become URLs: use lowercase Latin letters, digits and single hyphens"
DATE_HINT = "write the Gregorian date (a Hijri date such as 1446-06-07 is not accepted)"


@dataclasses.dataclass
class World:
    """What validate() is given: the loaded sources and what the build derives from them."""

    loaded: Loaded
    corpus: Corpus
    rule_use: dict[str, RuleUse]
    mentions: MentionIndex

    def reassemble(self) -> None:
        """Clean and index again, after a change to raw text or cleaning rules."""
        self.loaded.cache = ArticleCache(None)  # nothing from before the change
        self.corpus, self.rule_use = assemble(self.loaded)
        self.mentions = MentionIndex(self.corpus.articles, self.corpus.people)


def build(root: Path = FIXTURE) -> World:
    problems = Problems()
    loaded = load_sources(root, problems)
    assert not problems.items, problems.report()
    corpus, rule_use = assemble(loaded)
    return World(loaded, corpus, rule_use, MentionIndex(corpus.articles, corpus.people))


_PRISTINE: list[World] = []


def _roots(loaded: Loaded) -> list[object]:
    """Every object loaded from a file: the dossier, registry entries and article metadata."""
    return [*([loaded.dossier] if loaded.dossier else []),
            *(obj for reg in loaded.registries.values() for obj in reg.values()), *loaded.articles.values()]


def fresh() -> World:
    """A private copy of the fixture world. Loading, cleaning and indexing are done once per
    process and copied: fast, and it keeps each test here a test of validate() alone, which
    keeps `make mutation` short. The copies get their originals' file locations."""
    if not _PRISTINE:
        _PRISTINE.append(build())
    pristine = _PRISTINE[0]
    w = copy.deepcopy(pristine)
    for original, copied in zip(_roots(pristine.loaded), _roots(w.loaded), strict=True):
        w.loaded.locations.restore(copied, pristine.loaded.locations.export(original))
    return w


def check(w: World, reassemble: bool = False) -> Problems:
    if reassemble:
        w.reassemble()
    problems = Problems()
    validate(w.corpus, w.loaded, w.rule_use, w.mentions, problems)
    return problems


def errors(w: World, reassemble: bool = False) -> list[tuple[str, str]]:
    """(message, hint) of every error, in report order."""
    return [(p.message, p.hint) for p in check(w, reassemble).errors]


def only_error(w: World, reassemble: bool = False) -> tuple[str, str, str]:
    """The one error: (path, message, hint)."""
    problems = check(w, reassemble)
    assert len(problems.errors) == 1, problems.report()
    p = problems.errors[0]
    assert p.line >= 1 and p.col >= 1
    return p.path, p.message, p.hint


def article_path(aid: str) -> str:
    return f"sources/articles/{aid}.yml"


@pytest.fixture
def src() -> World:
    return fresh()


def articles(src):
    return list(src.loaded.articles.values())


def journalism(src):
    """An article without machine text."""
    return next(a for a in src.loaded.articles.values() if not a.provenance.machine_generated)


def with_quote(src):
    """(claim, source) of a quote that supports a claim."""
    return next((c, s) for c in src.loaded.registries["claims"].values() for s in c.sources
                if s.stance == "asserts" and s.quote and s.article in src.loaded.articles
                and not src.loaded.articles[s.article].provenance.machine_generated)


# --- nothing to report ---------------------------------------------------------

def test_the_fixture_corpus_is_valid(src):
    problems = check(src)
    assert problems.items == [], problems.report()


def test_the_real_sources_are_valid():
    problems = check(build(ROOT))
    assert problems.errors == [], problems.report()


# --- ids -------------------------------------------------------------------------

def test_an_id_that_is_not_kebab_case_is_an_error_at_its_key(src):
    src.loaded.id_nodes[("people", "Bad_Id")] = ("sources/people.yml", 7, 3)
    problems = check(src)
    [p] = problems.errors
    assert (p.path, p.line, p.col) == ("sources/people.yml", 7, 3)
    assert p.message.startswith("id `Bad_Id` is not lowercase Latin kebab-case")
    assert p.hint == ID_HINT


def test_index_is_a_reserved_id(src):
    src.loaded.id_nodes[("events", "index")] = ("sources/events.yml", 2, 1)
    assert only_error(src) == ("sources/events.yml", "id `index` is reserved for the index page", ID_HINT)


def test_ids_with_a_path_separator_are_refused(src):
    src.loaded.id_nodes[("outlets", "a/b")] = ("sources/outlets.yml", 1, 1)
    assert only_error(src) == ("sources/outlets.yml", "id `a/b` contains a path separator", ID_HINT)


def test_every_bad_id_is_reported_in_order(src):
    src.loaded.id_nodes[("people", "Zed")] = ("sources/people.yml", 9, 1)
    src.loaded.id_nodes[("claims", "index")] = ("sources/claims.yml", 3, 1)
    src.loaded.id_nodes[("people", "good-one")] = ("sources/people.yml", 5, 1)
    assert [(p.path, p.line) for p in check(src).errors] == [("sources/claims.yml", 3), ("sources/people.yml", 9)]


# --- references --------------------------------------------------------------------

@pytest.mark.parametrize("field,reg,noun", [("outlet", "outlets", "outlet"), ("interviewer", "people", "person")])
def test_unknown_single_reference_in_an_article(src, field, reg, noun):
    a = articles(src)[0]
    setattr(a, field, "no-such-id")
    assert only_error(src) == (article_path(a.id), f"unknown {noun} id `no-such-id`",
                               f"add `no-such-id` to sources/{reg}.yml, or correct or remove this reference")


@pytest.mark.parametrize("field,reg,noun", [("people", "people", "person"), ("events", "events", "event")])
def test_unknown_list_reference_in_an_article(src, field, reg, noun):
    a = articles(src)[0]
    getattr(a, field).append("no-such-id")
    assert only_error(src) == (article_path(a.id), f"unknown {noun} id `no-such-id`",
                               f"add `no-such-id` to sources/{reg}.yml, or correct or remove this reference")


def test_unknown_participant_of_an_event(src):
    e = next(iter(src.loaded.registries["events"].values()))
    e.participants.append("nobody")
    assert only_error(src) == ("sources/events.yml", "unknown person id `nobody`",
                               "add `nobody` to sources/people.yml, or correct or remove this reference")


@pytest.mark.parametrize("field,reg,noun", [("people", "people", "person"), ("events", "events", "event")])
def test_unknown_reference_in_a_claim(src, field, reg, noun):
    c = next(iter(src.loaded.registries["claims"].values()))
    getattr(c, field).append("nobody")
    assert only_error(src) == ("sources/claims.yml", f"unknown {noun} id `nobody`",
                               f"add `nobody` to sources/{reg}.yml, or correct or remove this reference")


def test_unknown_article_of_a_claim_source_skips_the_quote_check(src):
    _, s = with_quote(src)
    s.article = "no-such-article"
    assert only_error(src) == ("sources/claims.yml", "unknown article id `no-such-article`",
                               "use the name of a file in sources/articles/ without .yml, or remove this source")


def test_null_references_are_not_unknown(src):
    a = journalism(src)
    a.interviewer = None
    assert errors(src) == []


def test_an_entry_that_failed_to_load_still_counts_as_known(src):
    # its own error is reported where it is; references to it are not errors too
    pid = articles(src)[0].people[0]
    del src.loaded.registries["people"][pid]
    assert not [m for m, _ in errors(src) if m.startswith("unknown")]


@pytest.mark.parametrize("reg,field", [("people", "people"), ("events", "events"), ("outlets", "outlet")])
def test_no_reference_errors_for_a_registry_that_could_not_be_read(src, reg, field):
    a = journalism(src)
    if field == "outlet":
        a.outlet = "no-such-id"
    else:
        getattr(a, field).append("no-such-id")
    src.loaded.failed.add(reg)
    assert not [m for m, _ in errors(src) if m.startswith("unknown")]


# --- origins -----------------------------------------------------------------------

def test_unknown_origin(src):
    a = articles(src)[0]
    a.provenance.origins.append("nobody")
    assert only_error(src) == (article_path(a.id), "unknown origin `nobody`",
                               "origins are ids from sources/people.yml or sources/outlets.yml: "
                               "add it there, or correct or remove this origin")


def test_origins_may_be_people_or_outlets(src):
    a = journalism(src)
    a.provenance.origins[:] = [next(iter(src.loaded.registries["outlets"])), next(iter(src.loaded.registries["people"]))]
    assert not [m for m, _ in errors(src) if "origin" in m]


@pytest.mark.parametrize("failed", ["people", "outlets"])
def test_no_origin_errors_when_people_or_outlets_could_not_be_read(src, failed):
    articles(src)[0].provenance.origins.append("nobody")
    src.loaded.failed.add(failed)
    assert not [m for m, _ in errors(src) if "origin" in m]


# --- unknown values need a note ----------------------------------------------------

@pytest.mark.parametrize("field,note", [("url", "url_note"), ("published", "published_note"), ("outlet", "outlet_note")])
def test_null_without_its_note(src, field, note):
    a = journalism(src)
    setattr(a, field, None)
    setattr(a, note, None)
    assert only_error(src) == (article_path(a.id), f"`{field}` is null without `{note}`",
                               f"add `{note}:` saying why it is unknown")
    setattr(a, note, "لا يذكره المصدر")
    assert errors(src) == []


def test_null_title_needs_a_working_title(src):
    a = journalism(src)
    a.title, a.working_title = None, None
    assert only_error(src) == (article_path(a.id), "`title` is null without `working_title`",
                               "add `working_title:`, a descriptive title of ours shown as such")
    a.working_title = "عنوان وصفي"
    assert errors(src) == []


def test_outlet_without_url_needs_a_note(src):
    o = next(iter(src.loaded.registries["outlets"].values()))
    o.url, o.note = None, None
    assert only_error(src) == ("sources/outlets.yml", "`url` is null without `note`",
                               "add `note:` saying why it is unknown")
    o.note = "لا موقع معروفاً"
    assert errors(src) == []


# --- machine text --------------------------------------------------------------------

DISAGREE = ("`provenance.machine_generated` disagrees with `cleaning.machine_generated`",
            "mark the machine text with `cleaning: machine_generated: {start: …, end: …}` "
            "(its first and last lines) and set `machine_generated: true`, or neither")


def test_a_blog_with_machine_text_must_say_so(src):
    a = next(a for a in src.loaded.articles.values() if a.provenance.kind == "blog-with-machine-text")
    a.provenance.machine_generated = False
    assert errors(src) == [("a blog with machine text must set `machine_generated: true`",
                            "add `machine_generated: true` under provenance"), DISAGREE]


def test_machine_flag_without_a_machine_span(src):
    a = journalism(src)
    a.provenance.machine_generated = True
    path, message, hint = only_error(src)
    assert (path, message, hint) == (article_path(a.id), *DISAGREE)


def test_machine_span_without_the_machine_flag(src):
    a = next(a for a in src.loaded.articles.values() if a.cleaning.machine_generated)
    a.provenance.kind = "unnamed-sources"
    a.provenance.machine_generated = False
    assert errors(src) == [DISAGREE]


# --- cleaning rules ---------------------------------------------------------------------

@pytest.mark.parametrize("field,value", [("drop_lines", "سطر لا يوجد"), ("headings", "عنوان لا يوجد"),
                                         ("truncate_at", "بداية لا توجد")])
def test_a_cleaning_rule_that_matches_nothing(src, field, value):
    a = journalism(src)
    if field == "truncate_at":
        a.cleaning.truncate_at = value
    else:
        getattr(a.cleaning, field).append(value)
    assert only_error(src, reassemble=True) == (article_path(a.id), f"cleaning rule `{field}` matches nothing: {value!r}",
                               "copy the line exactly from the .txt file, or delete the rule")


# --- date ranges -------------------------------------------------------------------------

def role_with_range(src):
    return next(r for p in src.loaded.registries["people"].values() for r in p.roles if r.start and r.end)


@pytest.mark.parametrize("start,end,ok", [
    (PartialDate(2024, 12, 2), PartialDate(2024, 12, 1), False),
    (PartialDate(2024, 12, 1), PartialDate(2024, 12, 1), True),  # one day
    (PartialDate(2024, 12, 31), PartialDate(2024, 12), True),  # ends within its month
    (PartialDate(2024, 12), PartialDate(2024, 12, 1), True),  # the month's first day
    (PartialDate(2024, 12), PartialDate(2024, 11), False),
    (PartialDate(2024), PartialDate(2024, 1, 1), True),
    (PartialDate(2025), PartialDate(2024), False),
])
def test_role_and_event_ranges(src, start, end, ok):
    r = role_with_range(src)
    r.start, r.end = start, end
    e = next(iter(src.loaded.registries["events"].values()))
    e.start, e.end = start, end
    want = [] if ok else [("sources/events.yml", f"date range ends ({end.iso()}) before it starts ({start.iso()})",
                           "swap or correct the dates"),
                          ("sources/people.yml", f"date range ends ({end.iso()}) before it starts ({start.iso()})",
                           "swap or correct the dates")]
    assert [(p.path, p.message, p.hint) for p in check(src).errors if "range" in p.message] == want


def test_open_ranges_are_fine(src):
    r = role_with_range(src)
    r.end = None
    r2 = next(r2 for p in src.loaded.registries["people"].values() for r2 in p.roles if r2 is not r)
    r2.start, r2.end = None, PartialDate(1990)
    assert errors(src) == []


# --- event certainty and inferred dates ----------------------------------------------

def covered_event(src):
    """An event some article covers, with the origins of those articles."""
    for eid, e in src.loaded.registries["events"].items():
        arts = [a for a in src.loaded.articles.values() if eid in a.events]
        if arts:
            return e, sorted({o for a in arts for o in a.provenance.origins})
    raise AssertionError("the fixture has no covered event")


def test_a_disputed_event_needs_a_date_note(src):
    e, _ = covered_event(src)
    e.certainty, e.date_note = "disputed", None
    e.date_inferred = False
    assert only_error(src) == ("sources/events.yml", f"event `{e.id}` is disputed without `date_note`",
                               "add `date_note:` saying which sources give which date")
    e.date_note = "تختلف المصادر"
    assert errors(src) == []


@pytest.mark.parametrize("written", ["confirmed", "reported"])
def test_a_certainty_that_contradicts_the_origins(src, written):
    e, origins = covered_event(src)
    derived = "confirmed" if len(origins) >= 2 else "reported"
    e.certainty = written
    if written == derived:
        assert errors(src) == []
        return
    assert only_error(src) == (
        "sources/events.yml",
        f"event `{e.id}`: certainty `{written}` contradicts its {len(origins)} independent origin(s) "
        f"({', '.join(origins) or 'none'}), which make it `{derived}`",
        "delete the `certainty:` line (the build derives it), or fix the articles' origins")


def test_certainty_of_an_event_no_article_covers(src):
    covered = {eid for a in src.loaded.articles.values() for eid in a.events}
    e = next(e for eid, e in src.loaded.registries["events"].items() if eid not in covered)
    e.certainty = "confirmed"
    assert only_error(src)[1] == (f"event `{e.id}`: certainty `confirmed` contradicts its 0 independent origin(s) "
                                  "(none), which make it `reported`")
    e.certainty = "reported"
    assert errors(src) == []


def test_an_inferred_date_needs_a_note(src):
    e = next(iter(src.loaded.registries["events"].values()))
    e.date_inferred, e.date_note, e.certainty = True, None, None
    assert only_error(src) == ("sources/events.yml", f"event `{e.id}`: inferred date without `date_note`",
                               "add `date_note:` saying how the date was worked out")
    e.date_inferred = False
    assert errors(src) == []


# --- claims: sources, stances, quotes --------------------------------------------------

def test_an_article_listed_twice_in_a_claim(src):
    c = next(c for c in src.loaded.registries["claims"].values() if len(c.sources) >= 2)
    first, second = c.sources[0], c.sources[1]
    second.article, second.stance, second.quote, second.value = first.article, "silent", None, None
    assert only_error(src) == ("sources/claims.yml", f"claim `{c.id}` lists article `{first.article}` twice",
                               "merge the two entries")


def test_different_value_needs_the_value(src):
    c, s = with_quote(src)
    s.stance, s.value = "different-value", None
    assert only_error(src) == ("sources/claims.yml",
                               f"claim `{c.id}`: `different-value` from `{s.article}` without `value`",
                               "add `value:` with the other date, name or figure this source gives")
    s.value = "28 تشرين الثاني"
    assert errors(src) == []


@pytest.mark.parametrize("stance", ["contradicts", "silent"])
def test_only_asserting_or_different_sources_give_a_value(src, stance):
    c, s = with_quote(src)
    s.stance, s.value = stance, "قيمة"
    assert only_error(src) == ("sources/claims.yml", f"claim `{c.id}`: `{stance}` from `{s.article}` with a `value`",
                               "a source that gives another value is `different-value`; silence is `silent`, "
                               "with no value")


def test_an_asserting_source_may_give_the_value(src):
    _, s = with_quote(src)
    s.value = "26 تشرين الثاني 2024"
    assert errors(src) == []


def test_a_silent_source_needs_no_quote(src):
    _, s = with_quote(src)
    s.stance, s.quote, s.value = "silent", None, None
    assert errors(src) == []


@pytest.mark.parametrize("stance", ["asserts", "contradicts"])
def test_a_source_that_speaks_needs_a_quote(src, stance):
    c, s = with_quote(src)
    s.stance, s.quote, s.value = stance, None, None
    assert only_error(src) == ("sources/claims.yml", f"claim `{c.id}`: source `{s.article}` has no quote",
                               "add `quote:` copied word for word from the article, or set stance: silent")
    s.quote = ""
    assert only_error(src)[1] == f"claim `{c.id}`: source `{s.article}` has no quote"


SHORT_HINT = "quote the whole statement: at least 4 words and 20 characters"


@pytest.mark.parametrize("quote,short", [
    ("أ ب ج د", True),  # 4 words, 7 characters
    ("الكلمةالأولى الكلمةالثانية الكلمةالثالثة", True),  # 3 words, 40 characters
    ("قالت هنا وهناك أيضاً", False),  # 4 words, exactly 20 characters
    ("قال هنا وهناك أيضاً", True),  # 4 words, 19 characters
    ("  قال   هنا  وهناك   أيضاً  ", True),  # spaces do not count
    ("واحد اثنان ثلاثة", True),
])
def test_a_quote_must_be_long_enough_to_be_evidence(src, quote, short):
    assert len(" ".join(quote.split())) == 20 or short
    c, s = with_quote(src)
    s.quote = quote
    if short:
        assert only_error(src) == ("sources/claims.yml",
                                   f"claim `{c.id}`: quote from `{s.article}` is too short to be evidence", SHORT_HINT)
    else:  # long enough: then it must be found
        assert only_error(src)[1].startswith(f"claim `{c.id}`: quote not found in article `{s.article}`; ")


def test_a_quote_not_in_the_article(src):
    c, s = with_quote(src)
    s.quote = s.quote + " وأضاف كلاماً لم يقله"
    path, message, hint = only_error(src)
    assert path == "sources/claims.yml"
    # the passage the quote came from, and where the quote leaves it
    assert message.startswith(f"claim `{c.id}`: quote not found in article `{s.article}`; closest passage: «")
    assert message.endswith("», where the quote has «وأضاف كلاماً» and the article «لكن»"), message
    assert hint == ("copy it word for word from the cleaned article text (one paragraph, no ellipsis; "
                    f"make explain TXT=sources/articles/{s.article}.txt shows the text)")


def test_a_quote_is_found_whatever_its_line_breaks(src):
    _, s = with_quote(src)
    s.quote = "\n  ".join(s.quote.split(" "))
    assert errors(src) == []


def test_a_quote_must_point_at_one_passage(src):
    c, s = with_quote(src)
    src.loaded.raw[s.article] = f"وفي رواية أخرى: {s.quote} كما قيل.\n" + src.loaded.raw[s.article]
    assert only_error(src, reassemble=True) == ("sources/claims.yml", f"claim `{c.id}`: quote occurs 2 times in article `{s.article}`",
                               "quote more of the sentence, so that it points at one passage")


# --- dates in the dossier's window; nothing listed twice -----------------------------

@pytest.mark.parametrize("value,shown,ok", [
    (PartialDate(1446, 6, 7), "1446-06-07", False),  # a Hijri date written as ISO
    (PartialDate(1899, 12, 31), "1899-12-31", False),
    (PartialDate(1900, 1, 1), "1900-01-01", True),
    (PartialDate(1899), "1899", False),
    (PartialDate(1900), "1900", True),
    (PartialDate(2099, 12, 31), "2099-12-31", True),
    (PartialDate(2100, 1, 1), "2100-01-01", False),
    (PartialDate(2099, 12), "2099-12", True),
    (PartialDate(2100, 1), "2100-01", False),
])
def test_published_dates_outside_the_window(src, value, shown, ok):
    a = journalism(src)
    a.published = value
    got = errors(src)
    assert got == ([] if ok else [(f"`published` {shown} is outside the dossier's dates (1900–2099)", DATE_HINT)])


@pytest.mark.parametrize("day,ok", [(dt.date(1899, 12, 31), False), (dt.date(1900, 1, 1), True),
                                    (dt.date(2099, 12, 31), True), (dt.date(2100, 1, 1), False)])
def test_added_dates_outside_the_window(src, day, ok):
    a = journalism(src)
    a.added = day
    got = errors(src)
    assert got == ([] if ok else [(f"`added` {day.isoformat()} is outside the dossier's dates (1900–2099)",
                                   DATE_HINT)])


def test_dates_inside_nested_objects_are_checked_too(src):
    r = role_with_range(src)
    r.start = PartialDate(1800)
    c = next(c for c in src.loaded.registries["claims"].values() if c.changes)
    c.changes[0].date = dt.date(2200, 1, 1)
    got = check(src).errors
    assert sorted((p.path, p.message) for p in got) == [
        ("sources/claims.yml", "`date` 2200-01-01 is outside the dossier's dates (1900–2099)"),
        ("sources/people.yml", "`start` 1800 is outside the dossier's dates (1900–2099)")]


def test_an_event_date_outside_the_window(src):
    e = next(e for e in src.loaded.registries["events"].values() if e.end is None)
    e.start = PartialDate(1446, 6)
    assert only_error(src) == ("sources/events.yml", "`start` 1446-06 is outside the dossier's dates (1900–2099)",
                               DATE_HINT)


def test_an_id_listed_twice(src):
    a = articles(src)[0]
    pid = a.people[0]
    a.people.append(pid)
    assert only_error(src) == (article_path(a.id), f"`{pid}` is listed twice in `people`", "delete the second one")
    a.people.append(pid)
    assert [m for m, _ in errors(src)] == [f"`{pid}` is listed twice in `people`"] * 2


def test_repeats_in_any_list_of_any_source_are_reported(src):
    e = next(e for e in src.loaded.registries["events"].values() if e.participants)
    e.participants.append(e.participants[0])
    p = next(p for p in src.loaded.registries["people"].values() if p.variants)
    p.variants.append(p.variants[0])
    a = next(a for a in src.loaded.articles.values() if a.provenance.origins)
    a.provenance.origins.append(a.provenance.origins[0])
    src.loaded.dossier.intro.append(src.loaded.dossier.intro[0])
    got = sorted((p.path, p.message) for p in check(src).errors)
    want = [("sources/dossier.yml", f"`{src.loaded.dossier.intro[0]}` is listed twice in `intro`"),
            ("sources/events.yml", f"`{e.participants[0]}` is listed twice in `participants`"),
            ("sources/people.yml", f"`{p.variants[0]}` is listed twice in `variants`"),
            (article_path(a.id), f"`{a.provenance.origins[0]}` is listed twice in `origins`")]
    assert got == sorted(want)


def test_different_entries_in_a_list_are_fine(src):
    a = articles(src)[0]
    other = next(p for p in src.loaded.registries["people"] if p not in a.people)
    a.people.append(other)
    assert errors(src) == []  # listed, not mentioned: a warning only


# --- warnings, not errors ---------------------------------------------------------------

def test_a_listed_person_never_mentioned_is_a_warning_on_the_article(src):
    a = articles(src)[0]
    other = next(p for p in src.loaded.registries["people"] if p not in a.people)
    a.people.append(other)
    problems = check(src)
    assert problems.errors == []
    assert [(w.path, w.message, w.hint) for w in problems.warnings] == [
        (article_path(a.id), f"article lists `{other}` but never mentions it",
         "remove it, or add the spelling the article uses to its variants")]


def test_a_mentioned_person_not_listed_is_a_warning_on_the_article(src):
    a = next(a for a in src.loaded.articles.values() if a.people and a.interviewer not in a.people)
    pid = a.people.pop(0)
    problems = check(src)
    assert problems.errors == []
    assert [(w.path, w.message) for w in problems.warnings] == [
        (article_path(a.id), f"article mentions `{pid}` but does not list it in `people`")]


# --- where each error points: the line of the field or list item at fault ------------------

def line_of(path: str, needle: str, after: str = "", root: Path = FIXTURE) -> int:
    """1-based line of the fixture file holding ``needle``, the first one after the line holding ``after``."""
    lines = (root / path).read_text("utf-8").splitlines()
    start = next(i for i, text in enumerate(lines) if after in text) if after else 0
    return next(i for i, text in enumerate(lines) if i >= start and needle in text) + 1


def where(w: World, message_start: str, reassemble: bool = False) -> tuple[str, int]:
    found = [(p.path, p.line) for p in check(w, reassemble).errors if p.message.startswith(message_start)]
    assert len(found) == 1, (message_start, check(w).report())
    return found[0]


RELAY = "reuters-relay-excerpt"
RELAY_YML = f"sources/articles/{RELAY}.yml"


def relay(w: World):
    return w.loaded.articles[RELAY]


def test_errors_in_an_article_point_at_the_field_or_item():
    cases = [
        (lambda a: setattr(a, "outlet", "nobody"), "unknown outlet id", "outlet:"),
        (lambda a: a.events.__setitem__(1, "nobody"), "unknown event id", "  - assad-flees-to-moscow"),
        (lambda a: a.events.__setitem__(1, a.events[0]), "`assad-trip-to-moscow` is listed twice", "  - assad-flees"),
        (lambda a: a.provenance.origins.__setitem__(0, "nobody"), "unknown origin", "origins: [reuters]"),
        (lambda a: setattr(a, "url_note", None), "`url` is null without", "url: null"),
        (lambda a: setattr(a, "title", None) or setattr(a, "working_title", None), "`title` is null", "title: null"),
        (lambda a: setattr(a, "published", PartialDate(1899)), "`published` 1899 is outside", "published:"),
        (lambda a: setattr(a, "added", dt.date(2200, 1, 1)), "`added` 2200-01-01 is outside", "added:"),
        (lambda a: setattr(a.provenance, "kind", "blog-with-machine-text"), "a blog with machine text", "kind:"),
    ]
    for change, message, needle in cases:
        w = fresh()
        change(relay(w))
        assert where(w, message) == (RELAY_YML, line_of(RELAY_YML, needle)), message


def test_an_unused_cleaning_rule_points_at_the_rule():
    w = fresh()
    relay(w).cleaning.truncate_at = "سطر لا يوجد"
    assert where(w, "cleaning rule `truncate_at`", reassemble=True) == (RELAY_YML, line_of(RELAY_YML, "truncate_at:"))


def test_errors_in_the_registries_point_at_the_field_or_item():
    people, events, claims = "sources/people.yml", "sources/events.yml", "sources/claims.yml"

    def person(w):
        return w.loaded.registries["people"]["bashar-al-assad"]

    def event(w, eid="assad-trip-to-moscow"):
        return w.loaded.registries["events"][eid]

    def claim(w):
        return w.loaded.registries["claims"]["moscow-trip-date"]

    cases = [
        (lambda w: setattr(person(w).roles[0], "end", PartialDate(1999)), "date range ends", people,
         'end: "2024-12-08"', "bashar-al-assad:"),
        (lambda w: setattr(person(w).roles[0], "start", PartialDate(1800)), "`start` 1800 is outside", people,
         'start: "2000-07-17"', "bashar-al-assad:"),
        (lambda w: person(w).variants.__setitem__(1, person(w).variants[0]), "`الأسد` is listed twice", people,
         '- "بشار"', "bashar-al-assad:"),
        (lambda w: setattr(event(w), "end", PartialDate(2024, 11, 1)), "date range ends", events, "end:",
         "assad-trip-to-moscow:"),
        (lambda w: setattr(event(w), "date_note", None), "event `assad-trip-to-moscow` is disputed", events,
         "certainty:", "assad-trip-to-moscow:"),
        (lambda w: event(w).participants.__setitem__(1, "nobody"), "unknown person id `nobody`", events,
         "- kamel-saqr", "assad-trip-to-moscow:"),
        (lambda w: setattr(event(w, "araghchi-visits-ankara"), "date_note", None), "event `araghchi-visits-ankara`: "
         "inferred", events, "date_inferred:", "araghchi-visits-ankara:"),
        (lambda w: claim(w).people.__setitem__(1, "nobody"), "unknown person id `nobody`", claims,
         "- vladimir-putin", "moscow-trip-date:"),
        (lambda w: setattr(claim(w).changes[0], "date", dt.date(2200, 1, 1)), "`date` 2200-01-01", claims,
         '- date: "2026-11-22"', "moscow-trip-date:"),
        (lambda w: setattr(claim(w).sources[1], "value", None), "claim `moscow-trip-date`: `different-value`", claims,
         "stance: different-value", "moscow-trip-date:"),
        (lambda w: setattr(claim(w).sources[0], "stance", "contradicts"), "claim `moscow-trip-date`: `contradicts`",
         claims, 'value: "26', "moscow-trip-date:"),
        (lambda w: setattr(claim(w).sources[0], "quote", None), "claim `moscow-trip-date`: source", claims,
         "- article: saqr-podcast-excerpt", "moscow-trip-date:"),
        (lambda w: setattr(claim(w).sources[0], "quote", "أشار صقر إلى"), "claim `moscow-trip-date`: quote from",
         claims, "quote: \"أشار صقر", "moscow-trip-date:"),
        (lambda w: setattr(claim(w).sources[1], "article", "saqr-podcast-excerpt"), "claim `moscow-trip-date` lists",
         claims, "- article: reuters-relay-excerpt", "moscow-trip-date:"),
    ]
    for change, message, path, needle, after in cases:
        w = fresh()
        change(w)
        assert where(w, message) == (path, line_of(path, needle, after)), message


def test_an_id_error_points_at_its_key():
    w = fresh()
    w.loaded.registries["people"]["Bashar"] = w.loaded.registries["people"]["bashar-al-assad"]
    w.loaded.id_nodes[("people", "Bashar")] = ("sources/people.yml", 12, 1)
    problems = check(w)
    assert [(p.path, p.line, p.col) for p in problems.errors if p.message.startswith("id `Bashar`")] == [
        ("sources/people.yml", 12, 1)]


# --- unknown ids: a likely spelling, renames, and where else the id is used ---------------

def unknown(w: World, value: str) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.hint) for p in check(w).errors if f"`{value}`" in p.message and "unknown" in p.message]


def test_an_unknown_id_close_to_a_known_one_suggests_it():
    w = fresh()
    relay(w).people[0] = "bashar-al-asad"
    [(_, _, hint)] = unknown(w, "bashar-al-asad")
    assert hint == ("add `bashar-al-asad` to sources/people.yml, or correct or remove this reference; "
                    "did you mean `bashar-al-assad`?")
    w = fresh()
    relay(w).provenance.origins[0] = "reuter"
    [(_, _, hint)] = unknown(w, "reuter")
    assert hint.endswith("; did you mean `reuters`?")
    w = fresh()
    relay(w).people[0] = "zzz"
    [(_, _, hint)] = unknown(w, "zzz")
    assert "did you mean" not in hint


def test_an_unknown_id_says_where_else_it_is_used():
    w = fresh()
    relay(w).people[0] = "nobody-here"
    w.loaded.registries["claims"]["moscow-trip-date"].people[1] = "nobody-here"
    got = unknown(w, "nobody-here")
    claim_line = line_of("sources/claims.yml", "- vladimir-putin", "moscow-trip-date:")
    relay_line = line_of(RELAY_YML, "- bashar-al-assad")
    base = "add `nobody-here` to sources/people.yml, or correct or remove this reference"
    assert sorted(got) == [
        (RELAY_YML, relay_line, f"{base}; `nobody-here` is also used at sources/claims.yml:{claim_line}"),
        ("sources/claims.yml", claim_line, f"{base}; `nobody-here` is also used at {RELAY_YML}:{relay_line}")]


def test_an_unknown_id_used_in_many_places_lists_three_and_counts_the_rest():
    w = fresh()
    for a in w.loaded.articles.values():
        a.events[0] = "no-event"
    for e in w.loaded.registries["claims"].values():
        e.events[0] = "no-event"
    got = unknown(w, "no-event")
    assert len(got) == len(w.loaded.articles) + len(w.loaded.registries["claims"]) == 5
    for _, _, hint in got:
        assert hint.count("sources/") == 1 + 3 and hint.endswith(" and 1 more place(s)")


def test_an_id_renamed_in_redirects_says_its_new_name():
    w = fresh()
    w.loaded.redirects.append(Redirect("people", "bashar", "bashar-al-assad", ("sources/redirects.yml", 2, 3),
                                       ("sources/redirects.yml", 2, 11)))
    relay(w).people[0] = "bashar"
    assert unknown(w, "bashar") == [(RELAY_YML, line_of(RELAY_YML, "- bashar-al-assad"),
                                     "`bashar` was renamed to `bashar-al-assad` (sources/redirects.yml): "
                                     "write `bashar-al-assad`")]


def test_references_from_entries_that_failed_to_load_are_checked_too():
    w = fresh()
    w.loaded.orphan_refs.append(("people", "nobody", "sources/events.yml", 40, 7))
    w.loaded.orphan_refs.append(("people", "bashar-al-assad", "sources/events.yml", 41, 7))
    assert [(p.path, p.line, p.col, p.message) for p in check(w).errors] == [
        ("sources/events.yml", 40, 7, "unknown person id `nobody`")]


# --- Hijri dates --------------------------------------------------------------------------

def test_a_hijri_date_must_exist_and_agree_with_the_gregorian_one():
    w = fresh()
    a = relay(w)
    a.published_hijri, a.published = "1446-06-07", PartialDate(2024, 12, 8)
    assert errors(w) == []
    a.published = PartialDate(2024, 12, 9)
    assert only_error(w) == (RELAY_YML, "`published` 2024-12-09 disagrees with `published_hijri` 1446-06-07 "
                                        "(2024-12-08)",
                             "delete `published` (the build converts the Hijri date), or correct one of them")
    assert where(w, "`published` 2024-12-09 disagrees") == (RELAY_YML, line_of(RELAY_YML, "published:"))
    a.published = None
    assert errors(w)[0][0] == "`published` null disagrees with `published_hijri` 1446-06-07 (2024-12-08)"
    a.published_hijri = "1446-13-40"
    a.published = PartialDate(2024, 12)
    assert only_error(w) == (RELAY_YML, "`published_hijri` 1446-13-40 is not a real Hijri (Umm al-Qura) date",
                             "check the day and month against the source")


# --- kept lines that look like site chrome: warned about, on the raw file ---------------

def test_suspect_lines_are_warnings_on_the_raw_file():
    w = fresh()
    long = "ك" * 100
    w.rule_use[RELAY].suspects = [(3, "looks like a menu", "الرئيسية"), (9, "a long line", long)]
    problems = check(w)
    assert problems.errors == []
    hint = (f"add it to cleaning.drop_lines in sources/articles/{RELAY}.yml if it is not journalism "
            "(to cleaning.headings if it is a subheading, to cleaning.keep_lines if it is text)")
    assert [(p.path, p.line, p.col, p.message, p.hint) for p in problems.warnings] == [
        (f"sources/articles/{RELAY}.txt", 3, 1, "line looks like site boilerplate (looks like a menu): «الرئيسية»", hint),
        (f"sources/articles/{RELAY}.txt", 9, 1, f"line looks like site boilerplate (a long line): «{long[:79]}…»", hint)]
    w.rule_use[RELAY].suspects = [(4, "x", "ك" * 80)]
    assert [p.message for p in check(w).warnings] == [f"line looks like site boilerplate (x): «{'ك' * 80}»"]


# --- the closest passage, shown when a quote is not found -------------------------------

def test_closest_passage_shows_the_first_difference():
    paragraphs = ["نص آخر لا علاقة له.", "قال بشار الأسد إنه سيبقى في دمشق حتى النهاية.", "فقرة ثالثة."]
    assert closest_passage(paragraphs, "قال بشار  الأسد إنه سيبقى في حلب حتى النهاية.") == (
        "قال بشار الأسد إنه سيبقى في دمشق حتى النهاية.", "حلب", "دمشق")


def test_closest_passage_of_an_unrelated_or_identical_quote_is_none():
    assert closest_passage(["قال بشار الأسد إنه سيبقى."], "كلام مختلف تماماً عن أي شيء هنا") is None
    assert closest_passage(["قال بشار الأسد إنه سيبقى."], "قال بشار الأسد إنه سيبقى.") is None
    assert closest_passage([], "قال بشار الأسد إنه سيبقى.") is None


def test_a_missing_dossier_is_left_to_the_loader():
    # dossier.yml that could not be read has its own error; validate() checks everything else
    w = fresh()
    w.corpus.dossier = None
    assert check(w).errors == []


LEAD = "قال المتحدث باسم الرئاسة في بيان طويل نشرته الوكالة الرسمية صباح اليوم إن الرئيس "
TAIL = " سيبقى في العاصمة حتى نهاية الأسبوع المقبل وإن الاجتماعات ستستمر كما هو مخطط لها منذ أسابيع طويلة مضت."


def test_closest_passage_of_a_long_quote_is_cut_around_the_difference():
    got = closest_passage(["فقرة أخرى لا علاقة لها بشيء.", LEAD + "بشار" + TAIL], LEAD + "حافظ" + TAIL)
    assert got == ("…الرئاسة في بيان طويل نشرته الوكالة الرسمية صباح اليوم إن الرئيس بشار سيبقى في العاصمة "
                   "حتى نهاية الأسبوع المقبل وإن الاجتماعات ستستمر…", "حافظ", "بشار")


def test_closest_passage_of_a_quote_that_runs_past_the_paragraph():
    assert closest_passage(["قال بشار الأسد إنه سيبقى في دمشق."], "قال بشار الأسد إنه سيبقى في دمشق حتى النهاية.") == (
        "قال بشار الأسد إنه سيبقى في دمشق.", "دمشق حتى النهاية.", "دمشق.")


def test_closest_passage_picks_the_closest_paragraph_and_whole_words():
    paragraphs = ["أ ب ج د", "قال بشار الأسد إنه سيبقى في دمشق.", "قال بشار كلاماً آخر في مكان آخر تماماً."]
    assert closest_passage(paragraphs, "قال بشار الأسد إنه باق في دمشق.") == (
        "قال بشار الأسد إنه سيبقى في دمشق.", "باق", "سيبقى")
    assert closest_passage(paragraphs, "قال  بشار\nالأسد إنه باق في دمشق.")[1:] == ("باق", "سيبقى")


def test_a_quote_not_found_names_the_closest_passage_or_says_there_is_none():
    w = fresh()
    c, s = with_quote(w)
    s.quote = s.quote.replace(s.quote.split()[3], "كلمةمختلفة", 1)
    message = check(w).errors[0].message
    assert message.startswith(f"claim `{c.id}`: quote not found in article `{s.article}`; closest passage: «")
    assert "», where the quote has «كلمةمختلفة» and the article «" in message
    s.quote = "كلام لا يشبه أي شيء في هذه المادة على الإطلاق"
    assert check(w).errors[0].message == (f"claim `{c.id}`: quote not found in article `{s.article}`; "
                                          "no passage of the article is close to it")
    assert check(w).errors[0].hint == ("copy it word for word from the cleaned article text (one paragraph, no "
                                       f"ellipsis; make explain TXT=sources/articles/{s.article}.txt shows the text)")


# --- where each error points, to the column: the value, not the entry that holds it -----------
# An entry's own place is its first key: a field on that line (`- article: …`, `kind:` first under
# `provenance:`) differs from it only by its column.

def place(path: str, text: str, after: str = "", root: Path = FIXTURE) -> tuple[str, int, int]:
    """(path, line, column) of ``text`` in a fixture file: on the first line after ``after`` holding it."""
    line = line_of(path, text, after, root)
    return path, line, (root / path).read_text("utf-8").splitlines()[line - 1].index(text) + 1


def at(w: World, message_start: str, reassemble: bool = False) -> tuple[str, int, int]:
    """(path, line, column) of the one error whose message starts with ``message_start``."""
    found = [(p.path, p.line, p.col) for p in check(w, reassemble).errors if p.message.startswith(message_start)]
    assert len(found) == 1, (message_start, check(w).report())
    return found[0]


CLAIMS = "sources/claims.yml"
TRIP = "moscow-trip-date:"


def trip_claim(w: World):
    return w.loaded.registries["claims"]["moscow-trip-date"]


def test_an_error_on_a_field_that_opens_its_entry_points_at_its_value():
    w = fresh()
    relay(w).provenance.kind = "blog-with-machine-text"
    assert at(w, "a blog with machine text") == place(RELAY_YML, "wire-report-relayed")
    w = fresh()
    relay(w).cleaning.truncate_at = "سطر لا يوجد"
    assert at(w, "cleaning rule `truncate_at`", reassemble=True) == place(RELAY_YML, '"كلمات دلالية:"')
    w = fresh()
    trip_claim(w).sources[0].article = "no-such-article"
    assert at(w, "unknown article id `no-such-article`") == place(CLAIMS, "saqr-podcast-excerpt", TRIP)
    w = fresh()
    trip_claim(w).sources[1].article = "saqr-podcast-excerpt"
    assert at(w, "claim `moscow-trip-date` lists article `saqr-podcast-excerpt` twice") == (
        place(CLAIMS, "reuters-relay-excerpt", TRIP))


def test_an_unknown_event_of_a_claim_points_at_the_item():
    w = fresh()
    trip_claim(w).events[0] = "nobody"
    assert at(w, "unknown event id `nobody`") == place(CLAIMS, "assad-trip-to-moscow", TRIP)


def test_a_quote_not_found_or_found_twice_points_at_the_quote():
    w = fresh()
    s = trip_claim(w).sources[1]
    s.quote = s.quote.replace("ثلاثة", "أربعة")
    [p] = check(w).errors
    assert (p.path, p.line, p.col) == place(CLAIMS, '"وقال ثلاثة', TRIP)
    # the whole message: the article's passage, then the quote's word and the article's
    assert p.message == ("claim `moscow-trip-date`: quote not found in article `reuters-relay-excerpt`; closest "
                         "passage: «وقال ثلاثة دبلوماسيين إقليميين إن بشار الأسد زار موسكو في 28 نوفمبرالماضي،…», "
                         "where the quote has «أربعة» and the article «ثلاثة»")
    w = fresh()
    s = trip_claim(w).sources[0]
    w.loaded.raw[s.article] = f"وفي رواية أخرى: {s.quote} كما قيل.\n" + w.loaded.raw[s.article]
    assert at(w, "claim `moscow-trip-date`: quote occurs 2 times", reassemble=True) == place(CLAIMS, '"أشار صقر', TRIP)


def test_a_certainty_that_contradicts_the_origins_points_at_it():
    w = fresh()
    event = w.loaded.registries["events"]["assad-trip-to-moscow"]
    event.certainty = "reported"  # two articles with two origins cover it: confirmed
    assert at(w, "event `assad-trip-to-moscow`: certainty `reported` contradicts its 2 independent origin(s) "
                 "(kamel-saqr, reuters), which make it `confirmed`") == (
        place("sources/events.yml", "disputed", "assad-trip-to-moscow:"))


def test_a_mention_warning_points_at_the_people_of_the_article():
    w = fresh()
    relay(w).people.append("vladimir-putin")
    problems = check(w)
    assert problems.errors == []
    assert [(p.path, p.line, p.col, p.message) for p in problems.warnings] == [
        (*place(RELAY_YML, "- bashar-al-assad"), "article lists `vladimir-putin` but never mentions it")]


def edited(tmp_path: Path, path: str, after: str, line: str) -> World:
    """The fixture corpus, copied to ``tmp_path`` with ``line`` added to ``path`` after the line starting
    with ``after``, and loaded: for fields the fixture does not write (an error's place is its line)."""
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    f = tmp_path / path
    lines = f.read_text("utf-8").splitlines()
    i = next(i for i, text in enumerate(lines) if text.startswith(after))
    f.write_text("\n".join([*lines[:i + 1], line, *lines[i + 1:]]) + "\n", "utf-8")
    return build(tmp_path)


def test_an_unknown_interviewer_points_at_its_value(tmp_path):
    w = edited(tmp_path, RELAY_YML, "author_note:", "interviewer: nobody")
    assert only_error(w) == (RELAY_YML, "unknown person id `nobody`",
                             "add `nobody` to sources/people.yml, or correct or remove this reference")
    assert at(w, "unknown person id `nobody`") == place(RELAY_YML, "nobody", "interviewer:", tmp_path)


def test_a_hijri_date_that_does_not_exist_points_at_it(tmp_path):
    # Muharram 1446 has 29 days (Umm al-Qura): the 30th has the right form and does not exist
    w = edited(tmp_path, RELAY_YML, "published_note:", 'published_hijri: "1446-01-30"')
    assert only_error(w) == (RELAY_YML, "`published_hijri` 1446-01-30 is not a real Hijri (Umm al-Qura) date",
                             "check the day and month against the source")
    assert at(w, "`published_hijri`") == place(RELAY_YML, '"1446-01-30"', root=tmp_path)


# --- claims: every source is checked, whatever happened to the one before ---------------------

@pytest.mark.parametrize("first,error", [
    ("silent", None),
    ("no quote", "claim `moscow-trip-date`: source `saqr-podcast-excerpt` has no quote"),
    ("short quote", "claim `moscow-trip-date`: quote from `saqr-podcast-excerpt` is too short to be evidence"),
    ("unknown article", "unknown article id `no-such-article`"),
])
def test_the_source_after_one_whose_quote_is_not_checked_is_checked(first, error):
    w = fresh()
    s0, s1 = trip_claim(w).sources[:2]
    if first == "silent":
        s0.stance, s0.quote, s0.value = "silent", None, None
    elif first == "no quote":
        s0.quote = None
    elif first == "short quote":
        s0.quote = "أشار صقر إلى"
    else:
        s0.article = "no-such-article"
    s1.quote = "زار موسكو"
    assert [m for m, _ in errors(w)] == [  # in the order of the file
        *([error] if error else []),
        "claim `moscow-trip-date`: quote from `reuters-relay-excerpt` is too short to be evidence"]


# --- redirects, checked with the rest ------------------------------------------------------

def test_a_redirect_from_an_id_that_still_exists_is_an_error():
    w = fresh()
    w.loaded.redirects.append(Redirect("people", "bashar-al-assad", "kamel-saqr", ("sources/redirects.yml", 3, 3),
                                       ("sources/redirects.yml", 3, 20)))
    problems = check(w)
    assert [(p.path, p.line, p.col, p.message, p.hint) for p in problems.errors] == [
        ("sources/redirects.yml", 3, 3, "person `bashar-al-assad` still exists, so its address needs no redirect",
         "finish the rename (rename `bashar-al-assad` in sources/people.yml and in every reference to it), "
         "or delete this line")]


def test_a_redirect_to_an_unknown_id_is_not_offered_as_the_new_name():
    w = fresh()
    w.loaded.redirects.append(Redirect("people", "bashar", "bashar-assad", ("sources/redirects.yml", 3, 3),
                                       ("sources/redirects.yml", 3, 11)))
    relay(w).people[0] = "bashar"
    assert [(p.path, p.line, p.message, p.hint) for p in check(w).errors] == [
        (RELAY_YML, line_of(RELAY_YML, "- bashar-al-assad"), "unknown person id `bashar`",
         "add `bashar` to sources/people.yml, or correct or remove this reference"),
        ("sources/redirects.yml", 3, "redirect from `bashar` leads to unknown person id `bashar-assad`",
         "write the id the person has now, or add `bashar-assad` to sources/people.yml")]


# --- unknown ids: how close a suggestion must be, and where else an id is used --------------

def test_an_id_only_somewhat_like_a_known_one_is_not_suggested():
    # "vladimir" is 73 % like "vladimir-putin": a guess under 75 % would mislead more than it helps
    w = fresh()
    relay(w).people[0] = "vladimir"
    assert unknown(w, "vladimir") == [(RELAY_YML, line_of(RELAY_YML, "- bashar-al-assad"),
                                       "add `vladimir` to sources/people.yml, or correct or remove this reference")]


def test_an_unknown_id_used_in_four_places_lists_the_three_others():
    w = fresh()
    relay(w).people[0] = "nobody-here"
    trip_claim(w).people[1] = "nobody-here"
    w.loaded.registries["claims"]["escape-route"].people[0] = "nobody-here"
    w.loaded.registries["events"]["saqr-leaves-palace"].participants[0] = "nobody-here"
    relay_line = line_of(RELAY_YML, "- bashar-al-assad")
    trip_line = line_of(CLAIMS, "- vladimir-putin", TRIP)
    escape_line = line_of(CLAIMS, "- bashar-al-assad", "escape-route:")
    event_line = line_of("sources/events.yml", "- kamel-saqr", "saqr-leaves-palace:")
    base = "add `nobody-here` to sources/people.yml, or correct or remove this reference; `nobody-here` is also used at "
    assert sorted(unknown(w, "nobody-here")) == [
        (RELAY_YML, relay_line, base + f"{CLAIMS}:{trip_line}, {CLAIMS}:{escape_line}, sources/events.yml:{event_line}"),
        (CLAIMS, trip_line, base + f"{RELAY_YML}:{relay_line}, {CLAIMS}:{escape_line}, sources/events.yml:{event_line}"),
        (CLAIMS, escape_line, base + f"{RELAY_YML}:{relay_line}, {CLAIMS}:{trip_line}, sources/events.yml:{event_line}"),
        ("sources/events.yml", event_line,
         base + f"{RELAY_YML}:{relay_line}, {CLAIMS}:{trip_line}, {CLAIMS}:{escape_line}")]


# --- suspect lines: the cut at 80 characters, and articles whose metadata failed to load ----

def test_a_suspect_line_of_81_characters_is_cut():
    w = fresh()
    w.rule_use[RELAY].suspects = [(5, "x", "ك" * 81)]
    assert [p.message for p in check(w).warnings] == [f"line looks like site boilerplate (x): «{'ك' * 79}…»"]


def test_suspect_lines_of_an_article_whose_metadata_failed_to_load_are_warned_about():
    # its .yml has errors (reported by the loader): its raw text is still cleaned with the rules it has
    w = fresh()
    raw = "\n".join(["سياسة - اقتصاد - رياضة",
                     "قال ثلاثة دبلوماسيين إقليميين إن بشار الأسد زار موسكو في 28 نوفمبر الماضي، بعد يوم من هجوم.",
                     "www.elbalad.news/5523981",
                     "",
                     "صدى البلد الإخبارية"])
    w.loaded.unloaded["broken-article"] = (CleaningRules(drop_lines=["صدى البلد الإخبارية"]), raw)
    problems = check(w)
    assert problems.errors == []
    hint = ("add it to cleaning.drop_lines in sources/articles/broken-article.yml if it is not journalism "
            "(to cleaning.headings if it is a subheading, to cleaning.keep_lines if it is text)")
    assert [(p.path, p.line, p.col, p.message, p.hint) for p in problems.warnings] == [
        ("sources/articles/broken-article.txt", 1, 1,
         "line looks like site boilerplate (short items separated by dashes): «سياسة - اقتصاد - رياضة»", hint),
        ("sources/articles/broken-article.txt", 3, 1,
         "line looks like site boilerplate (mostly a web address): «www.elbalad.news/5523981»", hint)]


# --- the closest passage: its edges, ties, the threshold, long quotes ----------------------

def test_closest_passage_starts_and_ends_with_the_words_the_quote_covers():
    # a paragraph with nothing in common comes first; the passage leaves out the words around the quote
    paragraphs = ["2024", "وفي بيان صدر اليوم قال بشار الأسد إنه سيبقى في دمشق. وأضاف أن الجيش سيقاتل."]
    assert closest_passage(paragraphs, "قال بشار الأسد إنه باق في دمشق.") == (
        "قال بشار الأسد إنه سيبقى في دمشق.", "باق", "سيبقى")


def test_closest_passage_of_equally_close_passages_is_the_first():
    paragraphs = ["قال بشار الأسد إنه سيبقى في دمشق.", "قال بشار الأسد إنه سيبقى في درعا."]
    assert closest_passage(paragraphs, "قال بشار الأسد إنه سيبقى في حلب.") == (
        "قال بشار الأسد إنه سيبقى في دمشق.", "حلب.", "دمشق.")
    # in one paragraph, the first passage is the one at its very start
    paragraph = ("قال بشار الأسد إنه سيبقى في دمشق. وكرر في المؤتمر نفسه أمام الصحفيين الأجانب: "
                 "قال بشار الأسد إنه سيبقى في درعا.")
    assert closest_passage([paragraph], "قال بشار الأسد إنه سيبقى في حلب.") == (
        "قال بشار الأسد إنه سيبقى في دمشق.", "حلب.", "دمشق.")


def test_closest_passage_at_exactly_60_percent_is_shown():
    # 6 of 10 characters in common: 2 x 6 / 20 = 0.6, the least that is close
    assert closest_passage(["abcdefghij"], "abcdefxyzw") == ("abcdefghij", "abcdefxyzw", "abcdefghij")
    assert closest_passage(["abcdefghij"], "abcdexyzwv") is None
    # every letter in common counts, not only the longest run: 2 x 3 / 8 = 0.75 with runs of one letter
    assert closest_passage(["abc"], "axbxc") == ("abc", "axbxc", "abc")


def test_closest_passage_shows_60_characters_either_side_of_the_difference():
    # the words that start within 60 characters before the difference and end within 60 after it
    before, after = "و" * 20 + " " + "ل" * 59 + " ", " " + "ر" * 59 + " " + "ز" * 20
    assert closest_passage([before + "دمشق" + after], before + "حلب" + after) == (
        "…" + "ل" * 59 + " دمشق " + "ر" * 59 + "…", "حلب", "دمشق")


LONG = ("قال المتحدث باسم الرئاسة في بيان طويل نشرته الوكالة الرسمية صباح اليوم إن الرئيس بشار سيبقى في العاصمة "
        "حتى نهاية الأسبوع المقبل وإن الاجتماعات ستستمر كما هو مخطط لها منذ أسابيع طويلة مضت. وأضاف أن الحكومة "
        "ستعقد جلسة استثنائية مساء الغد لبحث الأوضاع الأمنية في المحافظات الشمالية والشرقية.")


def test_closest_passage_of_a_quote_of_200_characters_or_more():
    # difflib ignores frequent letters in a text of 200 characters or more unless told not to:
    # a long quote must be compared letter by letter like a short one
    assert len(LONG) >= 200
    quote = LONG.replace("استثنائية", "عادية")
    assert closest_passage(["وفي خبر عاجل: " + LONG], quote) == (
        "…هو مخطط لها منذ أسابيع طويلة مضت. وأضاف أن الحكومة ستعقد جلسة استثنائية مساء الغد لبحث الأوضاع الأمنية "
        "في المحافظات الشمالية…", "عادية", "استثنائية")
    # five slips in 288 characters: still 92 % alike (the frequent letters ignored, 37 %)
    article = LONG
    for quoted, written in [("نشرته", "أصدرته"), ("صباح اليوم", "مساء أمس"), ("العاصمة", "دمشق"),
                            ("المقبل", "الجاري"), ("استثنائية", "طارئة")]:
        article = article.replace(quoted, written)
    assert closest_passage([article], LONG) == (
        "قال المتحدث باسم الرئاسة في بيان طويل أصدرته الوكالة الرسمية مساء أمس إن الرئيس بشار سيبقى في دمشق حتى…",
        "نشرته", "أصدرته")


def test_whole_words_and_word_span():
    text = "قال بشار الأسد إنه سيبقى"
    assert _whole_words(text, 5, 10) == "بشار الأسد"  # from inside a word to inside another
    assert _whole_words(text, 0, len(text)) == text
    assert _word_span(text, 4, 4) == "بشار"  # nothing: the word at that place
    assert _word_span(text, 10, 8) == "الأسد"
    assert _word_span("قال  بشار", 4, 4) == "…"  # between two spaces: no word, but something to show
