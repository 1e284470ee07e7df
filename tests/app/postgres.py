"""A throwaway PostgreSQL server for the tests: initdb into a temp dir, pg_ctl start, one database per test.

The cluster listens only on a unix socket inside its own temp dir (no TCP port to collide on), trusts local
connections, and is stopped and removed at the end of the session. PostgreSQL refuses to run as root, so as
root the server runs as the `postgres` OS user. Without the PostgreSQL binaries the tests are skipped, loudly.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

PORT = 5432  # only names the socket file (.s.PGSQL.5432) in the cluster's own dir; nothing listens on TCP
SUPERUSER = "postgres"


def find_bin_dir() -> Path | None:
    """The folder with initdb and pg_ctl: on PATH, else the newest /usr/lib/postgresql/<version>/bin."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parent.parent.name))
    return Path(found[-1]).parent if found else None


class PostgresCluster:
    def __init__(self, bin_dir: Path, root: Path, run_as: str | None):
        self.bin_dir = bin_dir
        self.root = root
        self.data = root / "data"
        self.log = root / "server.log"
        self.run_as = run_as
        self._names = itertools.count(1)

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(
                f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}{log}"
            )

    def start(self) -> None:
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        # Durability off: a test server that dies loses nothing that matters, and commits get cheap.
        options = (
            f"-c listen_addresses='' -k {self.root} -p {PORT} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=200"
        )
        self._run("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data), "-l", str(self.log), "-o", options)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "-w", "-t", "60", "-m", "immediate", "-D", str(self.data))

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.root}&port={PORT}"

    def create_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`, which must have no open connections); its name."""
        import psycopg

        name = f"rankup_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(
            host=str(self.root), port=PORT, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL tests skipped: no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin "
            "(apt-get install postgresql)"
        )
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("PostgreSQL tests skipped: the psycopg driver is not installed (pip install -e '.[dev]')")
    run_as = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SUPERUSER)
        except KeyError:
            pytest.skip("PostgreSQL tests skipped: running as root and there is no `postgres` OS user to run as")
        if shutil.which("runuser") is None:
            pytest.skip("PostgreSQL tests skipped: running as root and `runuser` is missing")
        run_as = SUPERUSER
    # Not under pytest's tmp_path: its parents are 0700 root, which the postgres user cannot traverse. A short
    # path too: the socket's path must fit in 107 bytes.
    root = Path(tempfile.mkdtemp(prefix="rankup-pg-", dir="/tmp" if run_as else None))
    if run_as:
        os.chown(root, pwd.getpwnam(run_as).pw_uid, pwd.getpwnam(run_as).pw_gid)
    cluster = PostgresCluster(bin_dir, root, run_as)
    try:
        cluster.start()
        yield cluster
    finally:
        try:
            cluster.stop()
        finally:
            shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_template(pg_cluster) -> str:
    """The name of a database migrated once by the real Alembic migrations; tests get copies of it."""
    from app.cli import upgrade_database

    name = pg_cluster.create_database()
    upgrade_database(pg_cluster.url(name))  # disposes its engine: no connection is left open to block a copy
    return name


@pytest.fixture
def pg_url(pg_cluster, pg_template) -> str:
    """A fresh, migrated PostgreSQL database for one test."""
    return pg_cluster.url(pg_cluster.create_database(template=pg_template))
