"""Every string field of every source type, enumerated from the model, is data, never markup.

The fields are found by walking the dataclasses in ``build_tools/model.py``, not
listed by hand: a field added to the model is attacked here without editing
this file. Free-text fields get a hostile payload and must show up literally;
fields the model constrains (ids, references, patterns, URLs, allowed values)
must be refused with a located message. Then every built HTML page and every
feed is scanned for live tags, event handlers and `javascript:` links.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import typing
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
import yaml
from conftest import build_all, cli, copy_project

from build_tools import model
from build_tools.schema import type_hints

HOSTILE = ('</title><script>alert("XSS")</script><img src=x onerror=alert("XSS")> '
           '[x](javascript:alert("XSS")) {{ 7*191 }} {% raw %} <!-- c --> ]]> &amp; *em* `code`')
MARK = re.compile(r"⟦(\d+)⟧")
# Which YAML file holds which kind of source; None: every key is an entry.
FILES = {model.Dossier: ("dossier.yml", False), model.Outlet: ("outlets.yml", True),
         model.Person: ("people.yml", True), model.Event: ("events.yml", True),
         model.Claim: ("claims.yml", True), model.Article: ("articles/blog-assad-putin-rupture.yml", False)}
# Fields whose value must equal a line or passage of the raw article.
VERBATIM = {"quote", "drop_lines", "keep_lines", "headings", "truncate_at", "start", "end"}


def _unwrap(tp):
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if typing.get_origin(tp) in (typing.Union, __import__("types").UnionType):
        return _unwrap(args[0])
    return tp


def leaves(cls, path=()):
    """(path of field names, is a list of strings, field metadata, field type) for every text field."""
    for f in dataclasses.fields(cls):
        if f.name == "id":
            continue
        tp = _unwrap(type_hints(cls)[f.name])
        is_list = typing.get_origin(tp) is list
        inner = _unwrap(typing.get_args(tp)[0]) if is_list else tp
        if dataclasses.is_dataclass(inner) and inner is not model.PartialDate:
            yield from leaves(inner, path + ((f.name, is_list),))
        elif inner is str or typing.get_origin(inner) is typing.Literal:
            yield path + ((f.name, is_list),), f.metadata, inner


def constrained(meta, tp) -> bool:
    return typing.get_origin(tp) is typing.Literal or any(k in meta for k in ("pattern", "url", "ref"))


ALL = [(cls, path, meta, tp) for cls in FILES for path, meta, tp in leaves(cls)]
FREE = [(cls, path) for cls, path, meta, tp in ALL if not constrained(meta, tp)]
CONSTRAINED = [(cls, path) for cls, path, meta, tp in ALL if constrained(meta, tp)]


def _name(cls, path) -> str:
    return cls.__name__ + "." + ".".join(p for p, _ in path)


def test_the_model_has_fields_of_both_kinds():
    names = {_name(c, p) for c, p in FREE}
    assert {"Person.name", "Event.title", "Dossier.title", "Claim.statement", "Article.summary",
            "Claim.sources.quote", "Article.cleaning.machine_generated.start"} <= names
    assert {"Person.wikidata", "Article.url", "Article.sha256", "Claim.sources.stance"} <= {
        _name(c, p) for c, p in CONSTRAINED}


def _entry(data: dict, cls) -> dict:
    return next(iter(data.values())) if FILES[cls][1] else data


def _set(node: dict, path, value_for_leaf) -> None:
    (name, is_list), rest = path[0], path[1:]
    if not rest:
        node[name] = [value_for_leaf] if is_list else value_for_leaf
        return
    child = node.get(name)
    if is_list:
        if not child:  # an empty list (`changes: []`): a new item needs its one required non-text field
            child = node[name] = [{"date": "2024-12-08"}]
        child = child[0]
    elif not isinstance(child, dict):
        child = node[name] = {}
    _set(child, rest, value_for_leaf)


def _edit_yaml(project: Path, cls, edit) -> None:
    path = project / "sources" / FILES[cls][0]
    data = yaml.safe_load(path.read_text("utf-8"))
    edit(_entry(data, cls))
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), "utf-8")


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile-fields") / "project")
    payload = {i: f"{HOSTILE} ⟦{i}⟧" for i in range(len(FREE))}
    verbatim_lines = []
    blog = "blog-assad-putin-rupture"
    for i, (cls, path) in enumerate(FREE):
        leaf = path[-1][0]
        if leaf in VERBATIM and (cls is model.Article or leaf == "quote"):
            verbatim_lines.append((i, leaf))
    by_leaf = {leaf: payload[i] for i, leaf in verbatim_lines}
    # The raw article carries the lines the verbatim fields must match, in reading order.
    txt = project / "sources/articles" / f"{blog}.txt"
    extra = [by_leaf["drop_lines"], by_leaf["keep_lines"], by_leaf["headings"], by_leaf["quote"] + " وهذه فقرة من الخبر.",
             by_leaf["start"], "فقرة مولدة آلياً بين سطري الغلاف.", by_leaf["end"], by_leaf["truncate_at"],
             "ذيل يُحذف بعد سطر القطع."]
    raw = txt.read_bytes() + ("\n\n" + "\n\n".join(extra) + "\n").encode()
    txt.write_bytes(raw)
    by_leaf["quote"] = by_leaf["quote"] + " وهذه فقرة من الخبر."
    for i, (cls, path) in enumerate(FREE):
        leaf = path[-1][0]
        value = by_leaf[leaf] if (i, leaf) in verbatim_lines else payload[i]
        _edit_yaml(project, cls, lambda entry, p=path, v=value: _set(entry, p, v))
    _edit_yaml(project, model.Article, lambda e: e.update(sha256=hashlib.sha256(raw).hexdigest()))
    # The attacked claim source must cite the article that holds the hostile quote.
    def cite_blog(claim):
        first = {**claim["sources"][0], "article": blog, "stance": "asserts"}
        claim["sources"] = [first] + [s for s in claim["sources"][1:] if s["article"] != blog]
    _edit_yaml(project, model.Claim, cite_blog)
    return project, payload


@pytest.fixture(scope="module")
def hostile_site(hostile_project):
    project, payload = hostile_project
    check = cli(project, "check")
    assert check.returncode == 0, check.stderr
    return build_all(project), payload


def _live(doc) -> list[str]:
    found = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "script" and "XSS" in (el.text or ""):
            # JSON-LD is data, never run: the payload may be in it, as JSON text that cannot
            # close the element (no "<") and reads back as a JSON document.
            if el.get("type") == "application/ld+json" and "<" not in el.text and json.loads(el.text):
                continue
            found.append("script")
        for attr, value in el.attrib.items():
            if attr.lower().startswith("on") and "XSS" in value:
                found.append(f"{el.tag}[{attr}]")
            if attr in ("href", "src", "action", "formaction") and value.strip().lower().startswith("javascript:"):
                found.append(f"{el.tag}[{attr}]")
    return found


def test_every_free_text_field_builds_and_nothing_is_live_in_html(hostile_site):
    site, payload = hostile_site
    shown: set[int] = set()
    pages = sorted(site.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text("utf-8")
        doc = lxml.html.fromstring(html)
        assert _live(doc) == [], page
        assert "1337" not in doc.text_content(), f"a template ran on {page}"
        head_title = doc.findtext(".//title") or ""
        for ld in doc.xpath("//script[@type='application/ld+json']"):  # JSON text, read back in test_sharing.py
            ld.getparent().remove(ld)
        assert "<script" not in html.split("</title>")[0].split("<title>")[-1] or "&lt;" in head_title
        text = " ".join(doc.text_content().split())
        for m in MARK.finditer(text):
            shown.add(int(m.group(1)))
            before = text[max(0, m.start() - len(HOSTILE) - 1):m.start()].strip()
            assert before.endswith(" ".join(HOSTILE.split())), (page, before)
    names = {_name(*FREE[i]) for i in shown}
    assert {"Person.name", "Event.title", "Dossier.title", "Article.title", "Article.summary",
            "Claim.statement", "Claim.sources.quote", "Person.wikidata"} - {"Person.wikidata"} <= names


def _feed_html_fragments(path: Path) -> list[str]:
    if path.suffix == ".json":
        feed = json.loads(path.read_text("utf-8"))
        return [i["content_html"] for i in feed["items"]]
    root = lxml.etree.parse(str(path)).getroot()
    frags = []
    for el in root.iter():
        tag = el.tag.split("}")[-1] if isinstance(el.tag, str) else ""
        if tag in ("description", "encoded", "content") or (tag == "summary" and el.get("type") == "html"):
            frags.append(el.text or "")
    return frags


def test_feeds_carry_no_source_markup(hostile_site):
    import feedparser

    site, _ = hostile_site
    feeds = sorted([*site.rglob("*.xml"), *site.rglob("*.atom"), *site.rglob("feed.json")])
    feeds = [f for f in feeds if f.name.startswith("feed")]
    assert feeds
    for path in feeds:
        for frag in _feed_html_fragments(path):
            if frag.strip():
                assert _live(lxml.html.fragment_fromstring(frag, create_parent="div")) == [], path
        if path.suffix != ".json":
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, (path, parsed.bozo_exception)
            for entry in parsed.entries:
                if "⟦" in entry.title:
                    assert " ".join(HOSTILE.split()) in " ".join(entry.title.split()), entry.title


def test_no_dialog_in_a_browser(hostile_site, browser):
    from conftest import serve

    site, _ = hostile_site
    with serve(site) as url:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for rel in ("", "people/", "claims/", "timeline/", "articles/blog-assad-putin-rupture/"):
            page.goto(url + rel)
            page.wait_for_load_state("load")
        persons = sorted((site / "people").glob("*/index.html"))
        page.goto(url + persons[0].parent.relative_to(site).as_posix() + "/")
        page.wait_for_load_state("load")
        assert dialogs == []
        assert "</title><script>" in page.title() or page.title()
        page.close()


@pytest.mark.parametrize("field", CONSTRAINED, ids=lambda f: _name(*f))
def test_constrained_fields_refuse_hostile_values(field, tmp_path):
    cls, path = field
    project = copy_project(tmp_path / "p")
    _edit_yaml(project, cls, lambda entry: _set(entry, path, HOSTILE))
    result = cli(project, "check")
    assert result.returncode == 1, f"{_name(cls, path)} accepted a hostile value"
    assert "Traceback" not in result.stderr
    where = f"sources/{FILES[cls][0]}:"
    assert any(re.match(rf"{re.escape(where)}\d+:\d+: .+ — .+", x) for x in result.stderr.splitlines()), \
        result.stderr
