"""The progress page and app/progress.py: counts by kind and difficulty, every topic's bar, streaks over scripted
histories (across midnight UTC, with gaps), recent verdicts with marks, a legend and links, and the review forecast."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select

from app import charts, progress
from app.charts import heatmap
from app.grading import TOPICS
from app.models import Attempt, AttemptMode, AttemptStatus, Problem, ReviewState, User, utcnow
from app.progress import streaks, year_before
from grader import Verdict
from tests.app.webapp import ADD_ONE, ADD_ONE_CORRECT, add_problem, bearer, csrf_of, make_user, register, wait_done

CARD = "lora-is-not-compression-demo"
DAY = date(2030, 1, 10)


def at(day: date, clock: str) -> datetime:
    return datetime.combine(day, datetime.strptime(clock, "%H:%M:%S").time())


def script(env, username: str, history: list[tuple[str, str, str | None, datetime, datetime | None]]) -> User:
    """Store a learner's attempts as given: (slug, mode, verdict or card rating, created_at, finished_at)."""
    with env.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        ids = dict(session.execute(select(Problem.slug, Problem.id)).all())
        for slug, mode, outcome, created, finished in history:
            session.add(
                Attempt(
                    user_id=user.id,
                    problem_id=ids[slug],
                    mode=mode,
                    status=AttemptStatus.DONE,
                    verdict=None if mode == AttemptMode.QA else outcome,
                    rating=outcome if mode == AttemptMode.QA else None,
                    created_at=created,
                    finished_at=finished,
                )
            )
        session.commit()
        return user


def rated(rating: str, answered: datetime, rated_at: datetime) -> tuple:
    """A card answered at `answered` and rated at `rated_at`, for `script`."""
    return (CARD, AttemptMode.QA, rating, answered, rated_at)


def logged_in(env, username: str) -> TestClient:
    browser = TestClient(env.app)
    token = csrf_of(browser.get("/login").text)
    browser.post("/login", data={"username": username, "password": "password123", "csrf_token": token})
    return browser


def text_of(page: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</', page, flags=re.S)
    assert match, element_id
    return match.group(1).strip()


def test_streaks_count_runs_of_days_and_keep_the_current_one_until_the_day_after():
    assert streaks(set(), DAY) == (0, 0)
    assert streaks({DAY}, DAY) == (1, 1)
    yesterday, before = DAY - timedelta(days=1), DAY - timedelta(days=2)
    assert streaks({yesterday, before}, DAY) == (2, 2)  # today has nothing yet: the streak is still alive
    assert streaks({before}, DAY) == (0, 1)  # a whole day missed: broken
    run_of_three = {DAY - timedelta(days=n) for n in (9, 8, 7)}
    assert streaks(run_of_three | {yesterday, DAY}, DAY) == (2, 3)  # the longest lies in the past
    assert streaks({DAY, DAY + timedelta(days=1)}, DAY) == (1, 1)  # a day after today is not counted
    assert streaks({date(2028, 2, 28), date(2028, 2, 29), date(2028, 3, 1)}, date(2028, 3, 1)) == (3, 3)


def test_active_days_follow_utc_midnight_and_count_only_accepted_or_good_cards(env):
    make_user(env, "alice")
    user = script(
        env,
        "alice",
        [
            # an accepted submission just before midnight and another just after: two days in a row
            ("add-one", AttemptMode.SUBMIT, "accepted", at(DAY - timedelta(days=1), "23:59:59"), None),
            ("add-one", AttemptMode.SUBMIT, "accepted", at(DAY, "00:00:00"), None),
            # none of these makes a day: a wrong submission, an accepted Run, cards rated Again or Hard
            ("add-one", AttemptMode.SUBMIT, "wrong_answer", at(DAY - timedelta(days=3), "12:00:00"), None),
            ("add-one", AttemptMode.RUN, "accepted", at(DAY - timedelta(days=4), "12:00:00"), None),
            rated("again", at(DAY - timedelta(days=5), "12:00:00"), at(DAY - timedelta(days=5), "12:01:00")),
            rated("hard", at(DAY - timedelta(days=6), "12:00:00"), at(DAY - timedelta(days=6), "12:01:00")),
            # a card answered before midnight and rated Good after it counts on the day it was rated
            rated("good", at(DAY - timedelta(days=8), "23:58:00"), at(DAY - timedelta(days=7), "00:02:00")),
            rated("easy", at(DAY - timedelta(days=9), "10:00:00"), at(DAY - timedelta(days=9), "10:01:00")),
        ],
    )
    with env.session() as session:
        days = progress.active_days(session=session, user=user)
    expected = {DAY, DAY - timedelta(days=1), DAY - timedelta(days=7), DAY - timedelta(days=9)}
    assert days == expected
    assert streaks(days, DAY) == (2, 2)
    assert streaks(days, DAY + timedelta(days=1)) == (2, 2)  # the next day, nothing yet: still 2
    assert streaks(days, DAY + timedelta(days=2)) == (0, 2)


def test_page_shows_counts_by_kind_and_difficulty_streaks_and_every_topic(env):
    make_user(env, "alice")
    today = utcnow().date()
    script(
        env,
        "alice",
        [
            ("add-one", AttemptMode.SUBMIT, "wrong_answer", at(today - timedelta(days=3), "09:00:00"), None),
            ("add-one", AttemptMode.SUBMIT, "accepted", at(today - timedelta(days=2), "23:59:59"), None),
            rated("good", at(today - timedelta(days=1), "00:00:01"), at(today - timedelta(days=1), "00:00:30")),
        ],
    )
    page = logged_in(env, "alice").get("/progress").text
    row = re.search(r'id="solved-easy".*?</tr>', page, flags=re.S).group(0)
    assert 'class="count-code">1 / 1<' in row and 'class="count-qa">0 / 0<' in row  # add-one is easy
    row = re.search(r'id="solved-medium".*?</tr>', page, flags=re.S).group(0)
    assert 'class="count-code">0 / 0<' in row and 'class="count-qa">1 / 1<' in row  # the card is medium
    total = re.search(r'id="solved-all".*?</tr>', page, flags=re.S).group(0)
    assert 'class="count-code">1 / 1<' in total and 'class="count-qa">1 / 1<' in total
    # two days in a row ending yesterday: the current streak is alive, and the longest
    assert text_of(page, "streak-current") == "2 days" and text_of(page, "streak-longest") == "2 days"
    assert "00:00 and 24:00 UTC" in text_of(page, "streak-rule")
    bars = page.split('class="chart bars"')[1].split("</svg>")[0]
    assert bars.count('class="track"') == len(TOPICS)  # every topic of the bank, even with no problem here
    assert "numerics and backprop: 0 of 0 solved" in page and "training: 1 of 1 solved" in page


def test_recent_verdicts_have_marks_a_legend_and_links_to_the_attempts(env):
    make_user(env, "alice")
    today = utcnow().date()
    script(
        env,
        "alice",
        [
            ("add-one", AttemptMode.SUBMIT, "wrong_answer", at(today, "00:00:01"), None),
            ("add-one", AttemptMode.SUBMIT, "time_limit_exceeded", at(today, "00:00:02"), None),
            ("add-one", AttemptMode.SUBMIT, "wrong_answer", at(today, "00:00:03"), None),
            ("add-one", AttemptMode.RUN, "runtime_error", at(today, "00:00:04"), None),  # a Run is not a verdict here
        ],
    )
    with env.session() as session:
        ids = session.scalars(select(Attempt.id).where(Attempt.mode == AttemptMode.SUBMIT).order_by(Attempt.id)).all()
    browser = logged_in(env, "alice")
    page = browser.get("/progress").text
    legend = re.search(r'<ul class="verdict-legend".*?</ul>', page, flags=re.S).group(0)
    assert legend.count("<li>") == 2  # wrong answer (twice) and time limit exceeded, newest first
    assert legend.index("wrong answer") < legend.index("time limit exceeded") and "×2" in legend
    assert ">WA</text>" in legend and ">TLE</text>" in legend  # each verdict's mark, not its colour alone
    links = re.findall(r'<a href="/submissions/(\d+)">', page)
    assert [int(n) for n in links] == list(reversed(ids))
    assert "runtime error" not in page.split('id="progress-recent"')[1].split("</section>")[0]
    assert browser.get(f"/submissions/{links[0]}").status_code == 200  # the link opens the attempt
    zh = browser.get("/progress?lang=zh").text
    assert "加一" in zh.split('id="progress-recent"')[1]  # the problem's own Chinese title


def test_review_forecast_is_drawn_from_the_schedule(env):
    make_user(env, "alice")
    user = script(env, "alice", [])
    now = utcnow()
    with env.session() as session:
        card = session.scalar(select(Problem.id).where(Problem.slug == CARD))
        session.add(ReviewState(user_id=user.id, problem_id=card, state=2, due=now + timedelta(days=2)))
        session.commit()
    page = logged_in(env, "alice").get("/progress").text
    forecast = page.split('id="progress-forecast"')[1].split("</section>")[0]
    assert 'role="img"' in forecast and "<title" in forecast
    assert f"{(now + timedelta(days=2)).date().isoformat()}: 1</title>" in forecast
    assert f"{now.date().isoformat()}: 0</title>" in forecast and 'href="/review"' in forecast


def test_charts_mark_every_verdict_and_keep_their_titles():
    assert set(charts.VERDICT_STYLES) == {str(verdict) for verdict in Verdict}
    marks = [mark for _colour, mark in charts.VERDICT_STYLES.values()]
    assert len(set(marks)) == len(marks)  # a mark names one verdict
    strip = charts.recent_verdicts([("T", "accepted", "now"), ("U", "mystery", "then")])
    assert 'role="img"' in strip and "<title" in strip and ">AC</text>" in strip and ">?</text>" in strip
    mark = charts.verdict_mark("syntax_error")
    assert 'aria-hidden="true"' in mark and ">SE</text>" in mark
    assert "&lt;b&gt;" in charts.recent_verdicts([("<b>", "accepted", "now")])


def test_progress_page_draws_svg(env):
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    attempt = env.client.post("/api/problems/add-one/submissions", json={"code": ADD_ONE_CORRECT}, headers=headers)
    wait_done(env.client, attempt.json()["id"], headers)
    page = logged_in(env, "alice").get("/progress").text
    assert page.count('<svg class="chart') == 4 and page.count('role="img"') == 4
    assert "training: 1 of 1 solved" in page  # the topic bar
    assert "1 attempt</title>" in page  # today's heatmap cell
    assert "Add one: accepted" in page  # the recent verdict tile
    assert text_of(page, "streak-current") == "1 day"
    assert env.client.get("/progress", follow_redirects=False).status_code == 303  # anonymous: to /login


def test_progress_page_for_a_new_learner(env):
    browser = TestClient(env.app)
    register(browser, "newbie")
    page = browser.get("/progress").text
    assert text_of(page, "streak-current") == "0 days" and "No submissions yet." in page
    assert 'class="verdict-legend"' not in page


def test_progress_on_29_february():
    assert year_before(date(2028, 2, 29)) == date(2027, 2, 28)
    assert year_before(date(2028, 3, 1)) == date(2027, 3, 1)
    svg = heatmap({date(2028, 2, 29): 2, date(2027, 3, 1): 1}, date(2028, 2, 29))
    assert "2028-02-29: 2 attempts" in svg


def test_an_instructors_topic_gets_its_own_bar_after_the_banks(env):
    make_user(env, "alice")
    toml = ADD_ONE["problem.toml"].replace('"training"', '"aaa-custom"')
    add_problem(env.db_url, "odd-topic", {**ADD_ONE, "problem.toml": toml})
    page = logged_in(env, "alice").get("/progress").text
    bars = page.split('class="chart bars"')[1].split("</svg>")[0]
    positions = [bars.index(f"{label}: ") for label in ("language models", "numerics and backprop", "aaa-custom")]
    assert positions == sorted(positions)
