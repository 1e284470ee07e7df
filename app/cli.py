"""The one command line, `rankup`: grading, the problem bank, users, the database and the server."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from grader import SandboxError, SpecError, bank_slugs, find_problem

cli = typer.Typer(no_args_is_help=True, add_completion=False, help="RankUp: practice ML interview problems.")
problems_cli = typer.Typer(no_args_is_help=True, help="The built-in problem bank.")
cli.add_typer(problems_cli, name="problems")


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

    if mode not in ("submit", "run"):
        fail("--mode must be submit or run")
    try:
        spec = find_problem(problem)
    except SpecError as exc:
        fail("; ".join(exc.reasons))
    if spec.kind != "code":
        fail(f"{problem} is a Q&A card, not a coding problem")
    try:
        source = file.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {file}: {exc.strerror if isinstance(exc, OSError) else 'not UTF-8'}")
    try:
        report = grade_source(spec, source, mode=mode)
    except SandboxError as exc:
        fail(str(exc))
    if as_json:
        typer.echo(report.to_json())
    else:
        typer.echo(render_table(report))
    raise typer.Exit(0 if report.accepted else 1)


def render_table(report) -> str:
    rows = [("test", "verdict", "time", "message")]
    for t in report.tests:
        name = t.name + (" (hidden)" if t.hidden else "")
        rows.append((name, str(t.verdict), f"{t.time_ms:.1f} ms", t.message.splitlines()[0] if t.message else ""))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["  ".join(r[i].ljust(widths[i]) for i in range(3)) + "  " + r[3] for r in rows]
    details = [f"\n--- {t.name} ---\n{t.message}" for t in report.tests if "\n" in t.message]
    summary = f"\n{report.problem}: {report.verdict} ({report.passed}/{report.total} passed, {report.time_ms:.1f} ms)"
    return "\n".join(lines) + "".join(details) + summary


@problems_cli.command("validate")
def problems_validate(slugs: list[str] = typer.Argument(None, help="slugs to check (default: all)")) -> None:
    """Check problems: files parse, the reference passes, starters, stubs and wrong/ solutions fail."""
    from grader.validate import validate_folder

    from grader.spec import PROBLEMS_DIR

    broken = 0
    for slug in slugs or bank_slugs():
        reasons = validate_folder(PROBLEMS_DIR / slug)
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
    for slug in bank_slugs():
        try:
            spec = find_problem(slug)
        except SpecError as exc:
            typer.echo(f"rankup: skipping broken problem {exc}", err=True)
            continue
        rows.append({"slug": spec.slug, "kind": spec.kind, "title": spec.title, "difficulty": spec.difficulty,
                     "topic": spec.topic, "tags": list(spec.tags), "languages": spec.languages})
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    for r in rows:
        typer.echo(f"{r['slug']:40} {r['kind']:4} {r['difficulty']:6} {r['topic']:16} {r['title']}")
    code = sum(r["kind"] == "code" for r in rows)
    typer.echo(f"{code} coding problems, {len(rows) - code} Q&A cards")


def main() -> None:
    sys.exit(cli())
