"""validate(), in process: each check produces its error, with its message, hint and place;
what is allowed produces nothing.

Each test loads the small fixture corpus (tests/fixtures/corpus, valid as it stands), breaks
one thing in the loaded objects, and runs the same steps as the build (assemble, mention
index, validate). Objects are picked by what they are (the article with machine text, an
event with a range), not by id, so the fixture may grow. The end-to-end behaviour (the CLI,
`file:line:col`, no traceback) is tested in test_errors.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from build_tools.assemble import assemble
from build_tools.load import load_sources
from build_tools.mentions import MentionIndex
from build_tools.model import PartialDate
from build_tools.problems import Problems
from build_tools.validate import validate
from conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "corpus"
ID_HINT = "ids become URLs: use lowercase Latin letters, digits and single hyphens"
DATE_HINT = "write the Gregorian date (a Hijri date such as 1446-06-07 is not accepted)"


def load(root: Path = FIXTURE):
    problems = Problems()
    loaded = load_sources(root, problems)
    assert not problems.items, problems.report()
    return loaded


def check(loaded) -> Problems:
    problems = Problems()
    corpus, rule_use = assemble(loaded)
    validate(corpus, loaded, rule_use, MentionIndex(corpus.articles, corpus.people), problems)
    return problems


def errors(loaded) -> list[tuple[str, str]]:
    """(message, hint) of every error, in report order."""
    return [(p.message, p.hint) for p in check(loaded).errors]


def only_error(loaded) -> tuple[str, str, str]:
    """The one error: (path, message, hint)."""
    problems = check(loaded)
    assert len(problems.errors) == 1, problems.report()
    p = problems.errors[0]
    assert p.line >= 1 and p.col >= 1
    return p.path, p.message, p.hint


def article_path(aid: str) -> str:
    return f"sources/articles/{aid}.yml"


@pytest.fixture
def src():
    return load()


def articles(src):
    return list(src.articles.values())


def journalism(src):
    """An article without machine text."""
    return next(a for a in src.articles.values() if not a.provenance.machine_generated)


def with_quote(src):
    """(claim, source) of a quote that supports a claim."""
    return next((c, s) for c in src.registries["claims"].values() for s in c.sources
                if s.stance == "asserts" and s.quote and s.article in src.articles
                and not src.articles[s.article].provenance.machine_generated)


# --- nothing to report ---------------------------------------------------------

def test_the_fixture_corpus_is_valid(src):
    problems = check(src)
    assert problems.items == [], problems.report()


def test_the_real_sources_are_valid():
    problems = check(load(ROOT))
    assert problems.errors == [], problems.report()


# --- ids -------------------------------------------------------------------------

def test_an_id_that_is_not_kebab_case_is_an_error_at_its_key(src):
    src.id_nodes[("people", "Bad_Id")] = ("sources/people.yml", 7, 3)
    problems = check(src)
    [p] = problems.errors
    assert (p.path, p.line, p.col) == ("sources/people.yml", 7, 3)
    assert p.message.startswith("id `Bad_Id` is not lowercase Latin kebab-case")
    assert p.hint == ID_HINT


def test_index_is_a_reserved_id(src):
    src.id_nodes[("events", "index")] = ("sources/events.yml", 2, 1)
    assert only_error(src) == ("sources/events.yml", "id `index` is reserved for the index page", ID_HINT)


def test_ids_with_a_path_separator_are_refused(src):
    src.id_nodes[("outlets", "a/b")] = ("sources/outlets.yml", 1, 1)
    assert only_error(src) == ("sources/outlets.yml", "id `a/b` contains a path separator", ID_HINT)


def test_every_bad_id_is_reported_in_order(src):
    src.id_nodes[("people", "Zed")] = ("sources/people.yml", 9, 1)
    src.id_nodes[("claims", "index")] = ("sources/claims.yml", 3, 1)
    src.id_nodes[("people", "good-one")] = ("sources/people.yml", 5, 1)
    assert [(p.path, p.line) for p in check(src).errors] == [("sources/claims.yml", 3), ("sources/people.yml", 9)]


# --- references --------------------------------------------------------------------

@pytest.mark.parametrize("field,reg,noun", [("outlet", "outlets", "outlet"), ("interviewer", "people", "person")])
def test_unknown_single_reference_in_an_article(src, field, reg, noun):
    a = articles(src)[0]
    setattr(a, field, "no-such-id")
    assert only_error(src) == (article_path(a.id), f"unknown {noun} id `no-such-id`",
                               f"add `no-such-id` to sources/{reg}.yml, or fix the spelling here")


@pytest.mark.parametrize("field,reg,noun", [("people", "people", "person"), ("events", "events", "event")])
def test_unknown_list_reference_in_an_article(src, field, reg, noun):
    a = articles(src)[0]
    getattr(a, field).append("no-such-id")
    assert only_error(src) == (article_path(a.id), f"unknown {noun} id `no-such-id`",
                               f"add `no-such-id` to sources/{reg}.yml, or fix the spelling here")


def test_unknown_participant_of_an_event(src):
    e = next(iter(src.registries["events"].values()))
    e.participants.append("nobody")
    assert only_error(src) == ("sources/events.yml", "unknown person id `nobody`",
                               "add `nobody` to sources/people.yml, or fix the spelling here")


@pytest.mark.parametrize("field,reg,noun", [("people", "people", "person"), ("events", "events", "event")])
def test_unknown_reference_in_a_claim(src, field, reg, noun):
    c = next(iter(src.registries["claims"].values()))
    getattr(c, field).append("nobody")
    assert only_error(src) == ("sources/claims.yml", f"unknown {noun} id `nobody`",
                               f"add `nobody` to sources/{reg}.yml, or fix the spelling here")


def test_unknown_article_of_a_claim_source_skips_the_quote_check(src):
    _, s = with_quote(src)
    s.article = "no-such-article"
    assert only_error(src) == ("sources/claims.yml", "unknown article id `no-such-article`",
                               "use the name of a file in sources/articles/ without .yml")


def test_null_references_are_not_unknown(src):
    a = journalism(src)
    a.interviewer = None
    assert errors(src) == []


def test_an_entry_that_failed_to_load_still_counts_as_known(src):
    # its own error is reported where it is; references to it are not errors too
    pid = articles(src)[0].people[0]
    del src.registries["people"][pid]
    assert not [m for m, _ in errors(src) if m.startswith("unknown")]


@pytest.mark.parametrize("reg,field", [("people", "people"), ("events", "events"), ("outlets", "outlet")])
def test_no_reference_errors_for_a_registry_that_could_not_be_read(src, reg, field):
    a = journalism(src)
    if field == "outlet":
        a.outlet = "no-such-id"
    else:
        getattr(a, field).append("no-such-id")
    src.failed.add(reg)
    assert not [m for m, _ in errors(src) if m.startswith("unknown")]


# --- origins -----------------------------------------------------------------------

def test_unknown_origin(src):
    a = articles(src)[0]
    a.provenance.origins.append("nobody")
    assert only_error(src) == (article_path(a.id), "unknown origin `nobody`",
                               "origins are ids from sources/people.yml or sources/outlets.yml: "
                               "add it there, or fix the spelling")


def test_origins_may_be_people_or_outlets(src):
    a = journalism(src)
    a.provenance.origins[:] = [next(iter(src.registries["outlets"])), next(iter(src.registries["people"]))]
    assert not [m for m, _ in errors(src) if "origin" in m]


@pytest.mark.parametrize("failed", ["people", "outlets"])
def test_no_origin_errors_when_people_or_outlets_could_not_be_read(src, failed):
    articles(src)[0].provenance.origins.append("nobody")
    src.failed.add(failed)
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
    o = next(iter(src.registries["outlets"].values()))
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
    a = next(a for a in src.articles.values() if a.provenance.kind == "blog-with-machine-text")
    a.provenance.machine_generated = False
    assert errors(src) == [("a blog with machine text must set `machine_generated: true`",
                            "add `machine_generated: true` under provenance"), DISAGREE]


def test_machine_flag_without_a_machine_span(src):
    a = journalism(src)
    a.provenance.machine_generated = True
    path, message, hint = only_error(src)
    assert (path, message, hint) == (article_path(a.id), *DISAGREE)


def test_machine_span_without_the_machine_flag(src):
    a = next(a for a in src.articles.values() if a.cleaning.machine_generated)
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
    assert only_error(src) == (article_path(a.id), f"cleaning rule `{field}` matches nothing: {value!r}",
                               "copy the line exactly from the .txt file, or delete the rule")


# --- date ranges -------------------------------------------------------------------------

def role_with_range(src):
    return next(r for p in src.registries["people"].values() for r in p.roles if r.start and r.end)


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
    e = next(iter(src.registries["events"].values()))
    e.start, e.end = start, end
    want = [] if ok else [("sources/events.yml", f"date range ends ({end.iso()}) before it starts ({start.iso()})",
                           "swap or correct the dates"),
                          ("sources/people.yml", f"date range ends ({end.iso()}) before it starts ({start.iso()})",
                           "swap or correct the dates")]
    assert [(p.path, p.message, p.hint) for p in check(src).errors if "range" in p.message] == want


def test_open_ranges_are_fine(src):
    r = role_with_range(src)
    r.end = None
    r2 = next(r2 for p in src.registries["people"].values() for r2 in p.roles if r2 is not r)
    r2.start, r2.end = None, PartialDate(1990)
    assert errors(src) == []


# --- event certainty and inferred dates ----------------------------------------------

def covered_event(src):
    """An event some article covers, with the origins of those articles."""
    for eid, e in src.registries["events"].items():
        arts = [a for a in src.articles.values() if eid in a.events]
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
    covered = {eid for a in src.articles.values() for eid in a.events}
    e = next(e for eid, e in src.registries["events"].items() if eid not in covered)
    e.certainty = "confirmed"
    assert only_error(src)[1] == (f"event `{e.id}`: certainty `confirmed` contradicts its 0 independent origin(s) "
                                  "(none), which make it `reported`")
    e.certainty = "reported"
    assert errors(src) == []


def test_an_inferred_date_needs_a_note(src):
    e = next(iter(src.registries["events"].values()))
    e.date_inferred, e.date_note, e.certainty = True, None, None
    assert only_error(src) == ("sources/events.yml", f"event `{e.id}`: inferred date without `date_note`",
                               "add `date_note:` saying how the date was worked out")
    e.date_inferred = False
    assert errors(src) == []


# --- claims: sources, stances, quotes --------------------------------------------------

def test_an_article_listed_twice_in_a_claim(src):
    c = next(c for c in src.registries["claims"].values() if len(c.sources) >= 2)
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
        assert only_error(src)[1] == f"claim `{c.id}`: quote not found in article `{s.article}`"


def test_a_quote_not_in_the_article(src):
    c, s = with_quote(src)
    s.quote = s.quote + " وأضاف كلاماً لم يقله"
    assert only_error(src) == ("sources/claims.yml", f"claim `{c.id}`: quote not found in article `{s.article}`",
                               "copy it word for word from the cleaned article text (one paragraph, no ellipsis)")


def test_a_quote_is_found_whatever_its_line_breaks(src):
    _, s = with_quote(src)
    s.quote = "\n  ".join(s.quote.split(" "))
    assert errors(src) == []


def test_a_quote_must_point_at_one_passage(src):
    c, s = with_quote(src)
    src.raw[s.article] = f"وفي رواية أخرى: {s.quote} كما قيل.\n" + src.raw[s.article]
    assert only_error(src) == ("sources/claims.yml", f"claim `{c.id}`: quote occurs 2 times in article `{s.article}`",
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
    c = next(c for c in src.registries["claims"].values() if c.changes)
    c.changes[0].date = dt.date(2200, 1, 1)
    got = check(src).errors
    assert sorted((p.path, p.message) for p in got) == [
        ("sources/claims.yml", "`date` 2200-01-01 is outside the dossier's dates (1900–2099)"),
        ("sources/people.yml", "`start` 1800 is outside the dossier's dates (1900–2099)")]


def test_an_event_date_outside_the_window(src):
    e = next(e for e in src.registries["events"].values() if e.end is None)
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
    e = next(e for e in src.registries["events"].values() if e.participants)
    e.participants.append(e.participants[0])
    p = next(p for p in src.registries["people"].values() if p.variants)
    p.variants.append(p.variants[0])
    a = next(a for a in src.articles.values() if a.provenance.origins)
    a.provenance.origins.append(a.provenance.origins[0])
    src.dossier.intro.append(src.dossier.intro[0])
    got = sorted((p.path, p.message) for p in check(src).errors)
    want = [("sources/dossier.yml", f"`{src.dossier.intro[0]}` is listed twice in `intro`"),
            ("sources/events.yml", f"`{e.participants[0]}` is listed twice in `participants`"),
            ("sources/people.yml", f"`{p.variants[0]}` is listed twice in `variants`"),
            (article_path(a.id), f"`{a.provenance.origins[0]}` is listed twice in `origins`")]
    assert got == sorted(want)


def test_different_entries_in_a_list_are_fine(src):
    a = articles(src)[0]
    other = next(p for p in src.registries["people"] if p not in a.people)
    a.people.append(other)
    assert errors(src) == []  # listed, not mentioned: a warning only


# --- warnings, not errors ---------------------------------------------------------------

def test_a_listed_person_never_mentioned_is_a_warning_on_the_article(src):
    a = articles(src)[0]
    other = next(p for p in src.registries["people"] if p not in a.people)
    a.people.append(other)
    problems = check(src)
    assert problems.errors == []
    assert [(w.path, w.message, w.hint) for w in problems.warnings] == [
        (article_path(a.id), f"article lists `{other}` but never mentions it",
         "remove it, or add the spelling the article uses to its variants")]


def test_a_mentioned_person_not_listed_is_a_warning_on_the_article(src):
    a = next(a for a in src.articles.values() if a.people and a.interviewer not in a.people)
    pid = a.people.pop(0)
    problems = check(src)
    assert problems.errors == []
    assert [(w.path, w.message) for w in problems.warnings] == [
        (article_path(a.id), f"article mentions `{pid}` but does not list it in `people`")]
