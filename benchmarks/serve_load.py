"""Load measure of ``hskg serve``: concurrent clients running catalog queries over HTTP,
side by side with the in-process path (``KnowledgeGraph.catalog_query``).

    python -m benchmarks.serve_load [--root PROJECT] [--clients 20] [--requests 500] [--workers 2]

Starts ``hskg serve`` on a free port of 127.0.0.1 over the project (the shipped graph by
default; a synthetic one written by ``benchmarks.synthetic`` for larger graphs), runs
``--clients`` threads that each send ``--requests`` catalog queries (``/api/NAME`` with
each query's documented example parameters, in turn), then runs as many queries one
after another in this process, and prints a Markdown table: requests, errors,
throughput, p50 and p95 latency.  Exits 1 if any request failed.

Each catalog query is first asked once, alone: one whose answer the server refuses by
design (more rows than ``--max-rows``, or longer than the time limit; on the synthetic
graphs the notion × regime × approach matrix grows with the cube of the copies) is left
out of the load and listed under the table with its status, time and reason.
"""

from __future__ import annotations

import argparse
import collections
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path



def examples(root: Path) -> list[tuple[str, dict[str, str]]]:
    from hskg.query import load_catalog

    return [(name, {p.name: p.example for p in entry.parameters})
            for name, entry in load_catalog(root / "queries").items()]


def probe(url: str, calls) -> tuple[list, list[str]]:
    """The calls the server answers alone, and a line for each one it refuses."""
    import httpx

    kept, refused = [], []
    with httpx.Client(base_url=url, timeout=120) as http:
        for name, params in calls:
            started = time.perf_counter()
            response = http.get(f"/api/{name}", params=params, headers={"Accept": "application/sparql-results+json"})
            elapsed = time.perf_counter() - started
            if response.status_code == 200:
                kept.append((name, params))
            else:
                refused.append(f"- `{name}`: {response.status_code} after {elapsed:.1f} s: "
                               f"{response.text.strip().splitlines()[0]}")
    return kept, refused


def start_server(root: Path, workers: int) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "hskg.cli", "--root", str(root), "serve", "--port", str(port),
                                "--workers", str(workers)], stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(3000):  # a large graph takes a while to load
        try:
            urllib.request.urlopen(url + "/sparql", timeout=1).close()
            return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("hskg serve did not start")


BUSY_RETRIES = 3  # as the explorer page does: a 503 is asked again after its Retry-After


def over_http(url: str, clients: int, requests: int, calls) -> tuple[list[float], int, float, int]:
    """Latencies (a retried request counts once, its waits included), errors (not answered
    200 after the retries), elapsed seconds and the number of 503 answers that were retried."""
    import httpx

    latencies: list[float] = []
    failures: collections.Counter = collections.Counter()
    retried = [0]
    lock = threading.Lock()

    def ask(http, name: str, params: dict[str, str]) -> tuple[int, int]:
        for attempt in range(BUSY_RETRIES + 1):
            response = http.get(f"/api/{name}", params=params, headers={"Accept": "application/sparql-results+json"})
            if response.status_code != 503 or attempt == BUSY_RETRIES or "Retry-After" not in response.headers:
                return response.status_code, attempt
            time.sleep(float(response.headers["Retry-After"]))
        raise AssertionError("unreachable")

    def client(offset: int) -> None:
        mine, statuses, busy = [], collections.Counter(), 0
        with httpx.Client(base_url=url, timeout=60) as http:
            for i in range(requests):
                name, params = calls[(offset + i) % len(calls)]
                started = time.perf_counter()
                status, attempts = ask(http, name, params)
                mine.append(time.perf_counter() - started)
                busy += attempts
                if status != 200:
                    statuses[(name, status)] += 1
        with lock:
            latencies.extend(mine)
            failures.update(statuses)
            retried[0] += busy

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    for (name, status), times in sorted(failures.items()):
        print(f"{name}: {times} × {status}", file=sys.stderr)
    return latencies, sum(failures.values()), elapsed, retried[0]


def in_process(root: Path, total: int, calls) -> tuple[list[float], int, float]:
    from hskg import KnowledgeGraph

    kg = KnowledgeGraph.open(root)
    latencies, errors = [], 0
    started = time.perf_counter()
    for i in range(total):
        name, params = calls[i % len(calls)]
        begun = time.perf_counter()
        try:
            kg.catalog_query(name, params, inferred=False, timeout=None)
        except Exception:  # counted, not raised: the table says how many
            errors += 1
        latencies.append(time.perf_counter() - begun)
    return latencies, errors, time.perf_counter() - started


def row(path: str, latencies: list[float], errors: int, elapsed: float) -> str:
    cuts = statistics.quantiles(latencies, n=100)
    return (f"| {path} | {len(latencies)} | {errors} | {len(latencies) / elapsed:,.0f} | "
            f"{1000 * cuts[49]:.1f} | {1000 * cuts[94]:.1f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=500, help="catalog queries per client")
    parser.add_argument("--workers", type=int, default=2, help="hskg serve --workers")
    parser.add_argument("--root", type=Path, help="the project (default: the checkout here)")
    options = parser.parse_args()
    from hskg.project import Project

    root = Project.find(options.root).root
    calls = examples(root)
    process, url = start_server(root, options.workers)
    try:
        calls, refused = probe(url, calls)
        served = over_http(url, options.clients, options.requests, calls)
    finally:
        process.terminate()
        process.wait(10)
    local = in_process(root, options.clients * options.requests, calls)
    print(f"{len(calls)} catalog queries with their example parameters, in turn; {os.cpu_count()} cores\n")
    print("| path | queries | errors | throughput (queries/s) | p50 (ms) | p95 (ms) |")
    print("|---|---:|---:|---:|---:|---:|")
    print(row(f"hskg serve, {options.clients} clients over HTTP, {options.workers} workers", *served[:3]))
    print(row("KnowledgeGraph.catalog_query, in process, one after another", *local))
    print(f"\n{served[3]} answers of the server were 503 (every worker busy and the waiting line full, or a wait "
          f"past the time limit) and asked again after their Retry-After, as the explorer page does; up to "
          f"{BUSY_RETRIES} times. A request still refused after that counts as an error.")
    if refused:
        print("\nLeft out of the load: refused by the server when asked alone (by design; see `hskg serve --help`):\n")
        print("\n".join(refused))
    return 1 if served[1] or local[1] else 0


if __name__ == "__main__":
    sys.exit(main())
