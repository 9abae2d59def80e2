"""Cleaning an editor can trust: the generic rules for the chrome Arabic news sites carry, each on
real-world-like lines; the journalism lines that only resemble chrome stay; and a kept line that
looks like chrome but matches no rule is warned about, naming its file and line.

Fast and in process (no site build), except the last tests, which run `check` on a project copy.
"""

from __future__ import annotations

import hashlib
import re

import pytest
from conftest import ROOT, cli
from test_article_pages import CASES, KNOWN, expected_journalism, raw_of

from build_tools import cleaning, labels
from build_tools.assemble import article_header, assemble
from build_tools.cleaning import clean, explain, suspect, unused_rules
from build_tools.load import load_sources
from build_tools.model import CleaningRules
from build_tools.problems import Problems

P = "قال صقر إن اللقاء تأخر."
AFTER = "وأضاف أن الرد لم يأت."

# Lines as Arabic news sites print them, by the rule that must remove each.
EXAMPLES = {
    "site menu": ["الرئيسية", "الصفحة الرئيسية", "اتصل بنا", "من نحن", "سياسة الخصوصية", "تسجيل الدخول"],
    "comments heading": ["التعليقات", "أضف تعليقك", "اترك تعليقاً"],
    "share line": ["شارك هذا الخبر: فيسبوك تويتر واتساب", "شارك على فيسبوك تويتر واتساب", "شارك الخبر",
                   "شارك الخبر مع أصدقائك", "شاركها على: فيسبوك | تويتر | واتساب | تيليجرام",
                   "شارك عبر: Facebook Twitter WhatsApp", "شارك هذا المقال"],
    "menu bar": ["الرئيسية | أخبار | سياسة | اقتصاد | رياضة", "• سياسة • اقتصاد", "أخبار | سياسة | منوعات |",
                 "الرئيسية • عربي ودولي • اقتصاد • رياضة", "| الرئيسية | فيديو | صور |"],
    "read-also teaser": ["شاهد أيضاً: فيديو من دمشق", "طالع أيضا: ماذا قال الأسد", "قد يهمك:", "اقرأ ايضا"],
    "related-stories line": ["أخبار ذات صلة وزيرا خارجية فرنسا وسوريا يلتقيان موفدا أميركيا",
                             "مقالات ذات صلة: الأسد في موسكو"],
    "tags line": ["الوسوم: سوريا بشار الأسد", "وسوم: دمشق", "الوسوم", "كلمات مفتاحية: روسيا، إيران",
                  "الكلمات الدلالية: الأسد", "الكلمات المفتاحية : الأسد", "كلمات دلالية: سوريا روسيا",
                  "Tags: Syria, Assad"],
    "copyright line": ["© 2024 صدى البلد. جميع الحقوق محفوظة", "جميع الحقوق محفوظة لموقع الجزيرة نت ©2024",
                       "صدى البلد - جميع الحقوق محفوظة 2024", "حقوق النشر محفوظة 2024",
                       "Copyright © 2024 Al Jazeera Media Network", "جميع الحقوق محفوظة"],
    "byline": ["كتب: محمد أحمد", "بقلم: سارة علي", "بقلم أحمد حسن", "كتبت: منى سعيد", "إعداد: فريق التحرير"],
    "date stamp": ["آخر تحديث: 08 ديسمبر 2024 - 10:30 ص", "تاريخ النشر: 2024/12/08", "نُشر في 08/12/2024",
                   "منذ 3 ساعات", "منذ ساعتين", "تاريخ النشر: الأحد 8 كانون الأول 2024"],
    "'most read' heading": ["الأكثر قراءة", "الأكثر مشاهدة", "الأخبار الأكثر قراءة", "الأكثر قراءة اليوم"],
    "newsletter or app prompt": ["اشترك في النشرة البريدية لتصلك آخر الأخبار", "اشترك في نشرتنا البريدية",
                                 "حمّل تطبيق الجزيرة", "النشرة البريدية", "أدخل بريدك الإلكتروني"],
    "follow-us prompt": ["تابعونا على فيسبوك", "تابعنا على تويتر", "تابعوا آخر الأخبار عبر قناتنا على تيليجرام",
                         "انضم إلى قناتنا على واتساب", "للمزيد من الأخبار تابعونا عبر فيسبوك"],
    "advertisement": ["إعلان", "محتوى ممول", "Advertisement"],
}
# Journalism that shares words with the rules above: it stays.
JOURNALISM = [
    "الوسوم التي يستخدمها الناشطون تكشف الكثير.", "شارك التقرير في إعداده صحفيون من دمشق.",
    "قال الوزير إن جميع الحقوق محفوظة للشعب السوري.", "حقوق النشر في سوريا تعرضت لانتهاكات.",
    "كتب الرئيس رسالة إلى بوتين", "بقلم رصاص كتب الطالب رسالته.", "نشر في 2023 كتاباً عن سوريا",
    "الأكثر قراءة في سوريا هي صحيفة الوطن.", "اشترك في المفاوضات ممثلو نشرة الأخبار.",
    "تابعنا على مدى أيام تطورات المعركة.", "شارك في اللقاء وزير الخارجية.", "مقالات مشابهة نشرت قبل أسبوع.",
    "أخبار ذات صلة بالحرب وصلت إلى القصر.", "إعلان الحكومة الانتقالية جاء بعد أيام.", "منذ ثلاث ساعات وصل الوفد.",
]


def decided(raw: str, rules: CleaningRules | None = None) -> list[tuple[str, str]]:
    return [(d.block.text if d.block else "-", d.rule) for d in explain(raw, rules or CleaningRules())]


@pytest.mark.parametrize("rule,line", [(r, x) for r, xs in EXAMPLES.items() for x in xs])
def test_each_generic_rule_removes_its_lines_and_names_itself(rule, line):
    assert decided(f"{P}\n{line}\n{AFTER}") == [(P, ""), ("-", rule), (AFTER, "")]
    assert rule in cleaning.GENERIC_LINES and rule in labels.CLEANING_RULE_AR


def test_every_generic_rule_has_examples_here():
    assert set(cleaning.GENERIC_LINES) - {"poll", "separator"} <= set(EXAMPLES)


@pytest.mark.parametrize("line", JOURNALISM)
def test_journalism_that_shares_their_words_stays(line):
    assert [text for text, _ in decided(f"{P}\n{line}")] == [P, line]


def test_a_most_read_list_goes_with_its_heading_until_the_first_paragraph():
    raw = (f"{P}\nالأكثر قراءة\n1. عنوان خبر آخر عن الأسد\n\n• عنوان ثان\nعنوان ثالث بلا رقم\nإعلان\n"
           f"{AFTER}\nسطر قصير بعد الفقرة")
    assert decided(raw) == [
        (P, ""), ("-", "'most read' heading"), ("-", "'most read' list"), ("-", "blank line"),
        ("-", "'most read' list"), ("-", "'most read' list"), ("-", "advertisement"), (AFTER, ""),
        ("سطر قصير بعد الفقرة", "")]


def test_a_most_read_list_has_at_most_ten_items_and_spares_declared_headings():
    items = "\n".join(f"عنوان رقم {i}" for i in range(12))
    rules = CleaningRules(headings=["عنوان رقم 3"])
    got = decided(f"الأكثر مشاهدة\n{items}", rules)
    assert got[1:4] == [("-", "'most read' list")] * 3 and got[4] == ("عنوان رقم 3", "headings")
    got = decided(f"الأكثر مشاهدة\n{items}")
    assert [r for _, r in got].count("'most read' list") == cleaning.MOST_READ_ITEMS


def test_keep_lines_rescues_journalism_from_a_generic_rule_and_is_reported_when_unused():
    rules = CleaningRules(keep_lines=["إعلان", "سطر لا يوجد"])
    assert decided(f"{P}\nإعلان", rules) == [(P, ""), ("إعلان", "keep_lines")]
    _, use = clean(f"{P}\nإعلان", rules)
    assert unused_rules(rules, use) == [("keep_lines", "سطر لا يوجد")]


# --- lines that look like chrome: warned about, not removed ---------------------------------

@pytest.mark.parametrize("line,why", [
    ("الرئيسية | من نحن", "short items separated by | or •"),
    ("سياسة • اقتصاد", "short items separated by | or •"),
    ("سياسة - اقتصاد - رياضة", "short items separated by dashes"),
    ("https://www.example.com/news/12345", "mostly a web address"),
    ("المصدر: https://www.sadaelbalad.com/article/123456", "mostly a web address"),
    ("صدى البلد © 2024 — " + "نقل المحتوى أو إعادة نشره دون إذن مكتوب من إدارة الموقع ممنوع، ويعرض صاحبه "
     "للمساءلة القانونية وفق القوانين المعمول بها في جمهورية مصر العربية.", "a copyright notice"),
    ("مواضيع: سوريا، روسيا، إيران، تركيا", "a label followed by a list of short words"),
    ("فيسبوك تويتر يوتيوب إنستغرام", "names social networks"),
    ("عروض سياحية اقتصادية", "a few words and no punctuation: a widget, an ad or an undeclared subheading"),
])
def test_a_line_that_looks_like_chrome_is_kept_and_flagged(line, why):
    assert suspect(line) == why
    (decision,) = [d for d in explain(f"{P}\n{line}", CleaningRules()) if d.number == 2]
    assert decision.kept and decision.suspect == why
    assert clean(f"{P}\n{line}", CleaningRules())[1].suspects == [(2, why, line)]


def test_a_label_line_and_the_short_lines_under_it_are_flagged():
    raw = f"{P}\nمواضيع:\nسوريا\nروسيا\nإيران\n{AFTER}"
    flagged = {d.number: d.suspect for d in explain(raw, CleaningRules()) if d.suspect}
    assert flagged == {2: "a label followed by a list of short lines", 3: "an item of the list under line 2",
                       4: "an item of the list under line 2", 5: "an item of the list under line 2"}


@pytest.mark.parametrize("line", [P, "المصدر: صدى البلد", "دمشق (الاتحاد)", "وقال: «لا»، ثم غادر.",
                                  "كامل صقر – مدير المكتب الإعلامي للرئاسة السورية سابقاً، في حديث مع الإعلامي"])
def test_ordinary_text_is_not_flagged(line):
    assert suspect(line) == ""


def test_declared_headings_starred_headings_and_kept_lines_are_not_flagged():
    rules = CleaningRules(headings=["عزلة سياسية"], keep_lines=["الرئيسية | من نحن"])
    decisions = explain("عزلة سياسية\n*لحظة الانكسار*\nالرئيسية | من نحن", rules)
    assert [d.suspect for d in decisions] == ["", "", ""] and all(d.kept for d in decisions)


# --- the real articles -------------------------------------------------------------------

@pytest.fixture(scope="module")
def real():
    problems = Problems()
    loaded = load_sources(ROOT, problems)
    return loaded, assemble(loaded)


@pytest.mark.parametrize("aid", KNOWN)
def test_every_journalism_paragraph_of_the_real_articles_is_still_kept(real, aid):
    """The hand-read expectations of test_article_pages, without building the site: no rule removes journalism."""
    _, (corpus, _) = real
    texts = [b.text for b in corpus.articles[aid].blocks]
    missing = [p for p in expected_journalism(raw_of(aid), CASES[aid]) if p not in texts]
    assert not missing, missing


def test_no_real_article_has_a_line_that_looks_like_chrome(real):
    _, (corpus, rule_use) = real
    assert corpus.articles
    for aid, art in corpus.articles.items():
        assert rule_use[aid].suspects == [], aid
        assert not [d for d in explain(art.raw, art.meta.cleaning, article_header(art.meta)) if d.suspect], aid


# --- the warning, end to end ------------------------------------------------------------------

AID = "saqr-podcast-palace-last-moments"
TXT = f"sources/articles/{AID}.txt"
YML = f"sources/articles/{AID}.yml"


def add_line(project, line: str) -> int:
    """Append ``line`` to a raw article (as a new scrape would have it); return its line number."""
    raw = (project / TXT).read_bytes() + f"\n{line}\n".encode()
    (project / TXT).write_bytes(raw)
    yml = (project / YML).read_text("utf-8")
    (project / YML).write_text(re.sub(r"^sha256: \w+$", f"sha256: {hashlib.sha256(raw).hexdigest()}", yml,
                                      flags=re.MULTILINE), "utf-8")
    return len(raw.decode().splitlines())


def test_check_warns_about_the_line_and_the_editor_silences_it_either_way(project):
    n = add_line(project, "الرئيسية | من نحن")
    result = cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert (f"{TXT}:{n}:1: warning: line looks like site boilerplate (short items separated by | or •): "
            f"«الرئيسية | من نحن» — add it to cleaning.drop_lines in {YML} if it is not journalism (to "
            "cleaning.headings if it is a subheading, to cleaning.keep_lines if it is text)") in result.stderr
    assert cli(project, "check", "--strict").returncode == 1
    yml = (project / YML).read_text("utf-8")
    (project / YML).write_text(yml.replace("  drop_lines:\n", '  drop_lines:\n    - "الرئيسية | من نحن"\n'), "utf-8")
    assert cli(project, "check", "--strict").returncode == 0
    (project / YML).write_text(yml + '  keep_lines:\n    - "الرئيسية | من نحن"\n', "utf-8")
    assert cli(project, "check", "--strict").returncode == 0
