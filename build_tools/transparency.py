"""`python -m build_tools explain sources/articles/<id>.txt`: every raw line, kept or removed, and the rule.

The same view readers get on the article's "as collected" page, in the terminal:
both come from ``cleaning.explain``, the pass that makes the article's body.
"""

from __future__ import annotations

from pathlib import Path

from .assemble import article_header
from .cleaning import BLANK, DUPLICATE, PER_ARTICLE_RULES, LineDecision, explain
from .load import load_sources
from .problems import Problems


class ExplainError(Exception):
    pass


def describe(d: LineDecision) -> tuple[str, str]:
    """(decision, rule) of one line, in the editor's words."""
    if d.block is not None:
        what = d.block.kind + (f" ({d.rule})" if d.rule else "")
        return "kept", what + (", machine-generated" if d.block.machine else "")
    rule = d.rule + (f" (line {d.first})" if d.rule == DUPLICATE and d.first else "")
    if d.rule in PER_ARTICLE_RULES:
        rule += " — this article's rule"
    return ("-" if d.rule == BLANK else "removed"), rule


def format_lines(decisions: list[LineDecision]) -> str:
    kept = sum(1 for d in decisions if d.kept)
    blank = sum(1 for d in decisions if d.rule == BLANK)
    rows = [describe(d) for d in decisions]
    width = max((len(rule) for _, rule in rows), default=0)
    out = [f"{len(decisions)} lines: {kept} kept, {len(decisions) - kept} removed ({blank} blank)"]
    for d, (decision, rule) in zip(decisions, rows, strict=True):
        text = " ".join(d.raw.split())
        warning = f"   <- warning: looks like site chrome ({d.suspect})" if d.suspect else ""
        out.append(f"{d.number:5d}  {decision:<7}  {rule:<{width}}  {text}".rstrip() + warning)
    return "\n".join(out)


def explain_file(root: Path, txt: Path) -> str:
    """The view for one raw article, by the rules in the .yml beside it."""
    txt = (root / txt).resolve() if not txt.is_absolute() else txt.resolve()
    folder = (root / "sources" / "articles").resolve()
    if txt.parent != folder or txt.suffix != ".txt":
        raise ExplainError(f"{txt} is not a raw article — give sources/articles/<id>.txt")
    if not txt.exists():
        raise ExplainError(f"{txt.relative_to(root)} does not exist — check the id")
    problems = Problems()
    loaded = load_sources(root, problems)
    aid = txt.stem
    meta, raw = loaded.articles.get(aid), loaded.raw.get(aid)
    if meta is None and aid in loaded.unloaded:  # a new article whose TODOs are not all filled in yet
        rules, raw = loaded.unloaded[aid]
        yml = txt.with_suffix(".yml").relative_to(root)
        return (f"{txt.relative_to(root)}, cleaned by the rules in {yml} (its other fields still have problems: "
                "make check lists them; the title and kicker lines are not recognised until they are fixed)\n"
                + format_lines(explain(raw, rules)))
    if meta is None or raw is None:
        mine = [p for p in problems.errors if aid in str(p)] or problems.errors
        raise ExplainError(f"cannot read {txt.relative_to(root)} and its .yml:\n" + "\n".join(map(str, mine))
                           + "\n— fix these (make check lists everything), then run explain again")
    header = f"{txt.relative_to(root)}, cleaned by the rules in {txt.with_suffix('.yml').relative_to(root)}\n"
    return header + format_lines(explain(raw, meta.cleaning, article_header(meta)))
