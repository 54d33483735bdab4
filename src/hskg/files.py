"""Writing files the safe way: atomically, all or nothing, one writer at a time.

Only the command line (and the benchmark's report) writes; these are the ways it does.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import stat
import uuid
from pathlib import Path
from typing import BinaryIO, Iterator, Mapping

from .errors import HskgError, WriteError


def read_text(path: Path) -> str:
    """The text of a file a user gave or wrote (a query, a check, a source text), or one line
    that names the file and says why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise HskgError(f"{path} is not valid UTF-8 (byte {error.start}: {error.reason})") from None
    except OSError as error:
        raise HskgError(f"cannot read {path}: {error.strerror}") from None


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to the file ``path`` names; the one writer of every output of hskg
    (``writing_atomically`` for an output written as it is made)."""
    with writing_atomically(path) as stream:
        stream.write(data)


_UNFINISHED: set[str] = set()  # temporary files of writes under way (discard_unfinished)


@contextlib.contextmanager
def writing_atomically(path: Path) -> Iterator[BinaryIO]:
    """A binary stream to the file ``path`` names, for an output written as it is made.

    A regular file (or a new one) is written to a temporary file beside it, renamed over it
    when the block ends, so readers never see half a file; if the block fails, the temporary
    file goes and the old file stays as it was.  The file keeps the mode of the file it
    replaces (a new file gets what the umask gives).  A symbolic link is followed and its
    target written, never replaced by a file.  A FIFO, a device or any other file that is not
    a regular file is written as a stream: ``-o /dev/stdout`` or a named pipe works, and
    ``/dev/full`` stays a device.  Raises ``HskgError`` naming ``path`` when it cannot.
    """
    if not str(path) or Path(path) == Path("."):
        raise WriteError("cannot write to an empty file name; give a file")
    target = Path(os.path.realpath(path))
    try:
        try:
            # through links, also to a pipe that realpath cannot name (/dev/stdout → pipe:[…])
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and stat.S_ISDIR(mode):
            raise WriteError(f"cannot write {path}: it is a folder")
        if mode is not None and not stat.S_ISREG(mode):
            with open(path, "wb") as stream:
                yield stream
            return
        import tempfile  # here: a command that writes no file (hskg query) starts without it

        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        _UNFINISHED.add(temporary)
        try:
            with os.fdopen(handle, "wb") as stream:
                # mkstemp makes the file readable by its owner only; give it the mode of the file
                # it replaces, or what the umask gives a new file.
                os.fchmod(handle, mode & 0o7777 if mode is not None else 0o666 & ~_umask())
                yield stream
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        finally:
            _UNFINISHED.discard(temporary)
    except OSError as error:
        raise WriteError(f"cannot write {path}: {error.strerror or error}") from None


def discard_unfinished() -> None:
    """Remove the temporary files of the writes under way, for a process that is about to
    end without unwinding (``os._exit`` at a query's time limit)."""
    for temporary in list(_UNFINISHED):
        _discard(Path(temporary))


def write_all_or_nothing(changes: Mapping[Path, bytes | None], journal: Path) -> None:
    """Write new contents (``None``: delete the file) as one step, through a journal.

    The journal names every temporary file before any is written ("pending"), then is
    marked "commit" once all are on disk; the renames and deletions follow, and the
    journal goes.  A process killed at any moment leaves either a pending journal (the
    next ``complete_journal`` rolls back: the graph as before) or a committed one (it
    rolls forward: the graph as after), and no temporary file once it has run.  Call it
    under ``project_lock``.
    """
    complete_journal(journal)
    token = uuid.uuid4().hex[:12]
    entries = [(str(path), None if data is None else str(path.parent / f".{path.name}.{token}.pending"))
               for path, data in changes.items()]
    created = [str(folder) for folder in sorted({path.parent for path in changes}) if not folder.exists()]
    try:
        _write_journal(journal, {"state": "pending", "entries": entries, "created": created})
        for folder in created:
            Path(folder).mkdir(parents=True, exist_ok=True)
        for (path, temporary), data in zip(entries, changes.values()):
            if temporary is not None:
                _write_synced(Path(temporary), data, Path(path))
        _write_journal(journal, {"state": "commit", "entries": entries, "created": created})
    except OSError as error:
        complete_journal(journal)
        raise HskgError(f"cannot write {error.filename or ''}: {error.strerror}; nothing written") from None
    finally:
        # an interruption (Ctrl-C) or an error: finish the step one way or the other
        if journal.exists():
            complete_journal(journal)


def complete_journal(journal: Path) -> None:
    """Finish what an interrupted ``write_all_or_nothing`` left: roll a committed journal
    forward, a pending one back; remove every temporary file it names."""
    _discard(Path(f"{journal}.tmp"))
    if not journal.exists():
        return
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
        entries, created, committed = record["entries"], record["created"], record["state"] == "commit"
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise HskgError(f"cannot read the write journal {journal}: {error}; remove it after checking graph/") from None
    for target, temporary in entries:
        if committed and temporary is None:
            _discard(Path(target))
        elif committed and Path(temporary).exists():
            os.replace(temporary, target)
        elif temporary is not None:
            _discard(Path(temporary))
    if not committed:
        for folder in reversed(created):  # only folders this step made, and only if still empty
            if Path(folder).is_dir() and not any(Path(folder).iterdir()):
                Path(folder).rmdir()
    journal.unlink()


def _discard(path: Path) -> None:
    """Remove a file if it is there (its folder may be gone, or be a file)."""
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        path.unlink()


def _write_journal(journal: Path, record: dict) -> None:
    journal.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(f"{journal}.tmp")
    _write_synced(temporary, json.dumps(record).encode("utf-8"))
    os.replace(temporary, journal)


def _write_synced(path: Path, data: bytes, replaced: Path | None = None) -> None:
    """``data`` in a new file at ``path``, on disk when this returns; with the mode of the
    file it will replace, else what the umask gives a new file."""
    mode = replaced.stat().st_mode & 0o7777 if replaced is not None and replaced.exists() else 0o666 & ~_umask()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, mode)  # after the umask, which open's mode would pass through
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


JOURNAL = ".write.journal"  # in build/, beside the lock


def finish_interrupted_write(project) -> None:
    """Roll forward or back a write that a killed process left half done, before a reader
    loads the project: a reader never sees half of one step. Waits for a writer at work."""
    journal = project.build_dir / JOURNAL
    if journal.exists():
        with project_lock(project):
            complete_journal(journal)


@contextlib.contextmanager
def project_lock(project):
    """An exclusive lock for the writers of one project, kept in build/ so that graph/ stays untouched."""
    project.build_dir.mkdir(parents=True, exist_ok=True)
    with open(project.build_dir / ".write.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
