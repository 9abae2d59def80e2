"""Indexes over the corpus, built in one pass over each collection."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from . import model
from .collation import alphabetical
from .mentions import MentionIndex


@dataclass
class ClaimSupport:
    supporting: list[str]  # article ids that assert it with a quote of journalism
    origins: list[str]  # independent origins behind them (people/outlet ids)
    machine_only: list[str]  # articles that assert it only in machine-generated text: no evidence
    disputed: bool  # a source of journalism contradicts it or gives another value
    machine: set[str] = field(default_factory=set)  # articles whose quote here is machine-generated


@dataclass
class Index:
    articles_newest: list[str]
    events_chrono: list[str]
    people_alpha: list[str] = field(default_factory=list)  # Arabic alphabetical order of their names
    events_alpha: list[str] = field(default_factory=list)  # Arabic alphabetical order of their titles
    articles_by_person: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    articles_by_event: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    events_by_person: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    claims_by_person: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    claims_by_event: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    claims_by_article: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # person -> article -> distinct quoted sentences, grouped once for the person pages
    quotes: dict[str, dict[str, list[tuple[str, bool]]]] = field(default_factory=dict)  # (sentence, machine)
    claim_articles: list[str] = field(default_factory=list)  # articles any claim cites, newest first
    # The claims grid is claims x articles: CLAIMS_PAGE claims a page keeps it bounded. claim -> its page.
    claim_page: dict[str, str] = field(default_factory=dict)
    co_people: dict[str, list[str]] = field(default_factory=dict)
    support: dict[str, ClaimSupport] = field(default_factory=dict)
    feeds: set[str] = field(default_factory=set)  # "people/<id>" and "events/<id>" that get a feed
    certainty: dict[str, str] = field(default_factory=dict)  # event id -> certainty shown (derived)
    event_origins: dict[str, list[str]] = field(default_factory=dict)
    disputed_claims: set[str] = field(default_factory=set)
    # every dated correction, newest first: (date, "claims"|"events", id, note)
    changes: list[tuple[dt.date, str, str, str]] = field(default_factory=list)


# Claims per page of the claims grid (its columns are the articles those claims cite).
CLAIMS_PAGE = 50


def _article_sort_key(a: model.Article):
    # Newest first; an unknown date sorts after every known one; ids break ties.
    newest = -a.published.last_day().toordinal() if a.published is not None else 0
    return (a.published is None, newest, -a.added.toordinal(), a.id)


def build_index(corpus: model.Corpus, mentions: MentionIndex) -> Index:
    idx = Index(
        articles_newest=sorted(corpus.articles, key=lambda i: _article_sort_key(corpus.articles[i].meta)),
        events_chrono=sorted(corpus.events, key=lambda i: (corpus.events[i].start.first_day(),
                                                            (corpus.events[i].end or corpus.events[i].start).last_day(),
                                                            i)),
    )
    idx.people_alpha = alphabetical({pid: p.name for pid, p in corpus.people.items()})
    idx.events_alpha = alphabetical({eid: e.title for eid, e in corpus.events.items()})
    together: dict[str, set[str]] = defaultdict(set)
    for aid in idx.articles_newest:
        meta = corpus.articles[aid].meta
        for pid in meta.people:
            idx.articles_by_person[pid].append(aid)
            together[pid].update(meta.people)
        for eid in meta.events:
            idx.articles_by_event[eid].append(aid)
    for eid in idx.events_chrono:
        event = corpus.events[eid]
        for pid in event.participants:
            idx.events_by_person[pid].append(eid)
            together[pid].update(event.participants)
    for cid, claim in corpus.claims.items():
        for pid in claim.people:
            idx.claims_by_person[pid].append(cid)
        for eid in claim.events:
            idx.claims_by_event[eid].append(cid)
        for s in claim.sources:
            idx.claims_by_article[s.article].append(cid)
        idx.support[cid] = claim_support(claim, corpus.articles, mentions)
    for kind, by_article, by_claim in (("people", idx.articles_by_person, idx.claims_by_person),
                                       ("events", idx.articles_by_event, idx.claims_by_event)):
        for key in {k for k, v in by_article.items() if v} | {k for k, cs in by_claim.items() if any(corpus.claims[c].changes for c in cs)}:
            idx.feeds.add(f"{kind}/{key}")
    for eid, event in corpus.events.items():
        if event.changes:
            idx.feeds.add(f"events/{eid}")
            idx.feeds.update(f"people/{pid}" for pid in event.participants)
    idx.co_people = {pid: sorted(others - {pid}) for pid, others in together.items()}
    for pid, ms in mentions.by_person.items():
        sentences_by_article: dict[str, dict[tuple[str, bool], None]] = {}
        for m in ms:  # a sentence naming someone twice is quoted once
            machine = corpus.articles[m.article].blocks[m.block].machine
            sentences_by_article.setdefault(m.article, {})[(m.sentence, machine)] = None
        idx.quotes[pid] = {aid: list(sentences) for aid, sentences in sentences_by_article.items()}
    for eid in corpus.events:
        idx.event_origins[eid] = event_origins(corpus, idx.articles_by_event.get(eid, []))
        # `disputed` is an editor's finding on the date (validated to carry a date_note).
        hand = corpus.events[eid].certainty
        idx.certainty[eid] = "disputed" if hand == "disputed" else derived_certainty(idx.event_origins[eid])
    idx.disputed_claims = {cid for cid, sup in idx.support.items() if sup.disputed}
    changes = [(ch.date, "claims", cid, ch.note) for cid, cl in corpus.claims.items() for ch in cl.changes]
    changes += [(ch.date, "events", eid, ch.note) for eid, ev in corpus.events.items() for ch in ev.changes]
    idx.changes = sorted(changes, key=lambda x: (-x[0].toordinal(), x[1], x[2], x[3]))
    cited = {s.article for claim in corpus.claims.values() for s in claim.sources}
    idx.claim_articles = [a for a in idx.articles_newest if a in cited]
    for i, cid in enumerate(corpus.claims):
        k = i // CLAIMS_PAGE + 1
        idx.claim_page[cid] = "claims.md" if k == 1 else f"claims/page/{k}.md"
    return idx


def claim_support(claim: model.Claim, articles: dict[str, model.CleanArticle],
                  mentions: MentionIndex) -> ClaimSupport:
    """What backs a claim, derived from its stances: machine-generated quotes count for nothing."""
    machine = set()
    for s in claim.sources:
        art = articles.get(s.article)
        block = mentions.block_of(s.article, s.quote) if s.quote and art else None
        if block is not None and art is not None and art.blocks[block].machine:
            machine.add(s.article)
    asserting = [s.article for s in claim.sources if s.stance == "asserts"]
    supporting = [a for a in asserting if a not in machine]
    origins = sorted({o for a in supporting if a in articles for o in articles[a].meta.provenance.origins})
    return ClaimSupport(
        supporting=supporting,
        origins=origins,
        machine_only=[a for a in asserting if a in machine],
        disputed=any(s.stance in ("contradicts", "different-value") and s.article not in machine
                     for s in claim.sources),
        machine=machine,
    )


def event_origins(corpus: model.Corpus, article_ids: list[str]) -> list[str]:
    """Independent origins of the articles that cover an event."""
    return sorted({o for a in article_ids if a in corpus.articles
                   for o in corpus.articles[a].meta.provenance.origins})


def derived_certainty(origins: list[str]) -> str:
    """confirmed with two or more independent origins, reported with one or none."""
    return "confirmed" if len(origins) >= 2 else "reported"
