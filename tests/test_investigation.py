"""People, events, timeline and claims pages, checked in the built HTML."""

from __future__ import annotations

import datetime as dt

import lxml.html
import yaml
from conftest import ROOT

from build_tools.assemble import assemble
from build_tools.index import build_index
from build_tools.load import load_sources
from build_tools.mentions import MentionIndex
from build_tools.problems import Problems


def load(name):
    return yaml.safe_load((ROOT / "sources" / name).read_text("utf-8"))


def html(site, *parts):
    return lxml.html.parse(str(site.joinpath(*parts, "index.html"))).getroot()


def text(doc) -> str:
    return " ".join(doc.xpath("//article")[0].text_content().split())


def corpus_and_index():
    problems = Problems()
    loaded = load_sources(ROOT, problems)
    corpus, _ = assemble(loaded)
    mentions = MentionIndex(corpus.articles, corpus.people)
    return corpus, build_index(corpus, mentions), mentions


def test_a_page_per_person_event_and_the_indexes(site):
    for pid in load("people.yml"):
        assert (site / "people" / pid / "index.html").is_file(), pid
    for eid in load("events.yml"):
        assert (site / "events" / eid / "index.html").is_file(), eid
    for page in ("people", "events", "timeline", "claims"):
        assert (site / page / "index.html").is_file()


def test_every_person_is_named_in_kept_journalism():
    corpus, idx, mentions = corpus_and_index()
    assert len(corpus.people) >= 15
    for pid in corpus.people:
        assert mentions.by_person.get(pid), f"{pid} is not mentioned in any cleaned article"


def test_people_only_in_removed_boilerplate_get_no_page(site):
    # Named only in the unrelated article appended to the Reuters relay: that text is cut, so the
    # relay's page never names him (another article may, one day, and give him a page).
    reuters = "reuters-assad-sought-help-sada-elbalad"
    assert "رائد الصالح" in (ROOT / "sources" / "articles" / f"{reuters}.txt").read_text("utf-8")
    assert "رائد الصالح" not in text(html(site, "articles", reuters))
    assert "raed-al-saleh" not in yaml.safe_load((ROOT / "sources" / "articles" / f"{reuters}.yml").read_text("utf-8"))["people"]


def test_actors_named_in_the_seeds_have_pages(site):
    index = text(html(site, "people"))
    for name in ("بشار الأسد", "كامل صقر", "فلاديمير بوتين", "عباس عراقجي", "علي لاريجاني", "فؤاد حسين",
                 "سيرجي لافروف", "هادي البحرة", "كفاح ملحم", "منصور عزام", "حسين الشيخ"):
        assert name in index, name


def test_timeline_is_chronological(site):
    events = load("events.yml")
    doc = html(site, "timeline")
    links = [a.get("href").strip("/").split("/")[-1] for a in doc.xpath("//article//a[contains(@href,'events/')]")]
    order = list(dict.fromkeys(links))  # the picture and the list both link every event, in the same order
    assert sorted(order) == sorted(events)

    def day(v):
        parts = [int(x) for x in str(v).split("-")] + [1, 1]
        return dt.date(*parts[:3])
    starts = [day(events[e]["start"]) for e in order]
    assert starts == sorted(starts)


def test_uncertain_dates_are_shown_as_such(site):
    t = text(html(site, "timeline"))
    assert "بين 26 تشرين الثاني/نوفمبر 2024 و28 تشرين الثاني/نوفمبر 2024" in t
    assert "موضع خلاف بين المصادر" in t


def test_moscow_trip_dates_from_every_source_are_visible_with_sources(site):
    doc = html(site, "events", "assad-trip-to-moscow")
    t = text(doc)
    for fragment in ("في 26 تشرين الثاني 2024", "يوم 26 نوفمبر/تشرين الثاني", "في 28 نوفمبرالماضي", "الأربعاء"):
        assert fragment in t, fragment
    links = {a.get("href").strip("/").split("/")[-1] for a in doc.xpath("//article//li//a")}
    assert {"964-saqr-baghdad-tehran-contacts", "saqr-podcast-palace-last-moments",
            "reuters-assad-sought-help-sada-elbalad"} <= links


def test_claims_grid_marks_disagreements(site):
    doc = html(site, "claims")
    rows = doc.xpath("//div[contains(@class,'dossier-grid')]//tbody/tr")
    claims = load("claims.yml")
    assert len(rows) == len(claims)
    _, idx, _ = corpus_and_index()
    for row, (cid, claim) in zip(rows, claims.items()):
        # Disagreement from a source of journalism; a chatbot's "different value" is no disagreement.
        disputed = any(s["stance"] in ("contradicts", "different-value") and s["article"] not in idx.support[cid].machine
                       for s in claim["sources"])
        assert row.text_content().strip().startswith("⚠") == disputed, cid
        assert row.xpath(".//a")[0].get("href") == f"#{cid}"


def test_independent_origins_not_article_counts():
    corpus, idx, _ = corpus_and_index()
    moscow = idx.support["moscow-trip-date"]
    assert moscow.supporting == ["964-saqr-baghdad-tehran-contacts", "saqr-podcast-palace-last-moments"]
    assert moscow.origins == ["kamel-saqr"]  # one witness, two relays
    belarus = idx.support["kremlin-said-putin-in-belarus"]
    # The blogger's own lines (before the pasted chatbot text) say it: journalism of a kind, but
    # with no independent origin behind it.
    assert belarus.origins == [] and belarus.supporting == ["blog-assad-putin-rupture"]
    assert belarus.machine_only == [] and "blog-assad-putin-rupture" not in belarus.machine


def test_machine_text_counts_as_no_evidence_on_the_page(site):
    t = text(html(site, "claims"))
    assert "لا أصل مستقلاً يؤكده؛ ويؤكده أيضاً نص مولّد آلياً لا يُحتسب دليلاً" in t


def test_article_pages_link_their_people_and_events(site):
    for aid in (p.stem for p in (ROOT / "sources" / "articles").glob("*.yml")):
        meta = yaml.safe_load((ROOT / "sources" / "articles" / f"{aid}.yml").read_text("utf-8"))
        hrefs = {h.strip("/").replace("../", "") for h in html(site, "articles", aid).xpath("//article//a/@href")}
        for pid in meta["people"]:
            assert f"people/{pid}" in hrefs, (aid, pid)
        for eid in meta["events"]:
            assert f"events/{eid}" in hrefs, (aid, eid)


def test_person_page_quotes_mentions_and_lists_co_actors(site):
    t = text(html(site, "people", "ali-larijani"))
    assert "كما وصل عضو مجلس تشخيص مصلحة النظام الإيراني علي لاريجاني مساء يوم الجمعة" in t
    assert "بشار الأسد" in t  # appears with

