"""MkDocs hook: after `mkdocs build`, index the built site for search.

Every `mkdocs build` (and so `make site` and the tests' builds) ends with
``site/pagefind/``, the folded Pagefind index of build_tools/search.py.
`mkdocs serve` does not index: the preview's search box says that search
comes with the built site, and each rebuild stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

_state: dict = {"command": None}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_post_build(config) -> None:
    if _state["command"] == "serve":
        return
    root = Path(config.config_file_path).resolve().parent
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from build_tools.search import build_index

    build_index(Path(config.site_dir))
