"""Latency under concurrent clients: gunicorn on a free loopback port, signed-in sessions, a mix of pages."""
from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from flask import Flask

from bench.measure import signed_in_client
from bench.pages import BenchError, Page

ROOT = Path(__file__).resolve().parents[1]
REQUEST_TIMEOUT = 120  # seconds one request may take before it counts as an error


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_cookies(app: Flask, people: dict[str, int]) -> dict[str, str]:
    """A signed session cookie per role, valid for any server sharing the app's secret key."""
    cookies = {}
    for role, user_id in people.items():
        cookie = signed_in_client(app, user_id).get_cookie("session")
        cookies[role] = f"session={cookie.value}"
    return cookies


def get(port: int, url: str, cookie: str) -> int:
    """GET a URL from the server and read the whole answer; the status, or 0 when the request failed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", url, headers={"Cookie": cookie, "Accept-Language": "en"})
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return 0
    finally:
        connection.close()


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (gunicorn's workers), read from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            # "pid (name) state ppid …": the name may hold spaces, so split after its closing parenthesis
            if int(stat.read_text().rpartition(")")[2].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


class Gunicorn:
    """gunicorn serving wsgi:app with N sync workers on a database URL; stopped by its own pid."""

    def __init__(self, database_url: str, secret: str, workers: int, log: Path, port: int | None = None,
                 env: dict[str, str] | None = None) -> None:
        self.port, self.log = port or free_port(), log
        env = {**os.environ, "CXGOV_DATABASE_URL": database_url, "CXGOV_SECRET_KEY": secret, **(env or {})}
        command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--timeout", str(REQUEST_TIMEOUT),
                   "--bind", f"127.0.0.1:{self.port}", "wsgi:app"]
        with open(log, "ab") as out:  # a restarted server adds to the log
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)

    def wait_ready(self, seconds: float = 60) -> None:
        """Wait until /healthz answers; a server that died or never answers is a BenchError."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            if get(self.port, "/healthz", "") == 200:
                return
            time.sleep(0.3)
        tail = self.log.read_text(errors="replace")[-2000:]
        raise BenchError(f"gunicorn did not start on port {self.port}:\n{tail}")

    def kill(self) -> int:
        """kill -9 the master and every worker at once, as a crash would; how many processes were killed."""
        pids = [self.process.pid, *children(self.process.pid)]
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait()
        return len(pids)

    def stop(self) -> None:
        """Stop the server we started (TERM, then KILL)."""
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _client_loop(port: int, mix: list[tuple[Page, str]], start: int, deadline: float, out: list) -> None:
    """One client: request the mix in turn from its own starting point until the deadline."""
    index = start
    while time.monotonic() < deadline:
        page, cookie = mix[index % len(mix)]
        began = time.perf_counter()
        status = get(port, page.url, cookie)
        out.append((page.key, status, time.perf_counter() - began))
        index += 1


def run_clients(port: int, mix: list[tuple[Page, str]], clients: int, seconds: float) -> tuple[list, float]:
    """Start `clients` threads for `seconds`; every (page, status, seconds) and the wall time including drain."""
    results: list = []
    deadline = time.monotonic() + seconds
    began = time.monotonic()
    threads = [threading.Thread(target=_client_loop, args=(port, mix, i * len(mix) // clients, deadline, results),
                                daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + REQUEST_TIMEOUT + 5)
    return results, time.monotonic() - began


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def summarise(results: list, wall: float) -> dict:
    """p50, p95, errors and throughput of a load run."""
    times = [seconds for _key, _status, seconds in results]
    errors = [(key, status) for key, status, _seconds in results if not 200 <= status < 400]
    if not times:
        return {"requests": 0, "errors": 0, "p50_ms": None, "p95_ms": None, "ratio": None, "per_second": 0}
    p50, p95 = percentile(times, 0.50), percentile(times, 0.95)
    return {"requests": len(times), "errors": len(errors), "error_pages": sorted({f"{k} ({s})" for k, s in errors}),
            "p50_ms": round(p50 * 1000), "p95_ms": round(p95 * 1000), "max_ms": round(max(times) * 1000),
            "mean_ms": round(statistics.mean(times) * 1000), "ratio": round(p95 / p50, 2),
            "per_second": round(len(times) / wall, 2), "wall_s": round(wall, 1)}


def warm_up(port: int, mix: list[tuple[Page, str]], workers: int) -> None:
    """One pass of the mix, `workers` at a time, so each worker has connected and compiled its templates."""
    for offset in range(0, len(mix), workers):
        threads = [threading.Thread(target=get, args=(port, page.url, cookie)) for page, cookie in
                   mix[offset:offset + workers]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


def measure_load(app: Flask, database_url: str, pages: list[Page], people: dict[str, int], *, clients: int,
                 workers: int, seconds: float, log: Path) -> dict:
    """Serve the data with gunicorn, warm both workers up with one pass of the mix, then load it."""
    cookies = session_cookies(app, people)
    mix = [(page, cookies[page.role]) for page in pages]
    server = Gunicorn(database_url, app.config["SECRET_KEY"], workers, log)
    try:
        server.wait_ready()
        warm_up(server.port, mix, workers)
        results, wall = run_clients(server.port, mix, clients, seconds)
    finally:
        server.stop()
    return {"clients": clients, "workers": workers, "seconds": seconds, "pages": [p.key for p in pages],
            **summarise(results, wall)}
