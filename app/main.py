"""The application factory: settings, database, templates, routes, error pages and the grading queue."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import OperationalError
from starlette.middleware.sessions import SessionMiddleware

from app import grading
from app.auth import csrf_token
from app.config import Settings
from app.db import make_engine, make_sessionmaker
from app.errors import BodyLimit, install_handlers
from app.ratelimit import RateLimiter
from app.rendering import render_markdown
from app.routes import api, author, pages, progress, users

APP_DIR = Path(__file__).resolve().parent
STATIC_DIR = APP_DIR / "static"


def make_templates(templates_dir: Path) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(templates_dir))
    templates.env.globals["csrf_token"] = csrf_token
    templates.env.globals["editor_bundle"] = lambda: (STATIC_DIR / "dist" / "editor.js").is_file()
    templates.env.filters["markdown"] = render_markdown
    return templates


def create_app(settings: Settings | None = None, queue: grading.GradingQueue | None = None) -> FastAPI:
    """Build the app; `queue` replaces the in-process grading workers (tests, other backends)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if settings.warm_sandbox:
            grading.start_sandbox_pool(app.state.sessionmaker)
        try:
            app.state.queue.start()
        except OperationalError as exc:
            raise SystemExit(f"rankup: the database is not ready ({exc.orig}); run `rankup db upgrade`") from None
        yield
        app.state.queue.close()
        app.state.engine.dispose()

    app = FastAPI(title="RankUp", lifespan=lifespan, docs_url="/docs", redoc_url=None)
    app.state.settings = settings
    app.state.engine = make_engine(settings.database_url)
    app.state.sessionmaker = make_sessionmaker(app.state.engine)
    app.state.templates = make_templates(settings.templates_dir)
    grading.use_sandbox_slots(settings.sandbox_slots)
    app.state.queue = queue or grading.ThreadGradingQueue(
        app.state.sessionmaker, settings.grading_workers, max_queued_per_user=settings.max_queued_per_user,
        stuck_after_s=settings.grading_stuck_after_s)
    app.state.rate_limiter = RateLimiter(settings.submit_rate_limit, settings.submit_rate_window_s)
    app.add_middleware(SessionMiddleware, secret_key=settings.secret, session_cookie="rankup_session",
                       max_age=settings.session_max_age_s, same_site="lax", https_only=settings.secure_cookies)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    install_handlers(app)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR), check_dir=False), name="static")
    for module in (users, pages, api, progress, author):
        app.include_router(module.router)
    return app


logging.getLogger("rankup").setLevel(logging.INFO)
