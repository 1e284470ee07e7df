"""The JSON API under /api: problems, submissions, custom runs, drafts, editorials and Q&A attempts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from app import grading, hints, mock, practice, scheduling
from app.auth import CurrentUser, InstructorUser, OptionalUser, check_csrf, current_user, optional_user
from app.db import SessionDep
from app.errors import Conflict, NotFound, Unprocessable
from app.models import Attempt, AttemptMode, AttemptStatus, Problem, ReviewSource
from app.rendering import render_markdown
from app.schemas import (
    AttemptId,
    CustomRunFields,
    CustomRunIn,
    CustomRunOut,
    DraftIn,
    HintsOut,
    PreviewIn,
    PreviewOut,
    ProblemApiQuery,
    ProblemDetail,
    ProblemSummary,
    QaAttemptIn,
    QaAttemptOut,
    QaReveal,
    RetentionIn,
    ReviewIn,
    ReviewItem,
    ReviewOut,
    ReviewSettingsIn,
    ReviewSettingsOut,
    Sample,
    SubmissionCreate,
    SubmissionOut,
    SubmissionQueued,
    error_responses,
)

router = APIRouter(
    prefix="/api",
    tags=["api"],
    dependencies=[Depends(check_csrf)],
    responses=error_responses(401, 403, 404, 413, 422, 429),
)


def summary(
    problem: Problem, marks: dict[int, str], acceptance: dict[int, tuple[int, int]] | None = None
) -> ProblemSummary:
    accepted, counted = (acceptance or {}).get(problem.id, (0, 0))
    return ProblemSummary(
        slug=problem.slug,
        kind=problem.kind,
        title=problem.title,
        title_zh=problem.title_zh,
        difficulty=problem.difficulty,
        topic=problem.topic,
        tags=list(problem.tags),
        status=marks.get(problem.id, "new"),
        accepted=accepted if acceptance is not None else None,
        attempts=counted if acceptance is not None else None,
    )


def submission_out(attempt: Attempt, slug: str, with_code: bool = True) -> SubmissionOut:
    return SubmissionOut(
        id=attempt.id,
        problem=slug,
        mode=attempt.mode,
        status=attempt.status,
        verdict=attempt.verdict,
        report=practice.public_report(attempt.report),
        created_at=attempt.created_at,
        finished_at=attempt.finished_at,
        code=attempt.code if with_code else None,
        version=attempt.version,
    )


@router.get("/problems", response_model=list[ProblemSummary])
def list_problems(
    session: SessionDep, user: OptionalUser, filters: ProblemApiQuery, response: Response
) -> list[ProblemSummary]:
    """Published problems and Q&A cards, filtered by kind, topic, difficulty, your status, and a search of titles, slug,
    topic and tags; sorted by `sort`; `offset` and `limit` pick a window, and `X-Total-Count` gives every match."""
    listing = practice.list_problems(session=session, user=user, **filters.model_dump())
    response.headers["X-Total-Count"] = str(listing.total)
    return [summary(p, listing.marks, listing.acceptance) for p in listing.problems]


@router.get("/problems/{slug}", response_model=ProblemDetail)
def problem_detail(slug: str, session: SessionDep, user: OptionalUser) -> ProblemDetail:
    """The statement, starter and visible samples (never hidden tests or the reference)."""
    problem = practice.get_problem(session=session, slug=slug, user=user)
    spec = grading.problem_spec(problem)
    marks = practice.statuses(session=session, user=user)
    base = summary(problem, marks).model_dump()
    if spec.kind == grading.Kind.QA:
        return ProblemDetail(**base, statement=spec.statement, statement_zh=spec.statement_zh)
    draft = practice.get_draft(session=session, user=user, problem=problem)
    if not grading.samples_ready(spec):
        session.commit()  # the samples may take a while: give the connection back before waiting on them
    return ProblemDetail(
        **base,
        statement=spec.statement,
        statement_zh=spec.statement_zh,
        starter=spec.starter,
        entry=spec.entry,
        flavour=spec.flavour,
        time_limit_ms=spec.limits.time_ms,
        memory_limit_mb=spec.limits.memory_mb,
        samples=[Sample(**s) for s in grading.visible_samples(spec)],
        draft=draft,
    )


@router.post("/problems/{slug}/submissions", status_code=202, response_model=SubmissionQueued)
def submit(
    slug: str, body: SubmissionCreate, request: Request, session: SessionDep, user: CurrentUser
) -> SubmissionQueued:
    """Queue code for grading: mode "run" uses the visible samples only, "submit" runs every test."""
    code = practice.check_code(body.code, request.app.state.settings.max_code_bytes)
    problem = practice.get_problem(session=session, slug=slug, user=user)
    attempt = practice.create_submission(
        session=session,
        queue=request.app.state.queue,
        limiter=request.app.state.rate_limiter,
        user=user,
        problem=problem,
        code=code,
        mode=body.mode,
    )
    return SubmissionQueued(id=attempt.id, status=attempt.status)


def read_submission(request: Request, attempt_id: int) -> tuple[Attempt, str, int]:
    """Authenticate and load a readable attempt in one short session; its connection is back in the pool on return."""
    with request.app.state.sessionmaker() as session:
        user = current_user(optional_user(request, session))
        attempt, problem = practice.readable_attempt(session=session, user=user, attempt_id=attempt_id)
        return attempt, problem.slug, user.id


@router.get("/submissions/{attempt_id}", response_model=SubmissionOut, responses=error_responses(409))
async def submission(
    attempt_id: AttemptId, request: Request, wait: Annotated[float, Query(ge=0, le=30)] = 0
) -> SubmissionOut:
    """One submission with the grader's report; `wait` seconds long-polls until it is done (a few at once each)."""
    # Not SessionDep: the request's session would keep a connection from authentication to the response, across
    # every wait for a thread, and a flood of polls would drain the pool. Each read is one thread hop, one session.
    attempt, slug, user_id = await run_in_threadpool(read_submission, request, attempt_id)
    if attempt.status != AttemptStatus.DONE and wait > 0 and attempt.mode != AttemptMode.QA:
        with request.app.state.long_polls.hold(user_id):  # 429 past the per-user cap
            # Waiting holds no thread and no database connection.
            await request.app.state.queue.wait_async(attempt.id, wait)
        attempt, slug, _ = await run_in_threadpool(read_submission, request, attempt_id)
    return submission_out(attempt, slug)


@router.get("/submissions", response_model=list[SubmissionOut])
def submissions(
    session: SessionDep, user: CurrentUser, problem: str = "", limit: Annotated[int, Query(ge=1, le=200)] = 50
) -> list[SubmissionOut]:
    """Your own submissions, newest first, optionally for one problem."""
    target = practice.get_problem(session=session, slug=problem, user=user) if problem else None
    attempts = practice.history(session=session, user=user, problem=target, limit=limit)
    slugs = dict(
        session.execute(select(Problem.id, Problem.slug).where(Problem.id.in_({a.problem_id for a in attempts}))).all()
    )
    return [submission_out(a, slugs[a.problem_id], with_code=False) for a in attempts]


@router.get("/problems/{slug}/custom-run", response_model=CustomRunFields)
def custom_run_fields(slug: str, session: SessionDep, user: OptionalUser) -> CustomRunFields:
    """The parameters a custom run takes, prefilled with sample 1's arguments as Python literals."""
    problem = practice.get_problem(session=session, slug=slug, user=user)
    spec = practice.code_spec(problem)
    session.commit()  # sample 1 may still be computed in the sandbox: give the connection back first
    return CustomRunFields(args=grading.custom_fields(spec))


@router.post("/problems/{slug}/custom-run", response_model=CustomRunOut)
def custom_run(slug: str, body: CustomRunIn, request: Request, session: SessionDep, user: CurrentUser) -> CustomRunOut:
    """Run your code and the reference on your own input (one Python literal per parameter) and compare them.
    Counts as a submission for the rate limit; nothing is stored. An unusable literal is 422 naming it."""
    code = practice.check_code(body.code, request.app.state.settings.max_code_bytes)
    problem = practice.get_problem(session=session, slug=slug, user=user)
    spec = practice.code_spec(problem)
    with practice.custom_run_place(
        queue=request.app.state.queue, limiter=request.app.state.rate_limiter, user_id=user.id
    ):
        session.commit()  # the runs take up to two time limits: hold no database connection meanwhile
        return CustomRunOut(**grading.custom_run(spec, code, body.args))


@router.put("/problems/{slug}/draft", status_code=204)
def save_draft(slug: str, body: DraftIn, request: Request, session: SessionDep, user: CurrentUser) -> None:
    """Keep the editor's contents so the next visit starts from them."""
    code = practice.check_code(body.code, request.app.state.settings.max_code_bytes)
    problem = practice.get_problem(session=session, slug=slug, user=user)
    practice.save_draft(session=session, user=user, problem=problem, code=code)


@router.post("/problems/{slug}/editorial", responses=error_responses(409))
def show_editorial(slug: str, session: SessionDep, user: CurrentUser, lang: str = "en") -> dict:
    """Open the editorial ("show me"); recorded unless already unlocked by an accepted submission."""
    problem = practice.get_problem(session=session, slug=slug, user=user)
    if problem.kind != grading.Kind.CODE:
        raise NotFound("Q&A cards have no editorial; reveal the answer instead.")
    mock.refuse_editorial(session=session, user=user, problem=problem)
    practice.unlock_editorial(session=session, user=user, problem=problem)
    spec = grading.problem_spec(problem)
    english = spec.text("editorial.md") or spec.text("editorial.zh.md")  # an instructor's may be Chinese only
    text = (spec.text("editorial.zh.md") if lang == "zh" else "") or english
    return {
        "html": render_markdown(text),
        "reason": practice.editorial_unlocked(session=session, user=user, problem=problem) or "shown",
    }


@router.get("/problems/{slug}/hints", response_model=HintsOut)
def list_hints(slug: str, session: SessionDep, user: CurrentUser, lang: str = "en") -> HintsOut:
    """The hints you have opened on a coding problem, and how many it has."""
    problem = practice.get_problem(session=session, slug=slug, user=user)
    opened, total = hints.opened(session=session, user=user, problem=problem, language=lang)
    return HintsOut(opened=opened, opened_html=[render_markdown(h) for h in opened], total=total)


@router.post("/problems/{slug}/hints/{number}", response_model=HintsOut, responses=error_responses(409))
def open_hint(
    slug: str, number: Annotated[int, Path(ge=1, le=100)], session: SessionDep, user: CurrentUser, lang: str = "en"
) -> HintsOut:
    """Open hint `number` (from 1, in order: 409 while an earlier one is closed, and during a mock interview).
    Recorded: your next attempts carry the number of hints open, and a hint before acceptance makes the review
    rating Hard at best."""
    problem = practice.get_problem(session=session, slug=slug, user=user)
    opened = hints.open_hint(session=session, user=user, problem=problem, number=number, language=lang)
    total = len(hints.hint_texts(problem, lang))
    return HintsOut(opened=opened, opened_html=[render_markdown(h) for h in opened], total=total)


@router.post("/problems/{slug}/reveal", response_model=QaReveal, responses=error_responses(409))
def reveal(slug: str, session: SessionDep, user: CurrentUser, lang: str = "en") -> QaReveal:
    """A Q&A card's model answer and key points, shown after the learner has answered."""
    problem = practice.get_problem(session=session, slug=slug, user=user)
    return QaReveal(**practice.reveal_card(session=session, user=user, problem=problem, lang=lang))


@router.post("/problems/{slug}/qa-attempts", status_code=201, response_model=QaAttemptOut)
def qa_attempt(slug: str, body: QaAttemptIn, session: SessionDep, user: CurrentUser) -> QaAttemptOut:
    """Store a Q&A answer, the key points hit and the self-rating as one attempt."""
    problem = practice.get_problem(session=session, slug=slug, user=user)
    if problem.kind != grading.Kind.QA:
        raise Unprocessable("This is a coding problem; submit code instead.")
    spec = grading.problem_spec(problem)
    hit = key_points_hit(body, spec.key_point_count)
    attempt = practice.record_qa(
        session=session,
        user=user,
        problem=problem,
        answer=body.answer,
        hit=hit,
        rating=body.rating,
        total=spec.key_point_count,
    )
    return qa_attempt_out(attempt, problem.slug)


@router.put(
    "/problems/{slug}/qa-attempts/{attempt_id}", response_model=QaAttemptOut, responses=error_responses(404, 409)
)
def rerate_qa_attempt(
    slug: str, attempt_id: AttemptId, body: QaAttemptIn, session: SessionDep, user: CurrentUser
) -> QaAttemptOut:
    """Rate the same reveal again: the attempt is updated and its review replaced, never a second one added."""
    problem = practice.get_problem(session=session, slug=slug, user=user)
    if problem.kind != grading.Kind.QA:
        raise Unprocessable("This is a coding problem; submit code instead.")
    hit = key_points_hit(body, grading.problem_spec(problem).key_point_count)
    attempt = practice.rerate_qa(
        session=session,
        user=user,
        problem=problem,
        attempt_id=attempt_id,
        answer=body.answer,
        hit=hit,
        rating=body.rating,
    )
    return qa_attempt_out(attempt, problem.slug)


def key_points_hit(body: QaAttemptIn, total: int) -> list[int]:
    """The ticked key points as sorted indexes (422 on one out of range)."""
    hit = sorted({i for i in body.key_points_hit if 0 <= i < total})
    if len(hit) != len(set(body.key_points_hit)):
        raise Unprocessable(f"key_points_hit must be indexes from 0 to {total - 1}.")
    return hit


def qa_attempt_out(attempt: Attempt, slug: str) -> QaAttemptOut:
    return QaAttemptOut(
        id=attempt.id,
        problem=slug,
        answer=attempt.answer,
        key_points_hit=attempt.key_points_hit,
        rating=attempt.rating,
        created_at=attempt.created_at,
    )


@router.get("/review", response_model=list[ReviewItem])
def review_queue(session: SessionDep, user: CurrentUser) -> list[ReviewItem]:
    """What to do today: the due items, Q&A cards and coding problems mixed, the most overdue first; then the new
    items from the followed track (`new` true, `due` null), in track order, within the daily limit."""
    due = [
        ReviewItem(slug=p.slug, kind=p.kind, title=p.title, title_zh=p.title_zh, due=state.due, new=False)
        for p, state in scheduling.due_items(session=session, user=user)
    ]
    return due + [
        ReviewItem(slug=p.slug, kind=p.kind, title=p.title, title_zh=p.title_zh, due=None, new=True)
        for p in scheduling.new_items(session=session, user=user)
    ]


@router.post("/review/{slug}", response_model=ReviewOut, responses=error_responses(409))
def rate(slug: str, body: ReviewIn, session: SessionDep, user: CurrentUser) -> ReviewOut:
    """Rate an item: a card's rating is a review; a coding problem's replaces the rating its latest accepted
    submission earned by the rule (409 before any). Returns when the item is due next."""
    problem = practice.get_problem(session=session, slug=slug, user=user)
    if problem.kind == grading.Kind.QA:
        state = scheduling.review(
            session=session, user=user, problem=problem, rating=body.rating, source=ReviewSource.CARD
        )
    else:
        state = scheduling.override(session=session, user=user, problem=problem, rating=body.rating)
        if state is None:
            raise Conflict("Rate a coding problem after an accepted submission; its rating comes from your attempts.")
    return ReviewOut(slug=problem.slug, rating=body.rating, due=state.due)


@router.put("/review/retention", status_code=204)
def set_retention(body: RetentionIn, session: SessionDep, user: CurrentUser) -> None:
    """Set the target retention the scheduler uses for this learner's next reviews."""
    user.target_retention = body.target_retention


@router.put("/review/settings", response_model=ReviewSettingsOut)
def set_review_settings(body: ReviewSettingsIn, session: SessionDep, user: CurrentUser) -> ReviewSettingsOut:
    """Set the daily limit of new items and/or the target retention; returns both settings."""
    for name in body.model_fields_set:
        setattr(user, name, getattr(body, name))
    return ReviewSettingsOut(daily_new_limit=user.daily_new_limit, target_retention=user.target_retention)


@router.post("/preview", response_model=PreviewOut)
def preview(body: PreviewIn, user: InstructorUser) -> PreviewOut:
    """Render statement Markdown the way learners will see it (the editor's live preview)."""
    return PreviewOut(html=render_markdown(body.markdown))
