"""Stable addresses: a renamed id keeps its old address working, and no published address
disappears without the build saying so (sources/redirects.yml, sources/published-urls.txt)."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from conftest import ROOT, build_all, cli

from build_tools.problems import Problems
from build_tools.redirects import (
    Redirect,
    check_published,
    check_redirects,
    read_published,
    record_published,
    redirect_outputs,
    redirect_page,
    resolve,
    stable,
    url_of,
)

W = ("sources/redirects.yml", 2, 3)


def r(section: str, old: str, new: str) -> Redirect:
    return Redirect(section, old, new, W, W)


# --- pure functions ---------------------------------------------------------------------

@pytest.mark.parametrize("path,url", [
    ("index.md", "/"), ("articles/index.md", "/articles/"), ("events/x.md", "/events/x/"),
    ("articles/x/source.md", "/articles/x/source/"), ("people/x/feed.xml", "/people/x/feed.xml"),
    ("feed.xml", "/feed.xml"), ("events/old/index.html", "/events/old/"), ("articles/page/2.md", "/articles/page/2/"),
])
def test_url_of_a_generated_file(path, url):
    assert url_of(path) == url


def test_chains_of_redirects_are_followed_and_cycles_found():
    ends = resolve([r("events", "a", "b"), r("events", "b", "c"), r("people", "x", "y"), r("people", "y", "x")])
    assert ends == {("events", "a"): "c", ("events", "b"): "c", ("people", "x"): None, ("people", "y"): None}


def test_redirect_checks():
    known = {"events": {"new"}, "people": {"still-here"}, "articles": set()}
    problems = Problems()
    check_redirects([r("events", "old", "new"), r("people", "still-here", "x"), r("events", "gone", "nowhere"),
                     r("events", "Bad", "new"), r("people", "p", "q"), r("people", "q", "p")], known, set(), problems)
    assert [p.message for p in problems.items] == [
        "person `still-here` still exists, so its address needs no redirect",
        "redirect from `gone` leads to unknown event id `nowhere`",
        "id `Bad` is not lowercase Latin kebab-case (try `bad`)",
        "the redirects from `p` go round in a circle", "the redirects from `q` go round in a circle"]
    problems = Problems()
    check_redirects([r("events", "gone", "nowhere")], known, {"events"}, problems)
    assert not problems.items  # events.yml could not be read: that is the error to fix first


def test_the_old_address_serves_a_redirect_page_and_copies_of_feeds_and_raw_text():
    files = {"events/new.md": b"page", "events/new/feed.xml": b"<rss/>", "events/newer.md": b"other",
             "articles/a2.md": b"a", "articles/a2/source.md": b"s", "articles/a2/raw.txt": b"raw"}
    out = redirect_outputs(list(files), files.__getitem__, [r("events", "old", "new"), r("articles", "a1", "a2")], "https://x.org/dossier/",
                           lambda section, i: f"«{section}:{i}»")
    assert set(out) == {"events/old/index.html", "events/old/feed.xml", "articles/a1/index.html",
                        "articles/a1/source/index.html", "articles/a1/raw.txt"}
    assert out["events/old/feed.xml"] == b"<rss/>" and out["articles/a1/raw.txt"] == b"raw"
    page = out["articles/a1/source/index.html"].decode()
    assert 'content="0; url=../../a2/source/"' in page
    assert '<link rel="canonical" href="https://x.org/dossier/articles/a2/source/">' in page


def test_the_redirect_page_escapes_what_it_shows():
    page = redirect_page("/events/old/", "/events/new/", "http://127.0.0.1:8000/", '<script>alert("x")</script> & «عنوان»')
    doc = lxml.html.fromstring(page)
    assert not doc.xpath("//script")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; «عنوان»" in page
    assert doc.xpath("//a/@href") == ["../new/"] and doc.get("lang") == "ar" and doc.get("dir") == "rtl"
    assert doc.xpath("//meta[@http-equiv='refresh']/@content") == ["0; url=../new/"]


def test_published_addresses_are_checked_and_only_new_stable_ones_recorded(tmp_path):
    recorded = read_published("# comment\n/a/\n\n/events/old/\n/feed.xml\n")
    assert recorded == [(2, "/a/"), (4, "/events/old/"), (5, "/feed.xml")]
    problems = Problems()
    check_published(recorded, {"/a/", "/feed.xml"}, problems)
    (p,) = problems.errors
    assert (p.path, p.line, p.message) == ("sources/published-urls.txt", 4,
                                           "`/events/old/` was published but the build no longer produces it")
    assert "add `old: <its new id>` under `events:` in sources/redirects.yml" in p.hint
    assert "restore the id `old` in sources/events.yml" in p.hint
    path = tmp_path / "published-urls.txt"
    assert record_published(path, recorded, {"/a/", "/b/", "/articles/page/2/"}) is True
    assert [u for _, u in read_published(path.read_text())] == ["/a/", "/b/", "/events/old/", "/feed.xml"]
    assert record_published(path, read_published(path.read_text()), {"/a/", "/b/"}) is False
    assert not stable("/people/x/mentions/3/") and stable("/people/x/")


# --- the committed record ----------------------------------------------------------------

def test_the_committed_record_is_sorted_and_holds_every_page_of_the_sources(built):
    lines = [u for _, u in read_published((ROOT / "sources/published-urls.txt").read_text("utf-8"))]
    assert lines == sorted(set(lines))
    for kind in ("articles", "people", "events"):
        ids = sorted(p.stem for p in (ROOT / "sources" / "articles").glob("*.yml")) if kind == "articles" else \
            re.findall(r"^([a-z0-9-]+):$", (ROOT / "sources" / f"{kind}.yml").read_text("utf-8"), re.MULTILINE)
        assert ids and all(f"/{kind}/{i}/" in lines for i in ids), kind
    # a build of the committed sources adds nothing: the record is up to date
    assert (built / "sources/published-urls.txt").read_bytes() == (ROOT / "sources/published-urls.txt").read_bytes()


# --- renaming an event, end to end ------------------------------------------------------------

OLD, NEW = "assad-trip-to-moscow", "assad-moscow-trip"


def rename_event(project: Path) -> None:
    """What an editor does: the id in events.yml and every reference to it (articles, claims, events)."""
    for path in [*(project / "sources").glob("*.yml"), *(project / "sources" / "articles").glob("*.yml")]:
        text = path.read_text("utf-8")
        path.write_text(re.sub(rf"(?<![\w-]){OLD}(?![\w-])", NEW, text), "utf-8")


def test_renaming_an_event_needs_a_redirect_and_then_the_old_address_redirects(project):
    rename_event(project)
    failed = cli(project, "check")
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert re.search(rf"^sources/published-urls\.txt:\d+:1: `/events/{OLD}/` was published but the build no longer "
                     rf"produces it — add `{OLD}: <its new id>` under `events:` in sources/redirects\.yml if the event "
                     rf"was renamed or replaced, or restore the id `{OLD}` in sources/events\.yml$", failed.stderr, re.MULTILINE)

    redirects = project / "sources/redirects.yml"
    redirects.write_text(redirects.read_text("utf-8").replace("events: {}", f"events:\n  {OLD}: {NEW}"), "utf-8")
    site = build_all(project)
    page = (site / "events" / OLD / "index.html").read_text("utf-8")
    doc = lxml.html.fromstring(page)
    assert doc.xpath("//meta[@http-equiv='refresh']/@content") == [f"0; url=../{NEW}/"]
    assert doc.xpath("//link[@rel='canonical']/@href") == [f"http://127.0.0.1:8000/events/{NEW}/"]
    assert doc.xpath("//a/@href") == [f"../{NEW}/"] and "رحلة الأسد إلى موسكو" in doc.xpath("//a")[0].text_content()
    assert (site / "events" / NEW / "index.html").is_file()
    assert (site / "events" / OLD / "feed.xml").read_bytes() == (site / "events" / NEW / "feed.xml").read_bytes()
    recorded = (project / "sources/published-urls.txt").read_text("utf-8")
    assert f"/events/{OLD}/\n" in recorded and f"/events/{NEW}/\n" in recorded  # both kept from now on


def test_a_reference_to_a_renamed_id_says_what_to_write(project):
    rename_event(project)
    redirects = project / "sources/redirects.yml"
    redirects.write_text(redirects.read_text("utf-8").replace("events: {}", f"events:\n  {OLD}: {NEW}"), "utf-8")
    yml = project / "sources/articles/saqr-podcast-palace-last-moments.yml"
    yml.write_text(yml.read_text("utf-8").replace(f"  - {NEW}\n", f"  - {OLD}\n"), "utf-8")
    result = cli(project, "check")
    assert result.returncode == 1
    assert (f"unknown event id `{OLD}` — `{OLD}` was renamed to `{NEW}` (sources/redirects.yml): write `{NEW}`"
            in result.stderr), result.stderr
