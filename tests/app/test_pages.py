"""HTML pages: list and filters, the problem page with math and both languages, submissions (the progress page:
test_progress.py)."""

from __future__ import annotations

import shutil
import threading
import time

from fastapi.testclient import TestClient

from app import grading
from app.config import Settings
from tests.app.webapp import (
    ADD_ONE,
    ADD_ONE_CORRECT,
    ADD_ONE_WRONG,
    add_problem,
    bearer,
    csrf_of,
    make_user,
    one_connection,
    register,
    slow_generator,
    wait_done,
)


def test_register_login_logout(env):
    browser = TestClient(env.app)
    register(browser, "alice")
    assert "alice" in browser.get("/").text
    token = csrf_of(browser.get("/").text)
    browser.post("/logout", data={"csrf_token": token})
    assert "Log in" in browser.get("/").text
    token = csrf_of(browser.get("/login").text)
    bad = browser.post("/login", data={"username": "alice", "password": "nope-nope", "csrf_token": token})
    assert bad.status_code == 401 and "Wrong username or password" in bad.text
    good = browser.post(
        "/login",
        data={"username": "alice", "password": "password123", "csrf_token": token, "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert good.status_code == 303 and good.headers["location"] == "/"


def test_registration_can_be_closed(make_env):
    env = make_env(registration_open=False)
    assert env.client.get("/register").status_code == 403


def test_list_filters_and_search(env):
    page = env.client.get("/?kind=qa").text
    assert "Why LoRA is not compression" in page and "Add one" not in page
    assert "Add one" in env.client.get("/?q=add").text
    assert env.client.get("/?difficulty=%00%ff&kind=<script>").status_code == 200
    moved = env.client.get("/problems?kind=qa", follow_redirects=False)
    assert moved.status_code == 308 and moved.headers["location"] == "/?kind=qa"


def test_problem_page_renders_math_both_languages_and_starter(env):
    page = env.client.get("/problems/add-one").text
    assert "<math" in page and "<msub>" in page and "<mi>" in page
    assert 'data-lang="zh"' in page and "返回" in page and "中文" in page
    assert "raise NotImplementedError" in page
    zh = env.client.get("/problems/add-one?lang=zh").text
    assert 'data-lang="en" lang="en" hidden' in zh


def test_problem_page_offers_editor_or_says_textarea(env):
    browser = TestClient(env.app)
    register(browser, "alice")
    page = browser.get("/problems/add-one").text
    assert 'id="code"' in page and 'id="submit"' in page and 'id="run"' in page
    assert "plain text box" in page  # the notice exists; it is hidden when the bundle is built


def test_no_js_submit_and_submission_page(env):
    browser = TestClient(env.app)
    token = register(browser, "alice")
    response = browser.post(
        "/problems/add-one/submit",
        data={"code": ADD_ONE_WRONG, "mode": "submit", "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303
    attempt_id = int(response.headers["location"].rsplit("/", 1)[1])
    wait_done(browser, attempt_id)
    page = browser.get(f"/submissions/{attempt_id}").text
    assert "wrong answer" in page and "sample-1" in page and "x + 2" in page
    assert "123456.5" not in page  # the hidden case's input never shows
    problem_page = browser.get("/problems/add-one").text
    assert f"/submissions/{attempt_id}" in problem_page  # history
    assert "x + 2" in problem_page  # the last draft is offered in the editor


def test_editorial_locked_until_accepted_or_shown(env):
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    browser = TestClient(env.app)
    token = csrf_of(browser.get("/login").text)
    browser.post("/login", data={"username": "alice", "password": "password123", "csrf_token": token})
    assert "EDITORIAL-TEXT" not in browser.get("/problems/add-one").text
    attempt = env.client.post("/api/problems/add-one/submissions", json={"code": ADD_ONE_CORRECT}, headers=headers)
    wait_done(env.client, attempt.json()["id"], headers)
    assert "EDITORIAL-TEXT" in browser.get("/problems/add-one").text


def test_error_pages_are_html_without_traces(env):
    response = env.client.get("/problems/does-not-exist")
    assert response.status_code == 404 and "<html" in response.text and "Traceback" not in response.text
    assert env.client.get("/submissions/abc", follow_redirects=False).status_code in (303, 422)


def test_templates_folder_is_a_setting(make_env, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(Settings().templates_dir, templates)
    listing = templates / "problems" / "list.html"
    listing.write_text(listing.read_text().replace("{% block content %}", "{% block content %}CUSTOM-TEMPLATES", 1))
    env = make_env(templates_dir=templates)
    assert "CUSTOM-TEMPLATES" in env.client.get("/").text


def test_first_view_computes_samples_holding_no_database_connection(env):
    files = {name: text for name, text in ADD_ONE.items() if name != "cases.json"}
    files["generator.py"] = slow_generator(3)
    add_problem(env.db_url, "slow-samples", files)
    database = one_connection(env)
    key = grading.spec_for("slow-samples", files).tests_key
    views = []
    viewer = threading.Thread(target=lambda: views.append(TestClient(env.app).get("/problems/slow-samples")))
    viewer.start()
    while key not in grading._samples_running:  # the view has handed the generator to a background thread
        assert viewer.is_alive() or grading.samples_ready(grading.spec_for("slow-samples", files))
        time.sleep(0.01)
    assert database.pool.checkedout() == 0  # the view gave its connection back before waiting
    other = TestClient(env.app).get("/api/problems")
    assert other.status_code == 200 and viewer.is_alive()  # served while the first view still waits
    viewer.join()
    assert views[0].status_code == 200
    assert "sample-1" in TestClient(env.app).get("/problems/slow-samples").text  # ready from now on
