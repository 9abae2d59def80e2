"""Indexes over the corpus, built in one pass over each collection."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from . import model
from .mentions import MentionIndex


@dataclass
class ClaimSupport:
    supporting: list[str]  # article ids that assert it
    origins: list[str]  # independent origins behind them (people/outlet ids)
    machine_only: list[str]  # supporting articles that count as no evidence
    disputed: bool


@dataclass
class Index:
    articles_newest: list[str]
    events_chrono: list[str]
    articles_by_person: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    articles_by_event: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    events_by_person: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    claims_by_person: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    claims_by_event: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    claims_by_article: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # person -> article -> distinct quoted sentences, grouped once for the person pages
    quotes: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    claim_articles: list[str] = field(default_factory=list)  # articles any claim cites, newest first
    co_people: dict[str, list[str]] = field(default_factory=dict)
    support: dict[str, ClaimSupport] = field(default_factory=dict)
    feeds: set[str] = field(default_factory=set)  # "people/<id>" and "events/<id>" that get a feed


def feed_date(article: model.Article) -> dt.date:
    """The date subscribers see: the source's day if known, else when we added it."""
    p = article.published
    return p.first_day() if p is not None and p.precision == "day" else article.added


def _article_sort_key(a: model.Article):
    known = a.published is not None
    # Newest first; an unknown date sorts after every known one; ids break ties.
    return (not known, -(a.published.last_day().toordinal()) if known else 0, -a.added.toordinal(), a.id)


def build_index(corpus: model.Corpus, mentions: MentionIndex) -> Index:
    idx = Index(
        articles_newest=sorted(corpus.articles, key=lambda i: _article_sort_key(corpus.articles[i].meta)),
        events_chrono=sorted(corpus.events, key=lambda i: (corpus.events[i].start.first_day(),
                                                            (corpus.events[i].end or corpus.events[i].start).last_day(),
                                                            i)),
    )
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
        idx.support[cid] = _support(claim, corpus.articles)
    for kind, by_article, by_claim in (("people", idx.articles_by_person, idx.claims_by_person),
                                       ("events", idx.articles_by_event, idx.claims_by_event)):
        for key in {k for k, v in by_article.items() if v} | {k for k, cs in by_claim.items() if any(corpus.claims[c].changes for c in cs)}:
            idx.feeds.add(f"{kind}/{key}")
    idx.co_people = {pid: sorted(others - {pid}) for pid, others in together.items()}
    for pid, ms in mentions.by_person.items():
        by_article: dict[str, dict[str, None]] = {}
        for m in ms:  # a sentence naming someone twice is quoted once
            by_article.setdefault(m.article, {})[m.sentence] = None
        idx.quotes[pid] = {aid: list(sentences) for aid, sentences in by_article.items()}
    cited = {s.article for claim in corpus.claims.values() for s in claim.sources}
    idx.claim_articles = [a for a in idx.articles_newest if a in cited]
    return idx


def _support(claim: model.Claim, articles: dict[str, model.CleanArticle]) -> ClaimSupport:
    supporting = [s.article for s in claim.sources if s.stance == "asserts"]
    evidence = [a for a in supporting if not articles[a].meta.provenance.machine_generated]
    origins = sorted({o for a in evidence for o in articles[a].meta.provenance.origins})
    stances = {s.stance for s in claim.sources}
    return ClaimSupport(
        supporting=supporting,
        origins=origins,
        machine_only=[a for a in supporting if a not in evidence],
        disputed=bool(stances & {"contradicts", "different-value"}),
    )
