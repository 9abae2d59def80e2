"""Command line: python -m build_tools {build,check,schemas,new-article,explain}."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .new_article import NewArticleError, new_article
from .pipeline import generate, site_url_from_env
from .problems import SourceError
from .schema import all_schemas, render_schema
from .transparency import ExplainError, explain_file
from .writer import OutputError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("build", ("validate and write the generated pages and feeds into build/docs/, and record "
                                       "new addresses in sources/published-urls.txt (mkdocs build does this itself)")),
                            ("check", "validate everything, write nothing")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--strict", action="store_true", help="treat warnings as errors")
        p.add_argument("--format", choices=("text", "github"), default="text",
                       help="github: each problem as a GitHub Actions annotation on its file and line")
    p = sub.add_parser("schemas", help="write the JSON Schemas in schemas/ from the content model")
    p.add_argument("--check", action="store_true", help="fail if the committed schemas are out of date")
    p = sub.add_parser("new-article", help="start sources/articles/<id>.yml for a raw .txt file")
    p.add_argument("txt", type=Path)
    p = sub.add_parser("explain", help="show every line of a raw article: kept or removed, and the rule that decided")
    p.add_argument("txt", type=Path)
    args = parser.parse_args(argv)
    root = args.root.resolve()

    if args.command == "schemas":
        return _schemas(root, check=args.check)
    if args.command == "explain":
        try:
            print(explain_file(root, args.txt))
        except ExplainError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        return 0
    if args.command == "new-article":
        try:
            print(f"wrote {new_article(root, args.txt).relative_to(root)}: fill in its fields, then run make check")
        except NewArticleError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        return 0
    try:
        _, problems = generate(root, site_url_from_env(), write=args.command == "build", strict=args.strict)
    except SourceError as e:
        if args.format == "github":  # workflow commands are read from standard output
            print(e.problems.report("github"))
        print(e.problems.report(), file=sys.stderr)
        errors, warnings = len(e.problems.errors), len(e.problems.warnings)
        print(f"{errors} error(s), {warnings} warning(s): nothing was written.", file=sys.stderr)
        return 1
    except OutputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except OSError as e:  # the disk, not the sources: full, read-only, permissions
        print(f"error: cannot write {e.filename or 'the output'}: {e.strerror} — free space or fix permissions, "
              "then run again; files already built were left as they were.", file=sys.stderr)
        return 1
    if problems.warnings:
        if args.format == "github":
            print(problems.report("github"))
        print(problems.report(), file=sys.stderr)
    print(f"{args.command}: ok, {len(problems.warnings)} warning(s)")
    return 0


def _schemas(root: Path, *, check: bool) -> int:
    folder = root / "schemas"
    stale = []
    for name, schema in all_schemas().items():
        text = render_schema(schema)
        path = folder / name
        if path.exists() and path.read_text("utf-8") == text:
            continue
        stale.append(name)
        if not check:
            folder.mkdir(exist_ok=True)
            path.write_text(text, "utf-8")
    if check and stale:
        print(f"schemas/ is out of date: {', '.join(stale)} — run `python -m build_tools schemas`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
