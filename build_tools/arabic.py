"""Arabic-aware text folding for matching names. Pure functions."""

from __future__ import annotations

import re
import unicodedata

# Harakat, tanween, shadda, sukun, superscript alef, Quranic marks; tatweel.
MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_MARKS = re.compile(f"[{MARKS}]")
_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",  # hamza/madda forms of alef
    "ى": "ي", "ئ": "ي", "ی": "ي",  # alef maqsura, yeh with hamza, Persian yeh
    "ؤ": "و", "ة": "ه", "ک": "ك",  # waw with hamza, taa marbuta, Persian kaf
})
WORD = re.compile(r"[0-9A-Za-z\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]+")

# Attached proclitics: conjunctions و ف, prepositions ب ل ك, the article ال,
# and their combinations. "ل" + "ال" is written "لل".
_PREFIXES = sorted({c + p for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك", "ال", "بال", "كال", "لل")} - {""},
                   key=len, reverse=True)


_SPELLINGS: dict[str, str] = {}
for _raw, _folded in ((chr(k), v) for k, v in _LETTERS.items()):
    _SPELLINGS[_folded] = _SPELLINGS.get(_folded, _folded) + _raw


def letter_class(folded: str) -> str:
    """A regular-expression class of every letter that folds to ``folded``: 'ا' -> '[اأإآٱ]'."""
    return "[" + re.escape(_SPELLINGS.get(folded, folded)) + "]"


def fold(text: str) -> str:
    """Fold spelling variants: diacritics and tatweel removed, hamza/alef unified."""
    text = unicodedata.normalize("NFC", text)
    return _MARKS.sub("", text).translate(_LETTERS)


def words(text: str) -> list[tuple[str, int, int]]:
    """Folded words of ``text`` with their (start, end) offsets in ``text``.

    Offsets refer to the original text, so a match can be quoted verbatim.
    Folding removes characters, so each word is folded on its own.
    """
    out = []
    # Tatweel and marks sit inside words; match them as word characters.
    for m in re.finditer(r"[0-9A-Za-z\u0621-\u065f\u066e-\u06d3\u06fa-\u06ff\u0640\u0670\u06d6-\u06ed]+", text):
        out.append((fold(m.group()), m.start(), m.end()))
    return out


def cores(word: str) -> list[str]:
    """The word itself and the word with each attached prefix removed."""
    out = [word]
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 2:
            rest = word[len(p):]
            out.append(rest)
            if p.endswith("لل"):  # لل + X stands for ل + الX
                out.append("ال" + rest)
    return out


def name_key(name: str) -> tuple[str, ...]:
    return tuple(w for w, _, _ in words(name))
