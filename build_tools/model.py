"""The content model: plain dataclasses.

This module knows nothing of YAML, Jinja2 or MkDocs. Field types and the
``doc`` metadata drive both validation (``schema.py``) and the JSON Schemas
editors' tools use, so a field is declared once, here.

A field without a default is required. ``X | None`` fields with no default
are required *and* nullable: the editor must write ``null`` on purpose, with a
``*_note`` saying why the value is unknown (journalism rule: invent nothing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal


def doc(text: str, **extra) -> dict:
    """Field metadata: its documentation and the constraints validation enforces.

    ``pattern`` (a regular expression the whole text must match), ``max_length``
    (characters; 4000 when not given), ``url`` (an http(s) address), ``ref`` (ids
    of that registry), ``example`` (shown in error messages) and ``null_needs``
    (fields one of which must say why, when this one is null: invent nothing, visibly).
    """
    return {"doc": text, **extra}


TITLE = 300  # characters: a headline, a name, a place
# Every date in sources/ must fall in this window: the dossier's story and its
# background (Hafez al-Assad's rule began in 1970). A date outside it is a typo
# or a date in another calendar (1446-06-07 is Hijri, not June 1446).
DATE_WINDOW = (dt.date(1900, 1, 1), dt.date(2099, 12, 31))


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day:
            return self.first_day()
        if self.month:
            nxt = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


# --- registries -------------------------------------------------------------


@dataclass
class Outlet:
    id: str
    name: str = field(metadata=doc("Arabic name as shown on the site", max_length=TITLE))
    latin: str = field(metadata=doc("Latin-script name", max_length=TITLE))
    kind: Literal["news-site", "news-agency", "broadcaster", "podcast", "blog", "unknown"] = field(
        metadata=doc("What sort of outlet this is"))
    url: str | None = field(metadata=doc("Home page, only if publicly known; null otherwise (say why in `note`)",
                                         url=True, null_needs=("note",)))
    note: str | None = field(default=None, metadata=doc("Why a value is unknown, or any caveat"))


@dataclass
class Role:
    title: str = field(metadata=doc("The role, in Arabic", max_length=TITLE))
    start: PartialDate | None = field(default=None, metadata=doc("When the role began, if known"))
    end: PartialDate | None = field(default=None, metadata=doc("When the role ended, if known"))
    note: str | None = field(default=None, metadata=doc("Caveat about this role"))


@dataclass
class Person:
    id: str
    name: str = field(metadata=doc("Arabic name as used on the site", max_length=TITLE))
    latin: str = field(metadata=doc("Latin transliteration", max_length=TITLE))
    roles: list[Role] = field(metadata=doc("Roles held at the time of the story"))
    variants: list[str] = field(default_factory=list, metadata=doc(
        "Every spelling the articles use, besides `name`; matching ignores prefixes, "
        "hamza forms, taa marbuta, diacritics and tatweel", max_length=TITLE))
    wikidata: str | None = field(default=None, metadata=doc(
        "Wikidata id (Q123), only where certain", pattern=r"^Q[1-9][0-9]{0,11}$",
        example="write the item id only, like Q1234, or null if unsure"))
    note: str | None = field(default=None, metadata=doc("Caveats, namesakes to keep apart"))


@dataclass
class Change:
    date: dt.date = field(metadata=doc("When the change was made (YYYY-MM-DD)"))
    note: str = field(metadata=doc("What changed: a new source, a correction (old value -> new value)"))


@dataclass
class Event:
    id: str
    title: str = field(metadata=doc("Arabic title", max_length=TITLE))
    start: PartialDate = field(metadata=doc("Earliest date the sources allow"))
    end: PartialDate | None = field(default=None, metadata=doc(
        "Latest date the sources allow (a range), or when a lasting event ended"))
    certainty: Literal["confirmed", "reported", "disputed"] | None = field(default=None, metadata=doc(
        "Derived by the build, leave it out: confirmed = two or more independent origins, reported = one, "
        "disputed = a claim about the event is disputed. Write `disputed` only where the sources disagree "
        "on the date (say how in `date_note`); any other value that contradicts the derived one is an error"))
    date_inferred: bool = field(default=False, metadata=doc(
        "True when no source states the date and we worked it out (say how in `date_note`)"))
    date_note: str | None = field(default=None, metadata=doc("How sure we are of the date, and why"))
    place: str | None = field(default=None, metadata=doc("Where, in Arabic", max_length=TITLE))
    participants: list[str] = field(default_factory=list, metadata=doc(
        "People ids", ref="people"))
    summary: str | None = field(default=None, metadata=doc("What happened, in our words"))
    changes: list[Change] = field(default_factory=list, metadata=doc(
        "Dated corrections: a revised date, certainty or participant (shown and announced)"))


# --- articles ---------------------------------------------------------------


@dataclass
class MachineSpan:
    start: str = field(metadata=doc("Exact wrapper line that opens pasted machine-generated text"))
    end: str = field(metadata=doc("Exact wrapper line that closes it"))


@dataclass
class CleaningRules:
    drop_lines: list[str] = field(default_factory=list, metadata=doc(
        "Exact lines (after trimming) to remove: teasers, ads, logos"))
    truncate_at: str | None = field(default=None, metadata=doc(
        "A line starting with this text, and everything after it, is removed"))
    headings: list[str] = field(default_factory=list, metadata=doc(
        "Exact lines that are subheadings"))
    keep_lines: list[str] = field(default_factory=list, metadata=doc(
        "Exact lines that are journalism although they look like site chrome: kept, even against a generic "
        "rule, and not warned about"))
    machine_generated: MachineSpan | None = field(default=None, metadata=doc(
        "Chatbot text pasted into the article: from its opening wrapper line to its closing one, "
        "every block is marked machine-generated wherever it appears and never counts as evidence"))


@dataclass
class Provenance:
    kind: Literal["news-report", "first-hand-interview", "eyewitness-report", "official-statement-relayed",
                  "wire-report-relayed", "podcast-write-up", "unnamed-sources", "blog-with-machine-text"] = field(
        metadata=doc("Where the article's information comes from"))
    origins: list[str] = field(metadata=doc(
        "Independent origins of its information: people or outlet ids", ref="origins"))
    machine_generated: bool = field(default=False, metadata=doc(
        "True if the article contains machine-generated text; must agree with `cleaning.machine_generated`"))
    note: str | None = field(default=None, metadata=doc("Whom it relays and how"))


@dataclass
class Article:
    id: str
    title: str | None = field(metadata=doc(
        "Headline, exactly as the source gives it; null if the scrape has none (then write `working_title`)",
        max_length=TITLE, null_needs=("working_title",)))
    outlet: str | None = field(metadata=doc(
        "Outlet id from outlets.yml, or null (say why in `outlet_note`)", ref="outlets", null_needs=("outlet_note",)))
    url: str | None = field(metadata=doc(
        "Original URL, or null if the source does not give it (say why in `url_note`)", url=True,
        null_needs=("url_note",)))
    published: PartialDate | None = field(metadata=doc(
        "Publication date: YYYY-MM-DD, YYYY-MM or YYYY; null if unknown (say why in `published_note`) or given "
        "in the Hijri calendar (`published_hijri`)", null_needs=("published_note", "published_hijri")))
    added: dt.date = field(metadata=doc("Date the article was added to the dossier (YYYY-MM-DD)"))
    language: Literal["ar"] = field(metadata=doc("Language of the article"))
    summary: str = field(metadata=doc("Our short summary, in Arabic"))
    sha256: str = field(metadata=doc("sha256 of the raw .txt file", pattern=r"^[0-9a-f]{64}$",
                                     example="copy the 64 characters `sha256sum` prints for the .txt file"))
    provenance: Provenance = field(metadata=doc("Where its information comes from"))
    working_title: str | None = field(default=None, metadata=doc(
        "Descriptive title written by us, required when `title` is null; shown as ours", max_length=TITLE))
    kicker: str | None = field(default=None, metadata=doc("Kicker line above the headline", max_length=TITLE))
    subtitle: str | None = field(default=None, metadata=doc("Subtitle below the headline", max_length=TITLE))
    author: str | None = field(default=None, metadata=doc("Author, where known", max_length=TITLE))
    interviewer: str | None = field(default=None, metadata=doc(
        "Person id of the interviewer, where known", ref="people"))
    outlet_note: str | None = field(default=None, metadata=doc("Why the outlet is unknown, or caveat"))
    url_note: str | None = field(default=None, metadata=doc("Why the URL is unknown"))
    published_note: str | None = field(default=None, metadata=doc("How the date is known or why not"))
    published_hijri: str | None = field(default=None, metadata=doc(
        "Publication date as the source gives it in the Hijri calendar (Umm al-Qura): YYYY-MM-DD, YYYY-MM or "
        "YYYY AH. Leave `published` null: the build converts it, and pages show both calendars",
        pattern=r"^1[34][0-9]{2}(-(0[1-9]|1[0-2])(-([0-2][0-9]|30))?)?$",
        example='write the Hijri date as numbers, like "1446-06-07"'))
    author_note: str | None = field(default=None, metadata=doc("Why the author is unknown"))
    people: list[str] = field(default_factory=list, metadata=doc("People ids", ref="people"))
    events: list[str] = field(default_factory=list, metadata=doc("Event ids", ref="events"))
    cleaning: CleaningRules = field(default_factory=CleaningRules, metadata=doc(
        "Cleaning rules specific to this source"))


# --- claims -----------------------------------------------------------------


@dataclass
class ClaimSource:
    article: str = field(metadata=doc("Article id", ref="articles"))
    stance: Literal["asserts", "contradicts", "different-value", "silent"] = field(metadata=doc(
        "What this article says about the claim"))
    quote: str | None = field(default=None, metadata=doc(
        "Verbatim quote from the cleaned article; required unless stance is silent"))
    value: str | None = field(default=None, metadata=doc(
        "The value this source gives (a date, a name), for different-value"))
    note: str | None = field(default=None, metadata=doc("Editor's remark"))


@dataclass
class Claim:
    id: str
    statement: str = field(metadata=doc("The assertion, in Arabic"))
    sources: list[ClaimSource] = field(metadata=doc("One entry per article"))
    people: list[str] = field(default_factory=list, metadata=doc("People it is about", ref="people"))
    events: list[str] = field(default_factory=list, metadata=doc("Events it is about", ref="events"))
    note: str | None = field(default=None, metadata=doc("Editor's analysis of the disagreement"))
    changes: list[Change] = field(default_factory=list, metadata=doc(
        "Dated history: new sources and corrections (feeds announce them)"))


@dataclass
class Dossier:
    title: str = field(metadata=doc("Site title, in Arabic", max_length=TITLE))
    description: str = field(metadata=doc("One-line description, in Arabic"))
    intro: list[str] = field(metadata=doc("Home page introduction, paragraphs in Arabic"))


# --- what the build derives -------------------------------------------------


@dataclass(frozen=True, slots=True)  # one per paragraph of every article: no per-object dict
class Block:
    """One unit of a cleaned article body."""

    kind: Literal["paragraph", "heading"]
    text: str
    machine: bool = False

    def __reduce__(self):  # pickled (cache, workers) by value: a slotted dataclass's default walks fields()
        return Block, (self.kind, self.text, self.machine)


@dataclass
class CleanArticle:
    meta: Article
    raw: str
    blocks: list[Block]

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


@dataclass
class Corpus:
    dossier: Dossier
    outlets: dict[str, Outlet]
    people: dict[str, Person]
    events: dict[str, Event]
    articles: dict[str, CleanArticle]
    claims: dict[str, Claim]
