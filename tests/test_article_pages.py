"""Every journalism paragraph of every article is on its page, in order; no boilerplate is.

What counts as boilerplate is written here by hand, from reading the raw
articles, independently of the cleaning rules in sources/: the page must agree
with it. An article added later without an entry here is still checked by the
tests that hold for every article (raw file untouched, lines kept whole and in
order); `tests/test_sixth_article.py` shows how a new article brings its own
hand-written expectation and reuses the helpers below.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
import pytest
import yaml
from conftest import ROOT

ARTICLE_IDS = sorted(p.stem for p in (ROOT / "sources" / "articles").glob("*.yml"))


@dataclass(frozen=True)
class Case:
    """What a reader must not see on an article's page, read by hand from its raw text."""

    boilerplate: list[str] = field(default_factory=list)  # whole lines that are not journalism
    tail: str | None = None  # first line of an appended tail: it and everything after it go
    header: list[str] = field(default_factory=list)  # title and kicker: shown once, in the header


CASES = {
    "964-saqr-baghdad-tehran-contacts": Case(
        ["964", "مسؤولون عراقيون: الأسد لم يستجب للمطالب خلال وساطة بغد...",
         "مسؤولون عراقيون: الأسد لم يستجب للمطالب خلال وساطة بغداد بين أنقرة ودمشق",
         "انتهى حزب البعث العربي الاشتراكي إلى الأبد", "ما رأيك؟"],
        None,
        ['"الاتصالات بالروس لم تكن مثمرة"', "ماذا دار بين دمشق وبغداد وطهران قبل سقوط الأسد؟ مدير مكتبه يروي التفاصيل"],
    ),
    "saqr-podcast-palace-last-moments": Case(
        ["اقرأ أيضاً: الحكومة الانتقالية تعدّل المناهج وتلغي عقوبات بحق العاملين…",
         "أخبار سورياالقصر الجمهوريالنظام السوريحكم الأسدسوريا"],
        None,
        ["تسريبات من القصر الجمهوري.. كواليس اللحظات الأخيرة في حكم بشار الأسد"],
    ),
    "reuters-assad-sought-help-sada-elbalad": Case(
        [],
        "كلمات دلالية: سوريا بشار الأسد لافروف الساعات الأخيرة خروج بشار الأسد المزيد مع هیئة تحریر الشام بشار الأسد",
        [],
    ),
    "aljazeera-assad-last-days-contacts": Case(["عروض سياحية اقتصادية", "نسخ الرابط :"]),
    # The chatbot's wrapper lines are not boilerplate: they show what the text is (framed below).
    "blog-assad-putin-rupture": Case(["القائمة الرئيسية", "الصفحات", "---", "تعليقات", "close", "التنقل السريع"]),
}
SUBHEADINGS = {
    "saqr-podcast-palace-last-moments": ["مغادرة القصر في أجواء من الترقب", "لقاء غير مثمر في موسكو",
                                         "العراق يمنع عبور المساعدات الإيرانية", "عزلة سياسية وتوتر مع الحلفاء",
                                         "رفض لقاء أردوغان", "شعور الأسد بالعزلة"],
    "aljazeera-assad-last-days-contacts": ["استجداء الأسد تركيا"],
    "blog-assad-putin-rupture": ["بشار الأسد وبوتين: لحظات الانكسار وكواليس الهروب", "انهيار الثقة بين الحليفين",
                                 "عزلة الأسد السياسية", "الرحلة إلى موسكو: طلب النجدة", "لحظة الانكسار", "ماذا بعد؟"],
}
# Hand-written cases for articles that are in sources/ (an entry never fails for a removed article).
KNOWN = [aid for aid in CASES if aid in ARTICLE_IDS]
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"))


def raw_of(aid: str, root: Path = ROOT) -> str:
    """The raw text as kept in sources/ (untouched: see test_raw_files_are_untouched)."""
    return (root / "sources" / "articles" / f"{aid}.txt").read_text("utf-8")


def fold(s: str) -> str:
    return " ".join(s.translate(_INVISIBLE).split())


def expected_journalism(raw: str, case: Case) -> list[str]:
    """Non-empty raw lines minus boilerplate, header and the appended tail; repeats once."""
    out: list[str] = []
    removed = set(map(fold, case.boilerplate + case.header))
    for line in (fold(x) for x in raw.splitlines()):
        if case.tail and line == fold(case.tail):
            break
        if line and line not in removed and line not in out:
            out.append(line.strip("*").strip())
    return out


_LABEL = "//*[contains(concat(' ', normalize-space(@class), ' '), ' dossier-machine-label ')]"


def source_text(el) -> str:
    """An element's text as the source wrote it: without our labels (machine text) or permalinks."""
    if el.xpath("." + _LABEL):
        el = copy.deepcopy(el)
        for label in el.xpath("." + _LABEL):
            label.drop_tree()
    return fold(el.text_content()).rstrip("¶").strip()


def article_blocks(site: Path, aid: str) -> list[tuple[str, str]]:
    doc = lxml.html.parse(str(site / "articles" / aid / "index.html")).getroot()
    article = doc.xpath("//article")[0]
    return [(el.tag, source_text(el)) for el in article.iter("p", "h1", "h2", "h3", "li", "td")]


def body_blocks(site: Path, aid: str) -> list[str]:
    """The article's own text: paragraphs and subheadings under «النص», up to the next section."""
    blocks, inside = [], False
    doc = lxml.html.parse(str(site / "articles" / aid / "index.html")).getroot()
    for el in doc.xpath("//article")[0].iter("p", "h2", "h3"):
        text = source_text(el)
        if el.tag == "h2":
            if inside:
                break
            inside = text == "النص"
        elif inside and "admonition-title" not in (el.get("class") or ""):
            blocks.append(text)
    assert blocks, f"{aid}: no article text found under «النص»"
    return blocks


def check_journalism_in_order(site: Path, aid: str, raw: str, case: Case, minimum: int = 1) -> None:
    texts = [t for _, t in article_blocks(site, aid)]
    expected = expected_journalism(raw, case)
    assert len(expected) >= minimum, expected
    pos = 0
    for para in expected:
        assert para in texts[pos:], f"{aid}: missing or out of order: {para[:60]}"
        pos = texts.index(para, pos) + 1


def check_no_boilerplate(site: Path, aid: str, raw: str, case: Case) -> None:
    texts = [t for _, t in article_blocks(site, aid)]
    page = " ".join(texts)
    for line in map(fold, case.boilerplate):
        assert line not in texts, line
        if len(line) > 20:
            assert line not in page, line
    if case.tail:
        for line in map(fold, raw[raw.index(case.tail):].splitlines()):
            if len(line) > 12:
                assert line not in page, line
    for line in map(fold, case.header):  # title and kicker: in the header once, not again in the body
        assert texts.count(line) == 1, line


@pytest.mark.parametrize("aid", KNOWN)
def test_every_journalism_paragraph_in_order(site, aid):
    check_journalism_in_order(site, aid, raw_of(aid), CASES[aid], minimum=8)


@pytest.mark.parametrize("aid", KNOWN)
def test_no_boilerplate(site, aid):
    check_no_boilerplate(site, aid, raw_of(aid), CASES[aid])


@pytest.mark.parametrize("aid", [a for a in SUBHEADINGS if a in ARTICLE_IDS])
def test_subheadings_are_headings(site, aid):
    headings = [t for tag, t in article_blocks(site, aid) if tag == "h3"]
    assert headings == SUBHEADINGS[aid]


@pytest.mark.parametrize("aid", ARTICLE_IDS)
def test_text_is_raw_lines_whole_and_in_order(site, aid):
    """Every article, hand-checked or not: cleaning removes lines, never rewrites or reorders them."""
    lines = [fold(x) for x in raw_of(aid).splitlines()]
    pos = 0
    for block in body_blocks(site, aid):
        candidates = [i for i in range(pos, len(lines)) if block in (lines[i], lines[i].strip("*").strip())]
        assert candidates, f"{aid}: not a whole raw line, or out of order: {block[:60]}"
        pos = candidates[0] + 1


@pytest.mark.parametrize("aid", ARTICLE_IDS)
def test_raw_files_are_untouched(aid):
    """Raw articles are never edited: each is the file whose sha256 its metadata records."""
    meta = yaml.safe_load((ROOT / "sources" / "articles" / f"{aid}.yml").read_text("utf-8"))
    digest = hashlib.sha256((ROOT / "sources" / "articles" / f"{aid}.txt").read_bytes()).hexdigest()
    assert digest == meta["sha256"], aid


def test_machine_text_is_framed(site):
    if "blog-assad-putin-rupture" not in ARTICLE_IDS:
        pytest.skip("the blog with machine text is not in sources/")
    doc = lxml.html.parse(str(site / "articles" / "blog-assad-putin-rupture" / "index.html")).getroot()
    boxed = " ".join(fold(el.text_content()) for el in doc.xpath("//div[contains(@class,'admonition warning')]"))
    assert "لطالما اعتُبرت روسيا الحليف الأبرز للنظام السوري" in boxed
    assert "بالطبع، إليك مقالًا تحليليًا منسقًا بعنوان:" in boxed  # the chatbot's own words, kept as proof
    assert "يمكنني مساعدتك بذلك أيضًا." in boxed
    assert "حاول بشار الأسد الاتصال بالرئيس الروسي أكثر من مرة" not in boxed  # the blog's own lines stay outside
