"""The thin MkDocs hook: regenerate pages from sources/ before every build.

The only module that imports mkdocs. MkDocs loads hooks by file path, not
as part of the package, hence the sys.path line.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import Abort

log = logging.getLogger("mkdocs.hooks.dossier")


def on_pre_build(config) -> None:
    root = Path(config.config_file_path).resolve().parent
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from build_tools.pipeline import generate
    from build_tools.problems import SourceError

    try:
        _, problems = generate(root, config.site_url)
    except SourceError as e:
        raise Abort(f"sources/ has errors; nothing was generated:\n{e.problems.report()}") from None
    for warning in problems.warnings:
        log.info("%s", warning)


# Material sets dir="rtl" on <body> only; the root element should carry it too, so that
# the whole document (scrollbars, text selection, reader modes) is right to left.
_ROOT_TAG = '<html lang="ar" class="no-js">'


def _rtl_root(html: str) -> str:
    return html.replace(_ROOT_TAG, '<html lang="ar" dir="rtl" class="no-js">', 1)


def on_post_page(output: str, page, config) -> str:
    return _rtl_root(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    return _rtl_root(output_content)
