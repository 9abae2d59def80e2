"""Read everything under ``sources/`` into model objects, keeping locations.

Files are decoded strictly as UTF-8, screened for invisible characters,
normalised to NFC and composed with PyYAML's C loader. Nothing here stops at
the first problem: every file is read and every problem collected.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import model
from .problems import Problems
from .schema import Converter, Locations

try:  # the C loader is ~9x faster; fall back only where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader

# Bidi embeddings, overrides and isolates can reorder what a reader sees
# ("Trojan source"): always an error. Zero-width marks are usually scraping
# debris: in raw articles they are warned about and removed by cleaning.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = set("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff")

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


def rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def read_text(path: Path, root: Path, problems: Problems, *, raw: bool) -> str | None:
    name = rel(path, root)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.error(name, 0, 0, "file is missing")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        problems.error(name, line, 1, "file is not UTF-8 text (Windows-1256 or another encoding?)",
                       "save it again as UTF-8")
        return None
    if not text.strip():
        problems.error(name, 1, 1, "file is empty", "add its content, or delete the file")
        return None
    for lineno, line in enumerate(text.splitlines(), 1):
        for col, ch in enumerate(line, 1):
            if ch in BIDI_CONTROLS:
                problems.error(name, lineno, col, f"invisible bidirectional control character U+{ord(ch):04X}",
                               "delete it: it can reorder the text readers see")
            elif ch in ZERO_WIDTH and not (raw or (lineno == 1 and col == 1 and ch == "\ufeff")):
                problems.error(name, lineno, col, f"invisible zero-width character U+{ord(ch):04X}",
                               "delete it")
            elif ch in ZERO_WIDTH:
                problems.warn(name, lineno, col, f"invisible zero-width character U+{ord(ch):04X}",
                              "cleaning removes it from the page; the raw file is kept as is")
            elif ch == "\t" and not raw:
                problems.error(name, lineno, col, "tab character", "YAML needs spaces: replace the tab by spaces")
    return text


def compose(text: str, name: str, problems: Problems) -> yaml.Node | None:
    try:
        return yaml.compose(unicodedata.normalize("NFC", text), Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problems.error(name, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0,
                       f"YAML syntax error: {e.problem or e.context}",
                       "check indentation, colons and quotes on this line and the one above")
    except yaml.YAMLError as e:
        problems.error(name, 0, 0, f"YAML error: {e}", "check the file's syntax")
    return None


def load_sources(root: Path, problems: Problems) -> Loaded:
    src = root / "sources"
    locations = Locations()
    id_nodes: dict[tuple[str, str], tuple[str, int, int]] = {}

    def load_yaml(path: Path):
        text = read_text(path, root, problems, raw=False)
        if text is None or any(p.path == rel(path, root) and not p.warning for p in problems.items):
            return None, None
        errors_before = len(problems.errors)
        node = compose(text, rel(path, root), problems)
        if node is None and len(problems.errors) == errors_before:
            problems.error(rel(path, root), 1, 1, "file has no content", "add its entries, or delete the file")
        return node, Converter(rel(path, root), problems, locations)

    dossier = None
    node, conv = load_yaml(src / "dossier.yml")
    if node is not None:
        d = conv.convert_dataclass(node, model.Dossier, "the dossier")
        dossier = d if isinstance(d, model.Dossier) else None

    registries: dict[str, dict[str, object]] = {}
    for reg, tp in REGISTRIES.items():
        registries[reg] = {}
        node, conv = load_yaml(src / f"{reg}.yml")
        if node is None:
            continue
        for key, knode, vnode in conv.mapping_items(node, f"{reg}.yml") or []:
            id_nodes[(reg, key)] = (conv.path, knode.start_mark.line + 1, knode.start_mark.column + 1)
            obj = conv.convert_dataclass(vnode, tp, f"{reg} entry `{key}`", fixed={"id": key})
            if isinstance(obj, tp):
                registries[reg][key] = obj

    articles: dict[str, model.Article] = {}
    raw: dict[str, str] = {}
    adir = src / "articles"
    ymls = sorted(adir.glob("*.yml"))
    for txt in sorted(adir.glob("*.txt")):
        if not txt.with_suffix(".yml").exists():
            problems.error(rel(txt, root), 0, 0, "raw article has no metadata file",
                           f"create {rel(txt.with_suffix('.yml'), root)} "
                           f"(python -m build_tools new-article {rel(txt, root)})")
    for yml in ymls:
        aid = yml.stem
        id_nodes[("articles", aid)] = (rel(yml, root), 1, 1)
        node, conv = load_yaml(yml)
        text = read_text(yml.with_suffix(".txt"), root, problems, raw=True)
        if node is None:
            continue
        obj = conv.convert_dataclass(node, model.Article, f"article `{aid}`", fixed={"id": aid})
        if not isinstance(obj, model.Article):
            continue
        articles[aid] = obj
        if text is not None:
            raw[aid] = text
            digest = hashlib.sha256(yml.with_suffix(".txt").read_bytes()).hexdigest()
            if digest != obj.sha256:
                problems.error(rel(yml.with_suffix(".txt"), root), 0, 0,
                               f"raw file changed: its sha256 is {digest}, {rel(yml, root)} records {obj.sha256}",
                               "raw articles are never edited: restore the original file, or, for a new "
                               "version of the article, update `sha256` after checking the text")
    return Loaded(dossier, registries, articles, raw, locations, id_nodes)
