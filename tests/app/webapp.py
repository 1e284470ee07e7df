"""Helpers for the web app tests: sample problems, users, tokens, and waiting for a verdict."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

from app.bank import apply_files
from app.config import Settings
from app.db import make_engine, make_sessionmaker
from app.grading import files_hash
from app.models import Problem, ProblemSource

SECRET = "test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"

ADD_ONE = {
    "problem.toml": """kind = "code"
title = "Add one"
title_zh = "加一"
difficulty = "easy"
topic = "training"
tags = ["warm-up"]
flavour = "numpy"
entry = "add_one"

[limits]
time_ms = 2000
memory_mb = 256

[checker]
name = "allclose"
rtol = 1e-9
atol = 1e-12
""",
    "statement.md": "Return $x + 1$ for an array `x`.\n\n$$y_i = x_i + 1$$\n",
    "statement.zh.md": "返回 $x + 1$。\n",
    "editorial.md": "Broadcasting adds one to every element: EDITORIAL-TEXT.\n",
    "starter.py": "import numpy as np\n\n\ndef add_one(x):\n    raise NotImplementedError\n",
    "reference.py": "import numpy as np\n\n\ndef add_one(x):\n    # REFERENCE-SECRET\n    return np.asarray(x) + 1.0\n",
    "cases.json": """[
 {"name": "sample-1", "hidden": false, "args": {"x": {"__ndarray__": [1.0, 2.0], "dtype": "float64"}}},
 {"name": "hidden-secret-case", "hidden": true, "args": {"x": {"__ndarray__": [123456.5, -7.25], "dtype": "float64"}}}
]
""",
    "wrong/zeros.py": "import numpy as np\n\n\ndef add_one(x):\n    return np.zeros_like(x)\n",
}
ADD_ONE_CORRECT = "import numpy as np\n\ndef add_one(x):\n    return x + 1\n"
ADD_ONE_WRONG = "import numpy as np\n\ndef add_one(x):\n    return x + 2\n"

QA_CARD = {
    "problem.toml": """kind = "qa"
title = "Why LoRA is not compression"
title_zh = "为什么 LoRA 不是压缩"
difficulty = "medium"
topic = "adaptation"
tags = ["lora"]
key_points = ["The base weights stay full size", "Only the adapter is low rank", "Merging restores a dense matrix"]
key_points_zh = ["基座权重大小不变", "只有适配器是低秩的", "合并后仍是稠密矩阵"]
wrong_answers = ["LoRA shrinks the model"]
wrong_answers_zh = ["LoRA 会缩小模型"]
""",
    "question.md": "Is LoRA a compression method?",
    "question.zh.md": "LoRA 是压缩方法吗？",
    "answer.md": "No. MODEL-ANSWER-TEXT: the frozen base stays full size.",
    "answer.zh.md": "不是。模型答案。",
}


@dataclass
class Env:
    app: object
    client: TestClient
    settings: Settings
    db_url: str

    def session(self):
        return self.app.state.sessionmaker()


def add_problem(
    db_url: str,
    slug: str,
    files: dict,
    *,
    published: bool = True,
    author_id: int | None = None,
    source: str = ProblemSource.AUTHORED,
) -> None:
    engine = make_engine(db_url)
    with make_sessionmaker(engine)() as session:
        problem = Problem(slug=slug, source=source, is_published=published, author_id=author_id)
        apply_files(problem, files)
        problem.validated_hash = files_hash(files)
        session.add(problem)
        session.commit()
    engine.dispose()


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert match, "page has no CSRF token"
    return match.group(1)


def register(client: TestClient, username: str, password: str = "password123") -> str:
    """Register through the HTML form; returns the session's CSRF token."""
    token = csrf_of(client.get("/register").text)
    response = client.post(
        "/register", data={"username": username, "password": password, "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/").text)


def make_user(env: Env, username: str, password: str = "password123", instructor: bool = False) -> None:
    from app.auth import create_user

    with env.session() as session:
        create_user(session=session, username=username, password=password, is_instructor=instructor)
        session.commit()


def bearer(client: TestClient, username: str, password: str = "password123") -> dict[str, str]:
    response = client.post("/api/token", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def wait_done(client: TestClient, attempt_id: int, headers: dict | None = None, timeout: float = 60) -> dict:
    """The finished submission; fails the test if it is not graded within `timeout` seconds (a hang bound)."""
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(f"/api/submissions/{attempt_id}?wait=10", headers=headers or {}).json()
        if body.get("status") == "done":
            return body
        if time.monotonic() > deadline:
            raise AssertionError(f"submission {attempt_id} was not graded within {timeout:g} s: {body}")


def slow_generator(seconds: float) -> str:
    """A generator.py for ADD_ONE-shaped problems that takes `seconds` before returning its cases."""
    return (
        "import time\nimport numpy as np\n\n\ndef generate(seed):\n"
        f"    time.sleep({seconds})\n"
        "    return [{'name': 'sample-1', 'hidden': False, 'args': {'x': np.array([1.0, 2.0])}},\n"
        "            {'name': 'hidden-1', 'hidden': True, 'args': {'x': np.array([3.0, 4.0])}}]\n"
    )


def one_connection(env: Env) -> Engine:
    """Give the app a database pool of exactly one connection: a request that held it while waiting on the
    sandbox would block every other request until it finished."""
    engine = create_engine(
        env.db_url,
        pool_size=1,
        max_overflow=0,
        pool_timeout=60,
        connect_args={"check_same_thread": False, "timeout": 30},
    )
    env.app.state.sessionmaker.configure(bind=engine)
    return engine


@contextmanager
def live_server(app) -> Iterator[str]:
    """Serve `app` with uvicorn on a free local port from a thread; its log records reach pytest's caplog."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, log_level="info"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
