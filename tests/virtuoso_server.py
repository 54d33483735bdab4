"""A Virtuoso open-source server for the tests: a fresh database in a temporary folder, on
free localhost ports, stopped after (Debian's ``virtuoso-opensource``; scripts/install-virtuoso.sh).

Its SPARQL endpoints are the authenticated ones (``/sparql-auth``, ``/sparql-graph-crud-auth``,
HTTP Digest), so that the tests pass the credentials the way a user does: in the environment.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SERVER = "virtuoso-t"
USER = PASSWORD = "dba"  # a fresh database's administrator; the server listens on 127.0.0.1 only
START_TIMEOUT = 120.0
DEFAULT_AFTER_IMAGE_LIMIT = 50_000_000  # bytes: Virtuoso's own default, so that the tests meet a stock server

SETTINGS = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {folder}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty_buffers}
; the largest roll-forward log one transaction may write (Virtuoso's default: 50000000 bytes)
TransactionAfterImageLimit = {after_image_limit}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
; every row of an answer (the default cuts at 10000), no cost limit of Virtuoso's own, and a time
; limit only where the caller gives one (0: none)
ResultSetMaxRows = 100000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = {query_seconds}
"""


@dataclass
class Virtuoso:
    folder: Path
    http_port: int
    process: subprocess.Popen

    @property
    def sparql(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-auth"

    @property
    def graph_store(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-graph-crud-auth"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_virtuoso(folder: Path, *, buffers: int = 20_000, after_image_limit: int = DEFAULT_AFTER_IMAGE_LIMIT,
                   query_seconds: int = 0) -> Virtuoso:
    """Start a server on a fresh database in ``folder``; raise if it does not answer in time.
    ``after_image_limit`` is the ini's TransactionAfterImageLimit (bytes), ``query_seconds`` its
    MaxQueryExecutionTime (a benchmark's queries the client gave up on stop there, not later)."""
    if shutil.which(SERVER) is None:
        raise RuntimeError(f"{SERVER} is not installed: run scripts/install-virtuoso.sh")
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = _free_port(), _free_port()
    (folder / "virtuoso.ini").write_text(SETTINGS.format(folder=folder, sql_port=sql_port, http_port=http_port,
                                                         buffers=buffers, dirty_buffers=buffers * 3 // 4,
                                                         after_image_limit=after_image_limit,
                                                         query_seconds=query_seconds))
    log = open(folder / "server.out", "wb")
    process = subprocess.Popen([SERVER, "-f", "-c", "virtuoso.ini"], cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    server = Virtuoso(folder, http_port, process)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Virtuoso stopped at start: {(folder / 'virtuoso.log').read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{http_port}/sparql?query=ASK%7B%7D", timeout=5):
                return server
        except OSError:
            time.sleep(0.5)
    server.stop()
    raise RuntimeError(f"Virtuoso did not answer within {START_TIMEOUT:g} s")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
