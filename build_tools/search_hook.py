"""MkDocs hook: every `mkdocs build` ends with ``site/pagefind/``, the folded
Pagefind index of build_tools/search.py (and so `make site` and the tests' builds).

The index is made beside MkDocs (``search.Beside``): each searched page's twin as
MkDocs renders its Markdown, Pagefind as soon as every page is rendered, on the
core MkDocs leaves idle while it fills Material's template and writes the site.
A `--dirty` build renders only the pages that changed, so it indexes the built
site afterwards instead. `mkdocs serve` does not index: the preview's search box
says that search comes with the built site, and each rebuild stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

_state: dict = {"command": None, "beside": None, "expected": 0}


def _search():
    from build_tools import search

    return search


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_files(files, config):
    root = Path(config.config_file_path).resolve().parent
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    _close()
    if _state["command"] != "serve":
        search = _search()
        _state["expected"] = sum(search.searched(f.dest_uri) for f in files.documentation_pages())
        _state["beside"] = search.Beside(Path(config.site_dir) / "pagefind")
    return files


def on_page_content(html: str, page, config, files) -> str:
    beside = _state["beside"]
    if beside is not None and _search().searched(page.file.dest_uri):
        beside.add(page.file.dest_uri, html, page.title or config.site_name)
    return html


def on_env(env, config, files):
    beside = _state["beside"]
    if beside is not None:
        if beside.added == _state["expected"]:
            beside.start()
        else:  # a --dirty build left pages unrendered: index the built site at the end
            _close()
    return env


def on_post_build(config) -> None:
    if _state["command"] == "serve":
        return
    beside, _state["beside"] = _state["beside"], None
    if beside is not None:
        beside.finish()
    else:
        _search().build_index(Path(config.site_dir))


def on_build_error(error) -> None:
    _close()


def _close() -> None:
    beside, _state["beside"] = _state["beside"], None
    if beside is not None:
        beside.close()
