"""Checking many files on several cores: the list split into shares, one forked process a
share (this process takes the first), the results put back in the list's order.

Forking shares what this process has imported and built already (the models, the rules),
so a worker starts in a millisecond instead of a tenth of a second. The output is the one a
single process gives: results come back in the files' order, and a worker that fails for any
reason has its share checked again here, by the code that checks the rest.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Hashable, Sequence
from functools import partial
from typing import TypeVar

__all__ = ["PARALLEL_FROM", "available_cores", "can_fork", "map_in_processes", "shares"]

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Fewer files than this are checked in one process: below it a fork and sending the
#: results back cost about what a second core saves.
PARALLEL_FROM = 100
#: More processes than this gain little on small files and cost memory.
MOST_JOBS = 8


def available_cores() -> int:
    """The cores this process may run on (its affinity, where the platform tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether this process may fork workers: the platform can, and no other thread runs
    (a lock another thread held at the fork, an import's or a logger's, would never be
    released in the worker: the command runs alone, a program that calls it may not)."""
    import threading

    return hasattr(os, "fork") and threading.active_count() == 1


def shares(items: Sequence[Item], count: int, key: Callable[[Item], Hashable]) -> list[list[int]]:
    """The items' indexes in at most `count` shares of about equal size, each share a run
    of the list, items with one `key` kept together (in the first one's share)."""
    groups: dict[Hashable, list[int]] = {}
    for index, item in enumerate(items):
        groups.setdefault(key(item), []).append(index)
    target = -(-len(items) // max(1, count))  # ceiling division
    out: list[list[int]] = [[]]
    for indexes in groups.values():
        if len(out[-1]) >= target and len(out) < count:
            out.append([])
        out[-1].extend(indexes)
    return [share for share in out if share]


def map_in_processes(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    jobs: int,
    key: Callable[[Item], Hashable],
    progress: Callable[[int], None] | None = None,
) -> list[Result]:
    """`[function(item) for item in items]`, on up to `jobs` processes where there are
    enough items and this process can fork safely. `key` names the items that must be
    checked in one process (a Terraform module's files). `progress`, if given, is told how
    many items all the processes have done, after each of this process's own and at the
    end."""
    if jobs <= 1 or len(items) < PARALLEL_FROM or not can_fork():
        return _in_order(function, items, range(len(items)), progress)
    parts = shares(items, min(jobs, MOST_JOBS), key)
    counts = _Counts(len(parts))
    children: list[tuple[int, int, list[int]]] = []
    results: dict[int, Result] = {}
    # What is built so far (modules, models, rules) lives on: frozen, no collection in any
    # process walks it again, and the workers' pages stay shared with this one. Not where a
    # program that calls the command froze objects of its own: unfreezing would undo that.
    freezing = gc.get_freeze_count() == 0
    if freezing:
        gc.freeze()
    try:
        for slot, share in enumerate(parts[1:], 1):
            children.append((*_fork(function, items, share, counts, slot), share))

        def tell(done: int) -> None:
            counts.set(0, done)
            if progress is not None:
                progress(counts.total())

        own = _in_order(function, items, parts[0], tell)
        results.update(zip(parts[0], own, strict=True))
        while children:
            pid, read_end, share = children.pop(0)
            values: list[Result] | None = _collect(pid, read_end, len(share))
            if values is None:  # the worker failed: its share is checked here instead
                values = [function(items[index]) for index in share]
            results.update(zip(share, values, strict=True))
        if progress is not None:
            progress(len(items))
    finally:
        if freezing:
            gc.unfreeze()
        for pid, read_end, _ in children:  # only when this process failed or was stopped
            _end(pid, read_end)
    return [results[index] for index in range(len(items))]


class _Counts:
    """How many items each process has done, in memory the processes share."""

    def __init__(self, processes: int) -> None:
        import mmap

        self.memory = mmap.mmap(-1, 8 * processes)
        self.processes = processes

    def set(self, slot: int, done: int) -> None:
        self.memory[8 * slot : 8 * slot + 8] = done.to_bytes(8, "little")

    def total(self) -> int:
        memory = self.memory
        return sum(
            int.from_bytes(memory[8 * slot : 8 * slot + 8], "little")
            for slot in range(self.processes)
        )


def _in_order(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    indexes: Sequence[int],
    tell: Callable[[int], None] | None,
) -> list[Result]:
    """`function` of each item of `indexes`; `tell` hears how many are done after each."""
    out = []
    for done, index in enumerate(indexes, 1):
        out.append(function(items[index]))
        if tell is not None:
            tell(done)
    return out


def _fork(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    share: list[int],
    counts: _Counts,
    slot: int,
) -> tuple[int, int]:
    import pickle  # here, not at the top: most runs check too few files to fork

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: check its share, send the results, and exit at once
        os.close(read_end)
        status = 1
        try:
            values = _in_order(function, items, share, partial(counts.set, slot))
            data = pickle.dumps(values, pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as stream:
                stream.write(data)
            status = 0
        finally:
            # No atexit handlers, no flushing of buffers this process inherited: the
            # parent owns those.
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _collect(pid: int, read_end: int, count: int) -> list[Result] | None:
    """The worker's results, or None where it did not send them all."""
    import pickle

    with os.fdopen(read_end, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return None
    try:
        values = pickle.loads(data)
    except Exception:  # a worker cut off mid-write: redo its share
        return None
    if not isinstance(values, list) or len(values) != count:
        return None
    return values


def _end(pid: int, read_end: int) -> None:
    import signal

    try:
        os.close(read_end)
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except OSError:  # gone already
        pass
