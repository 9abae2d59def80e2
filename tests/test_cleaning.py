"""Cleaning as a pure function: generic rules, per-article rules, nothing rewritten."""

from __future__ import annotations

import pytest
from conftest import ROOT

from build_tools import cleaning
from build_tools.assemble import assemble
from build_tools.cleaning import clean, explain, normalise_line, unused_rules
from build_tools.load import load_sources
from build_tools.model import CleaningRules, MachineSpan
from build_tools.problems import Problems


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
        ("paragraph", "بالطبع، إليك:", True), ("heading", "عنوان آلي", True), ("paragraph", "نص آلي.", True),
        ("paragraph", "هل ترغب؟", True)]
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


# --- each generic rule, one at a time ----------------------------------------

KEPT = "قال صقر إن اللقاء تأخر."


def kept(raw, rules=None, header=()):
    return [b.text for b in clean(raw, rules or CleaningRules(), header)[0]]


@pytest.mark.parametrize("line", [
    "ما رأيك؟", "ما رأيك ؟", "القائمة الرئيسية", "الصفحات", "تعليقات", "close", "التنقل السريع",
    "نسخ الرابط", "نسخ الرابط:", "نسخ الرابط :", "المزيد", "شارك", "شاركها",
    "---", "———", "___", "***", "===", "•••", "···", "----------", "-—_",
])
def test_each_chrome_line_goes(line):
    assert kept(f"{KEPT}\n{line}\nبعده.") == [KEPT, "بعده."]
    assert kept(f"  {line}  \n{KEPT}") == [KEPT]  # trimmed before matching


@pytest.mark.parametrize("line", [
    "تعليقات القراء على الخبر.", "شارك في اللقاء وزير الخارجية.", "المزيد من التفاصيل لاحقاً.",
    "--", "closed", "Close", "ما رأيك في هذا؟ قال لا.", "الصفحات الأولى من التقرير.",
])
def test_journalism_that_only_looks_like_chrome_stays(line):
    assert kept(f"{line}\n{KEPT}") == [line, KEPT]


@pytest.mark.parametrize("line", [
    "اقرأ أيضا: خبر آخر", "اقرأ أيضاً: خبر آخر", "إقرأ أيضا خبر آخر", "أقرأ أيضاً:", "اقرأ أيضاً",
    "كلمات دلالية: سوريا روسيا", "الكلمات المفتاحية : الأسد", "وسوم: دمشق",
])
def test_teaser_and_tag_lines_go_whole_and_only_them(line):
    assert kept(f"{KEPT}\n{line}\nبعده.") == [KEPT, "بعده."]


def test_teaser_words_inside_a_paragraph_stay():
    line = "وقال المصدر: اقرأ أيضاً ما كتبناه."
    assert kept(line) == [line]


@pytest.mark.parametrize("marker", ["مقالات مشابهة", "أخبار ذات صلة", "اقرأ المزيد", "مواضيع ذات صلة",
                                    "مقالات مشابهة:", "أخبار ذات صلة :"])
def test_each_tail_marker_ends_the_article(marker):
    assert kept(f"{KEPT}\n{marker}\nفقرة من مقال آخر.\nوأخرى.") == [KEPT]


def test_a_tail_marker_inside_a_longer_line_is_journalism():
    line = "مقالات مشابهة نشرت قبل أسبوع."
    assert kept(f"{line}\n{KEPT}") == [line, KEPT]


def test_starred_line_is_a_heading_without_its_stars():
    blocks, _ = clean("*اللقاء الأخير*\n* بين قوسين *\nنص.\n**عريض**\n*نجمة* في جملة.", CleaningRules())
    assert texts(blocks) == [("heading", "اللقاء الأخير"), ("heading", "بين قوسين"), ("paragraph", "نص."),
                             ("paragraph", "**عريض**"), ("paragraph", "*نجمة* في جملة.")]
    assert not any(b.machine for b in blocks)


@pytest.mark.parametrize("mark", ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff"])
def test_each_invisible_character_is_removed(mark):
    assert normalise_line(f"{mark} نص{mark} مع علامة {mark}") == "نص مع علامة"
    assert kept(f"{mark}\n{mark}{KEPT}") == [KEPT]  # a line of only marks is empty


def test_lines_are_composed_and_trimmed():
    assert normalise_line("  \u0627\u0654\u0644\u0627\u0633\u062f\t ") == "\u0623\u0644\u0627\u0633\u062f"
    assert kept("ا\u0654لاسد قال.") == ["ألاسد قال."]


def test_inner_whitespace_is_collapsed_and_blank_lines_skipped():
    assert kept("\n\n  قال \t صقر   إن\u00a0اللقاء  تأخر.  \n\n\n") == [KEPT]
    assert kept("") == [] and kept("\n \n\t\n") == []


def test_duplicates_are_compared_after_folding_whitespace():
    assert kept(f"{KEPT}\nقال  صقر إن   اللقاء تأخر.\n{KEPT}\nفقرة.\n{KEPT}") == [KEPT, "فقرة."]


def test_a_repeated_heading_is_kept_once_too():
    blocks, _ = clean("*عنوان*\nنص.\n*عنوان*\nنص آخر.", CleaningRules())
    assert texts(blocks) == [("heading", "عنوان"), ("paragraph", "نص."), ("paragraph", "نص آخر.")]


# --- header lines ------------------------------------------------------------

def test_every_header_line_goes_and_empty_header_parts_are_ignored():
    raw = "العنوان\nالعنوان الفرعي\nفوق العنوان\nالنص."
    assert kept(raw, header=("العنوان", "", "العنوان  الفرعي", "فوق العنوان")) == ["النص."]
    assert kept(raw, header=("", "")) == raw.splitlines()


# --- each per-article rule ---------------------------------------------------

def test_drop_lines_match_whole_lines_after_trimming_and_whitespace_folding():
    rules = CleaningRules(drop_lines=["إعلان  ممول", "شعار الموقع"])
    blocks, use = clean("  إعلان ممول \nإعلان ممول آخر.\nنص.\nشعار   الموقع", rules)
    assert [b.text for b in blocks] == ["إعلان ممول آخر.", "نص."]
    assert use.drop_lines == {"إعلان ممول", "شعار الموقع"}
    assert unused_rules(rules, use) == []


def test_headings_rule_marks_exact_lines_only():
    rules = CleaningRules(headings=["في  القصر"])
    blocks, use = clean("في القصر\nفي القصر الجمهوري كان.", rules)
    assert texts(blocks) == [("heading", "في القصر"), ("paragraph", "في القصر الجمهوري كان.")]
    assert use.headings == {"في القصر"}


def test_truncate_at_removes_the_line_and_everything_after():
    rules = CleaningRules(truncate_at="المصدر:  وكالات")
    blocks, use = clean("نص.\n  المصدر: وكالات الأنباء\nذيل.\nنص آخر.", rules)
    assert [b.text for b in blocks] == ["نص."]
    assert use.truncate_at is True
    assert unused_rules(rules, use) == []


def test_truncate_at_only_matches_the_start_of_a_line():
    rules = CleaningRules(truncate_at="المصدر")
    blocks, use = clean("قال المصدر إن.\nنص.", rules)
    assert [b.text for b in blocks] == ["قال المصدر إن.", "نص."]
    assert use.truncate_at is False
    assert unused_rules(rules, use) == [("truncate_at", "المصدر")]


def test_truncate_at_wins_over_a_later_tail_marker_and_vice_versa():
    rules = CleaningRules(truncate_at="النهاية")
    assert clean("نص.\nالنهاية\nمقالات مشابهة", rules)[1].truncate_at is True
    blocks, use = clean("نص.\nمقالات مشابهة\nالنهاية", rules)
    assert [b.text for b in blocks] == ["نص."] and use.truncate_at is False


SPAN = MachineSpan(start="بالطبع، إليك:", end="هل ترغب؟")


def test_machine_span_flags_its_wrapper_lines_and_what_is_between():
    # the chatbot's own wrapper lines stay, inside the flagged block: they show what the text is
    rules = CleaningRules(machine_generated=SPAN, headings=["عنوان آلي"])
    raw = "قبل.\n  بالطبع،  إليك:\nعنوان آلي\n*عنوان آخر*\nنص آلي.\nهل  ترغب؟\nبعد.\n*عنوان بشري*"
    blocks, use = clean(raw, rules)
    assert [(b.kind, b.text, b.machine) for b in blocks] == [
        ("paragraph", "قبل.", False), ("paragraph", "بالطبع، إليك:", True), ("heading", "عنوان آلي", True),
        ("heading", "عنوان آخر", True), ("paragraph", "نص آلي.", True), ("paragraph", "هل ترغب؟", True),
        ("paragraph", "بعد.", False), ("heading", "عنوان بشري", False)]
    assert use.machine_start is True and use.machine_end is True
    assert unused_rules(rules, use) == []


def test_machine_span_without_its_end_runs_to_the_end_and_is_reported():
    rules = CleaningRules(machine_generated=SPAN)
    blocks, use = clean("قبل.\nبالطبع، إليك:\nنص آلي.", rules)
    assert [(b.text, b.machine) for b in blocks] == [("قبل.", False), ("بالطبع، إليك:", True), ("نص آلي.", True)]
    assert (use.machine_start, use.machine_end) == (True, False)
    assert unused_rules(rules, use) == [("machine_generated", "بالطبع، إليك:")]


def test_an_end_line_outside_a_span_is_ordinary_text_and_the_rule_is_reported():
    rules = CleaningRules(machine_generated=SPAN)
    blocks, use = clean("قبل.\nهل ترغب؟\nبعد.", rules)
    assert [(b.text, b.machine) for b in blocks] == [("قبل.", False), ("هل ترغب؟", False), ("بعد.", False)]
    assert (use.machine_start, use.machine_end) == (False, False)
    assert unused_rules(rules, use) == [("machine_generated", "بالطبع، إليك:")]


def test_an_end_line_before_the_start_does_not_close_anything():
    rules = CleaningRules(machine_generated=SPAN)
    blocks, use = clean("هل ترغب؟ قبل.\nبالطبع، إليك:\nنص آلي.\nهل ترغب؟\nبعد.", rules)
    assert [(b.text, b.machine) for b in blocks] == [
        ("هل ترغب؟ قبل.", False), ("بالطبع، إليك:", True), ("نص آلي.", True), ("هل ترغب؟", True), ("بعد.", False)]
    assert (use.machine_start, use.machine_end) == (True, True)


def test_every_span_in_an_article_is_flagged():
    rules = CleaningRules(machine_generated=SPAN)
    blocks, _ = clean("أ.\nبالطبع، إليك:\nم1.\nهل ترغب؟\nب.\nبالطبع، إليك:\nم2.\nهل ترغب؟\nج.", rules)
    flagged = [(b.text, b.machine) for b in blocks if not b.text.startswith(("بالطبع", "هل"))]
    assert flagged == [("أ.", False), ("م1.", True), ("ب.", False), ("م2.", True), ("ج.", False)]


def test_no_machine_span_flags_nothing():
    blocks, use = clean("بالطبع، إليك:\nنص.\nهل ترغب؟", CleaningRules())
    assert [(b.text, b.machine) for b in blocks] == [("بالطبع، إليك:", False), ("نص.", False), ("هل ترغب؟", False)]
    assert (use.machine_start, use.machine_end) == (False, False)


def test_every_unused_rule_is_reported_in_field_order():
    rules = CleaningRules(drop_lines=["أ أ", "مستعمل"], headings=["ب ب"], truncate_at="ج ج", machine_generated=SPAN)
    _, use = clean("مستعمل\nنص.", rules)
    assert unused_rules(rules, use) == [("drop_lines", "أ أ"), ("headings", "ب ب"), ("truncate_at", "ج ج"),
                                        ("machine_generated", "بالطبع، إليك:")]
    assert unused_rules(CleaningRules(), clean("نص.", CleaningRules())[1]) == []


def test_a_rule_written_with_extra_spaces_counts_as_used():
    rules = CleaningRules(drop_lines=[" إعلان   ممول "], headings=["عنوان  فرعي"])
    _, use = clean("إعلان ممول\nعنوان فرعي\nنص.", rules)
    assert unused_rules(rules, use) == []


# --- the real articles -------------------------------------------------------

def test_real_articles_clean_with_every_rule_used():
    problems = Problems()
    loaded = load_sources(ROOT, problems)
    corpus, rule_use = assemble(loaded)
    assert corpus.articles and set(rule_use) == set(corpus.articles)
    for aid, art in corpus.articles.items():
        assert unused_rules(art.meta.cleaning, rule_use[aid]) == [], aid
        texts_ = [b.text for b in art.blocks]
        assert texts_ and len(texts_) == len(set(texts_)), aid  # no duplicates, something kept
        raw_lines = {" ".join(normalise_line(line).split()) for line in art.raw.splitlines()}
        for b in art.blocks:  # kept whole, never rewritten (a starred heading loses its stars)
            assert b.text in raw_lines or (b.kind == "heading" and any(
                line.startswith("*") and line.strip("* ") == b.text for line in raw_lines)), (aid, b.text)
        assert any(b.machine for b in art.blocks) == bool(art.meta.cleaning.machine_generated), aid


# --- the transparency view: what cleaning did with every raw line ----------------------

def decisions(raw, rules=None, header=()):
    return [(d.number, d.raw, d.kept, d.rule, d.first) for d in explain(raw, rules or CleaningRules(), header)]


def test_explain_names_the_rule_behind_every_line():
    raw = ("العنوان\n\n  نص أول.  \nإعلان\nما رأيك؟\nالقائمة الرئيسية\nتعليقات\nشاركها\n-----\n"
           "اقرأ أيضاً: خبر\nوسوم: دمشق\n*عنوان*\nعنوان فرعي\nنص  أول.\nمقالات مشابهة\nخبر آخر\n\n")
    rules = CleaningRules(drop_lines=["إعلان"], headings=["عنوان فرعي"])
    assert decisions(raw, rules, header=("العنوان",)) == [
        (1, "العنوان", False, cleaning.HEADER, None),
        (2, "", False, cleaning.BLANK, None),
        (3, "  نص أول.  ", True, "", None),
        (4, "إعلان", False, cleaning.DROP, None),
        (5, "ما رأيك؟", False, "poll", None),
        (6, "القائمة الرئيسية", False, "site menu", None),
        (7, "تعليقات", False, "comments heading", None),
        (8, "شاركها", False, "share line", None),
        (9, "-----", False, "separator", None),
        (10, "اقرأ أيضاً: خبر", False, "read-also teaser", None),
        (11, "وسوم: دمشق", False, "tags line", None),
        (12, "*عنوان*", True, cleaning.STARRED, None),
        (13, "عنوان فرعي", True, cleaning.HEADINGS, None),
        (14, "نص  أول.", False, cleaning.DUPLICATE, 3),
        (15, "مقالات مشابهة", False, cleaning.TAIL_MARKER, None),
        (16, "خبر آخر", False, cleaning.AFTER_TAIL, None),
        (17, "", False, cleaning.AFTER_TAIL, None),
    ]
    assert {"poll", "site menu", "comments heading", "share line", "separator", "read-also teaser",
            "tags line"} <= set(cleaning.GENERIC_LINES)


def test_explain_after_truncate_at():
    rules = CleaningRules(truncate_at="المصدر:")
    assert decisions("نص.\nالمصدر: وكالات\nذيل.\n\nنص.", rules) == [
        (1, "نص.", True, "", None), (2, "المصدر: وكالات", False, cleaning.TRUNCATE, None),
        (3, "ذيل.", False, cleaning.AFTER_TRUNCATE, None), (4, "", False, cleaning.AFTER_TRUNCATE, None),
        (5, "نص.", False, cleaning.AFTER_TRUNCATE, None)]


def test_explain_gives_the_same_blocks_as_clean_and_the_kept_lines_blocks():
    rules = CleaningRules(machine_generated=SPAN, headings=["عنوان"])
    raw = "أ.\nعنوان\nبالطبع، إليك:\n*آلي*\nم.\nهل ترغب؟\nأ.\nب."
    ds = explain(raw, rules)
    assert [d.block for d in ds if d.kept] == clean(raw, rules)[0]
    assert [d.kept for d in ds] == [d.block is not None for d in ds] == [True, True, True, True, True, True, False, True]
    assert [d.block.machine for d in ds if d.kept] == [False, False, True, True, True, True, False]
    assert [(d.number, d.rule, d.first) for d in ds if not d.kept] == [(7, cleaning.DUPLICATE, 1)]


def test_explain_on_the_real_articles_accounts_for_every_line():
    loaded = load_sources(ROOT, Problems())
    corpus, _ = assemble(loaded)
    for aid, art in corpus.articles.items():
        m = art.meta
        ds = explain(art.raw, m.cleaning, header=(m.title or "", m.kicker or "", m.subtitle or ""))
        assert [d.number for d in ds] == list(range(1, len(art.raw.splitlines()) + 1)), aid
        assert [d.raw for d in ds] == art.raw.splitlines(), aid
        assert [d.block for d in ds if d.kept] == art.blocks, aid
        assert all(d.rule in cleaning.REMOVING_RULES for d in ds if not d.kept), aid
        for d in ds:
            if d.rule == cleaning.DUPLICATE:
                assert d.first is not None and d.first < d.number, aid


# --- lines that look like chrome: kept, but flagged (the build warns) -------------------

@pytest.mark.parametrize("line,why", [
    ("الرئيسية | سياسة | اقتصاد", "short items separated by | or •"),
    ("• سياسة • اقتصاد", "short items separated by | or •"),
    ("سياسة - اقتصاد - رياضة", "short items separated by dashes"),
    ("www.example.com/news/1", "mostly a web address"),
    ("https://example.com/a/b/c/d/e/f", "mostly a web address"),
    ("© 2024 الموقع", "a copyright notice"),
    ("نص قصير ثم الحقوق محفوظة للجميع في النهاية وبعدها كلام كثير جداً جداً.", "a copyright notice"),
    ("المصادر: رويترز، فرانس برس، الأناضول", "a label followed by a list of short words"),
    ("الخبر منشور فيسبوك ثم تويتر", "names social networks"),
    ("عاجل الآن", "a few words and no punctuation: a widget, an ad or an undeclared subheading"),
    ("أربع كلمات هنا بالضبط", "a few words and no punctuation: a widget, an ad or an undeclared subheading"),
])
def test_suspect_names_why_a_line_looks_like_chrome(line, why):
    assert cleaning.suspect(line) == why


@pytest.mark.parametrize("line", [
    "قال الرئيس إن المفاوضات مستمرة، وإن الوفد سيعود غداً إلى أنقرة.",
    "خمس كلمات هنا بدون ترقيم",  # five words: long enough to be a line of text
    "قال: نعم.",  # punctuated
    "سياسة - اقتصاد - رياضة وثقافة وفنون وأدب",  # an item of more than three words
    "أ | جملة طويلة من ست كلمات هنا",
    "المصادر: رويترز، فرانس برس",  # two items only
    "المصادر: رويترز، فرانس برس، الأناضول.",  # ends a sentence
    "قال أحد المسؤولين الكبار جداً: رويترز، فرانس، الأناضول",  # a long label
    "رابط www.example.com ضمن جملة طويلة جداً تشرح ما حدث في ذلك اليوم بالتفصيل.",
    "فيسبوك وحده لا يكفي ليكون هذا السطر إعلاناً لأنه جملة طويلة ومنقوطة.",
])
def test_journalism_is_not_suspect(line):
    assert cleaning.suspect(line) == ""


def test_a_few_words_read_as_a_heading_are_not_suspect_for_it():
    why = "a few words and no punctuation: a widget, an ad or an undeclared subheading"
    assert cleaning.suspect("عاجل الآن", heading=True) == ""
    assert cleaning.suspect("عاجل الآن") == why
    assert cleaning.suspect("الرئيسية | سياسة | اقتصاد", heading=True) == "short items separated by | or •"


def test_suspect_lines_are_kept_and_reported_with_their_line_numbers():
    raw = "قال الرئيس إن الوفد سيعود.\nعاجل  الآن\n*نص قصير*\nالخبر منشور فيسبوك ثم تويتر"
    blocks, use = clean(raw, CleaningRules())
    assert [b.text for b in blocks] == ["قال الرئيس إن الوفد سيعود.", "عاجل الآن", "نص قصير",
                                        "الخبر منشور فيسبوك ثم تويتر"]
    assert use.suspects == [
        (2, "a few words and no punctuation: a widget, an ad or an undeclared subheading", "عاجل الآن"),
        (4, "names social networks", "الخبر منشور فيسبوك ثم تويتر")]


def test_keep_lines_keeps_a_line_quietly_and_is_reported_when_unused():
    raw = "عاجل الآن\nإعلان\n*عاجل*\nنص."
    rules = CleaningRules(keep_lines=["عاجل  الآن", "إعلان", "*عاجل*"])
    blocks, use = clean(raw, rules)
    assert [(b.kind, b.text) for b in blocks] == [("paragraph", "عاجل الآن"), ("paragraph", "إعلان"),
                                                  ("heading", "عاجل"), ("paragraph", "نص.")]
    assert use.suspects == [] and use.keep_lines == {"عاجل الآن", "إعلان", "*عاجل*"}
    assert [d.rule for d in explain(raw, rules)] == [cleaning.KEEP, cleaning.KEEP, cleaning.STARRED, ""]
    assert unused_rules(rules, use) == []
    rules = CleaningRules(keep_lines=["لا يوجد"])
    assert unused_rules(rules, clean(raw, rules)[1]) == [("keep_lines", "لا يوجد")]


def test_a_kept_line_is_not_a_tail_marker():
    rules = CleaningRules(keep_lines=["مقالات مشابهة"])
    assert [b.text for b in clean("نص.\nمقالات مشابهة\nبعده.", rules)[0]] == ["نص.", "مقالات مشابهة", "بعده."]


def test_a_label_and_its_list_of_short_lines_are_flagged_together():
    raw = "قال الرئيس إن الوفد سيعود.\nاقرأ كذلك:\nخبر أول\nخبر ثان\nخبر ثالث\nقال الوزير إن الأمر انتهى."
    ds = explain(raw, CleaningRules())
    assert [(d.number, d.suspect) for d in ds if d.suspect] == [
        (2, "a label followed by a list of short lines"), (3, "an item of the list under line 2"),
        (4, "an item of the list under line 2"), (5, "an item of the list under line 2")]
    assert all(d.kept for d in ds)


@pytest.mark.parametrize("raw", [
    "قال الرئيس إن الوفد سيعود.\nاقرأ كذلك:\nخبر أول\nقال الوزير إن الأمر انتهى.",  # one item only
    "قال الرئيس إن الوفد سيعود.\nوقال المتحدث باسم الوزارة أمس:\nخبر أول\nخبر ثان",  # a long label
    "اقرأ كذلك:\nخبر أول وثان وثالث ورابع\nخبر ثان\nخبر ثالث",  # the first item is too long
    "اقرأ كذلك:\nخبر أول.\nخبر ثان\nخبر ثالث",  # the first item is a sentence
])
def test_no_list_without_a_short_label_and_two_short_items(raw):
    assert not any(d.suspect.startswith(("a label followed by a list", "an item of the list"))
                   for d in explain(raw, CleaningRules()))


def test_keep_lines_protect_a_label_and_end_its_list():
    raw = "اقرأ كذلك:\nخبر أول\nخبر ثان"
    assert not any(d.suspect for d in explain(raw, CleaningRules(keep_lines=["اقرأ كذلك:"]))
                   if d.number == 1)
    raw = "اقرأ كذلك:\nخبر أول\nخبر ثان\nخبر ثالث"
    flagged = [d.number for d in explain(raw, CleaningRules(keep_lines=["خبر ثان"])) if d.suspect.startswith("an item")]
    assert flagged == []  # the list stops at the kept line, leaving one item: no list


def test_a_most_read_list_goes_with_its_heading():
    items = "\n".join(f"{i}. عنوان خبر رقم {i}" for i in range(1, 13))
    raw = f"نص أول.\nالأكثر قراءة\n{items}\nقال الوزير إن الأمر انتهى."
    ds = explain(raw, CleaningRules())
    assert [(d.number, d.rule) for d in ds if not d.kept] == [(2, "'most read' heading")] + [
        (n, cleaning.MOST_READ_LIST) for n in range(3, 13)]  # ten items at most
    assert [d.block.text for d in ds if d.kept] == ["نص أول.", "11. عنوان خبر رقم 11", "12. عنوان خبر رقم 12",
                                                    "قال الوزير إن الأمر انتهى."]


def test_a_paragraph_ends_a_most_read_list():
    raw = "الأكثر قراءة\n- خبر أول\nقال الوزير إن الأمر انتهى وإن الوفد عاد إلى بلاده بعد مفاوضات طويلة.\n- خبر ثان"
    assert [(d.number, d.rule, d.kept) for d in explain(raw, CleaningRules())] == [
        (1, "'most read' heading", False), (2, cleaning.MOST_READ_LIST, False), (3, "", True), (4, "", True)]


def test_the_items_of_a_most_read_list_are_explained_as_written():
    raw = "الأكثر قراءة\n  - خبر  أول\n2. خبر ثان"
    assert decisions(raw) == [(1, "الأكثر قراءة", False, "'most read' heading", None),
                              (2, "  - خبر  أول", False, cleaning.MOST_READ_LIST, None),
                              (3, "2. خبر ثان", False, cleaning.MOST_READ_LIST, None)]


def test_lines_the_article_rules_name_are_not_most_read_items_and_end_the_list():
    raw = "الأكثر قراءة\nعنوان فرعي\n- خبر"
    ds = explain(raw, CleaningRules(headings=["عنوان فرعي"]))
    assert [(d.number, d.rule) for d in ds] == [(1, "'most read' heading"), (2, cleaning.HEADINGS), (3, "")]
    raw = "الأكثر قراءة\n- خبر أول\nإعلان مدفوع\n- خبر ثان"
    ds = explain(raw, CleaningRules(drop_lines=["إعلان مدفوع"]))
    assert [(d.number, d.rule) for d in ds] == [(1, "'most read' heading"), (2, cleaning.MOST_READ_LIST),
                                                (3, cleaning.DROP), (4, cleaning.MOST_READ_LIST)]


# --- the limits of each "looks like chrome" shape ------------------------------------------

W = "كلمة"


def words_(n):
    return " ".join([W] * n)


@pytest.mark.parametrize("line,why", [
    (f"{words_(5)} | {words_(5)}", "short items separated by | or •"),  # items of five words at most
    (f"{words_(6)} | {words_(5)}", ""),
    (f"{words_(3)} - {words_(3)} - {words_(3)}", "short items separated by dashes"),
    (f"{words_(4)} - {words_(3)} - {words_(3)}", ""),
    ("a" * 18 + " https://e.co/xxxxx", "mostly a web address"),  # the address is half the line
    ("a" * 19 + " https://e.co/xxxxx", ""),
    (f"{words_(3)}: أ، ب، ج", "a label followed by a list of short words"),
    (f"{words_(4)}: أ، ب، ج", ""),
    (f"عن: {words_(3)}، ب، ج", "a label followed by a list of short words"),
    (f"عن: {words_(4)}، ب، ج", ""),
    ("عن: أ، ب، ج: د", "a label followed by a list of short words"),  # the first colon is the label's
    (f"فيسبوك تويتر {words_(18)}", "names social networks"),  # twenty words at most
    (f"فيسبوك تويتر {words_(19)}", ""),
])
def test_limits_of_each_shape(line, why):
    assert cleaning.suspect(line) == why


def test_one_menu_item_alone_is_not_a_menu():
    assert cleaning.suspect(f"{words_(5)} | ") != "short items separated by | or •"
    assert cleaning.suspect(f"{words_(6)} |") == ""


@pytest.mark.parametrize("raw,flagged", [
    (f"{words_(4)}:\nأ ب ج\nد ه و", [1, 2, 3]),  # a label of four words, items of three
    (f"{words_(5)}:\nأ ب ج\nد ه و", []),
    (f"قائمة:\n{words_(4)}\nد ه و\nز ح", []),  # the first item is too long: no list
    ("قائمة:\nأ ب\nد ه:\nز ح", []),  # an item ending in ':' ends the list
    ("قائمة:\nأ ب\nد ه.\nز ح", []),  # so does one ending a sentence
    ("قائمة:\nأ ب\nد ه\nز ح", [1, 2, 3, 4]),
    ("قائمة:\nأ ب\nقائمة ثانية:\nد ه\nز ح", [3, 4, 5]),  # each label is looked at
])
def test_limits_of_a_label_and_its_list(raw, flagged):
    ds = explain(raw, CleaningRules())
    assert [d.number for d in ds if d.suspect.startswith(("a label followed by a list", "an item of the list"))] \
        == flagged


@pytest.mark.parametrize("item,removed", [
    (words_(14), True),  # a headline of fourteen words
    (words_(15), False),  # fifteen: a paragraph
    (f"{words_(3)}.", False),  # a sentence
    (f"{words_(3)}:", False),
    (f"- {words_(20)}.", True),  # a bullet makes it an item whatever its length
    (f"3) {words_(20)}.", True),
])
def test_what_reads_as_an_item_of_a_most_read_list(item, removed):
    ds = explain(f"الأكثر قراءة\n{item}", CleaningRules())
    assert (ds[1].rule == cleaning.MOST_READ_LIST) == removed


def test_a_most_read_heading_without_a_list_removes_only_itself():
    ds = explain("الأكثر قراءة\nقال الوزير إن الأمر انتهى.", CleaningRules())
    assert [(d.rule, d.kept) for d in ds] == [("'most read' heading", False), ("", True)]
    assert [d.raw for d in ds] == ["الأكثر قراءة", "قال الوزير إن الأمر انتهى."]


def test_a_kept_line_keeps_its_machine_flag_and_number():
    rules = CleaningRules(machine_generated=SPAN, keep_lines=["عاجل"])
    ds = explain("أ.\nبالطبع، إليك:\nعاجل\nهل ترغب؟", rules)
    kept = [d for d in ds if d.rule == cleaning.KEEP]
    assert [(d.number, d.raw, d.block.machine, d.suspect) for d in kept] == [(3, "عاجل", True, "")]


def test_a_starred_heading_named_in_keep_lines_is_not_suspect():
    ds = explain("*عاجل الآن*", CleaningRules(keep_lines=["*عاجل الآن*"]))
    assert [(d.rule, d.suspect) for d in ds] == [(cleaning.STARRED, "")]
    ds = explain("*المصادر: رويترز، فرانس، الأناضول*", CleaningRules())
    assert ds[0].suspect == "a label followed by a list of short words"
    ds = explain("*المصادر: رويترز، فرانس، الأناضول*", CleaningRules(keep_lines=["*المصادر: رويترز، فرانس، الأناضول*"]))
    assert ds[0].suspect == ""
