"""Sharing and search engines, and Arabic throughout: descriptions, Open Graph, JSON-LD,
alphabetical order, Arabic anchors, the about page's facts, the subscribe page.

On the real sources as built, and on a project copy whose fields try to break out
of JSON-LD and of meta attributes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import lxml.html
import pytest
import pyuca
import yaml
from conftest import ROOT, build_all, copy_project

from build_tools import dates, render, sharing
from build_tools.model import PartialDate

ARTICLES = sorted(p.stem for p in (ROOT / "sources" / "articles").glob("*.yml"))


def _yaml(rel: str):
    return yaml.safe_load((ROOT / "sources" / rel).read_text("utf-8"))


def _doc(site: Path, rel: str):
    return lxml.html.fromstring((site / rel).read_text("utf-8"))


def _meta(doc, key: str) -> list[str]:
    return [m.get("content") for m in doc.xpath(f"//head/meta[@property='{key}' or @name='{key}']")]


def _ld(doc) -> list[dict]:
    return [json.loads(s.text) for s in doc.xpath("//script[@type='application/ld+json']")]


def _fold(text: str) -> str:
    return " ".join(text.split())


# --- pure functions ---------------------------------------------------------------------


def test_script_json_cannot_close_the_script_element_and_reads_back_the_same():
    value = {"a": '</script><script>alert(1)</script> & <!-- \u2028 🤖 "q"'}
    text = sharing.script_json(value)
    assert not set("<>&") & set(text) and "\u2028" not in text
    assert json.loads(text) == value


def test_front_matter_scalars_survive_characters_beyond_the_basic_plane():
    for value in ("عنوان 🤖 آلي", "\\ud83e\\udd16 literal backslashes", 'q "x" <y> & 😀😀'):
        assert yaml.safe_load("k: " + render.front_matter(value))["k"] == render.html.escape(value)
        data = {"v": value}
        assert json.loads(yaml.safe_load("k: " + render.jsonld(data))["k"]) == data


@pytest.mark.parametrize("start,end,honest", [
    ((2024, 12, 8), None, "2024-12-08"), ((2024, 12, None), None, "2024-12"), ((2024, None, None), None, "2024"),
    ((2024, 11, 26), (2024, 11, 28), "2024-11"), ((2024, 11, 28), (2024, 12, 2), "2024"),
    ((2024, 12, 8), (2024, 12, 8), "2024-12-08"), ((2023, 12, 30), (2024, 1, 2), "2023"),
])
def test_an_event_date_is_no_more_precise_than_its_sources(start, end, honest):
    assert sharing.honest_date(PartialDate(*start), PartialDate(*end) if end else None) == honest


# --- every page, as built ---------------------------------------------------------------


def test_every_page_has_a_description_open_graph_and_a_canonical_url(site):
    for page in sorted(site.rglob("index.html")):
        if page.parent == site / "search":
            continue
        doc = _doc(site, page.relative_to(site).as_posix())
        rel = page.parent.relative_to(site).as_posix()
        description = _meta(doc, "description")
        assert len(description) == 1 and description[0].strip(), rel
        assert _meta(doc, "og:description") == description == _meta(doc, "twitter:description"), rel
        assert len(_meta(doc, "og:title")) == 1 and _meta(doc, "og:title")[0].strip(), rel
        assert _meta(doc, "twitter:card") == ["summary"], rel
        canonical = doc.xpath("//head/link[@rel='canonical']/@href")
        assert len(canonical) == 1 and _meta(doc, "og:url") == canonical, rel
        assert _meta(doc, "og:image") == [] and _meta(doc, "twitter:image") == [], rel  # we ship no image
        for ld in _ld(doc):
            assert ld["@type"] != "ClaimReview", rel  # the dossier rates no claim true or false


def test_pages_of_a_kind_do_not_share_one_description(site):
    for kind in ("articles", "people", "events"):
        pages = [p for p in (site / kind).glob("*/index.html")]
        descriptions = [_meta(_doc(site, p.relative_to(site).as_posix()), "description")[0] for p in pages]
        assert len(set(descriptions)) == len(descriptions), kind


@pytest.mark.parametrize("aid", ARTICLES)
def test_article_page_has_news_article_json_ld_true_to_what_we_know(site, aid):
    meta = _yaml(f"articles/{aid}.yml")
    doc = _doc(site, f"articles/{aid}/index.html")
    lds = _ld(doc)
    assert [ld["@type"] for ld in lds] == ["NewsArticle"]
    ld = lds[0]
    assert ld["@context"] == "https://schema.org"
    assert ld["url"] == doc.xpath("//head/link[@rel='canonical']/@href")[0]
    assert ld["description"] == _fold(meta["summary"]) == _meta(doc, "description")[0]
    assert ("isBasedOn" in ld) == (meta["url"] is not None)
    if meta["url"]:
        assert ld["isBasedOn"] == meta["url"]
    published = str(meta["published"]) if meta["published"] is not None else None
    by_day = published is not None and len(published) == 10
    assert ("datePublished" in ld) == by_day
    if by_day:
        assert ld["datePublished"] == published
        assert _meta(doc, "article:published_time") == [published]
    else:
        assert _meta(doc, "article:published_time") == []
    assert ("author" in ld) == bool(meta.get("author"))
    assert ("publisher" in ld) == (meta["outlet"] is not None)
    if meta["title"]:
        assert ld["headline"] == _fold(meta["title"])
    assert _meta(doc, "og:type") == ["article"]


def test_person_and_event_pages_have_their_json_ld(site):
    people, events = _yaml("people.yml"), _yaml("events.yml")
    for pid, person in people.items():
        [ld] = _ld(_doc(site, f"people/{pid}/index.html"))
        assert ld["@type"] == "Person" and ld["name"] == _fold(person["name"])
        if person.get("wikidata"):
            assert ld["sameAs"] == [f"https://www.wikidata.org/wiki/{person['wikidata']}"]
        else:
            assert "sameAs" not in ld
    for eid, event in events.items():
        [ld] = _ld(_doc(site, f"events/{eid}/index.html"))
        assert ld["@type"] == "Event" and ld["name"] == _fold(event["title"])
        start = PartialDate(*map(int, str(event["start"]).split("-")))
        end = PartialDate(*map(int, str(event["end"]).split("-"))) if event.get("end") else None
        assert ld["startDate"] == sharing.honest_date(start, end)
        assert "endDate" not in ld  # a range of uncertainty is not a duration
        assert dates.date_range(start, end) in ld["description"]


def test_home_title_is_the_site_name_once_and_it_says_what_the_site_is(site):
    doc = _doc(site, "index.html")
    name = _fold(_yaml("dossier.yml")["title"])
    assert doc.findtext(".//title").strip() == name
    assert [ld["@type"] for ld in _ld(doc)] == ["WebSite"]


# --- Arabic throughout ----------------------------------------------------------------------


def _first_column_links(site: Path, rel: str) -> list[str]:
    doc = _doc(site, rel)
    return [_fold(a.text_content()) for a in doc.xpath("//article//table//tr/td[1]/a | //article//li/a[1]")]


def test_people_index_is_in_arabic_alphabetical_order(site):
    names = [_fold(p["name"]) for p in _yaml("people.yml").values()]
    shown = [n for n in _first_column_links(site, "people/index.html") if n in names]
    assert sorted(shown) == sorted(names)
    assert shown == sorted(names, key=pyuca.Collator().sort_key)


def test_events_index_is_in_arabic_alphabetical_order(site):
    titles = [_fold(e["title"]) for e in _yaml("events.yml").values()]
    shown = [t for t in _first_column_links(site, "events/index.html") if t in titles]
    assert sorted(shown) == sorted(titles)
    assert shown == sorted(titles, key=pyuca.Collator().sort_key)


ARABIC = re.compile("[\u0621-\u064a]")


def test_heading_anchors_are_arabic_words_and_explicit_claim_anchors_stay(site):
    for rel in ("people/kamel-saqr/index.html", "about/index.html", "articles/blog-assad-putin-rupture/source/index.html"):
        doc = _doc(site, rel)
        ids = [h.get("id") for h in doc.xpath("//article//*[self::h1 or self::h2 or self::h3]")]
        assert ids and all(i and ARABIC.search(i) for i in ids), (rel, ids)
        assert not any(re.fullmatch(r"_\d+|-+", i) for i in ids), (rel, ids)
    claims = _doc(site, "claims/index.html")
    h2_ids = set(claims.xpath("//article//h2/@id"))
    assert set(_yaml("claims.yml")) <= h2_ids


def test_unknowns_are_labelled_in_the_article_metadata_table(site):
    for aid in ARTICLES:
        doc = _doc(site, f"articles/{aid}/index.html")
        for cell in doc.xpath("//article//table//td"):
            text = _fold(cell.text_content())
            assert not text.startswith("غير معروف"), (aid, text)
        assert "غير معروف — غير معروف" not in _fold(doc.text_content())


def test_about_page_shows_the_last_update_from_the_sources_and_visible_placeholders(site):
    doc = _doc(site, "about/index.html")
    text = _fold(_by_article(doc).text_content())
    added = [dt.date.fromisoformat(str(_yaml(f"articles/{a}.yml")["added"])) for a in ARTICLES]
    changes = [dt.date.fromisoformat(str(ch["date"])) for f in ("claims.yml", "events.yml")
               for entry in _yaml(f).values() for ch in entry.get("changes") or []]
    assert f"آخر تحديث لمحتوى الملف: {dates.arabic_date(max(added + changes))}" in text
    assert "dossier:" not in (site / "about/index.html").read_text("utf-8")
    for heading in ("من ينشر هذا الملف", "كيف تبلغنا بخطأ", "سياسة التصحيح", "الترخيص"):
        assert heading in text
    assert "corrections/" in [a.get("href").split("#")[0].lstrip("./") for a in _by_article(doc).iter("a") if a.get("href")] \
        or any((a.get("href") or "").endswith("corrections/") for a in _by_article(doc).iter("a"))


def _by_article(doc):
    return doc.xpath("//article")[0]


def test_subscribe_page_lists_every_feed_and_pages_send_readers_there(site):
    doc = _doc(site, "subscribe/index.html")
    shown = {_fold(c.text_content()) for c in doc.xpath("//article//code")}
    feeds = sorted(p.relative_to(site).as_posix() for p in site.rglob("feed.*"))
    assert feeds
    site_url = _meta(_doc(site, "index.html"), "og:url")[0]
    assert {site_url + f for f in feeds} <= shown
    person = next(p for p in sorted((site / "people").glob("*/feed.xml")))
    page = _doc(site, f"people/{person.parent.name}/index.html")
    body_links = [a.get("href") for a in _by_article(page).iter("a") if a.get("href")]
    # the way to subscribe comes first; the feed's own address follows, to copy
    feed_links = [i for i, h in enumerate(body_links) if h.endswith("feed.xml")]
    subscribe = [i for i, h in enumerate(body_links) if h.rstrip("/").endswith("subscribe")]
    assert subscribe and feed_links and subscribe[0] < feed_links[0]


# --- hostile values cannot break out of JSON-LD or meta attributes ---------------------------

HOSTILE = '</script><script>alert("XSS")</script>" onmouseover="alert(1)" \' & <!-- --> ]]> 🤖 \\u003c'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("sharing-hostile") / "project")
    path = project / "sources/articles/reuters-assad-sought-help-sada-elbalad.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["summary"] = HOSTILE + " ملخص"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), "utf-8")
    people = project / "sources/people.yml"
    reg = yaml.safe_load(people.read_text("utf-8"))
    pid = next(iter(reg))
    reg[pid]["roles"] = [{"title": HOSTILE + " دور"}]
    people.write_text(yaml.safe_dump(reg, allow_unicode=True, sort_keys=False, width=10_000), "utf-8")
    return build_all(project), pid


def test_hostile_summary_and_role_stay_text_in_json_ld_and_meta(hostile_site):
    site, pid = hostile_site
    for rel, expected in (("articles/reuters-assad-sought-help-sada-elbalad/index.html", HOSTILE + " ملخص"),
                          (f"people/{pid}/index.html", HOSTILE + " دور")):
        html = (site / rel).read_text("utf-8")
        doc = lxml.html.fromstring(html)
        scripts = doc.xpath("//script")
        assert not any("XSS" in (s.text or "") and s.get("type") != "application/ld+json" for s in scripts), rel
        assert not doc.xpath("//*[@onmouseover]"), rel
        [ld] = _ld(doc)
        assert expected in json.dumps(ld, ensure_ascii=False) or expected in ld.get("description", ""), rel
        raw_ld = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
        assert "<" not in raw_ld and ">" not in raw_ld
        description = _meta(doc, "description")[0]
        assert expected in description, rel
        assert _meta(doc, "og:description") == [description]
    [ld] = _ld(_doc(site, "articles/reuters-assad-sought-help-sada-elbalad/index.html"))
    assert ld["description"] == _fold(HOSTILE + " ملخص")
