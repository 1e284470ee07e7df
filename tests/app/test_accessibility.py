"""axe-core (from npm) on every page in real Chromium, in light and dark mode, as a visitor, a learner and an
instructor: zero violations."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app import courses
from app.auth import create_user
from app.bank import import_bank
from app.config import Settings
from app.main import create_app
from app.models import Attempt, AttemptMode, AttemptStatus, Problem, RegradeItem, User, utcnow
from app.regrade import start_regrade
from app.tracks import TrackSpec, save_track
from tests.app.webapp import ADD_ONE, SECRET, add_problem, live_server

# An instructor's problem in Chinese only (issue 12): English readers see it with a one-line note.
ADD_ONE_ZH = {name: text for name, text in ADD_ONE.items() if name not in ("statement.md", "editorial.md")} | {
    "problem.toml": ADD_ONE["problem.toml"].replace('title = "Add one"', 'title = ""'),
    "editorial.zh.md": "逐元素加一。\n",
}
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "password123"
CODE_PROBLEM, CARD = "low-rank-approximation", "qa-what-is-lora"
LOW_RANK = """import numpy as np

def low_rank_approximation(A, k):
    U, S, Vh = np.linalg.svd(A, full_matrices=False)
    return U[:, :k] @ np.diag(S[:k]) @ Vh[:k, :]
"""

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install -y chromium"),
    pytest.mark.skipif(not AXE.exists(), reason=f"{AXE} is missing: run `make assets` (npm ci)"),
]

# Runs in the page: axe-core's default rules on the whole document; each violation with its nodes, readable.
RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ") + ": " + n.failureSummary.replace(/\\s+/g, " ")),
  }));
}"""


@pytest.fixture(scope="module")
def live(template_db, tmp_path_factory):
    """A live server with the bank, a learner and an instructor (with a draft problem and a track)."""
    folder = tmp_path_factory.mktemp("a11y")
    shutil.copy(template_db, folder / "live.db")
    url = f"sqlite:///{folder / 'live.db'}"
    settings = Settings(database_url=url, secret_key=SECRET, secret_key_file=folder / "secret")
    app = create_app(settings)
    with app.state.sessionmaker() as session:
        import_bank(session=session)
        create_user(session=session, username="learner", password=PASSWORD)
        teacher = create_user(session=session, username="teacher", password=PASSWORD, is_instructor=True)
        session.commit()
        teacher_id = teacher.id
    add_problem(url, "add-one-draft", ADD_ONE, published=False, author_id=teacher_id)
    add_problem(url, "add-one-zh", ADD_ONE_ZH, author_id=teacher_id)  # Chinese only: a note in English
    with app.state.sessionmaker() as session:
        teacher = session.scalar(select(User).where(User.id == teacher_id))
        spec = TrackSpec("my-track", "My track", "", "A short track.", "", (CODE_PROBLEM, CARD))
        save_track(session=session, user=teacher, spec=spec, create=True)
        session.commit()
    with app.state.sessionmaker() as session:  # a course with the learner in it and an assignment due in a week
        teacher = session.scalar(select(User).where(User.id == teacher_id))
        course = courses.create_course(session=session, user=teacher, name="Deep learning 101")
        learner = session.scalar(select(User).where(User.username == "learner"))
        courses.join_course(session=session, user=learner, code=course.join_code)
        now = utcnow()
        courses.create_assignment(
            session=session,
            user=teacher,
            course=course,
            title="Week 1",
            slugs=[CODE_PROBLEM, CARD],
            opens_at=now - timedelta(days=1),
            due_at=now + timedelta(days=7),
            late="accept",
        )
        session.commit()
        course_id = course.id

    add_problem(url, "add-one-live", ADD_ONE, author_id=teacher_id)
    with app.state.sessionmaker() as session:  # a draft of version 2, and a regrade that changed a verdict
        teacher = session.get(User, teacher_id)
        problem = session.scalar(select(Problem).where(Problem.slug == "add-one-live"))
        problem.draft_files = {**problem.files, "statement.md": "Return $x + 1$, a draft."}
        learner_id = session.scalar(select(User.id).where(User.username == "learner"))
        session.add(
            Attempt(
                user_id=learner_id,
                problem_id=problem.id,
                mode=AttemptMode.SUBMIT,
                status=AttemptStatus.DONE,
                verdict="wrong_answer",
            )
        )
        session.flush()
        regrade, _items = start_regrade(session=session, user=teacher, problem=problem, course_id=None)
        for item in session.scalars(select(RegradeItem)):
            item.status, item.new_verdict = AttemptStatus.DONE, "accepted"
        session.commit()
    with live_server(app) as url:
        yield type("Live", (), {"url": url, "app": app, "course": course_id})


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


def log_in(browser, live, username: str) -> dict:
    """Log in through the form; the context's cookies, for the contexts of every colour scheme."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live.url}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live.url}/")
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture(scope="module")
def learner(browser, live) -> dict:
    """The learner's cookies and pages: an accepted submission, a rated card, a finished and a running mock."""
    from playwright.sync_api import expect

    state = log_in(browser, live, "learner")
    context = browser.new_context(storage_state=state)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{live.url}/problems/{CODE_PROBLEM}")
    page.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(LOW_RANK)
    page.click("#submit")
    expect(page.locator("#result .verdict-line .verdict")).to_have_text("accepted", timeout=120_000)
    submission = page.locator("#history a[href^='/submissions/']").first.get_attribute("href")
    page.goto(f"{live.url}/problems/{CARD}")
    page.fill("#qa-answer", "No: the base weights stay full size.")
    page.click("#qa-reveal")
    page.click("button.rate[data-rating=good]")
    page.locator("#qa-saved").wait_for()
    mocks = []
    for _ in range(2):  # the first is finished (its report), the second keeps running
        page.goto(f"{live.url}/mock")
        page.check("input[name=minutes][value='30']")
        page.select_option("#mock-track", "my-track")  # its coding item is CODE_PROBLEM: the same pages every run
        page.click("#mock-start button[type=submit]")
        page.wait_for_url(re.compile(r"/mock/\d+$"))
        mocks.append(page.url.removeprefix(live.url))
        if len(mocks) == 1:
            page.click("#mock-finish button[type=submit]")
            page.locator("#mock-report").wait_for()
    item = page.locator(f"#mock-items li a[href^='/problems/{CODE_PROBLEM}']").get_attribute("href")
    context.close()
    return {"state": state, "submission": submission, "report": mocks[0], "running": mocks[1], "item": item}


def visitor_pages(live, learner) -> list[str]:
    return [
        "/",
        "/?q=svd&sort=difficulty",
        f"/problems/{CODE_PROBLEM}",
        f"/problems/{CODE_PROBLEM}?lang=zh",
        f"/problems/{CARD}",
        "/tracks",
        "/tracks/lora-and-peft",
        "/login",
        "/register",
        "/problems/no-such-problem",
        "/docs",  # Swagger UI, mended by app/static/docs.css and docs.js
        "/problems/add-one-zh",
        # Not /docs: Swagger UI's own markup and colours (about 40 contrast nodes, nested controls, a second main)
        # are the npm bundle's, not ours to restyle.
    ]


def learner_pages(live, learner) -> list[str]:
    return [
        "/",
        f"/problems/{CODE_PROBLEM}",
        f"/problems/{CARD}",
        learner["submission"],
        "/review",
        "/tracks",
        "/tracks/lora-and-peft",
        "/mock",
        learner["running"],
        learner["item"],
        learner["report"],
        "/progress",
        "/courses",
    ]


def instructor_pages(live, learner) -> list[str]:
    return [
        "/",
        "/problems/add-one-draft",
        f"/problems/{CODE_PROBLEM}",  # a bank problem: the Fork button
        "/problems/add-one-zh",
        "/author",
        "/author/new?kind=code",
        "/author/new?kind=qa",
        "/author/add-one-draft/edit",
        "/author/add-one-live/edit",
        "/author/add-one-live/regrades/1",
        f"/author/{CARD}/attempts",
        "/author/tracks",
        "/author/tracks/new",
        "/author/tracks/my-track/edit",
        "/author/bulk",
        "/progress",
        "/courses",
        f"/courses/{live.course}",
        f"/courses/{live.course}/analytics/{CODE_PROBLEM}",
        f"/courses/{live.course}/learners/learner/{CODE_PROBLEM}",
    ]


def ready(role: str, path: str) -> str | None:
    """What a page draws after its load event (Swagger UI, the code editor): axe runs once it is there."""
    if path == "/docs":
        return "#swagger-ui .opblock"
    if role != "visitor" and path.startswith("/problems/") and "no-such" not in path:
        return ".cm-editor, #qa-answer"
    return None


ROLES = {"visitor": visitor_pages, "learner": learner_pages, "instructor": instructor_pages}


def describe(violations: dict[str, list[dict]]) -> str:
    lines = []
    for path, found in violations.items():
        for v in found:
            lines.append(f"{path}: [{v['impact']}] {v['id']}: {v['help']}")
            lines += [f"    {node}" for node in v["nodes"]]
    return "\n".join(lines)


def draft_package() -> bytes:
    """The instructor's draft problem as a zip: importing it meets its own slug."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in ADD_ONE.items():
            archive.writestr(f"add-one-draft/{name}", text)
    return buffer.getvalue()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("role", list(ROLES))
def test_axe_finds_no_violations(browser, live, learner, role, scheme):
    state = {"visitor": None, "learner": learner["state"], "instructor": None}[role]
    if role == "instructor":
        state = log_in(browser, live, "teacher")
    context = browser.new_context(color_scheme=scheme, storage_state=state)
    context.add_init_script(path=str(AXE))  # injected through the DevTools protocol: the page's CSP allows it
    page = context.new_page()
    page.set_default_timeout(30_000)
    violations = {}
    try:
        for path in ROLES[role](live, learner):
            page.goto(f"{live.url}{path}")
            if selector := ready(role, path):
                page.locator(selector).first.wait_for()
            found = page.evaluate(RUN_AXE)
            if found:
                violations[path] = found
        if role == "instructor":  # pages that answer a form: an import's slug conflict, the bulk check's table
            page.goto(f"{live.url}/author")
            package = {"name": "add-one-draft.zip", "mimeType": "application/zip", "buffer": draft_package()}
            page.set_input_files("form[action='/author/import'] input[name=package]", files=[package])
            page.click("form[action='/author/import'] button[type=submit]")
            page.locator("#import-conflict").wait_for()
            violations["/author/import (conflict)"] = page.evaluate(RUN_AXE)
            page.goto(f"{live.url}/author/bulk")
            page.click("#bulk-check")
            page.locator("#bulk-results").wait_for()
            violations["/author/bulk (results)"] = page.evaluate(RUN_AXE)
            violations = {path: found for path, found in violations.items() if found}
        if role == "learner":  # a revealed card: its model answer, key points and rating buttons
            page.goto(f"{live.url}/problems/{CARD}")
            page.fill("#qa-answer", "An answer.")
            page.click("#qa-reveal")
            page.locator("#qa-model").wait_for()
            found = page.evaluate(RUN_AXE)
            if found:
                violations[f"/problems/{CARD} (revealed)"] = found
    finally:
        context.close()
    assert not violations, f"axe-core found violations ({role}, {scheme} mode):\n{describe(violations)}"


def test_wide_display_math_scrolls_by_keyboard(browser, live):
    """Display math wider than its column scrolls sideways (style.css); it takes focus, so the keyboard can too."""
    context = browser.new_context()
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    try:
        page.goto(f"{live.url}/problems/clip-contrastive-loss")
        found = [v for v in page.evaluate(RUN_AXE) if v["id"] == "scrollable-region-focusable"]
    finally:
        context.close()
    assert not found, describe({"/problems/clip-contrastive-loss": found})
