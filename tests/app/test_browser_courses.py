"""A course end to end in real Chromium against a real server and the real grader: an instructor creates a course
and an assignment through the pages, two learners join with the code and submit (one accepted, one wrong), and the
instructor reads the verdicts in the gradebook and downloads its CSV."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tests.app.test_browser import (  # noqa: F401  (fixtures)
    CHROMIUM,
    LOW_RANK,
    LOW_RANK_WRONG,
    browser,
    live,
    register,
    type_code,
)

PROBLEM = "low-rank-approximation"

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install -y chromium"
)


def join_and_submit(browser, live, code: str, solution: str, verdict: str) -> str:  # noqa: F811
    """A new learner joins with the code on /courses, sees the due line and submits; their name."""
    from playwright.sync_api import expect

    page = browser.new_context().new_page()
    page.set_default_timeout(30_000)
    name = register(page, live)
    page.goto(f"{live.url}/courses")
    page.fill("form[action='/courses/join'] input[name=code]", code.lower())  # case does not matter
    page.click("form[action='/courses/join'] button[type=submit]")
    expect(page.locator("p.notice[role=status]")).to_have_text("You joined the course.")
    expect(page.locator("section.course h3")).to_have_text("Week 1")
    page.click(f"section.course a[href='/problems/{PROBLEM}']")
    expect(page.locator("#due-notes li")).to_contain_text("for Browser course — Week 1")
    type_code(page, solution)
    page.click("#submit")
    expect(page.locator("#result .verdict-line .verdict")).to_have_text(verdict, timeout=60_000)
    page.context.close()
    return name


def test_instructor_course_assignment_gradebook_and_csv(browser, live):  # noqa: F811
    from playwright.sync_api import expect

    context = browser.new_context(accept_downloads=True)
    teacher = context.new_page()
    teacher.set_default_timeout(30_000)
    register(teacher, live, instructor=True)
    teacher.goto(f"{live.url}/courses")
    teacher.fill("form[action='/courses'] input[name=name]", "Browser course")
    teacher.click("form[action='/courses'] button[type=submit]")
    teacher.wait_for_url(re.compile(r"/courses/\d+$"))
    course_url = teacher.url
    expect(teacher.locator("h1")).to_have_text("Browser course")
    code = teacher.locator("code.join-code").inner_text()

    teacher.fill("input[name=title]", "Week 1")
    teacher.fill("textarea[name=items]", PROBLEM)
    teacher.fill("input[name=opens_at]", "2020-01-01T00:00")
    teacher.fill("input[name=due_at]", "2099-01-01T00:00")
    teacher.click("form[action$='/assignments'] button[type=submit]")
    expect(teacher.locator("p.notice[role=status]")).to_have_text("Assignment created.")
    expect(teacher.locator(f"a.item-analytics[href$='/analytics/{PROBLEM}']")).to_be_visible()

    right = join_and_submit(browser, live, code, LOW_RANK, "accepted")
    wrong = join_and_submit(browser, live, code, LOW_RANK_WRONG, "wrong answer")

    teacher.goto(course_url)
    rows = teacher.locator("table.gradebook tbody tr")
    expect(rows).to_have_count(2)
    expect(teacher.locator("table.gradebook tbody tr", has=teacher.locator(f"th:text-is('{right}')"))).to_contain_text(
        "accepted"
    )
    expect(teacher.locator("table.gradebook tbody tr", has=teacher.locator(f"th:text-is('{wrong}')"))).to_contain_text(
        "wrong answer"
    )
    with teacher.expect_download() as download:
        teacher.click("a[href$='/gradebook.csv']")
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert table[0][:2] == ["username", PROBLEM]
    verdicts = {row[0]: row[1] for row in table[1:]}
    assert verdicts == {right: "accepted", wrong: "wrong_answer"}
    teacher.click(f"a.item-analytics[href$='/analytics/{PROBLEM}']")
    expect(teacher.locator("#stat-submissions")).to_have_text("2")
    context.close()
