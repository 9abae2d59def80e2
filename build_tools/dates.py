"""Arabic dates in both month systems, by Babel (no hand-written month tables)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, get_month_names

from .model import PartialDate

_LEVANT, _EGYPT = "ar_SY", "ar"  # كانون الأول / ديسمبر


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
