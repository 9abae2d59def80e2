"""Golden files: every page and feed generated from a small fixture corpus.

The corpus lives in ``tests/fixtures/corpus/sources/`` (same layout as
``sources/``): three short articles made of lines copied verbatim from real
raw articles, a few people, events and claims. It does not follow the live
sources, so these files change only when the output format does, never when
an editor adds or corrects content.

After an intended change to the generated Markdown or feeds, refresh them with
one command, then review the diff like any other change:

    make golden

(that is, ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py``:
it rewrites ``tests/golden/``, adding new outputs and deleting golden files
the generator no longer produces).
"""

from __future__ import annotations

import functools
import os

import pytest
from conftest import EPOCH, ROOT

from build_tools.pipeline import generate
from build_tools.problems import SourceError

FIXTURE = ROOT / "tests" / "fixtures" / "corpus"
GOLDEN = ROOT / "tests" / "golden"
SITE_URL = "http://127.0.0.1:8000/"
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))

# Each fixture article is an excerpt of this real article: every line of it is a line of the original.
EXCERPT_OF = {
    "saqr-podcast-excerpt": "saqr-podcast-palace-last-moments",
    "reuters-relay-excerpt": "reuters-assad-sought-help-sada-elbalad",
    "blog-machine-text-excerpt": "blog-assad-putin-rupture",
}


@functools.cache
def _generated() -> tuple[dict[str, bytes], str | None]:
    """The fixture corpus, generated in memory: (files, error report or None)."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH  # feeds fall back to it when they have no dated item
    try:
        outputs, _ = generate(FIXTURE, SITE_URL, write=False)
        return outputs.files, None
    except SourceError as e:
        return {}, e.problems.report()
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def _golden_paths() -> set[str]:
    return {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()} if GOLDEN.is_dir() else set()


# Every generated file, and every golden file (so one the generator stopped producing fails too).
PATHS = sorted(set(_generated()[0]) | _golden_paths())


def test_fixture_corpus_builds():
    files, error = _generated()
    assert error is None, f"the fixture corpus under {FIXTURE.relative_to(ROOT)} has errors:\n{error}"
    kinds = {p.split("/")[0] for p in files}
    assert {"articles", "people", "events", "feed.xml", "feed.atom", "feed.json", "timeline.md", "claims.md"} <= kinds


@pytest.mark.parametrize("path", PATHS)
def test_matches_golden(path):
    files, error = _generated()
    assert error is None, error
    golden = GOLDEN / path
    if UPDATE:
        if path in files:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(files[path])
        else:
            golden.unlink()
            for parent in golden.parents:
                if parent == GOLDEN or any(parent.iterdir()):
                    break
                parent.rmdir()
            return
    assert path in files, f"{path} is no longer generated: run `make golden` to delete its golden file"
    assert golden.exists(), f"no golden file for {path}: run `make golden`"
    assert files[path] == golden.read_bytes(), f"{path} changed: review, then `make golden`"


@pytest.mark.parametrize("fixture_id", sorted(EXCERPT_OF))
def test_fixture_articles_are_verbatim_excerpts_of_real_ones(fixture_id):
    excerpt = (FIXTURE / "sources" / "articles" / f"{fixture_id}.txt").read_text("utf-8").split("\n")
    original = (ROOT / "sources" / "articles" / f"{EXCERPT_OF[fixture_id]}.txt").read_text("utf-8").split("\n")
    pos = 0
    for line in excerpt:
        assert line in original[pos:], f"not a line of {EXCERPT_OF[fixture_id]}.txt (or out of order): {line[:60]!r}"
        pos = original.index(line, pos) + 1


def test_fixture_corpus_covers_what_the_output_format_must_show():
    """The few features the golden files exist to pin down are really in the corpus."""
    import yaml

    src = FIXTURE / "sources"
    articles = {p.stem: yaml.safe_load(p.read_text("utf-8")) for p in sorted((src / "articles").glob("*.yml"))}
    assert set(articles) == set(EXCERPT_OF)
    assert any(a["title"] is None and a["working_title"] for a in articles.values())
    assert any(a["title"] for a in articles.values())
    assert any(a["cleaning"].get("machine_generated") for a in articles.values())
    events = yaml.safe_load((src / "events.yml").read_text("utf-8"))
    assert any(e.get("end") for e in events.values()) and any(e.get("certainty") == "disputed" for e in events.values())
    claims = yaml.safe_load((src / "claims.yml").read_text("utf-8"))
    stances = {s["stance"] for c in claims.values() for s in c["sources"]}
    assert {"asserts", "different-value", "silent"} <= stances

