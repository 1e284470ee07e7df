"""Per-problem analytics on a scripted history: every number (app/analytics.py), the page with its charts and the JSON
route, and who may see them (only the problem's author); the same numbers for an item of a course (a bank problem or
the instructor's own), counted over the course's members only, and who may see those (only its instructors)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app import analytics, charts
from app.models import Attempt, AttemptMode, AttemptStatus, Problem, User
from tests.app.test_author import login
from tests.app.webapp import ADD_ONE, add_problem, bearer, make_user

T0 = datetime(2025, 3, 1, 9, 0)
# The stored tests: two visible, two hidden stored under real names learners never see (hidden-1, hidden-2).
TESTS = ("sample-1", "edge", "secret-x", "secret-y")
HIDDEN = {"secret-x", "secret-y"}


def report(verdict: str, failed: dict[str, str] = {}, diagnosis: tuple[str, str] | None = None) -> dict:  # noqa: B006
    """A stored report (Report.to_dict's shape) failing the tests in `failed` (name -> verdict), the rest accepted."""
    tests = [
        {
            "name": name,
            "hidden": name in HIDDEN,
            "verdict": failed.get(name, "accepted"),
            "time_ms": 1.5,
            "message": f"MESSAGE-OF-{name}",
        }
        for name in TESTS
    ]
    return {
        "problem": "add-one-own",
        "verdict": verdict,
        "passed": len(TESTS) - len(failed),
        "total": len(TESTS),
        "time_ms": 12.0,
        "tests": tests,
        "stdout": "",
        "diagnosis": None
        if diagnosis is None
        else {"kind": diagnosis[0], "name": diagnosis[1], "message": "Look again.", "message_zh": "再看看。"},
    }


WA, AC, TLE = "wrong_answer", "accepted", "time_limit_exceeded"
SUBMIT, RUN = AttemptMode.SUBMIT, AttemptMode.RUN

# (learner, minutes after T0, mode, verdict or None while queued, report)
HISTORY = [
    # alice: a run, a wrong answer, accepted after 30 minutes (2 submissions), then one more wrong answer
    ("alice", 0, RUN, None, None),
    ("alice", 10, SUBMIT, WA, report(WA, {"edge": WA, "secret-y": WA}, ("mistake", "off-by-one"))),
    ("alice", 30, SUBMIT, AC, report(AC)),
    ("alice", 40, SUBMIT, WA, report(WA, {"edge": WA}, ("mistake", "off-by-one"))),
    # bob: accepted on his 4th submission, 4 hours after his first; a numeric diagnosis is not a named mistake
    ("bob", 60, SUBMIT, TLE, report(TLE, {"secret-x": TLE})),
    ("bob", 120, SUBMIT, WA, report(WA, {"edge": WA}, ("numeric", "constant_factor"))),
    ("bob", 180, SUBMIT, WA, report(WA, {"edge": WA, "secret-y": WA}, ("mistake", "off-by-one"))),
    ("bob", 300, SUBMIT, AC, report(AC)),
    # carol: one wrong answer, never accepted
    ("carol", 5, SUBMIT, WA, report(WA, {"secret-x": WA, "secret-y": WA}, ("mistake", "forgot-bias"))),
    # dave: a run and a submission still queued: not a learner who submitted yet
    ("dave", 50, RUN, None, None),
    ("dave", 55, SUBMIT, None, None),
    # eve: a run, then accepted at once, 10 minutes later
    ("eve", 1430, RUN, None, None),
    ("eve", 1440, SUBMIT, AC, report(AC)),
    # the author's own attempts never count
    ("teacher", 1, RUN, None, None),
    ("teacher", 2, SUBMIT, WA, report(WA, {"sample-1": WA}, ("mistake", "author-only"))),
    ("teacher", 3, SUBMIT, AC, report(AC)),
]

EXPECTED = {
    "submissions": 9,
    "learners": 4,
    "accepted_learners": 3,
    "accepted_submissions": 3,
    "learner_acceptance_rate": 0.75,
    "submission_acceptance_rate": 3 / 9,
    "verdicts": [("wrong_answer", 5), ("accepted", 3), ("time_limit_exceeded", 1)],
    "median_submissions_to_accept": 2,  # alice 2, bob 4, eve 1
    "median_seconds_to_accept": 1800,  # alice 30 min, bob 4 h, eve 10 min
    "failed_tests": [("edge", 4), ("hidden-2", 3), ("hidden-1", 2)],
    "mistakes": [("off-by-one", 3), ("forgot-bias", 1)],
}


@pytest.fixture
def history(env) -> dict[str, int]:
    """The scripted history on the teacher's problem `add-one-own`; the users' ids by name."""
    for name in ("teacher", "other-teacher"):
        make_user(env, name, instructor=True)
    for name in ("alice", "bob", "carol", "dave", "eve"):
        make_user(env, name)
    with env.session() as session:
        ids = {u.username: u.id for u in session.scalars(select(User))}
    add_problem(env.db_url, "add-one-own", ADD_ONE, author_id=ids["teacher"])
    add_history(env, ids, "add-one-own")
    return ids


def add_history(env, ids: dict[str, int], slug: str) -> None:
    """The scripted HISTORY on problem `slug`."""
    with env.session() as session:
        problem_id = session.scalar(select(Problem.id).where(Problem.slug == slug))
        for name, minutes, mode, verdict, stored in HISTORY:
            session.add(
                Attempt(
                    user_id=ids[name],
                    problem_id=problem_id,
                    mode=mode,
                    status=AttemptStatus.QUEUED if mode == SUBMIT and verdict is None else AttemptStatus.DONE,
                    verdict=verdict,
                    report=stored,
                    created_at=T0 + timedelta(minutes=minutes),
                )
            )
        session.commit()


def numbers_of(env, learner_ids=None) -> analytics.ProblemAnalytics:
    with env.session() as session:
        problem = session.scalar(select(Problem).where(Problem.slug == "add-one-own"))
        return analytics.problem_analytics(session=session, problem=problem, learner_ids=learner_ids)


def test_every_number_on_the_scripted_history(env, history):
    numbers = numbers_of(env)
    assert {key: getattr(numbers, key) for key in EXPECTED} == EXPECTED


def test_learners_can_be_narrowed_for_a_course(env, history):
    numbers = numbers_of(env, learner_ids=[history["alice"], history["carol"]])
    assert (numbers.submissions, numbers.learners, numbers.accepted_learners) == (4, 2, 1)
    assert numbers.learner_acceptance_rate == 0.5 and numbers.submission_acceptance_rate == 0.25
    assert numbers.median_submissions_to_accept == 2 and numbers.median_seconds_to_accept == 1800
    assert numbers.failed_tests == [("edge", 2), ("hidden-2", 2), ("hidden-1", 1)]  # ties by name
    assert numbers.mistakes == [("off-by-one", 2), ("forgot-bias", 1)]


def test_no_submissions_gives_no_rates_and_no_medians(env, history):
    numbers = numbers_of(env, learner_ids=[history["dave"]])
    assert (numbers.submissions, numbers.learners, numbers.verdicts) == (0, 0, [])
    assert numbers.learner_acceptance_rate is None and numbers.submission_acceptance_rate is None
    assert numbers.median_submissions_to_accept is None and numbers.median_seconds_to_accept is None


def test_the_json_route_gives_every_number_and_no_hidden_name(env, history):
    response = env.client.get("/api/author/problems/add-one-own/analytics", headers=bearer(env.client, "teacher"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["slug"] == "add-one-own"
    for key in ("verdicts", "failed_tests", "mistakes"):
        assert body[key] == [{"name": name, "count": count} for name, count in EXPECTED[key]]
    for key in set(EXPECTED) - {"verdicts", "failed_tests", "mistakes"}:
        assert body[key] == pytest.approx(EXPECTED[key]), key
    assert "secret-x" not in response.text and "MESSAGE-OF" not in response.text


def text_of(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}">([^<]*)<', html)
    assert match, element_id
    return match.group(1)


def test_the_page_shows_the_numbers_and_three_charts(env, history):
    teacher, _ = login(env, "teacher")
    html = teacher.get("/author/add-one-own/analytics").text
    assert text_of(html, "stat-submissions") == "9" and text_of(html, "stat-learners") == "4"
    assert text_of(html, "stat-learner-rate") == "75% (3 of 4 learners)"
    assert text_of(html, "stat-submission-rate") == "33% (3 of 9 submissions)"
    assert text_of(html, "stat-median-submissions") == "2"
    assert text_of(html, "stat-median-time") == "30 minutes"
    svgs = re.findall(r"<svg class=\"chart bars[^\"]*\" role=\"img\".*?</svg>", html, re.S)
    assert len(svgs) == 3
    verdicts, tests, mistakes = svgs
    assert '<title id="verdict-bars-title">Submissions by verdict</title>' in verdicts
    assert ">wrong answer<" in verdicts and ">5 (56%)<" in verdicts and ">1 (11%)<" in verdicts
    assert ">edge<" in tests and ">hidden-2<" in tests and ">4 (44%)<" in tests
    assert ">off-by-one<" in mistakes and ">3 (33%)<" in mistakes and "author-only" not in html
    assert "secret-x" not in html and "MESSAGE-OF" not in html
    # the author's list and the attempts page link here
    assert 'href="/author/add-one-own/analytics"' in teacher.get("/author").text
    assert 'href="/author/add-one-own/analytics"' in teacher.get("/author/add-one-own/attempts").text


def test_the_page_renders_in_chinese(env, history):
    teacher, _ = login(env, "teacher")
    response = teacher.get("/author/add-one-own/analytics?lang=zh")
    assert response.status_code == 200
    assert text_of(response.text, "stat-median-time") == "30分钟"
    assert ">答案错误<" in response.text  # the verdict's label in the chart, from the catalog


def test_an_empty_problem_draws_empty_charts(env, history):
    add_problem(env.db_url, "untried", ADD_ONE, author_id=history["teacher"])
    teacher, _ = login(env, "teacher")
    response = teacher.get("/author/untried/analytics")
    assert response.status_code == 200
    assert text_of(response.text, "stat-submissions") == "0" and text_of(response.text, "stat-median-time") == "—"
    assert "No submissions yet." in response.text


@pytest.mark.parametrize("who, status", [("other-teacher", 404), ("alice", 403)])
def test_only_the_author_sees_analytics(env, history, who, status):
    client, _ = login(env, who)
    assert client.get("/author/add-one-own/analytics").status_code == status
    api = env.client.get("/api/author/problems/add-one-own/analytics", headers=bearer(env.client, who))
    assert api.status_code == status
    assert "detail" in api.json() and "off-by-one" not in api.text


def test_anonymous_and_unknown_problems(env, history):
    assert env.client.get("/api/author/problems/add-one-own/analytics").status_code == 401
    teacher = bearer(env.client, "teacher")
    assert env.client.get("/api/author/problems/add-one/analytics", headers=teacher).status_code == 404  # bank's
    assert env.client.get("/api/author/problems/nothing/analytics", headers=teacher).status_code == 404
    assert env.client.get(f"/api/author/problems/{'x' * 65}/analytics", headers=teacher).status_code == 422


def test_charts_escape_names_and_write_counts():
    svg = charts.count_bars([("<b>", 2), ("ok", 1)], title="T & t", empty="none", out_of=4, chart_id="c")
    assert "&lt;b&gt;" in svg and "<b>" not in svg and "T &amp; t" in svg
    assert ">2 (50%)<" in svg and ">1 (25%)<" in svg and 'aria-labelledby="c-title"' in svg
    assert ">none<" in charts.count_bars([], title="T", empty="none")
    bars = charts.verdict_bars([("accepted", 3), ("wrong_answer", 1)])
    assert 'fill="#2e9d5b"' in bars and ">3 (75%)<" in bars and ">wrong answer<" in bars


@pytest.fixture
def course(env, history) -> dict:
    """The teacher's course with members alice and carol (bob, dave and eve are not in it): its items are the
    teacher's own add-one-own and the bank's add-one, both with the scripted history."""
    add_history(env, history, "add-one")
    teacher = bearer(env.client, "teacher")
    created = env.client.post("/api/courses", json={"name": "ML 101"}, headers=teacher).json()
    for name in ("alice", "carol"):
        joined = env.client.post(
            "/api/courses/join", json={"code": created["join_code"]}, headers=bearer(env.client, name)
        )
        assert joined.status_code == 200
    body = {
        "title": "Week 1",
        "items": ["add-one-own", "add-one"],
        "opens_at": "2025-01-01T00:00:00",
        "due_at": "2099-01-01T00:00:00",
    }
    assert env.client.post(f"/api/courses/{created['id']}/assignments", json=body, headers=teacher).status_code == 201
    return {"id": created["id"], "teacher": teacher}


# alice and carol only (test_learners_can_be_narrowed_for_a_course has the same numbers from the function)
MEMBERS_ONLY = {
    "submissions": 4,
    "learners": 2,
    "accepted_learners": 1,
    "accepted_submissions": 1,
    "learner_acceptance_rate": 0.5,
    "submission_acceptance_rate": 0.25,
    "median_submissions_to_accept": 2,
    "median_seconds_to_accept": 1800,
    "verdicts": [{"name": "wrong_answer", "count": 3}, {"name": "accepted", "count": 1}],
    "failed_tests": [{"name": "edge", "count": 2}, {"name": "hidden-2", "count": 2}, {"name": "hidden-1", "count": 1}],
    "mistakes": [{"name": "off-by-one", "count": 2}, {"name": "forgot-bias", "count": 1}],
}


@pytest.mark.parametrize("slug", ["add-one", "add-one-own"])
def test_a_course_item_counts_its_members_only(env, course, slug):
    response = env.client.get(f"/api/courses/{course['id']}/analytics/{slug}", headers=course["teacher"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert body == {"slug": slug, **MEMBERS_ONLY}
    # the same fields as the author's route, which counts everyone (9 submissions by 4 learners)
    author = env.client.get("/api/author/problems/add-one-own/analytics", headers=course["teacher"]).json()
    assert set(author) == set(body) and author["submissions"] == 9
    assert "secret-x" not in response.text and "MESSAGE-OF" not in response.text


def test_the_course_analytics_page(env, course):
    teacher, _ = login(env, "teacher")
    detail = teacher.get(f"/courses/{course['id']}").text
    assert f'href="/courses/{course["id"]}/analytics/add-one"' in detail
    html = teacher.get(f"/courses/{course['id']}/analytics/add-one").text
    assert text_of(html, "stat-submissions") == "4" and text_of(html, "stat-learners") == "2"
    assert text_of(html, "stat-learner-rate") == "50% (1 of 2 learners)"
    assert text_of(html, "stat-median-time") == "30 minutes"
    svgs = re.findall(r"<svg class=\"chart bars[^\"]*\" role=\"img\".*?</svg>", html, re.S)
    assert len(svgs) == 3 and ">3 (75%)<" in svgs[0] and ">off-by-one<" in svgs[2]
    chinese = teacher.get(f"/courses/{course['id']}/analytics/add-one?lang=zh")
    assert chinese.status_code == 200 and text_of(chinese.text, "stat-median-time") == "30分钟"


def test_course_analytics_are_for_its_instructors_and_its_items_only(env, course):
    cid = course["id"]
    for who in ("other-teacher", "alice", "eve"):
        headers = bearer(env.client, who)
        for url in (f"/api/courses/{cid}/analytics/add-one", f"/courses/{cid}/analytics/add-one"):
            response = env.client.get(url, headers=headers)
            assert response.status_code == 404, (who, url)
            assert "off-by-one" not in response.text
    assert env.client.get(f"/api/courses/{cid}/analytics/add-one").status_code == 401
    teacher = course["teacher"]
    for slug in ("lora-is-not-compression-demo", "nothing", "a%00b"):  # not an item of the course
        assert env.client.get(f"/api/courses/{cid}/analytics/{slug}", headers=teacher).status_code == 404, slug
    assert env.client.get(f"/api/courses/{cid}/analytics/{'x' * 65}", headers=teacher).status_code == 422
    assert env.client.get(f"/api/courses/{cid + 1}/analytics/add-one", headers=teacher).status_code == 404
