"""A throwaway PostgreSQL cluster for the tests: initdb into a temporary folder, pg_ctl.

    >>> server = TempPostgres.start()                      # doctest: +SKIP
    >>> server.create_database("t1")                       # doctest: +SKIP
    'postgresql://sitrep@/t1?host=/tmp/sitrep-pg-.../sock'
    >>> server.stop()                                      # doctest: +SKIP

The server listens on a Unix socket in its folder (the URLs the tests use: no password,
``trust``) and on a free 127.0.0.1 port, where a password is required (scram), so the
tests can check that a wrong one is reported without being shown.  initdb refuses to
run as root, so as root every server command runs as the ``postgres`` system user, and
the folder (under /tmp, which that user can reach, unlike pytest's 0700 tmp folders) is
handed to it.  fsync is off: a test cluster needs speed, not durability.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg

SUPERUSER = "sitrep"
PASSWORD = "pg-test-secret-8d7f"  # the TCP login's password; must never appear in errors
SKIP_ENV = "SITREP_SKIP_POSTGRES"
MISSING = (
    "PostgreSQL is not installed (no initdb on PATH or under /usr/lib/postgresql/*/bin): "
    "run `make postgres` to install it, or set SITREP_SKIP_POSTGRES=1 to skip these tests"
)


class PostgresMissingError(RuntimeError):
    """No initdb/pg_ctl on this machine."""


def find_bindir() -> Path:
    """The folder of initdb and pg_ctl: PATH first, then Debian's newest version."""
    on_path = shutil.which("initdb")
    if on_path is not None and shutil.which("pg_ctl") is not None:
        return Path(on_path).resolve().parent
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    if not found:
        raise PostgresMissingError(MISSING)
    return Path(found[-1]).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user() -> list[str]:
    """The command prefix that runs a server tool as a user initdb accepts."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser is None:
        raise PostgresMissingError("running as root, and there is no runuser to drop to postgres")
    return [runuser, "-u", "postgres", "--"]


@dataclass
class TempPostgres:
    root: Path
    bindir: Path
    port: int

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str) -> str:
        """A Unix-socket URL (trust: no password) for ``database``."""
        host = quote(str(self.socket_dir), safe="")
        return f"postgresql://{SUPERUSER}@/{database}?host={host}&port={self.port}"

    def tcp_url(self, database: str, password: str = PASSWORD) -> str:
        """A TCP URL with a password, for the tests of logins and redaction."""
        return (
            f"postgresql://{SUPERUSER}:{quote(password, safe='')}@127.0.0.1:{self.port}/{database}"
        )

    @classmethod
    def start(cls) -> TempPostgres:
        bindir = find_bindir()
        root = Path(tempfile.mkdtemp(prefix="sitrep-pg-"))
        server = cls(root=root, bindir=bindir, port=free_port())
        try:
            server._init()
            server._run(
                "pg_ctl",
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                str(server.data_dir),
                "-l",
                str(root / "server.log"),
                "-o",
                server._options(),
            )
        except BaseException:
            server._remove()
            raise
        return server

    def _init(self) -> None:
        self.socket_dir.mkdir()
        pwfile = self.root / "pwfile"
        pwfile.write_text(PASSWORD + "\n", encoding="utf-8")
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
            for path in (self.socket_dir, pwfile):
                shutil.chown(path, "postgres", "postgres")
        self._run(
            "initdb",
            "-D",
            str(self.data_dir),
            "-U",
            SUPERUSER,
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            f"--pwfile={pwfile}",
            "--no-sync",
        )

    def _options(self) -> str:
        settings = {
            "listen_addresses": "127.0.0.1",
            "port": str(self.port),
            "unix_socket_directories": str(self.socket_dir),
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "60",
        }
        return " ".join(f"-c {key}={value}" for key, value in settings.items())

    def _run(self, tool: str, *args: str) -> None:
        command = [*_as_server_user(), str(self.bindir / tool), *args]
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(encoding="utf-8", errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(
                f"{tool} failed ({done.returncode}): {done.stderr}{done.stdout}{tail}"
            )

    def admin(self) -> psycopg.Connection[tuple[object, ...]]:
        """An autocommit connection to the maintenance database (CREATE/DROP DATABASE)."""
        return psycopg.connect(self.url("postgres"), autocommit=True)

    def create_database(self, name: str, *, template: str | None = None) -> str:
        """A new database (a copy of ``template`` when given); returns its URL."""
        sql = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
        with self.admin() as conn:
            conn.execute(sql)  # names are the tests' own identifiers
        return self.url(name)

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def has_postgis(self) -> bool:
        with self.admin() as conn:
            row = conn.execute(
                "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'"
            ).fetchone()
        return row is not None

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "stop", "-D", str(self.data_dir), "-m", "immediate", "-w")
        finally:
            self._remove()

    def _remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
