"""The transparency view as readers and editors get it: the per-article "as collected" pages,
the raw files published beside them, and the `explain` command, on the real sources as built.

``cleaning.explain`` itself is tested in test_explain.py.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import lxml.html
import pytest
from conftest import ROOT, cli

from build_tools import labels
from build_tools.assemble import article_header
from build_tools.cleaning import explain
from build_tools.load import load_sources
from build_tools.problems import Problems

ARTICLES = sorted(p.stem for p in (ROOT / "sources" / "articles").glob("*.yml"))


@pytest.fixture(scope="module")
def loaded():
    return load_sources(ROOT, Problems())


# --- the pages and the raw files, as built --------------------------------------------


def _html(site: Path, rel: str):
    return lxml.html.fromstring((site / rel).read_text("utf-8"))


def _by_class(el, name: str) -> list:
    return el.xpath(f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")


def _content(doc):
    return _by_class(doc, "md-content__inner")[0]


def _resolve(page_url: str, href: str) -> str:
    """A relative link on the page at ``page_url`` (like 'articles/x/') -> site path."""
    parts = [p for p in page_url.split("/") if p]
    for seg in href.split("#")[0].split("/"):
        if seg == "..":
            parts.pop()
        elif seg and seg != ".":
            parts.append(seg)
    return "/".join(parts)


@pytest.mark.parametrize("aid", ARTICLES)
def test_article_page_links_its_transparency_page_and_the_raw_file_with_its_sha256(site, loaded, aid):
    doc = _html(site, f"articles/{aid}/index.html")
    content = _content(doc)
    hrefs = {_resolve(f"articles/{aid}/", a.get("href")) for a in content.iter("a") if a.get("href")}
    assert f"articles/{aid}/source" in hrefs
    assert f"articles/{aid}/raw.txt" in hrefs
    recorded = loaded.articles[aid].sha256
    assert recorded in content.text_content()
    published = (site / "articles" / aid / "raw.txt").read_bytes()
    assert published == (ROOT / "sources" / "articles" / f"{aid}.txt").read_bytes()
    assert hashlib.sha256(published).hexdigest() == recorded


@pytest.mark.parametrize("aid", ARTICLES)
def test_transparency_page_shows_every_raw_line_with_its_decision(site, loaded, aid):
    meta, raw = loaded.articles[aid], loaded.raw[aid]
    decisions = explain(raw, meta.cleaning, article_header(meta))
    doc = _html(site, f"articles/{aid}/source/index.html")
    content = _content(doc)
    items = content.xpath(".//ol[@class='dossier-raw-lines']/li")
    assert [int(li.get("value")) for li in items] == [d.number for d in decisions]
    for li, d in zip(items, decisions):
        rule_text = " ".join(_by_class(li, "dossier-line-rule")[0].text_content().split())
        if d.kept:
            assert "dossier-kept" in li.get("class") and not li.xpath(".//del")
            assert rule_text.startswith("أُبقي")
        else:
            assert "dossier-kept" not in li.get("class")
            assert labels.CLEANING_RULE_AR[d.rule] in rule_text
            if d.rule != "blank line":
                assert rule_text.startswith("حُذف") and li.xpath(".//del")
        shown = _by_class(li, "dossier-line-text")
        if d.rule != "blank line":
            assert " ".join(shown[0].text_content().split()) == " ".join(d.raw.split())
    text = content.text_content()
    assert meta.sha256 in text
    links = {_resolve(f"articles/{aid}/source/", a.get("href")) for a in content.iter("a") if a.get("href")}
    assert f"articles/{aid}/raw.txt" in links and f"articles/{aid}" in links
    raw_link = [a for a in content.iter("a") if (a.get("href") or "").endswith("raw.txt")][0]
    assert raw_link.get("download") == f"{aid}.txt"


def test_kept_lines_on_the_transparency_page_are_the_article_text(site, loaded):
    """What the page says was kept is what the article page shows, paragraph for paragraph."""
    aid = "blog-assad-putin-rupture"  # has boilerplate, duplicates and machine-generated text
    meta = loaded.articles[aid]
    kept = [d for d in explain(loaded.raw[aid], meta.cleaning, article_header(meta)) if d.kept]
    article = " ".join(_content(_html(site, f"articles/{aid}/index.html")).text_content().split())
    for d in kept:
        assert d.block.text in article


# --- the command ------------------------------------------------------------------------


def test_explain_command_prints_every_line_with_kept_or_removed_and_the_rule(loaded):
    aid = "blog-assad-putin-rupture"
    result = cli(ROOT, "explain", f"sources/articles/{aid}.txt")
    assert result.returncode == 0, result.stderr
    meta = loaded.articles[aid]
    decisions = explain(loaded.raw[aid], meta.cleaning, article_header(meta))
    rows = [line for line in result.stdout.splitlines() if re.match(r"^\s*\d+  ", line)]
    assert len(rows) == len(decisions)
    for row, d in zip(rows, decisions):
        number, decision = row.split()[:2]
        assert int(number) == d.number
        assert decision == ("kept" if d.kept else "-" if d.rule == "blank line" else "removed")
        if not d.kept:
            assert d.rule in row
        if d.raw.strip():
            assert row.endswith(" ".join(d.raw.split()))
    assert f"{sum(d.kept for d in decisions)} kept" in result.stdout


def test_explain_command_refuses_what_is_not_a_raw_article():
    result = cli(ROOT, "explain", "README.md")
    assert result.returncode == 1
    assert "sources/articles/<id>.txt" in result.stderr and "Traceback" not in result.stderr
