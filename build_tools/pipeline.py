"""The whole build, as a recipe: load → model → validate → index → render → write.

Everything is gathered and checked before anything is written: a problem in
any source stops the build with every problem listed, and leaves what was
built before exactly as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

from .assemble import assemble
from .feeds import render_feeds
from .index import build_index
from .load import load_sources
from .mentions import MentionIndex
from .problems import Problems, SourceError
from .render import render_pages
from .validate import validate
from .writer import OutputError, Outputs, check_writable, sync

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def site_url_from_env() -> str:
    return os.environ.get("SITE_URL") or DEFAULT_SITE_URL


def generate(root: Path, site_url: str, *, write: bool = True, strict: bool = False) -> tuple[Outputs, Problems]:
    """Build every generated page and feed into ``root/docs``; return them and the warnings.

    Raises SourceError (listing every problem) when the sources have errors,
    or warnings under ``strict``.
    """
    problems = Problems()
    loaded = load_sources(root, problems)
    corpus, rule_use = assemble(loaded)
    mentions = MentionIndex(corpus.articles, corpus.people)
    validate(corpus, loaded, rule_use, mentions, problems)
    if problems.errors or (strict and problems.warnings) or corpus.dossier is None:
        raise SourceError(problems)

    idx = build_index(corpus, mentions)
    outputs = Outputs()
    for path, text in render_pages(corpus, idx, site_url).items():
        outputs.add(path, text)
    for path, data in render_feeds(corpus, idx, site_url).items():
        outputs.add(path, data)

    if write:
        sync(outputs, root / "docs")
    else:  # `check` fails on everything `build` would fail on
        clash = check_writable(outputs, root / "docs")
        if clash:
            raise OutputError(f"generated pages would overwrite hand-written file(s) in docs/: {', '.join(clash)} — "
                              "rename or move them: generated pages own these paths")
    return outputs, problems
