"""Small golden files for generated Markdown and feeds.

After an intended change to the output, refresh them with `make golden`
(UPDATE_GOLDEN=1) and review the diff like any other change.
"""

from __future__ import annotations

import os

import pytest

from build_tools.pipeline import generate
from conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
SAMPLES = [
    "articles/aljazeera-assad-last-days-contacts.md",
    "events/assad-trip-to-moscow.md",
    "people/ali-larijani.md",
    "people/ali-larijani/feed.xml",
    "timeline.md",
]


@pytest.fixture(scope="module")
def outputs():
    files, _ = generate(ROOT, "http://127.0.0.1:8000/", write=False)
    return files.files


@pytest.mark.parametrize("path", SAMPLES)
def test_matches_golden(outputs, path):
    golden = GOLDEN / path.replace("/", "__")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(outputs[path])
    assert golden.exists(), f"no golden file for {path}: run `make golden`"
    assert outputs[path] == golden.read_bytes(), f"{path} changed: review, then `make golden`"
