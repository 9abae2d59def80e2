"""`new-article` starts an editor's YAML: sha256 filled in, known people suggested, every value to
give a visible TODO; `check` reports all of them in one run, and passes once they are filled."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import typing

from conftest import BIN, ROOT, cli, env

from build_tools.model import Provenance

AID = "new-report-for-test"
TXT = f"sources/articles/{AID}.txt"
YML = f"sources/articles/{AID}.yml"
# What an editor would write in place of each TODO (a real outlet id, an address with an Arabic path).
FILLED = {
    "title": "اتصالات الأسد الأخيرة",
    "outlet": "aljazeera-net",
    "url": '"https://www.aljazeera.net/politics/2024/12/10/اتصالات-الأسد"',
    "published": '"2024-12"',
    "summary": "ملخص تجريبي من جملتين. يكتبه المحرر بكلماته.",
    "kind": "news-report",
    "origins": "[aljazeera-net]",
}


def make(project, *args: str) -> subprocess.CompletedProcess:
    """`make` in the project copy, with the virtual environment the tests run in (already set up)."""
    return subprocess.run(["make", "--no-print-directory", f"VENV={BIN.parent}", *args], cwd=project, env=env(),
                          capture_output=True, text=True, check=False)


def todo_fields(yml: str) -> list[str]:
    """The fields whose value (not comment) is TODO, in file order."""
    return [m.group(1) for m in re.finditer(r"^\s*(\w+): \[?TODO\]?(?:\s|$)", yml, re.MULTILINE)]


def fill(yml: str) -> str:
    for field, value in FILLED.items():
        yml = re.sub(rf"^(\s*){field}: \[?TODO\]?(?=\s|$)", lambda m, f=field, v=value: f"{m.group(1)}{f}: {v}",
                     yml, count=1, flags=re.MULTILINE)
    return yml


def test_a_fresh_stub_reports_every_todo_at_once_and_passes_once_they_are_filled(project):
    shutil.copy(ROOT / "sources/articles/aljazeera-assad-last-days-contacts.txt", project / TXT)
    made = make(project, "new-article", f"TXT={TXT}")
    assert made.returncode == 0, made.stdout + made.stderr
    stub = (project / YML).read_text("utf-8")
    todos = todo_fields(stub)
    assert set(todos) == set(FILLED), todos  # the stub asks for exactly these

    first = cli(project, "check")
    assert first.returncode == 1 and "Traceback" not in first.stderr
    errors = [x for x in first.stderr.splitlines() if x.startswith(f"{YML}:")]
    # every TODO, each once, in one run; nothing else is wrong with a fresh stub
    assert [re.search(r"`(\w+)`(?: item 1)? is still TODO — replace TODO: ", x).group(1) for x in errors] == todos
    warnings = sorted(x for x in first.stderr.splitlines() if ": warning: " in x)
    # the editor can see what cleaning does before filling anything in
    explained = cli(project, "explain", TXT)
    assert explained.returncode == 0, explained.stderr
    assert re.search(r"removed +share line +نسخ الرابط :", explained.stdout)
    assert "عروض سياحية اقتصادية   <- warning: looks like site chrome" in explained.stdout

    (project / YML).write_text(fill(stub), "utf-8")
    second = cli(project, "check")
    assert second.returncode == 0, second.stderr
    # no second wave: the warnings were all there the first time (this text has an ad line and a subheading)
    assert sorted(x for x in second.stderr.splitlines() if ": warning: " in x) == warnings
    assert any(f"{TXT}:" in x and "«عروض سياحية اقتصادية»" in x for x in warnings), first.stderr


def test_the_stub_lists_the_values_the_model_allows(project):
    shutil.copy(ROOT / "sources/articles/aljazeera-assad-last-days-contacts.txt", project / TXT)
    assert cli(project, "new-article", TXT).returncode == 0
    stub = (project / YML).read_text("utf-8")
    kinds = typing.get_args(typing.get_type_hints(Provenance)["kind"])
    assert f"kind: TODO  # one of: {' | '.join(kinds)}" in stub
    assert "aljazeera-net" in stub.split("outlet: TODO", 1)[1].splitlines()[0]  # the outlets one can use
    assert f"make explain TXT={TXT}" in stub


def test_every_editor_action_is_a_documented_make_target(project):
    listed = make(project, "help")
    assert listed.returncode == 0, listed.stderr
    for target in ("new-article", "check", "serve", "explain", "site", "help"):
        assert re.search(rf"^  make {target} ", listed.stdout, re.MULTILINE), listed.stdout
    usage = make(project, "new-article")
    assert usage.returncode == 2 and "usage: make new-article TXT=sources/articles/<id>.txt" in usage.stdout


def test_new_article_writes_a_starting_yaml(project):
    txt = project / "sources/articles/reuters-copy-for-test.txt"
    shutil.copy(project / "sources/articles/reuters-assad-sought-help-sada-elbalad.txt", txt)
    result = cli(project, "new-article", "sources/articles/reuters-copy-for-test.txt")
    assert result.returncode == 0, result.stderr
    text = txt.with_suffix(".yml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/article.schema.json\n")
    assert f"sha256: {hashlib.sha256(txt.read_bytes()).hexdigest()}" in text
    for pid in ("bashar-al-assad", "sergei-lavrov", "hadi-al-bahra", "abbas-araghchi"):
        assert f"  - {pid}  # " in text
    # Not filled in yet: check says what is missing instead of passing silently.
    check = cli(project, "check")
    assert check.returncode == 1
    assert "sources/articles/reuters-copy-for-test.yml:" in check.stderr and "Traceback" not in check.stderr


def test_new_article_refuses_bad_names_and_existing_files(project):
    bad = project / "sources/articles/Bad Name.txt"
    bad.write_text("نص", "utf-8")
    result = cli(project, "new-article", "sources/articles/Bad Name.txt")
    assert result.returncode == 1 and "is not lowercase Latin kebab-case" in result.stderr
    existing = "sources/articles/saqr-podcast-palace-last-moments.txt"
    result = cli(project, "new-article", existing)
    assert result.returncode == 1 and "already exists: edit it instead" in result.stderr
