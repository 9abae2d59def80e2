"""Mutation score per module, read from mutmut's results in mutants/.

Run after `mutmut run` (``make mutation`` does both). Prints, for every module
that decides what readers see and trust, how many mutants the fast unit tests
killed out of how many were made, and lists the survivors by name so each can
be looked at with ``mutmut show NAME``. Exits 1 when a module scores under
``--min`` percent (90 by default), or when there are no results to read.

In render.py only the escaping (``md`` and ``front_matter``) is scored: the rest of
that module is Jinja2 plumbing, checked by the build tests.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# module -> functions scored (None: every function in the module)
SCOPE: dict[str, tuple[str, ...] | None] = {
    "build_tools/validate.py": None,
    "build_tools/feeds.py": None,
    "build_tools/cleaning.py": None,
    "build_tools/mentions.py": None,
    "build_tools/arabic.py": None,
    "build_tools/render.py": ("md", "front_matter"),
}

# mutmut's exit codes (mutmut/stats.py). A timeout means the mutant hung the tests
# (an endless loop): the tests did not pass, so it counts as killed, as mutmut's own
# badge counts it.
KILLED = {1: "killed", 3: "killed", 36: "timeout", -24: "timeout", 24: "timeout", 152: "timeout",
          255: "timeout", 37: "caught by type check"}
SURVIVED = {0: "survived", 33: "no tests", 5: "no tests"}


def function_of(key: str) -> str:
    """'build_tools.render.x_md__mutmut_3' -> 'md'; methods 'xǁClassǁname__mutmut_1' -> 'Class.name'."""
    mangled = key.rsplit(".", 1)[-1].partition("__mutmut_")[0]
    if mangled.startswith("x_"):
        return mangled[2:]
    _, cls, name = mangled.split("ǁ")
    return f"{cls}.{name}"


def collect(root: Path) -> dict[str, dict]:
    out = {}
    for module, functions in SCOPE.items():
        meta = root / "mutants" / f"{module}.meta"
        if not meta.is_file():
            continue
        codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        row = {"killed": 0, "timeout": 0, "survived": [], "no_tests": [], "not_checked": [], "other": []}
        for key, code in sorted(codes.items(), key=lambda kv: _natural(kv[0])):
            if functions is not None and function_of(key) not in functions:
                continue
            status = KILLED.get(code) or SURVIVED.get(code) or ("not checked" if code is None else "other")
            if status == "timeout":
                row["timeout"] += 1
            elif status in ("killed", "caught by type check"):
                row["killed"] += 1
            else:
                row[status.replace(" ", "_") if status != "survived" else "survived"].append(key)
        row["total"] = row["killed"] + row["timeout"] + sum(len(row[k]) for k in ("survived", "no_tests",
                                                                                    "not_checked", "other"))
        out[module] = row
    return out


def _natural(key: str):
    name, _, n = key.rpartition("__mutmut_")
    return (name, int(n) if n.isdigit() else 0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min", type=float, default=90.0, help="lowest acceptable score per module, in percent")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown (for MUTATION.md)")
    ap.add_argument("--root", type=Path, default=ROOT)
    args = ap.parse_args(argv)

    rows = collect(args.root)
    if not rows:
        print("no mutmut results in mutants/: run `make mutation`", file=sys.stderr)
        return 1

    failing = []
    lines = []
    if args.markdown:
        lines += ["| module | killed / total | score | survived | no tests | timeouts (killed) |",
                  "|---|---|---|---|---|---|"]
    else:
        lines.append(f"{'module':<26} {'killed / total':>15} {'score':>7}  survived  no-tests  timeouts")
    grand_killed = grand_total = 0
    for module, r in rows.items():
        killed = r["killed"] + r["timeout"]
        score = 100.0 * killed / r["total"] if r["total"] else 100.0
        grand_killed += killed
        grand_total += r["total"]
        label = module + (f" ({', '.join(SCOPE[module])})" if SCOPE[module] else "")
        if score < args.min or r["not_checked"] or r["other"]:
            failing.append(module)
        if args.markdown:
            lines.append(f"| `{label}` | {killed} / {r['total']} | {score:.1f} % | {len(r['survived'])} "
                         f"| {len(r['no_tests'])} | {r['timeout']} |")
        else:
            ratio = f"{killed} / {r['total']}"
            lines.append(f"{label:<26} {ratio:>15} {score:6.1f}%  "
                         f"{len(r['survived']):>8}  {len(r['no_tests']):>8}  {r['timeout']:>8}")
    total_score = 100.0 * grand_killed / grand_total if grand_total else 100.0
    if args.markdown:
        lines.append(f"| **all** | {grand_killed} / {grand_total} | {total_score:.1f} % | | | |")
    else:
        ratio = f"{grand_killed} / {grand_total}"
        lines.append(f"{'all':<26} {ratio:>15} {total_score:6.1f}%")
    print("\n".join(lines))

    not_killed = [(m, k, kind) for m, r in rows.items()
                  for kind in ("survived", "no_tests", "not_checked", "other") for k in r[kind]]
    if not_killed:
        print(f"\nnot killed ({len(not_killed)}; see one with `.venv/bin/mutmut show NAME`):")
        for _, key, kind in not_killed:
            print(f"  {key}  [{kind.replace('_', ' ')}]")
    if failing:
        print(f"\nbelow {args.min:g} % (or not fully checked): {', '.join(failing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
