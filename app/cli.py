"""The one command line, `rankup`: grading, the problem bank, users, the database and the server."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from grader import Mode, SpecError, bank_slugs, find_problem

if TYPE_CHECKING:
    from app.bank import ImportSummary

cli = typer.Typer(no_args_is_help=True, add_completion=False, help="RankUp: practice ML interview problems.")
problems_cli = typer.Typer(no_args_is_help=True, help="The built-in problem bank.")
cli.add_typer(problems_cli, name="problems")
users_cli = typer.Typer(no_args_is_help=True, help="Accounts.")
cli.add_typer(users_cli, name="users")
db_cli = typer.Typer(no_args_is_help=True, help="The database.")
cli.add_typer(db_cli, name="db")
queue_cli = typer.Typer(no_args_is_help=True, help="The grading queue (procrastinate backend).")
cli.add_typer(queue_cli, name="queue")


def problems_dir() -> Path:
    from app.config import Settings

    return Settings().problems_dir


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"rankup: {message}", err=True)
    raise typer.Exit(code)


@cli.command()
def grade(
    problem: str = typer.Argument(help="problem slug from problems/"),
    file: Path = typer.Argument(help="the Python file to grade"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
    mode: str = typer.Option("submit", help="submit (all tests) or run (visible samples only)"),
) -> None:
    """Grade FILE against PROBLEM. Exit 0 when accepted, 1 when not, 2 on a usage error."""
    from grader.judge import grade as grade_source

    if mode not in set(Mode):
        fail(f"--mode must be one of {', '.join(Mode)}")
    try:
        spec = find_problem(problem, problems_dir())
    except SpecError as exc:
        fail("; ".join(exc.reasons))
    if spec.kind != "code":
        fail(f"{problem} is a Q&A card, not a coding problem")
    try:
        source = file.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {file}: {exc.strerror if isinstance(exc, OSError) else 'not UTF-8'}")
    report = grade_source(spec, source, mode=mode)  # the grader's fault boundary: a fault is an internal_error
    if as_json:
        typer.echo(report.to_json())
    else:
        typer.echo(render_table(report))
    raise typer.Exit(0 if report.accepted else 1)


def render_table(report) -> str:
    rows = [("test", "verdict", "time", "message")]
    for t in report.tests:
        name = t.name + (" (hidden)" if t.hidden else "")
        time = "" if t.time_ms is None else f"{t.time_ms:.1f} ms"  # hidden tests carry no time
        rows.append((name, str(t.verdict), time, t.message.splitlines()[0] if t.message else ""))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["  ".join(r[i].ljust(widths[i]) for i in range(3)) + "  " + r[3] for r in rows]
    details = [f"\n--- {t.name} ---\n{t.message}" for t in report.tests if "\n" in t.message]
    summary = f"\n{report.problem}: {report.verdict} ({report.passed}/{report.total} passed, {report.time_ms:.1f} ms)"
    diagnosis = f"\ndiagnosis ({report.diagnosis.name}): {report.diagnosis.message}" if report.diagnosis else ""
    return "\n".join(lines) + "".join(details) + summary + diagnosis


@problems_cli.command("validate")
def problems_validate(
    slugs: list[str] = typer.Argument(None, help="slugs to check (default: all)"),
) -> None:
    """Check problems: files parse, the reference passes, starters, stubs and wrong/ solutions fail, and each
    wrong solution has its diagnosis and each coding problem its three hints, in both languages."""
    from grader.validate import validate_folder

    root = problems_dir()
    broken = 0
    for slug in slugs or bank_slugs(root):
        reasons = validate_folder(root / slug)
        if reasons:
            broken += 1
            typer.echo(f"FAIL {slug}")
            for reason in reasons:
                typer.echo(f"     - {reason}")
        else:
            typer.echo(f"ok   {slug}")
    typer.echo(f"{broken} broken" if broken else "all problems valid")
    raise typer.Exit(1 if broken else 0)


@problems_cli.command("list")
def problems_list(as_json: bool = typer.Option(False, "--json", help="print a JSON array")) -> None:
    """List the built-in bank."""
    rows = []
    root = problems_dir()
    for slug in bank_slugs(root):
        try:
            spec = find_problem(slug, root)
        except SpecError as exc:
            typer.echo(f"rankup: skipping broken problem {exc}", err=True)
            continue
        rows.append(
            {
                "slug": spec.slug,
                "kind": spec.kind,
                "title": spec.title,
                "difficulty": spec.difficulty,
                "topic": spec.topic,
                "tags": list(spec.tags),
                "languages": spec.languages,
            }
        )
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    for r in rows:
        typer.echo(f"{r['slug']:40} {r['kind']:4} {r['difficulty']:6} {r['topic']:16} {r['title']}")
    code = sum(r["kind"] == "code" for r in rows)
    typer.echo(f"{code} coding problems, {len(rows) - code} Q&A cards")


@problems_cli.command("import")
def problems_import() -> None:
    """Load the built-in bank into the database; re-importing updates problems in place."""
    from app.bank import import_bank

    with _session() as session:
        summary = import_bank(session=session, problems_dir=problems_dir())
        session.commit()
    tracks = summary.tracks
    for line in summary.skipped + (tracks.skipped if tracks else []):
        typer.echo(f"skipped {line}", err=True)
    typer.echo(f"imported: {_counts(summary)}")
    if tracks is not None:
        typer.echo(f"tracks: {_counts(tracks)}")


def _counts(summary: ImportSummary) -> str:
    """One import's counts, as the command prints them."""
    return (
        f"{len(summary.created)} new, {len(summary.updated)} updated, "
        f"{len(summary.unchanged)} unchanged, {len(summary.skipped)} skipped"
    )


def _session():
    from app.config import Settings
    from app.db import make_engine, make_sessionmaker

    return make_sessionmaker(make_engine(Settings().database_url))()


def upgrade_database(url: str | None = None) -> None:
    """Run the Alembic migrations up to head."""
    from alembic.config import Config

    from alembic import command
    from app.config import Settings

    root = Path(__file__).resolve().parent.parent
    config = Config(str(root / "alembic.ini"))
    config.set_main_option("script_location", str(root / "alembic"))
    url = url or Settings().database_url
    private_sqlite_file(url)
    config.attributes["database_url"] = url
    command.upgrade(config, "head")


def private_sqlite_file(url: str) -> None:
    """Create a SQLite database file readable by its owner only (0600), and tighten an existing one with its
    WAL and shared-memory files. SQLite gives the WAL and -shm files it creates the database file's mode."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite") or parsed.database in (None, "", ":memory:"):
        return
    path = Path(parsed.database)
    if not path.parent.is_dir():
        return  # SQLite reports the missing folder itself
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        if name.exists():
            os.chmod(name, 0o600)


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Apply the database migrations (RANKUP_DATABASE_URL); with RANKUP_GRADING_BACKEND=procrastinate, create
    procrastinate's schema too when the database lacks it."""
    from app.config import Settings

    settings = Settings()
    if settings.backend_problem:
        fail(settings.backend_problem)
    upgrade_database(settings.database_url)
    if settings.grading_backend == "procrastinate":
        from app.distributed import apply_schema

        if apply_schema(settings.database_url):
            typer.echo("created the procrastinate job queue's schema")
    typer.echo("database is up to date")


def procrastinate_settings():
    """The settings, when they name the procrastinate backend on PostgreSQL; else exit with the reason."""
    from app.config import Settings

    settings = Settings()
    if settings.grading_backend != "procrastinate":
        fail("this command needs RANKUP_GRADING_BACKEND=procrastinate")
    if settings.backend_problem:
        fail(settings.backend_problem)
    return settings


@cli.command()
def worker(concurrency: int = typer.Option(2, min=1, help="attempts graded at once (one sandbox slot each)")) -> None:
    """Grade queued attempts (procrastinate backend) until SIGTERM, which finishes the running ones first."""
    import logging

    from app.distributed import run_worker

    settings = procrastinate_settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    run_worker(settings, concurrency)


@queue_cli.command("status")
def queue_status() -> None:
    """Print the queued, running and stalled counts, the workers' last heartbeats and the oldest job's age."""
    from datetime import UTC, datetime

    from app.distributed import queue_status as read_status

    settings = procrastinate_settings()
    status = read_status(settings.database_url, settings.worker_stalled_after_s)
    now = datetime.now(UTC)
    typer.echo(f"queued: {status.queued}\nrunning: {status.running}\nstalled: {status.stalled}")
    oldest = f"{(now - status.oldest_queued_at).total_seconds():.1f} s" if status.oldest_queued_at else "-"
    typer.echo(f"oldest queued job: {oldest}")
    typer.echo(f"workers: {len(status.heartbeats)}")
    for worker_id, beat in status.heartbeats:
        typer.echo(f"  worker {worker_id}: last heartbeat {(now - beat).total_seconds():.1f} s ago")


@users_cli.command("create")
def users_create(
    name: str = typer.Argument(help="username"),
    password: str = typer.Option(..., "--password", help="password (8 characters or more)"),
    instructor: bool = typer.Option(False, "--instructor", help="may author problems"),
    admin: bool = typer.Option(False, "--admin", help="site admin: an instructor who manages every course"),
) -> None:
    """Create an account."""
    from app.auth import create_user
    from app.errors import AppError

    with _session() as session:
        try:
            user = create_user(session=session, username=name, password=password, is_instructor=instructor or admin)
        except AppError as exc:
            fail(exc.message)
        user.is_admin = admin
        session.commit()
    typer.echo(f"created {'admin' if admin else 'instructor' if instructor else 'user'} {name}")


@users_cli.command("password")
def users_password(
    name: str = typer.Argument(help="username (any case)"),
    password: str = typer.Option(..., "--password", help="the new password (8 characters or more)"),
) -> None:
    """Set an account's password; this logs it out everywhere, API tokens included."""
    from app.auth import find_user, set_password
    from app.errors import AppError

    with _session() as session:
        user = find_user(session=session, username=name)
        if user is None:
            fail(f"no user named {name!r}")
        try:
            set_password(session=session, user=user, password=password)
        except AppError as exc:
            fail(exc.message)
        session.commit()
    typer.echo(f"new password set for {user.username}; all its sessions and tokens have ended")


def reset_demo_user(session, password: str) -> None:
    """Create the demo instructor, or give it a new password, which ends all its sessions and tokens."""
    from app.auth import create_user, find_user, set_password

    user = find_user(session=session, username="demo")
    if user is None:
        create_user(session=session, username="demo", password=password, is_instructor=True)
    else:
        set_password(session=session, user=user, password=password)
        user.is_instructor = True


@users_cli.command("demo")
def users_demo(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Create (or reset) the demo instructor and print the URL and its login."""
    import secrets

    password = secrets.token_urlsafe(9)
    with _session() as session:
        reset_demo_user(session, password)
        session.commit()
    typer.echo(f"RankUp is at http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    typer.echo(f"demo instructor login: demo / {password}")


@cli.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="address to bind"),
    port: int = typer.Option(8000, help="port to listen on"),
) -> None:
    """Serve the web app."""
    import uvicorn

    from app.config import Settings
    from app.main import create_app

    settings = Settings()
    if settings.backend_problem:
        fail(settings.backend_problem)
    private_sqlite_file(settings.database_url)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info", access_log=False)


def main() -> None:
    sys.exit(cli())
