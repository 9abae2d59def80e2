"""Alphabetical order for Arabic names, by the Unicode Collation Algorithm (pyuca's DUCET).

Not code-point order and not the Latin ids: letters sort in the order of the
Arabic alphabet, diacritics count only to break ties.
"""

from __future__ import annotations

import functools

import pyuca


@functools.cache
def _collator() -> pyuca.Collator:
    return pyuca.Collator()  # reads the bundled collation table once


def sort_key(text: str) -> tuple[int, ...]:
    return _collator().sort_key(text)


def alphabetical(names: dict[str, str]) -> list[str]:
    """The keys of ``names`` (id -> Arabic name) in the alphabetical order of their names; ids break ties."""
    return sorted(names, key=lambda key: (sort_key(names[key]), key))
