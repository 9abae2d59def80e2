"""Cleaning as a pure function: generic rules, per-article rules, nothing rewritten."""

from __future__ import annotations

from build_tools.cleaning import clean, unused_rules
from build_tools.model import CleaningRules, MachineSpan


def texts(blocks):
    return [(b.kind, b.text) for b in blocks]


def test_generic_chrome_goes_and_journalism_stays_word_for_word():
    raw = "القائمة الرئيسية\n\nقال صقر إن اللقاء  تأخر.\nما رأيك؟\nاقرأ أيضاً: خبر آخر\nنسخ الرابط :\n---\nclose\n"
    blocks, _ = clean(raw, CleaningRules())
    assert texts(blocks) == [("paragraph", "قال صقر إن اللقاء تأخر.")]


def test_repeated_paragraph_is_kept_once():
    raw = "فقرة أولى.\n\n فقرة أولى. \n\nفقرة ثانية."
    assert [b.text for b in clean(raw, CleaningRules())[0]] == ["فقرة أولى.", "فقرة ثانية."]


def test_tail_after_related_list_goes():
    raw = "خبر.\nمقالات مشابهة\n  • عنوان آخر\nفقرة من مقال آخر."
    assert [b.text for b in clean(raw, CleaningRules())[0]] == ["خبر."]


def test_per_article_rules_and_their_use():
    rules = CleaningRules(drop_lines=["إعلان"], headings=["عنوان فرعي"], truncate_at="كلمات دلالية:",
                          machine_generated=MachineSpan(start="بالطبع، إليك:", end="هل ترغب؟"))
    raw = "إعلان\nعنوان فرعي\nنص.\nبالطبع، إليك:\n*عنوان آلي*\nنص آلي.\nهل ترغب؟\nكلمات دلالية: أ ب\nذيل."
    blocks, use = clean(raw, rules)
    assert [(b.kind, b.text, b.machine) for b in blocks] == [
        ("heading", "عنوان فرعي", False), ("paragraph", "نص.", False),
        ("heading", "عنوان آلي", True), ("paragraph", "نص آلي.", True)]
    assert unused_rules(rules, use) == []


def test_a_rule_that_matches_nothing_is_reported():
    rules = CleaningRules(drop_lines=["غير موجود"], headings=["لا شيء"])
    _, use = clean("نص.", rules)
    assert unused_rules(rules, use) == [("drop_lines", "غير موجود"), ("headings", "لا شيء")]


def test_header_lines_are_not_repeated_in_the_body():
    blocks, _ = clean("العنوان\n\nالنص.", CleaningRules(), header=("العنوان",))
    assert [b.text for b in blocks] == ["النص."]


def test_invisible_characters_are_removed_from_kept_text():
    blocks, _ = clean("نص\u200b مع\u200f علامة.", CleaningRules())
    assert blocks[0].text == "نص مع علامة."
