"""Instructor authoring: create, validate in the sandbox, publish, unpublish, zip export/import, attempts, and the
teaching content (hints, diagnoses) written in the form."""

from __future__ import annotations

import io
import threading
import time
import tomllib
import zipfile

from fastapi.testclient import TestClient

import grader
from tests.app.webapp import ADD_ONE, ADD_ONE_CORRECT, bearer, csrf_of, make_user, one_connection, wait_done


def login(env, username: str) -> tuple[TestClient, str]:
    client = TestClient(env.app)
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login", data={"username": username, "password": "password123", "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303
    return client, csrf_of(client.get("/").text)


CODE_FORM = {
    "kind": "code",
    "create": "1",
    "slug": "double-it",
    "title": "Double it",
    "title_zh": "乘以二",
    "difficulty": "easy",
    "topic": "training",
    "tags": "warm-up, numpy",
    "flavour": "numpy",
    "entry": "double",
    "time_ms": "2000",
    "memory_mb": "256",
    "checker": "allclose",
    "rtol": "1e-9",
    "atol": "1e-12",
    "seed": "3",
    "statement.md": "Return $2x$.",
    "statement.zh.md": "返回 $2x$。",
    "editorial.md": "Multiply by two.",
    "editorial.zh.md": "乘以二。",
    "starter.py": "def double(x):\n    raise NotImplementedError\n",
    "reference.py": "import numpy as np\n\ndef double(x):\n    return np.asarray(x) * 2.0\n",
    "generator.py": (
        "import numpy as np\n\ndef generate(seed):\n    rng = np.random.default_rng(seed)\n"
        "    return [{'name': f'case-{i}', 'hidden': i > 0, 'args': {'x': rng.normal(size=4) + 3}}"
        " for i in range(3)]\n"
    ),
    "wrong_name": "triple",
    "wrong_code": "def double(x):\n    return x * 3\n",
    "wrong_diagnosis": "This multiplies by three; the statement asks for $2x$.",
    "wrong_diagnosis_zh": "这里乘以了三；题目要求 $2x$。",
    "hints_1": "Scale the input.",
    "hints_2": "By a constant factor.",
    "hints_3": "Return `2 * x`.",
    "hints_zh_1": "缩放输入。",
    "hints_zh_2": "乘以一个常数。",
    "hints_zh_3": "返回 `2 * x`。",
}


def test_create_validate_publish_and_learner_solves(env):
    make_user(env, "teacher", instructor=True)
    make_user(env, "alice")
    teacher, token = login(env, "teacher")
    saved = teacher.post("/author/save", data={**CODE_FORM, "csrf_token": token}, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    edit = teacher.get("/author/double-it/edit")
    assert "draft" in edit.text and 'id="publish"' in edit.text and "disabled" in edit.text
    # Learners cannot see a draft.
    assert env.client.get("/api/problems/double-it").status_code == 404
    # Publishing before validation is refused.
    early = teacher.post("/author/double-it/publish", data={"csrf_token": token})
    assert early.status_code == 409
    validated = teacher.post("/author/double-it/validate", data={"csrf_token": token})
    assert validated.status_code == 200 and 'id="validation-ok"' in validated.text, validated.text
    assert teacher.post("/author/double-it/publish", data={"csrf_token": token}).status_code == 200
    headers = bearer(env.client, "alice")
    attempt = env.client.post(
        "/api/problems/double-it/submissions", headers=headers, json={"code": "def double(x):\n    return x + x\n"}
    ).json()
    assert wait_done(env.client, attempt["id"], headers)["verdict"] == "accepted"
    attempts = teacher.get("/author/double-it/attempts")
    assert "alice" in attempts.text and f"/submissions/{attempt['id']}" in attempts.text
    assert teacher.get(f"/api/submissions/{attempt['id']}").status_code == 200
    # Unpublishing hides it again.
    teacher.post("/author/double-it/unpublish", data={"csrf_token": token})
    assert env.client.get("/api/problems/double-it").status_code == 404


def test_validation_failures_are_listed_and_block_publishing(env):
    make_user(env, "teacher", instructor=True)
    teacher, token = login(env, "teacher")
    form = {**CODE_FORM, "reference.py": "def double(x):\n    return x * 3\n", "csrf_token": token}
    teacher.post("/author/save", data=form)
    page = teacher.post("/author/double-it/validate", data={"csrf_token": token}).text
    assert 'id="validation-errors"' in page
    assert teacher.post("/author/double-it/publish", data={"csrf_token": token}).status_code == 409


def test_broken_files_are_not_saved_and_form_keeps_input(env):
    make_user(env, "teacher", instructor=True)
    teacher, token = login(env, "teacher")
    form = {**CODE_FORM, "entry": "not an identifier", "reference.py": "def (:", "csrf_token": token}
    response = teacher.post("/author/save", data=form)
    assert response.status_code == 422
    assert "Python identifier" in response.text and "syntax error" in response.text
    assert "Return $2x$." in response.text
    taken = teacher.post("/author/save", data={**CODE_FORM, "slug": "add-one", "csrf_token": token})
    assert taken.status_code == 409 and "taken" in taken.text


def test_learners_cannot_author(env):
    make_user(env, "alice")
    alice, token = login(env, "alice")
    assert alice.get("/author").status_code == 403
    assert alice.post("/author/save", data={**CODE_FORM, "csrf_token": token}).status_code == 403


def test_zip_export_and_import_round_trip(env):
    make_user(env, "teacher", instructor=True)
    teacher, token = login(env, "teacher")
    exported = teacher.get("/author/add-one/export")  # a built-in problem
    assert exported.status_code == 200 and exported.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(exported.content)).namelist()
    assert "add-one/problem.toml" in names and "add-one/reference.py" in names
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        for name, text in ADD_ONE.items():
            archive.writestr(f"plus-one/{name}", text)
        archive.writestr("plus-one/../../evil.py", "x")
        archive.writestr("plus-one/image.png", "binary")
    imported = teacher.post(
        "/author/import",
        data={"csrf_token": token},
        files={"package": ("plus-one.zip", package.getvalue(), "application/zip")},
    )
    assert imported.status_code == 200 and "Imported" in imported.text, imported.text
    again = teacher.get("/author/plus-one/export")
    assert sorted(zipfile.ZipFile(io.BytesIO(again.content)).namelist()) == sorted(f"plus-one/{n}" for n in ADD_ONE)
    bad = teacher.post(
        "/author/import", data={"csrf_token": token}, files={"package": ("x.zip", b"not a zip", "application/zip")}
    )
    assert bad.status_code == 400 and "not a zip" in bad.text
    clash = io.BytesIO()
    with zipfile.ZipFile(clash, "w") as archive:
        for name, text in ADD_ONE.items():
            archive.writestr(f"add-one/{name}", text)
    taken = teacher.post(
        "/author/import",
        data={"csrf_token": token},
        files={"package": ("add-one.zip", clash.getvalue(), "application/zip")},
    )
    assert taken.status_code == 409


def test_qa_card_authoring(env):
    make_user(env, "teacher", instructor=True)
    teacher, token = login(env, "teacher")
    form = {
        "kind": "qa",
        "create": "1",
        "slug": "what-is-kv-cache",
        "title": "What is a KV cache?",
        "title_zh": "什么是 KV 缓存？",
        "difficulty": "easy",
        "topic": "transformers",
        "tags": "inference",
        "question.md": "What is it?",
        "question.zh.md": "它是什么？",
        "answer.md": "It stores the keys and values of earlier tokens. " * 10,
        "answer.zh.md": "它保存键和值。",
        "key_points": "stores K and V\nper layer\nsaves recompute",
        "key_points_zh": "存 K 和 V\n每层\n省重算",
        "wrong_answers": "it caches outputs",
        "wrong_answers_zh": "它缓存输出",
        "csrf_token": token,
    }
    assert teacher.post("/author/save", data=form, follow_redirects=False).status_code == 303
    assert 'id="validation-ok"' in teacher.post("/author/what-is-kv-cache/validate", data={"csrf_token": token}).text
    teacher.post("/author/what-is-kv-cache/publish", data={"csrf_token": token})
    assert env.client.get("/api/problems/what-is-kv-cache").json()["kind"] == "qa"


def test_preview_renders_math_for_instructors_only(env):
    make_user(env, "teacher", instructor=True)
    make_user(env, "alice")
    preview = env.client.post(
        "/api/preview", json={"markdown": "$x^2$ <script>x</script>"}, headers=bearer(env.client, "teacher")
    )
    assert "<math" in preview.json()["html"] and "<script" not in preview.json()["html"]
    learner = env.client.post("/api/preview", json={"markdown": "x"}, headers=bearer(env.client, "alice"))
    assert learner.status_code == 403


def test_editing_a_published_problem_keeps_it_live(env):
    make_user(env, "teacher", instructor=True)
    teacher, token = login(env, "teacher")
    teacher.post("/author/save", data={**CODE_FORM, "csrf_token": token})
    teacher.post("/author/double-it/validate", data={"csrf_token": token})
    teacher.post("/author/double-it/publish", data={"csrf_token": token})
    assert env.client.get("/api/problems/double-it").status_code == 200
    edit = {**CODE_FORM, "create": "", "statement.md": "Return twice $x$.", "csrf_token": token}
    teacher.post("/author/save", data=edit)
    live = env.client.get("/api/problems/double-it")  # the edit waits in a draft (tests/app/test_versions.py)
    assert live.status_code == 200 and "Return $2x$." in live.json()["statement"]
    assert ADD_ONE_CORRECT  # keeps the shared fixture import honest


def test_zip_with_deeply_nested_toml_is_a_400(env, caplog):
    make_user(env, "teacher", instructor=True)
    teacher, token = login(env, "teacher")
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        deep = ADD_ONE["problem.toml"].replace("[limits]", "nested = " + "[" * 100_000 + "]" * 100_000 + "\n[limits]")
        for name, text in {**ADD_ONE, "problem.toml": deep}.items():
            archive.writestr(f"deep-one/{name}", text)
    response = teacher.post(
        "/author/import",
        data={"csrf_token": token},
        files={"package": ("deep-one.zip", package.getvalue(), "application/zip")},
    )
    assert response.status_code == 400 and "nested too deeply" in response.text
    assert "RecursionError" not in caplog.text
    assert teacher.get("/author/deep-one/edit").status_code == 404  # nothing was stored


def test_validate_holds_no_database_connection_while_the_sandbox_runs(env):
    make_user(env, "teacher", instructor=True)
    teacher, token = login(env, "teacher")
    form = {
        **CODE_FORM,
        "slug": "slow-double",
        "generator.py": CODE_FORM["generator.py"].replace("    rng =", "    import time\n    time.sleep(3)\n    rng ="),
    }
    assert teacher.post("/author/save", data={**form, "csrf_token": token}, follow_redirects=False).status_code == 303
    database = one_connection(env)
    pool = grader.default_pool()
    pool.wait_idle()
    results = []
    validator = threading.Thread(
        target=lambda: results.append(teacher.post("/author/slow-double/validate", data={"csrf_token": token}))
    )
    validator.start()
    while pool.free.qsize() == len(pool.slots):  # wait for the generator to take a sandbox slot
        assert validator.is_alive()
        time.sleep(0.01)
    assert database.pool.checkedout() == 0  # the request gave its connection back before validating
    validator.join()
    assert results[0].status_code == 200 and 'id="validation-ok"' in results[0].text, results[0].text


def test_a_must_fail_solution_pins_its_verdict(env):
    make_user(env, "teacher", instructor=True)
    teacher, token = login(env, "teacher")
    form = {**CODE_FORM, "slug": "double-pin", "wrong_verdict": "runtime_error", "csrf_token": token}
    assert teacher.post("/author/save", data=form, follow_redirects=False).status_code == 303
    edit = teacher.get("/author/double-pin/edit").text
    assert '<option value="runtime_error" selected>' in edit
    validated = teacher.post("/author/double-pin/validate", data={"csrf_token": token})
    assert "wrong/triple.py must get runtime_error (pinned in its sidecar) but got wrong_answer" in validated.text
    form["wrong_verdict"] = "wrong_answer"
    form.pop("create")
    assert teacher.post("/author/save", data=form, follow_redirects=False).status_code == 303
    validated = teacher.post("/author/double-pin/validate", data={"csrf_token": token})
    assert 'id="validation-ok"' in validated.text, validated.text


def test_hints_and_diagnoses_are_written_shown_again_and_travel_in_the_zip(env):
    make_user(env, "teacher", instructor=True)
    teacher, token = login(env, "teacher")
    tricky = 'Say "twice" \\ not\r\nthrice\x7f'  # quotes, a backslash, a newline, a DEL: TOML must stay valid
    form = {**CODE_FORM, "slug": "double-teach", "hints_2": tricky, "csrf_token": token}
    assert teacher.post("/author/save", data=form, follow_redirects=False).status_code == 303
    exported = teacher.get("/author/double-teach/export")
    archive = zipfile.ZipFile(io.BytesIO(exported.content))
    hints = tomllib.loads(archive.read("double-teach/hints.toml").decode())
    assert hints == {
        "hints": ["Scale the input.", 'Say "twice" \\ not\nthrice\x7f', "Return `2 * x`."],
        "hints_zh": ["缩放输入。", "乘以一个常数。", "返回 `2 * x`。"],
    }
    assert tomllib.loads(archive.read("double-teach/wrong/triple.toml").decode()) == {
        "verdict": "wrong_answer",
        "diagnosis": CODE_FORM["wrong_diagnosis"],
        "diagnosis_zh": CODE_FORM["wrong_diagnosis_zh"],
    }
    # The edit page shows them again, in their fields.
    edit = teacher.get("/author/double-teach/edit").text
    assert 'name="hints_1" rows="2"' in edit and ">Scale the input.</textarea>" in edit
    assert "Say &#34;twice&#34; \\ not\nthrice" in edit and ">返回 `2 * x`。</textarea>" in edit
    assert ">This multiplies by three; the statement asks for $2x$.</textarea>" in edit
    assert ">这里乘以了三；题目要求 $2x$。</textarea>" in edit
    # Re-imported under another slug, the package keeps them and validates.
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as copy:
        for name in archive.namelist():
            copy.writestr(name.replace("double-teach/", "double-copy/"), archive.read(name))
    imported = teacher.post(
        "/author/import",
        data={"csrf_token": token},
        files={"package": ("double-copy.zip", package.getvalue(), "application/zip")},
    )
    assert imported.status_code == 200 and ">Scale the input.</textarea>" in imported.text
    assert ">这里乘以了三；题目要求 $2x$。</textarea>" in imported.text
    validated = teacher.post("/author/double-copy/validate", data={"csrf_token": token})
    assert 'id="validation-ok"' in validated.text, validated.text


def test_validation_requires_every_diagnosis_and_three_hints_in_both_languages(env):
    make_user(env, "teacher", instructor=True)
    teacher, token = login(env, "teacher")
    form = {**CODE_FORM, "slug": "double-bare", "wrong_diagnosis_zh": "", "hints_3": "", "csrf_token": token}
    assert teacher.post("/author/save", data=form, follow_redirects=False).status_code == 303  # a draft may lack them
    page = teacher.post("/author/double-bare/validate", data={"csrf_token": token}).text
    assert "wrong/triple.toml needs a non-empty `diagnosis_zh`" in page
    assert "hints.toml: `hints` has 2 hints; a coding problem needs exactly 3" in page
    assert "`hints_zh`" not in page
    assert teacher.post("/author/double-bare/publish", data={"csrf_token": token}).status_code == 409
    edit = teacher.get("/author/double-bare/edit").text  # what was written is kept
    assert ">This multiplies by three; the statement asks for $2x$.</textarea>" in edit
    assert ">Return `2 * x`.</textarea>" not in edit and ">Scale the input.</textarea>" in edit


def test_a_refused_save_keeps_the_hints_and_diagnoses(env):
    make_user(env, "teacher", instructor=True)
    teacher, token = login(env, "teacher")
    form = {**CODE_FORM, "slug": "double-broken", "reference.py": "def (:", "csrf_token": token}
    response = teacher.post("/author/save", data=form)
    assert response.status_code == 422 and "syntax error" in response.text
    for key in ("wrong_diagnosis", "wrong_diagnosis_zh", "hints_1", "hints_zh_3"):
        assert f">{CODE_FORM[key]}</textarea>" in response.text
