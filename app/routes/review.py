"""The review pages: what to do today (due cards and coding problems mixed, then new items from the followed
track), the next item, the 7-day forecast, and the learner's review settings form."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from app import charts, scheduling
from app.auth import CurrentUser, check_csrf
from app.db import SessionDep
from app.models import Track, User, utcnow
from app.schemas import ReviewSettingsIn
from app.templating import page

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])

FORECAST_DAYS = 7


def review_context(session, user: User, form: dict | None = None, errors: list[str] | None = None) -> dict:
    """What the /review page shows; `form` and `errors` re-fill the settings form after bad values."""
    now = utcnow()
    return {
        "user": user,
        "items": scheduling.due_items(session=session, user=user, now=now),
        "new_items": scheduling.new_items(session=session, user=user, now=now),
        "track": session.get(Track, user.track_id) if user.track_id is not None else None,
        "forecast": scheduling.forecast(session=session, user=user, now=now, days=FORECAST_DAYS),
        "forecast_day": scheduling.day_start(now).date(),
        "forecast_chart": charts.forecast_bars,
        "next_day": scheduling.day_start(now) + timedelta(days=1),
        "form": form
        or {"daily_new_limit": str(user.daily_new_limit), "target_retention": f"{user.target_retention:.2f}"},
        "errors": errors or [],
        "bounds": {
            "limit_min": scheduling.NEW_LIMIT_MIN,
            "limit_max": scheduling.NEW_LIMIT_MAX,
            "retention_min": f"{scheduling.RETENTION_MIN:.2f}",
            "retention_max": f"{scheduling.RETENTION_MAX:.2f}",
        },
    }


@router.get("/review")
def review_page(request: Request, session: SessionDep, user: CurrentUser) -> Response:
    return page(request, "review/index.html", review_context(session, user))


@router.get("/review/next")
def next_due(session: SessionDep, user: CurrentUser) -> Response:
    """The most overdue item, then the new items in track order, so a learner works through the list without
    going back to it; the list when done."""
    items = [problem for problem, _ in scheduling.due_items(session=session, user=user)]
    items = items or scheduling.new_items(session=session, user=user)
    target = f"/problems/{items[0].slug}?from=review" if items else "/review"
    return RedirectResponse(target, status_code=303)


@router.post("/review/settings")
def save_settings(
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    daily_new_limit: Annotated[str, Form(max_length=20)] = "",
    target_retention: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """The no-JavaScript settings form: daily limit of new items and target retention; 422 re-renders the page
    with the values as typed and what is wrong with them."""
    form = {"daily_new_limit": daily_new_limit.strip(), "target_retention": target_retention.strip()}
    try:
        settings = ReviewSettingsIn.model_validate(form)
    except ValidationError as exc:
        bad = {str(error["loc"][0]) for error in exc.errors()}
        return page(request, "review/index.html", review_context(session, user, form, sorted(bad)), status_code=422)
    user.daily_new_limit, user.target_retention = settings.daily_new_limit, settings.target_retention
    return RedirectResponse("/review?saved=1", status_code=303)
