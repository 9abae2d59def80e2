"""Real addresses: Unicode paths and internationalised domains are accepted as written, linked in ASCII."""

from __future__ import annotations

import pytest

from build_tools.urls import href, url_problem


@pytest.mark.parametrize("url", [
    "https://www.aljazeera.net/politics/2024/12/10/كواليس-الأيام-الأخيرة",
    "https://موقع.مثال/مقال?رقم=3#فقرة",
    "http://example.com:8080/a%20b",
    "https://964media.com/ar/12345/",
])
def test_real_addresses_are_accepted(url):
    assert url_problem(url) is None


@pytest.mark.parametrize("url,why", [
    ("javascript:alert(1)", "http:// or https://"),
    ("ftp://example.com/x", "http:// or https://"),
    ("https://exa mple.com/", "spaces"),
    ('https://example.com/"><script>', "quotes"),
    ("https:///path-only", "no host"),
    ("https://-bad-.com/", "not a valid domain"),
    ("https://example.com:99999/", "cannot be read"),
])
def test_what_cannot_be_a_link_is_refused_with_the_reason(url, why):
    assert why in (url_problem(url) or "")


def test_links_are_ascii_idna_host_and_percent_encoded_path():
    assert href("https://موقع.مثال/مقال?رقم=3#فقرة") == (
        "https://xn--4gbrim.xn--mgbh0fb/%D9%85%D9%82%D8%A7%D9%84?%D8%B1%D9%82%D9%85=3#%D9%81%D9%82%D8%B1%D8%A9")
    assert href("http://example.com:8080/a%20b") == "http://example.com:8080/a%20b"  # already encoded: kept
    assert href("https://Example.COM/Path") == "https://example.com/Path"


def test_hijri_dates_convert_with_honest_precision():
    from build_tools.dates import hijri_label, hijri_to_gregorian
    from build_tools.model import PartialDate

    assert hijri_to_gregorian("1446-06-07") == PartialDate(2024, 12, 8)
    assert hijri_to_gregorian("1446-06") is None or hijri_to_gregorian("1446-06").day is None
    assert hijri_to_gregorian("1446-13-01") is None
    assert hijri_label("1446-06-07") == "7 جمادى الآخرة 1446 هـ"


def test_an_article_dated_in_hijri_shows_both_calendars(tmp_path):
    from conftest import cli, copy_project, mkdocs_build

    project = copy_project(tmp_path / "p")
    yml = project / "sources/articles/blog-assad-putin-rupture.yml"
    yml.write_text(yml.read_text("utf-8").replace('added:', 'published_hijri: "1446-06-07"\nadded:'), "utf-8")
    text = yml.read_text("utf-8")
    yml.write_text(text.replace("published: null\n", "published: null\n", 1), "utf-8")
    assert cli(project, "check").returncode == 0
    assert mkdocs_build(project).returncode == 0
    page = (project / "site/articles/blog-assad-putin-rupture/index.html").read_text("utf-8")
    assert "8 كانون الأول/ديسمبر 2024" in page and "7 جمادى الآخرة 1446 هـ" in page
    wrong = text.replace("published: null\n", 'published: "2024-12-09"\n', 1)
    yml.write_text(wrong, "utf-8")
    result = cli(project, "check")
    assert result.returncode == 1 and "disagrees with `published_hijri` 1446-06-07 (2024-12-08)" in result.stderr
