"""Loaded sources -> the content model: clean each article once."""

from __future__ import annotations

from . import model
from .cleaning import RuleUse, clean
from .load import Loaded


def assemble(loaded: Loaded) -> tuple[model.Corpus, dict[str, RuleUse]]:
    """The corpus, and which per-article cleaning rules matched (for validation)."""
    articles, rule_use = {}, {}
    for aid, meta in sorted(loaded.articles.items()):
        raw = loaded.raw.get(aid)
        if raw is None:
            continue
        blocks, use = clean(raw, meta.cleaning, header=(meta.title or "", meta.kicker or "", meta.subtitle or ""))
        articles[aid] = model.CleanArticle(meta, raw, blocks)
        rule_use[aid] = use
    reg = loaded.registries
    return model.Corpus(
        dossier=loaded.dossier,
        outlets=reg["outlets"], people=reg["people"], events=reg["events"],
        articles=articles, claims=reg["claims"],
    ), rule_use
