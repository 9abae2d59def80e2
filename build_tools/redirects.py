"""Stable addresses: former ids keep working, and no published address disappears unnoticed.

``sources/redirects.yml`` lists, per kind of page, ids that are gone and the id that
replaces each (``events: {old-id: new-id}``). For every page and file of the new id,
the old address gets a redirect page (or, for feeds and raw text, which readers fetch
without a browser, a copy). ``sources/published-urls.txt`` records every address the
site has produced; `build` adds new ones, and the build fails when a recorded address
is no longer produced and has no redirect. Pure functions, except reading and writing
that one file.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .ids import id_problem
from .problems import Problems

# Kinds of page an id names, as the sections of redirects.yml: the id is the folder of its address.
SECTIONS = {"articles": "article", "people": "person", "events": "event"}
REGISTRY_FILE = {"articles": "sources/articles/<id>.yml", "people": "sources/people.yml", "events": "sources/events.yml"}
REDIRECTS = "sources/redirects.yml"
PUBLISHED = "sources/published-urls.txt"
_HEADER = ("# Every address the site has published, one per line (written by `make site`; commit it).\n"
           "# An address here that the build no longer produces fails the build: give its id a redirect\n"
           "# in sources/redirects.yml, or restore the id. Never delete a line of an address that was public.\n")


@dataclass(frozen=True)
class Redirect:
    section: str  # articles, people or events
    old: str  # the id that is gone
    new: str  # the id written in redirects.yml (perhaps itself redirected: chains are followed)
    where: tuple[str, int, int]  # the old id's key in redirects.yml
    new_where: tuple[str, int, int]  # the new id's value


def resolve(redirects: list[Redirect]) -> dict[tuple[str, str], str | None]:
    """(section, old id) -> the id its chain of redirects ends at; None for a cycle."""
    step = {(r.section, r.old): r.new for r in redirects}
    out: dict[tuple[str, str], str | None] = {}
    for (section, old), current in step.items():
        seen = {old}
        while (section, current) in step and current not in seen:
            seen.add(current)
            current = step[(section, current)]
        out[(section, old)] = None if current in seen else current
    return out


def check_redirects(redirects: list[Redirect], known: dict[str, set[str]], failed: set[str],
                    problems: Problems) -> None:
    """Each old id must be gone, each redirect must end at an id that exists."""
    ends = resolve(redirects)
    for r in redirects:
        noun, registry = SECTIONS[r.section], REGISTRY_FILE[r.section]
        why = id_problem(r.old)
        if why:
            problems.error(*r.where, f"id `{r.old}` {why}", "write the former id exactly as its address had it")
            continue
        if r.old in known[r.section]:
            problems.error(*r.where, f"{noun} `{r.old}` still exists, so its address needs no redirect",
                           f"finish the rename (rename `{r.old}` in {registry} and in every reference to it), "
                           "or delete this line")
            continue
        end = ends[(r.section, r.old)]
        if end is None:
            problems.error(*r.where, f"the redirects from `{r.old}` go round in a circle",
                           "point each former id straight at the id that exists now")
        elif r.section not in failed and end not in known[r.section]:
            via = f" (through `{r.new}`)" if end != r.new else ""
            problems.error(*r.new_where, f"redirect from `{r.old}` leads to unknown {noun} id `{end}`{via}",
                           f"write the id the {noun} has now, or add `{end}` to {registry}")


def url_of(path: str) -> str:
    """The address of a generated file: `events/x.md` -> `/events/x/`, `feed.xml` -> `/feed.xml`."""
    if path.endswith(".md"):
        path = path[:-3]
        if path == "index" or path.endswith("/index"):
            path = path[:-5]
        return "/" + path + ("/" if path and not path.endswith("/") else "")
    if path == "index.html" or path.endswith("/index.html"):
        return "/" + path[:-10]
    return "/" + path


def redirect_outputs(paths: list[str], content: Callable[[str], bytes], redirects: list[Redirect], site_url: str,
                     title_of: Callable[[str, str], str]) -> dict[str, bytes]:
    """For every page and file of each redirected id (``paths``), what its old address serves: a redirect
    page, or a copy of the file (``content(path)``)."""
    out: dict[str, bytes] = {}
    ends = resolve(redirects)
    for r in redirects:
        end = ends.get((r.section, r.old))
        if end is None:
            continue
        new_prefix, old_prefix = f"{r.section}/{end}", f"{r.section}/{r.old}"
        for path in paths:
            if path == f"{new_prefix}.md":
                old_path, rest = f"{old_prefix}/index.html", ""
            elif path.startswith(new_prefix + "/"):
                rest = path[len(new_prefix) + 1:]
                old_path = f"{old_prefix}/{rest[:-3]}/index.html" if rest.endswith(".md") else f"{old_prefix}/{rest}"
            else:
                continue
            if old_path.endswith("/index.html"):
                out[old_path] = redirect_page(url_of(old_path), url_of(path), site_url,
                                              title_of(r.section, end)).encode("utf-8")
            else:  # a feed or a raw text: feed readers and scripts do not follow a page's redirect
                out[old_path] = content(path)
    return out


def redirect_page(old_url: str, new_url: str, site_url: str, title: str) -> str:
    """A page that sends the reader (and search engines, by its canonical link) to ``new_url``."""
    target = posixpath.relpath(new_url, old_url.rstrip("/") or "/") + "/"
    href = html.escape(target, quote=True)
    canonical = html.escape(site_url.rstrip("/") + new_url, quote=True)
    name = html.escape(title or new_url)
    return ("<!doctype html>\n"
            '<html lang="ar" dir="rtl">\n<head>\n<meta charset="utf-8">\n'
            f"<title>نُقلت هذه الصفحة: {name}</title>\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="robots" content="noindex">\n'
            f'<link rel="canonical" href="{canonical}">\n'
            f'<meta http-equiv="refresh" content="0; url={href}">\n'
            "</head>\n<body>\n<main>\n<h1>نُقلت هذه الصفحة</h1>\n"
            f'<p>عنوانها الجديد: <a href="{href}">{name}</a></p>\n'
            "</main>\n</body>\n</html>\n")


def read_published(text: str) -> list[tuple[int, str]]:
    """(line number, address) of every recorded address."""
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.lstrip().startswith("#")]


def check_published(recorded: list[tuple[int, str]], produced: set[str], problems: Problems) -> None:
    """Every recorded address must still be produced: by its page, or by a redirect."""
    for line, url in recorded:
        if url in produced:
            continue
        parts = url.strip("/").split("/")
        if len(parts) >= 2 and parts[0] in SECTIONS:
            section, old = parts[0], parts[1]
            hint = (f"add `{old}: <its new id>` under `{section}:` in {REDIRECTS} if the {SECTIONS[section]} was "
                    f"renamed or replaced, or restore the id `{old}` in {REGISTRY_FILE[section].replace('<id>', old)}")
        else:
            hint = "restore what produced it: a published address must keep working"
        problems.error(PUBLISHED, line, 1, f"`{url}` was published but the build no longer produces it", hint)


def stable(url: str) -> bool:
    """Whether an address is one readers keep: not the second or later page of a long list (`…/page/2/`),
    whose contents and number shift as the dossier grows."""
    return not re.search(r"/[0-9]+/$", url)


def record_published(path: Path, recorded: list[tuple[int, str]], produced: set[str]) -> bool:
    """Add the stable addresses produced for the first time; return whether the file changed."""
    known = {url for _, url in recorded}
    new = {url for url in produced if stable(url)} - known
    if not new and path.exists():
        return False
    path.write_text(_HEADER + "".join(f"{url}\n" for url in sorted(known | new)), "utf-8")
    return True
