"""Doubt travels with the fact, on every built page and feed (issue 10).

Every event date carries its range and certainty (and the inference mark when
we worked the date out), and machine-generated text never appears unmarked.
The expectations come from the sources through the pipeline, not from a list.
"""

from __future__ import annotations

import json
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from conftest import ROOT

from build_tools import dates, labels
from build_tools.assemble import assemble
from build_tools.index import build_index
from build_tools.load import load_sources
from build_tools.mentions import MentionIndex
from build_tools.problems import Problems

# Our formatted dates: an event's (with its doubt), an article's publication, a correction's,
# a role's; and the editors' introduction, which names the dossier's span, not an event.
OURS = {"dossier-when", "dossier-published", "dossier-change-date", "dossier-role-dates", "dossier-intro"}


@pytest.fixture(scope="module")
def corpus():
    loaded = load_sources(ROOT, Problems())
    c, _ = assemble(loaded)
    return c, build_index(c, MentionIndex(c.articles, c.people))


def _classes(el) -> set[str]:
    out: set[str] = set()
    while el is not None:
        out.update((el.get("class") or "").split())
        el = el.getparent()
    return out


def _pages(site: Path):
    for page in sorted(site.rglob("*.html")):
        yield page, lxml.html.parse(str(page)).getroot()


def test_no_event_date_without_its_doubt(site, corpus):
    c, idx = corpus
    # Day-precision dates in the site's own format; a month alone ("كانون الأول/ديسمبر 2024") is
    # also how editors' notes name a month, so it cannot tell an event date from prose.
    shown = {dates.arabic_date(d) for e in c.events.values() for d in (e.start, e.end) if d and d.day}
    bare = []
    for page, doc in _pages(site):
        for el in doc.iter():
            if not isinstance(el.tag, str) or el.tag in ("script", "style"):
                continue
            for text, holder in ((el.text, el), (el.tail, el.getparent())):
                if text and holder is not None and any(d in text for d in shown):
                    # Inside our date markup, or a self-contained label (the timeline's SVG tooltips)
                    # that carries the certainty with the date.
                    labelled = any(label in text for label in labels.CERTAINTY_AR.values())
                    if not (_classes(holder) & OURS or labelled):
                        bare.append((page.relative_to(site).as_posix(), text.strip()[:80]))
    assert bare == [], bare[:10]


def test_every_event_date_says_how_sure_we_are(site, corpus):
    c, idx = corpus
    spans = 0
    for page, doc in _pages(site):
        for span in doc.xpath('//*[contains(concat(" ", @class, " "), " dossier-when ")]'):
            eid = span.get("data-event")
            text = " ".join(span.text_content().split())
            assert labels.CERTAINTY_AR[idx.certainty[eid]] in text, (page, eid, text)
            assert (labels.INFERRED_AR in text) == c.events[eid].date_inferred, (page, eid, text)
            assert dates.arabic_date(c.events[eid].start) in text
            if c.events[eid].end:
                assert dates.arabic_date(c.events[eid].end) in text
            spans += 1
    assert spans >= len(c.events)


def _machine_chunks(c) -> list[str]:
    return [b.text[:60] for a in c.articles.values() for b in a.blocks if b.machine and len(b.text) >= 60]


def test_machine_text_is_never_unmarked_on_pages(site, corpus):
    c, _ = corpus
    chunks = _machine_chunks(c)
    assert chunks, "the dossier has machine-generated text to test with"
    unmarked = []
    for page, doc in _pages(site):
        for el in doc.xpath("//p | //li | //blockquote | //td"):
            text = " ".join(el.text_content().split())
            if any(ch in text for ch in chunks):
                box = " ".join(el.getparent().text_content().split())
                if labels.MACHINE_AR not in text and "آلي" not in box[:200]:
                    unmarked.append((page.relative_to(site).as_posix(), text[:80]))
    assert unmarked == [], unmarked[:10]


def test_machine_text_is_never_unmarked_in_feeds(site, corpus):
    c, _ = corpus
    chunks = _machine_chunks(c)
    for feed in sorted(site.rglob("feed.xml")):
        for el in lxml.etree.parse(str(feed)).getroot().iter():
            if not isinstance(el.tag, str) or not el.text or not any(ch in el.text for ch in chunks):
                continue
            frag = lxml.html.fragment_fromstring(el.text, create_parent="div")
            for p in frag.iter("p"):
                text = p.text_content()
                if any(ch in text for ch in chunks):
                    assert labels.MACHINE_AR in text, (feed, text[:80])


def test_machine_text_never_counts(corpus):
    c, idx = corpus
    for cid, sup in idx.support.items():
        for s in c.claims[cid].sources:
            if s.article in sup.machine:
                assert s.article not in sup.supporting
                for o in c.articles[s.article].meta.provenance.origins:
                    assert o in sup.origins or all(
                        o not in c.articles[a].meta.provenance.origins for a in sup.supporting)
        journalism = [s for s in c.claims[cid].sources if s.article not in sup.machine]
        assert sup.disputed == any(s.stance in ("contradicts", "different-value") for s in journalism)


def test_feed_dates_are_the_sources_days(site, corpus):
    import feedparser

    c, _ = corpus
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    by_link = {e.link: e for e in feed.entries}
    for aid, art in c.articles.items():
        entry = next((e for link, e in by_link.items() if link.endswith(f"/articles/{aid}/")), None)
        if entry is None:
            continue  # older than the feed's window
        p = art.meta.published
        if p is not None and p.precision == "day":
            assert entry.published_parsed[:3] == (p.year, p.month, p.day)
        else:
            assert "published" not in entry, f"{aid}: a publication day the source does not give"
    added = [json.loads((site / "feed.json").read_text("utf-8"))["items"][i]["date_modified"]
             for i in range(len(feed.entries))]
    assert added == sorted(added, reverse=True), "items are ordered by when they entered the dossier"


def test_working_titles_are_marked_everywhere(site, corpus):
    c, _ = corpus
    working = [a for a in c.articles.values() if not a.meta.title]
    assert working
    for page, doc in _pages(site):
        text = " ".join(doc.text_content().split())
        for a in working:
            wt = " ".join(a.meta.working_title.split())
            start = 0
            while (i := text.find(wt, start)) != -1:
                assert labels.WORKING_TITLE_AR in text[i:i + len(wt) + 60], (page, wt)
                start = i + 1
        title = doc.findtext(".//title") or ""
        for a in working:
            if a.meta.working_title in title:
                assert labels.WORKING_TITLE_AR in title
    for feed in ("feed.xml", "feed.atom"):
        import feedparser
        for e in feedparser.parse((site / feed).read_bytes()).entries:
            for a in working:
                if a.meta.working_title in e.title:
                    assert labels.WORKING_TITLE_AR in e.title


def test_counts_agree_in_arabic():
    assert labels.plural(1, "origin") == "أصل مستقل واحد"
    assert labels.plural(2, "origin") == "أصلان مستقلان"
    assert labels.plural(3, "article") == "3 مواد"
    assert labels.plural(11, "article") == "11 مادة"
    assert labels.plural(0, "origin") == "لا أصل مستقلاً"
    assert labels.plural(103, "origin") == "103 أصول مستقلة"


def test_corrections_page_lists_every_change(site, corpus):
    c, idx = corpus
    doc = lxml.html.parse(str(site / "corrections/index.html")).getroot()
    items = doc.xpath("//article//li")
    n = sum(len(x.changes) for x in c.claims.values()) + sum(len(x.changes) for x in c.events.values())
    assert len(items) == n
    text = " ".join(doc.text_content().split())
    for cl in c.claims.values():
        for ch in cl.changes:
            assert " ".join(ch.note.split()) in text
