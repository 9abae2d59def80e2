"""Command line: python -m build_tools {build,check} [--strict]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .pipeline import generate, site_url_from_env
from .problems import SourceError
from .writer import OutputError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("build", "validate and write the generated pages into docs/"),
                            ("check", "validate everything, write nothing")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    args = parser.parse_args(argv)

    try:
        problems = generate(args.root.resolve(), site_url_from_env(),
                            write=args.command == "build", strict=args.strict)
    except SourceError as e:
        print(e.problems.report(), file=sys.stderr)
        n = len(e.problems.errors) or len(e.problems.warnings)
        print(f"{n} problem(s): nothing was written.", file=sys.stderr)
        return 1
    except OutputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if problems.warnings:
        print(problems.report(), file=sys.stderr)
    print(f"{args.command}: ok ({len(problems.warnings)} warning(s))")
    return 0


if __name__ == "__main__":
    sys.exit(main())
