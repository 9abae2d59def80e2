"""The timeline as a picture: one SVG, drawn at build time, of every event over the days.

Time runs right to left, as Arabic is read: the earliest day is at the right edge. Each
event is a row: its title on one line (two when long), and under it a bar over the days
it may have happened on. A day we know is a solid block; a range the sources leave open
(or dispute) is a pale band with its ends marked. The outline says how sure we are:
solid for confirmed, dashed for reported by one origin, red and hatched for disputed.
A circled «i» follows a date we inferred. Each row links to its event's page.

No viewBox: horizontal positions are percentages of the figure's width and text sizes
are pixels, so the same picture fits a 390 px phone and a desktop column without its
text shrinking or growing. The days shown are those the sources give to the day; a date
known only to the month or the year runs on past the edge, marked open.

Pure: events in, SVG text out. Every text from sources/ is escaped here.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from . import dates, labels, model

# Characters turned into numeric character references: XML's own (& < > " ') and every
# other ASCII punctuation mark, so that a title is plain text in the SVG and also inert in
# the Markdown page the SVG is embedded in (the same set the `md` filter escapes).
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_ESCAPES = str.maketrans({ch: f"&#{ord(ch)};" for ch in _PUNCTUATION})

FONT_PX = 15  # titles
SMALL_PX = 13  # axis and legend
LINE_PX = 22  # one line of title
BAR_PX = 12
ROW_GAP_PX = 14
WRAP_CHARS = 40  # a title longer than this (about 330 px of Naskh at 15 px) goes on two lines
LEFT, RIGHT = 6.0, 98.0  # the plot's edges, in percent of the width (room at the left for marks)
MAX_TICKS = 14  # day labels along the axis: 14 two-digit numbers fit a phone


def escape(text: str) -> str:
    """Text from sources/ -> SVG/XML text: whitespace folded, punctuation as references."""
    return " ".join(str(text).split()).translate(_ESCAPES)


@dataclass(frozen=True)
class Bar:
    """One event on the axis: which days it covers, clipped to the axis."""

    eid: str
    first: int  # day index from the axis start, inclusive
    last: int  # inclusive
    open_before: bool  # the range starts before the first day shown
    open_after: bool  # and runs past the last
    single: bool  # a day the sources give (not a range)
    certainty: str
    inferred: bool


def axis(events: Sequence[model.Event]) -> tuple[dt.date, dt.date]:
    """The days to draw: from the earliest to the latest date given to the day.

    Dates known only to the month or year do not stretch the axis (a whole December would
    leave the days that matter a few pixels wide); when no date is given to the day, the
    axis spans every range.
    """
    bounds = [d for e in events for d in (e.start, e.end) if d is not None]
    daily = [d for d in bounds if d.precision == "day"] or bounds
    return min(d.first_day() for d in daily), max(d.last_day() for d in daily)


def bars(events: Mapping[str, model.Event], order: Sequence[str], certainty: Mapping[str, str]) -> list[Bar]:
    """One bar per event, in ``order``."""
    first_day, last_day = axis([events[eid] for eid in order])
    span = (last_day - first_day).days
    out = []
    for eid in order:
        e = events[eid]
        lo = (e.start.first_day() - first_day).days
        hi = ((e.end or e.start).last_day() - first_day).days
        out.append(Bar(
            eid=eid,
            first=max(0, min(lo, span)),
            last=max(0, min(hi, span)),
            open_before=lo < 0,
            open_after=hi > span,
            single=e.end is None and e.start.precision == "day",
            certainty=certainty[eid],
            inferred=e.date_inferred,
        ))
    return out


def wrap(title: str, limit: int = WRAP_CHARS) -> list[str]:
    """A title as one line, or two split at the space nearest the middle."""
    words = title.split()
    if len(title) <= limit or len(words) < 2:
        return [" ".join(words)]
    cuts = range(1, len(words))
    best = min(cuts, key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return [" ".join(words[:best]), " ".join(words[best:])]


def _pct(x: float) -> str:
    return f"{x:.3f}%"


def _day_x(day: int, n_days: int) -> tuple[float, float]:
    """The left and right edges (percent) of day ``day``: day 0 at the right."""
    width = (RIGHT - LEFT) / n_days
    return RIGHT - (day + 1) * width, RIGHT - day * width


def _ticks(n_days: int) -> list[int]:
    step = max(1, -(-n_days // MAX_TICKS))
    return list(range(0, n_days, step))


def _axis_rows(y: int, start: dt.date, n_days: int) -> list[str]:
    """Day numbers, and each month's name at its first day shown (alternate lines, never overlapping)."""
    out = []
    for d in _ticks(n_days):
        lo, hi = _day_x(d, n_days)
        day = start + dt.timedelta(days=d)
        out.append(f'<text class="tl-tick" x="{_pct((lo + hi) / 2)}" y="{y}" text-anchor="middle">{day.day}</text>')
    months = [d for d in range(n_days) if d == 0 or (start + dt.timedelta(days=d)).day == 1]
    for i, d in enumerate(months):
        day = start + dt.timedelta(days=d)
        out.append(f'<text class="tl-month" x="{_pct(_day_x(d, n_days)[1])}" y="{y + 16 + 15 * (i % 2)}">'
                   f'{escape(dates.month_name(day.month))} {day.year}</text>')
    return out


LEGEND = [  # (classes of the swatch, what it means)
    ("tl-bar tl-day tl-confirmed", "يوم تذكره المصادر"),
    ("tl-bar tl-range tl-confirmed", "مدى الأيام التي تسمح بها المصادر"),
    ("tl-bar tl-swatch tl-confirmed", labels.CERTAINTY_AR["confirmed"]),
    ("tl-bar tl-swatch tl-reported", labels.CERTAINTY_AR["reported"]),
    ("tl-bar tl-range tl-disputed", labels.CERTAINTY_AR["disputed"]),
    ("inferred", labels.INFERRED_AR),
    ("open", "تاريخ بالشهر أو بالسنة فقط، يمتد خارج الأيام المعروضة"),
]


def _legend(y: int) -> tuple[list[str], int]:
    out = ['<g class="tl-legend-box">']
    swatch_left, text_x = RIGHT - 7, _pct(RIGHT - 8.5)
    for classes, text in LEGEND:
        mid = y + BAR_PX / 2
        if classes == "inferred":
            out.append(_inferred_mark(RIGHT - 1, mid))
        elif classes == "open":
            out.append(f'<rect class="tl-bar tl-range tl-confirmed" x="{_pct(swatch_left)}" y="{y}" width="7%" '
                       f'height="{BAR_PX}"/>' + _open_mark(swatch_left, mid))
        else:
            out.append(f'<rect class="{classes}" x="{_pct(swatch_left)}" y="{y}" width="7%" height="{BAR_PX}" rx="2"/>')
        out.append(f'<text class="tl-legend" x="{text_x}" y="{y + 11}">{escape(text)}</text>')
        y += 22
    out.append("</g>")
    return out, y


def _mark(x_pct: float, cy: float, cls: str, body: str) -> str:
    """Shapes drawn in pixels around a point given in percent of the width."""
    return (f'<svg class="{cls}" x="{_pct(x_pct)}" y="{cy:.1f}" width="1" height="1" overflow="visible" '
            f'aria-hidden="true">{body}</svg>')


def _inferred_mark(x_pct: float, cy: float) -> str:
    """A circled «i» 10 px left of ``x_pct``, drawn (no font needed): a date we inferred."""
    return _mark(x_pct, cy, "tl-inferred", '<circle cx="-10" cy="0" r="6"/><rect x="-10.9" y="-1.5" '
                 'width="1.8" height="5"/><circle class="tl-dot" cx="-10" cy="-3.6" r="1.1"/>')


def _open_mark(x_pct: float, cy: float, pointing_left: bool = True) -> str:
    """A chevron inside a bar's clipped end: the range goes on beyond the days shown."""
    path = "M7,-4 L3,0 L7,4" if pointing_left else "M-7,-4 L-3,0 L-7,4"
    return _mark(x_pct, cy, "tl-open", f'<path d="{path}"/>')


STYLE = f"""
.tl-title{{font-size:{FONT_PX}px;fill:#1a1a1a}}
.tl-row:hover .tl-title,.tl-row:focus .tl-title{{text-decoration:underline}}
.tl-row:focus{{outline:2px solid #1a4f8a}}
.tl-tick,.tl-month,.tl-legend{{font-size:{SMALL_PX}px;fill:#3d3d3d}}
.tl-month{{font-weight:700}}
.tl-grid{{stroke:#d9d9d9;stroke-width:1}}
.tl-bar{{stroke-width:2}}
.tl-confirmed{{stroke:#1a4f8a}}
.tl-reported{{stroke:#1a4f8a;stroke-dasharray:4 3}}
.tl-disputed{{stroke:#b3261e}}
.tl-day.tl-confirmed{{fill:#1a4f8a}}
.tl-day.tl-reported{{fill:#fff}}
.tl-range.tl-confirmed,.tl-range.tl-reported{{fill:#c9daf0}}
.tl-swatch{{fill:#fff}}
.tl-disputed{{fill:url(#tl-hatch)}}
.tl-day.tl-disputed{{fill:#b3261e}}
.tl-inferred circle{{fill:#fff;stroke:#3d3d3d;stroke-width:1.4}}
.tl-inferred rect,.tl-inferred .tl-dot{{fill:#3d3d3d;stroke:none}}
.tl-open path{{fill:none;stroke:#1a1a1a;stroke-width:1.6}}
.tl-hit{{fill:transparent}}
"""


def render(events: Mapping[str, model.Event], order: Sequence[str], certainty: Mapping[str, str],
           href_prefix: str) -> str:
    """The SVG of the events in ``order`` (one row each), linking to ``href_prefix + id + "/"``."""
    if not order:
        return ""
    start, end = axis([events[eid] for eid in order])
    n_days = (end - start).days + 1
    parts: list[str] = []
    legend, y = _legend(8)
    parts += legend
    axis_top = y + 10
    parts += _axis_rows(axis_top, start, n_days)
    y = axis_top + 46
    rows: list[str] = []
    for bar in bars(events, order, certainty):
        e = events[bar.eid]
        lines = wrap(e.title)
        title = escape(e.title)
        when = escape(f"{dates.date_range(e.start, e.end)} — {labels.CERTAINTY_AR[bar.certainty]}"
                      + (f" — {labels.INFERRED_AR}" if bar.inferred else ""))
        lo = _day_x(bar.last, n_days)[0]
        hi = _day_x(bar.first, n_days)[1]
        text_y = y + FONT_PX
        # The space between wrapped lines keeps the title's words apart for screen readers and
        # copy-paste; each line restarts at x, so it is never drawn.
        tspans = " ".join(f'<tspan x="{_pct(RIGHT)}" dy="{0 if i == 0 else LINE_PX}">{escape(line)}</tspan>'
                          for i, line in enumerate(lines))
        bar_y = y + LINE_PX * len(lines) + 2
        row_h = LINE_PX * len(lines) + BAR_PX + ROW_GAP_PX
        kind = "tl-day" if bar.single else "tl-range"
        row = [f'<a class="tl-row" href="{html.escape(href_prefix + bar.eid)}/" data-event="{html.escape(bar.eid)}">',
               f'<title>{title}: {when}</title>',
               f'<rect class="tl-hit" x="0" y="{y - 4}" width="100%" height="{row_h}"/>',
               f'<text class="tl-title" x="{_pct(RIGHT)}" y="{text_y}">{tspans}</text>',
               (f'<rect class="tl-bar {kind} tl-{bar.certainty}" x="{_pct(lo)}" y="{bar_y}" '
                f'width="{_pct(hi - lo)}" height="{BAR_PX}" rx="2" data-first="{bar.first}" data-last="{bar.last}"/>')]
        mid = bar_y + BAR_PX / 2
        if bar.open_after:
            row.append(_open_mark(lo, mid, pointing_left=True))
        if bar.open_before:
            row.append(_open_mark(hi, mid, pointing_left=False))
        if bar.inferred:
            row.append(_inferred_mark(lo, mid))
        row.append("</a>")
        rows.append("".join(row))
        y += row_h
    grid = []
    for d in range(n_days + 1):
        x = _pct(RIGHT - d * (RIGHT - LEFT) / n_days)
        grid.append(f'<line class="tl-grid" x1="{x}" x2="{x}" y1="{axis_top + 4}" y2="{y}"/>')
    parts += grid + rows + _axis_rows(y + 14, start, n_days)
    height = y + 14 + 40
    defs = ('<defs><pattern id="tl-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f6d5d2"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="#b3261e" stroke-width="2"/></pattern>'
            f'<style>{STYLE.strip()}</style></defs>')
    label = escape("الأحداث على محور الأيام، من اليمين إلى اليسار")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="dossier-timeline-svg" width="100%" height="{height}" '
            f'direction="rtl" role="group" aria-label="{label}">'
            + defs + "".join(parts) + "</svg>")
