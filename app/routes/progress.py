"""The progress page: solved counts per topic, an activity heatmap and recent verdicts, drawn as SVG."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from app import charts, practice
from app.auth import CurrentUser
from app.db import SessionDep
from app.models import Attempt, AttemptMode, Problem, utcnow
from app.templating import page

router = APIRouter(include_in_schema=False)


def year_before(day: date) -> date:
    """The same day a year earlier; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


@router.get("/progress")
def progress(request: Request, session: SessionDep, user: CurrentUser) -> Response:
    problems = session.scalars(select(Problem).where(practice.visible_filter(user))).all()
    marks = practice.statuses(session=session, user=user)
    totals: Counter[str] = Counter()
    solved: Counter[str] = Counter()
    for p in problems:
        totals[p.topic] += 1
        solved[p.topic] += marks.get(p.id) == "solved"
    rows = [(topic, solved[topic], totals[topic]) for topic in sorted(totals)]
    today = utcnow().date()
    since = datetime.combine(year_before(today), datetime.min.time())
    days = Counter(
        created.date()
        for created in session.scalars(
            select(Attempt.created_at).where(Attempt.user_id == user.id, Attempt.created_at >= since)
        )
    )
    recent = session.execute(
        select(Problem.title, Attempt.verdict, Attempt.created_at)
        .join(Problem, Attempt.problem_id == Problem.id)
        .where(Attempt.user_id == user.id, Attempt.mode == AttemptMode.SUBMIT, Attempt.verdict.is_not(None))
        .order_by(Attempt.id.desc())
        .limit(30)
    ).all()
    recent_rows = [(title, verdict, created.strftime("%Y-%m-%d %H:%M")) for title, verdict, created in recent]
    return page(
        request,
        "progress/index.html",
        {
            "user": user,
            "solved": sum(solved.values()),
            "total": sum(totals.values()),
            "attempts": sum(days.values()),
            # the template draws the charts, so their words are in the page's language
            "topic_rows": rows,
            "days": days,
            "today": today,
            "recent_rows": recent_rows,
            "topic_bars": charts.topic_bars,
            "heatmap": charts.heatmap,
            "recent_verdicts": charts.recent_verdicts,
        },
    )
