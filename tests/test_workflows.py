"""The GitHub Actions workflows: audited by zizmor, valid against the workflow schema,
least privilege, every action pinned to a commit, and the `make check` → annotations
step run for real against a stand-in `make`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project, env

BIN = Path(sys.executable).parent
WORKFLOWS = ROOT / ".github" / "workflows"
PR = WORKFLOWS / "pr.yml"
DEPLOY = WORKFLOWS / "deploy.yml"
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
SHA = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
PINNED_LINE = re.compile(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the bare key `on` as the boolean true.
    return workflow.get("on", workflow.get(True))


def walk(node, path=()):
    """Every (path, key, value) in a nested YAML document."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from walk(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, path + (i,))


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def uses(workflow: dict, action: str) -> list[dict]:
    return [s for s in steps(workflow) if s.get("uses", "").split("@")[0] == action]


def run_tool(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / args[0]), *args[1:]], cwd=cwd, capture_output=True, text=True)


# zizmor -------------------------------------------------------------------------------


def zizmor_findings(folder: Path, cwd: Path) -> list[dict]:
    # --no-exit-codes: findings do not change the exit code, so anything but 0 means
    # zizmor itself failed (and the test with it).
    result = run_tool("zizmor", "--offline", "--no-exit-codes", "--format", "json",
                      str(folder.relative_to(cwd)), cwd=cwd)
    assert result.returncode == 0, f"zizmor failed to run:\n{result.stdout}\n{result.stderr}"
    findings = json.loads(result.stdout)
    assert isinstance(findings, list), result.stdout
    return findings


def serious(findings: list[dict]) -> list[str]:
    return [f"{f['ident']} ({f['determinations']['severity']}): {f['desc']} at "
            + ", ".join(loc["symbolic"]["key"]["Local"]["verbatim_path"] for loc in f["locations"])
            for f in findings if f["determinations"]["severity"] in ("Medium", "High")]


def test_zizmor_finds_nothing_medium_or_high():
    assert PR.is_file() and DEPLOY.is_file()
    assert serious(zizmor_findings(WORKFLOWS, ROOT)) == []


def test_zizmor_check_would_catch_a_bad_workflow(tmp_path):
    """The audit above is not vacuous: the same call flags what it must."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "bad.yml").write_text(
        "on: pull_request_target\n"
        "jobs:\n"
        "  a:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n', "utf-8")
    idents = {f["ident"] for f in zizmor_findings(folder, tmp_path) if serious([f])}
    assert {"unpinned-uses", "template-injection"} <= idents


# schema -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml"])
def test_workflow_matches_the_github_workflow_schema(name):
    result = run_tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows",
                      str(WORKFLOWS / name))
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_workflow_file_matches_the_schema():
    files = sorted(str(p) for p in WORKFLOWS.glob("*.y*ml"))
    result = run_tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_config_matches_its_schema():
    result = run_tool("check-jsonschema", "--builtin-schema", "vendor.dependabot", str(DEPENDABOT))
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_would_catch_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    steps:\n      - run: true\n", "utf-8")  # no runs-on
    result = run_tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(bad))
    assert result.returncode != 0


# pinning and hardening ----------------------------------------------------------------


@pytest.mark.parametrize("path", [PR, DEPLOY], ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it(path):
    refs = [value for _, key, value in walk(load(path)) if key == "uses"]
    assert refs, "no actions found"
    assert [r for r in refs if not SHA.match(r)] == []
    lines = [line.strip().lstrip("- ") for line in path.read_text("utf-8").splitlines()
             if re.match(r"\s*(- )?uses:", line)]
    assert len(lines) == len(refs)
    assert [line for line in lines if not PINNED_LINE.search(line)] == []


@pytest.mark.parametrize("path", [PR, DEPLOY], ids=lambda p: p.name)
def test_checkout_keeps_no_credentials(path):
    checkouts = uses(load(path), "actions/checkout")
    assert checkouts
    assert all(s.get("with", {}).get("persist-credentials") is False for s in checkouts)


@pytest.mark.parametrize("path", [PR, DEPLOY], ids=lambda p: p.name)
def test_no_expression_is_spliced_into_a_shell_script(path):
    """Template injection: values reach `run:` only through environment variables."""
    scripts = [s["run"] for s in steps(load(path)) if "run" in s]
    assert scripts
    assert [s for s in scripts if "${{" in s] == []


@pytest.mark.parametrize("path", [PR, DEPLOY], ids=lambda p: p.name)
def test_permissions_are_empty_by_default(path):
    workflow = load(path)
    assert workflow["permissions"] == {}
    assert all("permissions" in job for job in workflow["jobs"].values())


def test_pr_workflow_grants_no_write_permission_anywhere():
    workflow = load(PR)
    grants = [(p, k, v) for p, k, v in walk(workflow) if k == "permissions"]
    assert grants
    for where, _, value in grants:
        if isinstance(value, str):
            assert value in ("read-all", ""), where
        else:
            assert "write" not in value.values(), (where, value)
    assert workflow["jobs"]["check"]["permissions"] == {"contents": "read"}


def test_pr_workflow_runs_on_pull_requests_without_secrets():
    workflow = load(PR)
    on = triggers(workflow)
    assert "pull_request" in on
    assert "pull_request_target" not in on and "workflow_run" not in on
    assert "secrets." not in PR.read_text("utf-8")


def test_pr_workflow_cancels_superseded_runs_of_the_same_pull_request():
    concurrency = load(PR)["concurrency"]
    assert "github.event.pull_request.number" in concurrency["group"]
    assert concurrency["cancel-in-progress"] is True


def test_pr_workflow_checks_tests_builds_and_uploads_the_site():
    workflow = load(PR)
    runs = [s.get("run", "") for s in steps(workflow)]
    order = [next(i for i, r in enumerate(runs) if command in r)
             for command in ("make check", "make test", "make site")]
    assert order == sorted(order)
    assert uses(workflow, "actions/setup-python")[0]["with"]["python-version"] == "3.11"
    upload = uses(workflow, "actions/upload-artifact")
    assert len(upload) == 1 and upload[0]["with"]["path"].rstrip("/") == "site"
    assert list(steps(workflow)).index(upload[0]) > order[-1]


def test_deploy_workflow_builds_on_main_and_publishes_with_the_pages_actions():
    workflow = load(DEPLOY)
    on = triggers(workflow)
    assert on["push"]["branches"] == ["main"] and "workflow_dispatch" in on
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}

    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "write" not in build["permissions"].values()
    assert build["permissions"]["contents"] == "read"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"

    configure = uses(workflow, "actions/configure-pages")
    assert len(configure) == 1 and configure[0]["id"]
    site = next(s for s in build["steps"] if "make site" in s.get("run", ""))
    url = site["env"]["SITE_URL"]
    assert url == f"${{{{ steps.{configure[0]['id']}.outputs.base_url }}}}/"
    assert any("make test" in s.get("run", "") for s in build["steps"])

    upload = uses(workflow, "actions/upload-pages-artifact")
    assert len(upload) == 1 and upload[0]["with"]["path"].rstrip("/") == "site"
    assert upload[0] in build["steps"]
    published = uses(workflow, "actions/deploy-pages")
    assert len(published) == 1 and published[0] in deploy["steps"]
    assert deploy["environment"]["url"] == f"${{{{ steps.{published[0]['id']}.outputs.page_url }}}}"


# make check → annotations --------------------------------------------------------------

def check_step() -> dict:
    return next(s for s in load(PR)["jobs"]["check"]["steps"] if s.get("id") == "check")


def test_check_step_asks_the_checker_itself_for_annotations():
    """No converter script inside the workflow: the CLI emits GitHub's workflow commands."""
    assert check_step()["run"].strip() == "make check FORMAT=github"
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "build_tools check $(if $(FORMAT),--format $(FORMAT))" in makefile


def test_github_format_escapes_what_github_would_misread():
    from build_tools.problems import Problem

    p = Problem("sources/a,b:c.yml", 3, 5, "100% sure\r\nnext", "fix it, then: retry", warning=True)
    assert p.github() == ("::warning file=sources/a%2Cb%3Ac.yml,line=3,col=5::100%25 sure%0D%0Anext"
                          " — fix it, then: retry")
    assert Problem("sources/x.yml", 1, 2, "m", "h").github() == "::error file=sources/x.yml,line=1,col=2::m — h"


def test_check_annotates_what_the_real_checker_finds(tmp_path):
    """The real `python -m build_tools check --format github` on broken sources: every problem it
    reports on stderr is also an annotation on stdout, errors as errors, with file, line and column."""
    project = copy_project(tmp_path / "project")
    sorted((project / "sources" / "articles").glob("*.txt"))[0].unlink()  # a whole-file problem
    outlets = project / "sources" / "outlets.yml"
    outlets.write_text(outlets.read_text("utf-8") + "\nbroken: [unclosed\n", "utf-8")  # line:col
    result = subprocess.run([sys.executable, "-m", "build_tools", "check", "--format", "github"], cwd=project,
                            env=env(), capture_output=True, text=True)
    assert result.returncode == 1
    problems = [x for x in result.stderr.splitlines() if x.startswith("sources/")]
    annotations = result.stdout.splitlines()
    assert problems and len(annotations) == len(problems)
    for line, note in zip(problems, annotations):
        path, row, col, rest = line.split(":", 3)
        level = "warning" if rest.startswith(" warning: ") else "error"
        assert note.startswith(f"::{level} file={path},line={row},col={col}::"), (line, note)
    assert any(n.startswith("::error file=sources/articles/") and ".txt," in n for n in annotations)
    assert any(n.startswith("::error file=sources/outlets.yml,") for n in annotations)


def test_make_bench_measures_every_size_and_shape():
    """`make bench` measures both corpora at 1,000 and 10,000 articles (make's `or` splits at commas:
    a default written inside it once ran 1,000 copies only); SIZES and SHAPES choose fewer."""
    def planned(**variables: str) -> str:
        # Under `make test` this make is a sub-make: it must not take the outer one's settings.
        outer = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "SIZES", "SHAPES")}
        step = subprocess.run(["make", "--no-print-directory", "-n", "bench",
                               *(f"{k}={v}" for k, v in variables.items())], cwd=ROOT, capture_output=True, text=True,
                              env=outer)
        assert step.returncode == 0, step.stderr
        return next(line for line in step.stdout.splitlines() if "bench_build.py" in line)

    assert planned().endswith("bench_build.py --sizes 1000,10000 --shapes copies,realistic")
    assert planned(SIZES="1000", SHAPES="realistic").endswith("bench_build.py --sizes 1000 --shapes realistic")
