"""Feeds: valid for real parsers and a real reader, complete, deterministic.

Expectations come from sources/articles/*.yml, never from a hand count: adding
a correct article keeps these tests green.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import feedparser
import lxml.html
import pytest
import yaml
from conftest import ROOT, build_all, copy_project, serve, tree_bytes

from build_tools.feeds import FEED_LIMIT

SITE_URL = "http://127.0.0.1:8000/"
ARTICLES = {p.stem: yaml.safe_load(p.read_text("utf-8")) for p in sorted((ROOT / "sources/articles").glob("*.yml"))}


def title_of(meta):
    return meta["title"] or meta["working_title"]


def article_of(entry) -> str | None:
    """The article id an entry announces, or None for another kind of entry (a dated correction)."""
    path = urlparse(entry.link).path.strip("/").split("/")
    return path[1] if len(path) == 2 and path[0] == "articles" else None


def published_day(meta) -> dt.date | None:
    """The source's own day of publication, or None: a month or a year is not a day."""
    published = str(meta["published"] or "")
    return dt.date.fromisoformat(published) if len(published) == 10 else None


def added_day(meta) -> dt.date:
    return dt.date.fromisoformat(str(meta["added"]))


def day(entry, key: str) -> dt.date | None:
    parsed = dict.get(entry, f"{key}_parsed")  # not entry.get: feedparser would answer `updated` with `published`
    return dt.date(*parsed[:3]) if parsed else None


def check_site_entries(entries) -> None:
    """A site feed: the newest articles and the newest corrections, each at most FEED_LIMIT (a burst of
    corrections never pushes the articles out); no article newer than the oldest one shown is left out."""
    articles = [e for e in entries if article_of(e)]
    assert 0 < len(articles) <= FEED_LIMIT and len(entries) - len(articles) <= FEED_LIMIT
    shown = {article_of(e): e for e in articles}
    assert set(shown) <= set(ARTICLES)
    for aid, e in shown.items():
        assert title_of(ARTICLES[aid]) in e.title, aid
    if len(articles) < FEED_LIMIT:
        assert set(shown) == set(ARTICLES)
    elif all(day(e, "updated") for e in articles):  # full: older articles made way for newer ones
        oldest = min(day(e, "updated") for e in articles)
        assert {a for a, m in ARTICLES.items() if added_day(m) > oldest} <= set(shown)


def local(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    path = urlparse(url).path
    return site / path.lstrip("/") / "index.html" if path.endswith("/") else site / path.lstrip("/")


@pytest.mark.parametrize("name", ["feed.xml", "feed.atom"])
def test_site_feed_parses_cleanly(site, name):
    feed = feedparser.parse((site / name).read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.feed.language == "ar" if name == "feed.xml" else True
    check_site_entries(feed.entries)
    guids = [e.id for e in feed.entries]
    assert len(set(guids)) == len(feed.entries)
    for e in feed.entries:
        assert local(site, e.link).is_file(), e.link
        if article_of(e):
            assert e.id == e.link  # the canonical URL: stable when the article is updated
        content = e.content[0].value
        assert content.startswith('<div dir="rtl" lang="ar">')
        for href in lxml.html.fromstring(content).xpath("//a/@href"):
            assert href.startswith(SITE_URL) and local(site, href).is_file()


def test_feed_dates_come_from_the_metadata_newest_first(site):
    """Published: the source's day, or nothing (never invented). Updated: the day it entered the
    dossier, which orders the feed, newest first."""
    for name in ("feed.xml", "feed.atom"):
        for e in feedparser.parse((site / name).read_bytes()).entries:
            if article_of(e):
                assert day(e, "published") == published_day(ARTICLES[article_of(e)]), (name, e.link)
    atom = feedparser.parse((site / "feed.atom").read_bytes()).entries
    for e in atom:
        if article_of(e):
            assert day(e, "updated") == added_day(ARTICLES[article_of(e)]), e.link
    stamps = [e.updated_parsed for e in atom]
    assert stamps == sorted(stamps, reverse=True)
    raw = (site / "feed.xml").read_text("utf-8")
    assert "<lastBuildDate>" in raw and "+0000</lastBuildDate>" in raw
    assert 'rel="self"' in raw and "<language>ar</language>" in raw


def test_channel_is_arabic(site):
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert feed.feed.title == "الأيام الأخيرة لحكم الأسد"
    assert "بشار الأسد" in feed.feed.description


def test_per_person_and_per_event_feeds(site):
    for kind, field in (("people", "people"), ("events", "events")):
        registry = yaml.safe_load((ROOT / "sources" / f"{kind}.yml").read_text("utf-8"))
        for key in registry:
            covering = {aid for aid, m in ARTICLES.items() if key in m[field]}
            path = site / kind / key / "feed.xml"
            if not path.exists():
                assert not covering, path  # every article about it is announced
                continue
            feed = feedparser.parse(path.read_bytes())
            assert feed.bozo == 0
            assert feed.entries, path  # no empty feeds
            got = {article_of(e) for e in feed.entries} - {None}
            if len(feed.entries) < FEED_LIMIT:
                assert got == covering, (kind, key)
            else:  # a full feed keeps the newest items only
                assert got <= covering, (kind, key)


def test_every_page_links_the_site_feed_in_its_head(site):
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        head = lxml.html.parse(str(page)).getroot().head
        feeds = head.xpath("link[@rel='alternate'][@type='application/rss+xml']/@href")
        assert SITE_URL + "feed.xml" in feeds, page


def test_person_pages_show_their_own_feed(site):
    """Each feed's address is in its page's head for feed readers, and visible to a reader."""
    for kind in ("people", "events"):
        for feed in sorted((site / kind).glob("*/feed.xml")):
            url = f"{SITE_URL}{kind}/{feed.parent.name}/feed.xml"
            doc = lxml.html.parse(str(feed.parent / "index.html")).getroot()
            assert url in doc.head.xpath("link[@rel='alternate']/@href"), feed
            assert url in " ".join(doc.xpath("//article")[0].text_content().split()), feed
    home = lxml.html.parse(str(site / "index.html")).getroot()
    links = {h.split("#")[0] for h in home.xpath("//article//a/@href")}
    assert any(SITE_URL + "feed.xml" in _text(site, h) for h in links if not h.startswith(("http", "mailto")))


def _text(site: Path, href: str) -> str:
    page = site / href / "index.html" if href.endswith("/") or not Path(href).suffix else site / href
    return page.read_text("utf-8") if page.is_file() else ""


def test_newsboat_reads_every_entry(site, tmp_path):
    with serve(site) as url:
        urls = tmp_path / "urls"
        urls.write_text(url + "feed.xml\n")
        cache = tmp_path / "cache.db"
        config = tmp_path / "config"
        config.write_text("")
        base = ["newsboat", "-u", str(urls), "-c", str(cache), "-C", str(config)]
        subprocess.run(base + ["-x", "reload"], check=True, capture_output=True, timeout=60)
    import sqlite3
    with sqlite3.connect(cache) as db:
        titles = {row[0] for row in db.execute("SELECT title FROM rss_item")}
    assert titles == {e.title for e in feedparser.parse((site / "feed.xml").read_bytes()).entries}


def test_feeds_are_byte_identical_across_builds(site, tmp_path):
    again = build_all(copy_project(tmp_path / "again"))
    def feeds(folder):
        return {k: v for k, v in tree_bytes(folder).items() if k.endswith(("feed.xml", "feed.atom", "feed.json"))}
    assert feeds(site) == feeds(again)
    assert len(feeds(site)) > 10
