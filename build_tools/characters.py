"""Characters no source may contain, and how to tell an editor about them.

Control characters, lone surrogates and noncharacters are invisible, break
XML feeds and cannot be typed on purpose; bidirectional controls can reorder
what readers see ("Trojan source"). Tab and line breaks are the only control
characters text may hold.
"""

from __future__ import annotations

import re
import unicodedata

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ASTRAL_NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))

# The members of ``BAD`` up to U+FFFF, as the inside of a character class (a scan of BMP characters
# only is much faster: load.decode uses it on texts with no character beyond U+FFFF).
BAD_BMP = f"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff{_BIDI}"
BAD = re.compile(f"[{BAD_BMP}{_ASTRAL_NONCHARACTERS}]")


def describe(ch: str) -> tuple[str, str]:
    """(what is wrong, what to do) for a character matched by ``BAD``."""
    code = f"U+{ord(ch):04X}"
    if ch in _BIDI:
        return f"invisible bidirectional control character {code}", "delete it: it can reorder the text readers see"
    category = unicodedata.category(ch)
    if category == "Cc":
        return (f"control character {code}",
                "delete it: it is invisible and breaks feeds (paste the text again as plain text)")
    if category == "Cs":
        return f"lone surrogate {code}", "delete it: it is half of a character, not text"
    return f"noncharacter {code}", "delete it: it is not a character readers can see"
