"""Fixtures for the web app: a real SQLite file migrated by Alembic (once), copied per test; a live app."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.cli import upgrade_database
from app.config import Settings
from app.main import create_app
from app.models import ProblemSource
from tests.app.webapp import ADD_ONE, QA_CARD, SECRET, Env, add_problem


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade_database(f"sqlite:///{path}")
    return path


@pytest.fixture
def db_url(template_db, tmp_path) -> str:
    path = tmp_path / "rankup.db"
    shutil.copy(template_db, path)
    url = f"sqlite:///{path}"
    add_problem(url, "add-one", ADD_ONE, source=ProblemSource.BANK)
    add_problem(url, "lora-is-not-compression-demo", QA_CARD, source=ProblemSource.BANK)
    return url


@pytest.fixture
def make_env(db_url, tmp_path) -> Iterator[Callable[..., Env]]:
    clients: list[TestClient] = []

    def make(**overrides) -> Env:
        settings = Settings(database_url=db_url, secret_key=SECRET, warm_sandbox=False,
                            secret_key_file=tmp_path / "secret", **overrides)
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


