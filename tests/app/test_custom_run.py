"""Custom runs through the API, the real sandbox and a real SQLite file: fields, results, 4xx answers, the rate
limit, no database connection held while running, and the reference's source never in any response."""

from __future__ import annotations

import threading
import time

from fastapi.testclient import TestClient

from tests.app.webapp import ADD_ONE, ADD_ONE_CORRECT, add_problem, bearer, make_user, one_connection, wait_done

LEAKY_REFERENCE = (
    "import numpy as np\n\n\ndef add_one(x):\n"
    "    if x.size and x[0] < 0:\n"
    "        raise ValueError('LEAKY-REFERENCE-LINE')  # LEAKY-REFERENCE-LINE\n"
    "    print('LEAKY-REFERENCE-PRINT')\n"
    "    return np.asarray(x) + 1.0\n"
)


def login(env, name: str = "alice") -> dict[str, str]:
    make_user(env, name)
    return bearer(env.client, name)


def post(env, headers, code=ADD_ONE_CORRECT, args=None, slug="add-one"):
    body = {"code": code, "args": {"x": "[1.0, 2.0]"} if args is None else args}
    return env.client.post(f"/api/problems/{slug}/custom-run", json=body, headers=headers)


def test_fields_are_sample_one_as_literals(env):
    response = env.client.get("/api/problems/add-one/custom-run")
    assert response.status_code == 200 and response.json() == {"args": {"x": "[1.0, 2.0]"}}
    assert env.client.get("/api/problems/lora-is-not-compression-demo/custom-run").status_code == 422
    assert env.client.get("/api/problems/nope/custom-run").status_code == 404


def test_own_input_against_the_reference(env):
    headers = login(env)
    ok = post(env, headers, args={"x": "(10, 20, 30, 40)"})
    assert ok.status_code == 200, ok.text
    body = ok.json()
    assert body["verdict"] == "accepted" and body["output"] == body["reference_output"]
    assert "41." in body["output"]
    wrong = post(env, headers, code="def add_one(x):\n    print('mine')\n    return x + 2\n").json()
    assert wrong["verdict"] == "wrong_answer" and wrong["message"] and wrong["stdout"] == "mine\n"
    crash = post(env, headers, code="def add_one(x):\n    return 1 / 0\n").json()
    assert crash["verdict"] == "runtime_error" and "ZeroDivisionError" in crash["message"]
    assert crash["output"] is None and crash["reference_output"] == "array([2., 3.], dtype=float64)"
    # nothing is stored: a custom run is not an attempt
    assert env.client.get("/api/submissions", headers=headers).json() == []


def test_unusable_input_is_a_clear_422(env):
    headers = login(env)
    for args, words in [
        ({"x": "[1.0, 2.0"}, "`x`: not a Python literal"),
        ({"x": "[1.0, 'a']"}, "`x`: the array must hold numbers"),
        ({"x": "open('/etc/passwd')"}, "`x`: not a Python literal"),
        ({}, "`x`: missing"),
        ({"x": "[1]", "y": "2"}, "`y`: not a parameter"),
        ({"x": "[[1.0]]"}, "`x`: must be a 1-D array"),
        ({"x": "[" + "1.0, " * 20_000 + "]"}, "KiB"),
    ]:
        response = post(env, headers, args=args)
        assert response.status_code == 422, (args, response.text)
        assert words in response.json()["detail"], response.json()
    qa = post(env, headers, slug="lora-is-not-compression-demo")
    assert qa.status_code == 422 and "Q&A" in qa.json()["detail"]
    assert post(env, {}).status_code == 401


def test_custom_runs_count_as_submissions_for_the_rate_limit(make_env):
    env = make_env(submit_rate_limit=2)
    headers = login(env)
    assert post(env, headers).status_code == 200
    queued = env.client.post("/api/problems/add-one/submissions", json={"code": ADD_ONE_CORRECT}, headers=headers)
    assert queued.status_code == 202
    limited = post(env, headers)
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    wait_done(env.client, queued.json()["id"], headers)


def test_reference_source_and_output_never_reach_the_learner(env):
    files = dict(ADD_ONE, **{"reference.py": LEAKY_REFERENCE})
    add_problem(env.db_url, "leaky-add-one", files)
    headers = login(env)
    responses = [
        env.client.get("/api/problems/leaky-add-one/custom-run"),
        post(env, headers, slug="leaky-add-one"),
        post(env, headers, slug="leaky-add-one", args={"x": "[-1.0]"}),
        post(env, headers, slug="leaky-add-one", code="def add_one(x):\n    return x[99]\n", args={"x": "[-1.0]"}),
        post(env, headers, slug="leaky-add-one", args={"x": "[-1.0"}),
        env.client.get("/problems/leaky-add-one", headers=headers),
    ]
    failed = responses[2].json()
    assert failed["verdict"] is None and "raised ValueError" in failed["message"] and failed["output"]
    assert responses[3].json()["verdict"] == "runtime_error"
    for response in responses:
        assert response.status_code in (200, 422)
        assert "LEAKY-REFERENCE" not in response.text and "REFERENCE-SECRET" not in response.text


def test_running_holds_no_database_connection(env):
    headers = login(env)
    database = one_connection(env)
    slow = "import time\n\ndef add_one(x):\n    time.sleep(1.5)\n    return x + 1\n"
    results = []
    runner = threading.Thread(target=lambda: results.append(post(env, headers, code=slow)))
    runner.start()
    queue = env.app.state.queue
    while not (queue._reserved and database.pool.checkedout() == 0):  # in the run, its connection given back
        assert runner.is_alive(), results
        time.sleep(0.01)
    other = TestClient(env.app).get("/api/problems")
    assert other.status_code == 200 and runner.is_alive()  # served while the run still runs
    runner.join()
    assert results[0].status_code == 200 and results[0].json()["verdict"] == "accepted"


def test_another_users_attempt_cannot_be_loaded(env):
    alice = login(env, "alice")
    queued = env.client.post("/api/problems/add-one/submissions", json={"code": ADD_ONE_CORRECT}, headers=alice)
    attempt = wait_done(env.client, queued.json()["id"], alice)
    assert attempt["code"] == ADD_ONE_CORRECT  # what "Load into editor" reads
    bob = login(env, "bob")
    response = env.client.get(f"/api/submissions/{attempt['id']}", headers=bob)
    assert response.status_code == 404 and ADD_ONE_CORRECT not in response.text
