"""Learner pages: the problem list, a problem (editor or Q&A card), and one submission."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from app import courses, grading, hints, mock, practice
from app.auth import CurrentUser, OptionalUser, check_csrf
from app.db import SessionDep
from app.errors import NotFound, Unprocessable
from app.models import Problem, Rating, User
from app.schemas import AttemptId, ProblemPageQuery, ProblemQuery
from app.templating import interface_language, page

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])


@router.get("/problems", include_in_schema=False)
def problem_list_alias(request: Request) -> Response:
    """`/problems` is where people look for the list; keep any filters."""
    query = request.url.query
    return RedirectResponse("/" + (f"?{query}" if query else ""), status_code=308)


@router.get("/")
def problem_list(request: Request, session: SessionDep, user: OptionalUser, filters: ProblemPageQuery) -> Response:
    chosen = filters.model_dump(exclude={"page"})
    listing = practice.list_problems(
        session=session,
        user=user,
        **chosen,
        offset=(filters.page - 1) * practice.PAGE_SIZE,
        limit=practice.PAGE_SIZE,
        language=interface_language(request, user),
    )
    pages = max(1, -(-listing.total // practice.PAGE_SIZE))
    if filters.page > pages:
        raise NotFound(f"There is no page {filters.page}; these filters give {pages}.")
    topics = sorted(
        set(grading.TOPICS)
        | set(session.scalars(select(Problem.topic).where(practice.visible_filter(user)).distinct()))
    )
    return page(
        request,
        "problems/list.html",
        {
            "user": user,
            "listing": listing,
            "topics": topics,
            "sorts": list(practice.ProblemSort),
            "filters": filters.model_dump(),
            # the chosen filters and order as a query string, for page links (the defaults left out)
            "base_query": urlencode({k: v for k, v in chosen.items() if v not in ("", practice.ProblemSort.DEFAULT)}),
            "page_number": filters.page,
            "pages": pages,
            "first_row": (filters.page - 1) * practice.PAGE_SIZE + 1,
            "random_none": request.query_params.get("random") == "none",
        },
    )


@router.get("/problems/random")
def random_problem(session: SessionDep, user: OptionalUser, filters: ProblemQuery) -> Response:
    """A random unsolved problem among those the filters match; none left: back to the list, which says so."""
    chosen = filters.model_dump()
    problem = practice.random_unsolved(session=session, user=user, **chosen)
    if problem is None:
        query = urlencode({**{k: v for k, v in chosen.items() if v}, "random": "none"})
        return RedirectResponse(f"/?{query}", status_code=303)
    return RedirectResponse(f"/problems/{problem.slug}", status_code=303)


@router.get("/problems/{slug}")
def problem_page(slug: str, request: Request, session: SessionDep, user: OptionalUser) -> Response:
    problem = practice.get_problem(session=session, slug=slug, user=user)
    spec = grading.problem_spec(problem)
    lang = interface_language(request, user)  # the statement's language: ?lang=, else the interface's
    context = {
        "user": user,
        "problem": problem,
        "spec": spec,
        "lang": lang,
        "history": practice.history(session=session, user=user, problem=problem, limit=20) if user else [],
        "mock": mock.item_context(session=session, user=user, problem=problem),  # this problem in a running mock
        "next_problem": practice.next_problem(session=session, user=user, problem=problem),
        "due": courses.due_notes(session=session, user=user, problem=problem) if user else [],  # assignments' due lines
    }
    if spec.kind == grading.Kind.QA:
        return page(request, "problems/qa.html", context)
    draft = practice.get_draft(session=session, user=user, problem=problem)
    unlocked = practice.editorial_unlocked(session=session, user=user, problem=problem)
    if not grading.samples_ready(spec):
        # The samples are computed in the sandbox, off this thread; wait a little, holding no connection.
        session.commit()
    texts = {language: hints.hint_texts(problem, language) for language in ("en", "zh")}
    count = hints.opened_count(session=session, user=user, problem=problem) if user else 0
    context.update(
        hints_open={language: found[:count] for language, found in texts.items()},
        hints_total=len(texts["en"]),
        code=draft if draft is not None else spec.starter,
        samples=grading.visible_samples(spec, wait=5),
        editorial_unlocked=unlocked,
        max_code_bytes=request.app.state.settings.max_code_bytes,
    )
    return page(request, "problems/code.html", context)


@router.post("/problems/{slug}/hints")
def open_hint_form(
    slug: str, session: SessionDep, user: CurrentUser, number: Annotated[int, Form(ge=1, le=100)]
) -> Response:
    """The no-JavaScript path: open the next hint and go back to it."""
    problem = practice.get_problem(session=session, slug=slug, user=user)
    hints.open_hint(session=session, user=user, problem=problem, number=number, language="en")
    return RedirectResponse(f"/problems/{problem.slug}#hints", status_code=303)


@router.post("/problems/{slug}/reveal")
def reveal_form(
    slug: str,
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    answer: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    """The no-JavaScript path: the card again, with the learner's answer kept and the model answer revealed."""
    problem = practice.get_problem(session=session, slug=slug, user=user)
    lang = interface_language(request, user)
    revealed = practice.reveal_card(session=session, user=user, problem=problem, lang=lang)
    context = {
        "user": user,
        "problem": problem,
        "spec": grading.problem_spec(problem),
        "lang": lang,
        "history": practice.history(session=session, user=user, problem=problem, limit=20),
        "mock": mock.item_context(session=session, user=user, problem=problem),
        "revealed": revealed,
        "answer": answer,
    }
    return page(request, "problems/qa.html", context)


@router.post("/problems/{slug}/rate")
def rate_form(
    slug: str,
    session: SessionDep,
    user: CurrentUser,
    rating: Annotated[Rating, Form()],
    answer: Annotated[str, Form(max_length=20_000)] = "",
    key_point: Annotated[list[int], Form(max_length=50)] = [],  # noqa: B006 (FastAPI copies defaults)
) -> Response:
    """The no-JavaScript path: store the revealed card's answer and rating, then show the stored attempt."""
    problem = practice.get_problem(session=session, slug=slug, user=user)
    if problem.kind != grading.Kind.QA:
        raise Unprocessable("This is a coding problem; submit code instead.")
    total = grading.problem_spec(problem).key_point_count
    hit = sorted(set(key_point))
    if any(not 0 <= i < total for i in hit):
        raise Unprocessable(f"key points must be indexes from 0 to {total - 1}.")
    attempt = practice.record_qa(
        session=session, user=user, problem=problem, answer=answer, hit=hit, rating=rating, total=total
    )
    return RedirectResponse(f"/submissions/{attempt.id}", status_code=303)


@router.post("/problems/{slug}/submit")
def submit_form(
    slug: str,
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    code: Annotated[str, Form()],
    mode: Annotated[str, Form()] = "submit",
) -> Response:
    """The no-JavaScript path: queue the code and go to the submission's page."""
    if "\ufffd" in code:
        # The form parser turns bytes that are not UTF-8 into U+FFFD; refuse them as the JSON API does.
        raise Unprocessable("Code must be valid UTF-8 text (it holds bytes that are not UTF-8, or U+FFFD).")
    code = practice.check_code(code, request.app.state.settings.max_code_bytes)
    problem = practice.get_problem(session=session, slug=slug, user=user)
    attempt = practice.create_submission(
        session=session,
        queue=request.app.state.queue,
        limiter=request.app.state.rate_limiter,
        user=user,
        problem=problem,
        code=code,
        mode="run" if mode == "run" else "submit",
    )
    return RedirectResponse(f"/submissions/{attempt.id}", status_code=303)


@router.get("/submissions/{attempt_id}")
def submission_page(attempt_id: AttemptId, request: Request, session: SessionDep, user: CurrentUser) -> Response:
    attempt, problem = practice.readable_attempt(session=session, user=user, attempt_id=attempt_id)
    owner = None
    if attempt.user_id != user.id:
        owner = session.get(User, attempt.user_id)
    return page(
        request,
        "attempts/detail.html",
        {
            "user": user,
            "attempt": attempt,
            "problem": problem,
            "report": practice.public_report(attempt.report),
            "owner": owner,
        },
    )
