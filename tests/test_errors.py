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
    return f"{ART}:2:1: missing required field `language` in article `{A}` — add `language: ar`"


def wrong_type(p):
    edit(p, ART, "outlet: null", "outlet: [a, b]")
    return (f"{ART}:{line_of(p, ART, 'outlet: [a')}:9: `outlet` must be a single value, not a list or mapping — "
            "write it on one line after the colon, like `outlet: …`")


def todo_left(p):
    edit(p, ART, "language: ar\n", "language: TODO\n")
    n = line_of(p, ART, "language: TODO")
    return f"{ART}:{n}:11: `language` is still TODO — replace TODO: Language of the article; one of: ar"


def change_not_a_mapping(p):
    """A correction written as one line of text: the message names the fields and shows them."""
    rel = "sources/events.yml"
    text = (p / rel).read_text("utf-8")
    item = re.search(r'^    - date: "([0-9-]+)"\n      note: "', text, re.M)
    (p / rel).write_text(text[:item.start()] + f'    - "{item.group(1)} — ' + text[item.end():], "utf-8")
    n = line_of(p, rel, f'    - "{item.group(1)} — ')
    return (f"{rel}:{n}:7: `changes` item 1 must be a mapping with `date` and `note` — write it as "
            '`- date: "2024-12-08"` / `note: …`, one field per line')


def list_expected(p):
    edit(p, "sources/people.yml", '  variants:\n    - "صقر"\n', '  variants: "صقر"\n')
    n = line_of(p, "sources/people.yml", 'variants: "صقر"')
    return (f"sources/people.yml:{n}:13: `variants` must be a list — write one `- …` line per item under it, "
            "or `variants: [a, b]`")


def provenance_not_a_mapping(p):
    text = (p / ART).read_text("utf-8")
    (p / ART).write_text(re.sub(r"^provenance:\n(  .*\n)+", "provenance: podcast-write-up\n", text, flags=re.M),
                         "utf-8")
    n = line_of(p, ART, "provenance: podcast")
    return (f"{ART}:{n}:13: `provenance` must be a mapping with `kind` and `origins` (and optionally "
            "`machine_generated` or `note`) — write it as `kind: news-report` / `origins: […]`, one field per line")


REDIRECTS = "sources/redirects.yml"


def redirect_from_an_existing_id(p):
    edit(p, REDIRECTS, "people: {}", "people:\n  kamel-saqr: habib-abbas")
    n = line_of(p, REDIRECTS, "kamel-saqr: habib-abbas")
    return (f"{REDIRECTS}:{n}:3: person `kamel-saqr` still exists, so its address needs no redirect — finish the "
            "rename (rename `kamel-saqr` in sources/people.yml and in every reference to it), or delete this line")


def redirect_to_nowhere(p):
    edit(p, REDIRECTS, "events: {}", "events:\n  gone-event: no-such-event")
    n = line_of(p, REDIRECTS, "gone-event: no-such-event")
    return (f"{REDIRECTS}:{n}:15: redirect from `gone-event` leads to unknown event id `no-such-event` — write the "
            "id the event has now, or add `no-such-event` to sources/events.yml")


def redirect_section_unknown(p):
    edit(p, REDIRECTS, "events: {}", "events: {}\nclaims:\n  old-claim: new-claim")
    n = line_of(p, REDIRECTS, "claims:")
    return (f"{REDIRECTS}:{n}:1: unknown section `claims` in redirects.yml — the sections are `articles:`, "
            "`people:`, `events:`, each with `old-id: new-id` lines")


def published_address_gone(p):
    rel = "sources/published-urls.txt"
    with open(p / rel, "a", encoding="utf-8") as f:
        f.write("/events/vanished-event/\n")
    n = line_of(p, rel, "/events/vanished-event/")
    return (f"{rel}:{n}:1: `/events/vanished-event/` was published but the build no longer produces it — add "
            "`vanished-event: <its new id>` under `events:` in sources/redirects.yml if the event was renamed or "
            "replaced, or restore the id `vanished-event` in sources/events.yml")


def misspelt_person(p):
    edit(p, ART, "people:\n", "people:\n  - kamel-saqar\n")
    n = line_of(p, ART, "- kamel-saqar")
    return (f"{ART}:{n}:5: unknown person id `kamel-saqar` — add `kamel-saqar` to sources/people.yml, or correct or "
            "remove this reference; did you mean `kamel-saqr`?")


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
    return (f"{ART}:{n}:5: unknown person id `nobody-here` — add `nobody-here` to sources/people.yml, or correct or "
            "remove this reference")


def unknown_event(p):
    edit(p, ART, "events:\n", "events:\n  - no-such-event\n")
    n = line_of(p, ART, "- no-such-event")
    return (f"{ART}:{n}:5: unknown event id `no-such-event` — add `no-such-event` to sources/events.yml, or correct "
            "or remove this reference")


def unknown_outlet(p):
    edit(p, ART, "outlet: null", "outlet: nowhere-news")
    n = line_of(p, ART, "outlet: nowhere")
    return (f"{ART}:{n}:9: unknown outlet id `nowhere-news` — add `nowhere-news` to sources/outlets.yml, or correct "
            "or remove this reference")


def raw_missing(p):
    (p / TXT).unlink()
    return f"{TXT}:1:1: file is missing — create it, or restore it from git"


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
    return f"{TXT}:1:1: raw file changed: its sha256 is {hashlib.sha256(bytes(data)).hexdigest()}"


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


def _symlink(target: str):
    def case(p):
        (p / TXT).unlink()
        (p / TXT).symlink_to(target)
        return (f"{TXT}:1:1: is a symbolic link — put the file itself here: only regular files inside "
                "sources/ are read")
    case.__name__ = f"raw_symlink_to_{Path(target).name}"
    return case


def yml_symlink(p):
    other = p / "sources/articles/elsewhere.yaml"
    (p / ART).rename(other)
    (p / ART).symlink_to(other)
    return f"{ART}:1:1: is a symbolic link — put the file itself here: only regular files inside sources/ are read"


def registry_symlink(p):
    (p / "sources/people.yml").rename(p / "people-outside.yml")
    (p / "sources/people.yml").symlink_to(p / "people-outside.yml")
    return "sources/people.yml:1:1: is a symbolic link"


def raw_is_directory(p):
    (p / "sources/articles/x.txt").mkdir()
    return "sources/articles/x.txt:1:1: is a directory — sources/ holds plain text files only: move or delete it"


def raw_is_fifo(p):
    import os
    (p / TXT).unlink()
    os.mkfifo(p / TXT)
    return f"{TXT}:1:1: is not a regular file — sources/ holds plain text files only: move or delete it"


def raw_too_big(p):
    with open(p / TXT, "ab") as f:
        f.truncate(17 * 1024 * 1024)
    return f"{TXT}:1:1: file is 17,825,792 bytes, over the limit of 16,777,216 — split the file, or check that it is really what belongs here"


def control_in_raw(p):
    (p / TXT).write_text((p / TXT).read_text("utf-8").replace("كشف", "\x1bكشف", 1), "utf-8")
    reseal(p)
    return (f"{TXT}:3:1: control character U+001B — delete it: it is invisible and breaks feeds "
            "(paste the text again as plain text)")


def nul_in_title(p):
    edit(p, ART, "language: ar\n", 'language: ar\nkicker: "\\0 تمهيد"\n')
    n = line_of(p, ART, "kicker:")
    return f"{ART}:{n}:9: `kicker` control character U+0000 — delete it"


def noncharacter_in_yaml(p):
    edit(p, ART, "summary: >-\n  ", "summary: >-\n  \ufffe")
    n = line_of(p, ART, "\ufffe")
    return f"{ART}:{n}:3: noncharacter U+FFFE — delete it: it is not a character readers can see"


def long_id(p):
    long = "a" + "-abcdefgh" * 33  # 298 characters: a file name too long for the disk
    edit(p, "sources/events.yml", "\n", f"\n{long}:\n  title: t\n  start: \"2024\"\n", 1)
    return f"sources/events.yml:2:1: id `{long}` is {len(long)} characters long, over the limit of 80"


def long_article_id(p):
    long = "a" + "-abcdefgh" * 12
    (p / TXT).rename(p / f"sources/articles/{long}.txt")
    (p / ART).rename(p / f"sources/articles/{long}.yml")
    return f"sources/articles/{long}.yml:1:1: id `{long}` is {len(long)} characters long, over the limit of 80"


def wikidata_link(p):
    edit(p, "sources/people.yml", "\nkamel-saqr:\n", '\nkamel-saqr:\n  wikidata: "Q1)[x](javascript:alert(1)"\n')
    n = line_of(p, "sources/people.yml", "wikidata: \"Q1)")
    return (f"sources/people.yml:{n}:13: `wikidata` `Q1)[x](javascript:alert(1)` does not have the expected form "
            "(^Q[1-9][0-9]{0,11}$) — write the item id only, like Q1234, or null if unsure")


def javascript_url(p):
    edit(p, ART, "url: null", 'url: "javascript:alert(1)"')
    n = line_of(p, ART, "url: \"javascript")
    return (f"{ART}:{n}:6: `url` is not a web address we can link to: 'javascript:alert(1)' does not start with "
            "http:// or https:// — give the full http:// or https:// address as the browser shows it")


def hijri_date(p):
    edit(p, ART, "published: null", 'published: "1446-06-07"')
    n = line_of(p, ART, "published:")
    return (f"{ART}:{n}:12: `published` 1446-06-07 is outside the dossier's dates (1900–2099) — write the Gregorian "
            "date (a Hijri date such as 1446-06-07 is not accepted)")


def duplicate_in_list(p):
    edit(p, ART, "people:\n", "people:\n  - kamel-saqr\n  - kamel-saqr\n")
    n = line_of(p, ART, "- kamel-saqr")
    return f"{ART}:{n + 1}:5: `kamel-saqr` is listed twice in `people` — delete the second one"


def _short_quote(quote: str):
    def case(p):
        import yaml
        rel = "sources/claims.yml"
        text = (p / rel).read_text("utf-8")
        cid, claim = next(iter(yaml.safe_load(text).items()))
        aid = next(x for x in claim["sources"] if x.get("quote"))["article"]
        first_quote = re.search(r'^      quote: "[^"]+"$', text, re.M).group(0)
        (p / rel).write_text(text.replace(first_quote, f'      quote: "{quote}"', 1), "utf-8")
        n = line_of(p, rel, f'quote: "{quote}"')
        return (f"{rel}:{n}:14: claim `{cid}`: quote from `{aid}` is too short to be evidence — quote the whole "
                "statement: at least 4 words and 20 characters")
    case.__name__ = f"short_quote_{len(quote)}"
    return case


CASES = [syntax, tab, duplicate_key, unknown_field, missing_field, wrong_type, impossible_date, range_backwards,
         bad_id, path_id, duplicate_id, unknown_person, unknown_event, unknown_outlet, raw_missing, raw_not_utf8,
         raw_empty, raw_changed, python_tag, bidi_in_raw, zero_width_in_yaml, _symlink("/etc/passwd"),
         _symlink("/dev/zero"), yml_symlink, registry_symlink, raw_is_directory, raw_is_fifo, raw_too_big,
         control_in_raw, nul_in_title, noncharacter_in_yaml, long_id, long_article_id, wikidata_link, javascript_url, hijri_date,
         duplicate_in_list, _short_quote("الأسد"), _short_quote("،"), todo_left, change_not_a_mapping, list_expected,
         provenance_not_a_mapping, misspelt_person, redirect_from_an_existing_id, redirect_to_nowhere,
         redirect_section_unknown, published_address_gone]

# Every message keeps the documented form: file:line:col: what — what to do.
FORM = re.compile(r"^sources/[^:]+:\d+:\d+: (warning: )?\S.* — \S.*$")


@pytest.fixture(scope="module")
def prebuilt(built, tmp_path_factory):
    return built


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__)
def test_bad_input(case, prebuilt, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(prebuilt, project)
    before = tree_bytes(project / "site"), tree_bytes(project / "build")
    expected = case(project)
    for command in ("check", "build"):
        result = cli(project, command)
        assert result.returncode == 1, result.stdout
        assert "Traceback" not in result.stderr
        assert any(line.startswith(expected) for line in result.stderr.splitlines()), result.stderr
        problem_lines = [x for x in result.stderr.splitlines() if x.startswith("sources/")]
        assert problem_lines and all(FORM.match(x) for x in problem_lines), result.stderr
    assert "root:" not in result.stderr and "/etc/passwd" not in "".join(
        x.read_text("utf-8", "replace") for x in (project / "build").rglob("*.md"))
    assert (tree_bytes(project / "site"), tree_bytes(project / "build")) == before
    assert not Path("/tmp/pwned-dossier").exists()


def test_corrupted_quote_names_claim_and_article(prebuilt, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(prebuilt, project)
    cid, aid = quote_corrupted(project)
    result = cli(project, "check")
    assert result.returncode == 1
    lines = [x for x in result.stderr.splitlines() if f"claim `{cid}`: quote not found in article `{aid}`" in x]
    assert len(lines) == 1 and re.match(r"sources/claims\.yml:\d+:\d+: ", lines[0]), result.stderr
    # where it differs: the changed letter in the quote, the original in the article's closest passage
    m = re.search(r"; closest passage: «(.+)», where the quote has «(.+)» and the article «(.+)» — copy it", lines[0])
    assert m, lines[0]
    passage, quote_has, article_has = m.groups()
    assert quote_has != article_has and article_has in passage and ("ظ" in quote_has or "ض" in quote_has)


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
    errors = [x for x in lines if ": warning: " not in x]
    assert lines[:len(errors)] == errors, "errors come before warnings"
    assert errors == sorted(errors, key=lambda x: (x.split(":")[0], int(x.split(":")[1])))


@pytest.mark.parametrize("registry", ["people", "events", "outlets"])
@pytest.mark.parametrize("breakage", ["syntax", "tab", "encoding", "invisible"])
def test_root_cause_first_and_alone(prebuilt, tmp_path, registry, breakage):
    """A registry that cannot be read is reported first, without the references that depend on it."""
    project = tmp_path / "p"
    shutil.copytree(prebuilt, project)
    rel = f"sources/{registry}.yml"
    text = (project / rel).read_text("utf-8")
    first_key = re.search(r"^([a-z0-9-]+):$", text, re.M).group(0)
    broken = {"syntax": text.replace(first_key, first_key + " [", 1),
              "tab": text.replace(first_key + "\n  ", first_key + "\n\t", 1),
              "invisible": text.replace(first_key, first_key + "\u202e", 1)}.get(breakage)
    if breakage == "encoding":
        (project / rel).write_bytes(text.encode("utf-16"))
    else:
        (project / rel).write_text(broken, "utf-8")
    result = cli(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [x for x in result.stderr.splitlines() if x.startswith("sources/")]
    assert lines[0].startswith(f"{rel}:"), result.stderr
    assert not [x for x in lines if f"unknown {registry.rstrip('s').replace('peopl', 'person')} id" in x], result.stderr
    assert len([x for x in lines if ": warning: " not in x]) <= 3, result.stderr


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
    page = (project / "build/docs/articles" / f"{A}.md").read_text("utf-8")
    assert "\r" not in page
    assert "أوضح صقر أن الروس والإيرانيين حاولوا دفع الأسد للقاء الرئيس التركي" in page


def test_warnings_do_not_fail_except_under_strict(project):
    edit(project, ART, "  - habib-abbas\n", "")
    expected = f"{ART}:{line_of(project, ART, 'people:') + 1}:3: warning: article mentions `habib-abbas` but does not list it"
    relaxed = cli(project, "check")
    assert relaxed.returncode == 0 and expected in relaxed.stderr
    strict = cli(project, "check", "--strict")
    assert strict.returncode == 1 and expected in strict.stderr


def test_hand_written_page_in_the_way_fails_check_and_mkdocs_without_traceback(prebuilt, tmp_path):
    """`check` fails on everything `build` would fail on, and the MkDocs hook never prints a traceback."""
    project = tmp_path / "p"
    shutil.copytree(prebuilt, project)
    (project / "docs/timeline.md").write_text("# خط زمني كتبناه بأيدينا\n", "utf-8")
    before = tree_bytes(project / "site")
    expected = "generated pages own these paths"
    check = cli(project, "check")
    assert check.returncode == 1 and expected in check.stderr and "Traceback" not in check.stderr
    build = mkdocs_build(project)
    assert build.returncode != 0 and expected in build.stdout + build.stderr
    assert "Traceback" not in build.stdout + build.stderr
    assert tree_bytes(project / "site") == before


def test_a_broken_article_reports_everything_at_once(prebuilt, tmp_path):
    """No waves: a value left TODO, a null without its note and an unknown id, all in the same run."""
    project = tmp_path / "p"
    shutil.copytree(prebuilt, project)
    edit(project, ART, "url_note: الملف الخام لا يتضمن رابط المقال الأصلي.\n", "")
    expected = [todo_left(project), unknown_person(project)]
    expected.append(f"{ART}:{line_of(project, ART, 'url: null')}:6: `url` is null without `url_note` — "
                    "add `url_note:` saying why it is unknown")
    result = cli(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for e in expected:
        assert any(line.startswith(e) for line in result.stderr.splitlines()), (e, result.stderr)


def test_a_deleted_person_names_every_place_that_still_uses_it(prebuilt, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(prebuilt, project)
    rel = "sources/people.yml"
    text = (project / rel).read_text("utf-8")
    block = re.search(r"^habib-abbas:\n(?:[ #].*\n|\n)*", text, re.M).group(0)
    (project / rel).write_text(text.replace(block, ""), "utf-8")
    result = cli(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [x for x in result.stderr.splitlines() if "unknown person id `habib-abbas`" in x]
    assert len(lines) >= 2, result.stderr
    for line in lines:
        assert " — add `habib-abbas` to sources/people.yml, or correct or remove this reference" in line
        assert "; `habib-abbas` is also used at sources/" in line, line
