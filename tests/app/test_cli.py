"""The web app's commands: db upgrade, users create, users demo, problems import."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

from sqlalchemy import text
from typer.testing import CliRunner

from app.cli import cli, private_sqlite_file
from app.config import Settings
from app.db import make_engine


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
    tracks = len(list((Settings().problems_dir / "tracks").glob("*.toml")))
    assert tracks > 0
    imported = runner.invoke(cli, ["problems", "import"])
    assert imported.exit_code == 0 and "new" in imported.output
    assert f"tracks: {tracks} new, 0 updated, 0 unchanged, 0 skipped" in imported.output
    reimported = runner.invoke(cli, ["problems", "import"])
    assert reimported.exit_code == 0 and "0 new" in reimported.output
    assert f"tracks: 0 new, 0 updated, {tracks} unchanged, 0 skipped" in reimported.output


def test_database_files_are_private(tmp_path, monkeypatch):
    path = tmp_path / "private.db"
    monkeypatch.setenv("RANKUP_DATABASE_URL", f"sqlite:///{path}")
    old = os.umask(0o022)
    try:
        assert CliRunner().invoke(cli, ["db", "upgrade"]).exit_code == 0
        engine = make_engine(f"sqlite:///{path}")
        with engine.connect() as connection:  # WAL mode: SQLite creates -wal and -shm beside the file
            connection.execute(text("CREATE TABLE probe (x INTEGER)"))
            connection.commit()
            names = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
            assert all(name.exists() for name in names)
            assert {oct(stat.S_IMODE(name.stat().st_mode)) for name in names} == {"0o600"}
        engine.dispose()
    finally:
        os.umask(old)
    loose = tmp_path / "loose.db"
    loose.touch(mode=0o644)
    private_sqlite_file(f"sqlite:///{loose}")  # an existing database is tightened too
    assert stat.S_IMODE(loose.stat().st_mode) == 0o600


def test_problems_folder_is_a_setting(tmp_path, monkeypatch):
    folder = tmp_path / "bank"
    shutil.copytree(Settings().problems_dir / "lora-forward", folder / "lora-forward")
    monkeypatch.setenv("RANKUP_PROBLEMS_DIR", str(folder))
    listed = CliRunner().invoke(cli, ["problems", "list", "--json"])
    assert listed.exit_code == 0 and [row["slug"] for row in json.loads(listed.output)] == ["lora-forward"]
    monkeypatch.setenv("RANKUP_DATABASE_URL", f"sqlite:///{tmp_path / 'bank.db'}")
    assert CliRunner().invoke(cli, ["db", "upgrade"]).exit_code == 0
    (folder / "tracks").mkdir()
    track = 'title = "LoRA"\ntitle_zh = "LoRA"\ndescription = "d"\ndescription_zh = "d"\nitems = ["lora-forward"]\n'
    (folder / "tracks" / "lora.toml").write_text(track)
    (folder / "tracks" / "broken.toml").write_text(track.replace("lora-forward", "no-such-problem"))
    imported = CliRunner().invoke(cli, ["problems", "import"])
    assert imported.exit_code == 0 and "imported: 1 new" in imported.output
    assert "tracks: 1 new, 0 updated, 0 unchanged, 1 skipped" in imported.output
    assert "skipped track broken: broken (no such problem in the bank: no-such-problem)" in imported.output
    (folder / "tracks" / "lora.toml").write_text(track.replace('"LoRA"\ntitle_zh', '"LoRA, again"\ntitle_zh'))
    reimported = CliRunner().invoke(cli, ["problems", "import"])
    assert "tracks: 0 new, 1 updated, 0 unchanged, 1 skipped" in reimported.output
