"""Read everything under ``sources/`` into model objects, keeping locations.

Files are decoded strictly as UTF-8, screened for invisible characters,
normalised to NFC and composed with PyYAML's C loader. Nothing here stops at
the first problem: every file is read and every problem collected.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import characters, model
from .cache import ArticleCache
from .problems import Problems
from .redirects import REDIRECTS, SECTIONS, Redirect
from .schema import Converter, Locations

try:  # the C loader is ~9x faster; fall back only where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# Raw articles of 10 MB build fine; far beyond that a file is not an article
# (a dump, a device, a mistake) and would only slow every build down.
MAX_RAW_BYTES = 16 * 1024 * 1024
MAX_YAML_BYTES = 4 * 1024 * 1024

# Bidi embeddings, overrides and isolates can reorder what a reader sees
# ("Trojan source"): always an error. Zero-width marks are usually scraping
# debris: in raw articles they are warned about and removed by cleaning.
# Control characters, surrogates and noncharacters break XML feeds and
# terminals: always an error. One compiled scan finds all of them.
ZERO_WIDTH = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
_SUSPECT = re.compile(f"[{ZERO_WIDTH}\t]|" + characters.BAD.pattern)
# The same scan without the characters beyond U+FFFF (the noncharacters of planes 1-16): a class of
# BMP characters only is scanned over ten times faster, and a text without a four-byte UTF-8
# sequence cannot contain the others.
_SUSPECT_BMP = re.compile(f"[{ZERO_WIDTH}\t" + characters.BAD_BMP + "]")
_ASTRAL = re.compile(rb"[\xf0-\xf4]")

REGISTRIES = {"outlets": model.Outlet, "people": model.Person,
              "events": model.Event, "claims": model.Claim}


@dataclass
class Loaded:
    dossier: model.Dossier | None
    registries: dict[str, dict[str, object]]
    articles: dict[str, model.Article]
    raw: dict[str, str]  # article id -> raw text
    locations: Locations
    id_nodes: dict[tuple[str, str], tuple[str, int, int]]  # (registry, id) -> location
    failed: set[str] = field(default_factory=set)  # registries whose file could not be read at all
    cache: ArticleCache = field(default_factory=lambda: ArticleCache(None))
    # Id references (registry, id, path, line, col) inside entries that failed to load: validation checks
    # them too, so that a broken entry's unknown ids are reported with its other problems, in one run.
    orphan_refs: list[tuple[str, str, str, int, int]] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)  # sources/redirects.yml
    # Articles whose metadata failed to load: their cleaning rules (as far as readable) and raw text, so
    # that the lines that look like boilerplate are warned about in the same run as the metadata errors.
    unloaded: dict[str, tuple[model.CleaningRules, str]] = field(default_factory=dict)


def rel(path: Path, root: Path) -> str:
    text, base = str(path), str(root)
    if os.sep == "/" and text.startswith(base + "/"):  # the common case, without pathlib's parsing
        return text[len(base) + 1:]
    return path.relative_to(root).as_posix()


def regular_file(path: Path, root: Path, problems: Problems) -> os.stat_result | None:
    """lstat of ``path`` if it is a regular file inside sources/; otherwise report why not.

    Symlinks, directories, devices and FIFOs are refused before anything is
    opened: a symlink could publish a file from outside the repository, and a
    device could be read without end.
    """
    name = rel(path, root)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        problems.error(name, 1, 1, "file is missing", "create it, or restore it from git", root=True)
        return None
    if stat.S_ISLNK(st.st_mode):
        problems.error(name, 1, 1, "is a symbolic link",
                       "put the file itself here: only regular files inside sources/ are read", root=True)
        return None
    if not stat.S_ISREG(st.st_mode):
        kind = "a directory" if stat.S_ISDIR(st.st_mode) else "not a regular file"
        problems.error(name, 1, 1, f"is {kind}", "sources/ holds plain text files only: move or delete it",
                       root=True)
        return None
    if not _inside_sources(path.parent, root):
        problems.error(name, 1, 1, "is outside sources/ (a folder on its path is a symbolic link)",
                       "replace the linked folder by a real one inside the repository", root=True)
        return None
    return st


@functools.lru_cache(maxsize=64)
def _inside_sources(folder: Path, root: Path) -> bool:
    """Whether ``folder``, with every symbolic link on its path followed, is inside root/sources/.

    Every article is in the same folder: it is resolved once per build (load_sources clears this).
    """
    return folder.resolve().is_relative_to(root.resolve() / "sources")


def read_bytes(path: Path, root: Path, problems: Problems, limit: int,
               files: Mapping[str, bytes] | None = None) -> bytes | None:
    """The bytes of a regular file inside sources/ of at most ``limit`` bytes, or None, reported.

    ``files`` holds files already read in this build (inputs.read_sources): each is read once."""
    name = rel(path, root)
    st = regular_file(path, root, problems)
    if st is None:
        return None
    too_big = "split the file, or check that it is really what belongs here"
    if st.st_size > limit:
        problems.error(name, 1, 1, f"file is {st.st_size:,} bytes, over the limit of {limit:,}", too_big, root=True)
        return None
    if files is not None and name in files and len(files[name]) == st.st_size:
        return files[name]
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):  # swapped since lstat
            problems.error(name, 1, 1, "is not a regular file", "sources/ holds plain text files only: move or delete it",
                           root=True)
            return None
        data = f.read(limit + 1)
    if len(data) > limit:
        problems.error(name, 1, 1, f"file is over the limit of {limit:,} bytes", too_big, root=True)
        return None
    return data


def _line_col(text: str, pos: int) -> tuple[int, int]:
    return text.count("\n", 0, pos) + 1, pos - text.rfind("\n", 0, pos)


def decode(data: bytes, name: str, problems: Problems, *, raw: bool) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        problems.error(name, line, 1, "file is not UTF-8 text (Windows-1256 or another encoding?)",
                       "save it again as UTF-8", root=True)
        return None
    if not text.strip():
        problems.error(name, 1, 1, "file is empty", "add its content, or delete the file", root=True)
        return None
    for m in (_SUSPECT if _ASTRAL.search(data) else _SUSPECT_BMP).finditer(text):
        ch, (lineno, col) = m.group(), _line_col(text, m.start())
        if ch == "\t":
            if not raw:
                problems.error(name, lineno, col, "tab character", "YAML needs spaces: replace the tab by spaces",
                               root=True)
        elif ch in ZERO_WIDTH:
            if raw:
                problems.warn(name, lineno, col, f"invisible zero-width character U+{ord(ch):04X}",
                              "cleaning removes it from the page; the raw file is kept as is")
            elif not (m.start() == 0 and ch == "\ufeff"):
                problems.error(name, lineno, col, f"invisible zero-width character U+{ord(ch):04X}", "delete it",
                               root=True)
        else:
            what, hint = characters.describe(ch)
            problems.error(name, lineno, col, what, hint, root=True)
    return text


def read_text(path: Path, root: Path, problems: Problems, *, raw: bool) -> str | None:
    data = read_bytes(path, root, problems, MAX_RAW_BYTES if raw else MAX_YAML_BYTES)
    return None if data is None else decode(data, rel(path, root), problems, raw=raw)


def compose(text: str, name: str, problems: Problems) -> yaml.Node | None:
    try:
        return yaml.compose(unicodedata.normalize("NFC", text), Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problems.error(name, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1,
                       f"YAML syntax error: {e.problem or e.context}",
                       "check indentation, colons and quotes on this line and the one above", root=True)
    except yaml.YAMLError as e:  # a reader error: a character YAML refuses
        problems.error(name, 1, 1, f"YAML cannot read this file: {getattr(e, 'reason', e)}",
                       "save it as plain UTF-8 text without control characters", root=True)
    return None


def load_sources(root: Path, problems: Problems, cache: ArticleCache | None = None,
                 files: Mapping[str, bytes] | None = None) -> Loaded:
    _inside_sources.cache_clear()  # a folder may have been replaced by a link since the last build
    src = root / "sources"
    locations = Locations()
    cache = cache or ArticleCache(None)
    id_nodes: dict[tuple[str, str], tuple[str, int, int]] = {}
    refs: list[tuple[str, str, str, int, int]] = []  # every reference read; those of failed entries are kept
    orphan_refs: list[tuple[str, str, str, int, int]] = []

    def converted(convert, tp):
        """``convert()``'s result if it is a ``tp``; otherwise None, keeping its references for validation."""
        start = len(refs)
        obj = convert()
        if not isinstance(obj, tp):
            orphan_refs.extend(refs[start:])
            obj = None
        del refs[start:]
        return obj

    def compose_bytes(name: str, data: bytes | None):
        errors_before = len(problems.errors)
        text = decode(data, name, problems, raw=False) if data is not None else None
        if text is None or len(problems.errors) > errors_before:
            return None, None
        node = compose(text, name, problems)
        if node is None and len(problems.errors) == errors_before:
            problems.error(name, 1, 1, "file has no content", "add its entries, or delete the file", root=True)
        return node, Converter(name, problems, locations, refs)

    def load_yaml(path: Path):
        return compose_bytes(rel(path, root), read_bytes(path, root, problems, MAX_YAML_BYTES, files))

    failed: set[str] = set()
    dossier = None
    node, conv = load_yaml(src / "dossier.yml")
    if node is not None:
        dossier = converted(functools.partial(conv.convert_dataclass, node, model.Dossier, "the dossier"), model.Dossier)

    registries: dict[str, dict[str, object]] = {}
    for reg, tp in REGISTRIES.items():
        registries[reg] = {}
        node, conv = load_yaml(src / f"{reg}.yml")
        items = conv.mapping_items(node, f"{reg}.yml", entries=tp) if node is not None else None
        if items is None:
            failed.add(reg)
            continue
        for key, knode, vnode in items:
            id_nodes[(reg, key)] = (conv.path, knode.start_mark.line + 1, knode.start_mark.column + 1)
            what = f"{reg} entry `{key}`"
            obj = converted(functools.partial(conv.convert_dataclass, vnode, tp, what, fixed={"id": key}), tp)
            if obj is not None:
                registries[reg][key] = obj

    articles: dict[str, model.Article] = {}
    raw: dict[str, str] = {}
    partial: dict[str, model.CleaningRules] = {}
    unloaded: dict[str, tuple[model.CleaningRules, str]] = {}
    adir = src / "articles"
    ymls = sorted(adir.glob("*.yml"))
    for txt in sorted(adir.glob("*.txt")):
        if not txt.with_suffix(".yml").exists() and regular_file(txt, root, problems):
            problems.error(rel(txt, root), 1, 1, "raw article has no metadata file",
                           f"create {rel(txt.with_suffix('.yml'), root)} "
                           f"(make new-article TXT={rel(txt, root)})")
    for yml in ymls:
        aid = yml.stem
        id_nodes[("articles", aid)] = (rel(yml, root), 1, 1)
        obj = _load_article(aid, yml, root, problems, cache, locations, compose_bytes, orphan_refs, partial, files)
        txt = yml.with_suffix(".txt")
        data = read_bytes(txt, root, problems, MAX_RAW_BYTES, files)
        if data is None:
            continue
        digest = hashlib.sha256(data).hexdigest()
        entry = cache.entries.get(aid)
        if entry is not None and entry.get("raw") != digest:
            for stale in ("raw_clean", "blocks", "use", "mentions", "names"):
                entry.pop(stale, None)
        if entry is not None and entry.get("raw") == digest and entry.get("raw_clean"):
            text: str | None = data.decode("utf-8")  # screened last time, byte for byte the same
        else:
            before = len(problems.items)
            text = decode(data, rel(txt, root), problems, raw=True)
            if entry is not None and text is not None and len(problems.items) == before:
                cache.put(aid, raw=digest, raw_clean=True)
        if obj is None:
            if text is not None:
                unloaded[aid] = (partial.get(aid) or model.CleaningRules(), text)
            continue
        articles[aid] = obj
        if text is not None:
            raw[aid] = text
            if digest != obj.sha256:
                problems.error(rel(txt, root), 1, 1,
                               f"raw file changed: its sha256 is {digest}, {rel(yml, root)} records {obj.sha256}",
                               "raw articles are never edited: restore the original file, or, for a new "
                               "version of the article, update `sha256` after checking the text", root=True)
    redirects = _load_redirects(root, problems, load_yaml) if os.path.lexists(src / "redirects.yml") else []
    return Loaded(dossier, registries, articles, raw, locations, id_nodes, failed, cache, orphan_refs, redirects,
                  unloaded)


def _load_redirects(root: Path, problems: Problems, load_yaml) -> list[Redirect]:
    """sources/redirects.yml: per section, `old-id: new-id` lines (an optional file)."""
    node, conv = load_yaml(root / REDIRECTS)
    if node is None:
        return []
    sections = conv.mapping_items(node, "redirects.yml") or []
    out = []
    for section, knode, vnode in sections:
        if section not in SECTIONS:
            conv.error(knode, f"unknown section `{section}` in redirects.yml",
                       f"the sections are {', '.join(f'`{s}:`' for s in SECTIONS)}, each with `old-id: new-id` lines")
            continue
        if isinstance(vnode, yaml.ScalarNode) and vnode.tag.endswith(":null"):
            continue  # `events:` with nothing under it yet
        for old, oknode, nnode in conv.mapping_items(vnode, f"`{section}` in redirects.yml") or []:
            if not isinstance(nnode, yaml.ScalarNode) or nnode.tag.endswith(":null") or not nnode.value:
                conv.error(nnode, f"redirect from `{old}` has no new id",
                           f"write `{old}: <the id it has now>` under `{section}:`")
                continue
            where = (conv.path, oknode.start_mark.line + 1, oknode.start_mark.column + 1)
            new_where = (conv.path, nnode.start_mark.line + 1, nnode.start_mark.column + 1)
            out.append(Redirect(section, old, nnode.value, where, new_where))
    return out


def _load_article(aid: str, yml: Path, root: Path, problems: Problems, cache: ArticleCache,
                  locations: Locations, compose_bytes, orphan_refs: list,
                  partial: dict[str, model.CleaningRules],
                  files: Mapping[str, bytes] | None = None) -> model.Article | None:
    """An article's metadata, from the cache when its file has not changed."""
    data = read_bytes(yml, root, problems, MAX_YAML_BYTES, files)
    if data is None:
        return None
    digest = hashlib.sha256(data).hexdigest()
    entry = cache.get(aid, yml=digest)
    if entry is not None:
        obj = entry["article"]
        locations.restore(obj, entry["locs"])
        return obj
    cache.forget(aid)
    before = len(problems.items)
    node, conv = compose_bytes(rel(yml, root), data)
    if node is None:
        return None
    start = len(conv.refs)
    obj = conv.convert_dataclass(node, model.Article, f"article `{aid}`", fixed={"id": aid})
    if not isinstance(obj, model.Article):
        orphan_refs.extend(conv.refs[start:])
        del conv.refs[start:]
        # Its cleaning rules, if they can be read on their own (their problems are reported already).
        cleaning = next((v for k, v in node.value if getattr(k, "value", None) == "cleaning"), None) \
            if isinstance(node, yaml.MappingNode) else None
        if cleaning is not None:
            rules = Converter(conv.path, Problems(), Locations()).convert_dataclass(cleaning, model.CleaningRules, "")
            if isinstance(rules, model.CleaningRules):
                partial[aid] = rules
        return None
    del conv.refs[start:]
    if len(problems.items) == before:
        cache.put(aid, yml=digest, article=obj, locs=locations.export(obj))
    return obj
