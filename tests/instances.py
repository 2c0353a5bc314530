"""Several instances of cxgov for a test: gunicorn web processes and Huey consumers on one PostgreSQL and one Redis.

Each process is started as in production (`gunicorn wsgi:app`, `huey_consumer cxgov.worker.huey`) with the settings
that instances must share in its environment, and is stopped (and its log kept for the failure message) afterwards.
A small cookie-keeping HTTP client plays a browser or an API client that talks to one instance or another.
"""
from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from tests.pgserver import _free_port

ROOT = Path(__file__).resolve().parents[1]
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def zone_at_hour(hour: int) -> str:
    """A fixed-offset zone in which it is now `hour` o'clock (give or take the minutes): what is due is known."""
    offset = (hour - datetime.now(UTC).hour) % 24
    offset = offset - 24 if offset > 14 else offset
    return f"Etc/GMT{-offset:+d}" if offset else "Etc/GMT"  # POSIX names count the other way round


class Processes:
    """Start commands in the repository with one environment; stop them all, keeping their output in files."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env, self.running = env, []
        self.logs = Path(tempfile.mkdtemp(prefix="cxgov-instances-"))

    def start(self, name: str, *args: str) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "wb")  # noqa: SIM115 - closed in stop()
        process = subprocess.Popen([sys.executable, "-m", *args], cwd=ROOT, env=self.env, stdout=log,
                                   stderr=subprocess.STDOUT)
        self.running.append((name, process, log))
        return process

    def web(self, name: str) -> str:
        """One gunicorn instance (one worker) on a free loopback port; its host:port (see wait_for)."""
        port = _free_port()
        # Two masters on one machine would share gunicorn's control socket: the test's instances use none.
        self.start(name, "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}", "--no-control-socket",
                   "wsgi:app")
        return f"127.0.0.1:{port}"

    def wait_for(self, *hosts: str, timeout: float = 60) -> None:
        """Until each web instance answers /healthz."""
        deadline = time.monotonic() + timeout
        for host in hosts:
            while True:
                try:
                    if Client(host).get("/healthz").status == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("an instance did not start:\n" + "\n".join(
                        self.output(name) for name, _process, _log in self.running))
                time.sleep(0.1)

    def worker(self, name: str) -> None:
        """One Huey consumer with two threads (each takes tasks from the shared queue)."""
        self.start(name, "huey.bin.huey_consumer", "cxgov.worker.huey", "--workers", "2", "--worker-type",
                   "thread", "--delay", "0.1", "--max-delay", "0.5",
                   # the test puts the ticks on the queue itself, as several consumers' schedulers would
                   "--no-periodic")

    def run(self, code: str) -> str:
        """Python run with the instances' environment (as a script of the operator would); its output."""
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=self.env, capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def output(self, name: str, whole: bool = False) -> str:
        """What a process printed (its end, for a failure message; or all of it)."""
        text = (self.logs / f"{name}.log").read_text(errors="replace")
        return text if whole else text[-3000:]

    def stop(self) -> None:
        """Ask each process to stop, and kill what still runs two seconds later (their data is thrown away)."""
        for name, process, _log in self.running:  # gunicorn stops at once on SIGINT, Huey's consumer on SIGTERM
            process.send_signal(signal.SIGINT if name.startswith("web") else signal.SIGTERM)
        deadline = time.monotonic() + 2
        for _name, process, log in self.running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()


class Answer:
    def __init__(self, response: http.client.HTTPResponse) -> None:
        self.status, self.headers, self.text = response.status, response.headers, response.read().decode()

    def json(self) -> dict:
        return json.loads(self.text)


class Client:
    """An HTTP client with its cookies, coming from one address (told to the instances by the proxy header)."""

    def __init__(self, host: str, address: str = "", headers: dict | None = None) -> None:
        self.host, self.cookies = host, {}
        self.headers = {**({"X-Forwarded-For": address} if address else {}), **(headers or {})}

    def on(self, host: str) -> Client:
        """The same browser, talking to another instance."""
        other = Client(host)
        other.cookies, other.headers = self.cookies, self.headers
        return other

    def request(self, method: str, path: str, form: dict | None = None, headers: dict | None = None) -> Answer:
        host, port = self.host.split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        sent = {**self.headers, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        body = urlencode(form) if form is not None else None
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = Answer(connection.getresponse())
        finally:
            connection.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                if morsel.value:
                    self.cookies[key] = morsel.value
                else:
                    self.cookies.pop(key, None)
        return answer

    def get(self, path: str, **kwargs) -> Answer:
        return self.request("GET", path, **kwargs)

    def submit(self, path: str, form: dict, token_from: str = "/login") -> Answer:
        """POST a form with the CSRF token of a page this browser read (from whichever instance it talks to)."""
        token = CSRF.search(self.get(token_from).text).group(1)
        return self.request("POST", path, {**form, "csrf_token": token})


def environment(database_url: str, redis_url: str, **settings: str) -> dict[str, str]:
    """The settings every instance shares, over this process's environment."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("CXGOV_")}
    env.update(CXGOV_DATABASE_URL=database_url, CXGOV_REDIS_URL=redis_url, CXGOV_SECRET_KEY=os.urandom(16).hex(),
               CXGOV_TASKS_IMMEDIATE="false", PYTHONUNBUFFERED="1", **settings)
    return env
