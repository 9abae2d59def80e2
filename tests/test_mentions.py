"""Mention matching on real sentences from the seeds: prefixes, hamza forms, namesakes."""

from __future__ import annotations

import pytest

from build_tools.arabic import fold
from build_tools.load import load_sources
from build_tools.mentions import build_name_table, find_mentions
from build_tools.model import Block, Person, Role
from build_tools.problems import Problems
from conftest import ROOT


@pytest.fixture(scope="module")
def table():
    people = load_sources(ROOT, Problems()).registries["people"]
    return build_name_table(people)


def who(sentence: str, table) -> list[tuple[str, str]]:
    return [(m.person, m.surface) for m in find_mentions("a", [Block("paragraph", sentence)], table)]


def test_sons_in_the_964_account(table):
    s = "بالإضافة لأولاده حافظ وكريم، كريم كان قد عاد معنا من موسكو على الطائرة نفسها قبل أسبوع"
    assert who(s, table) == [("hafez-bashar-al-assad", "حافظ"), ("karim-bashar-al-assad", "وكريم"),
                             ("karim-bashar-al-assad", "كريم")]


@pytest.mark.parametrize("sentence,person,surface", [
    ("حصل تأخير في لقاء الأسد ببوتين ولم تحصل الاستجابة المطلوبة", "vladimir-putin", "ببوتين"),
    ("أتى الأسد الرد من الفريق الرئاسي لبوتين بكلمات صادمـ ـة", "vladimir-putin", "لبوتين"),
    ("وقال ثلاثة أعضاء من الدائرة الداخلية للأسد إنه أراد في البداية اللجوء", "bashar-al-assad", "للأسد"),
    ("وإثر ذلك، نقلت وسائل إعلام روسيّة أنباء تفيد بأن موسكو وفرت اللجوء السياسي للأسد وعائلته", "bashar-al-assad", "للأسد"),
    ("ولجأ الأسد إلى رئيس الحكومة العراقية محمد شياع السوداني", "mohammed-shia-al-sudani", "محمد شياع السوداني"),
    ("وبرر للسوداني عدم استجابته لوساطته الأولى", "mohammed-shia-al-sudani", "للسوداني"),
    ("فإن وزير خارجية النظام السوري بسام الصباغ ناقش مع رئيس الحكومة العراقية", "bassam-sabbagh", "بسام الصباغ"),
    ("قادها وزير الخارجية السوري، بسام صباغ، ومعاونه حبيب عباس", "bassam-sabbagh", "بسام صباغ"),
])
def test_attached_prefixes(table, sentence, person, surface):
    assert (person, surface) in who(sentence, table)


def test_longest_name_wins_over_its_parts(table):
    s = "الأولى زيارة وزير الخارجية عباس عراقجي المعلنة"
    assert who(s, table) == [("abbas-araghchi", "عباس عراقجي")]
    s = "قادها وزير الخارجية السوري، بسام صباغ، ومعاونه حبيب عباس، بزيارة إلى بغداد"
    assert who(s, table) == [("bassam-sabbagh", "بسام صباغ"), ("habib-abbas", "حبيب عباس")]


def test_hamza_diacritics_and_tatweel_are_folded():
    people = {"fuad-hussein": Person("fuad-hussein", "فواد حسين", "Fuad Hussein", []),  # typed without hamza
              "erdogan": Person("erdogan", "اردوغان", "Erdogan", [])}
    t = build_name_table(people)
    assert who("كما أبلغ وزير الخارجية العراقي فؤاد حسين، نظيره السوري ومعاونه", t) == [("fuad-hussein", "فؤاد حسين")]
    assert who("بأن الرئيس أردوغان أبلغ الطرف العراقي", t) == [("erdogan", "أردوغان")]
    assert who("الرئيس أرْدوغـان", t) == [("erdogan", "أرْدوغـان")]
    assert fold("أُجل") == fold("اجل")


def test_namesakes_do_not_merge():
    people = {
        "hafez-al-assad": Person("hafez-al-assad", "حافظ الأسد", "Hafez al-Assad", [Role("رئيس سوريا")]),
        "hafez-bashar-al-assad": Person("hafez-bashar-al-assad", "حافظ بشار الأسد", "Hafez", [], ["حافظ"]),
        "bashar-al-assad": Person("bashar-al-assad", "بشار الأسد", "Bashar", [], ["الأسد"]),
    }
    t = build_name_table(people)
    assert who("منهيا حكم عائلته منذ أيام حافظ الأسد", t) == [("hafez-al-assad", "حافظ الأسد")]
    assert who("بالإضافة لأولاده حافظ وكريم", t) == [("hafez-bashar-al-assad", "حافظ")]


def test_words_that_merely_contain_a_name_are_not_mentions(table):
    assert who("بعد يوم من هجوم الفصائل المسلحة على محافظة حلب الشمالية", table) == []


def test_mention_sentence_is_verbatim(table):
    text = ("أصبح سقوط الأسد محسوماً منذ بداية مساء يوم السبت، وكانت آخر مرة تم الاتصال فيها مع الأسد. "
            "حالة الانسحاب هذه تدل على أن الأمر غير مقنع.")
    ms = find_mentions("a", [Block("paragraph", text)], table)
    assert ms and all(m.sentence in text for m in ms)
    assert ms[0].sentence.endswith("مع الأسد.")
