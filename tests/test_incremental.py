"""Incremental builds give the same bytes as a build from nothing, and skip the work nothing asks for.

Each case builds the fixture corpus, applies one editor's change, builds again
with everything kept from the first build (the per-article cache, the pages on
disk, the record of the last build), and compares the result, file by file,
with a build of the changed sources in a fresh folder.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from conftest import EPOCH, ROOT

from build_tools import cache, parallel, pipeline
from build_tools.pipeline import CACHE, GENERATED, RECORD, generate

FIXTURE = ROOT / "tests" / "fixtures" / "corpus"
SITE = "http://127.0.0.1:8000/"


@pytest.fixture(autouse=True)
def _epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def project(where: Path) -> Path:
    shutil.copytree(FIXTURE / "sources", where / "sources")
    (where / "docs").mkdir()
    return where


def tree(root: Path) -> dict[str, bytes]:
    base = root / GENERATED
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


EDITS = {
    "article title": ("articles/saqr-podcast-excerpt.yml", "title: تسريبات من القصر الجمهوري",
                      "title: تسريبات جديدة من القصر الجمهوري"),
    "person name variant": ("people.yml", '    - "بشار"\n', '    - "بشار"\n    - "الرئيس المخلوع"\n'),
    "article date (the order of every list)": ("articles/reuters-relay-excerpt.yml", 'published: "2024-12"',
                                                'published: "2024-11"'),
    "article summary": ("articles/reuters-relay-excerpt.yml", "summary: >-\n", "summary: >-\n  موجز جديد:\n"),
    "person name": ("people.yml", '  name: "بشار الأسد"', '  name: "بشار حافظ الأسد"'),
    "event title": ("events.yml", 'title: "توجه عراقجي إلى أنقرة"', 'title: "توجه عراقجي إلى العاصمة أنقرة"'),
    "claim statement": ("claims.yml", "ليطلب دعم بوتين.", "ليطلب دعم الرئيس بوتين."),
}


@pytest.mark.parametrize("change", sorted(EDITS))
def test_an_edit_builds_the_same_bytes_as_a_build_from_nothing(tmp_path, change):
    rel, old, new = EDITS[change]
    warm = project(tmp_path / "warm")
    generate(warm, SITE)
    before = tree(warm)
    edit(warm / "sources" / rel, old, new)
    generate(warm, SITE)
    cold = project(tmp_path / "cold")
    shutil.copytree(warm / "sources", cold / "sources", dirs_exist_ok=True)
    generate(cold, SITE)
    after = tree(warm)
    assert after == tree(cold)
    assert after != before  # the edit shows


def test_nothing_changed_runs_nothing_and_touches_nothing(tmp_path, monkeypatch):
    root = project(tmp_path / "p")
    first, first_problems = generate(root, SITE)
    stamps = {p: p.stat().st_mtime_ns for p in (root / GENERATED).rglob("*")}

    def must_not_run(*args, **kwargs):
        raise AssertionError("the pipeline ran although nothing changed")

    monkeypatch.setattr(pipeline, "load_sources", must_not_run)
    again, problems = generate(root, SITE)
    assert again.paths() == first.paths() and again.facts == first.facts
    assert [str(p) for p in problems.warnings] == [str(p) for p in first_problems.warnings]
    assert {p: p.stat().st_mtime_ns for p in (root / GENERATED).rglob("*")} == stamps


@pytest.mark.parametrize("change", ["a source byte", "the site address", "a page removed from build/docs",
                                    "the record damaged"])
def test_anything_an_output_depends_on_runs_the_build_again(tmp_path, monkeypatch, change):
    root = project(tmp_path / "p")
    generate(root, SITE)
    site = SITE
    calls = []
    real = pipeline.load_sources
    monkeypatch.setattr(pipeline, "load_sources", lambda *a, **k: calls.append(1) or real(*a, **k))
    if change == "a source byte":
        with (root / "sources" / "people.yml").open("a", encoding="utf-8") as f:
            f.write("# a comment\n")
    elif change == "the site address":
        site = "https://example.org/dossier/"
    elif change == "a page removed from build/docs":
        (root / GENERATED / "articles" / "saqr-podcast-excerpt.md").unlink()
    else:
        (root / RECORD).write_text("{not json", "utf-8")
    generate(root, site)
    assert calls == [1]
    if change == "a page removed from build/docs":  # rendered again, not taken on trust from the cache
        assert (root / GENERATED / "articles" / "saqr-podcast-excerpt.md").is_file()


def test_the_cache_keeps_page_digests_not_pages(tmp_path):
    root = project(tmp_path / "p")
    generate(root, SITE)
    cache._kept.clear()  # read the file, as the next process does
    entries = cache.ArticleCache(root / CACHE).entries
    with (root / CACHE).open("rb") as f:  # a header, then one pickle an article
        assert pickle.load(f)["entries"] == len(entries) == len(list((root / "sources" / "articles").glob("*.yml")))
        assert pickle.load(f)[0] == next(iter(entries))
    for entry in entries.values():
        assert "pages" not in entry
        assert set(entry["page_digests"]) == {f"articles/{entry['article'].id}.md",
                                              f"articles/{entry['article'].id}/source.md",
                                              f"articles/{entry['article'].id}/raw.txt"}


def test_work_in_worker_processes_gives_the_same_bytes(monkeypatch):
    serial, _ = generate(FIXTURE, SITE, write=False)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)
    monkeypatch.setenv("BUILD_WORKERS", "2")
    pools = []
    real = parallel.multiprocessing.get_context
    monkeypatch.setattr(parallel.multiprocessing, "get_context", lambda method: pools.append(method) or real(method))
    forked, _ = generate(FIXTURE, SITE, write=False)
    # cleaning, name matching, article pages and person and event feeds each went through a pool
    assert pools == ["fork"] * 4
    assert forked.files == serial.files


def test_compiled_templates_are_kept_and_an_edited_template_is_compiled_again(tmp_path):
    """Ours and Material's templates are compiled once into build/cache/templates/; Jinja2 checks each
    template's source, so an edit shows in the next build (subprocesses: each build a new process)."""
    from conftest import BIN, build_all, copy_project, run

    built = copy_project(tmp_path / "p")
    site = build_all(built)
    kept = built / pipeline.TEMPLATES_CACHE
    ours = {p.name for p in (built / "build_tools" / "templates").glob("*.j2")}
    assert len(list(kept.iterdir())) > len(ours) >= 5  # ours and Material's
    home, main = built / "build_tools" / "templates" / "home.md.j2", built / "overrides" / "main.html"
    home.write_text(home.read_text("utf-8") + "\nعلامة-القالب\n", "utf-8")
    main.write_text(main.read_text("utf-8").replace("{% block htmltitle %}", "{% block htmltitle %}<!-- edited-main -->", 1),
                    "utf-8")
    step = run([str(BIN / "mkdocs"), "build", "--strict"], built)
    assert step.returncode == 0, step.stderr
    page = (site / "index.html").read_text("utf-8")
    assert "علامة-القالب" in page and "<!-- edited-main -->" in page


@pytest.mark.parametrize("damage", ["garbage", "older format", "cut short"])
def test_a_damaged_or_older_cache_is_only_a_slower_build(tmp_path, damage):
    root = project(tmp_path / "p")
    generate(root, SITE)
    first = tree(root)
    data = (root / CACHE).read_bytes()
    (root / CACHE).write_bytes({"garbage": b"\x80\x05not a pickle",
                                "older format": pickle.dumps({"version": cache.code_fingerprint(), "entries": {}}),
                                "cut short": data[: len(data) // 2]}[damage])
    (root / RECORD).unlink()
    cache._kept.clear()
    shutil.rmtree(root / GENERATED)
    generate(root, SITE)
    assert tree(root) == first
