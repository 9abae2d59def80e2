"""`new-article` starts an editor's YAML: sha256 filled in, known people suggested."""

from __future__ import annotations

import hashlib
import shutil

from conftest import cli


def test_new_article_writes_a_starting_yaml(project):
    txt = project / "sources/articles/reuters-copy-for-test.txt"
    shutil.copy(project / "sources/articles/reuters-assad-sought-help-sada-elbalad.txt", txt)
    result = cli(project, "new-article", "sources/articles/reuters-copy-for-test.txt")
    assert result.returncode == 0, result.stderr
    text = txt.with_suffix(".yml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/article.schema.json\n")
    assert f"sha256: {hashlib.sha256(txt.read_bytes()).hexdigest()}" in text
    for pid in ("bashar-al-assad", "sergei-lavrov", "hadi-al-bahra", "abbas-araghchi"):
        assert f"  - {pid}  # " in text
    # Not filled in yet: check says what is missing instead of passing silently.
    check = cli(project, "check")
    assert check.returncode == 1
    assert "sources/articles/reuters-copy-for-test.yml:" in check.stderr and "Traceback" not in check.stderr


def test_new_article_refuses_bad_names_and_existing_files(project):
    bad = project / "sources/articles/Bad Name.txt"
    bad.write_text("نص", "utf-8")
    result = cli(project, "new-article", "sources/articles/Bad Name.txt")
    assert result.returncode == 1 and "is not lowercase Latin kebab-case" in result.stderr
    existing = "sources/articles/saqr-podcast-palace-last-moments.txt"
    result = cli(project, "new-article", existing)
    assert result.returncode == 1 and "already exists: edit it instead" in result.stderr
