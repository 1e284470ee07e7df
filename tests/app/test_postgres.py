"""PostgreSQL, for real: the migrations, the schema, and the app end to end on a throwaway server (postgres.py).

Every `env` here runs on PostgreSQL: this module's `db_url` replaces conftest's SQLite copy. To run the whole
web suite on PostgreSQL instead, set RANKUP_TEST_DATABASE=postgres.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, inspect, select, text
from typer.testing import CliRunner

import app.bank
from app.bank import import_bank
from app.cli import cli
from app.db import Base
from app.grading import SpecError, bank_problems
from app.models import Attempt, Problem
from tests.app.conftest import add_sample_problems
from tests.app.test_author import login
from tests.app.webapp import ADD_ONE, add_problem, bearer, csrf_of, make_user, register, wait_done

HEAD = ScriptDirectory(str(Path(__file__).resolve().parents[2] / "alembic")).get_current_head()


@pytest.fixture
def db_url(pg_url) -> str:
    add_sample_problems(pg_url)
    return pg_url


def schema_diff(url: str) -> list:
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.dialect.name == "postgresql"
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    return diff


def test_db_upgrade_command_builds_the_models_schema(pg_cluster, monkeypatch, tmp_path):
    url = pg_cluster.url(pg_cluster.create_database())
    monkeypatch.setenv("RANKUP_DATABASE_URL", url)
    monkeypatch.setenv("RANKUP_SECRET_KEY_FILE", str(tmp_path / "secret"))
    runner = CliRunner()
    result = runner.invoke(cli, ["db", "upgrade"])
    assert result.exit_code == 0 and "up to date" in result.output, result.output
    assert schema_diff(url) == [], "the migrations and the models disagree on PostgreSQL"
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == HEAD
        columns = {c["name"]: c["type"] for c in inspect(connection).get_columns("attempt")}
    engine.dispose()
    assert columns["created_at"].python_type.__name__ == "datetime" and columns["report"].__class__.__name__ == "JSON"
    assert runner.invoke(cli, ["db", "upgrade"]).exit_code == 0  # a second upgrade is a no-op
    created = runner.invoke(cli, ["users", "create", "ann", "--password", "password123", "--instructor"])
    assert created.exit_code == 0, created.output
    assert runner.invoke(cli, ["users", "create", "ann", "--password", "password123"]).exit_code == 2


def test_migrated_template_matches_models(pg_cluster, pg_template):
    assert schema_diff(pg_cluster.url(pg_template)) == []


def bank_subset(slugs: set[str]) -> list:
    found = [entry for entry in bank_problems() if entry[0] in slugs]
    assert {slug for slug, files, _ in found if files} == slugs, "a bank problem this test needs is missing or broken"
    return found


def test_end_to_end_on_postgres(make_env, monkeypatch):
    env = make_env(grading_workers=2)
    bank = bank_subset({"lora-forward", "qa-kv-cache"})
    monkeypatch.setattr(app.bank, "bank_problems", lambda _problems_dir: bank)
    with env.session() as session:
        summary = import_bank(session=session)
        session.commit()
    assert sorted(summary.created) == ["lora-forward", "qa-kv-cache"] and not summary.skipped

    register(env.client, "alice")  # the HTML form: a cookie session
    headers = bearer(env.client, "alice")  # and the API's bearer token
    assert env.client.get("/api/me", headers=headers).json()["username"] == "alice"
    make_user(env, "bob")
    bob = bearer(env.client, "bob")

    lora = next(files for slug, files, _ in bank if slug == "lora-forward")
    queued = env.client.post(
        "/api/problems/lora-forward/submissions", headers=headers, json={"code": lora["reference.py"], "mode": "submit"}
    )
    assert queued.status_code == 202 and queued.json()["status"] == "queued", queued.text
    done = wait_done(env.client, queued.json()["id"], headers)
    assert done["status"] == "done" and done["verdict"] == "accepted", done
    assert done["report"]["passed"] == done["report"]["total"] > 1 and done["finished_at"]
    wrong = env.client.post(
        "/api/problems/lora-forward/submissions", headers=headers, json={"code": lora["wrong/missing_scale.py"]}
    ).json()
    assert wait_done(env.client, wrong["id"], headers)["verdict"] == "wrong_answer"

    card = env.client.post(
        "/api/problems/qa-kv-cache/qa-attempts",
        headers=headers,
        json={"answer": "It caches keys and values.", "key_points_hit": [0], "rating": "good"},
    )
    assert card.status_code == 201 and card.json()["key_points_hit"] == [0], card.text
    history = env.client.get("/api/submissions", headers=headers).json()
    assert [h["id"] for h in history] == [card.json()["id"], wrong["id"], done["id"]]
    assert [h["id"] for h in env.client.get("/api/submissions?problem=lora-forward", headers=headers).json()] == [
        wrong["id"],
        done["id"],
    ]
    assert {r["slug"]: r["status"] for r in env.client.get("/api/problems", headers=headers).json()} == {
        "lora-forward": "solved",
        "qa-kv-cache": "solved",
        "add-one": "new",
        "lora-is-not-compression-demo": "new",
    }
    assert "LoRA forward pass" in env.client.get("/progress").text
    assert env.client.get(f"/submissions/{done['id']}").status_code == 200

    # Bob sees none of it.
    assert env.client.get(f"/api/submissions/{done['id']}", headers=bob).status_code == 404
    assert env.client.get("/api/submissions", headers=bob).json() == []

    # Re-importing a changed bank updates rows in place; the attempts stay with their problem.
    with env.session() as session:
        lora_id = session.scalar(select(Problem.id).where(Problem.slug == "lora-forward"))
    bank[:] = [
        (
            slug,
            {**files, "statement.md": files["statement.md"] + "\nUpdated.\n"} if slug == "lora-forward" else files,
            reasons,
        )
        for slug, files, reasons in bank
    ] + bank_subset({"gelu"})
    with env.session() as session:
        summary = import_bank(session=session)
        session.commit()
    assert (summary.created, summary.updated, summary.unchanged) == (["gelu"], ["lora-forward"], ["qa-kv-cache"])
    with env.session() as session:
        assert session.scalar(select(Problem.id).where(Problem.slug == "lora-forward")) == lora_id
        assert session.scalars(select(Attempt.id).where(Attempt.problem_id == lora_id).order_by(Attempt.id)).all() == [
            done["id"],
            wrong["id"],
        ]
    assert env.client.get(f"/api/submissions/{done['id']}", headers=headers).json()["verdict"] == "accepted"
    assert "Updated." in env.client.get("/api/problems/lora-forward").json()["statement"]
    statuses = {r["slug"]: r["status"] for r in env.client.get("/api/problems", headers=headers).json()}
    assert statuses["lora-forward"] == "solved" and statuses["gelu"] == "new"


def test_nul_characters_get_the_same_answers_as_on_sqlite(env):
    """PostgreSQL refuses text with NUL characters; these used to be 500s there (SQLite answered 200/401/404)."""
    make_user(env, "alice")
    make_user(env, "teacher", instructor=True)
    headers = bearer(env.client, "alice")
    client = env.client
    assert client.get("/?difficulty=%00%ff&kind=<script>").status_code == 200
    assert client.get("/api/problems?q=a%00b").json() == []
    assert client.get("/api/problems?topic=%00").json() == []
    assert client.get("/problems/add%00one").status_code == 404
    assert client.get("/api/problems/add%00one").status_code == 404
    assert client.post("/api/problems/add%00one/submissions", json={"code": "x"}, headers=headers).status_code == 404
    assert client.get("/api/submissions?problem=%00", headers=headers).status_code == 404
    assert client.post("/api/token", data={"username": "ali\x00ce", "password": "password123"}).status_code == 401
    qa = client.post(
        "/api/problems/lora-is-not-compression-demo/qa-attempts",
        headers=headers,
        json={"answer": "a\x00b", "key_points_hit": [], "rating": "good"},
    )
    assert qa.status_code == 422 and "NUL" in qa.json()["detail"]
    teacher = TestClient(env.app, raise_server_exceptions=False)
    token = csrf_of(teacher.get("/login").text)
    assert (
        teacher.post(
            "/login", data={"username": "tea\x00cher", "password": "password123", "csrf_token": token}
        ).status_code
        == 401
    )
    teacher.post("/login", data={"username": "teacher", "password": "password123", "csrf_token": token})
    for path in ("/author/a%00b/edit", "/author/a%00b/attempts", "/author/a%00b/export"):
        assert teacher.get(path).status_code == 404, path
    token = csrf_of(teacher.get("/author/new").text)
    saved = teacher.post("/author/save", data={"kind": "code", "slug": "a\x00b", "title": "T", "csrf_token": token})
    assert saved.status_code == 422
    files = {**ADD_ONE, "problem.toml": ADD_ONE["problem.toml"].replace('"Add one"', '"Add\\u0000one"')}
    with pytest.raises(SpecError, match="NUL"):
        add_problem(env.db_url, "nul-title", files)


def test_search_treats_a_backslash_as_text(env):
    """LIKE's escape character is a backslash on PostgreSQL and none on SQLite; the search escapes for both."""
    toml = ADD_ONE["problem.toml"].replace('"Add one"', '"Scale by \\\\sqrt{d}"')  # TOML for: Scale by \sqrt{d}
    add_problem(env.db_url, "scaled", {**ADD_ONE, "problem.toml": toml})
    assert env.client.get("/api/problems/scaled").json()["title"] == "Scale by \\sqrt{d}"
    found = {
        q: [r["slug"] for r in env.client.get("/api/problems", params={"q": q}).json()]
        for q in ("\\sqrt", "\\", "y \\s", "/", "sqrt")
    }
    assert found == {"\\sqrt": ["scaled"], "\\": ["scaled"], "y \\s": ["scaled"], "/": [], "sqrt": ["scaled"]}


def test_listing_fields_longer_than_their_columns_are_a_broken_problem(env):
    """PostgreSQL enforces VARCHAR lengths (SQLite does not): an import with a 201-character title was a 500."""
    toml = ADD_ONE["problem.toml"]
    with pytest.raises(SpecError, match="`title` is longer than 200"):
        add_problem(env.db_url, "long-title", {**ADD_ONE, "problem.toml": toml.replace('"Add one"', f'"{"x" * 201}"')})
    add_problem(env.db_url, "full-title", {**ADD_ONE, "problem.toml": toml.replace('"Add one"', f'"{"x" * 200}"')})
    assert env.client.get("/api/problems/full-title").json()["title"] == "x" * 200
    make_user(env, "teacher", instructor=True)
    teacher, token = login(env, "teacher")
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        for name, content in {**ADD_ONE, "problem.toml": toml.replace('"training"', f'"{"t" * 65}"')}.items():
            archive.writestr(f"long-topic/{name}", content)
    response = teacher.post(
        "/author/import", files={"package": ("p.zip", package.getvalue())}, headers={"X-CSRF-Token": token}
    )
    assert response.status_code == 400 and "`topic` is longer than 64" in response.text
