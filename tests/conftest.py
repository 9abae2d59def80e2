"""Shared fixtures: the real project, copied, generated and built by MkDocs.

Tests read only files inside the repository: a fresh clone, alone in its folder, passes.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EPOCH = "1733616000"  # 2024-12-08: any fixed value makes builds comparable
_SKIP = {".venv", "site", ".git", "mutants", "build", ".pytest_cache", "__pycache__", ".site-new", ".site-old",
         "node_modules", "output"}  # output: tests/output/, the browser tests' screenshots


def copy_project(dest: Path) -> Path:
    """A copy of the project with its sources, as a fresh clone would have them."""
    dest.mkdir(parents=True, exist_ok=True)
    for item in ROOT.iterdir():
        if item.name in _SKIP:
            continue
        if item.is_dir():
            shutil.copytree(item, dest / item.name, ignore=shutil.ignore_patterns(*_SKIP))
        else:
            shutil.copy2(item, dest / item.name)
    return dest


def env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env(), capture_output=True, text=True)


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "build_tools", *args], project)


def mkdocs_build(project: Path) -> subprocess.CompletedProcess:
    return run([str(BIN / "mkdocs"), "build", "--strict"], project)


def build_all(project: Path) -> Path:
    step = mkdocs_build(project)  # the hook runs the pipeline, once
    assert step.returncode == 0, step.stdout + step.stderr
    return project / "site"


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The real sources, built once: returns the project copy (site/ inside)."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    build_all(project)
    return project


@pytest.fixture(scope="session")
def site(built) -> Path:
    return built / "site"


@pytest.fixture
def project(tmp_path) -> Path:
    """A fresh, unbuilt copy of the project to break on purpose."""
    return copy_project(tmp_path / "project")


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, driven by Playwright (its own browser download is not used)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@contextlib.contextmanager
def serve(folder: Path):
    """Serve ``folder`` on a free loopback port; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def server(site):
    with serve(site) as url:
        yield url
