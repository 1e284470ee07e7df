"""The application factory: settings, database, templates, routes, error pages, security headers, limits and the
grading queue."""

from __future__ import annotations

import logging
import secrets
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import OperationalError
from starlette.middleware.sessions import SessionMiddleware

from app import grading, limits
from app.config import Settings
from app.db import make_engine, make_sessionmaker
from app.errors import BodyLimit, install_handlers
from app.ratelimit import DatabaseRateLimiter, HashGate, LoginThrottle, RateLimiter
from app.routes import api, author, courses, docs, language, mock, pages, progress, review, tracks, users
from app.templating import make_templates

APP_DIR = Path(__file__).resolve().parent
STATIC_DIR = APP_DIR / "static"

# Pages load scripts and styles from /static only. CodeMirror adds one <style> element, allowed by the page's nonce.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class SecurityHeaders:
    """Send a Content-Security-Policy (with a fresh nonce per response) and X-Frame-Options on every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        scope.setdefault("state", {})["csp_nonce"] = nonce
        policy = CSP.format(nonce=nonce)

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in (b"content-security-policy", b"x-frame-options")
                ]
                headers += [
                    (b"content-security-policy", policy.encode()),
                    (b"x-frame-options", b"DENY"),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(settings: Settings | None = None, queue: grading.GradingQueue | None = None) -> FastAPI:
    """Build the app; `queue` replaces the in-process grading workers (tests, other backends)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if settings.warm_sandbox and settings.grading_backend == "thread":  # procrastinate: the workers grade
            grading.start_sandbox_pool(app.state.sessionmaker)
        try:
            app.state.queue.start()
        except OperationalError as exc:
            raise SystemExit(f"rankup: the database is not ready ({exc.orig}); run `rankup db upgrade`") from None
        yield
        app.state.queue.close()
        app.state.engine.dispose()

    app = FastAPI(
        title="RankUp", lifespan=lifespan, docs_url=None, redoc_url=None, form_limits=settings.form_limits
    )  # caps on parsing Form parameters, as check_csrf's
    app.state.settings = settings
    app.state.engine = make_engine(settings.database_url, pool_timeout_s=settings.db_pool_timeout_s)
    app.state.sessionmaker = make_sessionmaker(app.state.engine)
    app.state.templates = make_templates(settings.templates_dir)
    grading.configure_sandbox(slots=settings.sandbox_slots, unsafe=settings.sandbox_unsafe)
    app.state.long_polls = limits.ConcurrencyCap(settings.max_long_polls_per_user, "long-polls")
    if settings.backend_problem:
        raise SystemExit(f"rankup: {settings.backend_problem}")
    if settings.grading_backend == "procrastinate":  # several web nodes: the queue and the limit in PostgreSQL
        from app import distributed  # (procrastinate is installed with the `postgres` extra only)

        app.state.queue = queue or distributed.ProcrastinateGradingQueue(
            app.state.sessionmaker, settings.database_url, max_queued_per_user=settings.max_queued_per_user
        )
        app.state.rate_limiter = DatabaseRateLimiter(
            app.state.sessionmaker, settings.submit_rate_limit, settings.submit_rate_window_s
        )
    else:
        app.state.queue = queue or grading.ThreadGradingQueue(
            app.state.sessionmaker,
            settings.grading_workers,
            max_queued_per_user=settings.max_queued_per_user,
            stuck_after_s=settings.grading_stuck_after_s,
        )
        app.state.rate_limiter = RateLimiter(
            settings.submit_rate_limit, settings.submit_rate_window_s, settings.rate_limit_max_keys
        )
    app.state.login_throttle = LoginThrottle(
        per_ip=settings.login_rate_limit_ip,
        per_username=settings.login_rate_limit_username,
        window_s=settings.login_rate_window_s,
        max_keys=settings.rate_limit_max_keys,
    )
    app.state.hash_gate = HashGate(settings.password_hash_concurrency, settings.password_hash_wait_s)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret,
        session_cookie="rankup_session",
        max_age=settings.session_max_age_s,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)  # outermost: every response gets the headers, errors included
    install_handlers(app)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR), check_dir=False), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        """Browsers ask for /favicon.ico whatever the page links; answer with the SVG icon."""
        return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")

    for module in (users, pages, api, progress, review, mock, author, tracks, courses, docs, language):
        app.include_router(module.router)
    app.include_router(tracks.api_router)
    app.include_router(courses.api_router)
    app.include_router(author.api_router)
    return app


logging.getLogger("rankup").setLevel(logging.INFO)
