"""A fixed pool of worker processes that hold the graph, each forked after it was loaded.

pyoxigraph cannot cancel a query, so a query runs in a worker, and a worker still busy
at the time limit is killed (its memory goes with it) and replaced by a fresh fork.
Past the workers, a bounded number of requests wait (at most ``queue_wait`` seconds);
past that, ``Busy``: the server answers 503 with Retry-After, never an unbounded queue.

Before workers are forked, the parent fills what every worker would otherwise compute on
its first request: the rules' entailments and, at start, the explorer's table (seconds at
100k triples), so a worker replaced at the time limit answers at once.

The graph on disk is watched: at most once a second the files' sizes and times are
compared with the last look, and only when they differ is the content fingerprint of the
project's Turtle files computed and compared with the loaded one; when that differs the
project is loaded again and new workers are forked from it.  A worker keeps its own copy of the
graph for the query it runs, so a query in flight sees one snapshot; a worker of an old
graph is replaced when it comes back.  An on-disk store (build/store/) is brought in step in
place, by the server or by the command that changed the files (``hskg add``): each read of a
worker holds the store's shared lock for that read only and reopens its read-only handle
after a write (``hskg.store_disk``), so neither waits for the other beyond one query.

Everything here runs on the server's event loop thread: no thread is started, so the
forks copy no lock held by another thread.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import multiprocessing
import os
import signal
import time
from dataclasses import dataclass, field

from ..derived import fingerprint
from .jobs import Limits, Reply, run_job, text_reply

log = logging.getLogger("hskg.serve")
FORK = multiprocessing.get_context("fork")
PR_SET_PDEATHSIG = 1
RELOAD_INTERVAL = 1.0
RACY_WINDOW_NS = 3_000_000_000  # files touched this lately are hashed even when their stamp is equal


class Busy(Exception):
    """Every worker is busy and the waiting line is full."""


@dataclass(frozen=True)
class PoolSettings:
    workers: int = 2
    timeout: float = 10.0  # seconds a query may run
    queue: int = 64  # requests that may wait for a worker
    queue_wait: float | None = None  # seconds one may wait (default: the time limit)
    limits: Limits = field(default_factory=Limits)


def project_fingerprint(project) -> str:
    return fingerprint(_watched(project), project.root)


def project_stamp(project) -> tuple:
    """The watched files' names, sizes, times and inodes: cheap to read, and different
    whenever an edit, a new file, a deleted file or an atomic replace could have changed the
    fingerprint (which hashes every byte, too slow to compute every second at 1M triples)."""
    stamps = []
    for path in _watched(project):
        status = path.stat()
        stamps.append((str(path), status.st_size, status.st_mtime_ns, status.st_ino))
    return tuple(stamps)


def _racy(stamp: tuple) -> bool:
    """Whether a file changed so lately that a second edit within the file system's time
    resolution, of the same size, could hide behind an equal stamp (git's "racy clean")."""
    recent = time.time_ns() - RACY_WINDOW_NS
    return any(modified >= recent for _, _, modified, _ in stamp)


def _watched(project) -> list:
    return [*project.ontology_files(), *project.graph_files()]


def prepare(kg, *, explorer: bool = True) -> None:
    """Fill, in the parent, what each forked worker would otherwise compute on its own: the
    entailments every query reads and, unless not ``explorer``, the explorer's table."""
    from .data import explorer_graph

    kg.load_entailments()
    if explorer:
        explorer_graph(kg)


class Worker:
    """One forked process with its end of a pipe; it answers jobs one at a time."""

    def __init__(self, kg, generation: int, limits: Limits) -> None:
        parent, child = FORK.Pipe(duplex=True)
        self.process = FORK.Process(target=_work, args=(child, kg, limits), daemon=True)
        self.process.start()
        child.close()
        self.connection, self.generation = parent, generation

    async def run(self, job: tuple, timeout: float) -> Reply:
        """The worker's answer; ``asyncio.TimeoutError`` at the limit, ``EOFError`` if it died."""
        self.connection.send(job)
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        descriptor = self.connection.fileno()
        loop.add_reader(descriptor, lambda: ready.done() or ready.set_result(None))
        try:
            await asyncio.wait_for(ready, timeout)
        finally:
            loop.remove_reader(descriptor)
        return self.connection.recv()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


def _work(connection, kg, limits: Limits) -> None:
    """The worker's loop (in the child): a job in, a reply out, until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops its workers itself
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.set_wakeup_fd(-1)
    _die_with_parent()
    _limit_memory(limits.max_memory)
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(run_job(kg, job, limits))


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the server dies (a runaway would outlive it)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _limit_memory(extra: int) -> None:
    """Cap the worker's address space: a query that would take all the machine's memory
    ends its own worker (answered 500, the worker replaced), not the server or the machine."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (size + extra, size + extra))
    except (OSError, ValueError, ImportError):
        pass


class WorkerPool:
    """The workers, the waiting line and the graph they were forked with."""

    def __init__(self, kg, settings: PoolSettings, *, store_location: str | None = None) -> None:
        self.kg, self.settings, self.store_location = kg, settings, store_location
        kg.follow = False  # the pool reloads the graph itself, and its workers only read
        self.generation = 0
        self.loaded = project_fingerprint(kg.project)
        self.stamp = project_stamp(kg.project)
        self.failed: str | None = None  # a fingerprint whose load failed (not tried again)
        self.reloading = False
        self.checked = time.monotonic()
        self.idle: list[Worker] = []
        self.waiting: collections.deque[asyncio.Future] = collections.deque()
        self.workers: set[Worker] = set()

    def start(self) -> None:
        prepare(self.kg)
        for _ in range(self.settings.workers):
            self._spawn_idle()

    def close(self) -> None:
        for worker in list(self.workers):
            worker.stop()
        self.workers.clear()
        self.idle.clear()

    async def submit(self, job: tuple) -> Reply:
        """The answer to ``job`` from a worker of the current graph; raises ``Busy``."""
        await self._reload_if_changed()
        worker = await self._acquire()
        try:
            reply = await worker.run(job, self.settings.timeout)
        except asyncio.TimeoutError:
            log.warning("stopped a worker at the time limit (%g s); it was replaced", self.settings.timeout)
            self._replace(worker)
            return text_reply(503, f"the query was stopped after {self.settings.timeout:g} s (the time limit)")
        except (EOFError, OSError):
            self._replace(worker)
            return text_reply(500, "the worker ended without an answer (out of memory?); it was replaced")
        except BaseException:  # the client went away: the worker may still be answering
            self._replace(worker)
            raise
        self._release(worker)
        return reply

    # --- the waiting line -----------------------------------------------------------------

    async def _acquire(self, *, first: bool = False) -> Worker:
        if self.idle:
            return self.idle.pop()
        if len(self.waiting) >= self.settings.queue and not first:
            raise Busy()
        ready = asyncio.get_running_loop().create_future()
        self.waiting.appendleft(ready) if first else self.waiting.append(ready)
        wait = self.settings.queue_wait if self.settings.queue_wait is not None else self.settings.timeout
        try:
            return await asyncio.wait_for(asyncio.shield(ready), None if first else wait)
        except BaseException as error:  # the wait ran out, or the request was cancelled
            if ready.done() and not ready.cancelled():  # handed a worker at that very moment
                self._release(ready.result())
            else:
                ready.cancel()
            if isinstance(error, asyncio.TimeoutError):
                raise Busy() from None
            raise
        finally:
            if ready in self.waiting:
                self.waiting.remove(ready)

    def _release(self, worker: Worker) -> None:
        if worker.generation != self.generation:
            self._retire(worker)
            worker = self._spawn()
        while self.waiting:
            ready = self.waiting.popleft()
            if not ready.done():
                ready.set_result(worker)
                return
        self.idle.append(worker)

    def _replace(self, worker: Worker) -> None:
        self._retire(worker)
        self._release(self._spawn())

    def _spawn(self) -> Worker:
        worker = Worker(self.kg, self.generation, self.settings.limits)
        self.workers.add(worker)
        return worker

    def _spawn_idle(self) -> None:
        self.idle.append(self._spawn())

    def _retire(self, worker: Worker) -> None:
        worker.stop()
        self.workers.discard(worker)

    # --- reloading ------------------------------------------------------------------------

    async def _reload_if_changed(self) -> None:
        now = time.monotonic()
        if self.reloading or now - self.checked < RELOAD_INTERVAL:
            return
        self.checked = now
        try:
            stamp = project_stamp(self.kg.project)
            if stamp == self.stamp and not _racy(stamp):
                return
            current = project_fingerprint(self.kg.project)
        except OSError as error:  # a file went away while it was hashed: look again next time
            log.warning("cannot fingerprint the project: %s", error)
            return
        self.stamp = stamp
        if current in (self.loaded, self.failed):
            return
        self.reloading = True
        try:
            self._reload(current)
        finally:
            self.reloading = False

    def _reload(self, current: str) -> None:
        from ..errors import HskgError
        from ..knowledge import KnowledgeGraph

        started = time.monotonic()
        project = self.kg.project
        try:
            # In memory a file that does not parse changes nothing; on disk the files before it are in step.
            kg = KnowledgeGraph.open(project, store=self.store_location)
        except (HskgError, OSError) as error:
            self.failed = current
            log.error("the graph changed but cannot be loaded, still serving the previous one: %s", error)
            return
        kg.follow = False
        # The server waits for this on its event loop: the entailments, which every query
        # needs, but not the explorer's table (seconds at 100k), built by a worker on demand.
        prepare(kg, explorer=False)
        self.kg, self.loaded, self.failed = kg, current, None
        self.generation += 1
        for worker in self.idle:
            self._retire(worker)
        self.idle = [self._spawn() for _ in self.idle]
        log.info("reloaded the graph (%d triples) in %.0f ms", kg.store.count(),
                 1000 * (time.monotonic() - started))
