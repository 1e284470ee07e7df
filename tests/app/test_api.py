"""The JSON API contract, through the real grader and a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.app.webapp import ADD_ONE, ADD_ONE_CORRECT, ADD_ONE_WRONG, QA_CARD, add_problem, bearer, make_user, wait_done


def test_token_and_me(env):
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    assert env.client.get("/api/me", headers=headers).json()["username"] == "alice"
    bad = env.client.post("/api/token", data={"username": "alice", "password": "wrong-password"})
    assert bad.status_code == 401 and bad.json() == {"detail": "Wrong username or password."}
    assert env.client.get("/api/me").status_code == 401
    anonymous = env.client.post("/api/problems/add-one/submissions", json={"code": "x"})
    assert anonymous.status_code == 401 and anonymous.json() == {"detail": "Log in first."}
    assert env.client.get("/api/me", headers={"Authorization": "Bearer forged.token.here"}).status_code == 401


def test_list_and_filter(env):
    rows = env.client.get("/api/problems").json()
    assert {r["slug"] for r in rows} >= {"add-one", "lora-is-not-compression-demo"}
    assert [r["slug"] for r in env.client.get("/api/problems?kind=qa").json()] == ["lora-is-not-compression-demo"]
    assert [r["slug"] for r in env.client.get("/api/problems?q=add").json()] == ["add-one"]
    assert env.client.get("/api/problems?difficulty=hard&topic=training").json() == []


def test_detail_shows_samples_never_hidden_tests_or_reference(env):
    body = env.client.get("/api/problems/add-one").json()
    assert body["starter"].startswith("import numpy")
    assert body["statement"].startswith("Return")
    assert [s["name"] for s in body["samples"]] == ["sample-1"]
    text = env.client.get("/api/problems/add-one").text + env.client.get("/problems/add-one").text
    for secret in ("REFERENCE-SECRET", "hidden-secret-case", "123456.5", "EDITORIAL-TEXT"):
        assert secret not in text
    assert env.client.get("/api/problems/nope").status_code == 404


def test_submit_accepted_and_history(env):
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    response = env.client.post(
        "/api/problems/add-one/submissions", json={"code": ADD_ONE_CORRECT, "mode": "submit"}, headers=headers
    )
    assert response.status_code == 202
    assert response.json()["status"] == "queued"
    done = wait_done(env.client, response.json()["id"], headers)
    assert done["status"] == "done" and done["verdict"] == "accepted", done
    assert done["report"]["passed"] == done["report"]["total"] == 2
    assert done["problem"] == "add-one" and done["mode"] == "submit"
    history = env.client.get("/api/submissions?problem=add-one", headers=headers).json()
    assert [h["id"] for h in history] == [done["id"]]
    # The editorial is unlocked by the accepted submission, without a "show me" record.
    editorial = env.client.post("/api/problems/add-one/editorial", headers=headers).json()
    assert "EDITORIAL-TEXT" in editorial["html"] and editorial["reason"] == "accepted"
    assert env.client.get("/api/problems", headers=headers).json()[0]["status"] == "solved"


def test_wrong_answer_hides_hidden_inputs(env):
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    attempt = env.client.post("/api/problems/add-one/submissions", json={"code": ADD_ONE_WRONG}, headers=headers).json()
    done = wait_done(env.client, attempt["id"], headers)
    assert done["verdict"] == "wrong_answer"
    visible, hidden = done["report"]["tests"]
    assert visible["message"] and "input" in visible and "output" in visible
    assert hidden["hidden"] and not {"input", "expected", "output"} & set(hidden)
    assert "123456.5" not in str(done)


def test_run_mode_uses_samples_only(env):
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    attempt = env.client.post(
        "/api/problems/add-one/submissions", json={"code": ADD_ONE_CORRECT, "mode": "run"}, headers=headers
    ).json()
    done = wait_done(env.client, attempt["id"], headers)
    assert done["verdict"] == "accepted" and done["mode"] == "run"
    assert [t["name"] for t in done["report"]["tests"]] == ["sample-1"]
    # A run does not unlock the editorial; "show me" does, and is recorded.
    editorial = env.client.post("/api/problems/add-one/editorial", headers=headers).json()
    assert editorial["reason"] == "shown"


def test_draft_is_saved_and_offered(env):
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    saved = env.client.put("/api/problems/add-one/draft", json={"code": "# my draft"}, headers=headers)
    assert saved.status_code == 204
    assert env.client.get("/api/problems/add-one", headers=headers).json()["draft"] == "# my draft"


def test_qa_card_reveal_and_rate(env):
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    detail = env.client.get("/api/problems/lora-is-not-compression-demo").json()
    assert "MODEL-ANSWER-TEXT" not in str(detail)
    revealed = env.client.post("/api/problems/lora-is-not-compression-demo/reveal", headers=headers).json()
    assert "MODEL-ANSWER-TEXT" in revealed["answer"] and len(revealed["key_points"]) == 3
    zh = env.client.post("/api/problems/lora-is-not-compression-demo/reveal?lang=zh", headers=headers).json()
    assert zh["key_points"][0] == "基座权重大小不变"
    saved = env.client.post(
        "/api/problems/lora-is-not-compression-demo/qa-attempts",
        headers=headers,
        json={"answer": "No, the base stays.", "key_points_hit": [0, 2], "rating": "good"},
    )
    assert saved.status_code == 201, saved.text
    assert saved.json()["key_points_hit"] == [0, 2]
    bad = env.client.post(
        "/api/problems/lora-is-not-compression-demo/qa-attempts",
        headers=headers,
        json={"answer": "x", "key_points_hit": [9], "rating": "good"},
    )
    assert bad.status_code == 422 and "detail" in bad.json()
    history = env.client.get("/api/submissions", headers=headers).json()
    assert history[0]["mode"] == "qa" and history[0]["status"] == "done"


def test_bad_input_is_json_never_500(env):
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    cases = [
        env.client.post("/api/problems/add-one/submissions", content=b"{not json", headers=headers),
        env.client.post("/api/problems/add-one/submissions", json={"code": 5}, headers=headers),
        env.client.post("/api/problems/add-one/submissions", json={"code": "x", "mode": "fly"}, headers=headers),
        env.client.get("/api/submissions/not-a-number", headers=headers),
        env.client.get("/api/submissions/99999999999999999999999", headers=headers),
        env.client.get("/api/submissions/1?wait=-3", headers=headers),
        env.client.post("/api/problems/lora-is-not-compression-demo/submissions", json={"code": "x"}, headers=headers),
    ]
    for response in cases:
        assert 400 <= response.status_code < 500, (response.status_code, response.text)
        assert set(response.json()) == {"detail"} and isinstance(response.json()["detail"], str)


def test_times_carry_their_zone(env):
    """Schemathesis found `"created_at": "2026-11-28T21:34:17.888990"`: no zone, so not an RFC 3339 date-time."""
    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    queued = env.client.post("/api/problems/add-one/submissions", json={"code": ADD_ONE_CORRECT}, headers=headers)
    done = wait_done(env.client, queued.json()["id"], headers)
    answered = env.client.post(
        "/api/problems/lora-is-not-compression-demo/qa-attempts",
        headers=headers,
        json={"answer": "No.", "rating": "hard"},
    ).json()
    history = env.client.get("/api/submissions", headers=headers).json()
    stamps = [done["created_at"], done["finished_at"], answered["created_at"]] + [h["created_at"] for h in history]
    for stamp in stamps:
        moment = datetime.fromisoformat(stamp)
        assert moment.utcoffset() == timedelta(0), stamp
        assert abs(datetime.now(UTC) - moment) < timedelta(hours=1), stamp


def test_every_error_is_documented_as_a_detail_message(env):
    """Schemathesis found `GET /api/problems/0` answering an undocumented 404; the 422 documented was FastAPI's list."""
    schema = env.client.get("/openapi.json").json()
    error = {"$ref": "#/components/schemas/ErrorOut"}
    assert schema["components"]["schemas"]["ErrorOut"]["required"] == ["detail"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith("4"):
                    assert response["content"]["application/json"]["schema"] == error, (method, path, status)
    assert "401" in schema["paths"]["/api/me"]["get"]["responses"]
    assert "404" in schema["paths"]["/api/problems/{slug}"]["get"]["responses"]
    assert "429" in schema["paths"]["/api/problems/{slug}/submissions"]["post"]["responses"]
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    missing = env.client.get("/api/problems/0")
    assert missing.status_code == 404 and missing.json() == {"detail": "No problem named '0'."}


def test_stored_reports_show_hidden_tests_by_verdict_alone(env):
    """A report stored by an older grader carried a hidden test's time and message: readers never see them."""
    from sqlalchemy import create_engine, update
    from sqlalchemy.orm import Session

    from app.models import Attempt
    from grader.result import HIDDEN_MESSAGES, HIDDEN_MESSAGES_ZH, Verdict

    make_user(env, "alice")
    headers = bearer(env.client, "alice")
    queued = env.client.post("/api/problems/add-one/submissions", json={"code": ADD_ONE_WRONG}, headers=headers)
    attempt_id = queued.json()["id"]
    report = wait_done(env.client, attempt_id, headers)["report"]
    for test in report["tests"]:
        if test["hidden"]:
            test.update(name="wide-5x9", time_ms=123.25, message="got 0.25, expected LEAKED-VALUE", input="x = 1")
    with Session(create_engine(env.db_url)) as session:
        session.execute(update(Attempt).where(Attempt.id == attempt_id).values(report=report))
        session.commit()
    body = env.client.get(f"/api/submissions/{attempt_id}", headers=headers).json()
    hidden = [t for t in body["report"]["tests"] if t["hidden"]]
    assert hidden and all(
        t
        == {
            "name": f"hidden-{i}",
            "hidden": True,
            "verdict": t["verdict"],
            "time_ms": None,
            "message": HIDDEN_MESSAGES[Verdict(t["verdict"])],
            "message_zh": HIDDEN_MESSAGES_ZH[Verdict(t["verdict"])],
        }
        for i, t in enumerate(hidden, start=1)
    )
    page = env.client.get(f"/submissions/{attempt_id}", headers=headers).text
    assert "hidden-1" in page
    for leaked in ("LEAKED-VALUE", "wide-5x9", "123.2"):
        assert leaked not in body["report"].__repr__() and leaked not in page


ZEROS = "import numpy as np\n\n\ndef add_one(x):\n    return np.zeros(len(x))\n"
SAMPLE_ONLY_RIGHT = (
    "import numpy as np\n\n\ndef add_one(x):\n    x = np.asarray(x, dtype=float)\n"
    "    return x + 1 if x[0] == 1.0 else np.zeros_like(x)\n"
)


def test_a_known_mistake_is_named_from_the_samples_only(env):
    """The learner's zeros match the known-wrong `zeros` on the sample: the report names it, in both languages and
    rendered; code that is right on the sample and equals the same mistake on the hidden test gets no diagnosis."""
    files = dict(ADD_ONE)
    files["wrong/zeros.toml"] = (
        'verdict = "wrong_answer"\n'
        'diagnosis = "This returns zeros: the statement asks for $x + 1$."\n'
        'diagnosis_zh = "这里返回全零，题目要求 $x + 1$。"\n'
    )
    add_problem(env.db_url, "add-one-diagnosed", files)
    make_user(env, "dana")
    headers = bearer(env.client, "dana")
    url = "/api/problems/add-one-diagnosed/submissions"
    wrong = env.client.post(url, json={"code": ZEROS, "mode": "submit"}, headers=headers).json()["id"]
    report = wait_done(env.client, wrong, headers)["report"]
    assert report["verdict"] == "wrong_answer"
    diagnosis = report["diagnosis"]
    assert diagnosis["kind"] == "mistake" and diagnosis["name"] == "zeros"
    assert diagnosis["message"] == "This returns zeros: the statement asks for $x + 1$."
    assert diagnosis["message_zh"].startswith("这里返回全零") and "<math" in diagnosis["message_zh_html"]
    assert all("diagnosis" not in t for t in report["tests"] if t["hidden"])
    sneaky = env.client.post(url, json={"code": SAMPLE_ONLY_RIGHT, "mode": "submit"}, headers=headers).json()["id"]
    report = wait_done(env.client, sneaky, headers)["report"]
    assert report["verdict"] == "wrong_answer" and report["diagnosis"] is None
    page = env.client.get(f"/submissions/{wrong}?lang=zh", headers=headers).text
    assert "这看起来是一个常见错误" in page and "这里返回全零" in page


def test_card_key_points_and_wrong_answers_render_their_math(env):
    """A key point or wrong answer with LaTeX comes back as sanitised HTML with MathML, not raw `$...$`."""
    card = dict(QA_CARD)
    card["problem.toml"] = card["problem.toml"].replace(
        '"The base weights stay full size"', '"The update $\\\\Delta W = BA$ has rank at most $r$"'
    )
    assert "Delta W" in card["problem.toml"]
    add_problem(env.db_url, "lora-math-card", card)
    make_user(env, "erin")
    revealed = env.client.post("/api/problems/lora-math-card/reveal", headers=bearer(env.client, "erin")).json()
    assert revealed["key_points"][0] == "The update $\\Delta W = BA$ has rank at most $r$"
    html = revealed["key_points_html"][0]
    assert (
        html.startswith('The update <span class="math inline"><math')
        and "Δ" in html
        and "$" not in html
        and "<p>" not in html
    )
    assert len(revealed["wrong_answers_html"]) == len(revealed["wrong_answers"])
