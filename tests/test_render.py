"""Rendering helpers: raw text becomes inert Markdown, dates follow their precision."""

from __future__ import annotations

import markdown

from build_tools.dates import arabic_date
from build_tools.model import PartialDate
from build_tools.render import md


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
