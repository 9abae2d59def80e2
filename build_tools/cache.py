"""Per-article results kept between builds, so an unchanged article costs a file read and a hash.

An entry holds what loading, cleaning and name matching made of one article:
its metadata (with the file locations of every value), its cleaned blocks and
the people it names. It is used again only when the article's metadata and
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
        if path is not None and path.is_file():
            try:
                with path.open("rb") as f:
                    stored = pickle.load(f)
                if stored.get("version") == self.version:
                    self.entries = stored["entries"]
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError, TypeError):
                self.entries = {}  # a damaged cache is only a slower build

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

    def forget(self, aid: str) -> None:
        if self.entries.pop(aid, None) is not None:
            self.changed = True

    def save(self) -> None:
        if self.path is None:
            return
        stale = set(self.entries) - self.used
        for aid in stale:
            del self.entries[aid]
        if not (self.changed or stale):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump({"version": self.version, "entries": self.entries}, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)
