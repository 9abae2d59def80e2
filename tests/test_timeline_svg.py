"""The timeline picture, straight from the pure module: escaping, bars, ranges, links."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from build_tools import timeline_svg
from build_tools.model import Event, PartialDate

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "</text><script>alert(1)</script><a href=\"javascript:x\">&amp; [x](y) {{ c }} 'q'"


def ev(eid: str, start: PartialDate, end: PartialDate | None = None, title: str | None = None,
       inferred: bool = False) -> Event:
    return Event(id=eid, title=title or f"حدث {eid}", start=start, end=end, date_inferred=inferred)


def day(d: int, month: int = 12) -> PartialDate:
    return PartialDate(2024, month, d)


EVENTS = {
    "known-day": ev("known-day", day(2)),
    "open-range": ev("open-range", day(29, 11), day(2), inferred=True),
    "disputed-range": ev("disputed-range", day(26, 11), day(28, 11)),
    "last-day": ev("last-day", day(8)),
    "month-only": ev("month-only", PartialDate(2024, 12)),
}
ORDER = ["disputed-range", "open-range", "known-day", "last-day", "month-only"]
CERTAINTY = {"known-day": "confirmed", "open-range": "reported", "disputed-range": "disputed", "last-day": "reported",
             "month-only": "reported"}


def render(events=EVENTS, order=ORDER, certainty=CERTAINTY):
    return timeline_svg.render(events, order, certainty, "../events/")


def rows(svg: str) -> list[ET.Element]:
    return ET.fromstring(svg).findall(f".//{SVG}a")


def bar(row: ET.Element) -> ET.Element:
    (rect,) = [r for r in row.iter(f"{SVG}rect") if "tl-bar" in r.get("class", "")]
    return rect


def test_a_hostile_title_stays_text():
    events = {**EVENTS, "known-day": ev("known-day", day(2), title=HOSTILE)}
    svg = render(events)
    root = ET.fromstring(svg)  # well-formed XML
    assert not root.findall(f".//{SVG}script") and not root.findall(".//script")
    assert "<script" not in svg and "javascript:x\"" not in svg and "{{" not in svg and "[x]" not in svg
    (row,) = [r for r in rows(svg) if r.get("data-event") == "known-day"]
    text = "".join(row.find(f"{SVG}text").itertext())
    assert text.replace(" ", "") == " ".join(HOSTILE.split()).replace(" ", "")  # the title, as written
    assert row.find(f"{SVG}title").text.startswith(" ".join(HOSTILE.split()))
    assert [a.get("href") for a in rows(svg)].count("javascript:x") == 0


def test_one_linked_bar_per_event_in_order():
    svg = render()
    found = rows(svg)
    assert [r.get("data-event") for r in found] == ORDER
    assert [r.get("href") for r in found] == [f"../events/{eid}/" for eid in ORDER]
    for row in found:
        bar(row)  # exactly one bar each


def test_a_known_day_is_one_solid_day_and_a_range_covers_its_days():
    by_id = {r.get("data-event"): bar(r) for r in rows(render())}
    known = by_id["known-day"]
    assert "tl-day" in known.get("class") and known.get("data-first") == known.get("data-last")
    span = by_id["open-range"]
    assert "tl-range" in span.get("class")
    assert (int(span.get("data-first")), int(span.get("data-last"))) == (3, 6)  # 29 Nov – 2 Dec from 26 Nov
    assert "tl-disputed" in by_id["disputed-range"].get("class")
    assert "tl-reported" in by_id["last-day"].get("class") and "tl-confirmed" in known.get("class")


def test_time_runs_right_to_left():
    by_id = {r.get("data-event"): bar(r) for r in rows(render())}

    def right_edge(rect):
        return float(rect.get("x").rstrip("%")) + float(rect.get("width").rstrip("%"))

    assert right_edge(by_id["disputed-range"]) > right_edge(by_id["known-day"]) > right_edge(by_id["last-day"])


def test_a_month_only_date_runs_past_the_days_shown_marked_open():
    first, last = timeline_svg.axis(list(EVENTS.values()))
    assert (first, last) == (day(26, 11).first_day(), day(8).first_day())  # not stretched to 31 December
    (row,) = [r for r in rows(render()) if r.get("data-event") == "month-only"]
    assert "tl-range" in bar(row).get("class")
    assert any("tl-open" in s.get("class", "") for s in row.iter(f"{SVG}svg"))


def test_an_inferred_date_carries_its_mark():
    marked = {r.get("data-event") for r in rows(render())
              if any("tl-inferred" in s.get("class", "") for s in r.iter(f"{SVG}svg"))}
    assert marked == {"open-range"}


def test_long_titles_wrap_on_two_lines_and_nothing_is_lost():
    title = "آخر اتصال للمكتب الإعلامي بالأسد وطلبه اجتماعًا في حميميم قبل السقوط"
    lines = timeline_svg.wrap(title)
    assert len(lines) == 2 and " ".join(lines) == title
    assert timeline_svg.wrap("سقوط حلب") == ["سقوط حلب"]


def test_no_events_no_picture():
    assert timeline_svg.render({}, [], {}, "../events/") == ""
