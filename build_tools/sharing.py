"""What search engines and link previews read: page descriptions and JSON-LD. Pure functions.

Descriptions are plain text; ``render.front_matter`` makes them HTML text for
the ``<meta>`` attributes, like every front-matter value. JSON-LD has its own
single escaping path, ``script_json``: inside ``<script type="application/ld+json">``
HTML entities mean nothing and ``</script>`` would end the element, so ``<``,
``>`` and ``&`` are written as JSON escapes (``\\u003c``…), which every JSON
reader decodes back to the same characters.

Invent nothing: a property whose value we do not know is left out, never
guessed. ``isBasedOn`` only with the original URL, ``datePublished`` only with
a day, ``sameAs`` only with a Wikidata id, an event's date only as precise as
its sources allow. There is no ``ClaimReview``: the dossier shows what each
source says and does not rate claims true or false.
"""

from __future__ import annotations

import json
import re

from . import dates, labels, model, urls

SCHEMA = "https://schema.org"
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})
_SCRIPT_UNSAFE = re.compile("[" + re.escape("".join(map(chr, _SCRIPT_SAFE))) + "]")

# Pages without a subject of their own: a fixed description each.
FIXED = {
    "index.md": None,  # the dossier's own description
    "articles/index.md": "المواد الصحفية العربية التي يقوم عليها الملف، مع ناشر كل مادة وتاريخ نشرها وما نعرفه وما لا نعرفه عنها.",
    "people/index.md": "الأشخاص الذين تذكرهم مواد الملف، بالترتيب الألفبائي، مع أدوارهم وما قالته كل مادة عنهم.",
    "events/index.md": "أحداث الأيام الأخيرة لحكم الأسد، مع مدى التاريخ الذي تسمح به المصادر ودرجة اليقين في كل حدث.",
    "timeline.md": "الخط الزمني للأيام الأخيرة لحكم الأسد: الأحداث بالترتيب، والتواريخ غير المؤكدة كما هي.",
    "claims.md": "من قال ماذا: كل ادعاء عن الأيام الأخيرة لحكم الأسد، وما تقوله كل مادة عنه، باقتباس حرفي.",
    "corrections.md": "كل تصحيح أو تحديث أجريناه على الملف بعد النشر، بتاريخه وسببه.",
    "subscribe.md": "كيف تشترك في خلاصات الملف (RSS وAtom وJSON Feed) ليصلك كل جديد وكل تصحيح، للملف كله أو لشخص أو حدث بعينه.",
}


def script_json(data: object) -> str:
    """JSON text that cannot end, or be read as anything but JSON inside, a script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # One regex pass: on Arabic text str.translate probes its table for every character.
    return _SCRIPT_UNSAFE.sub(lambda m: _SCRIPT_SAFE[ord(m.group())], text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def article_description(art: model.CleanArticle) -> str:
    return _one_line(art.meta.summary)


def source_description(art: model.CleanArticle) -> str:
    return f"النص الخام لمادة «{_one_line(labels.article_title(art))}» كما جُمع، وكل سطر حذفه التنظيف والقاعدة التي حذفته."


def person_description(person: model.Person) -> str:
    role = f" ({_one_line(person.roles[0].title)})" if person.roles else ""
    return f"{_one_line(person.name)}{role}: ما تقوله مواد الملف عنه، باقتباسات حرفية منها."


def event_when(event: model.Event, certainty: str) -> str:
    """The event's date as the site shows it: its range, its certainty, and whether we inferred it."""
    text = f"{dates.date_range(event.start, event.end)} ({labels.CERTAINTY_AR[certainty]}"
    if event.date_inferred:
        text += f"؛ {labels.INFERRED_AR}"
    return text + ")"


def event_description(event: model.Event, certainty: str) -> str:
    return f"{_one_line(event.title)} — {event_when(event, certainty)}."


def honest_date(start: model.PartialDate, end: model.PartialDate | None) -> str:
    """The most precise ISO 8601 date that holds every day the sources allow.

    An event the sources place between two dates is not said to have lasted
    from one to the other: between 26 and 28 November 2024 is ``2024-11``,
    between 28 November and 2 December is ``2024``.
    """
    if end is None or end == start:
        return start.iso()
    first, last = start.first_day(), end.last_day()
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}"
    return f"{first.year:04d}"


def _page_link(kind: str, name: str, url: str) -> dict:
    return {"@type": kind, "name": _one_line(name), "url": url}


def article_ld(art: model.CleanArticle, corpus: model.Corpus, site_url: str) -> dict:
    m = art.meta
    page = f"{site_url}articles/{m.id}/"
    ld: dict = {"@context": SCHEMA, "@type": "NewsArticle", "headline": _one_line(labels.article_title(art)),
                "description": article_description(art), "inLanguage": "ar", "url": page, "mainEntityOfPage": page}
    if m.url:
        ld["isBasedOn"] = urls.href(m.url)
    if m.published is not None and m.published.precision == "day":
        ld["datePublished"] = m.published.iso()
    if m.author:
        ld["author"] = {"@type": "Person", "name": _one_line(m.author)}
    if m.outlet:
        outlet = corpus.outlets[m.outlet]
        ld["publisher"] = {"@type": "Organization", "name": _one_line(outlet.name),
                           **({"url": outlet.url} if outlet.url else {})}
    about = [_page_link("Person", corpus.people[p].name, f"{site_url}people/{p}/") for p in m.people]
    about += [_page_link("Event", corpus.events[e].title, f"{site_url}events/{e}/") for e in m.events]
    if about:
        ld["about"] = about
    ld["isPartOf"] = {"@type": "WebSite", "name": _one_line(corpus.dossier.title), "url": site_url}
    return ld


def person_ld(person: model.Person, site_url: str) -> dict:
    ld: dict = {"@context": SCHEMA, "@type": "Person", "name": _one_line(person.name),
                "alternateName": [_one_line(x) for x in [person.latin, *person.variants]],
                "url": f"{site_url}people/{person.id}/"}
    if person.roles:
        ld["description"] = _one_line(person.roles[0].title)
    if person.wikidata:
        ld["sameAs"] = [f"https://www.wikidata.org/wiki/{person.wikidata}"]
    return ld


def event_ld(event: model.Event, certainty: str, people: dict[str, model.Person], site_url: str) -> dict:
    ld: dict = {"@context": SCHEMA, "@type": "Event", "name": _one_line(event.title),
                "startDate": honest_date(event.start, event.end),
                "description": _one_line(f"{event_when(event, certainty)} {event.summary or ''}"),
                "url": f"{site_url}events/{event.id}/"}
    if event.place:
        ld["location"] = {"@type": "Place", "name": _one_line(event.place)}
    if event.participants:
        ld["attendee"] = [_page_link("Person", people[p].name, f"{site_url}people/{p}/") for p in event.participants]
    return ld


def site_ld(dossier: model.Dossier, site_url: str) -> dict:
    return {"@context": SCHEMA, "@type": "WebSite", "name": _one_line(dossier.title),
            "description": _one_line(dossier.description), "inLanguage": "ar", "url": site_url}
