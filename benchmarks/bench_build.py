"""Build time and memory against corpus size: is the pipeline linear?

Makes synthetic corpora of N articles from the five real ones (copies under new
ids, so every rule, mention and link is real work), then times the generator
(load → … → render, no writing) and, optionally, the full MkDocs build.

    .venv/bin/python benchmarks/bench_build.py            # generator only
    .venv/bin/python benchmarks/bench_build.py --mkdocs   # plus mkdocs build

Results are recorded by hand in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools.pipeline import generate  # noqa: E402


def make_corpus(dest: Path, n: int) -> Path:
    for name in ("build_tools", "docs", "overrides", "schemas", "sources"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    arts = dest / "sources" / "articles"
    originals = sorted(arts.glob("*.yml"))
    for i in range(n - len(originals)):
        src = originals[i % len(originals)]
        new = f"{src.stem}-copy-{i}"
        shutil.copy(src.with_suffix(".txt"), arts / f"{new}.txt")
        shutil.copy(src, arts / f"{new}.yml")
    return dest


def measure(n: int, with_mkdocs: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        project = make_corpus(Path(tmp) / "p", n)
        t0 = time.perf_counter()
        outputs, _ = generate(project, "http://127.0.0.1:8000/", write=True)
        gen = time.perf_counter() - t0
        tracemalloc.start()  # a second run for memory: tracing slows Python several times over
        generate(project, "http://127.0.0.1:8000/", write=False)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        row = {"articles": n, "generate_s": gen, "peak_mb": peak / 2**20, "files": len(outputs.files),
               "ms_per_article": 1000 * gen / n}
        if with_mkdocs:
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1733616000"}
            t0 = time.perf_counter()
            subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--quiet"], cwd=project,
                           env=env, check=True)
            row["mkdocs_s"] = time.perf_counter() - t0
            row["site_mb"] = sum(p.stat().st_size for p in (project / "site").rglob("*") if p.is_file()) / 2**20
        return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mkdocs", action="store_true", help="also time the full mkdocs build")
    parser.add_argument("--sizes", default="5,50,500,3000")
    args = parser.parse_args()
    print("| articles | generate (s) | ms/article | peak memory (MB) | files |" +
          (" mkdocs build (s) | site (MB) |" if args.mkdocs else ""))
    print("|---|---|---|---|---|" + ("---|---|" if args.mkdocs else ""))
    for n in map(int, args.sizes.split(",")):
        r = measure(n, args.mkdocs)
        line = f"| {r['articles']} | {r['generate_s']:.2f} | {r['ms_per_article']:.1f} | {r['peak_mb']:.1f} | {r['files']} |"
        if args.mkdocs:
            line += f" {r['mkdocs_s']:.1f} | {r['site_mb']:.0f} |"
        print(line, flush=True)


if __name__ == "__main__":
    main()
