"""Render the corpus to Markdown pages through Jinja2 templates.

Raw text is data. There are two output formats here, each with one escaping
path:

- the Markdown body: every value taken from an article or a YAML file passes
  through ``md``, which turns each ASCII character that Markdown, its
  extensions or HTML could read as syntax into a numeric character reference,
  so nothing in a source can become a tag, a link, a heading, a list or a
  template. Readers and the search index see the same characters.
- front matter: MkDocs and Material print ``page.meta`` values into HTML
  unescaped (the header, ``<meta>`` attributes), so ``front_matter`` makes a
  value HTML text first and then a quoted YAML scalar.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import jinja2

from . import dates, labels, model
from .index import Index

TEMPLATES = Path(__file__).parent / "templates"
_SYNTAX = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_ESCAPES = str.maketrans({ch: f"&#{ord(ch)};" for ch in _SYNTAX})

def md(value: object) -> str:
    """Plain text -> inert Markdown inline text on one line."""
    return " ".join(str(value).split()).translate(_ESCAPES)


def front_matter(value: str) -> str:
    """A front-matter scalar holding HTML text: JSON is valid YAML and quotes everything."""
    return json.dumps(html.escape(" ".join(value.split())), ensure_ascii=True)


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # output is Markdown; escaping is the `md` filter's job
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(md=md, front_matter=front_matter, date=dates.arabic_date, daterange=dates.date_range,
                       weekday=dates.weekday)
    env.filters.update(plural=labels.plural, title=labels.article_title)
    env.globals.update(STANCE_AR=labels.STANCE_AR, STANCE_MARK=labels.STANCE_MARK, CERTAINTY_AR=labels.CERTAINTY_AR,
                       PROVENANCE_AR=labels.PROVENANCE_AR, OUTLET_KIND_AR=labels.OUTLET_KIND_AR,
                       INFERRED_AR=labels.INFERRED_AR, MACHINE_AR=labels.MACHINE_AR,
                       WORKING_TITLE_AR=labels.WORKING_TITLE_AR, PRECISION_AR=dates.PRECISION_AR)
    return env


def body_sections(blocks: list[model.Block]) -> list[tuple[bool, list[model.Block]]]:
    """Group consecutive blocks by their machine-generated flag."""
    out: list[tuple[bool, list[model.Block]]] = []
    for b in blocks:
        if out and out[-1][0] == b.machine:
            out[-1][1].append(b)
        else:
            out.append((b.machine, [b]))
    return out


def error_page(problems) -> str:
    """Markdown listing every error in the sources, for the `mkdocs serve` preview."""
    return _env().get_template("errors.md.j2").render(problems=problems)


def render_pages(corpus: model.Corpus, idx: Index, site_url: str) -> dict[str, str]:
    """Every generated page, as {path under docs/: Markdown}."""
    env = _env()
    ctx = dict(c=corpus, idx=idx, site_url=site_url)
    pages: dict[str, str] = {}

    def page(path: str, template: str, **extra) -> None:
        pages[path] = env.get_template(template).render(**ctx, **extra)

    page("index.md", "home.md.j2")
    page("articles/index.md", "articles_index.md.j2")
    page("people/index.md", "people_index.md.j2")
    page("events/index.md", "events_index.md.j2")
    page("timeline.md", "timeline.md.j2")
    page("claims.md", "claims.md.j2")
    page("corrections.md", "corrections.md.j2")
    for aid in idx.articles_newest:
        art = corpus.articles[aid]
        page(f"articles/{aid}.md", "article.md.j2", a=art, m=art.meta, sections=body_sections(art.blocks))
    for pid, person in corpus.people.items():
        page(f"people/{pid}.md", "person.md.j2", p=person)
    for eid, event in corpus.events.items():
        page(f"events/{eid}.md", "event.md.j2", e=event)
    return pages
