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


def test_a_write_stopped_half_way_is_finished_by_the_next_build(tmp_path, monkeypatch):
    from build_tools import writer

    first = Outputs()
    first.add("people/a.md", "A")
    first.add("people/b.md", "B")
    sync(first, tmp_path)
    second = Outputs()
    second.add("people/a.md", "A2")
    second.add("people/b.md", "B2")
    real, calls = writer._write, []

    def crash_after_one(path, data):
        if calls:
            raise OSError("disk full")
        calls.append(path)
        path.write_bytes(data[:1])  # a torn file

    monkeypatch.setattr(writer, "_write", crash_after_one)
    with pytest.raises(OSError):
        sync(second, tmp_path)
    monkeypatch.setattr(writer, "_write", real)
    # The edit is undone: the pages are again what the manifest recorded before the torn write, so
    # only a manifest that no longer vouches for them gets the torn file replaced.
    assert sync(first, tmp_path) == 2
    assert (tmp_path / "people/a.md").read_text() == "A" and (tmp_path / "people/b.md").read_text() == "B"


def test_staged_files_reach_the_folder_only_on_sync(tmp_path):
    target = tmp_path / "docs"
    first = Outputs(target)
    first.add("people/a.md", "A")
    sync(first, target)
    failed = Outputs(target)
    failed.add("people/a.md", "A changed")
    failed.add("people/b.md", "B")
    failed.finish_writes()
    assert (target / "people" / "b.md.staged").read_text() == "B"
    failed.discard()  # a check failed after rendering
    assert not list(target.rglob("*.staged"))
    assert (target / "people/a.md").read_text() == "A" and not (target / "people/b.md").exists()
    again = Outputs(target)
    again.add("people/a.md", "A")  # the bytes on disk: not staged, not written
    again.add("people/b.md", "B")
    assert again.unchanged == {"people/a.md": first_digest(target, "people/a.md")}
    assert sync(again, target) == 1
    assert (target / "people/b.md").read_text() == "B" and not list(target.rglob("*.staged"))


def first_digest(root, path):
    import hashlib

    return hashlib.sha256((root / path).read_bytes()).hexdigest()


def test_files_waiting_to_be_written_are_bounded(tmp_path, monkeypatch):
    """Rendering may outrun the disk: no more than BACKLOG files wait in memory to be written."""
    from build_tools import writer

    monkeypatch.setattr(writer, "BACKLOG", 3)
    out = Outputs(tmp_path / "docs")
    for i in range(40):
        out.add(f"p/{i}.md", f"صفحة {i}")
        assert len(out._writes) <= 3
    sync(out, tmp_path / "docs")
    assert all((tmp_path / "docs" / "p" / f"{i}.md").read_text("utf-8") == f"صفحة {i}" for i in range(40))
