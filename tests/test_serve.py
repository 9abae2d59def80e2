"""`mkdocs serve` picks up an edit under sources/ without a restart."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request

from conftest import BIN, copy_project, env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_on_source_edit(tmp_path):
    project = copy_project(tmp_path / "p")
    port = free_port()
    url = f"http://127.0.0.1:{port}/articles/saqr-podcast-palace-last-moments/"
    proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
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
