"""The whole build, as a recipe: load → model → validate → index → render → write.

Everything is gathered and checked before anything is written: a problem in
any source stops the build with every problem listed, and leaves what was
built before exactly as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

from .assemble import assemble
from .cache import ArticleCache
from .feeds import render_feeds
from .index import build_index
from .labels import article_title
from .load import load_sources, read_bytes
from .mentions import MentionIndex
from .problems import Problems, SourceError
from .redirects import (
    PUBLISHED,
    check_published,
    read_published,
    record_published,
    redirect_outputs,
    url_of,
)
from .render import render_pages, site_facts
from .validate import validate
from .writer import OutputError, Outputs, hand_written_clashes, sync

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
# Generated pages and feeds, kept apart from the hand-written docs/ (MkDocs reads both).
GENERATED = Path("build") / "docs"
# Per-article results between builds (cache.py): an unchanged article is not cleaned or matched again.
CACHE = Path("build") / "cache" / "articles.pickle"


def site_url_from_env() -> str:
    return os.environ.get("SITE_URL") or DEFAULT_SITE_URL


def generate(root: Path, site_url: str, *, write: bool = True, strict: bool = False,
             record: bool | None = None) -> tuple[Outputs, Problems]:
    """Build every generated page and feed into ``root/build/docs``; return them and the warnings.

    Raises SourceError (listing every problem) when the sources have errors,
    or warnings under ``strict``, or when an address recorded in
    sources/published-urls.txt is no longer produced. ``record`` (by default
    ``write``) adds the addresses produced for the first time to that file.
    """
    problems = Problems()
    cache = ArticleCache(root / CACHE)
    loaded = load_sources(root, problems, cache)
    corpus, rule_use = assemble(loaded)
    mentions = MentionIndex(corpus.articles, corpus.people, cache)
    validate(corpus, loaded, rule_use, mentions, problems)
    if problems.errors or (strict and problems.warnings) or corpus.dossier is None:
        raise SourceError(problems)  # nothing is written, not even the cache

    idx = build_index(corpus, mentions)
    outputs = Outputs()
    for path, text in render_pages(corpus, idx, site_url, cache).items():
        outputs.add(path, text)
    for path, data in render_feeds(corpus, idx, site_url).items():
        outputs.add(path, data)
    outputs.facts.update(site_facts(corpus, idx))

    # Former ids keep their addresses; no address that was published disappears without one.
    titles = {"articles": lambda i: article_title(corpus.articles[i]), "people": lambda i: corpus.people[i].name,
              "events": lambda i: corpus.events[i].title}
    for path, data in redirect_outputs(outputs.files, loaded.redirects, site_url,
                                       lambda section, i: titles[section](i)).items():
        outputs.add(path, data)
    produced = {url_of(path) for path in outputs.files}
    recorded = _recorded(root, problems)
    check_published(recorded, produced, problems)
    if problems.errors:
        raise SourceError(problems)

    clash = hand_written_clashes(outputs, root / "docs")
    if clash:  # checked by `check` too: it fails on everything a build would fail on
        raise OutputError(f"hand-written file(s) in docs/ take the address of generated pages: {', '.join(clash)} — "
                          "rename or move them: generated pages own these paths")
    if write:
        sync(outputs, root / GENERATED)
        cache.save()  # `check` writes nothing, not even the cache
    if write if record is None else record:
        record_published(root / PUBLISHED, recorded, produced)
    return outputs, problems


def _recorded(root: Path, problems: Problems) -> list[tuple[int, str]]:
    """The addresses sources/published-urls.txt records (none before the first build)."""
    path = root / PUBLISHED
    if not os.path.lexists(path):
        return []
    data = read_bytes(path, root, problems, 4 * 1024 * 1024)
    return read_published(data.decode("utf-8", "replace")) if data is not None else []
