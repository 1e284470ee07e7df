"""Schemathesis fuzzes the live OpenAPI schema of a real server, as a learner and as an instructor.

Every request must get a documented status and a body that matches the schema, never a 5xx, and no request may
hang: each answers within 5 s (plus the `wait` a long-poll asks for). The example count is bounded and the run
derandomized, so the same inputs are generated on every run and the whole file fits in a few minutes on 2 cores.

Each operation runs as a plain Hypothesis test over schemathesis' strategy for it: the schema exists only once the
server runs, and schemathesis' pytest loader for such schemas (`from_fixture`) fails on pytest 9 (`_nodeid`).
"""

from __future__ import annotations

import shutil

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
from tests.app.webapp import ADD_ONE_CORRECT, SECRET, live_server

SLUGS = ("add-one", "lora-is-not-compression-demo")
HANG_BOUND_S = 5.0
MAX_EXAMPLES = 25
ROLES = ("learner", "instructor")
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)


def answers_in_time(ctx: CheckContext, response, case) -> bool | None:
    """No request hangs: a correctness bound, not a speed target; a long-poll may add the `wait` it asked for."""
    wait = (case.query or {}).get("wait") if case.path == "/api/submissions/{attempt_id}" else None
    bound = HANG_BOUND_S + (float(wait) if isinstance(wait, int | float) and 0 <= wait <= 30 else 0)
    if response.elapsed > bound:
        raise ResponseTimeExceeded(
            operation=case.operation.label,
            message=f"took {response.elapsed:.2f} s",
            elapsed=response.elapsed,
            deadline=bound,
        )
    return None


CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    answers_in_time,
]


@pytest.fixture(scope="module")
def live(template_db, tmp_path_factory):
    """A live uvicorn on 127.0.0.1 over a migrated SQLite file, with a learner and an instructor and some history."""
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copy(template_db, folder / "fuzz.db")
    url = f"sqlite:///{folder / 'fuzz.db'}"
    add_sample_problems(url)
    # A low submit limit, so the fuzzer meets the 429 answer too.
    settings = Settings(
        database_url=url,
        secret_key=SECRET,
        secret_key_file=folder / "secret",
        warm_sandbox=False,
        submit_rate_limit=8,
        grading_workers=2,
    )
    app = create_app(settings)
    with app.state.sessionmaker() as session:
        create_user(session=session, username="fuzz-learner", password="password123")
        create_user(session=session, username="fuzz-instructor", password="password123", is_instructor=True)
        session.commit()
    with live_server(app) as base:
        yield type("Live", (), {"url": base, "tokens": take_tokens_and_history(base)})


def take_tokens_and_history(base: str) -> dict:
    """Each role's bearer tokens, and one graded submission and one Q&A attempt each."""
    tokens = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        for role in ROLES:
            # One token for the run, and a spare per mode for operations that end the session they run with
            # (all taken now: the fuzzer's own token requests soon meet the per-IP login throttle).
            for key in (role, *((role, mode) for mode in MODES)):
                response = client.post("/api/token", data={"username": f"fuzz-{role}", "password": "password123"})
                assert response.status_code == 200, response.text
                tokens[key] = {"Authorization": f"Bearer {response.json()['access_token']}"}
            # Some history of each kind, so that ids and slugs the fuzzer picks can name real records.
            queued = client.post(
                "/api/problems/add-one/submissions",
                headers=tokens[role],
                json={"code": ADD_ONE_CORRECT, "mode": "submit"},
            )
            assert queued.status_code == 202, queued.text
            client.get(f"/api/submissions/{queued.json()['id']}?wait=20", headers=tokens[role])
            answered = client.post(
                "/api/problems/lora-is-not-compression-demo/qa-attempts",
                headers=tokens[role],
                json={"answer": "No.", "key_points_hit": [0], "rating": "good"},
            )
            assert answered.status_code == 201, answered.text
    return tokens


def live_schema(url: str):
    """The schema the server publishes, with some path parameters pointed at real records."""
    schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
    schema.config.update(base_url=url)

    @schema.hook
    def flatmap_path_parameters(context, path_parameters):
        choices = [path_parameters]
        if path_parameters and "slug" in path_parameters:
            choices += [{**path_parameters, "slug": slug} for slug in SLUGS]
        if path_parameters and "attempt_id" in path_parameters:
            choices += [{**path_parameters, "attempt_id": n} for n in (1, 2, 3, 4)]
        return st.sampled_from(choices)

    return schema


FUZZ_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)


def fuzz(operation, mode: GenerationMode, headers: dict[str, str]) -> None:
    @FUZZ_SETTINGS
    @given(case=operation.as_strategy(generation_mode=mode))
    def examples(case):
        case.call_and_validate(headers=headers, checks=CHECKS, timeout=60)

    examples()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("role", ROLES)
def test_api_holds_under_fuzzing(live, role, mode):
    """Every operation, fuzzed with valid (positive) or invalid (negative) requests; all failures are reported."""
    schema = live_schema(live.url)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        headers = live.tokens[(role, mode) if operation.path.endswith("/logout") else role]

        try:
            fuzz(operation, mode, headers)
        except Unsatisfiable:
            # No invalid request exists for this operation (no parameters, or only free-form strings).
            assert mode == GenerationMode.NEGATIVE, f"{operation.label} generated no valid request"
        except (Exception, BaseExceptionGroup) as exc:  # each operation's failures are collected, then all reported
            failures.append(f"{operation.label}:\n{exc}")
    assert not failures, "\n\n".join(failures)
    # Still fuzzing as that user, not as a stranger whose every request got 401.
    assert httpx.get(f"{live.url}/api/me", headers=live.tokens[role]).json()["username"] == f"fuzz-{role}"
