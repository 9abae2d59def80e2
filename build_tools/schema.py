"""Turn composed YAML nodes into model dataclasses, and the model into JSON Schema.

Both directions read the dataclass type hints in ``model.py``, so a field is
declared once. Conversion works on PyYAML *nodes* (composed, never
constructed): no tag is ever executed, and every value keeps its line and
column for error messages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import re
import types
import typing

import yaml

from . import characters, model
from .ids import ID_PATTERN, MAX_ID_LENGTH
from .problems import Problems
from .urls import url_problem

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_CORE_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


# Web addresses we link to are http(s) only, so no `javascript:` or `data:` link can be stored
# (urls.py); JSON Schema can only say as much as this pattern.
URL = re.compile(r"^https?://[^\s\"'<>\\^`{|}]+$")
DEFAULT_MAX_LENGTH = 4000


@functools.cache
def type_hints(tp) -> dict[str, typing.Any]:
    """Resolved field types of a model class, computed once per class."""
    return typing.get_type_hints(tp)


def text_problem(text: str, meta: typing.Mapping) -> tuple[str, str] | None:
    """(what, what to do) if ``text`` breaks a constraint the model declares for it."""
    bad = characters.BAD.search(text)
    if bad:
        return characters.describe(bad.group())
    limit = meta.get("max_length", DEFAULT_MAX_LENGTH)
    if len(text) > limit:
        return f"is {len(text)} characters long, over the limit of {limit}", "shorten it"
    if meta.get("url") and (why := url_problem(text)):
        return (f"is not a web address we can link to: {text!r} {why}",
                "give the full http:// or https:// address as the browser shows it (Arabic paths and "
                "domains are fine), without spaces, quotes or brackets")
    if "pattern" in meta and not re.match(meta["pattern"], text):
        return f"`{text}` does not have the expected form ({meta['pattern']})", meta.get("example", "fix its form")
    return None


class Locations:
    """Where each converted value came from: (path, line, col), 1-based."""

    def __init__(self) -> None:
        self._by_obj: dict[int, tuple[object, dict[str, tuple[str, int, int]]]] = {}

    def record(self, obj: object, key: str, path: str, node: yaml.Node) -> None:
        entry = self._by_obj.setdefault(id(obj), (obj, {}))
        m = node.start_mark
        entry[1][key] = (path, m.line + 1, m.column + 1)

    def export(self, obj: object) -> list[dict[str, tuple[str, int, int]] | None]:
        """The locations of ``obj`` and of every object inside it, in a fixed order (for the cache)."""
        return [self._by_obj[id(o)][1] if id(o) in self._by_obj else None for o in _tree(obj)]

    def restore(self, obj: object, exported: list[dict[str, tuple[str, int, int]] | None]) -> None:
        """Record again, for a copy of an object, the locations ``export`` gave for the original."""
        for o, locs in zip(_tree(obj), exported, strict=True):
            if locs is not None:
                self._by_obj[id(o)] = (o, dict(locs))

    def of(self, obj: object, key: str = "", index: int | None = None) -> tuple[str, int, int]:
        locs = self._by_obj[id(obj)][1]
        if index is not None and f"{key}[{index}]" in locs:
            return locs[f"{key}[{index}]"]
        return locs.get(key) or locs[""]


def _tree(obj: object) -> list[object]:
    """``obj`` and the dataclass objects inside it, depth first, in field order."""
    out = [obj]
    for name in _nesting_fields(type(obj)):  # type: ignore[arg-type]
        value = getattr(obj, name)
        for item in value if isinstance(value, list) else [value]:
            if dataclasses.is_dataclass(item) and not isinstance(item, (type, model.PartialDate)):
                out += _tree(item)
    return out


@functools.cache
def _nesting_fields(tp: type) -> tuple[str, ...]:
    """The fields of ``tp`` whose type can hold a dataclass object (directly, optionally or in a list),
    in field order: the only ones ``_tree`` needs to look into."""
    def nests(t) -> bool:
        args = typing.get_args(t)
        if args:
            return any(nests(a) for a in args if a is not type(None) and not isinstance(a, str))
        return dataclasses.is_dataclass(t) and t is not model.PartialDate

    hints = type_hints(tp)
    return tuple(f.name for f in dataclasses.fields(tp) if nests(hints[f.name]))


def _where(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def parse_partial_date(text: str) -> model.PartialDate | None:
    m = _DATE_RE.match(text)
    if not m:
        return None
    y = int(m.group(1))
    mo, d = (int(g) if g else None for g in m.groups()[1:])
    try:
        dt.date(y, mo or 1, d or 1)
    except ValueError:
        return None
    return model.PartialDate(y, mo, d)


_TODO = re.compile(r"^TODO\b")
# Fields whose null needs another field to say why; how to ask for it, when not "saying why it is unknown".
_NEED_HINT = {"working_title": "a descriptive title of ours shown as such",
              "published_hijri": "the date as the source gives it, in the Hijri calendar"}


def sample(tp) -> str:
    """A value of type ``tp`` as an editor would write it on one YAML line, for hints."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return sample(next(a for a in typing.get_args(tp) if a is not type(None)))
    if origin is list:
        return f"[{sample(typing.get_args(tp)[0])}]"
    if origin is typing.Literal:
        return typing.get_args(tp)[0]
    if tp is model.PartialDate or tp is dt.date:
        return '"2024-12-08"'
    if tp is bool:
        return "true"
    if dataclasses.is_dataclass(tp):
        return "{" + ", ".join(f"{n}: {v}" for n, v in _example_fields(tp)) + "}"
    return "…"


def _required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _example_fields(tp) -> list[tuple[str, str]]:
    """(name, sample) of the fields an example of ``tp`` shows: the required ones, else the first two."""
    hints = type_hints(tp)
    fields = [f for f in dataclasses.fields(tp) if f.name != "id"]
    shown = [f for f in fields if _required(f)] or fields[:2]
    return [(f.name, sample(hints[f.name])) for f in shown]


def example(tp, *, item: bool = False) -> str:
    """``tp`` written out as YAML lines, one per field, each in backticks: `- date: "2024-12-08"` / `note: …`."""
    lines = [f"{n}: {v}" for n, v in _example_fields(tp)]
    lines[0] = ("- " if item else "") + lines[0]
    return " / ".join(f"`{x}`" for x in lines)


def expected_fields(tp) -> str:
    """'a mapping with `date` and `note`', from the model."""
    fields = [f for f in dataclasses.fields(tp) if f.name != "id"]
    required = [f"`{f.name}`" for f in fields if _required(f)]
    optional = [f"`{f.name}`" for f in fields if not _required(f)]
    if not required:
        return f"a mapping with any of {_and(optional, 'or')}"
    return f"a mapping with {_and(required)}" + (f" (and optionally {_and(optional, 'or')})" if optional else "")


def _and(names: list[str], word: str = "and") -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {word} {names[-1]}"


def todo_hint(tp, meta: typing.Mapping) -> str:
    """What to write instead of TODO: the field's documentation, and its allowed values."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    inner = [tp]
    hint = "replace TODO: " + meta.get("doc", "give it its value").rstrip(".")
    if typing.get_origin(inner[0]) is typing.Literal:
        hint += f"; one of: {', '.join(typing.get_args(inner[0]))}"
    elif dataclasses.is_dataclass(inner[0]) and inner[0] is not model.PartialDate:
        hint += f"; write it as {example(inner[0])}"
    return hint


class Converter:
    def __init__(self, path: str, problems: Problems, locations: Locations, refs: list | None = None):
        self.path, self.problems, self.locations = path, problems, locations
        # Every id reference read, as (registry, id, path, line, col): validation checks those of
        # entries that failed to load, so that a broken entry's references are reported in the same run.
        self.refs: list[tuple[str, str, str, int, int]] = refs if refs is not None else []

    def error(self, node: yaml.Node, message: str, hint: str = "") -> None:
        self.problems.error(self.path, *_where(node), message, hint)

    def check_tag(self, node: yaml.Node) -> bool:
        if node.tag not in _CORE_TAGS:
            self.error(node, f"YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed",
                       "remove the tag; write plain text, numbers, lists and mappings only")
            return False
        return True

    def mapping_items(self, node: yaml.Node, what: str, tp=None, *, item: bool = False,
                      entries=None) -> list[tuple[str, typing.Any, typing.Any]] | None:
        """Keys and values of a mapping, with duplicate keys reported.

        ``tp``: the model class it holds, whose fields the message names; ``entries``: the
        class of each entry, for a registry (a mapping of ids to entries).
        """
        if not isinstance(node, yaml.MappingNode) or not self.check_tag(node):
            if isinstance(node, yaml.MappingNode) or node.tag in _CORE_TAGS:
                if tp is not None:
                    self.error(node, f"{what} must be {expected_fields(tp)}",
                               f"write it as {example(tp, item=item)}, one field per line")
                elif entries is not None:
                    first = next(f"  {n}: {v}" for n, v in _example_fields(entries))
                    self.error(node, f"{what} must be a mapping of ids to entries",
                               f"write one entry per id: `an-id:` and its fields indented under it, like `{first}`")
                else:
                    self.error(node, f"{what} must be a mapping of `key: value` lines",
                               "indent the fields under it, one `name: value` per line")
            return None
        seen: dict[str, int] = {}
        items = []
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode) or not self.check_tag(k):
                self.error(k, "keys must be plain words", "write the key as a plain word before the colon")
                continue
            if k.value in seen:
                self.error(k, f"duplicate key `{k.value}` (first at line {seen[k.value]})",
                           "keep one of them and delete the other")
                continue
            seen[k.value] = k.start_mark.line + 1
            if self.check_tag(v):
                items.append((k.value, k, v))
        return items

    def convert(self, node: yaml.Node, tp: typing.Any, what: str, nodes: dict | None = None,
                key: str = "", meta: typing.Mapping = types.MappingProxyType({}), *,
                item: bool = False) -> typing.Any:
        """Convert ``node`` to ``tp``; on a problem, report it and return ``_BAD``.

        List items' nodes go into ``nodes`` as ``key[i]``, so errors about one
        item (an unknown id, say) can point at its own line.
        """
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str") and _TODO.match(node.value):
            self.error(node, f"{what} is still TODO", todo_hint(tp, meta))
            return _BAD
        shape, inner = _shape(tp)
        if shape == "optional":
            if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
                return None
            return self.convert(node, inner, what, nodes, key, meta, item=item)
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            self.error(node, f"{what} may not be empty or null",
                       f"give it a value, like `{key}: {sample(tp)}`" if key else f"give it a value, like {sample(tp)}")
            return _BAD
        if shape == "list":
            return self.convert_list(node, inner, what, nodes, key, meta)
        if shape == "dataclass":
            return self.convert_dataclass(node, tp, what, item=item)
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{what} must be a single value, not a list or mapping",
                       f"write it on one line after the colon, like `{key}: {sample(tp)}`" if key
                       else "write it on one line after the colon")
            return _BAD
        value = self.convert_scalar(node, tp, what, meta)
        if value is not _BAD and "ref" in meta:
            self.refs.append((meta["ref"], value, self.path, *_where(node)))
        return value

    def convert_scalar(self, node: yaml.ScalarNode, tp, what: str, meta: typing.Mapping = types.MappingProxyType({})):
        text, tag = node.value, node.tag.rsplit(":", 1)[-1]
        if tp is bool:
            if tag != "bool":
                self.error(node, f"{what} must be true or false, not `{text}`", "write true or false")
                return _BAD
            return text.lower() in ("true", "yes", "on")
        if tp is model.PartialDate or tp is dt.date:
            value = parse_partial_date(text) if tag in ("str", "int", "timestamp") else None
            if value is None or (tp is dt.date and value.precision != "day"):
                form = "YYYY-MM-DD" if tp is dt.date else "YYYY-MM-DD, YYYY-MM or YYYY"
                self.error(node, f"{what} `{text}` is not a real date", f"write it as {form}")
                return _BAD
            return value.first_day() if tp is dt.date else value
        if typing.get_origin(tp) is typing.Literal:
            allowed = typing.get_args(tp)
            if text not in allowed:
                self.error(node, f"{what} `{text}` is not one of: {', '.join(allowed)}",
                           _did_you_mean(text, allowed) or "use one of the listed values")
                return _BAD
            return text
        if tp is str:
            if tag == "bool":
                self.error(node, f"{what} must be text, not `{text}`", 'put it in quotes: "…"')
                return _BAD
            problem = text_problem(text, meta)
            if problem:
                self.error(node, f"{what} {problem[0]}", problem[1])
                return _BAD
            return text
        raise TypeError(f"unsupported field type {tp!r}")  # a model bug, not a content error

    def convert_list(self, node: yaml.Node, item_tp, what: str, nodes: dict | None, key: str,
                     meta: typing.Mapping = types.MappingProxyType({})):
        if not isinstance(node, yaml.SequenceNode):
            if dataclasses.is_dataclass(item_tp):
                hint = f"write one item per entry under it, each like {example(item_tp, item=True)}"
            else:
                hint = f"write one `- {sample(item_tp)}` line per item under it, or `{key or 'name'}: [a, b]`"
            self.error(node, f"{what} must be a list", hint)
            return _BAD
        out, ok = [], True
        for i, item in enumerate(node.value):
            if not self.check_tag(item):
                return _BAD
            value = self.convert(item, item_tp, f"{what} item {i + 1}", meta=meta, item=True)
            if value is _BAD:
                ok = False  # the other items are still read, so that all their problems are reported
                continue
            if nodes is not None:
                nodes[f"{key}[{i}]"] = item
            out.append(value)
        return out if ok else _BAD

    def convert_dataclass(self, node: yaml.Node, tp, what: str, fixed: dict | None = None, *, item: bool = False):
        items = self.mapping_items(node, what, tp, item=item)
        if items is None:
            return _BAD
        fields = {f.name: f for f in dataclasses.fields(tp) if f.name not in (fixed or {})}
        hints = type_hints(tp)
        values, ok, present = dict(fixed or {}), True, set()
        nodes: dict[str, yaml.Node] = {"": node}
        for name, knode, vnode in items:
            if name not in fields:
                self.error(knode, f"unknown field `{name}` in {what}",
                           _did_you_mean(name, fields) or f"allowed fields: {', '.join(fields)}")
                ok = False
                continue
            present.add(name)
            value = self.convert(vnode, hints[name], f"`{name}`", nodes, name, fields[name].metadata)
            if value is _BAD:
                ok = False
                continue
            values[name] = value
            nodes[name] = vnode
        for name, f in fields.items():
            if _required(f) and name not in present:
                needs = f.metadata.get("null_needs")
                self.error(node, f"missing required field `{name}` in {what}",
                           f"add `{name}: {sample(hints[name])}`"
                           + (f" (or `{name}: null` and `{needs[0]}:` saying why)" if needs else ""))
                ok = False
        if not ok:
            # The object will not exist for validation: what it would check on this one, check now,
            # so that every problem of the entry is reported in this run, not after the others are fixed.
            self._null_needs(fields, values, present, nodes)
            return _BAD
        obj = tp(**values)
        for key, n in nodes.items():
            self.locations.record(obj, key, self.path, n)
        return obj


    def _null_needs(self, fields: dict, values: dict, present: set[str], nodes: dict) -> None:
        """A field written as null whose ``null_needs`` fields are all missing (the validation of a loaded entry)."""
        for name, f in fields.items():
            needs = f.metadata.get("null_needs")
            if not needs or name not in values or values[name] is not None:
                continue
            if any(values.get(n) or (n in present and n not in values) for n in needs):
                continue  # given, or given wrongly (reported already)
            self.error(nodes[name], f"`{name}` is null without `{needs[0]}`", need_hint(needs[0]))


def need_hint(need: str) -> str:
    """What to add when a field is null without the field that says why."""
    if need in _NEED_HINT:
        return f"add `{need}:`, {_NEED_HINT[need]}"
    return f"add `{need}:` saying why it is unknown"


_BAD = object()


@functools.cache
def _shape(tp) -> tuple[str, typing.Any]:
    """How ``convert`` reads a field type: ("optional", the type), ("list", the item type),
    ("dataclass", None) or ("scalar", None); worked out once per type, not once per value."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return "optional", [a for a in typing.get_args(tp) if a is not type(None)][0]
    if origin is list:
        return "list", typing.get_args(tp)[0]
    if dataclasses.is_dataclass(tp) and tp is not model.PartialDate:
        return "dataclass", None
    return "scalar", None


def _did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""


# --- JSON Schema ------------------------------------------------------------

def json_schema_for(tp, with_id: bool = False) -> dict:
    hints = type_hints(tp)
    props, required = {}, []
    for f in dataclasses.fields(tp):
        if f.name == "id" and not with_id:
            continue
        s = _type_schema(hints[f.name])
        meta = dict(f.metadata)
        if "doc" in meta:
            s["description"] = meta.pop("doc")
        _constrain(s, meta)
        props[f.name] = s
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    out = {"type": "object", "additionalProperties": False, "properties": props}
    if required:
        out["required"] = required
    return out


def _constrain(s: dict, meta: dict) -> None:
    """Copy the model's text constraints onto a string (or list of strings) schema."""
    target = s["items"] if s.get("type") == "array" else s
    if target.get("type") not in ("string", ["string", "null"]):
        return
    target["maxLength"] = meta.get("max_length", DEFAULT_MAX_LENGTH)
    if "ref" in meta:
        target["pattern"], target["maxLength"] = ID_PATTERN, MAX_ID_LENGTH
    elif meta.get("url"):
        target["pattern"] = URL.pattern
    elif "pattern" in meta:
        target["pattern"] = meta["pattern"]


def _type_schema(tp) -> dict:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = _type_schema([a for a in typing.get_args(tp) if a is not type(None)][0])
        return {"anyOf": [inner, {"type": "null"}]} if "type" not in inner or isinstance(inner["type"], list) \
            else {**inner, "type": [inner["type"], "null"]}
    if origin is list:
        return {"type": "array", "items": _type_schema(typing.get_args(tp)[0])}
    if origin is typing.Literal:
        return {"enum": list(typing.get_args(tp))}
    if tp is model.PartialDate:
        return {"anyOf": [{"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                          {"type": "integer", "minimum": 1000, "maximum": 9999}]}
    if tp is dt.date:
        return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if dataclasses.is_dataclass(tp):
        return json_schema_for(tp)
    return {"type": {str: "string", bool: "boolean", int: "integer"}[tp]}


SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"


def all_schemas() -> dict[str, dict]:
    """{file name: JSON Schema} for every kind of YAML file in sources/."""
    def registry(tp, title):
        return {"$schema": SCHEMA_URL, "title": title, "type": "object",
                "propertyNames": {"pattern": ID_PATTERN, "maxLength": MAX_ID_LENGTH},
                "additionalProperties": json_schema_for(tp)}

    def single(tp, title):
        return {"$schema": SCHEMA_URL, "title": title, **json_schema_for(tp)}

    return {
        "article.schema.json": single(model.Article, "Article metadata (sources/articles/<id>.yml)"),
        "dossier.schema.json": single(model.Dossier, "Dossier settings (sources/dossier.yml)"),
        "outlet.schema.json": registry(model.Outlet, "Outlets (sources/outlets.yml)"),
        "person.schema.json": registry(model.Person, "People (sources/people.yml)"),
        "event.schema.json": registry(model.Event, "Events (sources/events.yml)"),
        "claim.schema.json": registry(model.Claim, "Claims (sources/claims.yml)"),
        "redirects.schema.json": redirects_schema(),
    }


def redirects_schema() -> dict:
    """sources/redirects.yml: per kind of page, former ids and the id each now is."""
    from .redirects import SECTIONS

    ids = {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_LENGTH}
    section = {"type": ["object", "null"], "propertyNames": {"pattern": ID_PATTERN, "maxLength": MAX_ID_LENGTH},
               "additionalProperties": ids}
    return {"$schema": SCHEMA_URL, "title": "Former ids and the id each now is (sources/redirects.yml)",
            "type": ["object", "null"], "additionalProperties": False,
            "properties": {name: {**section, "description": f"Former {noun} ids: `old-id: new-id`"}
                           for name, noun in SECTIONS.items()}}


def render_schema(schema: dict) -> str:
    import json

    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
