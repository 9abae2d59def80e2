"""Feeds: valid for real parsers and a real reader, complete, deterministic."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import urlparse

import feedparser
import lxml.html
import pytest
import yaml

from conftest import ROOT, build_all, copy_project, serve, tree_bytes

SITE_URL = "http://127.0.0.1:8000/"
ARTICLES = {p.stem: yaml.safe_load(p.read_text("utf-8")) for p in sorted((ROOT / "sources/articles").glob("*.yml"))}


def title_of(meta):
    return meta["title"] or meta["working_title"]


def local(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    path = site / urlparse(url).path.lstrip("/")
    return path / "index.html" if url.endswith("/") else path


@pytest.mark.parametrize("name", ["feed.xml", "feed.atom"])
def test_site_feed_parses_cleanly(site, name):
    feed = feedparser.parse((site / name).read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.feed.language == "ar" if name == "feed.xml" else True
    assert len(feed.entries) == 5
    assert sorted(e.title for e in feed.entries) == sorted(title_of(m) for m in ARTICLES.values())
    guids = [e.id for e in feed.entries]
    assert len(set(guids)) == 5
    for e in feed.entries:
        assert local(site, e.link).is_file(), e.link
        assert e.id == e.link  # the canonical URL: stable when the article is updated
        content = e.content[0].value
        assert content.startswith('<div dir="rtl" lang="ar">')
        for href in lxml.html.fromstring(content).xpath("//a/@href"):
            assert href.startswith(SITE_URL) and local(site, href).is_file()


def test_feed_dates_come_from_the_metadata_newest_first(site):
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    for e in feed.entries:
        meta = ARTICLES[e.link.rstrip("/").split("/")[-1]]
        published = str(meta["published"] or "")
        expected = published if len(published) == 10 else meta["added"]
        assert e.published.startswith(_rfc822_day(expected)), (e.link, e.published)
    stamps = [e.published_parsed for e in feed.entries]
    assert stamps == sorted(stamps, reverse=True)
    raw = (site / "feed.xml").read_text("utf-8")
    assert "<lastBuildDate>" in raw and "+0000</lastBuildDate>" in raw
    assert 'rel="self"' in raw and "<language>ar</language>" in raw


def _rfc822_day(iso: str) -> str:
    import datetime as dt
    d = dt.date.fromisoformat(iso)
    return d.strftime("%a, %d %b %Y")


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
            if not covering:
                assert not path.exists(), path  # no empty feeds
                continue
            feed = feedparser.parse(path.read_bytes())
            assert feed.bozo == 0
            got = {e.link.rstrip("/").split("/")[-1] for e in feed.entries if "/articles/" in e.link}
            assert got == covering, (kind, key)


def test_every_page_links_the_site_feed_in_its_head(site):
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        head = lxml.html.parse(str(page)).getroot().head
        feeds = head.xpath("link[@rel='alternate'][@type='application/rss+xml']/@href")
        assert SITE_URL + "feed.xml" in feeds, page


def test_person_pages_link_their_own_feed_visibly(site):
    doc = lxml.html.parse(str(site / "people" / "ali-larijani" / "index.html")).getroot()
    assert SITE_URL + "people/ali-larijani/feed.xml" in doc.head.xpath("link[@rel='alternate']/@href")
    assert doc.xpath("//article//a[@href='feed.xml']")
    home = lxml.html.parse(str(site / "index.html")).getroot()
    assert home.xpath("//article//a[@href='feed.xml']")


def test_newsboat_lists_the_five_titles(site, tmp_path):
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
    assert titles == {title_of(m) for m in ARTICLES.values()}


def test_feeds_are_byte_identical_across_builds(site, tmp_path):
    again = build_all(copy_project(tmp_path / "again"))
    def feeds(folder):
        return {k: v for k, v in tree_bytes(folder).items() if k.endswith(("feed.xml", "feed.atom", "feed.json"))}
    assert feeds(site) == feeds(again)
    assert len(feeds(site)) > 10
