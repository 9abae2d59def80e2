"""`make bench`: build time, memory and output size against corpus size and shape.

For each corpus shape (``copies``: the five real articles copied, the worst case
of a person named everywhere; ``realistic``: varied text, N/10 people, N/20
events, Zipf-like mentions, see ``corpus.py``) and each size, in one run:

- validation + generation (``python -m build_tools build``), cold (no cache,
  no earlier output) and warm (run again, nothing changed), each a separate
  process, with its peak memory (max RSS);
- the full ``make site`` build (``mkdocs build``; our hook runs the pipeline once);
- MkDocs Material alone on the same Markdown (hook removed, generated pages
  copied into docs/), so our share is a ratio;
- site size, size per article, the largest HTML page, and what one reader's
  search downloads.

    .venv/bin/python benchmarks/bench_build.py --sizes 1000,10000 --shapes copies,realistic

Prints a Markdown table; results are recorded in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import html
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import SHAPES  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1733616000", "PYTHONDONTWRITEBYTECODE": "1"}


_WRAP = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(r.returncode)")


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak resident MB) of one command, measured in its own wrapper process."""
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _WRAP, *args], cwd=cwd, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(f"{' '.join(args)} failed in {cwd}:\n{proc.stderr[-3000:]}")
    return wall, int(proc.stderr.strip().splitlines()[-1]) / 1024


def material_alone(project: Path) -> float:
    """mkdocs build of the same Markdown without our hook: generated pages copied into docs/."""
    alone = project / "alone"
    shutil.copytree(project / "docs", alone / "docs")
    shutil.copytree(project / "build" / "docs", alone / "docs", dirs_exist_ok=True)
    config = (project / "mkdocs.yml").read_text("utf-8")
    config = re.sub(r"\nhooks:\n(?:  - .*\n)+", "\n", config)  # no pipeline, no search index: Material alone
    config = config.split("\nwatch:")[0] + "\n" + config.split("\nwatch:")[1].split("\n\n", 1)[1]
    config = config.replace("custom_dir: overrides", f"custom_dir: {project / 'overrides'}")
    (alone / "mkdocs.yml").write_text(config, "utf-8")
    wall, _ = timed([str(BIN / "mkdocs"), "build", "--quiet", "--site-dir", str(alone / "site")], alone)
    return wall


# MkDocs and Material alone, as `mkdocs serve --dirty` rebuilds after one page changed: the floor under
# any preview (no hook, no pipeline), run in one process as the server runs it.
_ALONE_EDIT = """
import logging, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.disable(logging.WARNING)
def rebuild():
    t = time.perf_counter()
    config = load_config("mkdocs.yml")
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
    return time.perf_counter() - t
rebuild()
page = sorted(Path("docs/articles").glob("*.md"))[0]
times = []
for i in range(3):
    page.write_text(page.read_text("utf-8") + f"\\n\\nedit {i}\\n", "utf-8")
    times.append(rebuild())
print(sorted(times)[1])
"""


def material_alone_edit(project: Path) -> float:
    """Seconds MkDocs Material alone takes to rebuild, dirty, after one page changed (median of 3)."""
    proc = subprocess.run([sys.executable, "-c", _ALONE_EDIT], cwd=project / "alone", env=ENV, capture_output=True,
                          text=True)
    if proc.returncode:
        raise SystemExit(f"Material alone's dirty rebuild failed:\n{proc.stderr[-3000:]}")
    return float(proc.stdout.split()[-1])


def search_download(site: Path) -> int:
    """Bytes one reader downloads to run one search."""
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        # Entry, loader, WebAssembly, the filter/meta index, one index chunk and a few fragments.
        fixed = [p for p in pagefind.glob("*") if p.is_file()]
        chunks = sorted(pagefind.glob("index/*"), key=lambda p: p.stat().st_size)
        frags = sorted(pagefind.glob("fragment/*"), key=lambda p: p.stat().st_size)
        biggest_chunk = chunks[-1].stat().st_size if chunks else 0
        return sum(p.stat().st_size for p in fixed) + biggest_chunk + sum(p.stat().st_size for p in frags[-5:])
    index = site / "search" / "search_index.json"
    return index.stat().st_size if index.exists() else 0


# The preview target is for 1,000 articles; a larger preview's first build alone takes minutes.
SERVE_UP_TO = 1000


def serve_edit(project: Path) -> float:
    """Seconds from saving one article's YAML (a new summary) to `make serve`'s server serving the change."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    yml = sorted((project / "sources" / "articles").glob("*.yml"))[0]
    url = f"http://127.0.0.1:{port}/articles/{yml.stem}/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                return html.unescape(r.read().decode("utf-8"))
        except OSError:
            return ""

    proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"], cwd=project,
                            env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 1800
        while not page() and time.monotonic() < deadline:
            if proc.poll() is not None:
                raise SystemExit(f"mkdocs serve stopped (exit {proc.returncode}) in {project}")
            time.sleep(0.5)
        time.sleep(5)  # the first build settles
        text = yml.read_text("utf-8")
        marker = "علامةالقياس"
        t0 = time.perf_counter()
        opening = next(o for o in ('summary: "', "summary: >-\n  ") if o in text)
        yml.write_text(text.replace(opening, opening + marker + " ", 1), "utf-8")
        while marker not in page():
            if time.perf_counter() - t0 > 120:
                raise SystemExit("mkdocs serve did not show the edit within 120 s")
            time.sleep(0.02)
        return time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def measure(shape: str, n: int, site: bool = True) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        project = SHAPES[shape](Path(tmp) / "p", n)
        gen = [sys.executable, "-m", "build_tools", "build"]
        cold, cold_mb = timed(gen, project)
        warm, _ = timed(gen, project)
        if not site:
            return {"shape": shape, "n": n, "cold": cold, "warm": warm, "gen_mb": cold_mb}
        shutil.rmtree(project / "build", ignore_errors=True)
        site_s, site_mb = timed([str(BIN / "mkdocs"), "build", "--quiet", "--strict"], project)  # as make site
        alone_s = material_alone(project)
        serve_s = serve_edit(project) if n <= SERVE_UP_TO else None
        floor_s = material_alone_edit(project) if n <= SERVE_UP_TO else None
        site = project / "site"
        pages = list(site.rglob("*.html"))
        largest = max(pages, key=lambda p: p.stat().st_size)
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        return {"shape": shape, "n": n, "cold": cold, "warm": warm, "gen_mb": cold_mb, "site_s": site_s,
                "site_mb": site_mb, "alone_s": alone_s, "size_mb": size / 2**20, "kb_per_article": size / n / 1024,
                "largest_kb": largest.stat().st_size / 1024, "largest": largest.relative_to(site).parent.as_posix(),
                "search_kb": search_download(site) / 1024, "serve_s": serve_s, "floor_s": floor_s}


def real_dossier() -> tuple[float, float, float]:
    """`make site` on the real five-article dossier (after set-up): from nothing, then again unchanged;
    and Material alone on the same Markdown."""
    with tempfile.TemporaryDirectory() as tmp:
        project = SHAPES["copies"](Path(tmp) / "p", 0)  # the real sources, nothing added
        args = [str(BIN / "mkdocs"), "build", "--quiet", "--strict"]
        cold, _ = timed(args, project)
        warm, _ = timed(args, project)
        return cold, warm, material_alone(project)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--shapes", default="copies,realistic")
    parser.add_argument("--generate-only", action="store_true", help="skip the MkDocs builds")
    args = parser.parse_args()
    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}")
    if not args.generate_only:
        cold, warm, alone = real_dossier()
        print(f"real dossier (5 articles), make site: {cold:.1f} s from nothing, {warm:.1f} s unchanged; "
              f"Material alone on the same Markdown: {alone:.1f} s\n", flush=True)
    print("| corpus | articles | generate cold (s) | warm (s) | peak (MB) | make site (s) | Material alone (s) | "
          "ours/alone | site (MB) | KB/article | largest page (KB) | search download (KB) | serve: YAML edit shown (s) | "
          "Material alone: one page rebuilt, dirty (s) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for shape in args.shapes.split(","):
        for n in map(int, args.sizes.split(",")):
            r = measure(shape, n, site=not args.generate_only)
            if args.generate_only:
                print(f"| {shape} | {n} | {r['cold']:.1f} | {r['warm']:.1f} | {r['gen_mb']:.0f} | – | – | – | – | – | – | – | – | – |",
                      flush=True)
                continue
            print(f"| {r['shape']} | {r['n']} | {r['cold']:.1f} | {r['warm']:.1f} | {r['gen_mb']:.0f} | "
                  f"{r['site_s']:.1f} | {r['alone_s']:.1f} | {r['site_s'] / r['alone_s']:.2f} | {r['size_mb']:.0f} | "
                  f"{r['kb_per_article']:.0f} | {r['largest_kb']:.0f} ({r['largest']}) | {r['search_kb']:.0f} | "
                  f"{'–' if r['serve_s'] is None else format(r['serve_s'], '.2f')} | "
                  f"{'–' if r['floor_s'] is None else format(r['floor_s'], '.2f')} |",
                  flush=True)


if __name__ == "__main__":
    main()
