"""Phones (issue 11) in real Chromium: no page scrolls sideways at 360 and 390 px, for a visitor, a learner and an
instructor, and the problem page's tabs (Statement | Code | Results) put the editor one tap away."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app import courses
from app.models import Problem, User, utcnow
from app.regrade import start_regrade
from tests.app.test_browser import CHROMIUM, browser, live, register  # noqa: F401  (fixtures)
from tests.app.webapp import ADD_ONE, add_problem

WIDTHS = (360, 390)
CODE = "low-rank-approximation"  # math, samples, hints, an editorial
CARD = "lora-is-not-compression-demo"  # the Q&A card the `live` fixture adds
# The elements that stick out past the viewport's right edge, innermost first: the page's scrollWidth is wider than
# its clientWidth exactly when one does (or a box's own overflow is visible), and their names make a failure readable.
OVERFLOW = """() => {
  const root = document.documentElement, limit = root.clientWidth;
  if (root.scrollWidth <= limit) return null;
  const culprits = [...document.body.querySelectorAll("*")]
    .filter((e) => e.getBoundingClientRect().right > limit + 0.5)
    .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > limit + 0.5))
    .slice(0, 4)
    .map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && e.className.baseVal === undefined
      ? "." + String(e.className).trim().split(/\\s+/).join(".") : ""));
  return { scrollWidth: root.scrollWidth, clientWidth: limit, culprits };
}"""

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install -y chromium"
)


@pytest.fixture
def phone(browser):  # noqa: F811  (the fixture imported above)
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 780}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def overflows(page, url: str) -> list[str]:
    """Open `url` and measure it at each phone width; one line per width where the page is wider than the screen."""
    page.goto(url)
    found = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 780})
        wide = page.evaluate(OVERFLOW)
        if wide:
            found.append(f"{url} at {width} px: {wide['scrollWidth']} > {wide['clientWidth']} ({wide['culprits']})")
    page.set_viewport_size({"width": WIDTHS[0], "height": 780})
    return found


def check_pages(page, live, paths: list[str]) -> None:  # noqa: F811
    found = [line for path in paths for line in overflows(page, live.url + path)]
    assert not found, "pages wider than the phone:\n" + "\n".join(found)


def test_no_page_scrolls_sideways_for_a_visitor(phone, live):  # noqa: F811
    paths = [
        "/",
        f"/problems/{CODE}",
        f"/problems/{CARD}",
        "/tracks",
        "/tracks/post-training",
        "/problems/distillation-loss",  # long inline formulas: they scroll in their own box
        "/login",
        "/register",
        "/docs",
        "/problems/no-such-problem",
    ]
    check_pages(phone, live, paths)
    assert phone.goto(live.url + "/problems/no-such-problem").status == 404  # the error page was measured


def test_without_javascript_the_problem_page_stays_stacked(browser, live):  # noqa: F811
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 780}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live.url}/problems/{CODE}")
    assert not page.locator("#problem-tabs").is_visible()
    assert page.locator("#panel-statement").is_visible() and page.locator("#panel-code pre.code-view").is_visible()
    assert page.evaluate(OVERFLOW) is None
    context.close()


def test_tabs_then_every_learner_page_fits(phone, live):  # noqa: F811
    """Statement first; one tap on Code shows the editor; Submit shows the Results tab with the verdict. Then every
    page a learner sees, a mock interview's included, fits the phone."""
    from playwright.sync_api import expect

    register(phone, live)
    phone.goto(f"{live.url}/problems/{CODE}")
    tabs = phone.get_by_role("tab")
    assert tabs.all_inner_texts() == ["Statement", "Code", "Results"]
    statement, code, results = (
        phone.locator("#panel-statement"),
        phone.locator("#panel-code"),
        phone.locator("#panel-results"),
    )
    assert statement.is_visible() and not code.is_visible() and not results.is_visible()
    assert phone.locator("#tab-statement").get_attribute("aria-selected") == "true"
    phone.locator("#tab-code").tap()
    assert phone.locator(".cm-editor").is_visible() and not statement.is_visible()
    assert phone.locator("#tab-code").get_attribute("aria-selected") == "true"
    assert phone.locator("#tab-statement").get_attribute("aria-selected") == "false"
    assert code.get_attribute("role") == "tabpanel" and code.get_attribute("aria-labelledby") == "tab-code"
    # The arrow keys move between tabs (and wrap), as the WAI-ARIA tabs pattern says.
    phone.locator("#tab-code").focus()
    phone.keyboard.press("ArrowLeft")
    assert statement.is_visible() and phone.evaluate("document.activeElement.id") == "tab-statement"
    phone.keyboard.press("ArrowLeft")
    assert results.is_visible() and phone.evaluate("document.activeElement.id") == "tab-results"
    phone.keyboard.press("ArrowRight")
    phone.keyboard.press("ArrowRight")
    assert phone.locator(".cm-editor").is_visible()
    phone.locator("#submit").tap()  # the starter raises NotImplementedError
    verdict = phone.locator("#result .verdict-line .verdict")
    verdict.wait_for()
    assert verdict.inner_text() == "runtime error"
    assert phone.locator("#tab-results").get_attribute("aria-selected") == "true" and not code.is_visible()
    attempt = phone.locator("#history a[href^='/submissions/']").first.get_attribute("href")
    # After a reload the last result is shown again, but the page opens on the statement.
    phone.reload()
    phone.locator("#result .verdict").first.wait_for(state="attached")
    assert statement.is_visible() and not results.is_visible()
    # "Load into editor" on a past attempt (in the Results tab) brings the Code tab up with that code.
    phone.locator("#tab-results").tap()
    phone.locator(f"#history button[data-load='{attempt.rsplit('/', 1)[-1]}']").tap()
    expect(phone.locator("#tab-code")).to_have_attribute("aria-selected", "true")
    assert phone.locator(".cm-editor").is_visible() and not results.is_visible()
    expect(phone.locator("#draft-state")).to_contain_text("Loaded #")
    # Wider than a phone: no tabs, the statement beside the editor; back on a phone: tabs again.
    phone.set_viewport_size({"width": 1000, "height": 780})  # the media query's change event comes a moment later
    expect(phone.locator("#problem-tabs")).to_be_hidden()
    assert code.get_attribute("role") is None
    assert statement.is_visible() and phone.locator(".cm-editor").is_visible() and results.is_visible()
    phone.set_viewport_size({"width": WIDTHS[0], "height": 780})
    expect(phone.locator("#problem-tabs")).to_be_visible()
    expect(statement).to_be_hidden()  # back on the tab that was open: Code
    assert phone.locator(".cm-editor").is_visible()
    # A card: Question | Answer.
    phone.goto(f"{live.url}/problems/{CARD}")
    assert phone.get_by_role("tab").all_inner_texts() == ["Question", "Answer"]
    assert not phone.locator("#qa-answer").is_visible()
    phone.locator("#tab-code").tap()
    assert phone.locator("#qa-answer").is_visible() and not phone.locator("#panel-statement").is_visible()

    check_pages(
        phone,
        live,
        [
            "/",
            f"/problems/{CODE}",
            f"/problems/{CARD}",
            attempt,
            "/review",
            "/tracks",
            "/tracks/post-training",
            "/mock",
            "/problems/no-such-problem",
        ],
    )
    phone.goto(f"{live.url}/mock")
    phone.locator("#mock-start button[type=submit]").tap()
    phone.wait_for_url(re.compile(r"/mock/\d+$"))
    running = phone.url.removeprefix(live.url)
    item = phone.locator("#mock-items li a").first.get_attribute("href")
    check_pages(phone, live, [running, item])
    phone.goto(live.url + running)
    phone.locator("#mock-finish button[type=submit]").tap()
    phone.locator("#mock-report").wait_for()
    check_pages(phone, live, [running, "/mock"])


def test_no_page_scrolls_sideways_for_an_instructor(phone, live):  # noqa: F811
    name = register(phone, live, instructor=True)
    with live.app.state.sessionmaker() as session:
        author_id = session.scalar(select(User.id).where(User.username == name))
    slug = f"add-one-{name}"
    add_problem(str(live.app.state.settings.database_url), slug, ADD_ONE, author_id=author_id)
    with live.app.state.sessionmaker() as session:
        author = session.get(User, author_id)
        problem = session.scalar(select(Problem).where(Problem.slug == slug))
        problem.draft_files = {**problem.files, "statement.md": "A draft."}
        regrade_id = start_regrade(session=session, user=author, problem=problem, course_id=None)[0].id
        session.commit()
    phone.goto(f"{live.url}/author/tracks/new")
    phone.fill("#f-slug", f"track-{name}")
    phone.fill("#f-title", "A track with a rather long title to wrap on a phone screen")
    phone.fill("#f-items", f"{slug}\n{CODE}\nqa-adagrad-rmsprop-adam")
    phone.locator("form button[type=submit].primary").tap()
    phone.wait_for_url(re.compile(r"/author/tracks/.+/edit"))
    check_pages(
        phone,
        live,
        [
            "/author",
            f"/author/{slug}/edit",
            f"/author/{slug}/attempts",
            f"/author/{slug}/regrades/{regrade_id}",
            "/author/new?kind=code",
            "/author/new?kind=qa",
            "/author/tracks",
            f"/author/tracks/track-{name}/edit",
            "/author/tracks/new",
            "/author/bulk",
            f"/tracks/track-{name}",
            f"/problems/{slug}",
            "/progress",
        ],
    )
    # A course with a long name that the instructor also joined: the course pages and the due line on a problem.
    with live.app.state.sessionmaker() as session:
        teacher = session.get(User, author_id)
        course = courses.create_course(
            session=session, user=teacher, name="Deep learning for people with rather long course names 课程"
        )
        courses.join_course(session=session, user=teacher, code=course.join_code)
        now = utcnow()
        courses.create_assignment(
            session=session,
            user=teacher,
            course=course,
            title="A week with a long title to wrap on a phone",
            slugs=[slug, CODE],
            opens_at=now - timedelta(days=1),
            due_at=now + timedelta(days=2),
            late="close",
        )
        session.commit()
        course_id = course.id
    check_pages(
        phone,
        live,
        [
            "/courses",
            f"/courses/{course_id}",
            f"/courses/{course_id}/analytics/{slug}",
            f"/courses/{course_id}/learners/{name}/{slug}",
            f"/problems/{CODE}",
        ],
    )
    assert phone.locator("#due-notes li").count() == 1
