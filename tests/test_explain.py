"""cleaning.explain: every raw line, kept or removed and by which rule, in one pass with clean().

Fast, in-process unit tests (no site build), so mutation testing can use them.
"""

from __future__ import annotations

import pytest
from conftest import ROOT

from build_tools import cleaning, labels
from build_tools.assemble import article_header
from build_tools.cleaning import clean, explain
from build_tools.load import load_sources
from build_tools.model import CleaningRules, MachineSpan
from build_tools.problems import Problems

ARTICLES = sorted(p.stem for p in (ROOT / "sources" / "articles").glob("*.yml"))


@pytest.fixture(scope="module")
def loaded():
    return load_sources(ROOT, Problems())


# --- explain() itself ---------------------------------------------------------------


@pytest.mark.parametrize("aid", ARTICLES)
def test_kept_lines_of_explain_are_exactly_the_blocks_of_clean(loaded, aid):
    meta, raw = loaded.articles[aid], loaded.raw[aid]
    decisions = explain(raw, meta.cleaning, article_header(meta))
    blocks, _ = clean(raw, meta.cleaning, article_header(meta))
    assert [d.block for d in decisions if d.kept] == blocks
    # every raw line, once, in order, exactly as collected
    assert [d.raw for d in decisions] == raw.splitlines()
    assert [d.number for d in decisions] == list(range(1, len(raw.splitlines()) + 1))
    assert all(d.rule in cleaning.REMOVING_RULES for d in decisions if not d.kept)


def decided(raw: str, rules: CleaningRules | None = None, header: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(kept text or "-", rule) per raw line."""
    out = []
    for d in explain(raw, rules or CleaningRules(), header):
        assert (d.block is not None) == d.kept
        out.append((d.block.text if d.block else "-", d.rule))
    return out


P = "قال صقر إن اللقاء تأخر."


@pytest.mark.parametrize("line,rule", [
    ("", "blank line"), ("   \u200b ", "blank line"),
    ("القائمة الرئيسية", "site menu"), ("close", "site menu"), ("التنقل السريع", "site menu"),
    ("ما رأيك؟", "poll"), ("تعليقات", "comments heading"), ("نسخ الرابط :", "share line"), ("شاركها", "share line"),
    ("———", "separator"), ("اقرأ أيضاً: خبر آخر", "read-also teaser"), ("وسوم: دمشق", "tags line"),
    ("الكلمات المفتاحية : الأسد", "tags line"),
])
def test_each_generic_rule_is_named(line, rule):
    assert decided(f"{P}\n{line}\nبعده.") == [(P, ""), ("-", rule), ("بعده.", "")]
    assert rule in labels.CLEANING_RULE_AR


def test_per_article_rules_header_duplicates_and_end_markers_are_named():
    rules = CleaningRules(drop_lines=["إعلان"], headings=["عنوان فرعي"], truncate_at="كلمات دلالية:",
                          machine_generated=MachineSpan(start="بالطبع، إليك:", end="هل ترغب؟"))
    raw = "العنوان\nإعلان\nعنوان فرعي\n*نجمي*\nنص.\n نص. \nبالطبع، إليك:\nآلي.\nهل ترغب؟\nكلمات دلالية: أ\nذيل.\n\nآخر."
    assert decided(raw, rules, header=("العنوان",)) == [
        ("-", "title shown in header"), ("-", "drop_lines"), ("عنوان فرعي", "headings"), ("نجمي", "*starred* line"),
        ("نص.", ""), ("-", "duplicate of an earlier line"), ("بالطبع، إليك:", ""), ("آلي.", ""), ("هل ترغب؟", ""),
        ("-", "truncate_at"), ("-", "after truncate_at"), ("-", "after truncate_at"), ("-", "after truncate_at")]
    decisions = explain(raw, rules, ("العنوان",))
    assert decisions[5].first == 5  # the duplicate names the line it repeats
    assert [d.block.machine for d in decisions if d.kept] == [False, False, False, True, True, True]


def test_a_related_articles_marker_removes_itself_and_the_rest():
    assert decided(f"{P}\nمقالات مشابهة\nعنوان آخر\n\nفقرة.") == [
        (P, ""), ("-", "'related articles' marker"), *[("-", "after a 'related articles' marker")] * 3]


def test_every_rule_has_its_arabic_words_and_no_word_lacks_a_rule():
    rules = set(cleaning.REMOVING_RULES) | set(cleaning.KEEPING_RULES)
    assert rules == set(labels.CLEANING_RULE_AR)
    assert set(cleaning.GENERIC_LINES) <= rules
