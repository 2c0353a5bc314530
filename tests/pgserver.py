"""A throw-away PostgreSQL server for the test run.

initdb into a temporary directory, start on a free port on 127.0.0.1, and
stop and remove everything afterwards, even when tests fail. As root,
PostgreSQL refuses to run, so the server runs as the `postgres` user.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def _bin(name: str) -> str:
    """Path of a PostgreSQL server binary (PATH first, then Debian's layout)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not candidates:
        raise RuntimeError(f"PostgreSQL's {name} was not found; `make test` installs the server")
    return candidates[-1]


def _free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """Start with start(), connect with url, stop with stop()."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="cxgov-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0

    def _run(self, *args: str) -> None:
        """Run a server command, as the postgres user when we are root."""
        command = list(args)
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--"] + command
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self) -> None:
        """initdb and start; fast but unsafe settings: the data is thrown away."""
        if self.as_root:
            shutil.chown(self.root, "postgres")
            self.root.chmod(0o700)
        self._run(_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "cxgov", "-E", "UTF8",
                  "--locale=C.UTF-8")
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the default database."""
        return f"postgresql+psycopg://cxgov@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        """Stop the server and remove its files."""
        try:
            if self.data.exists():
                self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
