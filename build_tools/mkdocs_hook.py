"""The thin MkDocs hook: generate pages from sources/ once per build and hand them to MkDocs.

The only module that imports mkdocs. MkDocs loads hooks by file path, not
as part of the package, hence the sys.path line.

Each build runs the pipeline once (``on_pre_build``), which writes only the
generated files that changed into ``build/docs/``; ``on_files`` adds them to
the site beside the hand-written pages of ``docs/``. Nothing is written where
MkDocs watches, so a build never triggers another.

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
from mkdocs.structure.files import File, InclusionLevel

log = logging.getLogger("mkdocs.hooks.dossier")
_state: dict = {"command": None, "problems": None, "outputs": [], "error_files": [], "facts": {}}


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_pre_build(config) -> None:
    root = _root(config)
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from build_tools import parallel
    from build_tools.pipeline import generate
    from build_tools.problems import SourceError
    from build_tools.writer import OutputError

    _state["problems"] = None
    parallel.enabled = _state["command"] != "serve"  # the preview server's threads make forking unsafe
    try:
        # A preview records no address: only what a build publishes goes into sources/published-urls.txt.
        outputs, problems = generate(root, config.site_url, record=_state["command"] != "serve")
    except SourceError as e:
        if _state["command"] == "serve":
            _state["problems"] = e.problems
            # Logged as info: in strict mode any warning would abort the preview that explains them.
            log.info("sources/ has errors; the preview shows them on every page:\n%s", e.problems.report())
            return
        raise Abort(f"sources/ has errors; nothing was generated:\n{e.problems.report()}") from None
    except OutputError as e:
        raise Abort(f"nothing was generated: {e}") from None
    _state["outputs"] = outputs.paths()
    _state["facts"] = outputs.facts
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
    from build_tools.pipeline import GENERATED
    from build_tools.writer import owned

    generated = _root(config) / GENERATED
    in_nav = set(_nav_paths(config.nav))
    broken = _state["problems"] is not None
    # After an error, the pages of the last good build (its manifest) stay in the preview.
    for path in owned(generated) if broken else _state["outputs"]:
        inclusion = InclusionLevel.INCLUDED if path in in_nav or not path.endswith(".md") else InclusionLevel.NOT_IN_NAV
        if broken:  # in memory, so that even `serve --dirty` re-renders them with the error list
            f = File.generated(config, path, content=(generated / path).read_bytes(), inclusion=inclusion)
        else:
            f = File(path, str(generated), config.site_dir, config.use_directory_urls, inclusion=inclusion)
        files.append(f)
    _state["error_files"] = []
    if broken:  # sources broken before any page was generated: the pages the nav names are the error page
        for path in ["index.md", *sorted(in_nav)]:
            if path.endswith(".md") and files.get_file_from_path(path) is None:
                f = File.generated(config, path, content=_error_page())
                _state["error_files"].append(f)
                files.append(f)
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    from build_tools.render import fill_facts

    markdown = fill_facts(markdown, _state["facts"])  # the about page's last update
    if _state["problems"] is None or page.file in _state["error_files"]:
        return markdown
    return _error_page() + "\n\n" + markdown


def on_env(env, config, files):
    """Material's templates, compiled once and kept in build/cache/templates/ (MkDocs makes a new
    environment for every build and every preview rebuild)."""
    from build_tools.pipeline import TEMPLATES_CACHE
    from build_tools.render import compiled_templates

    env.bytecode_cache = compiled_templates(_root(config) / TEMPLATES_CACHE)
    return env


# Material sets dir="rtl" on <body> only; the root element should carry it too, so that
# the whole document (scrollbars, text selection, reader modes) is right to left.
_ROOT_TAG = '<html lang="ar" class="no-js">'


def _rtl_root(html: str) -> str:
    return html.replace(_ROOT_TAG, '<html lang="ar" dir="rtl" class="no-js">', 1)


def on_post_page(output: str, page, config) -> str:
    return _rtl_root(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    return _rtl_root(output_content)
