"""Starting ``hskg serve`` for the serve tests: a subprocess on a free port of 127.0.0.1.

(No tests here; the other test_serve*.py files import ``Server``.)
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPARQL_RESULTS_JSON = "application/sparql-results+json"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``hskg --root ROOT [--store STORE] serve OPTIONS`` running until ``stop()``; its output goes to ``log``."""

    def __init__(self, root: Path, log: Path, *options: str, store: Path | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
        self._log = log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hskg.cli", "--root", str(root), *(["--store", str(store)] if store else []),
             "serve", "--port", str(self.port), *options],
            stdout=self._log, stderr=subprocess.STDOUT, env=env)
        self._wait_until_ready()

    def _wait_until_ready(self, limit: float = 30.0) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"hskg serve ended: {self.log()}")
            try:
                with urllib.request.urlopen(self.url + "/sparql", timeout=2):
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"hskg serve did not start within {limit} s: {self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def tree_hash(root: Path, folders=("ontology", "graph", "queries")) -> str:
    """One hash of every file's path and bytes under ``folders``: did anything on disk change?"""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
