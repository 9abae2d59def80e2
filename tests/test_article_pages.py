"""Every journalism paragraph of every seed is on its page, in order; no boilerplate is.

What counts as boilerplate is written here by hand, from reading the seeds,
independently of the cleaning rules in sources/: the page must agree with it.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"

# article id -> (seed file, boilerplate lines, first line of an appended tail, header lines)
CASES = {
    "964-saqr-baghdad-tehran-contacts": (
        "000_24570202730660b2.txt",
        ["964", "مسؤولون عراقيون: الأسد لم يستجب للمطالب خلال وساطة بغد...",
         "مسؤولون عراقيون: الأسد لم يستجب للمطالب خلال وساطة بغداد بين أنقرة ودمشق",
         "انتهى حزب البعث العربي الاشتراكي إلى الأبد", "ما رأيك؟"],
        None,
        ['"الاتصالات بالروس لم تكن مثمرة"', "ماذا دار بين دمشق وبغداد وطهران قبل سقوط الأسد؟ مدير مكتبه يروي التفاصيل"],
    ),
    "saqr-podcast-palace-last-moments": (
        "001_db88dd64a8148d3e.txt",
        ["اقرأ أيضاً: الحكومة الانتقالية تعدّل المناهج وتلغي عقوبات بحق العاملين…",
         "أخبار سورياالقصر الجمهوريالنظام السوريحكم الأسدسوريا"],
        None,
        ["تسريبات من القصر الجمهوري.. كواليس اللحظات الأخيرة في حكم بشار الأسد"],
    ),
    "reuters-assad-sought-help-sada-elbalad": (
        "002_e8335f8f5c2f468e.txt", [],
        "كلمات دلالية: سوريا بشار الأسد لافروف الساعات الأخيرة خروج بشار الأسد المزيد مع هیئة تحریر الشام بشار الأسد",
        [],
    ),
    "aljazeera-assad-last-days-contacts": (
        "003_4da58059eb1a1826.txt", ["عروض سياحية اقتصادية", "نسخ الرابط :"], None, [],
    ),
    "blog-assad-putin-rupture": (
        "004_4fe88e4cc8fbf696.txt",
        ["القائمة الرئيسية", "الصفحات", "بالطبع، إليك مقالًا تحليليًا منسقًا بعنوان:", "---",
         "هل ترغب بنسخة مختصرة للنشر على وسائل التواصل؟ أو تحويل المقال إلى فيديو نصي بصيغة تعليق صوتي؟ يمكنني مساعدتك بذلك أيضًا.",
         "تعليقات", "close", "التنقل السريع"],
        None, [],
    ),
}
SUBHEADINGS = {
    "saqr-podcast-palace-last-moments": ["مغادرة القصر في أجواء من الترقب", "لقاء غير مثمر في موسكو",
                                         "العراق يمنع عبور المساعدات الإيرانية", "عزلة سياسية وتوتر مع الحلفاء",
                                         "رفض لقاء أردوغان", "شعور الأسد بالعزلة"],
    "aljazeera-assad-last-days-contacts": ["استجداء الأسد تركيا"],
    "blog-assad-putin-rupture": ["بشار الأسد وبوتين: لحظات الانكسار وكواليس الهروب", "انهيار الثقة بين الحليفين",
                                 "عزلة الأسد السياسية", "الرحلة إلى موسكو: طلب النجدة", "لحظة الانكسار", "ماذا بعد؟"],
}


def raw_of(seed: str) -> str:
    """The raw text as kept in sources/ (a byte copy of the seed, checked below)."""
    aid = next(a for a, case in CASES.items() if case[0] == seed)
    return (ROOT / "sources" / "articles" / f"{aid}.txt").read_text("utf-8")


def fold(s: str) -> str:
    return " ".join(s.split())


def expected_journalism(seed: str, boilerplate: list[str], tail: str | None, header: list[str]) -> list[str]:
    """Non-empty seed lines minus boilerplate, header and the appended tail; repeats once."""
    out: list[str] = []
    for line in (fold(x) for x in raw_of(seed).splitlines()):
        if tail and line == fold(tail):
            break
        if line and line not in map(fold, boilerplate + header) and line not in out:
            out.append(line.strip("*").strip())
    return out


def article_blocks(site: Path, aid: str) -> list[tuple[str, str]]:
    doc = lxml.html.parse(str(site / "articles" / aid / "index.html")).getroot()
    article = doc.xpath("//article")[0]
    return [(el.tag, fold(el.text_content()).rstrip("¶").strip())
            for el in article.iter("p", "h1", "h2", "h3", "li", "td")]


@pytest.mark.parametrize("aid", CASES)
def test_every_journalism_paragraph_in_order(site, aid):
    seed, boilerplate, tail, header = CASES[aid]
    texts = [t for _, t in article_blocks(site, aid)]
    expected = expected_journalism(seed, boilerplate, tail, header)
    assert len(expected) >= 8
    pos = 0
    for para in expected:
        assert para in texts[pos:], f"missing or out of order: {para[:60]}"
        pos = texts.index(para, pos) + 1


@pytest.mark.parametrize("aid", CASES)
def test_no_boilerplate(site, aid):
    seed, boilerplate, tail, header = CASES[aid]
    blocks = article_blocks(site, aid)
    texts = [t for _, t in blocks]
    page = " ".join(texts)
    for line in map(fold, boilerplate):
        assert line not in texts, line
        if len(line) > 20:
            assert line not in page, line
    if tail:
        raw = raw_of(seed)
        for line in map(fold, raw[raw.index(tail):].splitlines()):
            if len(line) > 12:
                assert line not in page, line
    for line in map(fold, header):  # title and kicker: in the header once, not again in the body
        assert texts.count(line) == 1, line


@pytest.mark.parametrize("aid", SUBHEADINGS)
def test_subheadings_are_headings(site, aid):
    headings = [t for tag, t in article_blocks(site, aid) if tag == "h3"]
    assert headings == SUBHEADINGS[aid]


def test_machine_text_is_framed(site):
    doc = lxml.html.parse(str(site / "articles" / "blog-assad-putin-rupture" / "index.html")).getroot()
    boxed = " ".join(fold(el.text_content()) for el in doc.xpath("//div[contains(@class,'admonition warning')]"))
    assert "لطالما اعتُبرت روسيا الحليف الأبرز للنظام السوري" in boxed
    assert "حاول بشار الأسد الاتصال بالرئيس الروسي أكثر من مرة" not in boxed  # the blog's own lines stay outside


def test_seeds_copied_byte_for_byte():
    for aid, (seed, *_rest) in CASES.items():
        assert (ROOT / "sources" / "articles" / f"{aid}.txt").read_bytes() == (SEEDS / seed).read_bytes()
