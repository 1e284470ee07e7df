"""Schemathesis fuzzes the live OpenAPI schema of a real server, as a learner and as an instructor.

Every request must get a documented status and a body that matches the schema, never a 5xx, and no request may
hang: each answers within 5 s (plus the `wait` a long-poll asks for). The example count is bounded and the run
derandomized, so the same requests are made on every run and the whole file fits in a few minutes on 2 cores.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import CheckContext
from schemathesis.core.failures import ResponseTimeExceeded
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app.auth import create_user
from app.config import Settings
from app.main import create_app
from tests.app.conftest import add_sample_problems
from tests.app.webapp import ADD_ONE_CORRECT, SECRET

SLUGS = ("add-one", "lora-is-not-compression-demo")
HANG_BOUND_S = 5.0
MAX_EXAMPLES = 25


def answers_in_time(ctx: CheckContext, response, case) -> bool | None:
    """No request hangs: a correctness bound, not a speed target; a long-poll may add the `wait` it asked for."""
    wait = (case.query or {}).get("wait") if case.path == "/api/submissions/{attempt_id}" else None
    bound = HANG_BOUND_S + (float(wait) if isinstance(wait, int | float) and 0 <= wait <= 30 else 0)
    if response.elapsed > bound:
        raise ResponseTimeExceeded(operation=case.operation.label, message=f"took {response.elapsed:.2f} s",
                                   elapsed=response.elapsed, deadline=bound)
    return None


CHECKS = [schemathesis.checks.not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, answers_in_time]


@pytest.fixture(scope="module")
def live(template_db, tmp_path_factory):
    """A live uvicorn on 127.0.0.1 over a migrated SQLite file, with a learner and an instructor and some history."""
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copy(template_db, folder / "fuzz.db")
    url = f"sqlite:///{folder / 'fuzz.db'}"
    add_sample_problems(url)
    # A low submit limit, so the fuzzer meets the 429 answer too.
    settings = Settings(database_url=url, secret_key=SECRET, secret_key_file=folder / "secret", warm_sandbox=False,
                        submit_rate_limit=8, grading_workers=2)
    app = create_app(settings)
    with app.state.sessionmaker() as session:
        create_user(session=session, username="fuzz-learner", password="password123")
        create_user(session=session, username="fuzz-instructor", password="password123", is_instructor=True)
        session.commit()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn_server(app, port)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    tokens = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        for role in ("learner", "instructor"):
            response = client.post("/api/token", data={"username": f"fuzz-{role}", "password": "password123"})
            assert response.status_code == 200, response.text
            tokens[role] = response.json()["access_token"]
            headers = {"Authorization": f"Bearer {tokens[role]}"}
            # Some history of each kind, so that ids and slugs the fuzzer picks can name real records.
            queued = client.post("/api/problems/add-one/submissions", headers=headers,
                                 json={"code": ADD_ONE_CORRECT, "mode": "submit"})
            assert queued.status_code == 202, queued.text
            client.get(f"/api/submissions/{queued.json()['id']}?wait=20", headers=headers)
            answered = client.post("/api/problems/lora-is-not-compression-demo/qa-attempts", headers=headers,
                                   json={"answer": "No.", "key_points_hit": [0], "rating": "good"})
            assert answered.status_code == 201, answered.text
    yield type("Live", (), {"url": base, "tokens": tokens})
    server.should_exit = True
    thread.join(timeout=10)


def uvicorn_server(app, port: int):
    import uvicorn

    return uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))


def live_schema(live, role: str):
    schema = schemathesis.openapi.from_url(f"{live.url}/openapi.json")
    schema.config.update(base_url=live.url, headers={"Authorization": f"Bearer {live.tokens[role]}"})
    schema.config.generation.update(max_examples=MAX_EXAMPLES, deterministic=True, no_shrink=True)

    @schema.hook
    def flatmap_path_parameters(context, path_parameters):
        """Point some cases at real records: the sample problems and the first attempts."""
        choices = [path_parameters]
        if path_parameters and "slug" in path_parameters:
            choices += [{**path_parameters, "slug": slug} for slug in SLUGS]
        if path_parameters and "attempt_id" in path_parameters:
            choices += [{**path_parameters, "attempt_id": n} for n in (1, 2, 3, 4)]
        return st.sampled_from(choices)

    return schema


FUZZ_SETTINGS = settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                         phases=[Phase.explicit, Phase.generate],
                         suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                                HealthCheck.data_too_large])


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("role", ["learner", "instructor"])
def test_api_holds_under_fuzzing(live, role, mode):
    """Every operation, fuzzed with valid (positive) or invalid (negative) requests; all failures are reported."""
    schema = live_schema(live, role)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @FUZZ_SETTINGS
        @given(case=operation.as_strategy(generation_mode=mode))
        def fuzz(case):
            case.call_and_validate(checks=CHECKS, timeout=60)

        try:
            fuzz()
        except Unsatisfiable:
            # No invalid request exists for this operation (no parameters, or only free-form strings).
            assert mode == GenerationMode.NEGATIVE, f"{operation.label} generated no valid request"
        except (Exception, BaseExceptionGroup) as exc:  # each operation's failures are collected, then all reported
            failures.append(f"{operation.label}:\n{exc}")
    assert not failures, "\n\n".join(failures)
