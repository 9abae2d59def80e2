"""Arabic dates in both month systems, by Babel (no hand-written month tables)."""

from __future__ import annotations

import datetime as dt
import functools

from babel.dates import format_date, get_month_names
from hijridate import Hijri

from .model import PartialDate

_LEVANT, _EGYPT = "ar_SY", "ar"  # كانون الأول / ديسمبر


@functools.cache
def month_name(month: int) -> str:
    levant = get_month_names("wide", locale=_LEVANT)[month]
    egypt = get_month_names("wide", locale=_EGYPT)[month]
    return f"{levant}/{egypt}"


def arabic_date(value: PartialDate | dt.date | None, unknown: str = "غير معروف") -> str:
    """'8 كانون الأول/ديسمبر 2024', 'كانون الأول/ديسمبر 2024' or '2024', by precision."""
    if value is None:
        return unknown
    if isinstance(value, dt.date):
        value = PartialDate(value.year, value.month, value.day)
    if value.month is None:
        return str(value.year)
    text = f"{month_name(value.month)} {value.year}"
    return f"{value.day} {text}" if value.day else text


def weekday(value: PartialDate) -> str | None:
    if value.precision != "day":
        return None
    return format_date(value.first_day(), "EEEE", locale=_LEVANT)


def date_range(start: PartialDate, end: PartialDate | None) -> str:
    if end is None or end == start:
        return arabic_date(start)
    return f"بين {arabic_date(start)} و{arabic_date(end)}"


PRECISION_AR = {"day": "باليوم", "month": "بالشهر فقط", "year": "بالسنة فقط"}


def hijri_to_gregorian(text: str) -> PartialDate | None:
    """The Gregorian date of a Hijri (Umm al-Qura) date "YYYY[-MM[-DD]]", with the same precision
    where the calendars allow: a Hijri month or year spans two Gregorian ones, so it keeps only the
    Gregorian year (or nothing finer than the first day's month when both ends agree)."""
    parts = [int(x) for x in text.split("-")]
    try:
        if len(parts) == 3:
            g = Hijri(*parts).to_gregorian()
            return PartialDate(g.year, g.month, g.day)
        first = Hijri(parts[0], parts[1] if len(parts) > 1 else 1, 1).to_gregorian()
        last_month = parts[1] if len(parts) > 1 else 12
        last = Hijri(parts[0], last_month, Hijri(parts[0], last_month, 1).month_length()).to_gregorian()
    except (ValueError, OverflowError):
        return None
    if (first.year, first.month) == (last.year, last.month):
        return PartialDate(first.year, first.month)
    return PartialDate(first.year) if first.year == last.year else None


def hijri_label(text: str) -> str:
    """'7 جمادى الآخرة 1446 هـ' as the source gave it."""
    parts = [int(x) for x in text.split("-")]
    if len(parts) == 1:
        return f"{parts[0]} هـ"
    month = Hijri(parts[0], parts[1], 1).month_name("ar")
    return (f"{parts[2]} " if len(parts) == 3 else "") + f"{month} {parts[0]} هـ"
