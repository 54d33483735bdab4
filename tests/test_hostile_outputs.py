"""``-o`` writes to the file the path names: through links, to FIFOs and devices as a
stream, atomically over regular files (keeping their mode), never a half file; a write
that fails names the file."""

import os
import shutil
import stat
import threading
from pathlib import Path

import pytest

from conftest import MINI_PROJECT, ROOT, materialized
from hskg.errors import WriteError
from hskg.files import write_atomically

# Every command with -o, and the first bytes of what it writes.
OUTPUTS = [
    (("export",), b"@prefix "),
    (("export", "--format", "nt"), b"<https://w3id.org/hskg/"),
    (("view",), b"<!DOCTYPE html>"),
]


@pytest.fixture
def project(tmp_path):
    return materialized(MINI_PROJECT, tmp_path / "project")


@pytest.mark.parametrize("command, start", OUTPUTS)
def test_a_link_is_followed_and_kept(run_hskg, project, tmp_path, command, start):
    target = tmp_path / "target.out"
    target.write_bytes(b"old")
    link = tmp_path / "link.out"
    link.symlink_to(target)
    code, out, err = run_hskg("--root", str(project), *command, "-o", str(link))
    assert (code, (out + err).splitlines()[-1].startswith(f"wrote {link}")) == (0, True)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes().startswith(start)


@pytest.mark.parametrize("command, start", OUTPUTS)
def test_a_fifo_gets_a_stream_and_stays_a_fifo(run_hskg, project, tmp_path, command, start):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, _, _ = run_hskg("--root", str(project), *command, "-o", str(fifo))
    reader.join(timeout=30)
    assert code == 0
    assert received[0].startswith(start)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("command, start", OUTPUTS)
def test_a_full_device_is_named_and_stays_a_device(run_hskg, project, command, start):
    before = os.stat("/dev/full")
    code, out, err = run_hskg("--root", str(project), *command, "-o", "/dev/full")
    assert (code, err) == (2, "hskg: error: cannot write /dev/full: No space left on device\n")
    after = os.stat("/dev/full")
    assert (stat.S_ISCHR(after.st_mode), after.st_rdev, after.st_ino) == (True, before.st_rdev, before.st_ino)


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o444])
def test_a_replaced_file_keeps_its_mode(tmp_path, mode):
    path = tmp_path / "out.ttl"
    path.write_bytes(b"old")
    path.chmod(mode)
    write_atomically(path, b"new")
    assert (path.read_bytes(), stat.S_IMODE(path.stat().st_mode)) == (b"new", mode)


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path, umask, mode):
    previous = os.umask(umask)
    try:
        write_atomically(tmp_path / "new.ttl", b"data")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.ttl").stat().st_mode) == mode


def test_no_temporary_file_is_left_beside_the_output(tmp_path):
    write_atomically(tmp_path / "a.ttl", b"one")
    write_atomically(tmp_path / "a.ttl", b"two")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl"]


@pytest.mark.parametrize("command", [c for c, _ in OUTPUTS])
def test_bad_output_paths_are_one_line_errors_and_write_nothing(run_hskg, project, tmp_path, command):
    blocker = tmp_path / "a-file"
    blocker.write_bytes(b"keep")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    cases = {
        "": "hskg: error: cannot write to an empty file name; give a file\n",
        str(blocker / "x.out"): f"hskg: error: cannot write {blocker}/x.out: Not a directory\n",
        str(blocker / "deeper" / "x.out"): f"hskg: error: cannot write {blocker}/deeper/x.out: Not a directory\n",
    }
    for output, message in cases.items():
        assert run_hskg("--root", str(project), *command, "-o", output) == (2, "", message)
    assert blocker.read_bytes() == b"keep"
    code, _, err = run_hskg("--root", str(project), *command, "-o", str(folder))
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "a-folder", "project"]


def test_a_folder_as_the_target_is_refused_by_the_writer(tmp_path):
    with pytest.raises(WriteError, match=f"^cannot write {tmp_path}: it is a folder$"):
        write_atomically(tmp_path, b"x")


@pytest.mark.parametrize("blocked", ["build", "build/site"])
def test_build_in_a_place_hskg_cannot_write_names_the_file(run_hskg, project, blocked):
    # A file where build/ or build/site/ should be: what a read-only build/ gives root too.
    (project / blocked).parent.mkdir(parents=True, exist_ok=True)
    (project / blocked).write_text("not a folder", encoding="utf-8")
    code, out, err = run_hskg("--root", str(project), "build")
    first = "build/hskg.ttl" if blocked == "build" else "build/site/"
    assert code == 2 and err.startswith(f"hskg: error: ") and err.count("\n") == 1
    assert str(project / first) in err or f"{project}/build" in err
    assert (project / blocked).read_text(encoding="utf-8") == "not a folder"


def test_a_stream_write_to_a_closed_pipe_is_an_error_naming_it(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    opened = threading.Event()

    def read_a_little_and_close():
        with open(fifo, "rb") as stream:
            opened.set()
            stream.read(1)

    reader = threading.Thread(target=read_a_little_and_close)
    reader.start()
    with pytest.raises(WriteError, match=f"^cannot write {fifo}: Broken pipe$"):
        write_atomically(fifo, b"x" * (4 * 1024 * 1024))
    reader.join(timeout=30)
    assert Path(fifo).is_fifo()


@pytest.mark.slow
def test_a_lock_hskg_cannot_open_is_named_and_nothing_is_written(run_hskg, tmp_path):
    # What a lock left by another user gives (root may open any file; a folder it cannot).
    project = tmp_path / "project"
    for folder in ("ontology", "graph", "queries", "sources"):
        shutil.copytree(ROOT / folder, project / folder)
    (project / "build" / ".write.lock").mkdir(parents=True)
    before = sorted(p.relative_to(project) for p in (project / "graph").rglob("*"))
    code, out, err = run_hskg("--root", str(project), "add", "actor", "--label", "Hostile Lock Test",
                              "--kind", "international-organization", "--no-owl")
    assert (code, err) == (2, f"hskg: error: {project}/build/.write.lock: Is a directory\n")
    assert sorted(p.relative_to(project) for p in (project / "graph").rglob("*")) == before
