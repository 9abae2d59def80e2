"""Per-article work on every core: cleaning, name matching and rendering of articles are independent.

Worker processes are forked after the corpus is built, so they read it without
copying it through a pipe; only article ids go out and results come back, in
order, so the output is the same bytes as with one process. Small jobs stay in
this process (forking costs more than it saves), and so does everything under
`mkdocs serve`, whose server threads make forking unsafe (``enabled``).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items the work stays in this process.
MIN_ITEMS = 200
enabled = True
_job: Callable | None = None


def workers() -> int:
    """Worker processes to use: BUILD_WORKERS if set, otherwise the cores this process may run on."""
    wanted = os.environ.get("BUILD_WORKERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _call(item):
    assert _job is not None
    return _job(item)


def imap(fn: Callable[[T], R], items: list[T]) -> Iterator[R]:
    """``fn`` over ``items``, results in order; in forked workers when the job is large enough."""
    global _job
    n = workers()
    if not enabled or n < 2 or len(items) < MIN_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(fn, items)
        return
    _job = fn  # inherited by the forked workers: closures need not be picklable
    try:
        with multiprocessing.get_context("fork").Pool(n) as pool:
            yield from pool.imap(_call, items, chunksize=max(1, min(64, len(items) // (n * 8))))
    finally:
        _job = None
