"""The editor's niceties in real Chromium against a real uvicorn server and the real grader: a past attempt loaded
into the editor (undone by Ctrl+Z and by "Undo load"), diffed with the editor, the last result after a reload, and
a run on the learner's own input."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from app.config import Settings
from app.main import create_app
from tests.app.test_browser import ARGS, CHROMIUM
from tests.app.webapp import ADD_ONE, SECRET, add_problem, live_server

FIRST = "import numpy as np\n\ndef add_one(x):\n    return x + 1\n"
SECOND = "import numpy as np\n\ndef add_one(x):\n    return x + 2  # second try\n"

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install -y chromium"
)


@pytest.fixture(scope="module")
def live(template_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("live-editor")
    shutil.copy(template_db, folder / "live.db")
    url = f"sqlite:///{folder / 'live.db'}"
    add_problem(url, "add-one", ADD_ONE)
    app = create_app(Settings(database_url=url, secret_key=SECRET, secret_key_file=folder / "secret"))
    with live_server(app) as address:
        yield address


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_context().new_page()
        page.set_default_timeout(30_000)
        yield page
        browser.close()


def expect(locator):
    """Playwright's expect, as patient as the page's default timeout (the first grade warms the sandbox)."""
    from playwright.sync_api import expect as playwright_expect

    playwright_expect.set_options(timeout=60_000)
    return playwright_expect(locator)


def editor_text(page) -> str:
    return page.locator(".cm-content").inner_text()


def type_code(page, code: str) -> None:
    page.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)


def test_load_undo_diff_last_result_and_custom_input(page, live):
    page.goto(f"{live}/register")
    page.fill("input[name=username]", f"editor{int(time.time() * 1000) % 100000}")
    page.fill("input[name=password]", "password123")
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live}/")
    page.goto(f"{live}/problems/add-one")
    type_code(page, FIRST)
    page.click("#submit")
    verdict = page.locator("#result .verdict-line .verdict")
    expect(verdict).to_have_text("accepted")
    attempt = re.search(r"#(\d+)", page.locator("#result .verdict-line a").inner_text()).group(1)

    page.reload()  # the last result is shown again
    assert verdict.inner_text() == "accepted"
    assert page.locator("#result .verdict-line a").inner_text() == f"#{attempt}"

    type_code(page, SECOND)
    page.click(f'#history button[data-diff="{attempt}"]')
    diff = page.locator("#diff-panel pre.diff")
    diff.wait_for()
    assert diff.locator("del").all_inner_texts() == ["-     return x + 1"]
    assert diff.locator("ins").all_inner_texts() == ["+     return x + 2  # second try"]
    assert "  def add_one(x):" in diff.inner_text()  # unchanged lines are kept, unmarked

    page.click(f'#history button[data-load="{attempt}"]')
    expect(page.locator(".cm-content")).not_to_contain_text("second try")
    assert "return x + 1" in editor_text(page) and page.locator("#undo-load").is_visible()
    page.locator(".cm-content").focus()
    page.keyboard.press("Control+z")  # one change: one undo brings the second try back
    assert "return x + 2  # second try" in editor_text(page)
    page.click(f'#history button[data-load="{attempt}"]')
    expect(page.locator(".cm-content")).not_to_contain_text("second try")
    page.click("#undo-load")
    assert "return x + 2  # second try" in editor_text(page) and not page.locator("#undo-load").is_visible()

    page.click("#custom-run summary")
    field = page.locator("#custom-arg-x")
    field.wait_for()
    assert field.input_value() == "[1.0, 2.0]"  # sample 1's argument
    field.fill("[5.0, -1.0]")
    page.click("#custom-run-go")
    page.locator("#custom-result .verdict-line").wait_for()
    assert page.locator("#custom-result .verdict").inner_text() == "wrong answer"
    assert "7." in page.locator("#custom-result .custom-output").inner_text()
    assert "6." in page.locator("#custom-result .custom-reference").inner_text()

    page.goto(f"{live}/submissions/{attempt}")
    page.click("#load-attempt")
    page.wait_for_url(re.compile(rf".*/problems/add-one\?load={attempt}$"))
    expect(page.locator(".cm-content")).to_contain_text("return x + 1")
    assert page.locator("#undo-load").is_visible()
