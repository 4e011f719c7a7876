"""A throwaway PostgreSQL server for the tests: initdb into a temporary directory, listen on
a unix socket there only (no TCP), trust authentication, stopped and removed afterwards.

It uses the server binaries of Debian's `postgresql` package (/usr/lib/postgresql/<v>/bin,
installed by `make test`) or an initdb on PATH. initdb refuses to run as root, so as root the
server runs as the `postgres` user (made by the package) or else `nobody`.

Where no server can be started the tests that need one are skipped with the reason, except
under CI (the CI environment variable set), where they fail: CI must run them.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

DEBIAN_SERVER_DIR = Path("/usr/lib/postgresql")
SUPERUSER = "minutes"
START_TIMEOUT_S = 60
SERVICE_USERS = ("postgres", "nobody")


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server can be started here; the message says why."""


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def skip_or_fail(reason: str) -> None:
    """Skip the test, or fail it under CI, where the PostgreSQL tests must run."""
    if running_in_ci():
        pytest.fail(f"PostgreSQL tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL not available: {reason} (install Debian's postgresql package)")


def server_bin_dir() -> Path:
    """The directory of initdb and pg_ctl: the newest Debian server version, else PATH."""
    versions = sorted(
        (path.parent for path in DEBIAN_SERVER_DIR.glob("*/bin/initdb")),
        key=lambda bin_dir: _version_key(bin_dir.parent.name),
    )
    if versions:
        return versions[-1]
    on_path = shutil.which("initdb")
    if on_path is not None:
        return Path(on_path).parent
    raise PostgresUnavailable(f"no initdb under {DEBIAN_SERVER_DIR}/*/bin or on PATH")


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _service_user() -> pwd.struct_passwd | None:
    """The user to run the server as: None for the current user, unless that is root."""
    if os.geteuid() != 0:
        return None
    for name in SERVICE_USERS:
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise PostgresUnavailable(f"running as root and none of the users {SERVICE_USERS} exists")


@dataclass
class PostgresServer:
    bin_dir: Path
    base_dir: Path  # holds the cluster, the socket and the log
    port: int
    user: pwd.struct_passwd | None
    _database_numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def data_dir(self) -> Path:
        return self.base_dir / "data"

    @property
    def log_path(self) -> Path:
        return self.base_dir / "server.log"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.user is not None:
            runuser = shutil.which("runuser")
            if runuser is None:
                raise PostgresUnavailable("running as root and runuser is missing")
            command = [runuser, "-u", self.user.pw_name, "--", *command]
        try:
            return subprocess.run(
                command, capture_output=True, text=True, check=True, timeout=START_TIMEOUT_S
            )
        except subprocess.CalledProcessError as err:
            output = (err.stderr or err.stdout or "").strip()
            raise PostgresUnavailable(f"{args[0]} failed: {output[-800:]}") from err
        except subprocess.TimeoutExpired as err:
            raise PostgresUnavailable(f"{args[0]} timed out after {START_TIMEOUT_S} s") from err

    def start(self) -> None:
        if self.user is not None:
            os.chown(self.base_dir, self.user.pw_uid, self.user.pw_gid)
        self._run(
            "initdb",
            "--pgdata",
            str(self.data_dir),
            "--username",
            SUPERUSER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        options = f"-k {self.base_dir} -p {self.port} -c listen_addresses='' -c fsync=off"
        try:
            self._run(
                "pg_ctl",
                "--pgdata",
                str(self.data_dir),
                "--log",
                str(self.log_path),
                "--options",
                options,
                "--wait",
                "--timeout",
                str(START_TIMEOUT_S),
                "start",
            )
        except PostgresUnavailable as err:
            log = self.log_path.read_text(errors="replace")[-800:] if self.log_path.exists() else ""
            raise PostgresUnavailable(f"{err}\n{log}") from err

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            self._run("pg_ctl", "--pgdata", str(self.data_dir), "--mode", "fast", "--wait", "stop")

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.base_dir}&port={self.port}"

    def create_database(self) -> str:
        """A new, empty database; its SQLAlchemy URL."""
        import psycopg

        name = f"minutes_test_{next(self._database_numbers)}"
        with psycopg.connect(
            host=str(self.base_dir),
            port=self.port,
            user=SUPERUSER,
            dbname="postgres",
            autocommit=True,
        ) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def postgres_server() -> Iterator[PostgresServer]:
    """Start a server, yield it, stop it and remove its files (a session fixture's body)."""
    reason: str | None = None
    try:
        bin_dir = server_bin_dir()
        user = _service_user()
    except PostgresUnavailable as err:
        reason = str(err)
    if reason is not None:
        skip_or_fail(reason)
        return
    # A short path under the system temp dir: unix socket paths are limited to ~100 bytes.
    base_dir = Path(tempfile.mkdtemp(prefix="minutes-pg-"))
    server = PostgresServer(bin_dir, base_dir, _free_port(), user)
    try:
        try:
            server.start()
        except PostgresUnavailable as err:
            reason = str(err)
        if reason is not None:
            skip_or_fail(reason)
        yield server
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(base_dir, ignore_errors=True)
