"""`check` validates without writing; a changed raw file is named."""

from __future__ import annotations

from conftest import cli, tree_bytes

AID = "saqr-podcast-palace-last-moments"


def test_check_passes_on_the_real_sources(project):
    result = cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_check_writes_nothing(project):
    before = tree_bytes(project)
    assert cli(project, "check").returncode == 0
    assert tree_bytes(project) == before


def test_one_changed_byte_in_a_raw_file_fails_naming_it(project):
    txt = project / "sources" / "articles" / f"{AID}.txt"
    data = bytearray(txt.read_bytes())
    data[100] ^= 1
    txt.write_bytes(bytes(data))
    result = cli(project, "check")
    assert result.returncode == 1
    assert f"sources/articles/{AID}.txt:1:1: raw file changed: its sha256 is " in result.stderr
    assert "Traceback" not in result.stderr
