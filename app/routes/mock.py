"""Timed mock interviews: the /mock pages (start, the running session, its report, the history) and their JSON
API under /api/mock."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import mock
from app.auth import CurrentUser, check_csrf
from app.db import SessionDep
from app.models import MockSession, Problem, Track
from app.schemas import MockAnswerIn, MockAnswerOut, MockCreate, MockItemOut, MockOut, error_responses
from app.templating import page

router = APIRouter(dependencies=[Depends(check_csrf)])
API = {"tags": ["mock"], "responses": error_responses(401, 403, 404, 409, 422)}
MockId = Annotated[int, Path(ge=1, le=2**62)]
Position = Annotated[int, Path(ge=1, le=100)]


def mock_out(session: Session, session_row: MockSession) -> MockOut:
    rows = mock.items(session=session, mock=session_row)
    return MockOut(
        id=session_row.id,
        minutes=session_row.minutes,
        started_at=session_row.started_at,
        ends_at=session_row.ends_at,
        finished_at=session_row.finished_at,
        remaining_s=0 if session_row.finished_at else mock.remaining_seconds(session_row),
        items=[
            MockItemOut(
                position=item.position,
                slug=problem.slug,
                kind=problem.kind,
                title=problem.title,
                title_zh=problem.title_zh,
                url=f"/problems/{problem.slug}?mock={session_row.id}",
                opened_at=item.opened_at,
                outcome=item.outcome,
                attempts=item.attempts,
                seconds=item.seconds,
            )
            for item, problem in rows
        ],
        report=session_row.report,
    )


@router.post("/api/mock", status_code=201, response_model=MockOut, **API)
def api_start(body: MockCreate, session: SessionDep, user: CurrentUser) -> MockOut | JSONResponse:
    """Start a mock of 30, 45 or 60 minutes, optionally from a track; 409 with the running one's id."""
    try:
        started = mock.start(session=session, user=user, minutes=body.minutes, track_slug=body.track)
    except mock.MockActive as exc:
        return JSONResponse({"detail": exc.message, "id": exc.mock_id}, status_code=409)
    return mock_out(session, started)


@router.get("/api/mock", response_model=list[MockOut], **API)
def api_history(session: SessionDep, user: CurrentUser) -> list[MockOut]:
    """Your mock interviews, newest first."""
    return [mock_out(session, row) for row in mock.history(session=session, user=user)]


@router.get("/api/mock/{mock_id}", response_model=MockOut, **API)
def api_get(mock_id: MockId, session: SessionDep, user: CurrentUser) -> MockOut:
    """One of your mocks; reading it after its time is up finishes it."""
    return mock_out(session, mock.get_mock(session=session, user=user, mock_id=mock_id))


@router.post("/api/mock/{mock_id}/finish", response_model=MockOut, **API)
def api_finish(mock_id: MockId, session: SessionDep, user: CurrentUser) -> MockOut:
    """Finish now and get the report; finishing again changes nothing."""
    row = mock.finish(session=session, mock=mock.get_mock(session=session, user=user, mock_id=mock_id))
    return mock_out(session, row)


@router.post("/api/mock/{mock_id}/items/{position}/answer", status_code=201, response_model=MockAnswerOut, **API)
def api_answer(
    mock_id: MockId, position: Position, body: MockAnswerIn, session: SessionDep, user: CurrentUser
) -> MockAnswerOut:
    """Store your free-text answer to a card of the running mock; its model answer opens after this."""
    row = mock.get_mock(session=session, user=user, mock_id=mock_id)
    attempt = mock.store_answer(session=session, user=user, mock=row, position=position, answer=body.answer)
    slug = session.scalar(select(Problem.slug).where(Problem.id == attempt.problem_id)) or ""
    return MockAnswerOut(position=position, slug=slug, answered_at=attempt.created_at)


@router.get("/mock", include_in_schema=False)
def mock_page(request: Request, session: SessionDep, user: CurrentUser) -> Response:
    current = mock.running(session=session, user=user)
    context = {
        "user": user,
        "running": current,
        "plans": mock.PLANS,
        "tracks": session.scalars(select(Track).order_by(Track.title)).all(),
        "history": [m for m in mock.history(session=session, user=user) if m.finished_at is not None],
    }
    return page(request, "mock/index.html", context)


@router.post("/mock", include_in_schema=False)
def start_form(
    session: SessionDep, user: CurrentUser, minutes: Annotated[int, Form()], track: Annotated[str, Form()] = ""
) -> Response:
    try:
        started = mock.start(session=session, user=user, minutes=minutes, track_slug=track or None)
    except mock.MockActive as exc:
        return RedirectResponse(f"/mock/{exc.mock_id}", status_code=303)
    return RedirectResponse(f"/mock/{started.id}", status_code=303)


@router.get("/mock/{mock_id}", include_in_schema=False)
def session_page(mock_id: MockId, request: Request, session: SessionDep, user: CurrentUser) -> Response:
    """The running session (items and countdown), or its report once finished."""
    row = mock.get_mock(session=session, user=user, mock_id=mock_id)
    context = {
        "user": user,
        "mock": row,
        "items": mock.items(session=session, mock=row),
        "remaining_s": mock.remaining_seconds(row),
    }
    return page(request, "mock/report.html" if row.finished_at else "mock/session.html", context)


@router.post("/mock/{mock_id}/finish", include_in_schema=False)
def finish_form(mock_id: MockId, session: SessionDep, user: CurrentUser) -> Response:
    mock.finish(session=session, mock=mock.get_mock(session=session, user=user, mock_id=mock_id))
    return RedirectResponse(f"/mock/{mock_id}", status_code=303)
