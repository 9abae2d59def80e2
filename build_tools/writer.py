"""Write generated files: never a path twice, and a write stopped half-way is finished by the next build.

Everything is rendered and checked first; only then do files reach the
output folder. A build stages each page on disk as it is rendered (so the
site is never held in memory whole) and moves the staged files in once every
check has passed (each beside its final place, as `<path>.staged`, so that moving it is a rename in
its own folder); a failed build deletes its staged files. A file is moved
or written in place after the manifest has stopped recording it, so a build
stopped half-way is finished by the next one; the manifest itself is replaced
atomically. Generated pages live in their
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
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

MANIFEST = ".generated"


class OutputError(Exception):
    pass


@dataclass(frozen=True)
class Unchanged:
    """A page the last build wrote with these bytes (sha256) and nothing it shows has changed since:
    it stays on disk as it is and is never held in memory."""
    sha256: str


# Files staged but not yet written, at most (each holds its bytes until written).
BACKLOG = 256


class Outputs:
    """Every generated file, by path. In memory by default; with ``target`` (the folder the files are
    for), each changed file is written at once beside its final place, as `<path>.staged`, and only its sha256 is
    kept, so that the whole site is never held in memory; ``sync`` then moves the files into place."""

    def __init__(self, target: Path | None = None) -> None:
        self.files: dict[str, bytes] = {}
        self.unchanged: dict[str, str] = {}  # path -> sha256 of a file the last build wrote
        self.staged: dict[str, str] = {}  # path -> sha256 of a file written as `<path>.staged`
        self.target = target
        self._written = manifest(target) if target is not None else {}
        self._folders: set[Path] = set()
        self._pool: ThreadPoolExecutor | None = None
        self._writes: deque[Future] = deque()
        # Values hand-written pages show, filled in where they write `<!-- dossier:NAME -->`
        # (render.fill_facts): the about page's last update.
        self.facts: dict[str, str] = {}

    def add(self, path: str, content: str | bytes | Unchanged) -> None:
        if path in self.files or path in self.unchanged or path in self.staged:
            raise OutputError(f"two outputs map to {path}: two ids give the same URL — rename one of them")
        if path.startswith("/") or ".." in Path(path).parts:
            raise OutputError(f"output path {path!r} leaves the output folder — use an id without path separators")
        if isinstance(content, Unchanged):
            self.unchanged[path] = content.sha256
            return
        data = content.encode("utf-8") if isinstance(content, str) else content
        if self.target is None:
            self.files[path] = data
            return
        digest = hashlib.sha256(data).hexdigest()
        if self._written.get(path) == digest and os.path.isfile(f"{self.target}/{path}"):
            self.unchanged[path] = digest  # the same bytes as on disk: not written again
            return
        dest = staged(self.target / path)
        if dest.parent not in self._folders:
            dest.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(dest.parent)
        if self._pool is None:
            # Creating a file is mostly the kernel's work: threads keep it off the rendering.
            self._pool = ThreadPoolExecutor(max_workers=4)
        self._writes.append(self._pool.submit(_write, dest, data))
        if len(self._writes) > BACKLOG:
            # Rendering can outrun the disk: a bounded number of files wait in memory; a finished
            # write is let go (one that failed raises here).
            self._writes.popleft().result()
        self.staged[path] = digest

    def content(self, path: str) -> bytes:
        """The bytes of a file among the outputs (read back from disk when not in memory)."""
        if path in self.files:
            return self.files[path]
        self.finish_writes()
        assert self.target is not None
        return (staged(self.target / path) if path in self.staged else self.target / path).read_bytes()

    def finish_writes(self) -> None:
        """Wait for the files being staged; the first write that failed raises here."""
        writes, self._writes = self._writes, deque()
        try:
            for w in writes:
                w.result()
        finally:
            if self._pool is not None:
                self._pool.shutdown()
                self._pool = None

    def discard(self) -> None:
        """Delete the staged files of a build that failed: nothing in ``target`` has been touched."""
        for w in self._writes:
            w.exception()  # wait for it; its file is deleted with the rest, failed or not
        self._writes = deque()
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        if self.target is not None:
            for path in self.staged:
                staged(self.target / path).unlink(missing_ok=True)

    def paths(self) -> list[str]:
        return sorted(self.files.keys() | self.unchanged.keys() | self.staged.keys())


def staged(path: Path) -> Path:
    """Where a file waits, beside its place, until the build has passed every check (a killed build
    may leave one: MkDocs takes only the files the build lists, and the next one overwrites it)."""
    return path.with_name(path.name + ".staged")


def manifest(root: Path) -> dict[str, str]:
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
    return sorted(manifest(root))


def on_disk(root: Path, digests: dict[str, str], written: dict[str, str]) -> bool:
    """Whether each of ``digests`` (path -> sha256) is a file in ``root`` that the last build wrote with
    those bytes (``written``: its manifest)."""
    return all(written.get(p) == d and os.path.isfile(f"{root}/{p}") for p, d in digests.items())


def hand_written_clashes(outputs: Outputs, docs: Path) -> list[str]:
    """Generated paths that a hand-written page in ``docs`` already takes."""
    # docs/ holds a few hand-written files: list them once rather than look for each generated path.
    written = {p.relative_to(docs).as_posix() for p in docs.rglob("*")} if docs.is_dir() else set()
    return sorted(written.intersection(outputs.paths()))


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
    outputs.finish_writes()
    before = manifest(root)
    digests = {rel: hashlib.sha256(data).hexdigest() for rel, data in outputs.files.items()}
    # Each unchanged file was seen on disk during this build (cache.keep_pages_if, Outputs.add).
    missing = [p for p, d in outputs.unchanged.items() if before.get(p) != d]
    if missing:  # the pipeline checks this before rendering (on_disk); reaching here is a bug
        raise OutputError(f"{len(missing)} unchanged page(s) are no longer in {root}, e.g. {missing[0]} — "
                          "delete build/ and build again")
    digests.update(outputs.unchanged)
    digests.update(outputs.staged)
    changed = [rel for rel in sorted(outputs.files) if before.get(rel) != digests[rel] or not (root / rel).is_file()]
    if changed or outputs.staged:
        # Files are written in place (or renamed from `<path>.staged`), not each through a temporary
        # file and a rename: the manifest first forgets them, so that a build stopped half-way leaves none
        # of them recorded as written, and the next build writes them all again.
        forget = set(changed) | outputs.staged.keys()
        _replace(root / MANIFEST, _listing({p: d for p, d in before.items() if p not in forget}))
    for folder in sorted({(root / rel).parent for rel in [*changed, *outputs.staged]}):
        folder.mkdir(parents=True, exist_ok=True)
    for rel in sorted(outputs.staged):
        os.replace(staged(root / rel), root / rel)
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in pool.map(lambda rel: _write(root / rel, outputs.files[rel]), changed):
            pass  # the first failure is raised here
    written = len(changed) + len(outputs.staged)
    for stale in sorted(set(before) - set(digests)):
        (root / stale).unlink(missing_ok=True)
        parent = (root / stale).parent
        while parent != root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    listing = _listing(digests)
    if not (root / MANIFEST).exists() or (root / MANIFEST).read_bytes() != listing:
        _replace(root / MANIFEST, listing)
    return written


def _listing(digests: dict[str, str]) -> bytes:
    return "".join(f"{p}\t{digests[p]}\n" for p in sorted(digests)).encode()


def _write(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o644)
    with os.fdopen(fd, "wb") as f:
        os.fchmod(f.fileno(), 0o644)  # published files must be world-readable whatever the umask
        f.write(data)
