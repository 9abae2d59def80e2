"""Arabic words the site uses for the model's values, shared by pages and feeds.

Counts agree with their number through CLDR's Arabic plural rules (zero, one,
two, few, many, other), as Babel knows them, not through hand-written
conditions.
"""

from __future__ import annotations

from babel import Locale

from . import model

_ARABIC = Locale.parse("ar")

STANCE_AR = {"asserts": "يؤكد", "contradicts": "ينفي", "different-value": "يعطي رواية مختلفة", "silent": "لا يذكر"}
STANCE_MARK = {"asserts": "✔", "contradicts": "✘", "different-value": "≠", "silent": "—"}
CERTAINTY_AR = {"confirmed": "مؤكد: أصلان مستقلان أو أكثر", "reported": "منقول عن أصل واحد",
                "disputed": "موضع خلاف بين المصادر"}
INFERRED_AR = "تاريخ استنتجناه، لا تذكره المصادر نصاً"
PROVENANCE_AR = {
    "news-report": "تقرير إخباري لصحفيي الوسيلة نفسها",
    "first-hand-interview": "مقابلة مباشرة مع شاهد",
    "eyewitness-report": "رواية شاهد عيان",
    "official-statement-relayed": "بيان أو تصريح رسمي تنقله وسيلة إعلام",
    "podcast-write-up": "تلخيص مكتوب لحلقة بودكاست",
    "wire-report-relayed": "تقرير وكالة أنباء منقول عبر موقع آخر",
    "unnamed-sources": "مصادر لم تُسمَّ",
    "blog-with-machine-text": "مدونة تتضمن نصاً مولّداً آلياً",
}
OUTLET_KIND_AR = {"news-site": "موقع إخباري", "news-agency": "وكالة أنباء", "broadcaster": "محطة بث",
                  "podcast": "بودكاست", "blog": "مدونة", "unknown": "غير معروف"}
MACHINE_AR = "نص مولّد آلياً، ليس دليلاً"
# The transparency view: why cleaning removed a raw line, or how it read a kept one
# (keys: the rule names of cleaning.py; a test checks that every rule has its words).
CLEANING_RULE_AR = {
    "blank line": "سطر فارغ",
    "drop_lines": "سطر حذفته قاعدة خاصة بهذه المادة (drop_lines)",
    "title shown in header": "العنوان أو ما فوقه وتحته، معروض في رأس الصفحة",
    "duplicate of an earlier line": "تكرار لسطر سابق",
    "truncate_at": "سطر القطع الخاص بهذه المادة (truncate_at): يُحذف هو وكل ما بعده",
    "after truncate_at": "بعد سطر القطع (truncate_at)",
    "'related articles' marker": "عنوان قائمة «مقالات ذات صلة»: يُحذف هو وكل ما بعده",
    "after a 'related articles' marker": "بعد عنوان قائمة «مقالات ذات صلة»",
    "poll": "استطلاع رأي من الموقع",
    "site menu": "قائمة الموقع",
    "comments heading": "عنوان قسم التعليقات",
    "share line": "سطر المشاركة ونسخ الرابط",
    "separator": "خط فاصل",
    "read-also teaser": "رابط «اقرأ أيضاً» إلى مادة أخرى",
    "tags line": "سطر الوسوم",
    "menu bar": "شريط قائمة الموقع (عناصر قصيرة بينها | أو •)",
    "related-stories line": "سطر «أخبار ذات صلة» بعناوين مواد أخرى",
    "copyright line": "سطر حقوق النشر",
    "byline": "سطر اسم الكاتب أو المعدّ",
    "date stamp": "سطر تاريخ النشر أو التحديث، أو «منذ ساعات»",
    "'most read' heading": "عنوان قائمة «الأكثر قراءة»",
    "'most read' list": "عنوان مادة أخرى في قائمة «الأكثر قراءة»",
    "newsletter or app prompt": "دعوة إلى الاشتراك في النشرة البريدية أو إلى تحميل التطبيق",
    "follow-us prompt": "دعوة إلى متابعة الموقع على الشبكات الاجتماعية",
    "advertisement": "إعلان",
    "keep_lines": "سطر يشبه عناصر الموقع لكنه من المادة (قاعدة خاصة بهذه المادة: keep_lines)",
    "headings": "عنوان فرعي (قاعدة خاصة بهذه المادة)",
    "*starred* line": "عنوان فرعي (سطر بين نجمتين)",
}
WORKING_TITLE_AR = "عنوان وصفي من التحرير"

# Each noun in the six CLDR forms; {n} is the number.
NOUNS = {
    "origin": {"zero": "لا أصل مستقلاً", "one": "أصل مستقل واحد", "two": "أصلان مستقلان",
               "few": "{n} أصول مستقلة", "many": "{n} أصلاً مستقلاً", "other": "{n} أصل مستقل"},
    "article": {"zero": "لا مادة", "one": "مادة واحدة", "two": "مادتان",
                "few": "{n} مواد", "many": "{n} مادة", "other": "{n} مادة"},
    "line": {"zero": "لا سطر", "one": "سطر واحد", "two": "سطران",
             "few": "{n} أسطر", "many": "{n} سطراً", "other": "{n} سطر"},
}


def plural(n: int, noun: str) -> str:
    """'أصلان مستقلان', '3 أصول مستقلة', '11 مادة': the noun in the form Arabic uses for ``n``."""
    return NOUNS[noun][_ARABIC.plural_form(n)].format(n=n)


def article_title(article: model.CleanArticle) -> str:
    """The source's headline, or our working title marked as ours: never mistaken for a headline."""
    if article.meta.title:
        return article.meta.title
    return f"{article.meta.working_title or article.meta.id} [{WORKING_TITLE_AR}]"
