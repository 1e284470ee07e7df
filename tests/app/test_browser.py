"""Browser flows in real Chromium (Debian's package) against a real uvicorn server and the real grader."""

from __future__ import annotations

import re
import shutil
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.bank import import_bank
from app.config import Settings
from app.main import create_app
from app.models import Problem, ReviewState, User, utcnow
from tests.app.webapp import QA_CARD, SECRET, add_problem, live_server

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
LOW_RANK = """import numpy as np

def low_rank_approximation(A, k):
    U, S, Vh = np.linalg.svd(A, full_matrices=False)
    return U[:, :k] @ np.diag(S[:k]) @ Vh[:k, :]
"""
LOW_RANK_WRONG = """import numpy as np

def low_rank_approximation(A, k):
    return A
"""

GENERATOR = """import numpy as np

def generate(seed):
    rng = np.random.default_rng(seed)
    return [{"name": f"case-{i}", "hidden": i > 0, "args": {"x": rng.normal(size=3) + 2}} for i in range(3)]
"""

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install -y chromium"
)


@pytest.fixture(scope="module")
def live(template_db, tmp_path_factory):
    """A live server on 127.0.0.1 with the bank imported and a demo Q&A card."""
    folder = tmp_path_factory.mktemp("live")
    shutil.copy(template_db, folder / "live.db")
    url = f"sqlite:///{folder / 'live.db'}"
    settings = Settings(database_url=url, secret_key=SECRET, secret_key_file=folder / "secret")
    app = create_app(settings)
    with app.state.sessionmaker() as session:
        import_bank(session=session)
        session.commit()
    add_problem(url, "lora-is-not-compression-demo", QA_CARD)
    with live_server(app) as url:
        yield type("Live", (), {"url": url, "app": app})


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


_users = iter(range(10_000))


def register(page, live, instructor: bool = False) -> str:
    name = f"user{next(_users)}{int(time.time() * 1000) % 100000}"
    if instructor:
        from app.auth import create_user

        with live.app.state.sessionmaker() as session:
            create_user(session=session, username=name, password="password123", is_instructor=True)
            session.commit()
        page.goto(f"{live.url}/login")
    else:
        page.goto(f"{live.url}/register")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", "password123")
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live.url}/")
    return name


def type_code(page, code: str) -> None:
    editor = page.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)


def test_learner_registers_and_solves_low_rank(page, live):
    register(page, live)
    page.goto(f"{live.url}/problems/low-rank-approximation")
    assert page.locator(".cm-editor").is_visible(), "CodeMirror did not load (run `make assets`)"
    assert page.locator("math").first.is_visible()
    type_code(page, LOW_RANK)
    page.keyboard.press("Control+Enter")
    verdict = page.locator("#result .verdict-line .verdict")
    verdict.wait_for()
    assert verdict.inner_text() == "accepted"
    assert page.locator("#history li").first.inner_text().startswith("#")


def test_wrong_solution_shows_failing_message(page, live):
    register(page, live)
    page.goto(f"{live.url}/problems/low-rank-approximation")
    type_code(page, LOW_RANK_WRONG)
    page.click("#submit")
    page.locator("#result .verdict-line").wait_for()
    assert page.locator("#result .verdict-line .verdict").inner_text() == "wrong answer"
    message = page.locator("#result tr.test-wrong_answer pre.message").first.inner_text()
    assert message.strip(), "the failing test's message is shown"


def test_qa_card_answer_reveal_rate(page, live):
    register(page, live)
    page.goto(f"{live.url}/problems/lora-is-not-compression-demo")
    page.fill("#qa-answer", "No: the base weights stay full size.")
    page.click("#qa-reveal")
    page.locator("#qa-model").wait_for()
    assert "MODEL-ANSWER-TEXT" in page.locator("#qa-model").inner_text()
    page.locator("input[name=key_point]").nth(0).check()
    page.click("button.rate[data-rating=good]")
    saved = page.locator("#qa-saved")
    saved.wait_for()
    assert "rated good, 1 key point hit" in saved.inner_text()
    page.reload()
    assert "rated good" in page.locator("#history").inner_text()


def test_instructor_creates_validates_publishes_and_learner_solves(page, browser, live):
    register(page, live, instructor=True)
    page.goto(f"{live.url}/author/new?kind=code")
    page.fill("#f-slug", "triple-it")
    page.fill("#f-title", "Triple it")
    page.fill("#f-title_zh", "乘以三")
    page.fill("#f-entry", "triple")
    page.fill("#f-statement-md", "Return $3x$ for an array $x$.")
    page.locator("#p-statement-md math").first.wait_for()  # the live preview rendered the formula
    page.fill("#f-statement-zh-md", "返回 $3x$。")
    page.fill("#f-editorial-md", "Multiply by three.")
    page.fill("#f-editorial-zh-md", "乘以三。")
    page.fill("#f-starter-py", "def triple(x):\n    raise NotImplementedError\n")
    page.fill("#f-reference-py", "import numpy as np\n\ndef triple(x):\n    return np.asarray(x) * 3.0\n")
    page.fill("#f-generator-py", GENERATOR)
    for n, (hint, hint_zh) in enumerate([("Scale x.", "缩放 x。"), ("By three.", "乘以三。"), ("3 * x", "3 * x")], 1):
        page.fill(f"#f-hints_{n}", hint)
        page.fill(f"#f-hints_zh_{n}", hint_zh)
    page.click("#save")
    page.wait_for_url(re.compile(r".*/author/triple-it/edit.*"))
    page.click("#validate")
    page.locator("#validation-ok").wait_for(timeout=60_000)
    page.click("#publish")
    page.locator("#unpublish").wait_for()
    learner = browser.new_context().new_page()
    register(learner, live)
    learner.goto(f"{live.url}/problems/triple-it")
    type_code(learner, "def triple(x):\n    return x * 3\n")
    learner.click("#submit")
    learner.locator("#result .verdict-line").wait_for()
    assert learner.locator("#result .verdict-line .verdict").inner_text() == "accepted"
    learner.context.close()


def test_chinese_toggle(page, live):
    page.goto(f"{live.url}/problems/low-rank-approximation")
    english = page.locator("article.statement[data-lang=en]")
    chinese = page.locator("article.statement[data-lang=zh]")
    assert english.is_visible() and not chinese.is_visible()
    page.click("[data-set-lang=zh]")
    assert chinese.is_visible() and not english.is_visible()
    assert "最佳秩" in page.locator(".problem-head h1").inner_text()
    page.reload()  # the choice is remembered
    assert chinese.is_visible()
    page.click("[data-set-lang=en]")
    assert english.is_visible()


def make_due(live, username: str, overdue: dict[str, timedelta]) -> None:
    """Move the server's clock for these items: each falls due `overdue[slug]` ago (as if the days had passed)."""
    with live.app.state.sessionmaker() as session:
        user = session.scalar(select(User).where(User.username == username))
        for slug, ago in overdue.items():
            problem = session.scalar(select(Problem).where(Problem.slug == slug))
            state = session.scalar(
                select(ReviewState).where(ReviewState.user_id == user.id, ReviewState.problem_id == problem.id)
            )
            assert state is not None, f"{slug} was never reviewed"
            state.due = utcnow() - ago
        session.commit()


def answer_card(page, text: str, rating: str) -> None:
    page.fill("#qa-answer", text)
    page.click("#qa-reveal")
    page.locator("#qa-model").wait_for()
    page.click(f"button.rate[data-rating={rating}]")
    page.locator("#qa-saved").wait_for()


def test_review_then_mock_interview_flow(page, live):
    """A due card, then a due problem, through /review; then a 30-minute mock: answer a card, finish, the report."""
    card, problem = "lora-is-not-compression-demo", "low-rank-approximation"
    name = register(page, live)
    page.goto(f"{live.url}/problems/{card}")
    answer_card(page, "No: the base weights stay full size.", "good")
    page.goto(f"{live.url}/problems/{problem}")
    type_code(page, LOW_RANK)
    page.click("#submit")
    page.locator("#result .verdict-line .verdict").wait_for()
    make_due(live, name, {card: timedelta(days=2), problem: timedelta(days=1)})

    page.goto(f"{live.url}/review")
    assert page.locator("#nav-review .badge").inner_text() == "2"
    due = page.locator("#review-due li")
    assert due.count() == 2 and problem in due.nth(1).inner_html() and card in due.nth(0).inner_html()
    assert page.locator("#review-forecast svg").is_visible()
    page.click("#review-start")  # the most overdue first: the card
    page.wait_for_url(re.compile(rf"/problems/{card}\?from=review"))
    assert "rated this card Good" in page.locator("#qa-previous").inner_text()
    answer_card(page, "Still no: only the low-rank factors are trained.", "easy")
    page.click("#review-next")
    page.wait_for_url(re.compile(rf"/problems/{problem}\?from=review"))
    page.click("#submit")  # the editor holds the last code (the draft)
    verdict = page.locator("#result .verdict-line .verdict")
    verdict.wait_for()
    assert verdict.inner_text() == "accepted"
    page.click("#review-next")
    page.wait_for_url(re.compile(r"/review$"))
    assert page.locator("#review-empty").is_visible()
    assert page.locator("#nav-review .badge").count() == 0

    page.goto(f"{live.url}/mock")
    page.check("input[name=minutes][value='30']")
    page.click("#mock-start button[type=submit]")
    page.wait_for_url(re.compile(r"/mock/\d+$"))
    timer = page.locator("#mock-timer")
    minutes, seconds = map(int, timer.inner_text().split(":"))
    assert 28 * 60 < minutes * 60 + seconds <= 30 * 60
    items = page.locator("#mock-items li")
    assert items.count() == 4
    kinds = [items.nth(i).inner_text() for i in range(4)]
    assert sum("coding problem" in k for k in kinds) == 1 and sum("card" in k for k in kinds) == 3
    first_card = next(i for i, k in enumerate(kinds) if "card" in k)
    items.nth(first_card).locator("a").click()
    page.wait_for_url(re.compile(r"\?mock=\d+"))
    assert page.locator("#mock-banner #mock-timer").is_visible()
    page.click("#qa-reveal")  # no answer yet: the model answer stays closed
    assert page.locator("#mock-message").is_visible() and not page.locator("#qa-model").is_visible()
    answer_card(page, "An answer written under the clock.", "good")
    page.locator("#mock-banner a[href^='/mock/']").click()
    page.click("#mock-finish button[type=submit]")
    page.locator("#mock-report").wait_for()
    rows = page.locator("#mock-report tbody tr")
    assert rows.count() == 4
    outcomes = [rows.nth(i).locator(".mock-outcome").inner_text() for i in range(4)]
    assert outcomes.count("rated good") == 1 and outcomes.count("not attempted") == 1, outcomes
    assert page.locator("#mock-topics li").count() >= 1  # the items not done are topics to review
    page.goto(f"{live.url}/mock")
    assert page.locator("#mock-history tbody tr").count() == 1


LOW_RANK_K_PLUS_1 = """import numpy as np

def low_rank_approximation(A, k):
    U, S, Vh = np.linalg.svd(A, full_matrices=False)
    r = k + 1
    return (U[:, :r] * S[:r]) @ Vh[:r]
"""


def test_a_known_mistake_is_named_and_hints_open_in_order(page, live):
    """The learner's own off-by-one is recognised as the bank's known mistake, in the page's language; hints open
    one at a time and are still there after a reload."""
    from playwright.sync_api import expect

    register(page, live)
    page.goto(f"{live.url}/problems/low-rank-approximation")
    type_code(page, LOW_RANK_K_PLUS_1)
    page.click("#run")
    diagnosis = page.locator("#result .diagnosis")
    diagnosis.wait_for()
    assert diagnosis.locator("strong").inner_text() == "This looks like a common mistake:"
    assert "Off by one" in diagnosis.inner_text() and diagnosis.locator("math").count() >= 1  # math is rendered
    button = page.locator("#next-hint")
    assert button.inner_text() == "Show hint 1 of 3"
    button.click()
    expect(button).to_have_text("Show hint 2 of 3")
    assert page.locator("#hints .hint-list[data-lang=en] li").count() == 1
    assert page.locator("#hints .hint-list[data-lang=zh] li").count() == 1  # the other language follows
    button.click()
    expect(page.locator("#hints .hint-list[data-lang=en] li")).to_have_count(2)
    page.reload()
    assert page.locator("#hints .hint-list[data-lang=en] li").count() == 2
    assert page.locator("#next-hint").inner_text() == "Show hint 3 of 3"
    page.goto(f"{live.url}/problems/low-rank-approximation?lang=zh")
    assert page.locator("#hints .hint-list[data-lang=zh] li").count() == 2
    assert page.locator("#result .diagnosis strong").inner_text() == "这看起来是一个常见错误："  # the last result
