"""One `mkdocs build` (what `make site` runs) runs the pipeline once: every source file is read once
and every article page rendered once, and nothing it writes makes MkDocs build again."""

from __future__ import annotations

import builtins
import os
from collections import Counter

import pytest
from conftest import EPOCH, copy_project
from mkdocs.commands.build import build
from mkdocs.config import load_config

from build_tools import pipeline


@pytest.fixture
def counted(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "p")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    sources = str(project / "sources") + os.sep
    opened: Counter[str] = Counter()
    runs: list[int] = []
    rendered: Counter[str] = Counter()

    real_os_open, real_open = os.open, builtins.open

    def os_open(path, *args, **kwargs):
        if str(path).startswith(sources):
            opened[os.path.relpath(path, project)] += 1
        return real_os_open(path, *args, **kwargs)

    def open_(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and str(file).startswith(sources):
            mode = args[0] if args else kwargs.get("mode", "r")
            if "r" in mode:
                opened[os.path.relpath(file, project)] += 1
        return real_open(file, *args, **kwargs)

    real_generate, real_render = pipeline.generate, pipeline.render_pages

    def generate(*args, **kwargs):
        runs.append(1)
        return real_generate(*args, **kwargs)

    def render_pages(*args, **kwargs):
        for path, page in real_render(*args, **kwargs):
            rendered[path] += 1
            yield path, page

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(pipeline, "generate", generate)
    monkeypatch.setattr(pipeline, "render_pages", render_pages)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    return project, opened, runs, rendered


def test_one_build_runs_the_pipeline_once_reading_each_source_once(counted):
    project, opened, runs, rendered = counted
    assert runs == [1]
    files = sorted(p.relative_to(project).as_posix() for p in (project / "sources").rglob("*") if p.is_file())
    assert sorted(opened) == files
    assert set(opened.values()) == {1}, {k: v for k, v in opened.items() if v != 1}
    articles = [p.stem for p in (project / "sources" / "articles").glob("*.yml")]
    assert articles and all(rendered[f"articles/{a}.md"] == 1 for a in articles)
    assert set(rendered.values()) == {1}
