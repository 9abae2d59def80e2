"""Everything a build reads, as one digest: a build whose inputs match the last good one has nothing to do.

The generator is a function of its inputs: every file under sources/ (path and
bytes), the code and templates that turn them into pages, the pinned library
versions and Python that run that code, the names of the hand-written pages
(a generated page may not take their address), the site address and
SOURCE_DATE_EPOCH. When all of these are as they were for the last successful
build, and the files it wrote are still there, the build is complete already:
the pipeline returns its record (pages, warnings, facts) instead of running.

The digest is taken over file contents, not modification times, so a file
restored or touched with the same bytes is recognised, and a changed file with
an old timestamp is not missed. Anything under sources/ that is not a plain
file or the articles folder (a symbolic link, a folder where a file should be,
a FIFO, a file over the size limit) gives no digest: the full build runs and
reports it.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from pathlib import Path

from .problems import Problem

_CODE = Path(__file__).parent
MAX_FILE = 16 * 1024 * 1024  # load.MAX_RAW_BYTES: a larger file is refused by the full build


def read_sources(root: Path) -> dict[str, bytes] | None:
    """{path under root: bytes} of every file under sources/ (read once: loading takes them from here),
    or None if anything there is not a plain file or the articles folder (the full build reports it)."""
    out: dict[str, bytes] = {}
    folders = ["sources"]
    try:
        while folders:
            folder = folders.pop()
            with os.scandir(root / folder) as it:
                for e in it:
                    rel = f"{folder}/{e.name}"
                    st = e.stat(follow_symlinks=False)
                    if stat.S_ISDIR(st.st_mode) and rel == "sources/articles":
                        folders.append(rel)
                    elif not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE:
                        return None
                    else:
                        fd = os.open(e.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
                        with os.fdopen(fd, "rb") as f:
                            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):  # swapped since the listing
                                return None
                            out[rel] = f.read(MAX_FILE + 1)
    except OSError:  # unreadable or vanished mid-walk: the full build reports what it finds
        return None
    return dict(sorted(out.items()))


def source_digests(files: dict[str, bytes]) -> dict[str, str]:
    return {rel: hashlib.sha256(data).hexdigest() for rel, data in files.items()}


def code_digest() -> str:
    h = hashlib.sha256()
    for path in sorted(_CODE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2") and "__pycache__" not in path.parts:
            h.update(path.relative_to(_CODE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def digest(root: Path, sources: dict[str, str], site_url: str) -> str:
    """One digest of the sources (``source_digests``) and everything else the output depends on."""
    pins = root / "requirements.txt"
    docs = sorted(p.relative_to(root / "docs").as_posix() for p in (root / "docs").rglob("*")) \
        if (root / "docs").is_dir() else []
    facts = {"sources": sources, "code": code_digest(), "python": sys.version,
             "pins": hashlib.sha256(pins.read_bytes()).hexdigest() if pins.is_file() else None,
             "docs": docs, "site_url": site_url, "epoch": os.environ.get("SOURCE_DATE_EPOCH")}
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()


def read_record(path: Path) -> dict | None:
    """The record of the last successful build, or None (a damaged record is only a slower build)."""
    try:
        record = json.loads(path.read_text("utf-8"))
        record["warnings"] = [Problem(**w) for w in record["warnings"]]
        return record
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_record(path: Path, inputs: str, recorded: bool, warnings: list[Problem], facts: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"inputs": inputs, "recorded": recorded, "facts": facts,
            "warnings": [{"path": w.path, "line": w.line, "col": w.col, "message": w.message, "hint": w.hint,
                          "warning": w.warning, "root": w.root} for w in warnings]}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    os.replace(tmp, path)
