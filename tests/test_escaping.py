"""Raw text is data: nothing in an article becomes a tag, a link or a template."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import lxml.html
import pytest
from conftest import build_all, serve

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "{{ config }}",
    "{% raw %}",
    "*نجمة* و**عريض** و`شيفرة`",
    "# ليس عنواناً",
    "1. ليس قائمة",
    "=== ليس عنواناً",
    "??? note",
    "~~~",
    "*[HTML]: Hyper",
    ": تعريف",
    "!!! danger",
    "<!-- تعليق -->",
    "&amp; &lt;b&gt;",
    "http://example.com/ رابط عار",
    "key: !!python/object/apply:os.system ['touch /tmp/pwned-raw-text']",
    "title: [a, b] # YAML في النص",
    "--- front: matter",
]
AID = "964-saqr-baghdad-tehran-contacts"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    txt = project / "sources" / "articles" / f"{AID}.txt"
    raw = txt.read_bytes() + ("\n\n" + "\n\n".join(HOSTILE) + "\n").encode()
    txt.write_bytes(raw)
    yml = project / "sources" / "articles" / f"{AID}.yml"
    text = yml.read_text("utf-8")
    old = re.search(r"^sha256: (\w+)$", text, re.M).group(1)
    yml.write_text(text.replace(old, hashlib.sha256(raw).hexdigest()), "utf-8")
    return build_all(project)


def test_hostile_text_is_visible_verbatim(hostile_site):
    doc = lxml.html.parse(str(hostile_site / "articles" / AID / "index.html")).getroot()
    paragraphs = [" ".join(p.text_content().split()) for p in doc.xpath("//article//p")]
    for line in HOSTILE:
        assert line in paragraphs, line


def test_no_live_markup_from_the_text(hostile_site):
    html = (hostile_site / "articles" / AID / "index.html").read_text("utf-8")
    doc = lxml.html.fromstring(html)
    assert "<script>alert" not in html
    assert not doc.xpath("//img[@onerror]")
    assert not doc.xpath("//a[starts-with(@href,'javascript:')]")
    assert not doc.xpath("//article//code | //article//em | //article//strong[contains(.,'عريض')]")
    assert not doc.xpath("//article//ol | //article//dl | //article//abbr | //article//details")
    assert "<!-- تعليق -->" not in html
    assert not doc.xpath("//article//a[@href='http://example.com/']")
    assert not Path("/tmp/pwned-raw-text").exists()


def test_hostile_text_runs_nothing_in_a_browser(hostile_site, browser):
    with serve(hostile_site) as url:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url + f"articles/{AID}/")
        page.wait_for_load_state("load")
        assert dialogs == []
        body = page.inner_text("article")
        assert "<script>alert(1)</script>" in body and "{{ config }}" in body
        page.close()
