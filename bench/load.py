"""Gunicorn on 127.0.0.1 and a bounded load for it: wrk (Debian's package, installed by
scripts/install-system-packages) with a fixed number of connections, each sending one request
at a time. Without wrk, a stand-in from Python's standard library: threads, each sending one
request at a time over http.client. The stand-in needs more of the same two cores the server
runs on, so it reports fewer requests per second; the results name the tool used.
"""

import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
GUNICORN = BASE_DIR / ".venv" / "bin" / "gunicorn"
WRK_REPORT = Path(__file__).resolve().parent / "wrk_report.lua"


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the value below which ``share`` of the values lie."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def fetch(
    port: int,
    path: str,
    *,
    headers: Mapping[str, str] | None = None,
    method: str = "GET",
    body: bytes | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """One request on a fresh connection (gunicorn's sync workers close each one)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=dict(headers or {}))
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@contextmanager
def gunicorn(port: int, env: Mapping[str, str], *, workers: int = 2) -> Iterator[None]:
    """Gunicorn serving config.wsgi on 127.0.0.1:port until the block ends."""
    _refuse_taken_port(port)
    process = subprocess.Popen(
        [
            str(GUNICORN),
            "config.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env={**os.environ, **env},
    )
    try:
        _wait_until_up(port, process)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _refuse_taken_port(port: int) -> None:
    # Another server there (say, one an interrupted run left behind) would answer in place
    # of ours, and be measured.
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError(f"Port {port} is taken by another server: stop it and run again.")


def _wait_until_up(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn on port {port} exited with {process.returncode}")
        try:
            if fetch(port, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn on port {port} did not answer /healthz in {timeout} s")


def load(
    port: int,
    path: str,
    *,
    headers: Mapping[str, str],
    seconds: float,
    concurrency: int,
) -> dict:
    """Requests per second and latency for ``seconds`` with ``concurrency`` requests at a time."""
    wrk = shutil.which("wrk")
    if wrk:
        return _load_with_wrk(wrk, port, path, headers, seconds, concurrency)
    return _load_with_threads(port, path, headers, seconds, concurrency)


def _load_with_wrk(
    wrk: str, port: int, path: str, headers: Mapping[str, str], seconds: float, concurrency: int
) -> dict:
    command = [wrk, "--threads", "1", "--connections", str(concurrency)]
    command += ["--duration", f"{max(1, round(seconds))}s", "--script", str(WRK_REPORT)]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    done = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    elapsed = report["duration_us"] / 1e6
    return {
        "path": path,
        "tool": "wrk",
        "concurrency": concurrency,
        "seconds": round(elapsed, 1),
        "requests": report["requests"],
        "errors": report["errors"],
        "requests_per_second": round(report["requests"] / elapsed, 1),
        "p50_ms": round(report["p50_us"] / 1000, 1),
        "p95_ms": round(report["p95_us"] / 1000, 1),
    }


def _load_with_threads(
    port: int, path: str, headers: Mapping[str, str], seconds: float, concurrency: int
) -> dict:
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        mine, failed = [], []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                status = fetch(port, path, headers=headers)[0]
            except OSError:
                status = 0
            mine.append((time.perf_counter() - started) * 1000)
            if status != 200:
                failed.append(status)
        with lock:
            latencies.extend(mine)
            failures.extend(failed)

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {
        "path": path,
        "tool": "Python threads",
        "concurrency": concurrency,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "errors": len(failures),
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
    }
