"""`mkdocs serve` picks up an edit under sources/ without a restart."""

from __future__ import annotations

import html
import re
import socket
import subprocess
import time
import urllib.request

from conftest import BIN, ROOT, copy_project, env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    """The page's text with character references resolved (source text reaches pages escaped)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return html.unescape(r.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def serve_args() -> list[str]:
    """The options `make serve` gives `mkdocs serve`, read from the Makefile (the tests run what editors run)."""
    recipe = re.search(r"^serve:.*\n(?:#.*\n)*\t\$\(BIN\)/mkdocs serve(.*)$", (ROOT / "Makefile").read_text("utf-8"), re.M)
    assert recipe, "no `mkdocs serve` recipe under `serve:` in the Makefile"
    return recipe.group(1).split()


def test_serve_rebuilds_on_source_edit(tmp_path):
    project = copy_project(tmp_path / "p")
    port = free_port()
    url = f"http://127.0.0.1:{port}/articles/saqr-podcast-palace-last-moments/"
    proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", *serve_args(), "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=env(), stdout=subprocess.DEVNULL, stderr=open(tmp_path / "serve.log", "w"))
    try:
        assert wait_for(lambda: "بودكاست" in fetch(url), 60), "serve did not start"
        time.sleep(3)  # let the first rebuild settle (its own generated files trigger one)
        yml = project / "sources/articles/saqr-podcast-palace-last-moments.yml"
        yml.write_text(yml.read_text("utf-8").replace("summary: >-\n  ", "summary: >-\n  علامةاختبارالتحديث "), "utf-8")
        assert wait_for(lambda: "علامةاختبارالتحديث" in fetch(url), 60), "edit under sources/ not picked up"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_shows_source_errors_in_the_browser_and_recovers(tmp_path):
    """A broken source does not hang the preview: every page lists the problems, then recovers."""
    project = copy_project(tmp_path / "p")
    yml = project / "sources/articles/saqr-podcast-palace-last-moments.yml"
    good = yml.read_text("utf-8")
    yml.write_text(good.replace("events:\n", "events:\n  - no-such-event-here\n", 1), "utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = open(tmp_path / "serve.log", "w")
    proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", *serve_args(), "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=env(), stdout=log, stderr=log)
    try:
        assert wait_for(lambda: "no-such-event-here" in fetch(base), 60), (tmp_path / "serve.log").read_text()
        page = fetch(base)
        assert "لا يمكن بناء الموقع" in page and "saqr-podcast-palace-last-moments.yml" in page
        yml.write_text(good, "utf-8")
        url = base + "articles/saqr-podcast-palace-last-moments/"
        assert wait_for(lambda: "بودكاست" in fetch(url) and "no-such-event-here" not in fetch(url), 60)
        yml.write_text(good.replace("events:\n", "events:\n  - another-missing-event\n", 1), "utf-8")
        assert wait_for(lambda: "another-missing-event" in fetch(url), 60), "errors not shown on existing pages"
        assert "بودكاست" in fetch(url), "the last good page should stay visible under the errors"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
    assert "Traceback" not in (tmp_path / "serve.log").read_text()
