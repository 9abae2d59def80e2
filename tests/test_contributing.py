"""CONTRIBUTING.md cannot drift from the model: every field of every source type, every allowed
value, every generic cleaning rule, every editor's `make` target and every file an editor writes is
named, in a code span, in the Arabic half and in the English half alike.

Adding a field, a value or a rule without documenting it in both languages fails here.
"""

from __future__ import annotations

import dataclasses
import re
import typing

import pytest
from conftest import ROOT

from build_tools import cleaning, model, schema
from build_tools.load import REGISTRIES
from build_tools.redirects import SECTIONS

GUIDE = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
ENGLISH_HEADING = "# Editors' guide (English)"


def halves() -> dict[str, str]:
    arabic, sep, english = GUIDE.partition(ENGLISH_HEADING)
    assert sep, f"CONTRIBUTING.md has no `{ENGLISH_HEADING}` heading"
    return {"arabic": arabic, "english": english}


def source_types() -> list[type]:
    """Every dataclass an editor writes, reached from the files of sources/."""
    roots = [model.Dossier, model.Article, *REGISTRIES.values()]
    out: list[type] = []

    def visit(tp) -> None:
        if tp in out or tp is model.PartialDate:
            return
        out.append(tp)
        for hint in schema.type_hints(tp).values():
            for inner in _inner_types(hint):
                if dataclasses.is_dataclass(inner):
                    visit(inner)

    for root in roots:
        visit(root)
    return out


def _inner_types(tp) -> list:
    args = typing.get_args(tp)
    if typing.get_origin(tp) is typing.Literal or not args:
        return [tp]
    return [t for a in args for t in _inner_types(a)]


def terms() -> list[tuple[str, str]]:
    """(what, term) of everything the guide must name."""
    out = []
    for tp in source_types():
        for f in dataclasses.fields(tp):
            if f.name != "id":
                out.append((f"field of {tp.__name__}", f.name))
            for inner in _inner_types(schema.type_hints(tp)[f.name]):
                if typing.get_origin(inner) is typing.Literal:
                    out += [(f"value of {tp.__name__}.{f.name}", v) for v in typing.get_args(inner)]
    out += [("generic cleaning rule", name) for name in (*cleaning.GENERIC_LINES, cleaning.MOST_READ_LIST)]
    out += [("section of sources/redirects.yml", s) for s in SECTIONS]
    out += [("file", f) for f in ("sources/redirects.yml", "sources/published-urls.txt", "sources/outlets.yml",
                                  "sources/people.yml", "sources/events.yml", "sources/claims.yml",
                                  "sources/dossier.yml")]
    makefile = (ROOT / "Makefile").read_text("utf-8")
    for target in ("new-article", "check", "serve", "explain", "site", "help"):
        assert re.search(rf"^## {target}:", makefile, re.MULTILINE), f"`make {target}` is not documented in the Makefile"
        out.append(("make target", f"make {target}"))
    return sorted(set(out))


def code_spans(text: str) -> list[str]:
    return re.findall(r"`([^`\n]+)`", text)


def named(term: str, spans: list[str]) -> bool:
    word = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")
    return any(word.search(span) for span in spans)


def test_the_model_has_what_this_test_walks():
    kinds = {tp.__name__ for tp in source_types()}
    assert {"Article", "Provenance", "CleaningRules", "MachineSpan", "Outlet", "Person", "Role", "Event",
            "Change", "Claim", "ClaimSource", "Dossier"} <= kinds
    assert ("value of Provenance.kind", "official-statement-relayed") in terms()


@pytest.mark.parametrize("half", ["arabic", "english"])
def test_every_field_value_rule_and_target_is_documented(half):
    spans = code_spans(halves()[half])
    missing = [f"{what}: `{term}`" for what, term in terms() if not named(term, spans)]
    assert not missing, f"CONTRIBUTING.md ({half} half) does not name:\n" + "\n".join(missing)


def test_the_guide_gives_no_command_that_needs_an_activated_environment():
    """`python -m build_tools …` fails outside the virtual environment: editors run `make` targets."""
    for path in ("CONTRIBUTING.md", "README.md"):
        text = (ROOT / path).read_text("utf-8")
        assert not re.search(r"(?<![/\w])python3? -m build_tools (new-article|check|explain)", text), path
