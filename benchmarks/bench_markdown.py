"""Python-Markdown alone on a site's Markdown, per kind of page: the floor under any MkDocs build.

Converts every ``.md`` file under DOCS (front matter dropped) with the Markdown extensions of
CONFIG, outside MkDocs and Material, and prints the time per kind of page. Run it on the Markdown of
a benchmark corpus (`bench_build.py`'s "Material alone" folder, or docs/ plus build/docs/ merged):

    .venv/bin/python benchmarks/bench_markdown.py DOCS [CONFIG]

With ``--bare-punctuation`` our escapes of punctuation (``&#46;`` …) are put back as the bare
characters first, to show what the escaping costs.
"""

from __future__ import annotations

import argparse
import collections
import re
import time
from pathlib import Path

import markdown
from mkdocs.config import load_config

_REFERENCE = re.compile(r"&#(4[4-7]|58);")  # , - . / :


def kind(page: Path, docs: Path) -> str:
    parts = page.relative_to(docs).parts
    if page.name == "source.md":
        return "as collected"
    if parts[0] in ("articles", "people", "events") and len(parts) == 2 and page.name != "index.md":
        return parts[0]
    return "listings and others"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("docs", type=Path)
    parser.add_argument("config", nargs="?", default="mkdocs.yml")
    parser.add_argument("--bare-punctuation", action="store_true")
    args = parser.parse_args()
    config = load_config(args.config)
    seconds: collections.Counter[str] = collections.Counter()
    pages: collections.Counter[str] = collections.Counter()
    for page in sorted(args.docs.rglob("*.md")):
        text = page.read_text("utf-8")
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[-1]
        if args.bare_punctuation:
            text = _REFERENCE.sub(lambda m: chr(int(m.group(1))), text)
        md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        t0 = time.perf_counter()
        md.convert(text)
        seconds[kind(page, args.docs)] += time.perf_counter() - t0
        pages[kind(page, args.docs)] += 1
    for k in sorted(seconds):
        print(f"{k:20} {pages[k]:6} pages {seconds[k]:7.2f} s {1000 * seconds[k] / pages[k]:6.2f} ms a page")
    total = sum(seconds.values())
    print(f"{'all':20} {sum(pages.values()):6} pages {total:7.2f} s {1000 * total / sum(pages.values()):6.2f} ms a page")


if __name__ == "__main__":
    main()
