"""Feeds, in process: what each item carries, in which order, how many, and escaped how.

The built feeds are checked end to end (feed readers, byte identity) in test_feeds.py;
these tests call build_tools.feeds directly so that every field is pinned down, and so
that `make mutation` can run them against each mutant of feeds.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import hashlib
import json

import lxml.etree as ET
import lxml.html
import pytest
from conftest import ROOT

from build_tools import feeds, labels
from build_tools.assemble import assemble
from build_tools.feeds import FEED_LIMIT, article_html, article_items, change_items, corpus_change_items, render_feeds
from build_tools.index import build_index
from build_tools.load import load_sources
from build_tools.mentions import MentionIndex
from build_tools.model import Block, Change, CleanArticle, PartialDate
from build_tools.problems import Problems

FIXTURE = ROOT / "tests" / "fixtures" / "corpus"
SITE = "https://example.org/dossier/"
NS = {"atom": "http://www.w3.org/2005/Atom", "content": "http://purl.org/rss/1.0/modules/content/"}
A = "{http://www.w3.org/2005/Atom}"
MACHINE_NOTE = "تنبيه: تتضمن هذه المادة نصاً مولّداً آلياً لا نعدّه دليلاً."
WORKING_NOTE = f"{labels.WORKING_TITLE_AR}: لا يتضمن النص المجموع عنواناً أصلياً."
BOX_NOTE = f"{labels.MACHINE_AR}: نص ولّده برنامج محادثة آلي ولُصق في المادة."
LINK_TEXT = "المادة في الملف مع مصادرها"
UTC = dt.UTC


@pytest.fixture(scope="module")
def real():
    """The small fixture corpus (tests/fixtures/corpus): real excerpts, with corrections of a claim and an
    event, and small enough that every feed test stays fast under mutation testing."""
    corpus, _ = assemble(load_sources(FIXTURE, Problems()))
    return corpus


def test_article_items_of_the_real_sources():
    corpus, _ = assemble(load_sources(ROOT, Problems()))
    items = article_items(corpus, SITE)
    assert set(items) == set(corpus.articles)
    for aid, item in items.items():
        assert item.content_html == article_html(corpus.articles[aid], f"{SITE}articles/{aid}/")


def index(corpus):
    return build_index(corpus, MentionIndex(corpus.articles, corpus.people))


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=UTC)


def clone(corpus, aid: str, blocks=None, machine=False, **meta):
    """A copy of a real article under another id, with some metadata changed."""
    base = next(a for a in corpus.articles.values() if not a.meta.provenance.machine_generated and a.meta.title)
    provenance = dataclasses.replace(base.meta.provenance, machine_generated=machine)
    m = dataclasses.replace(base.meta, id=aid, provenance=provenance, **meta)
    return CleanArticle(m, base.raw, list(base.blocks if blocks is None else blocks))


def corpus_of(real, articles, claims=None, events=None):
    """The real registries with these articles and claims; events without corrections unless given."""
    evs = {k: dataclasses.replace(e, changes=[]) for k, e in real.events.items()} if events is None else events
    return dataclasses.replace(real, articles=articles, claims=claims if claims is not None else {}, events=evs)


def shown(markup: str) -> str:
    """The text a feed reader shows for an element that carries HTML."""
    return lxml.html.fragment_fromstring(f"<div>{markup}</div>").text_content()


def rss(data: bytes):
    return ET.fromstring(data).find("channel")


def parts(fragment: str) -> list[tuple[str, str | None, str]]:
    root = lxml.html.fragment_fromstring(fragment)
    assert (root.tag, root.get("dir"), root.get("lang")) == ("div", "rtl", "ar")
    return [(el.tag, el.get("class"), el.text_content()) for el in root]


def rfc822(text: str | None) -> dt.datetime | None:
    return None if text is None else email.utils.parsedate_to_datetime(text)


# --- the article as HTML -----------------------------------------------------

def test_article_html_escapes_every_text(real):
    blocks = [Block("heading", "<b>عنوان</b>"), Block("paragraph", 'أ & ب "ج" <script>alert(1)</script>'),
              Block("paragraph", "نص آلي <i>", machine=True)]
    out = article_html(clone(real, "x", blocks), f"{SITE}articles/x/?a=1&b=<2>")
    assert "<script>" not in out and "<b>" not in out and "<i>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "أ &amp; ب" in out
    assert parts(out) == [("h3", None, "<b>عنوان</b>"), ("p", None, 'أ & ب "ج" <script>alert(1)</script>'),
                          ("blockquote", "machine-generated", f"{BOX_NOTE}🤖 {labels.MACHINE_AR}: نص آلي <i>"),
                          ("p", None, LINK_TEXT)]
    links = lxml.html.fragment_fromstring(out).xpath("//a/@href")
    assert links == [f"{SITE}articles/x/?a=1&b=<2>"]
    assert 'href="https://example.org/dossier/articles/x/?a=1&amp;b=&lt;2&gt;"' in out


def test_article_html_exact_markup_with_every_note(real):
    blocks = [Block("heading", "عنوان"), Block("paragraph", "أ & ب"), Block("paragraph", "آلي", machine=True),
              Block("heading", "عنوان آلي", machine=True), Block("paragraph", "بعد")]
    art = clone(real, "x", blocks, machine=True, title=None, working_title="عنوان من عندنا")
    assert article_html(art, "https://e.org/a/") == (
        '<div dir="rtl" lang="ar">'
        f"<p><em>{WORKING_NOTE}</em></p>"
        f"<p><strong>{MACHINE_NOTE}</strong></p>"
        "<h3>عنوان</h3><p>أ &amp; ب</p>"
        f'<blockquote class="machine-generated"><p><strong>{BOX_NOTE}</strong></p>'
        f"<p>🤖 {labels.MACHINE_AR}: آلي</p><h3>عنوان آلي</h3></blockquote>"
        "<p>بعد</p>"
        f'<p><a href="https://e.org/a/">{LINK_TEXT}</a></p></div>')


def test_machine_boxes_open_and_close_with_the_machine_blocks(real):
    blocks = [Block("paragraph", "م1", machine=True), Block("paragraph", "أ"),
              Block("paragraph", "م2", machine=True), Block("paragraph", "م3", machine=True)]
    out = article_html(clone(real, "x", blocks, machine=True), "https://e.org/a/")
    assert [(t, c) for t, c, _ in parts(out)] == [("p", None), ("blockquote", "machine-generated"), ("p", None),
                                                  ("blockquote", "machine-generated"), ("p", None)]
    root = lxml.html.fragment_fromstring(out)
    assert [len(bq) for bq in root.xpath("blockquote")] == [2, 3]  # the box note, then its blocks
    assert out.count("<blockquote") == out.count("</blockquote>") == 2


def test_no_notes_for_a_titled_article_of_journalism(real):
    out = article_html(clone(real, "x", [Block("paragraph", "أولى.")], title="عنوان"), SITE)
    assert parts(out) == [("p", None, "أولى."), ("p", None, LINK_TEXT)]
    assert MACHINE_NOTE not in out and WORKING_NOTE not in out and "blockquote" not in out


# --- items -------------------------------------------------------------------

def test_article_items_of_the_fixture_articles(real):
    items = article_items(real, SITE)
    assert set(items) == set(real.articles)
    for aid, item in items.items():
        art, m = real.articles[aid], real.articles[aid].meta
        url = f"{SITE}articles/{aid}/"
        assert (item.guid, item.link, item.title, item.summary) == (url, url, labels.article_title(art), m.summary)
        assert item.added == midnight(m.added)
        day = m.published is not None and m.published.precision == "day"
        assert item.published == (midnight(m.published.first_day()) if day else None)
        assert item.content_html == article_html(art, url)
        outlet = real.outlets[m.outlet].name if m.outlet else None
        assert item.authors == tuple(x for x in (m.author, outlet) if x)
        assert item.categories == tuple([real.people[p].name for p in m.people] +
                                        [real.events[e].title for e in m.events])


def test_item_titles_authors_and_dates_follow_the_metadata(real):
    outlet = next(iter(real.outlets))
    arts = {
        "both": clone(real, "both", title="عنوان", author="كاتب", outlet=outlet, published=PartialDate(2024, 12, 8),
                      added=dt.date(2025, 1, 1)),
        "month": clone(real, "month", author=None, outlet=None, published=PartialDate(2024, 12),
                       added=dt.date(2025, 1, 2)),
        "none": clone(real, "none", author=None, outlet=outlet, published=None, added=dt.date(2025, 3, 4)),
        "untitled": clone(real, "untitled", title=None, working_title="عنوان من عندنا", people=[], events=[]),
    }
    items = article_items(corpus_of(real, arts), SITE)
    assert items["both"].authors == ("كاتب", real.outlets[outlet].name)
    assert items["month"].authors == ()
    assert items["none"].authors == (real.outlets[outlet].name,)
    assert (items["both"].published, items["both"].added) == (dt.datetime(2024, 12, 8, tzinfo=UTC),
                                                              dt.datetime(2025, 1, 1, tzinfo=UTC))
    assert (items["month"].published, items["month"].added) == (None, dt.datetime(2025, 1, 2, tzinfo=UTC))
    assert (items["none"].published, items["none"].added) == (None, dt.datetime(2025, 3, 4, tzinfo=UTC))
    assert items["both"].title == "عنوان"
    assert items["untitled"].title == f"عنوان من عندنا [{labels.WORKING_TITLE_AR}]"
    assert items["untitled"].categories == ()


CHANGES = [Change(dt.date(2024, 12, 20), "مصدر جديد <script>x</script> & تصحيح"),
           Change(dt.date(2025, 1, 5), "تصحيح التاريخ"), Change(dt.date(2025, 1, 5), "تصحيح ثان")]


def test_change_items_announce_each_dated_correction():
    claim_items = change_items("claims", "c-1", "<b>زار</b> الأسد موسكو", CHANGES, SITE)
    assert [(i.guid, i.link, i.title, i.published, i.added, i.summary) for i in claim_items] == [
        (f"{SITE}corrections/#claims/c-1/2024-12-20/0", f"{SITE}claims/#c-1", "تصحيح أو تحديث: <b>زار</b> الأسد موسكو",
         dt.datetime(2024, 12, 20, tzinfo=UTC), dt.datetime(2024, 12, 20, tzinfo=UTC), CHANGES[0].note),
        (f"{SITE}corrections/#claims/c-1/2025-01-05/1", f"{SITE}claims/#c-1", "تصحيح أو تحديث: <b>زار</b> الأسد موسكو",
         dt.datetime(2025, 1, 5, tzinfo=UTC), dt.datetime(2025, 1, 5, tzinfo=UTC), "تصحيح التاريخ"),
        (f"{SITE}corrections/#claims/c-1/2025-01-05/2", f"{SITE}claims/#c-1", "تصحيح أو تحديث: <b>زار</b> الأسد موسكو",
         dt.datetime(2025, 1, 5, tzinfo=UTC), dt.datetime(2025, 1, 5, tzinfo=UTC), "تصحيح ثان")]
    assert parts(claim_items[0].content_html) == [("p", None, CHANGES[0].note)]
    assert "<script>" not in claim_items[0].content_html
    assert claim_items[0].authors == () and claim_items[0].categories == ()
    event_items = change_items("events", "e-1", "سقوط حلب", CHANGES[:1], SITE)
    assert [(i.guid, i.link, i.title) for i in event_items] == [
        (f"{SITE}corrections/#events/e-1/2024-12-20/0", f"{SITE}events/e-1/", "تصحيح أو تحديث: سقوط حلب")]
    assert change_items("claims", "c-1", "x", [], SITE) == []


def test_corpus_change_items_cover_every_claim_and_event(real):
    out = corpus_change_items(real, SITE)
    assert set(out) == {("claims", c) for c in real.claims} | {("events", e) for e in real.events}
    for cid, c in real.claims.items():
        assert out[("claims", cid)] == change_items("claims", cid, c.statement, c.changes, SITE)
    for eid, e in real.events.items():
        assert out[("events", eid)] == change_items("events", eid, e.title, e.changes, SITE)


# --- the feeds of the real sources -------------------------------------------

@pytest.fixture
def built(real):
    # Function-scoped on purpose: every test calls the feed code itself, so that mutation
    # testing (make mutation) runs each test that reads a feed against each mutant.
    idx = index(real)
    return real, idx, render_feeds(real, idx, SITE)


def all_items(corpus):
    items = list(article_items(corpus, SITE).values())
    items += [i for its in corpus_change_items(corpus, SITE).values() for i in its]
    return items


def site_items(corpus, limit=FEED_LIMIT):
    """Articles and corrections each keep their own window of the newest."""
    articles = list(article_items(corpus, SITE).values())
    changes = [i for its in corpus_change_items(corpus, SITE).values() for i in its]
    return newest_first(newest_first(articles)[:limit] + newest_first(changes)[:limit])


def newest_first(items):
    return sorted(items, key=lambda i: (-i.added.timestamp(), -(i.published or i.added).timestamp(), i.guid))


def test_one_feed_per_person_and_event_with_something_to_announce(built):
    corpus, idx, out = built
    expected = {"feed.xml", "feed.atom", "feed.json"}
    for pid in corpus.people:
        if (idx.articles_by_person.get(pid) or any(corpus.claims[c].changes for c in idx.claims_by_person.get(pid, []))
                or any(corpus.events[e].changes for e in idx.events_by_person.get(pid, []))):
            expected.add(f"people/{pid}/feed.xml")
    for eid in corpus.events:
        if (idx.articles_by_event.get(eid) or any(corpus.claims[c].changes for c in idx.claims_by_event.get(eid, []))
                or corpus.events[eid].changes):
            expected.add(f"events/{eid}/feed.xml")
    assert set(out) == expected


def test_rss_channel(built):
    corpus, idx, out = built
    ch = rss(out["feed.xml"])
    assert ch.findtext("title") == corpus.dossier.title
    assert shown(ch.findtext("description")) == corpus.dossier.description
    assert ch.findtext("link") == SITE
    assert ch.findtext("language") == "ar"
    assert ch.findtext("generator") == "build_tools (feedgen)"
    assert [(a.get("rel"), a.get("href")) for a in ch.findall("atom:link", NS)] == [("self", f"{SITE}feed.xml")]
    assert rfc822(ch.findtext("lastBuildDate")) == max(i.added for i in all_items(corpus))


def test_rss_items_newest_first_with_every_field(built):
    corpus, idx, out = built
    expected = site_items(corpus)
    items = rss(out["feed.xml"]).findall("item")
    assert [i.findtext("guid") for i in items] == [it.guid for it in expected]
    for el, it in zip(items, expected):
        assert el.findtext("title") == it.title
        assert el.findtext("link") == it.link
        assert el.find("guid").get("isPermaLink") == ("true" if it.guid == it.link else "false")
        assert rfc822(el.findtext("pubDate")) == it.published  # absent when the source gives no day
        assert shown(el.findtext("description")) == it.summary
        assert el.findtext("content:encoded", namespaces=NS) == it.content_html
        assert [c.text for c in el.findall("category")] == list(it.categories)
    # our HTML travels as one CDATA section, not as escaped text
    assert out["feed.xml"].count(b"<content:encoded><![CDATA[") == len(items)


def test_atom_feed(built):
    corpus, idx, out = built
    root = ET.fromstring(out["feed.atom"])
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    assert root.findtext(f"{A}id") == SITE
    assert root.findtext(f"{A}title") == corpus.dossier.title
    assert sorted((link.get("rel"), link.get("href")) for link in root.findall(f"{A}link")) == [
        ("alternate", SITE), ("self", f"{SITE}feed.atom")]
    expected = site_items(corpus)
    assert dt.datetime.fromisoformat(root.findtext(f"{A}updated")) == max(i.added for i in all_items(corpus))
    entries = root.findall(f"{A}entry")
    assert [e.findtext(f"{A}id") for e in entries] == [it.guid for it in expected]
    for e, it in zip(entries, expected):
        assert e.findtext(f"{A}title") == it.title
        assert [lk.get("href") for lk in e.findall(f"{A}link")] == [it.link]
        published = e.findtext(f"{A}published")
        assert (dt.datetime.fromisoformat(published) if published else None) == it.published
        assert dt.datetime.fromisoformat(e.findtext(f"{A}updated")) == it.added
        assert e.findtext(f"{A}content") == it.content_html
        assert e.find(f"{A}content").get("type") == "html"  # RFC 4287 §4.1.3.1: text, html or xhtml
        assert e.findtext(f"{A}summary") == it.summary  # Atom summary: plain text
        assert [n.text for n in e.findall(f"{A}author/{A}name")] == list(it.authors)
        assert [c.get("term") for c in e.findall(f"{A}category")] == list(it.categories)


def test_json_feed(built):
    corpus, idx, out = built
    assert out["feed.json"].endswith(b"}\n")
    feed = json.loads(out["feed.json"])
    assert {k: v for k, v in feed.items() if k != "items"} == {
        "version": "https://jsonfeed.org/version/1.1", "title": corpus.dossier.title, "home_page_url": SITE,
        "feed_url": f"{SITE}feed.json", "language": "ar"}
    expected = site_items(corpus)
    assert feed["items"] == [
        {"id": it.guid, "url": it.link, "title": it.title, "summary": it.summary, "content_html": it.content_html,
         **({"date_published": it.published.isoformat()} if it.published else {}),
         "date_modified": it.added.isoformat(), "authors": [{"name": n} for n in it.authors],
         "tags": list(it.categories)}
        for it in expected]
    assert "\\u06" not in out["feed.json"].decode("utf-8")  # Arabic written as such, not escaped


def test_feeds_are_pretty_printed(built):
    _, _, out = built
    for name, data in out.items():
        lines = data.decode("utf-8").splitlines()
        assert len(lines) > 5 and any(line.startswith(("  <", '  "')) for line in lines), name


def test_person_and_event_feeds(built):
    corpus, idx, out = built
    changes = corpus_change_items(corpus, SITE)
    articles = article_items(corpus, SITE)
    for kind, registry, by_article, by_claim in (
            ("people", corpus.people, idx.articles_by_person, idx.claims_by_person),
            ("events", corpus.events, idx.articles_by_event, idx.claims_by_event)):
        for key, entry in registry.items():
            if f"{kind}/{key}/feed.xml" not in out:
                continue
            name = entry.name if kind == "people" else entry.title
            page = f"{SITE}{kind}/{key}/"
            ch = rss(out[f"{kind}/{key}/feed.xml"])
            assert ch.findtext("title") == f"{name} — {corpus.dossier.title}"
            assert shown(ch.findtext("description")) == f"كل ما ينشره الملف عن {name}"
            assert ch.findtext("link") == page
            assert [a.get("href") for a in ch.findall("atom:link", NS)] == [f"{page}feed.xml"]
            items = [articles[a] for a in by_article.get(key, [])]
            items += [i for c in by_claim.get(key, []) for i in changes[("claims", c)]]
            events = idx.events_by_person.get(key, []) if kind == "people" else [key]
            items += [i for e in events for i in changes[("events", e)]]
            els = ch.findall("item")
            assert [i.findtext("guid") for i in els] == [i.guid for i in newest_first(items)[:FEED_LIMIT]], key
            # the feed is about one person or event: its items carry no tag list
            assert [i.findall("category") for i in els] == [[] for _ in els], key


# --- synthetic corpora: ordering, ties, limits, corrections, escaping ---------

def claim_about(real, cid, people=(), events=(), changes=()):
    return dataclasses.replace(next(iter(real.claims.values())), id=cid, people=list(people), events=list(events),
                               sources=[], changes=list(changes))


def test_feeds_order_by_addition_then_publication_then_guid(real):
    pid = next(iter(real.people))
    arts = {
        "b-art": clone(real, "b-art", people=[pid], events=[], added=dt.date(2025, 1, 10),
                       published=PartialDate(2024, 12, 5)),
        "a-art": clone(real, "a-art", people=[pid], events=[], added=dt.date(2025, 1, 10),
                       published=PartialDate(2024, 12, 5)),
        "c-art": clone(real, "c-art", people=[pid], events=[], added=dt.date(2025, 1, 10),
                       published=PartialDate(2024, 12, 7)),
        "d-art": clone(real, "d-art", people=[pid], events=[], added=dt.date(2025, 1, 10), published=None),
        "e-art": clone(real, "e-art", people=[pid], events=[], added=dt.date(2025, 1, 1),
                       published=PartialDate(2024, 12, 31)),
    }
    claim = claim_about(real, "claim-x", people=[pid], changes=[Change(dt.date(2025, 1, 3), "تصحيح"),
                                                                Change(dt.date(2025, 1, 12), "مصدر جديد")])
    c = corpus_of(real, arts, {"claim-x": claim})
    out = render_feeds(c, index(c), SITE)
    want = [f"{SITE}corrections/#claims/claim-x/2025-01-12/1", f"{SITE}articles/d-art/", f"{SITE}articles/c-art/",
            f"{SITE}articles/a-art/", f"{SITE}articles/b-art/", f"{SITE}corrections/#claims/claim-x/2025-01-03/0",
            f"{SITE}articles/e-art/"]
    assert [i.findtext("guid") for i in rss(out[f"people/{pid}/feed.xml"]).findall("item")] == want
    assert [i.findtext("guid") for i in rss(out["feed.xml"]).findall("item")] == want
    correction = rss(out["feed.xml"]).find("item")
    assert correction.find("guid").get("isPermaLink") == "false"
    assert correction.findtext("link") == f"{SITE}claims/#claim-x"
    assert correction.findtext("title") == f"تصحيح أو تحديث: {claim.statement}"
    assert rfc822(correction.findtext("pubDate")) == dt.datetime(2025, 1, 12, tzinfo=UTC)
    undated = rss(out["feed.xml"]).findall("item")[1]
    assert undated.find("pubDate") is None  # no invented publication day
    entries = ET.fromstring(out["feed.atom"]).findall(f"{A}entry")
    assert entries[1].find(f"{A}published") is None
    assert "date_published" not in json.loads(out["feed.json"])["items"][1]


def test_a_person_known_only_from_claim_corrections_gets_a_feed(real):
    pid = next(iter(real.people))
    claim = claim_about(real, "claim-x", people=[pid], changes=[Change(dt.date(2024, 12, 9), "مصدر جديد")])
    c = corpus_of(real, {"only": clone(real, "only", people=[], events=[])}, {"claim-x": claim})
    out = render_feeds(c, index(c), SITE)
    assert set(out) == {"feed.xml", "feed.atom", "feed.json", f"people/{pid}/feed.xml"}
    ch = rss(out[f"people/{pid}/feed.xml"])
    assert [i.findtext("guid") for i in ch.findall("item")] == [f"{SITE}corrections/#claims/claim-x/2024-12-09/0"]
    assert rfc822(ch.findtext("lastBuildDate")) == dt.datetime(2024, 12, 9, tzinfo=UTC)


def test_an_event_and_its_participants_carry_its_corrections(real):
    eid = next(iter(real.events))
    pid = next(iter(real.people))
    events = {k: dataclasses.replace(e, changes=[]) for k, e in real.events.items()}
    events[eid] = dataclasses.replace(events[eid], participants=[pid],
                                      changes=[Change(dt.date(2024, 12, 9), "تاريخ مصحح")])
    claim = claim_about(real, "claim-y", events=[eid], changes=[Change(dt.date(2024, 12, 10), "مصدر")])
    c = corpus_of(real, {}, {"claim-y": claim}, events)
    out = render_feeds(c, index(c), SITE)
    assert set(out) == {"feed.xml", "feed.atom", "feed.json", f"events/{eid}/feed.xml", f"people/{pid}/feed.xml"}
    ev = rss(out[f"events/{eid}/feed.xml"])
    assert ev.findtext("title").startswith(real.events[eid].title + " — ")
    assert [i.findtext("guid") for i in ev.findall("item")] == [
        f"{SITE}corrections/#claims/claim-y/2024-12-10/0", f"{SITE}corrections/#events/{eid}/2024-12-09/0"]
    assert [i.findtext("link") for i in ev.findall("item")] == [f"{SITE}claims/#claim-y", f"{SITE}events/{eid}/"]
    person = rss(out[f"people/{pid}/feed.xml"])
    assert [i.findtext("guid") for i in person.findall("item")] == [f"{SITE}corrections/#events/{eid}/2024-12-09/0"]


def test_people_and_events_without_news_are_skipped_not_the_rest(real):
    people, events = list(real.people), list(real.events)
    arts = {"only": clone(real, "only", people=[people[-1]], events=[events[-1]])}
    c = corpus_of(real, arts)
    out = render_feeds(c, index(c), SITE)
    assert set(out) == {"feed.xml", "feed.atom", "feed.json", f"people/{people[-1]}/feed.xml",
                        f"events/{events[-1]}/feed.xml"}


def test_feeds_keep_only_the_newest_items(real):
    pid, eid = next(iter(real.people)), next(iter(real.events))
    n = FEED_LIMIT + 5
    start = dt.date(2025, 1, 1)
    arts = {f"a-{i:03d}": clone(real, f"a-{i:03d}", [Block("paragraph", "نص.")], people=[pid], events=[eid],
                                added=start + dt.timedelta(days=i), published=None)
            for i in range(n)}
    c = corpus_of(real, arts)
    out = render_feeds(c, index(c), SITE)
    newest = [f"{SITE}articles/a-{i:03d}/" for i in reversed(range(n))][:FEED_LIMIT]
    assert [i.findtext("link") for i in rss(out["feed.xml"]).findall("item")] == newest
    assert [i.findtext("link") for i in rss(out[f"people/{pid}/feed.xml"]).findall("item")] == newest
    assert [i.findtext("link") for i in rss(out[f"events/{eid}/feed.xml"]).findall("item")] == newest
    assert len(ET.fromstring(out["feed.atom"]).findall(f"{A}entry")) == FEED_LIMIT
    assert [i["url"] for i in json.loads(out["feed.json"])["items"]] == newest


def test_exactly_the_limit_keeps_every_item(real, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_LIMIT", 3)
    pid = next(iter(real.people))
    arts = {f"a-{i}": clone(real, f"a-{i}", people=[pid], events=[], added=dt.date(2025, 1, i + 1))
            for i in range(3)}
    c = corpus_of(real, arts)
    out = render_feeds(c, index(c), SITE)
    assert len(rss(out["feed.xml"]).findall("item")) == 3
    assert len(rss(out[f"people/{pid}/feed.xml"]).findall("item")) == 3
    arts["a-3"] = clone(real, "a-3", people=[pid], events=[], added=dt.date(2025, 1, 4))
    c = corpus_of(real, arts)
    out = render_feeds(c, index(c), SITE)
    assert [i.findtext("link") for i in rss(out[f"people/{pid}/feed.xml"]).findall("item")] == [
        f"{SITE}articles/a-{i}/" for i in (3, 2, 1)]


def test_a_burst_of_corrections_does_not_push_articles_out_of_the_site_feed(real, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_LIMIT", 3)
    arts = {f"a-{i}": clone(real, f"a-{i}", people=[], events=[], added=dt.date(2024, 12, i + 1))
            for i in range(4)}
    claim = claim_about(real, "c", changes=[Change(dt.date(2025, 1, i + 1), f"تصحيح {i}") for i in range(5)])
    c = corpus_of(real, arts, {"c": claim})
    out = render_feeds(c, index(c), SITE)
    want = [f"{SITE}corrections/#claims/c/2025-01-0{i + 1}/{i}" for i in (4, 3, 2)]
    want += [f"{SITE}articles/a-{i}/" for i in (3, 2, 1)]
    assert [i.findtext("guid") for i in rss(out["feed.xml"]).findall("item")] == want
    assert [i["id"] for i in json.loads(out["feed.json"])["items"]] == want


def test_an_empty_feed_is_dated_from_source_date_epoch(real, monkeypatch):
    c = corpus_of(real, {})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733616000")
    ch = rss(render_feeds(c, index(c), SITE)["feed.xml"])
    assert ch.findall("item") == []
    assert rfc822(ch.findtext("lastBuildDate")) == dt.datetime(2024, 12, 8, tzinfo=UTC)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    ch = rss(render_feeds(c, index(c), SITE)["feed.xml"])
    assert rfc822(ch.findtext("lastBuildDate")) == dt.datetime(1970, 1, 1, tzinfo=UTC)


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)> & \"x\""


def test_hostile_article_text_reaches_feeds_as_text_only(real):
    art = clone(real, "h", [Block("paragraph", HOSTILE)], title=HOSTILE, summary=HOSTILE, people=[], events=[])
    c = corpus_of(real, {"h": art})
    out = render_feeds(c, index(c), SITE)
    item = rss(out["feed.xml"]).find("item")
    assert item.findtext("title") == HOSTILE  # a plain-text element: XML-escaped once, shown literally
    assert shown(item.findtext("description")) == HOSTILE  # HTML: escaped, so shown literally
    assert "<script>" not in item.findtext("description")
    body = lxml.html.fragment_fromstring(item.findtext("content:encoded", namespaces=NS))
    assert not body.xpath("//script | //img") and HOSTILE in body.text_content()
    entry = ET.fromstring(out["feed.atom"]).find(f"{A}entry")
    assert entry.findtext(f"{A}title") == HOSTILE and entry.findtext(f"{A}summary") == HOSTILE
    data = json.loads(out["feed.json"])["items"][0]
    assert data["title"] == HOSTILE and data["summary"] == HOSTILE
    assert not lxml.html.fragment_fromstring(data["content_html"]).xpath("//script | //img")


def test_hostile_correction_notes_reach_feeds_as_text_only(real):
    claim = claim_about(real, "c", changes=[Change(dt.date(2024, 12, 9), HOSTILE)])
    claim = dataclasses.replace(claim, statement=HOSTILE)
    c = corpus_of(real, {}, {"c": claim})
    item = rss(render_feeds(c, index(c), SITE)["feed.xml"]).find("item")
    assert item.findtext("title") == f"تصحيح أو تحديث: {HOSTILE}"
    assert shown(item.findtext("description")) == HOSTILE
    assert lxml.html.fragment_fromstring(item.findtext("content:encoded", namespaces=NS)).text_content() == HOSTILE


def test_hostile_dossier_title_and_description_stay_text(real):
    c = corpus_of(real, {"a": clone(real, "a", people=[], events=[])})
    c = dataclasses.replace(c, dossier=dataclasses.replace(c.dossier, title=HOSTILE, description=HOSTILE))
    out = render_feeds(c, index(c), SITE)
    ch = rss(out["feed.xml"])
    assert ch.findtext("title") == HOSTILE
    assert shown(ch.findtext("description")) == HOSTILE and "<script>" not in ch.findtext("description")
    assert ET.fromstring(out["feed.atom"]).findtext(f"{A}title") == HOSTILE
    assert json.loads(out["feed.json"])["title"] == HOSTILE


def test_atom_subtitle_is_the_description_as_plain_text(real):
    c = corpus_of(real, {"a": clone(real, "a", people=[], events=[])})
    c = dataclasses.replace(c, dossier=dataclasses.replace(c.dossier, description=HOSTILE))
    atom = ET.fromstring(render_feeds(c, index(c), SITE)["feed.atom"])
    assert atom.findtext(f"{A}subtitle") == HOSTILE


# --- feeds reused from the last build ------------------------------------------

def test_a_feed_is_reused_only_while_everything_it_shows_is_the_same(real):
    from build_tools.cache import ArticleCache
    from build_tools.writer import Unchanged

    cache = ArticleCache(None)
    idx = index(real)
    first = render_feeds(real, idx, SITE, cache)
    assert first == render_feeds(real, idx, SITE)  # the cache changes no byte
    again = render_feeds(real, idx, SITE, cache)
    assert set(again) == set(first)
    for path, data in again.items():  # all of them known: each stands for the file the last build wrote
        assert data == Unchanged(hashlib.sha256(first[path]).hexdigest()), path
    # One person renamed: their feed, and the site feeds whose items name them, are made again.
    pid = next(p for p in real.people if f"people/{p}/feed.xml" in first)
    renamed = dataclasses.replace(real, people={**real.people, pid: dataclasses.replace(real.people[pid], name="اسم آخر")})
    third = render_feeds(renamed, index(renamed), SITE, cache)
    remade = {p for p, d in third.items() if not isinstance(d, Unchanged)}
    assert f"people/{pid}/feed.xml" in remade
    assert remade == {p for p, d in render_feeds(renamed, index(renamed), SITE).items() if d != first[p]}
    assert third[f"people/{pid}/feed.xml"] == render_feeds(renamed, index(renamed), SITE)[f"people/{pid}/feed.xml"]


def _reused_or_remade(first: dict, cache, corpus, site: str) -> set[str]:
    """Feeds of ``corpus`` at ``site`` with ``cache`` as the build after ``first`` left it (every file on disk
    as written): each is either ``Unchanged`` with the bytes of ``first`` unchanged, or made again with exactly
    the bytes of a build without cache. Returns the feeds made again."""
    import copy

    from build_tools.writer import Unchanged

    cache = copy.deepcopy(cache)
    written = {p: hashlib.sha256(d).hexdigest() for p, d in first.items()}
    cache.keep_pages_if(lambda digests: all(written.get(p) == d for p, d in digests.items()))
    got = render_feeds(corpus, index(corpus), site, cache)
    fresh = render_feeds(corpus, index(corpus), site)
    assert set(got) == set(fresh)
    for path, data in got.items():
        if isinstance(data, Unchanged):
            assert data == Unchanged(written[path]) and fresh[path] == first[path], path
        else:
            assert data == fresh[path], path
    return {p for p, d in got.items() if not isinstance(d, Unchanged)}


def test_a_feed_is_made_again_when_its_title_address_or_items_change(real):
    """The key of each feed covers all it shows: the dossier's title and description (site feeds), the site
    address (every feed: each link in it), an item (the feeds that list it); and a feed is found again under
    its own path, where the last build wrote it."""
    from build_tools.cache import ArticleCache

    cache = ArticleCache(None)
    first = render_feeds(real, index(real), SITE, cache)
    site_feeds = {"feed.xml", "feed.atom", "feed.json"}
    assert _reused_or_remade(first, cache, real, SITE) == set()
    d = real.dossier
    retitled = dataclasses.replace(real, dossier=dataclasses.replace(d, title=d.title + " آخر"))
    assert _reused_or_remade(first, cache, retitled, SITE) == set(first)  # in every feed's title
    described = dataclasses.replace(real, dossier=dataclasses.replace(d, description="وصف آخر"))
    assert _reused_or_remade(first, cache, described, SITE) == site_feeds
    assert _reused_or_remade(first, cache, real, "https://example.net/other/") == set(first)
    aid, person = next((a, p) for p in real.people for a in index(real).articles_by_person.get(p, []))
    art = real.articles[aid]
    renamed = dataclasses.replace(real, articles={**real.articles, aid: dataclasses.replace(
        art, meta=dataclasses.replace(art.meta, title="عنوان آخر"))})
    remade = _reused_or_remade(first, cache, renamed, SITE)
    assert f"people/{person}/feed.xml" in remade and site_feeds <= remade


def test_an_empty_site_feed_is_made_again_for_a_new_address_or_date(real, monkeypatch):
    """With no item to carry them, the site address and SOURCE_DATE_EPOCH (the date of an empty feed)
    must be in the site feeds' key themselves."""
    from build_tools.cache import ArticleCache

    empty = corpus_of(real, {})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733616000")
    cache = ArticleCache(None)
    first = render_feeds(empty, index(empty), SITE, cache)
    assert set(first) == {"feed.xml", "feed.atom", "feed.json"}
    assert _reused_or_remade(first, cache, empty, SITE) == set()
    assert _reused_or_remade(first, cache, empty, "https://example.net/other/") == set(first)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733702400")
    assert {"feed.xml", "feed.atom"} <= _reused_or_remade(first, cache, empty, SITE)


def test_a_claim_correction_in_a_person_feed_links_the_claims_page_that_shows_it(real):
    idx = index(real)
    cid = next(c for c in real.claims if real.claims[c].changes and any(
        c in claims for claims in idx.claims_by_person.values()))
    person = next(p for p, claims in idx.claims_by_person.items() if cid in claims)
    idx.claim_page[cid] = "claims/page/2.md"
    feed = ET.fromstring(dict(feeds.feeds(real, idx, SITE))[f"people/{person}/feed.xml"])
    links = [link.text for link in feed.iter("link")]
    assert f"{SITE}claims/page/2/#{cid}" in links and f"{SITE}claims/#{cid}" not in links


def test_feeds_made_in_worker_processes_are_the_same_bytes(real, monkeypatch):
    from build_tools import parallel

    idx = index(real)
    serial = render_feeds(real, idx, SITE)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)
    monkeypatch.setenv("BUILD_WORKERS", "2")
    assert render_feeds(real, idx, SITE) == serial


def test_a_correction_of_a_claim_links_the_page_that_shows_it(real):
    cid = next(iter(real.claims))
    items = change_items("claims", cid, "x", [Change(dt.date(2025, 1, 2), "ت")], SITE, "claims/page/3.md")
    assert [i.link for i in items] == [f"{SITE}claims/page/3/#{cid}"]
    assert change_items("claims", cid, "x", [Change(dt.date(2025, 1, 2), "ت")], SITE)[0].link == f"{SITE}claims/#{cid}"
    idx = index(real)
    with_changes = next(c for c in real.claims if real.claims[c].changes)
    pages = {**idx.claim_page, with_changes: "claims/page/2.md"}
    links = {i.link for i in corpus_change_items(real, SITE, pages)[("claims", with_changes)]}
    assert links == {f"{SITE}claims/page/2/#{with_changes}"}


def test_feeds_come_one_at_a_time_workers_started_first(real, monkeypatch):
    """A build writes each feed as it comes (it never holds a thousand feeds); the person and event
    feeds' worker processes are forked before the first feed is given out, since the caller then
    starts threads to write it, and a process with threads must not fork."""
    from build_tools import parallel

    idx = index(real)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)
    monkeypatch.setenv("BUILD_WORKERS", "2")
    stream = feeds.feeds(real, idx, SITE)
    assert parallel._job is None
    first = next(stream)
    assert parallel._job is not None  # the pool is up: its job is set for the forked workers
    streamed = dict([first, *stream])
    assert parallel._job is None
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10**9)
    assert streamed == render_feeds(real, idx, SITE) and any(p.startswith("people/") for p in streamed)
