"""Write generated files: all or nothing per file, never a path twice.

Everything is rendered in memory first; only then are files replaced, each
through a temporary file and an atomic rename. Unchanged files are not
touched, so `mkdocs serve` does not rebuild in a loop. A manifest records
which files the generator owns, so stale pages are removed and hand-written
pages are never overwritten.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

MANIFEST = ".generated"


class OutputError(Exception):
    pass


class Outputs:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def add(self, path: str, content: str | bytes) -> None:
        if path in self.files:
            raise OutputError(f"two outputs map to {path}: two ids give the same URL — rename one of them")
        if path.startswith("/") or ".." in Path(path).parts:
            raise OutputError(f"output path {path!r} leaves the output folder — use an id without path separators")
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content


def _owned(root: Path) -> set[str]:
    try:
        return set((root / MANIFEST).read_text("utf-8").split("\n")) - {""}
    except FileNotFoundError:
        return set()


def check_writable(outputs: Outputs, root: Path) -> list[str]:
    """Paths that would overwrite a file the generator does not own."""
    owned = _owned(root)
    return sorted(p for p in outputs.files if p not in owned and (root / p).exists())


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
    """Make ``root`` hold exactly ``outputs`` among generated files; return files written."""
    clash = check_writable(outputs, root)
    if clash:
        raise OutputError(f"refusing to overwrite hand-written file(s) in {root.name}/: {', '.join(clash)} — "
                          "rename or move them: generated pages own these paths")
    written = 0
    for rel, data in sorted(outputs.files.items()):
        target = root / rel
        if not target.exists() or target.read_bytes() != data:
            _replace(target, data)
            written += 1
    for stale in sorted(_owned(root) - set(outputs.files)):
        (root / stale).unlink(missing_ok=True)
        parent = (root / stale).parent
        while parent != root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    manifest = "".join(f"{p}\n" for p in sorted(outputs.files)).encode()
    if not (root / MANIFEST).exists() or (root / MANIFEST).read_bytes() != manifest:
        _replace(root / MANIFEST, manifest)
    return written
