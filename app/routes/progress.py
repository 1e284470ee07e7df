"""The progress page: solved counts by kind and difficulty and per topic, streaks, an activity heatmap, recent
verdicts with links to the attempts, and the review forecast; the pictures drawn as SVG."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from app import charts, practice, progress, scheduling
from app.auth import CurrentUser
from app.db import SessionDep
from app.models import Problem, utcnow
from app.templating import interface_language, page

router = APIRouter(include_in_schema=False)

HEATMAP_WEEKS = 26


@router.get("/progress")
def progress_page(request: Request, session: SessionDep, user: CurrentUser) -> Response:
    problems = session.scalars(select(Problem).where(practice.visible_filter(user))).all()
    marks = practice.statuses(session=session, user=user)
    now = utcnow()
    today = now.date()
    days = progress.attempts_per_day(session=session, user=user, since=progress.year_before(today))
    current, longest = progress.streaks(progress.active_days(session=session, user=user), today)
    recent = progress.recent_verdicts(session=session, user=user, language=interface_language(request, user))
    return page(
        request,
        "progress/index.html",
        {
            "user": user,
            "by_difficulty": progress.by_difficulty(problems, marks),
            "attempts": sum(days.values()),
            "streak": current,
            "longest_streak": longest,
            # the template draws the charts, so their words are in the page's language
            "topic_rows": progress.by_topic(problems, marks),
            "days": days,
            "today": today,
            "weeks": HEATMAP_WEEKS,
            "recent": recent,
            "recent_rows": [(item.title, item.verdict, item.created_at.strftime("%Y-%m-%d %H:%M")) for item in recent],
            "legend": progress.verdict_counts(recent),
            "forecast": scheduling.forecast(session=session, user=user, now=now),
            "forecast_day": scheduling.day_start(now).date(),
            "topic_bars": charts.topic_bars,
            "heatmap": charts.heatmap,
            "recent_verdicts": charts.recent_verdicts,
            "verdict_mark": charts.verdict_mark,
            "forecast_chart": charts.forecast_bars,
        },
    )
