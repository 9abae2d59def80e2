"""Write generated files: all or nothing per file, never a path twice.

Everything is rendered in memory first; only then are files replaced, each
through a temporary file and an atomic rename. Generated pages live in their
own folder (``build/docs/``), never among the hand-written pages in
``docs/``: MkDocs does not watch it, so writing there never triggers another
build. Unchanged files are not touched (same bytes, same modification time),
so `mkdocs serve --dirty` re-renders only the pages an edit affects. A
manifest records which files the generator wrote, so stale pages are removed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

MANIFEST = ".generated"


class OutputError(Exception):
    pass


class Outputs:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        # Values hand-written pages show, filled in where they write `<!-- dossier:NAME -->`
        # (render.fill_facts): the about page's last update.
        self.facts: dict[str, str] = {}

    def add(self, path: str, content: str | bytes) -> None:
        if path in self.files:
            raise OutputError(f"two outputs map to {path}: two ids give the same URL — rename one of them")
        if path.startswith("/") or ".." in Path(path).parts:
            raise OutputError(f"output path {path!r} leaves the output folder — use an id without path separators")
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content


def _manifest(root: Path) -> dict[str, str]:
    """{path: sha256} of the files the generator wrote into ``root`` last time."""
    try:
        lines = (root / MANIFEST).read_text("utf-8").split("\n")
    except FileNotFoundError:
        return {}
    out: dict[str, str] = {}
    for line in filter(None, lines):
        path, _, digest = line.partition("\t")
        out[path] = digest
    return out


def owned(root: Path) -> list[str]:
    """Paths the generator wrote into ``root`` last time, from its manifest."""
    return sorted(_manifest(root))


def hand_written_clashes(outputs: Outputs, docs: Path) -> list[str]:
    """Generated paths that a hand-written page in ``docs`` already takes."""
    return sorted(p for p in outputs.files if (docs / p).exists())


def _replace(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; published files must be world-readable
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def sync(outputs: Outputs, root: Path) -> int:
    """Make ``root`` hold exactly ``outputs`` among generated files; return files written.

    The manifest keeps each file's sha256, so an unchanged file is recognised without reading it.
    """
    before = _manifest(root)
    digests = {rel: hashlib.sha256(data).hexdigest() for rel, data in outputs.files.items()}
    written = 0
    for rel, data in sorted(outputs.files.items()):
        target = root / rel
        if before.get(rel) != digests[rel] or not target.is_file():
            _replace(target, data)
            written += 1
    for stale in sorted(set(before) - set(outputs.files)):
        (root / stale).unlink(missing_ok=True)
        parent = (root / stale).parent
        while parent != root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    manifest = "".join(f"{p}\t{digests[p]}\n" for p in sorted(outputs.files)).encode()
    if not (root / MANIFEST).exists() or (root / MANIFEST).read_bytes() != manifest:
        _replace(root / MANIFEST, manifest)
    return written
