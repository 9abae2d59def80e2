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
- JSON-LD (front matter ``jsonld``, printed inside a script element by
  ``overrides/main.html``): ``jsonld`` quotes, as a YAML scalar, the JSON that
  ``sharing.script_json`` made safe inside a script element.

Raw article files are published too, as the bytes collected (``raw.txt``):
plain text, never markup.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import jinja2

from . import dates, labels, model, parallel, sharing, urls
from .assemble import article_header
from .cleaning import PER_ARTICLE_RULES, explain
from .index import Index
from .inputs import code_digest
from .timeline_svg import render as timeline_svg
from .writer import Unchanged

TEMPLATES = Path(__file__).parent / "templates"
_SYNTAX = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_REFERENCES = {ch: f"&#{ord(ch)};" for ch in _SYNTAX}
# A class of the syntax characters: on Arabic text, where they are few, one regex pass
# is several times faster than str.translate, which probes its table for every character.
_SYNTAX_CHAR = re.compile("[" + re.escape(_SYNTAX) + "]")

def md(value: object) -> str:
    """Plain text -> inert Markdown inline text on one line."""
    return _SYNTAX_CHAR.sub(lambda m: _REFERENCES[m.group()], " ".join(str(value).split()))


# JSON writes a character beyond U+FFFF as two \u escapes (a surrogate pair), which YAML
# decodes as two unpaired surrogates; YAML's own \U escape writes it whole.
_PAIR = re.compile(r"(\\\\)|\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar holding exactly ``text``, in ASCII (JSON is valid YAML)."""
    def whole(m: re.Match) -> str:
        if m.group(1):
            return m.group(1)
        high, low = int(m.group(2), 16), int(m.group(3), 16)
        return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08x}"
    return _PAIR.sub(whole, json.dumps(text, ensure_ascii=True))


def front_matter(value: str) -> str:
    """A front-matter scalar holding HTML text: JSON is valid YAML and quotes everything."""
    return _yaml_string(html.escape(" ".join(value.split())))


def jsonld(data: object) -> str:
    """A front-matter scalar holding JSON-LD that is safe inside a script element."""
    return _yaml_string(sharing.script_json(data))


def compiled_templates(folder: Path) -> jinja2.BytecodeCache:
    """Compiled templates kept between processes in ``folder`` (ours and Material's: compiling
    them is a third of a small build). Jinja2 keys each by the template's source checksum,
    so an edited template is compiled again; files are replaced whole, never half written."""
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


def keep_compiled(folder: Path) -> None:
    """Our templates' compiled code is kept in ``folder`` from now on (see compiled_templates)."""
    _env().bytecode_cache = compiled_templates(folder)


@functools.cache
def _env() -> jinja2.Environment:
    """One environment per process: `mkdocs serve` rebuilds reuse its compiled templates (it checks
    each template file's time, so an edited template is compiled again)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # output is Markdown; escaping is the `md` filter's job
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(md=md, front_matter=front_matter, jsonld=jsonld, date=dates.arabic_date,
                       daterange=dates.date_range,
                       weekday=dates.weekday)
    env.filters.update(plural=labels.plural, title=labels.article_title, href=urls.href, hijri=dates.hijri_label)
    env.globals.update(STANCE_AR=labels.STANCE_AR, STANCE_MARK=labels.STANCE_MARK, CERTAINTY_AR=labels.CERTAINTY_AR,
                       PROVENANCE_AR=labels.PROVENANCE_AR, OUTLET_KIND_AR=labels.OUTLET_KIND_AR,
                       INFERRED_AR=labels.INFERRED_AR, MACHINE_AR=labels.MACHINE_AR,
                       WORKING_TITLE_AR=labels.WORKING_TITLE_AR, PRECISION_AR=dates.PRECISION_AR,
                       CLEANING_RULE_AR=labels.CLEANING_RULE_AR, PER_ARTICLE_RULES=PER_ARTICLE_RULES)
    env.globals.update(timeline_svg=timeline_svg)  # SVG text, every source value escaped inside
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


_FACT = re.compile(r"<!-- dossier:([a-z-]+) -->")


def site_facts(corpus: model.Corpus, idx: Index) -> dict[str, str]:
    """Values hand-written pages show: the date of the newest addition or correction, from the sources."""
    newest = max([a.meta.added for a in corpus.articles.values()] + [d for d, *_ in idx.changes], default=None)
    return {"last-update": md(dates.arabic_date(newest, "غير معروف"))}


def fill_facts(markdown: str, facts: dict[str, str]) -> str:
    """Put each fact where a hand-written page writes `<!-- dossier:NAME -->`; unknown names stay as they are."""
    return _FACT.sub(lambda m: facts.get(m.group(1), m.group(0)), markdown)


def line_counts(lines) -> dict[str, int]:
    """How many raw lines cleaning kept, removed, and how many of those were blank."""
    kept = sum(1 for d in lines if d.kept)
    blank = sum(1 for d in lines if d.rule == "blank line")
    return {"all": len(lines), "kept": kept, "removed": len(lines) - kept, "blank": blank}


def _article_key(art: model.CleanArticle, corpus: model.Corpus, idx: Index, site_url: str, code: str) -> str:
    """Everything an article's pages show, hashed: the article and the names, titles and claims it links."""
    m = art.meta
    # Not the raw text nor its blocks: validation has checked that the text is the one whose sha256
    # the metadata records, and the blocks follow from the text, the metadata's rules and the code.
    facts = (code, site_url, repr(m), corpus.dossier.description,
             [corpus.people[p].name for p in m.people if p in corpus.people],
             [repr(corpus.people[m.interviewer]) if m.interviewer in corpus.people else None],
             [corpus.events[e].title for e in m.events if e in corpus.events],
             repr(corpus.outlets.get(m.outlet or "")),
             [(cid, corpus.claims[cid].statement, [(s.article, s.stance) for s in corpus.claims[cid].sources],
               idx.claim_page.get(cid)) for cid in idx.claims_by_article.get(m.id, [])])
    return hashlib.sha256(repr(facts).encode("utf-8")).hexdigest()


def render_pages(corpus: model.Corpus, idx: Index, site_url: str,
                 cache=None) -> Iterator[tuple[str, str | bytes | Unchanged]]:
    """Every generated page, as (path under docs/, Markdown), and each raw article as collected (bytes).

    Pages come one at a time, so that the whole site is never held in memory twice. An article's
    own pages are ``Unchanged`` when ``cache`` (see cache.py) shows that nothing they show has
    changed since the last build wrote them.
    """
    env = _env()
    code = code_digest() if cache is not None else ""
    ctx = dict(c=corpus, idx=idx, site_url=site_url)

    def page(path: str, template: str, description: str | None = None, ld: dict | None = None,
             **extra) -> tuple[str, str]:
        description = description or sharing.FIXED.get(path) or corpus.dossier.description
        return path, env.get_template(template).render(**ctx, description=description, ld=ld, **extra)

    def article_pages(aid: str) -> dict[str, bytes]:
        art = corpus.articles[aid]
        own = [page(f"articles/{aid}.md", "article.md.j2", sharing.article_description(art),
                    sharing.article_ld(art, corpus, site_url), a=art, m=art.meta, sections=body_sections(art.blocks))]
        # The transparency view: every raw line, kept or removed and by which rule.
        lines = explain(art.raw, art.meta.cleaning, article_header(art.meta))
        own.append(page(f"articles/{aid}/source.md", "article_source.md.j2", sharing.source_description(art),
                        a=art, m=art.meta, lines=lines, counts=line_counts(lines)))
        encoded = {path: text.encode("utf-8") for path, text in own}
        # The file as collected: it was decoded from strict UTF-8, so encoding gives back its exact bytes.
        encoded[f"articles/{aid}/raw.txt"] = art.raw.encode("utf-8")
        return encoded

    todo: list[tuple[str, str]] = []  # (article id, cache key)
    keys: dict[str, str] = {}
    for aid in idx.articles_newest:
        entry = cache.entries.get(aid) if cache is not None else None
        key = keys[aid] = _article_key(corpus.articles[aid], corpus, idx, site_url, code) if cache is not None else ""
        if entry is not None and entry.get("page_key") == key:
            for path, digest in entry["page_digests"].items():
                yield path, Unchanged(digest)
        else:
            todo.append((aid, key))
    # Every other page shows registry entries, what the index derived from the whole corpus and the
    # articles it lists: with the same of all three, the last build's page is still right.
    shared = _shared_key(corpus, idx, site_url, code) if cache is not None else ""
    listings: list[tuple[str, str, str | None, dict | None, dict, str]] = []  # to render, with their keys
    for path, template, shown, quotes_of, description, ld, extra in _listings(corpus, idx, site_url):
        key = ""
        if cache is not None:
            quotes = [idx.quotes.get(quotes_of, {}).get(a) for a in shown] if quotes_of else None
            key = hashlib.sha256(repr((shared, template, description, ld, [keys[a] for a in shown], quotes,
                                       {k: v for k, v in extra.items() if not isinstance(v, model.Person | model.Event)})
                                      ).encode("utf-8")).hexdigest()
            known = cache.known(path, key)
            if known is not None:
                yield path, known
                continue
        listings.append((path, template, description, ld, extra, key))

    # Articles' pages and the other pages, rendered together in the worker processes (both cores busy
    # to the end), which are forked before anything is written: the writer's threads would be copied
    # into them half-way. A job is a number: the workers inherit the lists it points into.
    def render_job(i: int) -> dict[str, bytes]:
        if i < len(todo):
            return article_pages(todo[i][0])
        path, template, description, ld, extra, _ = listings[i - len(todo)]
        return {path: page(path, template, description, ld, **extra)[1].encode("utf-8")}

    jobs = list(range(len(todo) + len(listings)))
    for i, encoded in zip(jobs, parallel.imap(render_job, jobs), strict=True):
        if i < len(todo):
            aid, key = todo[i]
            if cache is not None and aid in cache.entries:
                cache.put(aid, page_key=key,
                          page_digests={p: hashlib.sha256(d).hexdigest() for p, d in encoded.items()})
        elif cache is not None:
            path, *_, key = listings[i - len(todo)]
            cache.store(path, key, encoded[path])
        yield from encoded.items()


# (path, template, the articles it shows, whose quotes of them it shows, description, JSON-LD, template's other values)
Listing = tuple[str, str, list[str], str | None, str | None, dict | None, dict]


def _listings(corpus: model.Corpus, idx: Index, site_url: str) -> Iterator[Listing]:
    """Every page but the articles' own, in order."""

    def listing(path: str, template: str, shown: list[str], quotes_of: str | None, description: str | None,
                ld: dict | None = None, **extra):
        return path, template, shown, quotes_of, description, ld, extra

    yield listing("index.md", "home.md.j2", idx.articles_newest[:LATEST], None, None,
                  sharing.site_ld(corpus.dossier, site_url), latest=idx.articles_newest[:LATEST])
    index_pages = max(1, -(-len(idx.articles_newest) // PAGE))
    for k in range(1, index_pages + 1):
        chunk = idx.articles_newest[(k - 1) * PAGE:k * PAGE]
        yield listing("articles/index.md" if k == 1 else f"articles/page/{k}.md", "articles_index.md.j2", chunk,
                      None, None, chunk=chunk, k=k, pages=index_pages)
    for path, template in (("people/index.md", "people_index.md.j2"), ("events/index.md", "events_index.md.j2"),
                           ("timeline.md", "timeline.md.j2"), ("corrections.md", "corrections.md.j2"),
                           ("subscribe.md", "subscribe.md.j2")):
        yield listing(path, template, [], None, None)
    claim_pages = list(dict.fromkeys(idx.claim_page.values())) or ["claims.md"]
    for k, path in enumerate(claim_pages, 1):
        chunk = [cid for cid, p in idx.claim_page.items() if p == path]
        cited = {s.article for cid in chunk for s in corpus.claims[cid].sources}
        columns = [a for a in idx.claim_articles if a in cited]
        yield listing(path, "claims.md.j2", columns, None, None, chunk=chunk, columns=columns, k=k,
                      pages=len(claim_pages))

    for pid, person in corpus.people.items():
        arts = idx.articles_by_person.get(pid, [])
        yield listing(f"people/{pid}.md", "person.md.j2", arts[:LATEST], pid, sharing.person_description(person),
                      sharing.person_ld(person, site_url), p=person, latest=arts[:LATEST], pages=_page_count(arts))
        for k, chunk in _chunks(arts):
            yield listing(f"people/{pid}/mentions/{k}.md", "person_mentions.md.j2", chunk, pid,
                          sharing.person_description(person), p=person, chunk=chunk, k=k, pages=_page_count(arts))
    for eid, event in corpus.events.items():
        arts = idx.articles_by_event.get(eid, [])
        yield listing(f"events/{eid}.md", "event.md.j2", arts[:LATEST], None,
                      sharing.event_description(event, idx.certainty[eid]),
                      sharing.event_ld(event, idx.certainty[eid], corpus.people, site_url), e=event,
                      latest=arts[:LATEST], pages=_page_count(arts))
        for k, chunk in _chunks(arts):
            yield listing(f"events/{eid}/articles/{k}.md", "event_articles.md.j2", chunk, None,
                          sharing.event_description(event, idx.certainty[eid]), e=event, chunk=chunk, k=k,
                          pages=_page_count(arts))


def _stable(value: object) -> object:
    """``value`` with every set sorted, so that its repr is the same in every process."""
    if isinstance(value, set | frozenset):
        return sorted(value)
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_stable(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, {f.name: _stable(getattr(value, f.name)) for f in dataclasses.fields(value)})
    return value


def _shared_key(corpus: model.Corpus, idx: Index, site_url: str, code: str) -> str:
    """The registries and the index (but its quotes, which each page keys by its own articles), hashed."""
    derived = {f.name: _stable(getattr(idx, f.name)) for f in dataclasses.fields(idx) if f.name != "quotes"}
    facts = (code, site_url, corpus.dossier, corpus.people, corpus.events, corpus.outlets, corpus.claims, derived)
    return hashlib.sha256(repr(facts).encode("utf-8")).hexdigest()


# Pages stay bounded however large the archive grows: a person named in every article
# gets the latest few on their page and the rest on numbered pages of PAGE articles.
LATEST = 10
PAGE = 50


def _page_count(items: list) -> int:
    return 0 if len(items) <= LATEST else -(-len(items) // PAGE)


def _chunks(items: list):
    """(page number, items) for the numbered pages, when the list outgrows the main page."""
    for k in range(_page_count(items)):
        yield k + 1, items[k * PAGE:(k + 1) * PAGE]
