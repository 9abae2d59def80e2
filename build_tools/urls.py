"""Web addresses as sources give them, and as links need them.

Editors paste addresses as a browser shows them: Arabic paths, Arabic
domains. They are stored exactly as written (the evidence of where an
article was found) and turned into the ASCII form a link needs only when a
page or feed is written: the host through IDNA (``idna``, UTS #46), the path,
query and fragment percent-encoded (characters already encoded stay as they are).
"""

from __future__ import annotations

import functools
import re
import urllib.parse

import idna

_FORBIDDEN = re.compile(r"[\s\"'<>\\^`{|}\x00-\x1f\x7f]")


def url_problem(text: str) -> str | None:
    """Why ``text`` is not an http(s) address we can link to, or None."""
    if _FORBIDDEN.search(text):
        return "contains spaces, quotes, brackets or control characters"
    try:
        parts = urllib.parse.urlsplit(text)
        port = parts.port
    except ValueError as e:
        return f"cannot be read as an address ({e})"
    if parts.scheme not in ("http", "https"):
        return "does not start with http:// or https://"
    if not parts.hostname or port == 0:
        return "has no host name"
    try:
        ascii_host(parts.hostname)
    except idna.IDNAError as e:
        return f"has a host name that is not a valid domain ({e})"
    return None


@functools.lru_cache(maxsize=4096)
def ascii_host(host: str) -> str:
    """The IDNA (UTS #46) form of a host name; raises idna.IDNAError. An archive has few hosts and
    many addresses: each host is worked out once."""
    return idna.encode(host, uts46=True).decode("ascii")


def href(text: str) -> str:
    """The ASCII form of a checked address, for links: IDNA host, percent-encoded path."""
    parts = urllib.parse.urlsplit(text)
    host = ascii_host(parts.hostname or "")
    netloc = host + (f":{parts.port}" if parts.port else "")
    keep = "/%:@!$&'()*+,;=-._~"
    return urllib.parse.urlunsplit((parts.scheme, netloc, urllib.parse.quote(parts.path, safe=keep),
                                    urllib.parse.quote(parts.query, safe=keep + "?"),
                                    urllib.parse.quote(parts.fragment, safe=keep + "?#")))
