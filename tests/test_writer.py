"""The writer: never a path twice, never a hand-written file, stale pages removed."""

from __future__ import annotations

import pytest

from build_tools.writer import OutputError, Outputs, sync


def test_refuses_one_path_twice():
    out = Outputs()
    out.add("people/x.md", "a")
    with pytest.raises(OutputError, match="two outputs map to people/x.md"):
        out.add("people/x.md", "b")


def test_refuses_paths_outside_the_folder():
    with pytest.raises(OutputError):
        Outputs().add("../escape.md", "x")


def test_refuses_to_overwrite_a_hand_written_page(tmp_path):
    (tmp_path / "about.md").write_text("hand-written")
    out = Outputs()
    out.add("about.md", "generated")
    with pytest.raises(OutputError, match="hand-written"):
        sync(out, tmp_path)
    assert (tmp_path / "about.md").read_text() == "hand-written"


def test_removes_stale_pages_and_skips_unchanged_ones(tmp_path):
    first = Outputs()
    first.add("people/a.md", "A")
    first.add("people/b.md", "B")
    assert sync(first, tmp_path) == 2
    second = Outputs()
    second.add("people/a.md", "A")
    assert sync(second, tmp_path) == 0
    assert not (tmp_path / "people/b.md").exists()
    assert (tmp_path / "people/a.md").stat().st_mode & 0o777 == 0o644
