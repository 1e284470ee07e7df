"""Instructor pages: write, validate, publish (as numbered versions) and package problems, regrade their
submissions; see learners' attempts on them and their analytics (also as JSON under /api/author)."""

from __future__ import annotations

import base64
import binascii
from datetime import timedelta
from typing import Annotated

from babel.dates import format_timedelta
from fastapi import APIRouter, Body, Depends, File, Form, Path, Request, UploadFile
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.datastructures import FormData
from starlette.datastructures import UploadFile as StarletteUpload

from app import analytics, authoring, bank, bulkcheck, charts, courses, regrade
from app.auth import InstructorUser, check_csrf
from app.db import SessionDep, after_commit, storable
from app.errors import AppError, BadRequest, NotFound, gettext_noop
from app.grading import CHECKERS, DEFAULT_PINNED, DIFFICULTIES, PINNABLE_VERDICTS, TOPICS, Kind, SpecError
from app.models import Attempt, Problem, User
from app.schemas import PublishOut, RegradeIn, RegradeOut, RegradeStarted, error_responses
from app.templating import interface_language, page

router = APIRouter(prefix="/author", include_in_schema=False, dependencies=[Depends(check_csrf)])
api_router = APIRouter(
    prefix="/api/author",
    tags=["author"],
    dependencies=[Depends(check_csrf)],
    responses=error_responses(401, 403, 404, 422),
)
Slug = Annotated[str, Path(max_length=64)]
RegradeId = Annotated[int, Path(ge=1, le=2**62)]


async def form_data(request: Request) -> FormData:
    return await request.form(max_files=1, max_fields=200, max_part_size=512 * 1024)


FormDep = Annotated[FormData, Depends(form_data)]


def edit_page(
    request: Request,
    user: User,
    *,
    session=None,
    kind: str,
    slug: str,
    form: dict,
    wrong: list,
    problem=None,
    errors: list[str] | None = None,
    status_code: int = 200,
) -> Response:
    return page(
        request,
        "author/edit.html",
        {
            "user": user,
            "kind": kind,
            "slug": slug,
            "form": form,
            "wrong": wrong + [authoring.MustFail("", "", DEFAULT_PINNED)],
            "hint_fields": authoring.HINT_FIELDS,
            "pinnable": PINNABLE_VERDICTS,
            "problem": problem,
            "errors": errors or [],
            "validated": problem is not None and authoring.is_validated(problem),
            "difficulties": DIFFICULTIES,
            "topics": TOPICS,
            "checkers": CHECKERS,
            # Regrading, once a version is live: the author's courses to limit it to, and the latest regrades.
            "courses": courses.taught_courses(session=session, user=user) if session and problem else [],
            "regrades": regrade.problem_regrades(session=session, problem=problem) if session and problem else [],
        },
        status_code=status_code,
    )


@router.get("")
def author_home(request: Request, session: SessionDep, user: InstructorUser) -> Response:
    problems = session.scalars(select(Problem).where(Problem.author_id == user.id).order_by(Problem.slug)).all()
    return page(
        request,
        "author/list.html",
        {"user": user, "problems": problems, "validated": {p.id: authoring.is_validated(p) for p in problems}},
    )


@router.get("/new")
def new_problem(request: Request, user: InstructorUser, kind: str = Kind.CODE) -> Response:
    kind = Kind.QA if kind == Kind.QA else Kind.CODE
    form = {
        "difficulty": "easy",
        "topic": "training",
        "flavour": "numpy",
        "checker": "allclose",
        "time_ms": "2000",
        "memory_mb": "256",
        "seed": "1",
        "rtol": "1e-9",
        "atol": "1e-12",
    }
    return edit_page(request, user, kind=kind, slug="", form=form, wrong=[])


@router.post("/save")
def save(request: Request, session: SessionDep, user: InstructorUser, data: FormDep) -> Response:
    fields = {k: v for k, v in data.items() if isinstance(v, str)}
    kind = Kind.QA if fields.get("kind") == Kind.QA else Kind.CODE
    slug = fields.get("slug", "").strip().lower()
    create = fields.get("create") == "1"
    # One must-fail row per code field (`wrong_code`, `wrong_name`, `wrong_diagnosis`, ...); a hand-made request
    # may lack a row's other fields.
    columns = [[str(v) for v in data.getlist(f"wrong_{key}")] for key in authoring.MustFail._fields]
    wrong = []
    for index in range(len(data.getlist("wrong_code"))):
        row = authoring.MustFail(*(column[index] if index < len(column) else "" for column in columns))
        wrong.append(row._replace(verdict=row.verdict if row.verdict in PINNABLE_VERDICTS else DEFAULT_PINNED))
    files = authoring.files_from_form(kind, fields, wrong)
    existing = (
        None
        if create or not storable(slug)
        else session.scalar(select(Problem).where(Problem.slug == slug, Problem.author_id == user.id))
    )
    try:
        problem = authoring.save_problem(session=session, user=user, slug=slug, files=files, create=create)
    except SpecError as exc:
        return edit_page(
            request,
            user,
            kind=kind,
            slug=slug if not create else slug,
            form=fields,
            wrong=[w for w in wrong if w.code.strip()],
            problem=existing,
            errors=exc.reasons,
            status_code=422,
        )
    except AppError as exc:
        return edit_page(
            request,
            user,
            kind=kind,
            slug=slug,
            form=fields,
            wrong=[w for w in wrong if w.code.strip()],
            problem=existing,
            errors=[exc.message],
            status_code=exc.status_code,
        )
    return RedirectResponse(f"/author/{problem.slug}/edit?saved=1", status_code=303)


@router.get("/{slug}/edit")
def edit(slug: Slug, request: Request, session: SessionDep, user: InstructorUser) -> Response:
    problem = authoring.owned_problem(session=session, user=user, slug=slug)
    form, wrong = authoring.form_from_files(problem)
    return edit_page(
        request, user, session=session, kind=problem.kind, slug=slug, form=form, wrong=wrong, problem=problem
    )


@router.post("/{slug}/validate")
def validate(slug: Slug, request: Request, session: SessionDep, user: InstructorUser) -> Response:
    """Run the same checks as `rankup problems validate`, in the sandbox; results show on the edit page.

    The sandbox work takes seconds, so it runs with no database connection held: read the files, end the
    transaction, validate (this route runs in a worker thread, never on the event loop), then record the
    outcome in a second short transaction."""
    problem = authoring.owned_problem(session=session, user=user, slug=slug)
    files = dict(authoring.working_files(problem))
    session.commit()
    reasons = authoring.check_files(slug, files)
    problem = authoring.owned_problem(session=session, user=user, slug=slug)
    authoring.record_validation(problem, files, reasons)
    return RedirectResponse(f"/author/{slug}/edit#validation", status_code=303)


@router.post("/{slug}/publish")
def publish(slug: Slug, session: SessionDep, user: InstructorUser) -> Response:
    """Publish the validated working files: a draft becomes the next version learners see."""
    problem = authoring.owned_problem(session=session, user=user, slug=slug)
    authoring.publish(session=session, user=user, problem=problem)
    return RedirectResponse(f"/author/{slug}/edit", status_code=303)


@router.post("/{slug}/discard")
def discard(slug: Slug, session: SessionDep, user: InstructorUser) -> Response:
    """Drop a published problem's pending edits."""
    problem = authoring.owned_problem(session=session, user=user, slug=slug)
    authoring.discard_draft(problem)
    return RedirectResponse(f"/author/{slug}/edit", status_code=303)


def queue_regrade(request: Request, session, item_ids: list[int]) -> None:
    """Hand the regrade's items to the grading queue's low-priority lane once they are committed."""
    queue = request.app.state.queue

    def hand_over() -> None:
        for item_id in item_ids:
            queue.submit_regrade(item_id)

    after_commit(session, hand_over)


def course_choice(text: str) -> int | None:
    """The regrade form's course: empty for every submission, else a course id."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 2**62:
        raise BadRequest(gettext_noop("Choose one of your courses."))
    return int(text)


@router.post("/{slug}/regrade")
def regrade_form(slug: Slug, request: Request, session: SessionDep, user: InstructorUser, data: FormDep) -> Response:
    """Regrade the submissions on your problem (all, or one course's) against its published version."""
    problem = authoring.owned_problem(session=session, user=user, slug=slug)
    course = data.get("course_id")
    course_id = course_choice(course if isinstance(course, str) else "")
    started, item_ids = regrade.start_regrade(session=session, user=user, problem=problem, course_id=course_id)
    queue_regrade(request, session, item_ids)
    return RedirectResponse(f"/author/{slug}/regrades/{started.id}", status_code=303)


@router.get("/{slug}/regrades/{regrade_id}")
def regrade_page(slug: Slug, regrade_id: RegradeId, request: Request, session: SessionDep, user: InstructorUser):
    """A regrade's progress (the page refreshes itself while it runs) and the verdicts it changed."""
    problem = authoring.owned_problem(session=session, user=user, slug=slug)
    found = regrade.problem_regrade(session=session, problem=problem, regrade_id=regrade_id)
    return page(
        request,
        "author/regrade.html",
        {"user": user, "problem": problem, "progress": regrade.progress(session=session, regrade=found)},
    )


@router.post("/{slug}/unpublish")
def unpublish(slug: Slug, session: SessionDep, user: InstructorUser) -> Response:
    problem = authoring.owned_problem(session=session, user=user, slug=slug)
    problem.is_published = False
    return RedirectResponse(f"/author/{slug}/edit", status_code=303)


@router.get("/{slug}/export")
def export(slug: Slug, session: SessionDep, user: InstructorUser) -> Response:
    """The problem as a zip package in the `problems/` format (your own problems, or the built-in bank)."""
    problem = session.scalar(select(Problem).where(Problem.slug == slug)) if storable(slug) else None
    if problem is None or (problem.author_id != user.id and problem.source != "bank"):
        raise NotFound(f"No problem named {slug!r} to export.")
    return Response(
        bank.export_zip(problem),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{slug}.zip"'},
    )


async def import_form_data(request: Request) -> FormData:
    # The conflict page posts the zip back as base64 in a hidden field: a part of up to 4/3 of the zip's limit.
    return await request.form(max_files=1, max_fields=10, max_part_size=bank.MAX_ZIP_BYTES * 4 // 3 + 1024)


@router.post("/import")
def import_zip(
    request: Request, session: SessionDep, user: InstructorUser, data: Annotated[FormData, Depends(import_form_data)]
) -> Response:
    """Import a zip package (a plain `def`, so reading and parsing it run in a worker thread). A taken slug shows
    the conflict page: import under a free slug, or replace your own problem as a new version."""
    upload = data.get("package")
    if isinstance(upload, StarletteUpload) and upload.filename:
        upload.file.seek(0)
        content = upload.file.read(bank.MAX_ZIP_BYTES + 1)
    else:
        try:
            content = base64.b64decode(str(data.get("package_base64", "")), validate=True)
        except binascii.Error:
            content = b""
    if not content:
        raise BadRequest("Choose a .zip file to import.")
    try:
        problem, _replaced = bank.import_package(
            session=session,
            user=user,
            data=content,
            slug=str(data.get("slug", "")).strip() or None,
            replace=str(data.get("choice", "")) == "replace",
        )
    except bank.ImportConflictError as exc:
        return page(
            request,
            "author/import.html",
            {
                "user": user,
                "conflict": exc.conflict,
                "package_base64": base64.b64encode(content).decode(),
            },
            status_code=409,
        )
    return RedirectResponse(f"/author/{problem.slug}/edit?imported=1", status_code=303)


@router.get("/{slug}/attempts")
def attempts(slug: Slug, request: Request, session: SessionDep, user: InstructorUser) -> Response:
    """Every learner's attempts on one of your problems."""
    problem = authoring.owned_problem(session=session, user=user, slug=slug)
    rows = session.execute(
        select(Attempt, User.username)
        .join(User, Attempt.user_id == User.id)
        .where(Attempt.problem_id == problem.id)
        .order_by(Attempt.id.desc())
        .limit(500)
    ).all()
    return page(request, "author/attempts.html", {"user": user, "problem": problem, "rows": rows})


@router.get("/{slug}/analytics")
def analytics_page(slug: Slug, request: Request, session: SessionDep, user: InstructorUser) -> Response:
    """Learners' numbers on one of your problems: acceptance, verdicts, most-failed tests, named mistakes."""
    problem = authoring.owned_problem(session=session, user=user, slug=slug)
    numbers = analytics.problem_analytics(session=session, problem=problem)
    seconds = numbers.median_seconds_to_accept
    median_time = (
        None
        if seconds is None
        else format_timedelta(timedelta(seconds=seconds), locale=interface_language(request, user), threshold=1.5)
    )
    return page(
        request,
        "author/analytics.html",
        {
            "user": user,
            "problem": problem,
            "numbers": numbers,
            "median_time": median_time,
            # the template draws the charts, so their words are in the page's language
            "verdict_bars": charts.verdict_bars,
            "count_bars": charts.count_bars,
        },
    )


@api_router.get("/problems/{slug}/analytics")
def analytics_api(slug: Slug, session: SessionDep, user: InstructorUser) -> dict:
    """Learners' numbers on one of your problems, over graded submissions by everyone but you: see
    `analytics.ProblemAnalytics` for each field (rates are fractions, times in seconds)."""
    problem = authoring.owned_problem(session=session, user=user, slug=slug)
    return {"slug": problem.slug, **analytics.problem_analytics(session=session, problem=problem).to_dict()}


@api_router.post("/problems/{slug}/publish", response_model=PublishOut, responses=error_responses(409))
def publish_api(slug: Slug, session: SessionDep, user: InstructorUser) -> PublishOut:
    """Publish your problem's validated working files (a pending draft becomes the next version); 409 when they
    have not passed validation since they last changed."""
    problem = authoring.owned_problem(session=session, user=user, slug=slug)
    return PublishOut(version=authoring.publish(session=session, user=user, problem=problem))


@api_router.post(
    "/problems/{slug}/regrade", status_code=202, response_model=RegradeStarted, responses=error_responses(409)
)
def regrade_api(slug: Slug, body: RegradeIn, request: Request, session: SessionDep, user: InstructorUser):
    """Regrade the graded submissions on your published problem (all, or those of members of one of your courses)
    against its current version, at low priority; 409 while another regrade of it runs or when unpublished."""
    problem = authoring.owned_problem(session=session, user=user, slug=slug)
    started, item_ids = regrade.start_regrade(session=session, user=user, problem=problem, course_id=body.course_id)
    queue_regrade(request, session, item_ids)
    return RegradeStarted(id=started.id, total=started.total)


@api_router.get("/problems/{slug}/regrades/{regrade_id}", response_model=RegradeOut)
def regrade_progress_api(slug: Slug, regrade_id: RegradeId, session: SessionDep, user: InstructorUser) -> dict:
    """A regrade's progress and the attempts whose verdict it changed (old and new verdict)."""
    problem = authoring.owned_problem(session=session, user=user, slug=slug)
    found = regrade.problem_regrade(session=session, problem=problem, regrade_id=regrade_id)
    return regrade.progress(session=session, regrade=found).to_dict()


@router.post("/fork/{slug}")
def fork(slug: Slug, session: SessionDep, user: InstructorUser) -> Response:
    """Fork a bank problem (or your own) into an unpublished copy you can edit."""
    source = bank.forkable(session=session, user=user, slug=slug)
    problem = bank.fork_problem(session=session, user=user, source=source)
    return RedirectResponse(f"/author/{problem.slug}/edit?forked=1", status_code=303)


@api_router.post("/problems/{slug}/fork", status_code=201, responses=error_responses(409, 422))
def fork_api(
    slug: Slug,
    session: SessionDep,
    user: InstructorUser,
    new_slug: Annotated[str | None, Body(alias="slug", embed=True, max_length=64)] = None,
) -> dict:
    """Fork a bank problem (or your own) into an unpublished copy you own: `{"slug"}` names it (default
    `<slug>-fork`, then `-fork-2`, ...); a bad slug is 422, a taken one 409."""
    source = bank.forkable(session=session, user=user, slug=slug)
    problem = bank.fork_problem(session=session, user=user, source=source, slug=new_slug)
    return {"slug": problem.slug}


@api_router.post("/import", status_code=201, responses=error_responses(400, 409, 413))
def import_api(
    session: SessionDep,
    user: InstructorUser,
    package: Annotated[UploadFile, File()],
    slug: Annotated[str | None, Form(max_length=64)] = None,
    replace: Annotated[bool, Form()] = False,
) -> Response:
    """Import a zip package as your problem: 201 `{"slug", "replaced"}`. A taken slug is 409 with
    `suggested_slug` (a free one) and `can_replace`; `replace=true` replaces your own problem of that slug (as an
    edit, which becomes a draft of the next version when it is published); `slug` imports it under another."""
    package.file.seek(0)
    content = package.file.read(bank.MAX_ZIP_BYTES + 1)
    try:
        problem, replaced = bank.import_package(session=session, user=user, data=content, slug=slug, replace=replace)
    except bank.ImportConflictError as exc:
        conflict = exc.conflict
        return JSONResponse(
            {
                "detail": exc.message,
                "error": exc.message,
                "suggested_slug": conflict.suggested_slug,
                "can_replace": conflict.can_replace,
            },
            status_code=409,
        )
    return JSONResponse({"slug": problem.slug, "replaced": replaced}, status_code=201)


@router.get("/bulk")
def bulk_page(request: Request, session: SessionDep, user: InstructorUser) -> Response:
    """The bulk check's page: the button, and each problem's last recorded validation."""
    problems = session.scalars(select(Problem).where(Problem.author_id == user.id).order_by(Problem.slug)).all()
    return page(
        request,
        "author/bulk.html",
        {"user": user, "problems": problems, "outcomes": None, "limit": bulkcheck.MAX_PROBLEMS},
    )


def _bulk_check(session: SessionDep, user: User) -> tuple[list[bulkcheck.Outcome], int]:
    """Read the working files, end the transaction, validate them all in the sandbox holding no database
    connection (the routes are plain `def`s, run in a worker thread), then record the outcomes."""
    with bulkcheck.one_run(user):
        items, total = bulkcheck.items_to_check(session=session, user=user)
        session.commit()
        outcomes = bulkcheck.check_items(items)
        bulkcheck.record(session=session, user=user, items=items, outcomes=outcomes)
    return outcomes, total


@router.post("/bulk")
def bulk_run(request: Request, session: SessionDep, user: InstructorUser) -> Response:
    """Check all my problems: validate each in the sandbox and show the results in one table."""
    outcomes, total = _bulk_check(session, user)
    return page(
        request,
        "author/bulk.html",
        {"user": user, "problems": [], "outcomes": outcomes, "total": total, "limit": bulkcheck.MAX_PROBLEMS},
    )


@api_router.post("/bulk-check", responses=error_responses(409))
def bulk_check_api(session: SessionDep, user: InstructorUser) -> dict:
    """Validate all your problems (their working files; the first 50 by slug) in the sandbox, one after another:
    `{"results": [{"slug", "ok", "reasons", "seconds"}], "total"}`. One run per instructor at a time (else 409)."""
    outcomes, total = _bulk_check(session, user)
    return {"results": [o.to_dict() for o in outcomes], "total": total}
