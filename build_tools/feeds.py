"""RSS and Atom feeds (feedgen). Filled in by the feeds issue."""

from __future__ import annotations


def render_feeds(corpus, idx, site_url: str) -> dict[str, bytes]:
    return {}
