"""Settings from the environment (prefix RANKUP_), and the secret key kept in a 0600 file when not given."""

from __future__ import annotations

import os
import secrets
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = {"changeme", "change-me", "secret", "dev", "development", "test", "password"}
REPO_DIR = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RANKUP_", env_file=None, extra="ignore")

    database_url: str = "sqlite:///./rankup.db"
    secret_key: SecretStr | None = None
    secret_key_file: Path = Path(".rankup/secret_key")
    registration_open: bool = True
    # Concurrent sandbox runs (RANKUP_SANDBOX_SLOTS, the grader's own variable); each grading worker needs one.
    sandbox_slots: int = 2
    # Grade without the isolation layers this host lacks (RANKUP_SANDBOX_UNSAFE=1): local development only.
    sandbox_unsafe: bool = False
    grading_workers: int | None = None  # default: one per sandbox slot
    max_queued_per_user: int = 10  # attempts waiting or running; the next submission gets 429
    grading_stuck_after_s: float = 900.0  # an attempt queued or running this long, held by no worker, is re-queued
    # `thread` grades in this process; `procrastinate` queues jobs in PostgreSQL for `rankup worker` processes.
    grading_backend: Literal["thread", "procrastinate"] = "thread"
    # procrastinate only: a worker's heartbeat period; a job whose worker has been silent for `worker_stalled_after_s`
    # is re-queued by another worker, which looks every `worker_stalled_check_s`; an attempt started
    # `max_grade_tries` times (each one killing its worker) ends as internal_error.
    worker_heartbeat_s: float = 2.0
    worker_stalled_after_s: float = 10.0
    worker_stalled_check_s: float = 2.0
    max_grade_tries: int = 3
    max_code_bytes: int = 64 * 1024
    max_body_bytes: int = 4 * 1024 * 1024
    # Multipart and urlencoded forms, before anything parses them (the author form is the largest: ~200 fields).
    max_form_fields: int = 200
    max_form_files: int = 1
    max_form_part_bytes: int = 512 * 1024
    max_long_polls_per_user: int = 4
    db_pool_timeout_s: float = 5.0
    submit_rate_limit: int = 60
    submit_rate_window_s: float = 60.0
    secure_cookies: bool = False
    session_max_age_s: int = 14 * 24 * 3600
    warm_sandbox: bool = True
    # Logins, token requests and registrations: every attempt per client IP, failed ones per username, per window.
    login_rate_limit_ip: int = 30
    login_rate_limit_username: int = 10
    login_rate_window_s: float = 300.0
    # Keys each in-memory limiter tracks at most (the least recently seen are forgotten first).
    rate_limit_max_keys: int = 100_000
    # Argon2 hashes at once (64 MiB each), and how long a login waits for one before a 503.
    password_hash_concurrency: int = 4
    password_hash_wait_s: float = 10.0
    # Data folders; set them when the package is installed without its source tree (a non-editable install).
    problems_dir: Path = REPO_DIR / "problems"
    templates_dir: Path = REPO_DIR / "templates"

    @field_validator("secret_key")
    @classmethod
    def refuse_placeholder(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        raw = value.get_secret_value()
        if raw.lower() in PLACEHOLDER_SECRETS or len(raw) < 32:
            raise ValueError("RANKUP_SECRET_KEY must be a random string of at least 32 characters")
        return value

    @property
    def form_limits(self) -> dict[str, int]:
        """The caps on every form parse: FastAPI's `Form` parameters and `request.form()` calls alike."""
        return {
            "max_fields": self.max_form_fields,
            "max_files": self.max_form_files,
            "max_part_size": self.max_form_part_bytes,
        }

    @model_validator(mode="after")
    def workers_fit_slots(self) -> Settings:
        if self.sandbox_slots < 1:
            raise ValueError("RANKUP_SANDBOX_SLOTS must be at least 1")
        if self.grading_workers is None:
            self.grading_workers = self.sandbox_slots
        if not 1 <= self.grading_workers <= self.sandbox_slots:
            raise ValueError(
                f"RANKUP_GRADING_WORKERS ({self.grading_workers}) must be between 1 and "
                f"RANKUP_SANDBOX_SLOTS ({self.sandbox_slots}): a worker without a sandbox slot only "
                "waits for one while its attempt shows as running"
            )
        if min(self.worker_heartbeat_s, self.worker_stalled_check_s) <= 0 or self.max_grade_tries < 1:
            raise ValueError("RANKUP_WORKER_* periods and RANKUP_MAX_GRADE_TRIES must be positive")
        if self.worker_stalled_after_s <= self.worker_heartbeat_s:
            raise ValueError("RANKUP_WORKER_STALLED_AFTER_S must be longer than RANKUP_WORKER_HEARTBEAT_S")
        if self.max_queued_per_user < 1 or self.grading_stuck_after_s <= 0:
            raise ValueError("RANKUP_MAX_QUEUED_PER_USER and RANKUP_GRADING_STUCK_AFTER_S must be positive")
        return self

    @property
    def backend_problem(self) -> str | None:
        """Why this grading backend cannot run on this database, in one line; None when it can."""
        if self.grading_backend == "procrastinate" and not self.database_url.startswith("postgresql"):
            return (
                "RANKUP_GRADING_BACKEND=procrastinate needs PostgreSQL (RANKUP_DATABASE_URL=postgresql+psycopg://...); "
                "use the thread backend with SQLite"
            )
        return None

    @cached_property
    def secret(self) -> str:
        """The signing key: the configured one, or one generated on first run into a 0600 file."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        path = self.secret_key_file
        if path.is_file():
            key = path.read_text().strip()
            if len(key) >= 32:
                return key
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(key + "\n")
        os.chmod(path, 0o600)
        return key
