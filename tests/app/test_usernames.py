"""Usernames are unique regardless of case (migration 0002), and logging in finds them in any case."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from app.cli import upgrade_database
from tests.app.webapp import bearer, csrf_of, make_user, register


def test_alice_and_ALICE_cannot_both_register(env):  # noqa: N802
    register(TestClient(env.app), "alice")
    browser = TestClient(env.app)
    token = csrf_of(browser.get("/register").text)
    response = browser.post("/register", data={"username": "ALICE", "password": "password123", "csrf_token": token})
    assert response.status_code == 409 and "is taken" in response.text
    assert env.client.post("/api/token", data={"username": "Alice", "password": "password123"}).status_code == 200
    assert env.client.get("/api/me", headers=bearer(env.client, "ALICE")).json()["username"] == "alice"


def test_the_database_refuses_a_case_twin(env):
    make_user(env, "alice")
    with env.session() as session, pytest.raises(IntegrityError):
        session.execute(
            text(
                'INSERT INTO "user" (username, password_hash, is_instructor, created_at) '
                "VALUES ('AlIcE', 'x', false, CURRENT_TIMESTAMP)"
            )
        )
        session.commit()


def test_non_ascii_lookalikes_find_no_one(env):
    make_user(env, "kelvin")
    # U+212A KELVIN SIGN lower-cases to an ASCII "k" in Python.
    response = env.client.post("/api/token", data={"username": "\u212aelvin", "password": "password123"})
    assert response.status_code == 401


def _head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config("alembic.ini")
    config.set_main_option("script_location", "alembic")
    return ScriptDirectory.from_config(config).get_current_head()


HEAD = _head()  # every later migration runs too


def migrate_to_0001(url: str) -> None:
    from alembic.config import Config

    from alembic import command

    config = Config("alembic.ini")
    config.set_main_option("script_location", "alembic")
    config.attributes["database_url"] = url
    command.upgrade(config, "0001")


def test_migration_stops_on_case_collisions_and_loses_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    migrate_to_0001(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        for name in ("bob", "Bob", "BOB", "carol"):
            connection.execute(
                text(
                    'INSERT INTO "user" (username, password_hash, is_instructor, created_at) '
                    "VALUES (:name, 'x', 0, CURRENT_TIMESTAMP)"
                ),
                {"name": name},
            )
    with pytest.raises(SystemExit, match="these accounts collide: BOB, Bob, bob"):
        upgrade_database(url)
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == "0001"
        assert connection.scalar(text('SELECT count(*) FROM "user"')) == 4
    with engine.begin() as connection:
        connection.execute(text("UPDATE \"user\" SET username = 'bob2' WHERE username = 'Bob'"))
        connection.execute(text("UPDATE \"user\" SET username = 'bob3' WHERE username = 'BOB'"))
    upgrade_database(url)
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == HEAD
    engine.dispose()
