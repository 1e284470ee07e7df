"""The problem list (practice.list_problems and its routes): search of tags, sort keys, acceptance rates, your marks,
pages and the API window, the random unsolved pick, the next-problem link, and filters applied as they change."""

from __future__ import annotations

import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.bank import apply_files
from app.config import Settings
from app.grading import files_hash
from app.main import create_app
from app.models import Attempt, AttemptMode, AttemptStatus, Problem, ProblemSource, User, utcnow
from tests.app.webapp import ADD_ONE, QA_CARD, SECRET, add_problem, live_server, make_user, register

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def problem_files(title: str, difficulty: str = "easy", topic: str = "training", tags: tuple[str, ...] = ()) -> dict:
    """ADD_ONE's files under another title, difficulty, topic and tags."""
    toml = (
        ADD_ONE["problem.toml"]
        .replace('title = "Add one"', f'title = "{title}"')
        .replace('title_zh = "加一"', 'title_zh = ""')
        .replace('difficulty = "easy"', f'difficulty = "{difficulty}"')
        .replace('topic = "training"', f'topic = "{topic}"')
        .replace('tags = ["warm-up"]', f"tags = {list(tags)!r}".replace("'", '"'))
    )
    return dict(ADD_ONE, **{"problem.toml": toml})


def add_many(env, rows: list[tuple[str, dict]]) -> None:
    """Store published problems (slug, files) in one transaction."""
    with env.session() as session:
        for slug, files in rows:
            problem = Problem(slug=slug, source=ProblemSource.BANK, is_published=True)
            apply_files(problem, files)
            problem.validated_hash = files_hash(files)
            session.add(problem)
        session.commit()


def ids(env) -> tuple[dict[str, int], dict[str, int]]:
    with env.session() as session:
        problems = dict(session.execute(select(Problem.slug, Problem.id)).all())
        users = dict(session.execute(select(User.username, User.id)).all())
    return problems, users


def record(env, attempts: list[dict]) -> None:
    """Store finished attempts as the grader and the card page would have (rows of the real attempt table)."""
    with env.session() as session:
        for fields in attempts:
            session.add(Attempt(status=AttemptStatus.DONE, finished_at=utcnow(), **fields))
        session.commit()


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [row["slug"] for row in response.json()]


def rows(html: str) -> list[str]:
    return re.findall(r'<tr data-slug="([^"]+)"', html)


def test_search_finds_tags_titles_and_slugs(env):
    add_many(
        env,
        [
            ("low-rank-approximation", problem_files("Best rank-k approximation", tags=("svd", "low-rank"))),
            ("softmax", problem_files("Stable softmax", tags=("numerics",))),
        ],
    )
    assert slugs(env.client.get("/api/problems?q=svd")) == ["low-rank-approximation"]
    assert slugs(env.client.get("/api/problems?q=SVD")) == ["low-rank-approximation"]  # any case
    assert slugs(env.client.get("/api/problems?q=rank-k")) == ["low-rank-approximation"]  # title
    assert slugs(env.client.get("/api/problems?q=lora")) == ["lora-is-not-compression-demo"]  # a tag, and the slug
    assert slugs(env.client.get("/api/problems?q=%E5%8A%A0%E4%B8%80")) == ["add-one"]  # 加一, the Chinese title
    assert slugs(env.client.get("/api/problems?q=svd&kind=qa")) == []  # the SQL filters still apply
    assert slugs(env.client.get("/api/problems?q=%25")) == []  # LIKE's wildcards are text
    page = env.client.get("/?q=svd").text
    assert rows(page) == ["low-rank-approximation"] and "1 problem" in page


def test_every_sort_key_and_direction(env):
    add_many(
        env,
        [
            ("zeta", problem_files("Zeta", difficulty="hard", topic="adaptation")),
            ("beta", problem_files("beta", difficulty="medium", topic="compression")),
        ],
    )
    default = slugs(env.client.get("/api/problems"))
    assert default == ["add-one", "beta", "zeta", "lora-is-not-compression-demo"]  # code first, easy to hard
    by_title = ["add-one", "beta", "lora-is-not-compression-demo", "zeta"]
    assert slugs(env.client.get("/api/problems?sort=title")) == by_title
    assert slugs(env.client.get("/api/problems?sort=title&order=desc")) == [
        "zeta",
        "lora-is-not-compression-demo",
        "beta",
        "add-one",
    ]
    by_difficulty = slugs(env.client.get("/api/problems?sort=difficulty"))
    assert by_difficulty == ["add-one", "beta", "lora-is-not-compression-demo", "zeta"]  # ties: code first
    assert slugs(env.client.get("/api/problems?sort=topic")) == [
        "zeta",
        "lora-is-not-compression-demo",
        "beta",
        "add-one",
    ]  # adaptation (code before card), compression, training
    assert rows(env.client.get("/?sort=title&order=desc").text) == slugs(
        env.client.get("/api/problems?sort=title&order=desc")
    )


def test_titles_sort_in_the_language_they_are_shown_in(env):
    """In Chinese the list shows and sorts the Chinese titles, in code-point order."""
    chinese = {"alpha": "甲", "beta": "乙"}
    add_many(
        env,
        [
            (
                slug,
                dict(files, **{"problem.toml": files["problem.toml"].replace('title_zh = ""', f'title_zh = "{zh}"')}),
            )
            for slug, zh in chinese.items()
            for files in [problem_files(slug.title())]
        ],
    )
    english = rows(env.client.get("/?sort=title&kind=code").text)
    assert english == ["add-one", "alpha", "beta"]
    shown = env.client.get("/?sort=title&kind=code", headers={"Accept-Language": "zh-CN"}).text
    assert rows(shown) == ["beta", "add-one", "alpha"]  # 乙 U+4E59, 加一 U+52A0, 甲 U+7532
    assert "乙" in shown and "甲" in shown


def test_bad_sort_order_and_pages_are_422(env):
    for query in ["sort=bogus", "order=sideways", "page=0", "page=-1", "page=two", "sort=%00"]:
        response = env.client.get(f"/?{query}")
        assert response.status_code == 422, query
        assert "Traceback" not in response.text
    for query in ["sort=bogus", "order=up", "limit=0", "limit=100000", "offset=-1", "offset=x"]:
        response = env.client.get(f"/api/problems?{query}")
        assert response.status_code == 422, query
        assert isinstance(response.json()["detail"], str)
    assert env.client.get("/?page=2").status_code == 404  # two problems make one page


def test_acceptance_rate_counts_every_learner_and_sorts_unattempted_last(env):
    add_many(env, [("never-tried", problem_files("Never tried"))])
    make_user(env, "alice")
    make_user(env, "bob")
    problem, user = ids(env)
    code = {"problem_id": problem["add-one"], "mode": AttemptMode.SUBMIT}
    card = {"problem_id": problem["lora-is-not-compression-demo"], "mode": AttemptMode.QA}
    record(
        env,
        [
            dict(code, user_id=user["alice"], verdict="accepted"),
            dict(code, user_id=user["alice"], verdict="wrong_answer"),
            dict(code, user_id=user["bob"], verdict="accepted"),
            # runs on the samples and still-queued submissions are not counted
            dict(code, user_id=user["bob"], verdict="wrong_answer", mode=AttemptMode.RUN),
            dict(card, user_id=user["alice"], rating="good"),
            dict(card, user_id=user["bob"], rating="again"),
            dict(card, user_id=user["bob"], rating="hard"),
            dict(card, user_id=user["bob"], rating="easy"),
        ],
    )
    with env.session() as session:
        session.add(Attempt(user_id=user["bob"], verdict=None, status=AttemptStatus.QUEUED, **code))
        session.commit()
    listed = {row["slug"]: row for row in env.client.get("/api/problems").json()}
    assert (listed["add-one"]["accepted"], listed["add-one"]["attempts"]) == (2, 3)
    card_row = listed["lora-is-not-compression-demo"]
    assert (card_row["accepted"], card_row["attempts"]) == (2, 4)
    assert (listed["never-tried"]["accepted"], listed["never-tried"]["attempts"]) == (0, 0)
    assert slugs(env.client.get("/api/problems?sort=acceptance")) == [
        "add-one",  # 67%
        "lora-is-not-compression-demo",  # 50%
        "never-tried",
    ]
    assert slugs(env.client.get("/api/problems?sort=acceptance&order=asc")) == [
        "lora-is-not-compression-demo",
        "add-one",
        "never-tried",  # no rate: last either way
    ]
    page = env.client.get("/").text
    assert '67% <span class="muted">(2/3)</span>' in page and '50% <span class="muted">(2/4)</span>' in page


def test_recently_attempted_is_yours_and_marks_say_it_in_words(env):
    add_many(env, [("third", problem_files("Third")), ("fourth", problem_files("Fourth"))])
    browser = TestClient(env.app)
    register(browser, "alice")
    make_user(env, "bob")
    problem, user = ids(env)
    now = utcnow()
    record(
        env,
        [
            {
                "user_id": user["alice"],
                "problem_id": problem["third"],
                "mode": AttemptMode.SUBMIT,
                "verdict": "accepted",
                "created_at": now - timedelta(days=2),
            },
            {
                "user_id": user["alice"],
                "problem_id": problem["add-one"],
                "mode": AttemptMode.SUBMIT,
                "verdict": "wrong_answer",
                "created_at": now - timedelta(hours=1),
            },
            # someone else's latest attempt does not move the list
            {
                "user_id": user["bob"],
                "problem_id": problem["fourth"],
                "mode": AttemptMode.SUBMIT,
                "verdict": "accepted",
                "created_at": now,
            },
        ],
    )
    page = browser.get("/?sort=recent").text
    assert rows(page)[:2] == ["add-one", "third"]
    assert set(rows(page)[2:]) == {"fourth", "lora-is-not-compression-demo"}
    marks = dict(re.findall(r'<tr data-slug="([^"]+)">\s*<td><span class="status status-(\w+)">', page))
    assert marks == {"add-one": "attempted", "third": "solved", "fourth": "new", "lora-is-not-compression-demo": "new"}
    assert '<span aria-hidden="true">✓</span> solved' in page and '<span aria-hidden="true">◐</span> attempted' in page
    assert "4 problems" in page
    chinese = browser.get("/?sort=recent&lang=zh").text
    assert '<span aria-hidden="true">✓</span> 已解决' in chinese
    assert '<span aria-hidden="true">◐</span> 尝试过' in chinese


def test_pages_of_fifty_keep_the_filters(env):
    add_many(env, [(f"p-{i:02d}", problem_files(f"Problem {i:02d}")) for i in range(60)])
    first = env.client.get("/?kind=code&sort=title").text
    assert len(rows(first)) == 50 and "61 problems" in first and "showing 1–50" in first
    assert 'href="/?kind=code&amp;sort=title&amp;page=2"' in first
    second = env.client.get("/?kind=code&sort=title&page=2").text
    assert len(rows(second)) == 11 and "showing 51–61" in second
    assert set(rows(first)).isdisjoint(rows(second))
    assert 'aria-current="page" href="/?kind=code&amp;sort=title&amp;page=2"' in second
    assert env.client.get("/?kind=code&page=3").status_code == 404
    assert 'class="pagination"' not in env.client.get("/?kind=qa").text  # one page: no links


def test_api_window_with_total_header_stays_a_list(env):
    add_many(env, [(f"p-{i:02d}", problem_files(f"Problem {i:02d}")) for i in range(8)])
    everything = env.client.get("/api/problems")
    assert everything.headers["X-Total-Count"] == "10" and len(everything.json()) == 10
    window = env.client.get("/api/problems?sort=title&offset=3&limit=4")
    assert isinstance(window.json(), list) and window.headers["X-Total-Count"] == "10"
    assert slugs(window) == slugs(env.client.get("/api/problems?sort=title"))[3:7]
    past = env.client.get("/api/problems?offset=50")
    assert past.json() == [] and past.headers["X-Total-Count"] == "10"
    assert env.client.get("/api/problems?kind=qa").headers["X-Total-Count"] == "1"


def test_random_unsolved_follows_the_filters_and_says_when_none_is_left(env):
    browser = TestClient(env.app)
    register(browser, "alice")
    problem, user = ids(env)
    moved = browser.get("/problems/random?kind=code", follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"] == "/problems/add-one"
    record(
        env,
        [
            {
                "user_id": user["alice"],
                "problem_id": problem["add-one"],
                "mode": AttemptMode.SUBMIT,
                "verdict": "accepted",
            }
        ],
    )
    none_left = browser.get("/problems/random?kind=code&q=add", follow_redirects=False)
    assert none_left.status_code == 303 and none_left.headers["location"] == "/?kind=code&q=add&random=none"
    page = browser.get(none_left.headers["location"]).text
    assert 'id="random-none"' in page and "No unsolved problem matches these filters." in page
    assert 'value="add"' in page  # the filters are kept
    anywhere = browser.get("/problems/random", follow_redirects=False)
    assert anywhere.headers["location"] == "/problems/lora-is-not-compression-demo"  # the only unsolved one
    assert env.client.get("/problems/random?kind=qa", follow_redirects=False).headers["location"] == (
        "/problems/lora-is-not-compression-demo"
    )  # a visitor has solved nothing
    assert env.client.get("/problems/random?q=" + "x" * 101).status_code == 422
    assert 'formaction="/problems/random"' in env.client.get("/").text  # the button submits the current filters


def test_next_problem_link_follows_the_default_order(env):
    add_many(env, [("beta", problem_files("Beta", difficulty="medium"))])
    add_problem(env.db_url, "hidden-draft", problem_files("Aardvark draft"), published=False)
    first = env.client.get("/problems/add-one").text
    assert re.search(r'<a href="/problems/beta" id="next-problem" rel="next">Next problem: Beta', first)
    second = env.client.get("/problems/beta").text
    assert 'href="/problems/lora-is-not-compression-demo" id="next-problem"' in second  # then the cards
    assert 'id="next-problem"' not in env.client.get("/problems/lora-is-not-compression-demo").text  # the last one


@pytest.fixture(scope="module")
def live(template_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("list-live")
    shutil.copy(template_db, folder / "live.db")
    url = f"sqlite:///{folder / 'live.db'}"
    add_problem(url, "add-one", ADD_ONE, source=ProblemSource.BANK)
    add_problem(url, "low-rank-approximation", problem_files("Best rank-k approximation", tags=("svd",)))
    add_problem(url, "lora-is-not-compression-demo", QA_CARD, source=ProblemSource.BANK)
    settings = Settings(database_url=url, secret_key=SECRET, secret_key_file=folder / "secret", warm_sandbox=False)
    app = create_app(settings)
    with live_server(app) as base:
        yield base


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install -y chromium")
def test_filters_apply_as_they_change_in_a_browser(live):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = chromium.new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{live}/")
            table_rows = page.locator("#problem-results tbody tr")
            expect(table_rows).to_have_count(3)
            page.select_option("select[name=kind]", "qa")  # no button pressed
            expect(table_rows).to_have_count(1)
            expect(page.locator("#result-count")).to_have_text("1 problem")
            expect(page).to_have_url(f"{live}/?kind=qa")
            page.select_option("select[name=kind]", "")
            page.fill("input[name=q]", "svd")  # typing searches the tags too, and the box keeps its focus
            expect(table_rows).to_have_count(1)
            expect(page.locator("#problem-results tbody a")).to_have_text("Best rank-k approximation")
            expect(page.locator("input[name=q]")).to_be_focused()
            expect(page).to_have_url(f"{live}/?q=svd")
            page.click("#random-unsolved")  # the current filters go along
            expect(page).to_have_url(f"{live}/problems/low-rank-approximation")
        finally:
            chromium.close()
