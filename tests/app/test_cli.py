"""The web app's commands: db upgrade, users create, users demo, problems import."""

from __future__ import annotations

from typer.testing import CliRunner

from app.cli import cli


def test_db_users_and_import(tmp_path, monkeypatch):
    monkeypatch.setenv("RANKUP_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("RANKUP_SECRET_KEY_FILE", str(tmp_path / "secret"))
    runner = CliRunner()
    assert runner.invoke(cli, ["db", "upgrade"]).exit_code == 0
    created = runner.invoke(cli, ["users", "create", "ann", "--password", "password123", "--instructor"])
    assert created.exit_code == 0 and "instructor ann" in created.output
    duplicate = runner.invoke(cli, ["users", "create", "ann", "--password", "password123"])
    assert duplicate.exit_code == 2 and "taken" in duplicate.output
    short = runner.invoke(cli, ["users", "create", "bob", "--password", "x"])
    assert short.exit_code == 2
    demo = runner.invoke(cli, ["users", "demo"])
    assert demo.exit_code == 0 and "http://127.0.0.1:8000/" in demo.output and "demo / " in demo.output
    again = runner.invoke(cli, ["users", "demo"])
    assert again.exit_code == 0
    imported = runner.invoke(cli, ["problems", "import"])
    assert imported.exit_code == 0 and "new" in imported.output
    reimported = runner.invoke(cli, ["problems", "import"])
    assert reimported.exit_code == 0 and "0 new" in reimported.output
