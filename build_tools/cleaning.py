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

# Whole lines that are site chrome, never journalism.
CHROME_LINES = re.compile(
    r"^(?:ما رأيك\s*؟|القائمة الرئيسية|الصفحات|تعليقات|close|التنقل السريع|نسخ الرابط\s*:?"
    r"|المزيد|شارك(?:ها)?|[-—_*=•·]{3,})$"
)
# Lines that start a teaser or a tag list: the whole line goes.
CHROME_PREFIXES = re.compile(r"^(?:[اإأ]قرأ أيضا[ًً]?|كلمات دلالية|الكلمات المفتاحية|وسوم)\s*:?")
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


def clean(raw: str, rules: CleaningRules, header: tuple[str, ...] = ()) -> tuple[list[Block], RuleUse]:
    """Return the journalism of ``raw`` as blocks, and which rules were used.

    ``header`` holds the title, kicker and subtitle: shown in the page
    header, so their lines are not repeated in the body.
    """
    use = RuleUse()
    drop = {_fold(x) for x in rules.drop_lines}
    headings = {_fold(x) for x in rules.headings}
    header_lines = {_fold(x) for x in header if x}
    span = rules.machine_generated
    blocks: list[Block] = []
    seen: set[str] = set()
    in_machine = False
    for line in map(normalise_line, raw.splitlines()):
        folded = _fold(line)
        if not folded:
            continue
        if rules.truncate_at and folded.startswith(_fold(rules.truncate_at)):
            use.truncate_at = True
            break
        if TAIL_MARKERS.match(folded):
            break
        # The chatbot's own wrapper lines are the visible proof of what the text is: they
        # stay, inside the machine-generated block they open and close.
        closing = False
        if span and folded == _fold(span.start):
            use.machine_start, in_machine = True, True
        elif span and in_machine and folded == _fold(span.end):
            use.machine_end, closing = True, True
        block = _block(folded, drop, headings, header_lines, seen, use, in_machine)
        if block is not None:
            blocks.append(block)
        in_machine = in_machine and not closing
    return blocks, use


def _block(folded: str, drop: set[str], headings: set[str], header_lines: set[str], seen: set[str],
           use: RuleUse, machine: bool) -> Block | None:
    """The block a kept line becomes, or None for a removed line."""
    if folded in drop:
        use.drop_lines.add(folded)
        return None
    if folded in header_lines or CHROME_LINES.match(folded) or CHROME_PREFIXES.match(folded):
        return None
    if folded in seen:  # scrapes repeat lead paragraphs; keep the first
        return None
    seen.add(folded)
    if folded in headings:
        use.headings.add(folded)
        return Block("heading", folded, machine)
    starred = STARRED_HEADING.match(folded)
    if starred:
        return Block("heading", starred.group(1).strip(), machine)
    return Block("paragraph", folded, machine)


def unused_rules(rules: CleaningRules, use: RuleUse) -> list[tuple[str, str]]:
    """(field, value) of every per-article rule that matched nothing."""
    out = [("drop_lines", x) for x in rules.drop_lines if _fold(x) not in use.drop_lines]
    out += [("headings", x) for x in rules.headings if _fold(x) not in use.headings]
    if rules.truncate_at and not use.truncate_at:
        out.append(("truncate_at", rules.truncate_at))
    if rules.machine_generated and not (use.machine_start and use.machine_end):
        out.append(("machine_generated", rules.machine_generated.start))
    return out
