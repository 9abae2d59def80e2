"""The thin MkDocs hook: regenerate pages from sources/ before every build.

The only module that imports mkdocs. MkDocs loads hooks by file path, not
as part of the package, hence the sys.path line.

A source error stops `mkdocs build` with the list of problems and no
traceback. Under `mkdocs serve` it does not stop the server: the last good
pages stay, every page opens with the list of problems, and the preview
recovers by itself once the sources are fixed.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

log = logging.getLogger("mkdocs.hooks.dossier")
_state: dict = {"command": None, "problems": None, "error_files": []}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_pre_build(config) -> None:
    root = Path(config.config_file_path).resolve().parent
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from build_tools.pipeline import generate
    from build_tools.problems import SourceError
    from build_tools.writer import OutputError

    _state["problems"] = None
    try:
        _, problems = generate(root, config.site_url)
    except SourceError as e:
        if _state["command"] == "serve":
            _state["problems"] = e.problems
            # Logged as info: in strict mode any warning would abort the preview that explains them.
            log.info("sources/ has errors; the preview shows them on every page:\n%s", e.problems.report())
            return
        raise Abort(f"sources/ has errors; nothing was generated:\n{e.problems.report()}") from None
    except OutputError as e:
        raise Abort(f"nothing was generated: {e}") from None
    for warning in problems.warnings:
        log.info("%s", warning)


def _error_page() -> str:
    from build_tools.render import error_page

    return error_page(_state["problems"])


def _nav_paths(items) -> list[str]:
    out: list[str] = []
    for item in items or []:
        for value in (item.values() if isinstance(item, dict) else [item]):
            out += _nav_paths(value) if isinstance(value, list) else [value] if isinstance(value, str) else []
    return out


def on_files(files, config):
    _state["error_files"] = []
    if _state["problems"] is None:
        return files
    # Sources broken before any page was generated: the pages the nav names are the error page.
    for path in ["index.md", *_nav_paths(config.nav)]:
        if path.endswith(".md") and files.get_file_from_path(path) is None:
            f = File.generated(config, path, content=_error_page())
            _state["error_files"].append(f)
            files.append(f)
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    if _state["problems"] is None or page.file in _state["error_files"]:
        return markdown
    return _error_page() + "\n\n" + markdown


# Material sets dir="rtl" on <body> only; the root element should carry it too, so that
# the whole document (scrollbars, text selection, reader modes) is right to left.
_ROOT_TAG = '<html lang="ar" class="no-js">'


def _rtl_root(html: str) -> str:
    return html.replace(_ROOT_TAG, '<html lang="ar" dir="rtl" class="no-js">', 1)


def on_post_page(output: str, page, config) -> str:
    return _rtl_root(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    return _rtl_root(output_content)
