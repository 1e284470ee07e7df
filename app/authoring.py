"""Instructor authoring: problem files from form fields and back, saving, validation state, publishing versions.

`problem.files` is always the published version learners see and are graded against. Edits to a published problem
wait in `problem.draft_files` (the working files) until they validate and are published as the next version, so
a live problem is never taken offline by an edit.

The form covers a coding problem's teaching content too: its hints (`hints.toml`) and the diagnosis of each
must-fail solution (beside its verdict in `wrong/NAME.toml`), in English and Chinese.
"""

from __future__ import annotations

import json
import tomllib
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.bank import apply_files
from app.db import storable
from app.errors import Conflict, NotFound, gettext_noop
from app.grading import (
    DEFAULT_PINNED,
    HINT_COUNT,
    HINT_KEYS,
    PINNABLE_VERDICTS,
    Kind,
    SpecError,
    files_hash,
    spec_for,
    validate,
)
from app.models import Problem, ProblemSource, ProblemVersion, User, utcnow

CODE_TEXTS = (
    "statement.md",
    "statement.zh.md",
    "editorial.md",
    "editorial.zh.md",
    "starter.py",
    "reference.py",
    "generator.py",
    "cases.json",
)
QA_TEXTS = ("question.md", "question.zh.md", "answer.md", "answer.zh.md")
QA_LISTS = ("key_points", "key_points_zh", "wrong_answers", "wrong_answers_zh")
# The form's hint fields, `hints_1` ... `hints_zh_3`: hint n of each of hints.toml's lists, from a nudge to
# nearly the method.
HINT_FIELDS = {key: tuple(f"{key}_{n}" for n in range(1, HINT_COUNT + 1)) for key in HINT_KEYS}
DIAGNOSIS_KEYS = ("diagnosis", "diagnosis_zh")  # beside `verdict` in a must-fail solution's wrong/NAME.toml


class MustFail(NamedTuple):
    """One must-fail row of the form: `wrong/NAME.py` and what its sidecar `wrong/NAME.toml` says."""

    name: str
    code: str
    verdict: str
    diagnosis: str = ""
    diagnosis_zh: str = ""


def _toml(value) -> str:
    # A JSON string or number is also a valid TOML basic string or number, except that TOML forbids a raw DEL.
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _text(value: str) -> str:
    return value.replace("\r\n", "\n").strip()


def _number(text: str, default):
    text = (text or "").strip()
    if not text:
        return default
    try:
        return int(text) if text.lstrip("-").isdigit() else float(text)
    except ValueError:
        return text  # spec_from_files reports it with a clear reason


def files_from_form(kind: str, form: dict[str, str], wrong: list[MustFail]) -> dict[str, str]:
    """Build a problem's files from the authoring form's fields."""
    tags = [t.strip() for t in form.get("tags", "").split(",") if t.strip()]
    lines = [
        f"kind = {_toml(kind)}",
        f"title = {_toml(form.get('title', '').strip())}",
        f"title_zh = {_toml(form.get('title_zh', '').strip())}",
        f"difficulty = {_toml(form.get('difficulty', 'easy'))}",
        f"topic = {_toml(form.get('topic', '').strip())}",
        f"tags = {_toml(tags)}",
    ]
    files: dict[str, str] = {}
    if kind == Kind.QA:
        for key in QA_LISTS:
            items = [line.strip() for line in form.get(key, "").splitlines() if line.strip()]
            lines.append(f"{key} = {_toml(items)}")
        names = QA_TEXTS
    else:
        lines += [
            f"flavour = {_toml(form.get('flavour', 'numpy'))}",
            f"entry = {_toml(form.get('entry', '').strip())}",
            "",
            "[limits]",
            f"time_ms = {_toml(_number(form.get('time_ms', ''), 2000))}",
            f"memory_mb = {_toml(_number(form.get('memory_mb', ''), 256))}",
            "",
            "[checker]",
            f"name = {_toml(form.get('checker', 'allclose'))}",
        ]
        for key in ("rtol", "atol"):
            if form.get(key, "").strip():
                lines.append(f"{key} = {_toml(_number(form[key], 0.0))}")
        lines += ["", "[tests]", f"seed = {_toml(_number(form.get('seed', ''), 0))}"]
        names = CODE_TEXTS
        for index, row in enumerate(wrong):
            if not row.code.strip():
                continue
            stem = "".join(c for c in row.name.strip().removesuffix(".py") if c.isalnum() or c in "-_") or f"w{index}"
            files[f"wrong/{stem}.py"] = row.code.replace("\r\n", "\n")
            sidecar = {"verdict": row.verdict} | {key: _text(getattr(row, key)) for key in DIAGNOSIS_KEYS}
            files[f"wrong/{stem}.toml"] = "".join(f"{key} = {_toml(text)}\n" for key, text in sidecar.items() if text)
        hints = {key: [_text(form.get(name, "")) for name in names] for key, names in HINT_FIELDS.items()}
        if any(any(items) for items in hints.values()):
            # An empty field is left out (hints.toml holds only non-empty hints); validation asks for all three.
            files["hints.toml"] = "".join(
                f"{key} = [\n" + "".join(f"  {_toml(item)},\n" for item in items if item) + "]\n"
                for key, items in hints.items()
            )
    for name in names:
        text = form.get(name, "").replace("\r\n", "\n")
        if text.strip():
            files[name] = text
    files["problem.toml"] = "\n".join(lines) + "\n"
    return dict(sorted(files.items()))


def _toml_dict(text: str) -> dict:
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return {}


def working_files(problem: Problem) -> dict[str, str]:
    """The files the author is working on: the pending draft if there is one, else the published files."""
    return problem.draft_files if problem.draft_files is not None else problem.files


def form_from_files(problem: Problem) -> tuple[dict[str, str], list[MustFail]]:
    """The authoring form's fields for an existing problem (its working files)."""
    files = working_files(problem)
    meta = _toml_dict(files.get("problem.toml", ""))
    limits, checker, tests = meta.get("limits", {}), meta.get("checker", {}), meta.get("tests", {})
    form = {key: str(meta.get(key, "")) for key in ("title", "title_zh", "difficulty", "topic", "flavour", "entry")}
    form.update(
        tags=", ".join(meta.get("tags", [])),
        time_ms=str(limits.get("time_ms", 2000)),
        memory_mb=str(limits.get("memory_mb", 256)),
        checker=str(checker.get("name", "allclose")),
        rtol=str(checker.get("rtol", "")),
        atol=str(checker.get("atol", "")),
        seed=str(tests.get("seed", 0)),
    )
    for key in QA_LISTS:
        form[key] = "\n".join(meta.get(key, []))
    for name in CODE_TEXTS + QA_TEXTS:
        form[name] = files.get(name, "")
    hints = _toml_dict(files.get("hints.toml", ""))
    for key, names in HINT_FIELDS.items():
        items = hints.get(key, [])
        items = [item for item in items if isinstance(item, str)] if isinstance(items, list) else []
        form.update(zip(names, items + [""] * len(names), strict=False))
    wrong = []
    for name, text in sorted(files.items()):
        if name.startswith("wrong/") and name.endswith(".py"):
            sidecar = _toml_dict(files.get(name.removesuffix(".py") + ".toml", ""))
            pinned = sidecar.get("verdict")
            texts = [sidecar.get(key, "") for key in DIAGNOSIS_KEYS]
            wrong.append(
                MustFail(
                    name[len("wrong/") :],
                    text,
                    pinned if pinned in PINNABLE_VERDICTS else DEFAULT_PINNED,
                    *(t if isinstance(t, str) else "" for t in texts),
                )
            )
    return form, wrong


def owned_problem(*, session: Session, user: User, slug: str) -> Problem:
    problem = session.scalar(select(Problem).where(Problem.slug == slug)) if storable(slug) else None
    if problem is None or problem.author_id != user.id:
        raise NotFound(f"You have no problem named {slug!r}.")
    return problem


def save_problem(*, session: Session, user: User, slug: str, files: dict[str, str], create: bool) -> Problem:
    """Create or update an instructor's problem; raises SpecError if the files do not parse.

    A published problem keeps its files (learners stay on the published version): the edit is stored as its
    draft, and saving the published files again clears the draft. An unpublished problem's files change in place.
    Either way the changed files must be validated before they can be published.
    """
    spec_for(slug, files)
    existing = session.scalar(select(Problem).where(Problem.slug == slug))
    if existing is None:
        problem = Problem(slug=slug, source=ProblemSource.AUTHORED, author_id=user.id, is_published=False)
        apply_files(problem, files)
        session.add(problem)
    elif create or existing.author_id != user.id:
        raise Conflict(f"The slug {slug!r} is taken; choose another.")
    else:
        problem = existing
        if problem.is_published:
            draft = None if files == problem.files else dict(files)
            if draft != problem.draft_files:
                problem.draft_files = draft
                problem.validation_errors = []
        elif problem.files != files or problem.draft_files is not None:
            apply_files(problem, files)
            problem.draft_files = None
            problem.validation_errors = []
    session.flush()
    return problem


def discard_draft(problem: Problem) -> None:
    """Drop the pending edits: the working files are the published ones again, which validated when published."""
    if problem.draft_files is None:
        return
    problem.draft_files = None
    problem.validation_errors = []
    problem.validated_hash = files_hash(problem.files)


def is_validated(problem: Problem) -> bool:
    """Whether the working files passed validation since they last changed."""
    return problem.validated_hash == files_hash(working_files(problem)) and not problem.validation_errors


def check_files(slug: str, files: dict[str, str]) -> list[str]:
    """Run `rankup problems validate`'s checks in the sandbox; [] when valid. Takes seconds: hold no database
    connection while it runs."""
    try:
        return validate(spec_for(slug, files))
    except SpecError as exc:
        return list(exc.reasons)


def record_validation(problem: Problem, files: dict[str, str], reasons: list[str]) -> None:
    """Remember the outcome of validating `files`, unless the working files changed while they were checked."""
    if working_files(problem) != files:
        return
    problem.validation_errors = reasons
    problem.validated_hash = files_hash(files)


def publish(*, session: Session, user: User, problem: Problem) -> int:
    """Publish the validated working files and return the version learners now see.

    Files that differ from the last published version's become the next version (with its `problem_version`
    row); the first publish writes version 1's row; publishing the same files again (after an unpublish) keeps
    the version."""
    if not is_validated(problem):
        raise Conflict(gettext_noop("Validate the problem (with no failures) before publishing it."))
    files = dict(working_files(problem))
    latest = session.scalar(
        select(ProblemVersion)
        .where(ProblemVersion.problem_id == problem.id)
        .order_by(ProblemVersion.number.desc())
        .limit(1)
    )
    if latest is None or latest.files != files:
        number = problem.version if latest is None else latest.number + 1
        session.add(
            ProblemVersion(
                problem_id=problem.id, number=number, files=files, published_at=utcnow(), published_by=user.id
            )
        )
        if files != problem.files:
            apply_files(problem, files)
        problem.version = number
    problem.draft_files = None
    problem.is_published = True
    session.flush()
    return problem.version
