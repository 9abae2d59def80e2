"""The writer: never a path twice, never a hand-written file, stale pages removed."""

from __future__ import annotations

import os

import pytest

from build_tools.writer import OutputError, Outputs, hand_written_clashes, sync


def test_refuses_one_path_twice():
    out = Outputs()
    out.add("people/x.md", "a")
    with pytest.raises(OutputError, match="two outputs map to people/x.md"):
        out.add("people/x.md", "b")


def test_refuses_paths_outside_the_folder():
    with pytest.raises(OutputError):
        Outputs().add("../escape.md", "x")


def test_finds_hand_written_pages_in_the_way(tmp_path):
    (tmp_path / "about.md").write_text("hand-written")
    out = Outputs()
    out.add("about.md", "generated")
    out.add("claims.md", "generated")
    assert hand_written_clashes(out, tmp_path) == ["about.md"]


def test_unchanged_files_keep_bytes_and_modification_time(tmp_path):
    out = Outputs()
    out.add("people/a.md", "A")
    out.add("people/b.md", "B")
    sync(out, tmp_path)
    os.utime(tmp_path / "people/a.md", (1_000_000, 1_000_000))
    again = Outputs()
    again.add("people/a.md", "A")
    again.add("people/b.md", "B changed")
    assert sync(again, tmp_path) == 1
    assert (tmp_path / "people/a.md").stat().st_mtime == 1_000_000
    assert (tmp_path / "people/b.md").read_text() == "B changed"


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
