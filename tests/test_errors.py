"""One broken input per error: exit code 1, the exact file:line:col message, no traceback,
and nothing built before is touched."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from conftest import cli, copy_project, mkdocs_build, tree_bytes

A = "saqr-podcast-palace-last-moments"
ART = f"sources/articles/{A}.yml"
TXT = f"sources/articles/{A}.txt"


def edit(project: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = project / rel
    text = path.read_text("utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, count), "utf-8")


def line_of(project: Path, rel: str, needle: str) -> int:
    for n, line in enumerate((project / rel).read_text("utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(needle)


def reseal(project: Path, aid: str = A) -> None:
    """Record the new sha256 after changing a raw file on purpose."""
    raw = (project / f"sources/articles/{aid}.txt").read_bytes()
    yml = project / f"sources/articles/{aid}.yml"
    text = yml.read_text("utf-8")
    yml.write_text(re.sub(r"^sha256: \w+$", f"sha256: {hashlib.sha256(raw).hexdigest()}", text, flags=re.M), "utf-8")


def syntax(p):
    edit(p, "sources/dossier.yml", "title: ", "title: [unclosed ")
    n = line_of(p, "sources/dossier.yml", "description:")
    return f"sources/dossier.yml:{n}:12: YAML syntax error: did not find expected ',' or ']'"


def tab(p):
    edit(p, ART, "\n  kind: podcast-write-up", "\n\tkind: podcast-write-up")
    return f"{ART}:{line_of(p, ART, 'kind: podcast')}:1: tab character — YAML needs spaces: replace the tab by spaces"


def duplicate_key(p):
    edit(p, ART, "language: ar\n", "language: ar\nlanguage: ar\n")
    n = line_of(p, ART, "language: ar")
    return f"{ART}:{n + 1}:1: duplicate key `language` (first at line {n}) — keep one of them and delete the other"


def unknown_field(p):
    edit(p, ART, "summary:", "sumary:")
    n = line_of(p, ART, "sumary:")
    return f"{ART}:{n}:1: unknown field `sumary` in article `{A}` — did you mean `summary`?"


def missing_field(p):
    edit(p, ART, "language: ar\n", "")
    return f"{ART}:2:1: missing required field `language` in article `{A}` — add `language: …`"


def wrong_type(p):
    edit(p, ART, "outlet: null", "outlet: [a, b]")
    return f"{ART}:{line_of(p, ART, 'outlet: [a')}:9: `outlet` must be a single value, not a list or mapping"


def impossible_date(p):
    edit(p, ART, "published: null", 'published: "2024-02-30"')
    n = line_of(p, ART, "published:")
    return f"{ART}:{n}:12: `published` `2024-02-30` is not a real date — write it as YYYY-MM-DD, YYYY-MM or YYYY"


def range_backwards(p):
    rel = "sources/events.yml"
    text = (p / rel).read_text("utf-8")
    eid = re.search(r"^([a-z0-9-]+):\n", text, re.M).group(1)
    edit(p, rel, f"{eid}:\n", f"{eid}:\n  end: \"1999-01-01\"\n")
    text = (p / rel).read_text("utf-8")
    start = re.search(rf"^{eid}:\n(?:  .*\n)*?  start: \"?([0-9-]+)", text, re.M).group(1)
    n = line_of(p, rel, 'end: "1999-01-01"')
    return f"{rel}:{n}:8: date range ends (1999-01-01) before it starts ({start}) — swap or correct the dates"


def bad_id(p):
    edit(p, "sources/people.yml", "\nkamel-saqr:", "\nKamel_Saqr:")
    n = line_of(p, "sources/people.yml", "Kamel_Saqr:")
    return f"sources/people.yml:{n}:1: id `Kamel_Saqr` is not lowercase Latin kebab-case (try `kamel-saqr`)"


def path_id(p):
    edit(p, "sources/events.yml", "\n", "\n../x:\n  title: t\n  start: \"2024\"\n", 1)
    return "sources/events.yml:2:1: id `../x` contains a path separator"


def duplicate_id(p):
    text = (p / "sources/people.yml").read_text("utf-8")
    block = re.search(r"^kamel-saqr:\n(?:[ #].*\n|\n)*", text, re.M).group(0)
    first = line_of(p, "sources/people.yml", "kamel-saqr:")
    (p / "sources/people.yml").write_text(text + "\n" + block, "utf-8")
    n = len((text + "\n").splitlines()) + 1
    return f"sources/people.yml:{n}:1: duplicate key `kamel-saqr` (first at line {first})"


def unknown_person(p):
    edit(p, ART, "people:\n", "people:\n  - nobody-here\n")
    n = line_of(p, ART, "- nobody-here")
    return f"{ART}:{n}:5: unknown person id `nobody-here` — add it to sources/people.yml first, or fix the spelling"


def unknown_event(p):
    edit(p, ART, "events:\n", "events:\n  - no-such-event\n")
    n = line_of(p, ART, "- no-such-event")
    return f"{ART}:{n}:5: unknown event id `no-such-event` — add it to sources/events.yml first, or fix the spelling"


def unknown_outlet(p):
    edit(p, ART, "outlet: null", "outlet: nowhere-news")
    n = line_of(p, ART, "outlet: nowhere")
    return f"{ART}:{n}:9: unknown outlet id `nowhere-news` — add it to sources/outlets.yml first, or fix the spelling"


def raw_missing(p):
    (p / TXT).unlink()
    return f"{TXT}: file is missing"


def raw_not_utf8(p):
    text = (p / TXT).read_text("utf-8")
    (p / TXT).write_bytes(text.encode("cp1256", errors="replace"))
    return f"{TXT}:1:1: file is not UTF-8 text (Windows-1256 or another encoding?) — save it again as UTF-8"


def raw_empty(p):
    (p / TXT).write_bytes(b"")
    return f"{TXT}:1:1: file is empty — add its content, or delete the file"


def raw_changed(p):
    data = bytearray((p / TXT).read_bytes())
    data[-5] ^= 1
    (p / TXT).write_bytes(bytes(data))
    return f"{TXT}: raw file changed: its sha256 is {hashlib.sha256(bytes(data)).hexdigest()}"


def python_tag(p):
    edit(p, ART, "summary:", 'evil: !!python/object/apply:os.system ["touch /tmp/pwned-dossier"]\nsummary:')
    n = line_of(p, ART, "evil:")
    return f"{ART}:{n}:7: YAML tag !!python/object/apply:os.system is not allowed"


def bidi_in_raw(p):
    (p / TXT).write_text((p / TXT).read_text("utf-8").replace("كشف", "\u202eكشف", 1), "utf-8")
    reseal(p)
    return f"{TXT}:3:1: invisible bidirectional control character U+202E — delete it: it can reorder the text readers see"


def zero_width_in_yaml(p):
    edit(p, ART, "summary: >-\n  ", "summary: >-\n  \u200b")
    n = line_of(p, ART, "\u200b")
    return f"{ART}:{n}:3: invisible zero-width character U+200B — delete it"


def quote_corrupted(p):
    """Change one character inside the first quote of the first claim; return (claim, article)."""
    import yaml

    rel = p / "sources/claims.yml"
    text = rel.read_text("utf-8")
    cid, claim = next(iter(yaml.safe_load(text).items()))
    src = next(s for s in claim["sources"] if s.get("quote"))
    quote = src["quote"]
    pos = text.index(quote[:15]) + 5
    rel.write_text(text[:pos] + ("ظ" if text[pos] != "ظ" else "ض") + text[pos + 1:], "utf-8")
    return cid, src["article"]


CASES = [syntax, tab, duplicate_key, unknown_field, missing_field, wrong_type, impossible_date, range_backwards,
         bad_id, path_id, duplicate_id, unknown_person, unknown_event, unknown_outlet, raw_missing, raw_not_utf8,
         raw_empty, raw_changed, python_tag, bidi_in_raw, zero_width_in_yaml]


@pytest.fixture(scope="module")
def prebuilt(built, tmp_path_factory):
    return built


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__)
def test_bad_input(case, prebuilt, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(prebuilt, project)
    before = tree_bytes(project / "site"), tree_bytes(project / "docs")
    expected = case(project)
    for command in ("check", "build"):
        result = cli(project, command)
        assert result.returncode == 1, result.stdout
        assert "Traceback" not in result.stderr
        assert any(line.startswith(expected) for line in result.stderr.splitlines()), result.stderr
    assert (tree_bytes(project / "site"), tree_bytes(project / "docs")) == before
    assert not Path("/tmp/pwned-dossier").exists()


def test_corrupted_quote_names_claim_and_article(prebuilt, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(prebuilt, project)
    cid, aid = quote_corrupted(project)
    result = cli(project, "check")
    assert result.returncode == 1
    lines = [x for x in result.stderr.splitlines() if f"claim `{cid}`: quote not found in article `{aid}`" in x]
    assert len(lines) == 1 and re.match(r"sources/claims\.yml:\d+:\d+: ", lines[0]), result.stderr


def test_mkdocs_build_fails_cleanly_and_keeps_site(prebuilt, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(prebuilt, project)
    before = tree_bytes(project / "site")
    expected = unknown_person(project)
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert expected in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert tree_bytes(project / "site") == before


def test_all_problems_in_one_run_sorted(prebuilt, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(prebuilt, project)
    expected = [unknown_outlet(project), range_backwards(project), bad_id(project)]
    result = cli(project, "check")
    lines = [x for x in result.stderr.splitlines() if x.startswith("sources/")]
    found = [next(i for i, x in enumerate(lines) if x.startswith(e)) for e in expected]
    assert len(found) == 3
    assert lines == sorted(lines, key=lambda x: (x.split(":")[0], int(x.split(":")[1] or 0)))


def test_nfd_quote_matches_nfc_text(prebuilt, tmp_path):
    import unicodedata
    project = tmp_path / "p"
    shutil.copytree(prebuilt, project)
    rel = project / "sources/claims.yml"
    rel.write_text(unicodedata.normalize("NFD", rel.read_text("utf-8")), "utf-8")
    assert cli(project, "check").returncode == 0


@pytest.mark.parametrize("variant", ["crlf", "big"])
def test_crlf_and_ten_megabyte_articles_build(variant, tmp_path):
    project = copy_project(tmp_path / "p")
    raw = (project / TXT).read_bytes()
    if variant == "crlf":
        raw = raw.replace(b"\n", b"\r\n")
    else:
        filler = "فقرة اختبار رقم {} لقياس الحجم الكبير.\n\n"
        raw += b"\n" + "".join(filler.format(i) for i in range(200_000)).encode()
        assert len(raw) > 10_000_000
    (project / TXT).write_bytes(raw)
    reseal(project)
    result = cli(project, "build")
    assert result.returncode == 0, result.stderr
    page = (project / "docs/articles" / f"{A}.md").read_text("utf-8")
    assert "\r" not in page
    assert "أوضح صقر أن الروس والإيرانيين حاولوا دفع الأسد للقاء الرئيس التركي" in page


def test_warnings_do_not_fail_except_under_strict(project):
    edit(project, ART, "  - habib-abbas\n", "")
    expected = f"{ART}:{line_of(project, ART, 'people:') + 1}:3: warning: article mentions `habib-abbas` but does not list it"
    relaxed = cli(project, "check")
    assert relaxed.returncode == 0 and expected in relaxed.stderr
    strict = cli(project, "check", "--strict")
    assert strict.returncode == 1 and expected in strict.stderr
