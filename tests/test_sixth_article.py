"""An editor adds a correct sixth article: `check` passes and the content tests stay green.

The article (``tests/fixtures/sixth-article/``) is real text: the Al-Ittihad report that Sada El
Balad appended to its Reuters relay, kept byte for byte. It brings a new outlet, a new person and
a new event, appended to copies of the registries the way an editor would. Nothing here counts
articles: the checks are the ones the other tests apply, run on a copy of the project with six.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import lxml.html
import pytest
from conftest import ROOT, build_all, cli, copy_project, env
from test_article_pages import Case, check_journalism_in_order, check_no_boilerplate, raw_of

FIXTURE = ROOT / "tests" / "fixtures" / "sixth-article"
AID = "alittihad-idlib-explosion"
PERSON, EVENT = "raed-al-saleh", "maarat-misrin-explosion"
SITE_URL = "http://127.0.0.1:8000/"
ARTICLE_URL = f"{SITE_URL}articles/{AID}/"
# Written by hand from reading the raw text, like test_article_pages.CASES.
CASE = Case(
    boilerplate=["أخبار ذات صلة وزيرا خارجية فرنسا وسوريا يلتقيان موفدا أميركيا مصدر أمني سوري: "
                 "التهدئة في السويداء تُطبَّق بلا خروقات"],
    tail="مقالات مشابهة",
    header=["سوريا.. 12 قتيلاً و100 مصاب جراء انفجار في ريف إدلب"],
)
# The content tests of the project, run unchanged on the copy with six articles.
CONTENT_TESTS = ["tests/test_site.py", "tests/test_article_pages.py", "tests/test_feeds.py",
                 "tests/test_investigation.py", "tests/test_golden.py",
                 "tests/test_schemas.py::test_every_source_file_validates_against_its_schema"]
NOT_RUN: list[str] = []  # every content test holds for any correct set of articles


def add_sixth_article(project: Path) -> Path:
    """What the editor does: raw text and metadata in sources/articles/, new registry entries."""
    articles = project / "sources" / "articles"
    for suffix in (".txt", ".yml"):
        shutil.copy(FIXTURE / f"{AID}{suffix}", articles / f"{AID}{suffix}")
    for registry in ("outlets", "people", "events"):
        path = project / "sources" / f"{registry}.yml"
        text = path.read_text("utf-8")
        path.write_text(text + ("" if text.endswith("\n") else "\n") + (FIXTURE / f"{registry}.yml").read_text("utf-8"),
                        "utf-8")
    return project


@pytest.fixture(scope="module")
def six(tmp_path_factory) -> Path:
    return add_sixth_article(copy_project(tmp_path_factory.mktemp("six") / "project"))


@pytest.fixture(scope="module")
def six_site(six) -> Path:
    return build_all(six)


def test_the_text_is_real():
    original = (ROOT / "sources" / "articles" / "reuters-assad-sought-help-sada-elbalad.txt").read_bytes()
    text = (FIXTURE / f"{AID}.txt").read_bytes()
    assert len(text) > 1000 and text in original


def test_check_passes_with_no_warning(six):
    result = cli(six, "check", "--strict")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_every_kept_paragraph_and_no_boilerplate(six, six_site):
    raw = raw_of(AID, six)
    check_journalism_in_order(six_site, AID, raw, CASE, minimum=8)
    check_no_boilerplate(six_site, AID, raw, CASE)


def test_pages_for_the_new_person_and_event_link_the_article(six_site):
    for kind, key in (("people", PERSON), ("events", EVENT)):
        doc = lxml.html.parse(str(six_site / kind / key / "index.html")).getroot()
        hrefs = {h.strip("/").split("/")[-1] for h in doc.xpath("//article//a/@href")}
        assert AID in hrefs, (kind, key)
    article = lxml.html.parse(str(six_site / "articles" / AID / "index.html")).getroot()
    assert "الاتحاد" in article.xpath("//article")[0].text_content()  # the new outlet's name
    timeline = lxml.html.parse(str(six_site / "timeline" / "index.html")).getroot()
    assert any(h.strip("/").endswith(EVENT) for h in timeline.xpath("//article//a/@href"))


@pytest.mark.parametrize("feed", ["feed.xml", "feed.atom", "feed.json", f"people/{PERSON}/feed.xml",
                                  f"events/{EVENT}/feed.xml"])
def test_feeds_announce_it(six_site, feed):
    data = (six_site / feed).read_bytes()
    if feed.endswith(".json"):
        assert f'"url": "{ARTICLE_URL}"'.encode() in data
        return
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert ARTICLE_URL in [e.link for e in parsed.entries]


def test_the_content_tests_pass_with_six_articles(six):
    """The project's own content tests, unchanged, on the copy: none of them counts to five."""
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *CONTENT_TESTS,
            *(f"--deselect={n}" for n in NOT_RUN)]
    result = subprocess.run(args, cwd=six, env=env(), capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]

