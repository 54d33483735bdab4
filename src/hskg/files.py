"""Writing files the safe way: atomically, all or nothing, one writer at a time.

Only the command line (and the benchmark's report) writes; these are the ways it does.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import tempfile
from pathlib import Path

from .errors import HskgError, WriteError


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to the file ``path`` names; the one writer of every output of hskg.

    A regular file (or a new one) is written to a temporary file beside it, then renamed
    over it, so readers never see half a file; it keeps the mode of the file it replaces
    (a new file gets what the umask gives).  A symbolic link is followed and its target
    written, never replaced by a file.  A FIFO, a device or any other file that is not a
    regular file is written as a stream: ``-o /dev/stdout`` or a named pipe works, and
    ``/dev/full`` stays a device.  Raises ``HskgError`` naming ``path`` when it cannot.
    """
    if not str(path) or Path(path) == Path("."):
        raise WriteError("cannot write to an empty file name; give a file")
    target = Path(os.path.realpath(path))
    try:
        try:
            mode = target.stat().st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and stat.S_ISDIR(mode):
            raise WriteError(f"cannot write {path}: it is a folder")
        if mode is not None and not stat.S_ISREG(mode):
            with open(target, "wb") as stream:
                stream.write(data)
            return
        temporary = _temporary_copy(target, data)
        try:
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise WriteError(f"cannot write {path}: {error.strerror or error}") from None


def write_all_or_nothing(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary name, then rename them all; on any failure remove
    what was written.  An existing file is never replaced."""
    temporaries: list[tuple[str, Path]] = []
    renamed: list[Path] = []
    try:
        for path, data in files.items():
            if path.exists():
                raise HskgError(f"{path} exists already; nothing written")
            temporaries.append((_temporary_copy(path, data), path))
        for temporary, path in temporaries:
            os.replace(temporary, path)
            renamed.append(path)
    except OSError as error:
        for path in renamed:
            path.unlink(missing_ok=True)
        raise HskgError(f"cannot write {error.filename or ''}: {error.strerror}; nothing written") from None
    finally:
        for temporary, _ in temporaries:
            Path(temporary).unlink(missing_ok=True)
        for folder in {p.parent for p in files}:
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()


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


def _temporary_copy(path: Path, data: bytes) -> str:
    """``data`` in a new temporary file beside ``path``, flushed to disk; its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file readable by its owner only; give it the mode of the file it
        # replaces, or what the umask gives a new file.
        os.fchmod(handle, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
