"""Start the metadata file for a new raw article: sha256 filled in, people suggested."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .cleaning import clean
from .ids import id_problem
from .load import load_sources
from .mentions import build_name_table, find_mentions
from .model import CleaningRules
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
    people = load_sources(root, problems).registries["people"]
    blocks, _ = clean(text, CleaningRules())
    mentioned = sorted({m.person for m in find_mentions(txt.stem, blocks, build_name_table(people))})
    yml.write_text(_TEMPLATE.format(
        sha256=hashlib.sha256(data).hexdigest(),
        people="\n".join(f"  - {p}  # {people[p].name}" for p in mentioned) or "  []",
        first_lines="\n".join(f"#   {b.text[:80]}" for b in blocks[:3]),
    ), "utf-8")
    return yml


_TEMPLATE = """# yaml-language-server: $schema=../../schemas/article.schema.json
# Fill in every field. Unknown? Write null and say why in the matching *_note.
# The text starts with:
{first_lines}
title: null  # the headline exactly as the source gives it
working_title: null  # our descriptive title, only if title is null
# kicker: null
outlet: null  # an id from sources/outlets.yml
outlet_note: null
url: null
url_note: null
published: null  # YYYY-MM-DD, YYYY-MM or YYYY
published_note: null
added: null  # today, YYYY-MM-DD
author: null
author_note: null
language: ar
summary: null  # two or three sentences of ours, in Arabic
sha256: {sha256}
provenance:
  kind: null  # first-hand-interview | podcast-write-up | wire-report-relayed | unnamed-sources | blog-with-machine-text
  origins: []  # people or outlet ids the information comes from
# People already in people.yml whose names the text mentions:
people:
{people}
events: []  # ids from sources/events.yml
cleaning:
  drop_lines: []  # exact lines of boilerplate to remove
  headings: []  # exact lines that are subheadings
"""
