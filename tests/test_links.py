"""Every link between generated pages reaches a page, however deep the page sits.

MkDocs resolves a Markdown link from the folder of the page that holds it; a
link one `../` short or long is a broken link on the site (and a warning that
stops `make site`, which builds with --strict). The numbered pages of a person's
mentions, of an event's articles and of the claims only appear once an archive
outgrows one page, so the fixture corpus is rendered here with pages of one
article (and one claim) each.
"""

from __future__ import annotations

import posixpath
import re

import pytest
from conftest import ROOT

from build_tools import index, render
from build_tools.pipeline import generate
from build_tools.redirects import url_of

FIXTURE = ROOT / "tests" / "fixtures" / "corpus"
HAND_WRITTEN = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*") if p.is_file()}
# A Markdown link or an HTML href, outside the text that md() escaped (its brackets are references).
_LINK = re.compile(r"\]\(([^)\s]+)\)|href=\"([^\"]+)\"")


def targets(page: str, markdown: str) -> list[tuple[str, str]]:
    """(as written, the address it reaches) of every relative link: a Markdown link is read from the
    page's file (MkDocs turns it into an address), raw HTML from the page's address."""
    out = []
    for m in _LINK.finditer(markdown):
        link = m.group(1) or m.group(2)
        if re.match(r"[a-z]+:", link) or link.startswith("#"):
            continue
        path = link.split("#", 1)[0]
        if m.group(1):
            out.append((link, url_of(posixpath.normpath(posixpath.join(posixpath.dirname(page), path)))))
        else:
            out.append((link, posixpath.normpath(posixpath.join(url_of(page), path)) + ("/" if path.endswith("/") else "")))
    return out


@pytest.fixture(scope="module")
def paginated():
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(render, "LATEST", 1)
        mp.setattr(render, "PAGE", 1)
        mp.setattr(index, "CLAIMS_PAGE", 1)
        outputs, _ = generate(FIXTURE, "http://127.0.0.1:8000/", write=False)
    return outputs.files


def test_the_fixture_has_numbered_pages(paginated):
    assert any(re.fullmatch(r"people/[^/]+/mentions/2\.md", p) for p in paginated)
    assert any(re.fullmatch(r"events/[^/]+/articles/2\.md", p) for p in paginated)
    assert "claims/page/2.md" in paginated


def test_every_relative_link_reaches_a_file(paginated):
    addresses = {url_of(p) for p in [*paginated, *HAND_WRITTEN]}
    broken = []
    for page, data in paginated.items():
        if not page.endswith(".md"):
            continue
        for link, target in targets(page, data.decode("utf-8")):
            if target not in addresses:
                broken.append(f"{page}: {link} ({target})")
    assert not broken, "\n".join(broken[:20])
