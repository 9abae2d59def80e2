"""Start the metadata file for a new raw article: sha256 filled in, people suggested."""

from __future__ import annotations

import datetime as dt
import hashlib
import typing
from pathlib import Path

from .cleaning import clean
from .ids import id_problem
from .load import load_sources
from .mentions import build_name_table, find_mentions
from .model import CleaningRules, Person, Provenance
from .problems import Problems


class NewArticleError(Exception):
    pass


def new_article(root: Path, txt: Path) -> Path:
    txt = (root / txt).resolve() if not txt.is_absolute() else txt
    yml = txt.with_suffix(".yml")
    if txt.suffix != ".txt" or txt.parent != (root / "sources" / "articles").resolve():
        raise NewArticleError(f"{txt}: raw articles live in sources/articles/ and end in .txt")
    why = id_problem(txt.stem)
    if why:
        raise NewArticleError(f"{txt.name}: the file name is the article id, and `{txt.stem}` {why}; rename the file")
    if not txt.is_file():
        raise NewArticleError(f"{txt}: no such file")
    if yml.exists():
        raise NewArticleError(f"{yml.relative_to(root)} already exists: edit it instead")
    data = txt.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise NewArticleError(f"{txt.relative_to(root)}: not UTF-8 text; save it as UTF-8 first") from None

    problems = Problems()
    loaded = load_sources(root, problems)
    people = typing.cast(dict[str, Person], loaded.registries["people"])
    blocks, _ = clean(text, CleaningRules())
    mentioned = sorted({m.person for m in find_mentions(txt.stem, blocks, build_name_table(people))})
    yml.write_text(stub(
        sha256=hashlib.sha256(data).hexdigest(),
        people=[(p, people[p].name) for p in mentioned],
        outlets=sorted(loaded.registries["outlets"]),
        first_lines=[b.text for b in blocks[:3]],
        today=dt.date.today(),
        txt=f"sources/articles/{txt.name}",
    ), "utf-8")
    return yml


def stub(*, sha256: str, people: list[tuple[str, str]], outlets: list[str], first_lines: list[str],
         today: dt.date, txt: str) -> str:
    """The metadata file an editor starts from: every value to give is a visible TODO, which `check`
    reports all at once; the allowed values come from the model, so the comments cannot go stale."""
    kinds = typing.get_args(typing.get_type_hints(Provenance)["kind"])
    return _TEMPLATE.format(
        sha256=sha256,
        people="\n".join(f"  - {pid}  # {name}" for pid, name in people) or "  []",
        first_lines="\n".join(f"#   {line[:80]}" for line in first_lines),
        outlets=", ".join(outlets) or "none yet",
        kinds=" | ".join(kinds),
        today=today.isoformat(),
        txt=txt,
    )


_TEMPLATE = """# yaml-language-server: $schema=../../schemas/article.schema.json
# New article: replace every TODO, then run `make check`: it lists everything still to do, all at
# once. CONTRIBUTING.md explains each field. Unknown? Write null and say why in the matching *_note
# line (uncomment it): we never invent a URL, a date or an author.
# The text starts with:
{first_lines}
title: TODO  # the headline exactly as the source gives it; null if the text has none, and then:
# working_title: our descriptive title, shown as ours
# kicker: the line above the headline, if there is one
outlet: TODO  # an id from sources/outlets.yml ({outlets}); null if unknown, and then:
# outlet_note: why the outlet is unknown
url: TODO  # the original address, as the browser shows it; null if the source does not give it, and then:
# url_note: why the address is unknown
published: TODO  # YYYY-MM-DD, YYYY-MM or YYYY; null if unknown, and then:
# published_note: how the date is known, or why it is not
# published_hijri: the date as the source gives it in the Hijri calendar, if it does (then published: null)
added: "{today}"  # the day the article joins the dossier
author: null  # the byline, if the source names the author
language: ar
summary: TODO  # two or three sentences of ours, in Arabic
sha256: {sha256}
provenance:
  kind: TODO  # one of: {kinds}
  origins: [TODO]  # ids of the people or outlets its information comes from; [] if none can be named
# People already in sources/people.yml whose names the text mentions (remove a namesake):
people:
{people}
events: []  # ids from sources/events.yml that the article covers
cleaning:  # `make explain TXT={txt}` shows every line, kept or removed, and why
  drop_lines: []  # exact lines of boilerplate that no generic rule removes
  headings: []  # exact lines that are subheadings
"""
