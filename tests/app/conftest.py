"""Fixtures for the web app: a real SQLite file migrated by Alembic (once), copied per test; a live app.

RANKUP_TEST_DATABASE=postgres runs every test that uses `db_url` on a throwaway PostgreSQL server instead
(tests/app/postgres.py); tests/app/test_postgres.py always does.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.cli import upgrade_database
from app.config import Settings
from app.main import create_app
from app.models import ProblemSource
from tests.app.postgres import pg_cluster, pg_template, pg_url  # noqa: F401  (fixtures)
from tests.app.webapp import ADD_ONE, QA_CARD, SECRET, Env, add_problem


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade_database(f"sqlite:///{path}")
    return path


def add_sample_problems(url: str) -> None:
    add_problem(url, "add-one", ADD_ONE, source=ProblemSource.BANK)
    add_problem(url, "lora-is-not-compression-demo", QA_CARD, source=ProblemSource.BANK)


@pytest.fixture
def db_url(request, tmp_path) -> str:
    """A migrated database with the two sample problems: a copy of the SQLite template, or PostgreSQL."""
    if os.environ.get("RANKUP_TEST_DATABASE") == "postgres":
        url = request.getfixturevalue("pg_url")
    else:
        path = tmp_path / "rankup.db"
        shutil.copy(request.getfixturevalue("template_db"), path)
        url = f"sqlite:///{path}"
    add_sample_problems(url)
    return url


@pytest.fixture
def make_env(db_url, tmp_path) -> Iterator[Callable[..., Env]]:
    clients: list[TestClient] = []

    def make(**overrides) -> Env:
        settings = Settings(
            database_url=db_url, secret_key=SECRET, warm_sandbox=False, secret_key_file=tmp_path / "secret", **overrides
        )
        app = create_app(settings)
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return Env(app=app, client=client, settings=settings, db_url=db_url)

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def env(make_env) -> Env:
    return make_env()
