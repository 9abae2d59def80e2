"""Loaded sources -> the content model: clean each article once."""

from __future__ import annotations

from typing import cast

from . import model, parallel
from .cleaning import RuleUse, clean
from .dates import hijri_to_gregorian
from .load import Loaded


def article_header(meta: model.Article) -> tuple[str, ...]:
    """The lines the page header shows (title, kicker, subtitle): cleaning does not repeat them in the body."""
    return (meta.title or "", meta.kicker or "", meta.subtitle or "")


def assemble(loaded: Loaded) -> tuple[model.Corpus, dict[str, RuleUse]]:
    """The corpus, and which per-article cleaning rules matched (for validation)."""
    articles, rule_use = {}, {}
    todo = []
    for aid, meta in sorted(loaded.articles.items()):
        if meta.published is None and meta.published_hijri:  # entered as the source gives it
            meta.published = hijri_to_gregorian(meta.published_hijri)
        raw = loaded.raw.get(aid)
        if raw is None:
            continue
        # Cached with the article when its metadata and raw text are unchanged (see cache.py).
        entry = loaded.cache.entries.get(aid)
        if entry is not None and entry.get("article") is meta and "blocks" in entry:
            articles[aid] = model.CleanArticle(meta, raw, entry["blocks"])
            rule_use[aid] = entry["use"]
        else:
            todo.append(aid)

    def cleaned(aid: str) -> tuple[list[model.Block], RuleUse]:
        meta = loaded.articles[aid]
        return clean(loaded.raw[aid], meta.cleaning, header=article_header(meta))

    for aid, (blocks, use) in zip(todo, parallel.imap(cleaned, todo), strict=True):
        meta = loaded.articles[aid]
        entry = loaded.cache.entries.get(aid)
        if entry is not None and entry.get("article") is meta and entry.get("raw_clean"):
            loaded.cache.put(aid, blocks=blocks, use=use)
        articles[aid] = model.CleanArticle(meta, loaded.raw[aid], blocks)
        rule_use[aid] = use
    articles, rule_use = dict(sorted(articles.items())), dict(sorted(rule_use.items()))
    reg = loaded.registries
    # The registries hold only objects of their type (load.REGISTRIES); a missing dossier stops
    # the build right after validation, before anything reads it.
    return model.Corpus(
        dossier=cast(model.Dossier, loaded.dossier),
        outlets=cast(dict[str, model.Outlet], reg["outlets"]), people=cast(dict[str, model.Person], reg["people"]),
        events=cast(dict[str, model.Event], reg["events"]), articles=articles,
        claims=cast(dict[str, model.Claim], reg["claims"]),
    ), rule_use
