"""The review pages: what is due today (cards and coding problems mixed), and the next due item."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from app import scheduling
from app.auth import CurrentUser, check_csrf
from app.db import SessionDep
from app.templating import page

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])


@router.get("/review")
def review_page(request: Request, session: SessionDep, user: CurrentUser) -> Response:
    return page(request, "review/index.html", {"user": user, "items": scheduling.due_items(session=session, user=user)})


@router.get("/review/next")
def next_due(session: SessionDep, user: CurrentUser) -> Response:
    """The most overdue item, so a learner works through the list without going back to it; the list when done."""
    items = scheduling.due_items(session=session, user=user)
    target = f"/problems/{items[0][0].slug}?from=review" if items else "/review"
    return RedirectResponse(target, status_code=303)
