"""The smaller interface defects of issue 11, each reproduced: card key points, one attempt per reveal, the
no-JavaScript submission page and card, the statement title, the favicon, tests not run and sub-0.1 ms times."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.main import create_app
from app.models import Attempt, AttemptMode, AttemptStatus, Problem, ReviewLog, ReviewState, User
from tests.app.webapp import (
    ADD_ONE,
    QA_CARD,
    SECRET,
    add_problem,
    bearer,
    live_server,
    make_user,
    register,
    wait_done,
)

CARD = "lora-is-not-compression-demo"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
CRASH = "import os\n\ndef add_one(x):\n    os._exit(3)\n"
# A report as the grader stores it after a fatal verdict on the first of three tests, which took 0.04 ms.
FATAL_REPORT = {
    "problem": "add-one",
    "verdict": "runtime_error",
    "passed": 0,
    "total": 3,
    "time_ms": 0.04,
    "tests": [
        {
            "name": "sample-1",
            "hidden": False,
            "verdict": "runtime_error",
            "time_ms": 0.04,
            "message": "boom",
            "input": "x = 1",
            "expected": "2",
            "output": "",
        }
    ],
    "stdout": "",
    "diagnosis": None,
}


def stored_attempt(env_or_app, username: str, status: str, report: dict | None = None) -> int:
    """Store a coding attempt in a given state, as the grading queue leaves it."""
    app = getattr(env_or_app, "app", env_or_app)
    with app.state.sessionmaker() as session:
        user = session.scalar(select(User).where(User.username == username))
        problem = session.scalar(select(Problem).where(Problem.slug == "add-one"))
        attempt = Attempt(
            user_id=user.id,
            problem_id=problem.id,
            mode=AttemptMode.SUBMIT,
            status=status,
            code="x",
            report=report,
            verdict=report and report["verdict"],
            passed=report and report["passed"],
            total=report and report["total"],
        )
        session.add(attempt)
        session.commit()
        return attempt.id


def logged_in(env, username: str) -> tuple[TestClient, str]:
    """A cookie-session browser (no JavaScript) logged in as a new learner; returns it and its CSRF token."""
    browser = TestClient(env.app)
    return browser, register(browser, username)


# 2. One attempt per reveal.


def test_a_second_rating_of_the_same_reveal_replaces_the_first(env):
    make_user(env, "rita")
    headers = bearer(env.client, "rita")
    url = f"/api/problems/{CARD}/qa-attempts"
    first = env.client.post(url, json={"answer": "Mine.", "key_points_hit": [0], "rating": "again"}, headers=headers)
    assert first.status_code == 201
    attempt_id = first.json()["id"]
    with env.session() as session:
        again_due = session.scalar(select(ReviewState.due))
    again = env.client.put(
        f"{url}/{attempt_id}", json={"answer": "", "key_points_hit": [0, 1], "rating": "easy"}, headers=headers
    )
    assert again.status_code == 200, again.text
    assert again.json()["id"] == attempt_id and again.json()["rating"] == "easy"
    assert again.json()["answer"] == "Mine."  # an empty box keeps the stored answer
    with env.session() as session:
        assert session.scalars(select(Attempt.rating).where(Attempt.mode == AttemptMode.QA)).all() == ["easy"]
        assert session.scalars(select(ReviewLog.rating)).all() == ["easy"]  # replaced, not a second review
        state = session.scalar(select(ReviewState))
        assert state.due > again_due  # FSRS replayed with Easy: due later than after Again
    # a new reveal's rating is a new attempt; the old one can no longer be re-rated
    assert env.client.post(url, json={"answer": "Later.", "rating": "good"}, headers=headers).status_code == 201
    stale = env.client.put(f"{url}/{attempt_id}", json={"answer": "", "rating": "hard"}, headers=headers)
    assert stale.status_code == 409 and "reveal the card again" in stale.json()["detail"]


def test_rerating_after_a_later_review_or_someone_elses_attempt_is_refused(env):
    make_user(env, "sam")
    make_user(env, "tess")
    sam, tess = bearer(env.client, "sam"), bearer(env.client, "tess")
    url = f"/api/problems/{CARD}/qa-attempts"
    attempt_id = env.client.post(url, json={"answer": "A.", "rating": "good"}, headers=sam).json()["id"]
    assert env.client.put(f"{url}/{attempt_id}", json={"answer": "", "rating": "hard"}, headers=tess).status_code == 404
    assert env.client.put(f"{url}/999999", json={"answer": "", "rating": "hard"}, headers=sam).status_code == 404
    assert env.client.post(f"/api/review/{CARD}", json={"rating": "easy"}, headers=sam).status_code == 200
    later = env.client.put(f"{url}/{attempt_id}", json={"answer": "", "rating": "hard"}, headers=sam)
    assert later.status_code == 409
    with env.session() as session:
        assert session.scalars(select(ReviewLog.rating).order_by(ReviewLog.id)).all() == ["good", "easy"]
    bad = env.client.put(
        f"{url}/{attempt_id}", json={"answer": "", "key_points_hit": [9], "rating": "hard"}, headers=sam
    )
    assert bad.status_code == 422


# 3. Without JavaScript: the submission page reloads while grading; Reveal, rating and Reset are plain forms.


def test_the_submission_page_refreshes_only_while_grading(env):
    browser, _ = logged_in(env, "nina")
    refresh = '<noscript><meta http-equiv="refresh" content="2"></noscript>'
    for status in (AttemptStatus.QUEUED, AttemptStatus.RUNNING):
        page = browser.get(f"/submissions/{stored_attempt(env, 'nina', status)}").text
        assert refresh in page.split("</head>")[0]
    done = stored_attempt(env, "nina", AttemptStatus.DONE, FATAL_REPORT)
    assert "http-equiv" not in browser.get(f"/submissions/{done}").text


def test_a_card_reveals_and_rates_without_javascript(env):
    browser, token = logged_in(env, "olga")
    card = browser.get(f"/problems/{CARD}").text
    assert re.search(rf'<form id="qa-form"[^>]*method="post" action="/problems/{CARD}/reveal', card)
    assert "MODEL-ANSWER-TEXT" not in card
    revealed = browser.post(f"/problems/{CARD}/reveal", data={"answer": "KEPT-ANSWER", "csrf_token": token})
    assert revealed.status_code == 200
    assert "MODEL-ANSWER-TEXT" in revealed.text and ">KEPT-ANSWER</textarea>" in revealed.text
    assert revealed.text.count('name="key_point"') == 3 and "LoRA shrinks the model" in revealed.text
    assert 'id="qa-reset"' in revealed.text
    assert browser.post(f"/problems/{CARD}/reveal", data={"answer": "x"}).status_code == 403  # no CSRF token
    rated = browser.post(
        f"/problems/{CARD}/rate",
        data={"answer": "KEPT-ANSWER", "key_point": ["0", "2"], "rating": "hard", "csrf_token": token},
        follow_redirects=False,
    )
    assert rated.status_code == 303 and rated.headers["location"].startswith("/submissions/")
    shown = browser.get(rated.headers["location"]).text
    assert "KEPT-ANSWER" in shown and "2/3 key points hit" in shown
    zh = browser.post(f"/problems/{CARD}/reveal?lang=zh", data={"answer": "", "csrf_token": token}).text
    assert "不是。模型答案。" in zh
    wrong = browser.post(f"/problems/{CARD}/rate", data={"key_point": "7", "rating": "good", "csrf_token": token})
    assert wrong.status_code == 422
    assert browser.post(f"/problems/{CARD}/rate", data={"rating": "meh", "csrf_token": token}).status_code == 422
    assert browser.post("/problems/add-one/reveal", data={"csrf_token": token}).status_code == 404


# 4. The title once.


def test_the_statement_title_is_shown_once(env):
    titled = dict(
        ADD_ONE, **{"statement.md": "# Add two\n\nReturn $x + 2$.\n", "statement.zh.md": "# 加二\n\n返回。\n"}
    )
    titled["problem.toml"] = ADD_ONE["problem.toml"].replace('"Add one"', '"Add two"').replace('"加一"', '"加二"')
    add_problem(env.db_url, "add-two", titled)
    page = env.client.get("/problems/add-two").text
    assert page.count("Add two</") == 1 and page.count("加二</") == 1
    # a statement whose heading differs from the title keeps it
    other = dict(titled, **{"statement.md": "# Background\n\nReturn $x + 2$.\n"})
    add_problem(env.db_url, "add-two-b", other)
    assert "Background</h1>" in env.client.get("/problems/add-two-b").text


# 5. The favicon.


def test_the_favicon_is_served_and_linked(env):
    icon = env.client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert icon.text.startswith("<svg")
    page = env.client.get("/").text
    href = re.search(r'<link rel="icon" href="([^"]+)"', page).group(1)
    assert env.client.get(href).status_code == 200


# 6 and 7 in the server's template: tests not run after a fatal verdict, and times under 0.1 ms.


def test_a_fatal_verdict_lists_the_tests_not_run(env):
    browser, token = logged_in(env, "pia")
    queued = browser.post("/problems/add-one/submit", data={"code": CRASH, "csrf_token": token}, follow_redirects=False)
    attempt_id = int(queued.headers["location"].rsplit("/", 1)[1])
    done = wait_done(browser, attempt_id)
    assert len(done["report"]["tests"]) < done["report"]["total"], done["report"]  # the run stopped early
    page = browser.get(f"/submissions/{attempt_id}").text
    missing = done["report"]["total"] - len(done["report"]["tests"])
    assert page.count('class="test-not-run"') == missing


def test_times_under_a_tenth_of_a_millisecond(env):
    browser, _ = logged_in(env, "quin")
    page = browser.get(f"/submissions/{stored_attempt(env, 'quin', AttemptStatus.DONE, FATAL_REPORT)}").text
    row = re.search(r'<tr class="test-runtime_error">.*?</tr>', page, re.S).group(0)
    assert "&lt;0.1 ms" in row and "0.0 ms" not in row
    assert page.count('class="test-not-run"') == 2


# In a real browser: the key points' layout, the JS result panel, the rating clicks, and no-JS refresh.

browser_only = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install -y chromium"
)


@pytest.fixture(scope="module")
def live(template_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    shutil.copy(template_db, folder / "live.db")
    url = f"sqlite:///{folder / 'live.db'}"
    add_problem(url, "add-one", ADD_ONE)
    add_problem(url, CARD, QA_CARD)
    app = create_app(Settings(database_url=url, secret_key=SECRET, secret_key_file=folder / "secret"))
    with live_server(app) as base:
        yield type("Live", (), {"url": base, "app": app})


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


_names = iter(range(10_000))


def browser_learner(chromium, live, javascript: bool = True):
    """A new browser context with a freshly registered learner; returns (context, page, username)."""
    context = chromium.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(30_000)
    name = f"small{next(_names)}{int(time.time() * 1000) % 100000}"
    page.goto(f"{live.url}/register")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", "password123")
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live.url}/")
    return context, page, name


@browser_only
def test_key_points_sit_beside_their_text_and_one_reveal_is_one_attempt(chromium, live):
    from playwright.sync_api import expect

    context, page, name = browser_learner(chromium, live)
    page.goto(f"{live.url}/problems/{CARD}")
    page.fill("#qa-answer", "The base stays.")
    page.click("#qa-reveal")
    expect(page.locator("#qa-revealed")).to_be_visible()
    point = page.locator("label.qa-point").first
    box, check = point.bounding_box(), point.locator("input").bounding_box()
    assert box["height"] < 2.5 * check["height"], "the checkbox and its text share one line"
    assert check["y"] + check["height"] > box["y"] + box["height"] / 2 - check["height"]
    point.locator("input").check()
    for rating in ("again", "hard", "good"):
        page.click(f"button.rate[data-rating={rating}]")
        expect(page.locator("#qa-saved")).to_contain_text(f"rated {rating}")
    expect(page.locator("#history li")).to_have_count(1)
    with live.app.state.sessionmaker() as session:
        user = session.scalar(select(User).where(User.username == name))
        ratings = session.scalars(select(Attempt.rating).where(Attempt.user_id == user.id)).all()
        logs = session.scalars(select(ReviewLog.rating).where(ReviewLog.user_id == user.id)).all()
    assert ratings == ["good"] and logs == ["good"]
    page.reload()
    expect(page.locator("#history li")).to_have_count(1)
    context.close()


@browser_only
def test_the_result_panel_shows_tests_not_run_and_short_times(chromium, live):
    from playwright.sync_api import expect

    context, page, name = browser_learner(chromium, live)
    attempt_id = stored_attempt(live.app, name, AttemptStatus.DONE, FATAL_REPORT)
    page.goto(f"{live.url}/problems/add-one")  # the last result, drawn by app.js
    expect(page.locator("#result tr.test-not-run")).to_have_count(2)
    expect(page.locator("#result tr.test-runtime_error td").nth(2)).to_have_text("<0.1 ms")
    assert f"#{attempt_id}" in page.locator("#result .verdict-line").inner_text()
    context.close()


@browser_only
def test_without_javascript_the_submission_page_updates_and_the_card_reveals(chromium, live):
    from playwright.sync_api import expect

    context, page, _ = browser_learner(chromium, live, javascript=False)
    page.goto(f"{live.url}/problems/add-one")
    page.fill("#code", "import time\n\ndef add_one(x):\n    time.sleep(1.5)\n    return x + 1\n")
    page.click("#submit")
    page.wait_for_url(re.compile(r".*/submissions/\d+$"))
    expect(page.locator("#result .verdict-line")).to_contain_text("accepted", timeout=60_000)  # after reloads
    page.goto(f"{live.url}/problems/{CARD}")
    page.fill("#qa-answer", "NO-JS-ANSWER")
    page.click("#qa-reveal")
    expect(page.locator("#qa-model")).to_contain_text("MODEL-ANSWER-TEXT")
    expect(page.locator("#qa-answer")).to_have_value("NO-JS-ANSWER")
    page.locator("label.qa-point input").nth(1).check()
    page.click("button.rate[data-rating=good]")
    page.wait_for_url(re.compile(r".*/submissions/\d+$"))
    expect(page.locator("main")).to_contain_text("1/3 key points hit")
    page.goto(f"{live.url}/problems/{CARD}")
    page.click("#qa-reveal")
    page.click("#qa-reset")
    expect(page.locator("#qa-revealed")).to_be_hidden()
    context.close()
