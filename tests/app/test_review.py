"""What to do today on /review, through a real SQLite file and the real `fsrs` library: due items then new ones
from the followed track, the daily limit of new items, the 7-day forecast, the settings form and API, the nav
count; every `scheduling` call takes an explicit `now`."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import scheduling
from app.charts import forecast_bars
from app.config import Settings
from app.db import make_engine
from app.models import Problem, Rating, ReviewSource, ReviewState, Track, User, utcnow
from tests.app.webapp import QA_CARD, add_problem, bearer, csrf_of, make_user, one_connection

START = datetime(2026, 3, 1, 9, 0)  # a Sunday morning, UTC


def session_for(env) -> Session:
    return Session(make_engine(env.db_url), expire_on_commit=False)


def add_cards(env, *slugs: str, published: bool = True) -> None:
    for slug in slugs:
        card = dict(QA_CARD, **{"problem.toml": QA_CARD["problem.toml"].replace("Why LoRA", f"Card {slug}: why LoRA")})
        add_problem(env.db_url, slug, card, published=published)


def learner(session: Session, username: str, track: list[str] | None = None, limit: int = 10) -> User:
    """The user, following a new track of `track` (problem slugs) when given, with a daily limit of new items."""
    user = session.scalar(select(User).where(User.username == username))
    if track is not None:
        row = Track(slug=f"{username}-track", title=f"Track of {username}", items=track)
        session.add(row)
        session.flush()
        user.track_id = row.id
    user.daily_new_limit = limit
    session.commit()
    return user


def meet(session: Session, user: User, slug: str, when: datetime, rating: Rating = Rating.GOOD) -> ReviewState:
    problem = session.scalar(select(Problem).where(Problem.slug == slug))
    return scheduling.review(
        session=session, user=user, problem=problem, rating=rating, source=ReviewSource.CARD, when=when
    )


def slugs(problems) -> list[str]:
    return [p.slug for p in problems]


def test_due_items_most_overdue_first_then_new_ones_in_track_order(env):
    make_user(env, "alice")
    add_cards(env, "cx1", "cx2", "cx3", "cx4", "cx5")
    now = utcnow()
    with session_for(env) as session:
        user = learner(session, "alice", track=["cx5", "cx3", "cx1", "cx4"])
        meet(session, user, "cx1", now - timedelta(days=9)).due = now - timedelta(days=1)
        meet(session, user, "cx2", now - timedelta(days=9)).due = now - timedelta(days=2)
        session.commit()
        assert [p.slug for p, _ in scheduling.due_items(session=session, user=user, now=now)] == ["cx2", "cx1"]
        assert slugs(scheduling.new_items(session=session, user=user, now=now)) == ["cx5", "cx3", "cx4"]  # cx1 is met
        assert scheduling.due_count(session=session, user=user, now=now) == 5
    headers = bearer(env.client, "alice")
    queue = env.client.get("/api/review", headers=headers).json()
    assert [(item["slug"], item["new"]) for item in queue] == [
        ("cx2", False),
        ("cx1", False),
        ("cx5", True),
        ("cx3", True),
        ("cx4", True),
    ]
    assert queue[0]["due"].endswith(("Z", "+00:00")) and queue[2]["due"] is None
    page = env.client.get("/review", headers=headers).text
    assert "New from Track of alice" in page and "Start: 2 due, 3 new" in page
    assert page.index("Card cx2:") < page.index("Card cx1:") < page.index("Card cx5:") < page.index("Card cx3:")
    assert "00:00 UTC" in page  # the day boundary of the daily limit is stated
    # /review/next: the due items first, most overdue first; then the new ones in track order
    walk = env.client.get("/review/next", headers=headers, follow_redirects=False)
    assert walk.headers["location"] == "/problems/cx2?from=review"
    for slug in ("cx2", "cx1"):
        assert env.client.post(f"/api/review/{slug}", headers=headers, json={"rating": "easy"}).status_code == 200
    walk = env.client.get("/review/next", headers=headers, follow_redirects=False)
    assert walk.headers["location"] == "/problems/cx5?from=review"
    # a new item that gets reviewed leaves the new list (and is due later)
    assert env.client.post("/api/review/cx5", headers=headers, json={"rating": "easy"}).status_code == 200
    assert [item["slug"] for item in env.client.get("/api/review", headers=headers).json()] == ["cx3", "cx4"]


def test_the_daily_limit_of_new_items_counts_first_meetings_per_utc_day(env):
    make_user(env, "bob")
    add_cards(env, "nx1", "nx2", "nx3", "nx4", "nx5", "nx6")
    with session_for(env) as session:
        user = learner(session, "bob", track=["nx1", "nx2", "nx3", "nx4", "nx5", "nx6"], limit=3)
        day = START.replace(hour=0)
        assert slugs(scheduling.new_items(session=session, user=user, now=START)) == ["nx1", "nx2", "nx3"]
        # met yesterday, reviewed again today: not a first meeting today
        meet(session, user, "nx6", day - timedelta(minutes=1))
        meet(session, user, "nx6", day + timedelta(hours=1))
        meet(session, user, "nx1", day + timedelta(hours=2), Rating.EASY)
        meet(session, user, "nx2", day + timedelta(hours=3), Rating.EASY)
        session.commit()
        assert slugs(scheduling.new_items(session=session, user=user, now=START)) == ["nx3"]  # 3 - 2 met today
        assert slugs(scheduling.new_items(session=session, user=user, now=day + timedelta(hours=23, minutes=59))) == [
            "nx3"
        ]
        assert scheduling.due_count(session=session, user=user, now=day + timedelta(hours=4)) == 1  # Easy: not due
        tomorrow = day + timedelta(days=1)
        assert slugs(scheduling.new_items(session=session, user=user, now=tomorrow)) == ["nx3", "nx4", "nx5"]
        user.daily_new_limit = 0
        assert scheduling.new_items(session=session, user=user, now=tomorrow) == []
        assert scheduling.due_count(session=session, user=user, now=tomorrow) == len(
            scheduling.due_items(session=session, user=user, now=tomorrow)
        )


def test_unpublished_and_unknown_items_are_skipped_and_no_track_links_to_tracks(env):
    make_user(env, "carol")
    make_user(env, "dave")
    add_cards(env, "shown")
    add_cards(env, "draft", published=False)
    with session_for(env) as session:
        user = learner(session, "carol", track=["draft", "no-such-item", "shown"])
        assert slugs(scheduling.new_items(session=session, user=user, now=START)) == ["shown"]
        assert scheduling.due_count(session=session, user=user, now=START) == 1
        nobody = learner(session, "dave")
        assert scheduling.new_items(session=session, user=nobody, now=START) == []
        assert scheduling.due_count(session=session, user=nobody, now=START) == 0
    page = env.client.get("/review", headers=bearer(env.client, "dave")).text
    assert 'id="review-no-track"' in page and 'href="/tracks"' in page
    assert "Card draft" not in env.client.get("/review", headers=bearer(env.client, "carol")).text


def test_the_forecast_counts_reviews_per_utc_day_with_the_overdue_today(env):
    make_user(env, "erin")
    make_user(env, "frank")
    add_cards(env, "fx1", "fx2", "fx3", "fx4", "fx5", "fx6")
    add_cards(env, "f-draft", published=False)
    day = START.replace(hour=0)
    dues = {
        "fx1": START - timedelta(days=3),  # overdue: today
        "fx2": day + timedelta(hours=23, minutes=59),  # later today
        "fx3": day + timedelta(days=1),  # tomorrow at midnight
        "fx4": day + timedelta(days=6, hours=12),  # the 7th day
        "fx5": day + timedelta(days=7),  # the 8th day: outside
        "f-draft": START,  # unpublished: not counted
    }
    with session_for(env) as session:
        erin, frank = learner(session, "erin"), learner(session, "frank")
        ids = dict(session.execute(select(Problem.slug, Problem.id)).all())
        for slug, due in dues.items():
            session.add(ReviewState(user_id=erin.id, problem_id=ids[slug], state=2, due=due))
        session.add(ReviewState(user_id=frank.id, problem_id=ids["fx6"], state=2, due=START))  # someone else's
        session.commit()
        assert scheduling.forecast(session=session, user=erin, now=START) == [2, 1, 0, 0, 0, 0, 1]
        assert scheduling.forecast(session=session, user=erin, now=START, days=8) == [2, 1, 0, 0, 0, 0, 1, 1]
        assert scheduling.forecast(session=session, user=erin, now=day + timedelta(days=1)) == [3, 0, 0, 0, 0, 1, 1]
    svg = forecast_bars([2, 1, 0, 0, 0, 0, 1], date(2026, 3, 1), "Reviews due <soon>", "Today")
    assert svg.startswith("<svg") and 'role="img"' in svg and "viewBox=" in svg
    assert '<title id="forecast-title">Reviews due &lt;soon&gt;</title>' in svg
    assert 'class="label count">2</text>' in svg and ">Today</text>" in svg and ">03-07</text>" in svg
    assert "2026-03-07: 1</title>" in svg
    page = env.client.get("/review", headers=bearer(env.client, "erin")).text
    assert 'class="chart forecast"' in page and ">Today</text>" in page


def test_the_settings_form_saves_and_refuses_bad_values_with_422(env):
    make_user(env, "gina")
    browser = TestClient(env.app)
    token = csrf_of(browser.get("/login").text)
    browser.post("/login", data={"username": "gina", "password": "password123", "csrf_token": token})
    token = csrf_of(browser.get("/review").text)
    saved = browser.post(
        "/review/settings",
        data={"daily_new_limit": "3", "target_retention": "0.95", "csrf_token": token},
        follow_redirects=False,
    )
    assert saved.status_code == 303 and saved.headers["location"] == "/review?saved=1"
    page = browser.get("/review?saved=1").text
    assert 'id="settings-saved"' in page and 'value="3"' in page and 'value="0.95"' in page
    for limit, retention, message in [
        ("101", "0.9", "New items per day must be a whole number from 0 to 100."),
        ("2.5", "0.9", "New items per day must be a whole number from 0 to 100."),
        ("", "0.9", "New items per day must be a whole number from 0 to 100."),
        ("5", "0.5", "Target retention must be a number from 0.70 to 0.99."),
        ("5", "abc", "Target retention must be a number from 0.70 to 0.99."),
        ("5", "nan", "Target retention must be a number from 0.70 to 0.99."),
    ]:
        refused = browser.post(
            "/review/settings", data={"daily_new_limit": limit, "target_retention": retention, "csrf_token": token}
        )
        assert refused.status_code == 422 and message in refused.text, (limit, retention)
        assert f'value="{retention}"' in refused.text  # the typed value is kept in the form
    forged = browser.post("/review/settings", data={"daily_new_limit": "7", "target_retention": "0.8"})
    assert forged.status_code == 403
    with session_for(env) as session:
        user = session.scalar(select(User).where(User.username == "gina"))
        assert (user.daily_new_limit, user.target_retention) == (3, 0.95)


def test_the_settings_api_validates_and_the_retention_route_still_works(env):
    make_user(env, "hana")
    headers = bearer(env.client, "hana")
    changed = env.client.put("/api/review/settings", headers=headers, json={"daily_new_limit": 4})
    assert changed.status_code == 200 and changed.json() == {"daily_new_limit": 4, "target_retention": 0.9}
    changed = env.client.put("/api/review/settings", headers=headers, json={"target_retention": 0.99})
    assert changed.json() == {"daily_new_limit": 4, "target_retention": 0.99}
    for body in [
        {"daily_new_limit": 101},
        {"daily_new_limit": -1},
        {"daily_new_limit": 2.5},
        {"daily_new_limit": None},
        {"target_retention": 0.69},
        {"target_retention": 1},
        {"target_retention": "high"},
        {"daily_limit": 3},
    ]:
        refused = env.client.put("/api/review/settings", headers=headers, json=body)
        assert refused.status_code == 422 and "detail" in refused.json(), body
    assert env.client.put("/api/review/retention", headers=headers, json={"target_retention": 0.8}).status_code == 204
    assert env.client.put("/api/review/retention", headers=headers, json={"target_retention": 1.5}).status_code == 422
    with session_for(env) as session:
        user = session.scalar(select(User).where(User.username == "hana"))
        assert (user.daily_new_limit, user.target_retention) == (4, 0.8)
    assert env.client.put("/api/review/settings", json={"daily_new_limit": 4}).status_code == 401


def test_every_page_gets_the_review_count_for_the_nav(make_env, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(Settings().templates_dir, templates)
    base = templates / "base.html"
    base.write_text(base.read_text().replace("<main", '<p id="due-count">[{{ review_due }}]</p><main'))
    env = make_env(templates_dir=templates)
    make_user(env, "ivan")
    add_cards(env, "dx1", "dx2", "dx3")
    with session_for(env) as session:
        user = learner(session, "ivan", track=["dx2", "dx3"], limit=1)
        meet(session, user, "dx1", utcnow() - timedelta(days=30)).due = utcnow() - timedelta(days=1)
        session.commit()
    assert "[None]" in env.client.get("/").text  # a visitor: no count, no query
    headers = bearer(env.client, "ivan")
    for path in ("/", "/review", "/problems/dx1", "/progress"):
        assert "[2]" in env.client.get(path, headers=headers).text, path  # 1 due + 1 new (limit 1)
    # counted in the request's own session: a pool of one connection still serves a logged-in page
    one_connection(env)
    assert "[2]" in env.client.get("/review", headers=headers).text
