"""Cleaning: raw scraped text in, journalism blocks out. Pure functions.

Generic rules cover boilerplate common to Arabic news sites and blogs; what
is specific to one source lives in that article's ``cleaning:`` rules. Every
kept line is kept whole and in order: cleaning removes, it never rewrites.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .model import Block, CleaningRules

# Generic rules, each with the name the transparency view shows: a whole line that
# is site chrome, never journalism, goes. Each pattern is matched at the start of
# the line; those ending in `$` must match the whole line, the others (teasers, tag
# lists) remove the whole line they start.
GENERIC_LINES: dict[str, re.Pattern[str]] = {
    "poll": re.compile(r"^ما رأيك\s*؟$"),
    "site menu": re.compile(r"^(?:القائمة الرئيسية|الصفحات|التنقل السريع|المزيد|close)$"),
    "comments heading": re.compile(r"^تعليقات$"),
    "share line": re.compile(r"^(?:نسخ الرابط\s*:?|شارك(?:ها)?)$"),
    "separator": re.compile(r"^[-—_*=•·]{3,}$"),
    "read-also teaser": re.compile(r"^[اإأ]قرأ أيضا[ًً]?\s*:?"),
    "tags line": re.compile(r"^(?:كلمات دلالية|الكلمات المفتاحية|وسوم)\s*:?"),
}
# Lines after which a page only lists other stories: they and the rest go.
TAIL_MARKERS = re.compile(r"^(?:مقالات مشابهة|أخبار ذات صلة|اقرأ المزيد|مواضيع ذات صلة)\s*:?$")
# Chatbots mark headings as *bold*; a whole line so wrapped is a subheading.
STARRED_HEADING = re.compile(r"^\*([^*]+)\*$")
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"))


@dataclass
class RuleUse:
    """Which per-article rules matched, so stale rules can be reported."""

    drop_lines: set[str] = field(default_factory=set)
    headings: set[str] = field(default_factory=set)
    truncate_at: bool = False
    machine_start: bool = False
    machine_end: bool = False


def normalise_line(line: str) -> str:
    return unicodedata.normalize("NFC", line).translate(INVISIBLE).strip()


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
# How a kept line was read, when not as a plain paragraph.
HEADINGS = "headings"  # this article's rule
STARRED = "*starred* line"
REMOVING_RULES = (BLANK, DROP, HEADER, *GENERIC_LINES, DUPLICATE, TRUNCATE, AFTER_TRUNCATE, TAIL_MARKER, AFTER_TAIL)
PER_ARTICLE_RULES = (DROP, TRUNCATE, AFTER_TRUNCATE, HEADINGS)


@dataclass(frozen=True)
class LineDecision:
    """What cleaning did with one raw line, and which rule decided it."""

    number: int  # 1-based, as an editor counts the lines of the .txt file
    raw: str  # the line exactly as collected
    block: Block | None  # what it became on the page; None when it was removed
    rule: str = ""  # the rule that removed it; for a kept line, how it was read ("" = paragraph)
    first: int | None = None  # for a duplicate: the line it repeats

    @property
    def kept(self) -> bool:
        return self.block is not None


def clean(raw: str, rules: CleaningRules, header: tuple[str, ...] = ()) -> tuple[list[Block], RuleUse]:
    """Return the journalism of ``raw`` as blocks, and which rules were used.

    ``header`` holds the title, kicker and subtitle: shown in the page
    header, so their lines are not repeated in the body.
    """
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
    headings = {_fold(x) for x in rules.headings}
    header_lines = {_fold(x) for x in header if x}
    span = rules.machine_generated
    out: list[LineDecision] = []
    seen: dict[str, int] = {}
    in_machine = False
    ended = ""  # once set, the rule that removes every remaining line
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
        if TAIL_MARKERS.match(folded):
            out.append(LineDecision(number, original, None, TAIL_MARKER))
            ended = AFTER_TAIL
            continue
        # The chatbot's own wrapper lines are the visible proof of what the text is: they
        # stay, inside the machine-generated block they open and close.
        closing = False
        if span and folded == _fold(span.start):
            use.machine_start, in_machine = True, True
        elif span and in_machine and folded == _fold(span.end):
            use.machine_end, closing = True, True
        out.append(_line(number, original, folded, drop, headings, header_lines, seen, use, in_machine))
        in_machine = in_machine and not closing
    return out, use


def _line(number: int, original: str, folded: str, drop: set[str], headings: set[str], header_lines: set[str],
          seen: dict[str, int], use: RuleUse, machine: bool) -> LineDecision:
    """The decision on one non-blank line before any end marker."""
    if folded in drop:
        use.drop_lines.add(folded)
        return LineDecision(number, original, None, DROP)
    if folded in header_lines:
        return LineDecision(number, original, None, HEADER)
    for name, pattern in GENERIC_LINES.items():
        if pattern.match(folded):
            return LineDecision(number, original, None, name)
    if folded in seen:  # scrapes repeat lead paragraphs; keep the first
        return LineDecision(number, original, None, DUPLICATE, seen[folded])
    seen[folded] = number
    if folded in headings:
        use.headings.add(folded)
        return LineDecision(number, original, Block("heading", folded, machine), HEADINGS)
    starred = STARRED_HEADING.match(folded)
    if starred:
        return LineDecision(number, original, Block("heading", starred.group(1).strip(), machine), STARRED)
    return LineDecision(number, original, Block("paragraph", folded, machine))


def unused_rules(rules: CleaningRules, use: RuleUse) -> list[tuple[str, str]]:
    """(field, value) of every per-article rule that matched nothing."""
    out = [("drop_lines", x) for x in rules.drop_lines if _fold(x) not in use.drop_lines]
    out += [("headings", x) for x in rules.headings if _fold(x) not in use.headings]
    if rules.truncate_at and not use.truncate_at:
        out.append(("truncate_at", rules.truncate_at))
    if rules.machine_generated and not (use.machine_start and use.machine_end):
        out.append(("machine_generated", rules.machine_generated.start))
    return out
