"""The built site: one page per article, right to left, Arabic, strict-clean, deterministic."""

from __future__ import annotations

import datetime as dt

import lxml.html
import yaml
from conftest import ROOT, build_all, copy_project, tree_bytes

# Derived from sources/, never counted by hand: adding a correct article keeps these tests green.
ARTICLES = {p.stem: yaml.safe_load(p.read_text("utf-8")) for p in sorted((ROOT / "sources" / "articles").glob("*.yml"))}
ARTICLE_IDS = sorted(ARTICLES)


def test_a_page_per_article(site):
    assert ARTICLE_IDS
    for aid in ARTICLE_IDS:
        assert (site / "articles" / aid / "index.html").is_file(), aid


def test_every_page_is_arabic_and_right_to_left(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = lxml.html.parse(str(page)).getroot()
        assert html.get("lang") == "ar", page
        assert html.get("dir") == "rtl", page


def test_navigation_lists_sections_not_every_page(site):
    doc = lxml.html.parse(str(site / "index.html")).getroot()
    nav_links = doc.xpath("//nav[contains(@class,'md-nav--primary')]//a/@href")
    assert not any("/articles/" in h and h.rstrip("/").split("/")[-1] in ARTICLE_IDS for h in nav_links)
    assert any(h.rstrip("/").endswith("timeline") for h in nav_links)


def test_home_lists_articles_newest_first(site):
    doc = lxml.html.parse(str(site / "index.html")).getroot()
    hrefs = [h for h in doc.xpath("//article//a/@href") if h.startswith("articles/") and h != "articles/"]
    ids = list(dict.fromkeys(h.split("/")[1] for h in hrefs))  # in order of first link
    assert sorted(ids) == ARTICLE_IDS
    # Dated articles first, the latest publication first; undated ones after, the latest added first.
    keys = [_recency(ARTICLES[aid]) for aid in ids]
    assert keys == sorted(keys), list(zip(ids, keys))


def _recency(meta: dict) -> tuple[bool, int, int]:
    """Sort key, smaller first: (date unknown, -last day the date allows, -day added)."""
    published = meta["published"]
    added = -dt.date.fromisoformat(str(meta["added"])).toordinal()
    if published is None:
        return (True, 0, added)
    parts = [int(x) for x in str(published).split("-")]
    year, month, day = (parts + [12, 0])[:3] if len(parts) == 1 else (parts + [0])[:3]
    last = dt.date(year, month, day) if day else _month_end(year, month)
    return (False, -last.toordinal(), added)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def test_unknown_values_are_shown_as_unknown(site):
    text = lxml.html.parse(str(site / "articles" / "blog-assad-putin-rupture" / "index.html")).getroot().text_content()
    assert "الرابط الأصلي" in text and "غير معروف" in text
    dated = lxml.html.parse(str(site / "articles" / "aljazeera-assad-last-days-contacts" / "index.html")).getroot()
    assert "كانون الأول/ديسمبر 2024" in dated.text_content()
    assert "الدقة: بالشهر فقط" in dated.text_content()


def test_two_builds_are_byte_identical(site, tmp_path):
    again = build_all(copy_project(tmp_path / "again"))
    first, second = tree_bytes(site), tree_bytes(again)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_published_files_are_world_readable(site):
    unreadable = [p for p in site.rglob("*") if p.is_file() and not p.stat().st_mode & 0o004]
    assert unreadable == []


def test_local_site_url_default_is_the_same_everywhere():
    from build_tools.pipeline import DEFAULT_SITE_URL

    assert f'site_url: !ENV [SITE_URL, "{DEFAULT_SITE_URL}"]' in (ROOT / "mkdocs.yml").read_text("utf-8")
