"""Cleaning: raw scraped text in, journalism blocks out. Pure functions.

Generic rules cover boilerplate common to Arabic news sites and blogs; what
is specific to one source lives in that article's ``cleaning:`` rules. Every
kept line is kept whole and in order: cleaning removes, it never rewrites.

A kept line that *looks* like site chrome but matches no rule is not removed
(a rule that guesses would delete journalism) but flagged (``suspect``), and
the build warns about it: nothing is published silently.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field

from .model import Block, CleaningRules

# Pieces of the patterns below. Lines are matched after trimming and folding whitespace.
_SEP = "|•·▪◦●■"  # what separates the items of a menu bar
_ITEM = rf"[^\s{_SEP}.،؛؟!:\"«»“”][^{_SEP}.،؛؟!:\"«»“”]{{0,29}}"  # one short menu item, no sentence punctuation
_ALSO = r"[اأإ]يضا[ًً]?"
_NETWORKS = (r"(?:فيسبوك|فيس ?بوك|تويتر|إكس|واتساب|واتس ?[آا]ب|تيليجرام|تيليغرام|تلغرام|تلجرام|لينكد ?[إا]ن|"
             r"[إا]نستغرام|[إا]نستجرام|يوتيوب|تيك ?توك|ماسنجر|(?i:facebook|twitter|whatsapp|telegram|linkedin|"
             r"instagram|youtube|tiktok|messenger|x|email)|البريد الإلكتروني|بريد إلكتروني)")
_MONTHS = (r"(?:يناير|فبراير|مارس|أبريل|إبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر|كانون|شباط|آذار|"
           r"نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين|الأول|الثاني|السبت|الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|"
           r"الخميس|الجمعة)")
# One token of a date or time as sites print it: numbers, separators, month and day names, ص/م.
_DATE_TOKEN = rf"(?:[0-9٠-٩]+|[/:\-–.,،|]|{_MONTHS}|ص|م|هـ|الساعة|بتوقيت \S+|(?i:am|pm|gmt|utc))"
_UNITS = r"(?:ثانية|ثوان[ٍي]?|دقيقة|دقيقتين|دقائق|ساعة|ساعتين|ساعات|يوم|يومين|أيام|أسبوع|أسبوعين|أسابيع|شهر|شهرين|أشهر|سنة|سنتين|سنوات)"

# Generic rules, each with the name the transparency view shows (and CONTRIBUTING lists): a
# whole line that is site chrome, never journalism, goes. Each pattern is matched at the start
# of the line; those ending in `$` must match the whole line, the others (teasers, tag lists,
# share lines) remove the whole line they start. Order matters only for the name shown.
GENERIC_LINES: dict[str, re.Pattern[str]] = {
    "poll": re.compile(r"^ما رأيك\s*؟$"),
    "site menu": re.compile(
        r"^(?:القائمة الرئيسية|القائمة|الرئيسية|الصفحة الرئيسية|الصفحات|الأقسام|التنقل السريع|المزيد|بحث|ابحث|"
        r"تسجيل الدخول|اتصل بنا|من نحن|سياسة الخصوصية|شروط الاستخدام|close|menu|home)$"),
    "comments heading": re.compile(r"^(?:تعليقات|التعليقات|(?:أضف|اترك|اكتب) تعليق(?:اً|ًا|ا|ك)?|comments)$"),
    "share line": re.compile(
        r"^(?:نسخ الرابط\s*:?|شارك(?:ها)?|مشاركة"
        r"|شارك(?:وا|ي)? (?:هذا|هذه) (?:الخبر|المقال|الموضوع|التقرير|المادة|القصة)(?:\s|:|$).*"
        r"|شارك(?:وا|ي)? (?:الخبر|المقال|الموضوع|التقرير|المادة|القصة)(?:\s*:.*|| مع (?:أصدقائك|الأصدقاء).*"
        r"| (?:على|عبر) .*)"
        rf"|(?:شارك(?:ها|وا)?|انشر|مشاركة|(?i:share))(?: (?:على|عبر|(?i:on|via)))?\s*:?\s*{_NETWORKS}"
        rf"(?:[\s،,|•/]*(?:و ?)?{_NETWORKS})*\s*)$"),
    "separator": re.compile(r"^[-—_*=•·]{3,}$"),
    "menu bar": re.compile(rf"^(?:[{_SEP}]\s*{_ITEM}(?:\s*[{_SEP}]\s*{_ITEM})+|{_ITEM}(?:\s*[{_SEP}]\s*{_ITEM}){{2,}})"
                           rf"\s*[{_SEP}]?$"),
    "read-also teaser": re.compile(rf"^(?:[اإأ]قرأ|شاهد|طالع) {_ALSO}(?:\s|:|$)|^قد (?:يهمك|يعجبك|تهمك)(?: {_ALSO})?\s*(?::|$)"),
    # Headlines of other stories run together after the words "related news"; a sentence ends with a full stop.
    "related-stories line": re.compile(r"^(?:أخبار|مقالات|مواضيع|موضوعات) ذات صلة(?:\s*:\s*\S.*|\s+[^.]*[^.\s])$"),
    # "Keywords" never opens a sentence; "tags" may ("الوسوم التي…"): it needs its colon or a line of its own.
    "tags line": re.compile(r"^(?:ال)?كلمات (?:ال)?(?:دلالية|مفتاحية|دالة)(?:\s|:|$)"
                            r"|^(?:(?:ال)?وسوم|الوسم|(?i:tags?|keywords))\s*(?::|$)"),
    # A copyright notice opens or closes the line; "all rights reserved" inside a sentence is journalism.
    "copyright line": re.compile(r"^(?=.{0,160}$)(?:(?i:copyright|\(c\) ?[0-9])|حقوق (?:النشر|الطبع)(?: والنشر| والطبع)? محفوظة"
                                 r"|(?:جميع|كل) الحقوق محفوظة|.*©|.*(?:جميع|كل) الحقوق محفوظة[\s.،0-9٠-٩©-]*$)"),
    "byline": re.compile(r"^(?:(?:كتب|كتبت|كتبه|كتابة|إعداد|اعداد|تحرير|بواسطة|المحرر|المراسل|(?i:by))\s*:|بقلم\s*:?)"
                         r"\s*[^.،؛؟!:]{2,50}$"),
    "date stamp": re.compile(r"^(?:(?:آخر تحديث|تاريخ النشر|تاريخ التحديث|نشر في|نُشر في|تم النشر|تم التحديث|منشور في|"
                             rf"(?i:published|updated|last updated))\s*:?(?:\s*{_DATE_TOKEN})+"
                             rf"|(?:منذ|قبل) (?:[0-9٠-٩]+ )?{_UNITS})\s*$"),
    "'most read' heading": re.compile(r"^(?:(?:ال)?(?:أخبار|مقالات|مواضيع|فيديوهات) )?الأكثر (?:قراءة|قراءةً|مشاهدة|"
                                      r"تداولا[ًً]?|شعبية|تعليقا[ًً]?|مشاركة|زيارة)(?: (?:اليوم|الآن|هذا الأسبوع))?\s*:?$"),
    "newsletter or app prompt": re.compile(
        r"^(?:(?:اشترك|اشتركي|اشتركوا|سجّ?ل|سجلوا)(?: الآن)?(?: مجانا[ًً]?)? (?:في |ب|إلى |الى )?(?:ال)?"
        r"(?:نشرة|نشرتنا|نشرات|القائمة البريدية)|(?:أدخل|ادخل) بريدك"
        r"|(?:النشرة البريدية|النشرة الإخبارية|(?i:newsletter))\s*:?$"
        r"|(?:حمّ?ل|نزّ?ل|حمّ?لوا|نزّ?لوا) (?:ال)?تطبيق|(?:ال)?تطبيق \S+(?: \S+)? (?:متوفر|متاح) (?:الآن )?على"
        r"|(?i:subscribe|sign up)\b)"),
    # "تابعنا" is also "we followed": only with a network or our page after it is it a prompt.
    "follow-us prompt": re.compile(
        rf"^(?:(?:تابعونا|تابعنا|تابعوا|تابعوني)\s*(?::|على|عبر|في)?\s*(?:{_NETWORKS}|(?:صفحت|قنات|حساب|موقع)نا)"
        r"|تابعونا\s*:?$|انضم(?:وا)? (?:إلى|الى|ل) ?(?:قناتنا|مجموعتنا|صفحتنا)"
        rf"|(?:تابعوا|تابعونا|للمزيد|لمتابعة) .{{0,50}}(?:على|عبر) (?:{_NETWORKS}|(?:صفحت|قنات|حساب|موقع)نا)"
        r"|(?i:follow us))"),
    "advertisement": re.compile(r"^(?:إعلان|إعلانات|اعلان|اعلانات|مساحة إعلانية|محتوى (?:مدفوع|ممول|إعلاني)"
                                r"|(?i:advertisement|sponsored|ad))$"),
}
# Lines after which a page only lists other stories: they and the rest go.
TAIL_MARKERS = re.compile(r"^(?:مقالات مشابهة|أخبار ذات صلة|اقرأ المزيد|مواضيع ذات صلة)\s*:?$")
# After a "most read" heading, its list: items that read as headlines (a bullet or a number
# first, or a short line not ending a sentence), at most this many; the first paragraph ends it.
MOST_READ = "'most read' heading"
MOST_READ_ITEMS = 10
_LIST_ITEM = re.compile(r"^(?:[-–—•·▪◦●■*]|[0-9٠-٩]{1,2}\s*[-.)])\s*\S")
# Chatbots mark headings as *bold*; a whole line so wrapped is a subheading.
STARRED_HEADING = re.compile(r"^\*([^*]+)\*$")
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"))
# The same characters as a class: on Arabic lines, where they are rare, one regex pass is ten times
# faster than str.translate, which looks up every character in its table.
_INVISIBLE = re.compile("[" + "".join(map(chr, INVISIBLE)) + "]")


@dataclass
class RuleUse:
    """Which per-article rules matched, so stale rules can be reported, and which kept lines look like chrome."""

    drop_lines: set[str] = field(default_factory=set)
    headings: set[str] = field(default_factory=set)
    keep_lines: set[str] = field(default_factory=set)
    truncate_at: bool = False
    machine_start: bool = False
    machine_end: bool = False
    suspects: list[tuple[int, str, str]] = field(default_factory=list)  # (line number, why, text)


def normalise_line(line: str) -> str:
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", line)).strip()


def _fold(text: str) -> str:
    return " ".join(text.split())


# Why a line was removed, when no generic rule of GENERIC_LINES did it.
BLANK = "blank line"
DROP = "drop_lines"  # this article's rule
HEADER = "title shown in header"
DUPLICATE = "duplicate of an earlier line"
TRUNCATE = "truncate_at"  # this article's rule: the line it names...
AFTER_TRUNCATE = "after truncate_at"  # ...and everything after it
TAIL_MARKER = "'related articles' marker"
AFTER_TAIL = "after a 'related articles' marker"
MOST_READ_LIST = "'most read' list"
# How a kept line was read, when not as a plain paragraph.
HEADINGS = "headings"  # this article's rule
STARRED = "*starred* line"
KEEP = "keep_lines"  # this article's rule: journalism that looks like chrome, kept and not warned about
REMOVING_RULES = (BLANK, DROP, HEADER, *GENERIC_LINES, MOST_READ_LIST, DUPLICATE, TRUNCATE, AFTER_TRUNCATE,
                  TAIL_MARKER, AFTER_TAIL)
KEEPING_RULES = (HEADINGS, STARRED, KEEP)
PER_ARTICLE_RULES = (DROP, TRUNCATE, AFTER_TRUNCATE, HEADINGS, KEEP)


@dataclass(frozen=True, slots=True)  # one per raw line of every article: no per-object dict
class LineDecision:
    """What cleaning did with one raw line, and which rule decided it."""

    number: int  # 1-based, as an editor counts the lines of the .txt file
    raw: str  # the line exactly as collected
    block: Block | None  # what it became on the page; None when it was removed
    rule: str = ""  # the rule that removed it; for a kept line, how it was read ("" = paragraph)
    first: int | None = None  # for a duplicate: the line it repeats
    suspect: str = ""  # for a kept line: why it looks like site chrome that no rule removed

    @property
    def kept(self) -> bool:
        return self.block is not None


def clean(raw: str, rules: CleaningRules, header: tuple[str, ...] = ()) -> tuple[list[Block], RuleUse]:
    """Return the journalism of ``raw`` as blocks, and which rules were used.

    ``header`` holds the title, kicker and subtitle: shown in the page
    header, so their lines are not repeated in the body.
    """
    # Each line's decision is not kept: held for every article until the pages are rendered, the
    # decisions would be the build's largest structure (a copy of every raw text); the transparency
    # page explains its article again (``explain``), in a worker process.
    decisions, use = _decide(raw, rules, header)
    return [d.block for d in decisions if d.block is not None], use


def explain(raw: str, rules: CleaningRules, header: tuple[str, ...] = ()) -> list[LineDecision]:
    """Every raw line with what cleaning did to it: the transparency view.

    The kept lines' blocks are exactly what ``clean`` returns: both are one pass.
    """
    return _decide(raw, rules, header)[0]


def _decide(raw: str, rules: CleaningRules, header: tuple[str, ...]) -> tuple[list[LineDecision], RuleUse]:
    use = RuleUse()
    drop = {_fold(x) for x in rules.drop_lines}
    keep = {_fold(x) for x in rules.keep_lines}
    headings = {_fold(x) for x in rules.headings}
    header_lines = {_fold(x) for x in header if x}
    span = rules.machine_generated
    out: list[LineDecision] = []
    seen: dict[str, int] = {}
    in_machine = False
    ended = ""  # once set, the rule that removes every remaining line
    most_read = 0  # items a "most read" list may still have
    declared = drop | headings  # lines this article's rules name are never list items
    for number, original in enumerate(raw.splitlines(), 1):
        if ended:
            out.append(LineDecision(number, original, None, ended))
            continue
        folded = _fold(normalise_line(original))
        if not folded:
            out.append(LineDecision(number, original, None, BLANK))
            continue
        if rules.truncate_at and folded.startswith(_fold(rules.truncate_at)):
            use.truncate_at = True
            out.append(LineDecision(number, original, None, TRUNCATE))
            ended = AFTER_TRUNCATE
            continue
        if folded in keep:
            use.keep_lines.add(folded)
        elif TAIL_MARKERS.match(folded):
            out.append(LineDecision(number, original, None, TAIL_MARKER))
            ended = AFTER_TAIL
            continue
        elif most_read and folded not in declared and _list_item(folded) and not _generic(folded):
            most_read -= 1
            out.append(LineDecision(number, original, None, MOST_READ_LIST))
            continue
        # The chatbot's own wrapper lines are the visible proof of what the text is: they
        # stay, inside the machine-generated block they open and close.
        closing = False
        if span and folded == _fold(span.start):
            use.machine_start, in_machine = True, True
        elif span and in_machine and folded == _fold(span.end):
            use.machine_end, closing = True, True
        decision = _line(number, original, folded, drop, keep, headings, header_lines, seen, use, in_machine)
        if decision.rule == MOST_READ:
            most_read = MOST_READ_ITEMS
        elif decision.kept:  # a paragraph ends the list; chrome inside it (a separator, an ad) does not
            most_read = 0
        out.append(decision)
        in_machine = in_machine and not closing
    out = _label_lists(out, keep)
    use.suspects = [(d.number, d.suspect, _fold(normalise_line(d.raw))) for d in out if d.suspect]
    return out, use


def _generic(folded: str) -> str:
    """The name of the generic rule that removes this line, or ""."""
    return next((name for name, pattern in GENERIC_LINES.items() if pattern.match(folded)), "")


def _list_item(folded: str) -> bool:
    """Whether a line reads as an item of a list of headlines, not as a paragraph."""
    return bool(_LIST_ITEM.match(folded)) or (len(folded.split()) <= 14 and not folded.endswith((".", ":")))


def _line(number: int, original: str, folded: str, drop: set[str], keep: set[str], headings: set[str],
          header_lines: set[str], seen: dict[str, int], use: RuleUse, machine: bool) -> LineDecision:
    """The decision on one non-blank line before any end marker."""
    if folded in drop:
        use.drop_lines.add(folded)
        return LineDecision(number, original, None, DROP)
    if folded in header_lines:
        return LineDecision(number, original, None, HEADER)
    rule = "" if folded in keep else _generic(folded)
    if rule:
        return LineDecision(number, original, None, rule)
    if folded in seen:  # scrapes repeat lead paragraphs; keep the first
        return LineDecision(number, original, None, DUPLICATE, seen[folded])
    seen[folded] = number
    if folded in headings:
        use.headings.add(folded)
        return LineDecision(number, original, Block("heading", folded, machine), HEADINGS)
    starred = STARRED_HEADING.match(folded)
    if starred:
        text = starred.group(1).strip()
        return LineDecision(number, original, Block("heading", text, machine), STARRED,
                            suspect="" if folded in keep else suspect(text, heading=True))
    if folded in keep:
        return LineDecision(number, original, Block("paragraph", folded, machine), KEEP)
    return LineDecision(number, original, Block("paragraph", folded, machine), suspect=suspect(folded))


# --- lines that look like chrome ---------------------------------------------------------

_SEP_SPLIT = re.compile(f"[{re.escape(_SEP)}]")
_DASH_SPLIT = re.compile(r"\s[-–—]\s")
_LIST_SPLIT = re.compile(r"[،,|•·/؛;]|\s[-–—]\s")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_PUNCTUATION = re.compile(r"[.,،؛;:؟?!()«»\"“”'’\[\]…]")
_NETWORK = re.compile(rf"(?<!\w){_NETWORKS}(?!\w)")


def _words(text: str) -> int:
    return len(text.split())


def suspect(line: str, heading: bool = False) -> str:
    """Why a kept line looks like site chrome that no generic rule removed; "" if it does not.

    Only shapes that journalism hardly ever takes: a sentence is long and punctuated,
    a menu, a link, a tag list or a copyright notice is not. A few unpunctuated words
    are a widget, an ad or a subheading: ``heading`` says the line is read as one already.
    """
    items = [x.strip() for x in _SEP_SPLIT.split(line)]
    filled = [x for x in items if x]
    if len(items) > 1 and len(filled) >= 2 and all(_words(x) <= 5 for x in filled):
        return "short items separated by | or •"
    dashed = [x.strip() for x in _DASH_SPLIT.split(line)]
    if len(dashed) >= 3 and all(0 < _words(x) <= 3 for x in dashed):
        return "short items separated by dashes"
    address = sum(len(m.group()) for m in _URL.finditer(line))
    if address and address * 2 >= len(line.replace(" ", "")):
        return "mostly a web address"
    if "©" in line or "الحقوق محفوظة" in line:
        return "a copyright notice"
    label, colon, rest = line.partition(":")
    if colon and rest.strip() and _words(label) <= 3:
        parts = [x.strip() for x in _LIST_SPLIT.split(rest)]
        if len(parts) >= 3 and all(0 < _words(x) <= 3 and not x.endswith(".") for x in parts):
            return "a label followed by a list of short words"
    if _words(line) <= 20 and len({m.group() for m in _NETWORK.finditer(line)}) >= 2:
        return "names social networks"
    if not heading and _words(line) <= 4 and not _PUNCTUATION.search(line):
        return "a few words and no punctuation: a widget, an ad or an undeclared subheading"
    return ""


def _label_lists(decisions: list[LineDecision], keep: set[str]) -> list[LineDecision]:
    """Flag a short kept line ending in ':' that two or more short kept lines follow: a label and its list."""
    kept = [i for i, d in enumerate(decisions) if d.block is not None and d.block.kind == "paragraph"]
    out = list(decisions)
    for pos, i in enumerate(kept):
        text = decisions[i].block.text  # type: ignore[union-attr]
        if not text.endswith(":") or _words(text) > 4 or text in keep:
            continue
        items = []
        for j in kept[pos + 1:]:
            item = decisions[j].block.text  # type: ignore[union-attr]
            if _words(item) > 3 or item.endswith((".", ":")) or item in keep:
                break
            items.append(j)
        if len(items) < 2:
            continue
        for j in [i, *items]:  # the list explains them better than their shortness does
            why = ("a label followed by a list of short lines" if j == i
                   else f"an item of the list under line {decisions[i].number}")
            out[j] = dataclasses.replace(out[j], suspect=why)
    return out


def unused_rules(rules: CleaningRules, use: RuleUse) -> list[tuple[str, str]]:
    """(field, value) of every per-article rule that matched nothing."""
    out = [("drop_lines", x) for x in rules.drop_lines if _fold(x) not in use.drop_lines]
    out += [("headings", x) for x in rules.headings if _fold(x) not in use.headings]
    out += [("keep_lines", x) for x in rules.keep_lines if _fold(x) not in use.keep_lines]
    if rules.truncate_at and not use.truncate_at:
        out.append(("truncate_at", rules.truncate_at))
    if rules.machine_generated and not (use.machine_start and use.machine_end):
        out.append(("machine_generated", rules.machine_generated.start))
    return out
