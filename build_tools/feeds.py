"""Feeds for subscribers: the site (RSS, Atom, JSON Feed), each person and each event (RSS).

The only module that imports feedgen. Dates come from the curated metadata,
never from the clock, so the same sources give the same bytes.

Escaping, one path per element kind: titles, Atom summaries, categories and
JSON Feed summaries are plain text (the formats say so; the XML or JSON
writer escapes them). RSS `<description>` is read as HTML by every reader,
so it carries our text HTML-escaped. Content is HTML that we build here,
every text in it escaped; nothing from sources/ is ever markup.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import itertools
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from . import labels, model, parallel
from .index import Index
from .writer import Unchanged

UTC = dt.UTC
# Readers poll feeds often: keep them to the newest items, so a feed's size does not
# grow with the archive (every item carries the full article).
FEED_LIMIT = 50


@dataclass(frozen=True)
class Item:
    """One feed entry. ``published`` is the source's own day, or None when the source does not
    give one; ``added`` is when the entry entered the dossier (the feeds' `updated`), and
    orders the feeds: subscribers see what is new to the dossier first."""

    guid: str
    link: str
    title: str
    published: dt.datetime | None
    added: dt.datetime
    summary: str
    content_html: str
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=UTC)


def article_html(art: model.CleanArticle, page_url: str) -> str:
    """The cleaned article as right-to-left HTML; every text escaped, every link absolute.

    Machine-generated blocks sit in their own marked box, each paragraph labelled, as on the page.
    """
    parts = []
    open_box = False
    for b in art.blocks:
        if b.machine and not open_box:
            parts.append(f'<blockquote class="machine-generated"><p><strong>{labels.MACHINE_AR}: '
                         "نص ولّده برنامج محادثة آلي ولُصق في المادة.</strong></p>")
        elif open_box and not b.machine:
            parts.append("</blockquote>")
        open_box = b.machine
        tag = "h3" if b.kind == "heading" else "p"
        label = f"🤖 {labels.MACHINE_AR}: " if b.machine and b.kind == "paragraph" else ""
        parts.append(f"<{tag}>{label}{html.escape(b.text)}</{tag}>")
    if open_box:
        parts.append("</blockquote>")
    if art.meta.provenance.machine_generated:
        parts.insert(0, "<p><strong>تنبيه: تتضمن هذه المادة نصاً مولّداً آلياً لا نعدّه دليلاً.</strong></p>")
    if not art.meta.title:
        parts.insert(0, f"<p><em>{labels.WORKING_TITLE_AR}: لا يتضمن النص المجموع عنواناً أصلياً.</em></p>")
    parts.append(f'<p><a href="{html.escape(page_url)}">المادة في الملف مع مصادرها</a></p>')
    return f'<div dir="rtl" lang="ar">{"".join(parts)}</div>'


def article_items(corpus: model.Corpus, site_url: str) -> dict[str, Item]:
    items = {}
    for aid, art in corpus.articles.items():
        m = art.meta
        url = f"{site_url}articles/{aid}/"
        outlet = corpus.outlets[m.outlet].name if m.outlet else None
        known_day = m.published is not None and m.published.precision == "day"
        items[aid] = Item(
            guid=url, link=url, title=labels.article_title(art),
            published=_midnight(m.published.first_day()) if known_day and m.published else None,
            added=_midnight(m.added), summary=m.summary, content_html=article_html(art, url),
            authors=tuple(x for x in (m.author, outlet) if x),
            categories=tuple([corpus.people[p].name for p in m.people] + [corpus.events[e].title for e in m.events]),
        )
    return items


def change_items(kind: str, key: str, name: str, changes: list[model.Change], site_url: str,
                 claims_page: str = "claims.md") -> list[Item]:
    """Dated corrections of a claim (shown on ``claims_page``) or an event, announced as entries of their own."""
    url = f"{site_url}{claims_page[:-3]}/#{key}" if kind == "claims" else f"{site_url}events/{key}/"
    return [Item(guid=f"{site_url}corrections/#{kind}/{key}/{ch.date.isoformat()}/{i}", link=url,
                 title=f"تصحيح أو تحديث: {name}", published=_midnight(ch.date), added=_midnight(ch.date),
                 summary=ch.note, content_html=f'<div dir="rtl" lang="ar"><p>{html.escape(ch.note)}</p></div>')
            for i, ch in enumerate(changes)]


def corpus_change_items(corpus: model.Corpus, site_url: str,
                        claim_page: dict[str, str] | None = None) -> dict[tuple[str, str], list[Item]]:
    pages = claim_page or {}
    out = {("claims", cid): change_items("claims", cid, c.statement, c.changes, site_url,
                                         pages.get(cid, "claims.md"))
           for cid, c in corpus.claims.items()}
    out.update({("events", eid): change_items("events", eid, e.title, e.changes, site_url)
                for eid, e in corpus.events.items()})
    return out


def _newest_first(items: list[Item]) -> list[Item]:
    return sorted(items, key=lambda i: (-i.added.timestamp(), -(i.published or i.added).timestamp(), i.guid))


def _updated(items: list[Item]) -> dt.datetime:
    if items:
        return max(i.added for i in items)
    return dt.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "0")), UTC)


def _generator(title: str, description: str, page_url: str, self_url: str, items: list[Item],
               atom: bool = False) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(page_url)
    fg.title(title)
    # feedgen keeps one value for Atom's subtitle (plain text) and RSS's description (read as HTML):
    # each format gets its own generator and its own escaping.
    if atom:
        fg.subtitle(description)
    else:
        fg.description(html.escape(description))
    fg.link(href=self_url, rel="self")  # before "alternate": feedgen's RSS <link> is the last one given
    fg.link(href=page_url, rel="alternate")
    fg.language("ar")
    fg.generator("build_tools (feedgen)")
    fg.lastBuildDate(_updated(items))
    fg.updated(_updated(items))
    for it in items:
        fe = fg.add_entry(order="append")
        fe.id(it.guid)
        fe.guid(it.guid, permalink=it.guid == it.link)
        fe.link(href=it.link)
        fe.title(it.title)
        if it.published is not None:  # unknown stays unknown: no invented publication day
            fe.published(it.published)
        fe.updated(it.added)
        fe.description(html.escape(it.summary))
        fe.summary(it.summary)
        # RSS's content:encoded takes our HTML as one CDATA section; Atom allows only text, html or
        # xhtml as a content type, and "html" means escaped markup.
        fe.content(it.content_html, type="html" if atom else "CDATA")
        for a in it.authors:
            fe.author(name=a)
        for c in it.categories:
            fe.category(term=c)
    return fg


def _json_feed(title: str, page_url: str, self_url: str, items: list[Item]) -> bytes:
    feed = {
        "version": "https://jsonfeed.org/version/1.1", "title": title, "home_page_url": page_url,
        "feed_url": self_url, "language": "ar",
        "items": [{"id": i.guid, "url": i.link, "title": i.title, "summary": i.summary,
                   "content_html": i.content_html,
                   **({"date_published": i.published.isoformat()} if i.published else {}),
                   "date_modified": i.added.isoformat(),
                   "authors": [{"name": a} for a in i.authors], "tags": list(i.categories)} for i in items],
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_feeds(corpus: model.Corpus, idx: Index, site_url: str, cache=None) -> dict[str, bytes | Unchanged]:
    """Every feed, as {path under docs/: bytes} (see :func:`feeds`)."""
    return dict(feeds(corpus, idx, site_url, cache))


def feeds(corpus: model.Corpus, idx: Index, site_url: str, cache=None) -> Iterator[tuple[str, bytes | Unchanged]]:
    """Every feed, as (path under docs/, bytes), one at a time: a build writes each as it comes and
    never holds them all (a thousand people's feeds). Ids with nothing to announce get no feed.

    With ``cache`` (cache.py), a feed whose title, addresses and items are all as the last build
    wrote them is ``Unchanged``: feedgen is the slow part, and most feeds do not change.
    Worker processes, if any, are started before the first feed is given out: the caller may then
    start threads to write it (a process must not fork once it has threads)."""
    articles = article_items(corpus, site_url)
    changes = corpus_change_items(corpus, site_url, idx.claim_page)
    d = corpus.dossier
    out: dict[str, bytes | Unchanged] = {}  # the site feeds and the unchanged ones: small
    # Articles and corrections each keep their own window, so a burst of corrections never
    # pushes every article out of the feed (nor the reverse).
    all_changes = [i for items in changes.values() for i in items]
    site_items = _newest_first(_newest_first(list(articles.values()))[:FEED_LIMIT] + _newest_first(all_changes)[:FEED_LIMIT])

    # What a feed shows, hashed: its title and addresses, and each item's own digest (an article is an
    # item of several feeds: its fields are hashed once, not once per feed).
    item_digests: dict[int, str] = {}

    def feed_key(head: tuple, items: list[Item]) -> str:
        for i in items:
            if id(i) not in item_digests:
                item_digests[id(i)] = hashlib.sha256(repr(i).encode("utf-8")).hexdigest()
        return hashlib.sha256(repr((head, [item_digests[id(i)] for i in items])).encode("utf-8")).hexdigest()

    def made(path: str, shown: tuple, make) -> bytes | Unchanged:
        if cache is None:
            return make()
        return cache.output(path, feed_key(shown[:-1], shown[-1]), make)

    # The feeds' date too: with no items it is SOURCE_DATE_EPOCH's, which no item carries.
    site = (d.title, d.description, site_url, _updated(site_items), site_items)
    out["feed.xml"] = made("feed.xml", site, lambda: _generator(d.title, d.description, site_url,
                                                                f"{site_url}feed.xml", site_items).rss_str(pretty=True))
    out["feed.atom"] = made("feed.atom", site, lambda: _generator(d.title, d.description, site_url,
                                                                  f"{site_url}feed.atom", site_items,
                                                                  atom=True).atom_str(pretty=True))
    out["feed.json"] = made("feed.json", site, lambda: _json_feed(d.title, site_url, f"{site_url}feed.json",
                                                                  site_items))

    todo: list[tuple[str, str, tuple]] = []  # (path, key, generator arguments) of the feeds to make
    # Without the site feed's tags: the feed is already about one person or event, and a person
    # named in every article would otherwise cost a tag list per item per feed.
    untagged = {a: dataclasses.replace(item, categories=()) for a, item in articles.items()}
    for kind, registry, by_article, by_claim in (
        ("people", corpus.people, idx.articles_by_person, idx.claims_by_person),
        ("events", corpus.events, idx.articles_by_event, idx.claims_by_event),
    ):
        for key, entry in registry.items():
            items = [untagged[a] for a in by_article.get(key, [])]
            items += [i for c in by_claim.get(key, []) for i in changes[("claims", c)]]
            events = idx.events_by_person.get(key, []) if kind == "people" else [key]
            items += [i for e in events for i in changes[("events", e)]]
            if not items:
                continue  # no empty feeds: nothing to subscribe to yet
            name = entry.name if isinstance(entry, model.Person) else entry.title
            page = f"{site_url}{kind}/{key}/"
            args = (f"{name} — {d.title}", f"كل ما ينشره الملف عن {name}", page, f"{page}feed.xml",
                    _newest_first(items)[:FEED_LIMIT])
            path = f"{kind}/{key}/feed.xml"
            digest = feed_key(args[:-1], args[-1]) if cache is not None else ""
            known = cache.known(path, digest) if cache is not None else None
            if known is not None:
                out[path] = known
            else:
                todo.append((path, digest, args))
    # feedgen is the slow part: the feeds are made in worker processes, which read their items from
    # the list they inherit (only numbers go to them, only the feeds' bytes come back).
    rss = parallel.imap(lambda i: _generator(*todo[i][2]).rss_str(pretty=True), list(range(len(todo))))
    made_rss: Iterator[bytes] = itertools.chain([next(rss)], rss) if todo else iter(())  # forks the workers now
    yield from out.items()
    for (path, digest, _), data in zip(todo, made_rss, strict=True):
        if cache is not None:
            cache.store(path, digest, data)
        yield path, data
