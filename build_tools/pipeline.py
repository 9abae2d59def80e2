"""The whole build, as a recipe: load → model → validate → index → render → write.

Everything is gathered and checked before anything is written: a problem in
any source stops the build with every problem listed, and leaves what was
built before exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .assemble import assemble
from .cache import ArticleCache
from .feeds import feeds
from .index import build_index
from .inputs import digest, read_record, read_sources, source_digests, write_record
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
from .render import keep_compiled, render_pages, site_facts
from .validate import validate
from .writer import OutputError, Outputs, hand_written_clashes, manifest, on_disk, sync

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
# Generated pages and feeds, kept apart from the hand-written docs/ (MkDocs reads both).
GENERATED = Path("build") / "docs"
# Per-article results between builds (cache.py): an unchanged article is not cleaned or matched again.
CACHE = Path("build") / "cache" / "articles.pickle"
# What the last successful build read (inputs.py), the warnings it gave and the facts it found.
RECORD = Path("build") / "cache" / "last-build.json"
# Compiled Jinja2 templates, ours and (through the MkDocs hook) Material's.
TEMPLATES_CACHE = Path("build") / "cache" / "templates"


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
    # Nothing changed since the last good build: its pages are on disk, its record says the rest.
    files = read_sources(root)  # every source file, read once for this whole build
    sources = source_digests(files) if files is not None else None
    inputs = digest(root, sources, site_url) if sources is not None else None
    done = _done(root, inputs, write if record is None else record)
    if done is not None:
        outputs, problems.items[:] = done
        if strict and problems.warnings:
            raise SourceError(problems)
        return outputs, problems

    cache = ArticleCache(root / CACHE)
    loaded = load_sources(root, problems, cache, files)
    # loaded holds what it needs; of the bytes read, only the list of published addresses is kept.
    files = {PUBLISHED: files[PUBLISHED]} if files is not None and PUBLISHED in files else None
    corpus, rule_use = assemble(loaded)
    mentions = MentionIndex(corpus.articles, corpus.people, cache)
    validate(corpus, loaded, rule_use, mentions, problems)
    if problems.errors or (strict and problems.warnings) or corpus.dossier is None:
        raise SourceError(problems)  # nothing is written, not even the cache

    idx = build_index(corpus, mentions)
    # A build writes each page into a staging folder as soon as it is rendered (the site is never held
    # in memory whole) and moves them into build/docs/ only once every check has passed.
    outputs = Outputs(root / GENERATED) if write else Outputs()
    if write:  # `check` writes nothing
        keep_compiled(root / TEMPLATES_CACHE)
    try:
        recorded, produced = _render(root, corpus, idx, site_url, cache, loaded, rule_use, outputs, problems, files)
        if write:
            sync(outputs, root / GENERATED)
    except BaseException:
        outputs.discard()
        raise
    if write:
        cache.save()  # `check` writes nothing, not even the cache
    if write if record is None else record:
        record_published(root / PUBLISHED, recorded, produced)
    if write and sources is not None:
        # The inputs as read at the start (a file saved during the build must build again), except the
        # addresses this build has just recorded.
        if (root / PUBLISHED).is_file():
            sources[PUBLISHED] = hashlib.sha256((root / PUBLISHED).read_bytes()).hexdigest()
        write_record(root / RECORD, digest(root, sources, site_url), write if record is None else record,
                     problems.warnings, outputs.facts)
    return outputs, problems


def _render(root: Path, corpus, idx, site_url: str, cache: ArticleCache, loaded, rule_use, outputs: Outputs,
            problems: Problems, files: dict[str, bytes] | None) -> tuple[list[tuple[int, str]], set[str]]:
    """Render every page and feed into ``outputs`` and check what they add up to; return the addresses
    sources/published-urls.txt records and those produced now."""
    written = manifest(root / GENERATED)
    cache.keep_pages_if(lambda digests: on_disk(root / GENERATED, digests, written))
    for path, text in render_pages(corpus, idx, site_url, cache):
        outputs.add(path, text)
    outputs.finish_writes()  # no writing thread may be running when the feeds' workers are forked
    for path, data in feeds(corpus, idx, site_url, cache):
        outputs.add(path, data)
    outputs.facts.update(site_facts(corpus, idx))

    # Former ids keep their addresses; no address that was published disappears without one.
    titles = {"articles": lambda i: article_title(corpus.articles[i]), "people": lambda i: corpus.people[i].name,
              "events": lambda i: corpus.events[i].title}
    for path, data in redirect_outputs(outputs.paths(), outputs.content, loaded.redirects, site_url,
                                       lambda section, i: titles[section](i)).items():
        outputs.add(path, data)
    produced = {url_of(path) for path in outputs.paths()}
    recorded = _recorded(root, problems, files)
    check_published(recorded, produced, problems)
    if problems.errors:
        raise SourceError(problems)

    clash = hand_written_clashes(outputs, root / "docs")
    if clash:  # checked by `check` too: it fails on everything a build would fail on
        raise OutputError(f"hand-written file(s) in docs/ take the address of generated pages: {', '.join(clash)} — "
                          "rename or move them: generated pages own these paths")
    return recorded, produced


def _done(root: Path, inputs: str | None, record: bool) -> tuple[Outputs, list] | None:
    """The last good build's outputs and warnings, if its inputs were ``inputs`` and its files are all there."""
    last = read_record(root / RECORD) if inputs is not None else None
    if last is None or last["inputs"] != inputs or (record and not last["recorded"]):
        return None
    written = manifest(root / GENERATED)
    if not written or not on_disk(root / GENERATED, written, written):
        return None
    outputs = Outputs()
    outputs.unchanged.update(written)
    outputs.facts.update(last["facts"])
    return outputs, last["warnings"]


def _recorded(root: Path, problems: Problems, files: dict[str, bytes] | None = None) -> list[tuple[int, str]]:
    """The addresses sources/published-urls.txt records (none before the first build)."""
    path = root / PUBLISHED
    if not os.path.lexists(path):
        return []
    data = read_bytes(path, root, problems, 4 * 1024 * 1024, files)
    return read_published(data.decode("utf-8", "replace")) if data is not None else []
