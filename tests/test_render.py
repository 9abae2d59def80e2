"""Rendering helpers: raw text becomes inert Markdown, dates follow their precision."""

from __future__ import annotations

import html as html_lib
import string

import markdown
import pytest
import yaml

from build_tools.dates import arabic_date
from build_tools.model import PartialDate
from build_tools.render import front_matter, md


def test_md_leaves_no_syntax_for_markdown_to_read():
    for raw in ("<b>x</b>", "[x](javascript:alert(1))", "# عنوان", "1. بند", "*[HTML]: x", "{{ config }}",
                "`code`", "http://example.com/"):
        html = markdown.markdown(md(raw), extensions=["attr_list", "md_in_html", "admonition", "tables"])
        assert html.startswith("<p>") and "<a" not in html and "<b>" not in html and "<code>" not in html
        assert "<h1" not in html and "<ol>" not in html and "<abbr" not in html


def test_md_keeps_arabic_as_is_and_folds_whitespace():
    assert md("  كامل   صقر\n") == "كامل صقر"


def test_arabic_dates_by_precision():
    assert arabic_date(PartialDate(2024, 12, 8)) == "8 كانون الأول/ديسمبر 2024"
    assert arabic_date(PartialDate(2024, 12)) == "كانون الأول/ديسمبر 2024"
    assert arabic_date(PartialDate(2024)) == "2024"
    assert arabic_date(None) == "غير معروف"


# --- escaping, character by character ----------------------------------------

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
           "{{ config }}", "{% raw %}", "*نجمة* و**عريض** و`شيفرة`", "# ليس عنواناً", "1. ليس قائمة",
           "- بند", "> اقتباس", "=== ليس عنواناً", "!!! danger", "??? note", "~~~", "*[HTML]: Hyper",
           ": تعريف", "<!-- تعليق -->", "&amp; &lt;b&gt; &#60;", "http://example.com/ رابط عار",
           "a_b_c \\*x\\*", "| جدول | ثان |", "{: .class #id }", "![صورة](x.png)", "<https://e.com>",
           "key: value # YAML", "--- front: matter", "\"مقتبس\" و'مقتبس'", "^[حاشية] و[^1]"]


@pytest.mark.parametrize("ch", list(string.punctuation))
def test_md_turns_every_ascii_syntax_character_into_a_reference(ch):
    assert md(ch) == f"&#{ord(ch)};"
    assert md(f"قبل{ch}بعد") == f"قبل&#{ord(ch)};بعد"


def test_md_leaves_letters_digits_and_non_ascii_punctuation_alone():
    text = "Assad الأسد 2024 ٢٠٢٤ ،؛؟«»—…"
    assert md(text) == text


@pytest.mark.parametrize("raw", HOSTILE)
def test_md_output_has_no_ascii_syntax_left_and_reads_back_verbatim(raw):
    out = md(raw)
    assert not set(out) & (set(string.punctuation) - set("&#;"))
    assert html_lib.unescape(out) == " ".join(raw.split())
    rendered = markdown.markdown(out, extensions=["attr_list", "md_in_html", "admonition", "tables", "abbr",
                                                  "def_list", "footnotes"])
    assert rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<") == 2
    assert html_lib.unescape(rendered[3:-4]) == " ".join(raw.split())


def test_md_collapses_all_whitespace_to_single_spaces_on_one_line():
    assert md("  أ \t ب\n\nج\r\nد\u00a0هـ\u2003و  ") == "أ ب ج د هـ و"
    assert md("\n \t") == ""


def test_md_accepts_any_value():
    assert md(2024) == "2024"
    assert md(None) == "None"
    assert md(-1.5) == "&#45;1&#46;5"


@pytest.mark.parametrize("raw", HOSTILE + ["بشار الأسد", "سطر\nثان", "  مسافات   كثيرة "])
def test_front_matter_is_one_quoted_yaml_scalar_of_html_text(raw):
    out = front_matter(raw)
    assert "\n" not in out and out.startswith('"') and out.endswith('"')
    assert out.isascii()
    value = yaml.safe_load(f"title: {out}")["title"]
    assert value == html_lib.escape(" ".join(raw.split()))
    assert "<" not in value and ">" not in value and '"' not in value


def test_front_matter_escapes_html_and_quotes():
    assert front_matter('<b a="1">\'x\' & y</b>') == '"&lt;b a=&quot;1&quot;&gt;&#x27;x&#x27; &amp; y&lt;/b&gt;"'
    assert front_matter("الأسد") == '"\\u0627\\u0644\\u0623\\u0633\\u062f"'
    assert front_matter(" a \n b ") == '"a b"'
