"""Arabic folding for name matching: spelling variants fold together, nothing else does."""

from __future__ import annotations

import unicodedata

import pytest

from build_tools.arabic import cores, fold, name_key, words


@pytest.mark.parametrize("variant,plain", [
    ("أحمد", "احمد"),  # alef with hamza above
    ("إبراهيم", "ابراهيم"),  # alef with hamza below
    ("آل", "ال"),  # alef with madda
    ("ٱلله", "الله"),  # alef wasla
    ("مصطفى", "مصطفي"),  # alef maqsura
    ("رئيس", "رييس"),  # yeh with hamza above
    ("علی", "علي"),  # Persian yeh
    ("مؤتمر", "موتمر"),  # waw with hamza above
    ("حماة", "حماه"),  # taa marbuta
    ("کامل", "كامل"),  # Persian kaf
])
def test_letter_variants_fold_to_one_form(variant, plain):
    assert fold(variant) == plain
    assert fold(plain) == plain


@pytest.mark.parametrize("marked,plain", [
    ("بَشّار", "بشار"),  # fatha, shadda
    ("الأَسَدُ", "الاسد"),  # fatha, damma, with a hamza form
    ("كِتابٌ", "كتاب"),  # kasra, dammatan
    ("شكراً", "شكرا"),  # fathatan
    ("بابٍ", "باب"),  # kasratan
    ("قُلْ", "قل"),  # damma, sukun
    ("هٰذا", "هذا"),  # superscript alef
    ("صقـــر", "صقر"),  # tatweel
    ("محمد\u0610", "محمد"),  # honorific sign (Quranic mark range U+0610-U+061A)
    ("محمد\u061a", "محمد"),
    ("قال\u06d6", "قال"),  # Quranic annotation marks U+06D6-U+06ED
    ("قال\u06ed", "قال"),
    ("قال\u065f", "قال"),  # wavy hamza below: last of U+064B-U+065F
])
def test_diacritics_and_tatweel_are_removed(marked, plain):
    assert fold(marked) == plain


def test_decomposed_text_is_composed_before_folding():
    # alef + combining hamza above (NFD of أ) folds like the precomposed letter
    decomposed = unicodedata.normalize("NFD", "أردوغان")
    assert decomposed != "أردوغان"
    assert fold(decomposed) == fold("أردوغان") == "اردوغان"
    # A composed letter outside the folding table keeps its identity: heh with yeh above
    # (U+06C0) is heh goal + hamza above when decomposed, and is not heh goal.
    assert fold("\u06d5\u0654") == "\u06c0"


def test_folding_leaves_other_letters_digits_and_punctuation_alone():
    text = "قال بوتين، في 2024: «لا» - Putin."
    assert fold(text) == text
    assert fold("") == ""


def test_words_give_folded_words_with_offsets_in_the_original():
    text = "قالَ الرئيسُ أردوغـان: نعم."
    ws = words(text)
    assert [w for w, _, _ in ws] == ["قال", "الرييس", "اردوغان", "نعم"]
    for w, start, end in ws:
        assert fold(text[start:end]) == w
    # offsets cover the marks and tatweel inside words, so quotes are verbatim
    assert [text[s:e] for _, s, e in ws] == ["قالَ", "الرئيسُ", "أردوغـان", "نعم"]


def test_words_keep_latin_in_both_cases_and_digits():
    assert words("Bashar AL-ASSAD met putin in 2024") == [
        ("Bashar", 0, 6), ("AL", 7, 9), ("ASSAD", 10, 15), ("met", 16, 19), ("putin", 20, 25),
        ("in", 26, 28), ("2024", 29, 33)]


def test_words_split_on_arabic_punctuation_and_spaces():
    assert [w for w, _, _ in words("الأسد،بوتين؛لافروف؟ نعم\nلا\tربما")] == [
        "الاسد", "بوتين", "لافروف", "نعم", "لا", "ربما"]
    assert words("  ،؛.!  ") == []


def test_words_include_extended_arabic_letters():
    # Persian/Urdu letters (U+066E-U+06D3 and U+06FA-U+06FF) belong to words
    ws = words("پوتین گفت ۺ")
    assert [w for w, _, _ in ws] == ["پوتين", "گفت", "ۺ"]


def test_cores_strip_each_attached_prefix():
    assert cores("الأسد") == ["الأسد", "أسد"]
    assert set(cores(fold("بالأسد"))) == {"بالاسد", "الاسد", "اسد"}
    assert set(cores("وبوتين")) == {"وبوتين", "بوتين", "وتين"}
    assert set(cores("فلافروف")) == {"فلافروف", "لافروف", "افروف"}
    assert set(cores("كالأسد")) == {"كالأسد", "الأسد", "أسد"}
    assert set(cores("وكالاسد")) == {"وكالاسد", "كالاسد", "الاسد", "اسد"}
    assert set(cores("فبالاسد")) == {"فبالاسد", "بالاسد", "الاسد", "اسد"}
    assert cores("بوتين")[0] == "بوتين"  # the word itself always comes first


def test_lil_stands_for_li_plus_the_article():
    assert set(cores("للأسد")) == {"للأسد", "لأسد", "الأسد", "أسد"}
    assert set(cores("وللسوداني")) == {"وللسوداني", "للسوداني", "لسوداني", "السوداني", "سوداني"}
    assert set(cores("فللرئيس")) == {"فللرئيس", "للرئيس", "لرئيس", "الرئيس", "رئيس"}


def test_cores_keep_at_least_two_letters():
    assert set(cores("ولد")) == {"ولد", "لد"}  # و + two letters: stripped
    assert cores("وب") == ["وب"]  # و + one letter: a word, not a prefix
    assert set(cores("بال")) == {"بال", "ال"}
    assert cores("ال") == ["ال"]
    assert cores("للي") == ["للي", "لي"]  # لل + one letter: not ل + ال + it


def test_cores_of_a_word_without_prefix():
    assert cores("حافظ") == ["حافظ"]
    assert cores("Putin") == ["Putin"]


def test_name_key_is_the_folded_words():
    assert name_key("حافظ بشار الأسد") == ("حافظ", "بشار", "الاسد")
    assert name_key(" فؤاد  حسين ") == ("فواد", "حسين")
    assert name_key("عبد الله") == name_key("عبدُ اللّه")
    assert name_key("") == () and name_key("—") == ()
