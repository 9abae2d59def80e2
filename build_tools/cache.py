"""Per-article results kept between builds, so an unchanged article costs a file read and a hash.

An entry holds what loading, cleaning and name matching made of one article:
its metadata (with the file locations of every value), its cleaned blocks and
the people it names; and the sha256 of the pages rendered from it, which stay
on disk, not in the cache. It is used again only when the article's metadata and
raw text have the same sha256 as before, the list of people is the same (for
the names), and the code that made it is the same (a fingerprint of the
modules involved). Anything that reported a problem is never cached, so
every problem is reported again on every run.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from .inputs import code_digest
from .writer import Unchanged

# The file: a header (this format, the versions, the outputs, how many entries), then one pickle an entry.
FORMAT = 2
_MODULES = ("arabic.py", "characters.py", "cleaning.py", "load.py", "mentions.py", "model.py", "schema.py")


def code_fingerprint() -> str:
    here = Path(__file__).parent
    h = hashlib.sha256()
    for name in _MODULES:
        h.update((here / name).read_bytes())
    return h.hexdigest()


class ArticleCache:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.version = code_fingerprint()
        self.entries: dict[str, dict] = {}
        self.used: set[str] = set()
        self.changed = False
        # Pages and feeds that are not an article's own: path -> (digest of what they show, sha256 of
        # the file). Valid only for the same code and templates (inputs.code_digest).
        self.outputs_version = code_digest()
        self.outputs: dict[str, tuple[str, str]] = {}
        self.outputs_used: set[str] = set()
        kept = _kept.get(path) if path is not None else None
        if path is not None and kept is not None and kept[0] == _stamp(path) \
                and kept[1] == (self.version, self.outputs_version):
            # The file this process saved last (`mkdocs serve` builds again and again): its content is
            # still in memory, unpickling it again would only cost time.
            self.entries, self.outputs = kept[2], kept[3]
        elif path is not None and path.is_file():
            try:
                with path.open("rb") as f:
                    stored = pickle.load(f)
                    if stored.get("format") != FORMAT:
                        raise KeyError("format")
                    if stored["version"] == self.version:
                        self.entries = dict(pickle.load(f) for _ in range(stored["entries"]))
                if stored["outputs_version"] == self.outputs_version:
                    self.outputs = stored["outputs"]
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError, TypeError, ValueError):
                self.entries, self.outputs = {}, {}  # a damaged cache is only a slower build

    def get(self, aid: str, **key: str) -> dict | None:
        entry = self.entries.get(aid)
        if entry is not None and all(entry.get(k) == v for k, v in key.items()):
            self.used.add(aid)
            return entry
        return None

    def put(self, aid: str, **values) -> None:
        entry = self.entries.setdefault(aid, {})
        if any(entry.get(k) is not v for k, v in values.items()):
            entry.update(values)
            self.changed = True
        self.used.add(aid)

    def keep_pages_if(self, on_disk) -> None:
        """Forget the pages whose files are not on disk as the last build wrote them (``on_disk(digests)``
        false): those pages are rendered again."""
        for entry in self.entries.values():
            if "page_key" in entry and not on_disk(entry["page_digests"]):
                del entry["page_key"], entry["page_digests"]
                self.changed = True
        gone = [p for p, (_, digest) in self.outputs.items() if not on_disk({p: digest})]
        for p in gone:
            del self.outputs[p]
            self.changed = True

    def known(self, path: str, key: str) -> Unchanged | None:
        """``Unchanged`` if the last build wrote ``path`` from the same ``key`` (a digest of everything
        the output shows); otherwise None, and the output is to be made and ``store``d."""
        self.outputs_used.add(path)
        known = self.outputs.get(path)
        return Unchanged(known[1]) if known is not None and known[0] == key else None

    def store(self, path: str, key: str, data: bytes) -> None:
        self.outputs_used.add(path)
        self.outputs[path] = (key, hashlib.sha256(data).hexdigest())
        self.changed = True

    def output(self, path: str, key: str, make) -> bytes | Unchanged:
        """The output at ``path``: the last build's if it is ``known``, otherwise ``make()``'s bytes."""
        known = self.known(path, key)
        if known is not None:
            return known
        data = make()
        data = data.encode("utf-8") if isinstance(data, str) else data
        self.store(path, key, data)
        return data

    def forget(self, aid: str) -> None:
        if self.entries.pop(aid, None) is not None:
            self.changed = True

    def save(self) -> None:
        if self.path is None:
            return
        stale = set(self.entries) - self.used
        for aid in stale:
            del self.entries[aid]
        gone = set(self.outputs) - self.outputs_used
        for p in gone:
            del self.outputs[p]
        if not (self.changed or stale or gone):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump({"format": FORMAT, "version": self.version, "entries": len(self.entries),
                         "outputs_version": self.outputs_version, "outputs": self.outputs}, f,
                        protocol=pickle.HIGHEST_PROTOCOL)
            # One pickle an article: a pickler remembers every object it has written, and for the whole
            # cache at once that memory was a quarter of a large build's peak.
            for item in self.entries.items():
                pickle.dump(item, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)
        _kept[self.path] = (_stamp(self.path), (self.version, self.outputs_version), self.entries, self.outputs)


# path -> (its modification time and size, versions, entries, outputs) as this process last saved it.
_kept: dict[Path, tuple] = {}


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size
