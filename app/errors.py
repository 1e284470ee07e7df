"""Application errors and their handlers: an HTML page for browsers, `{"detail": ...}` for /api.

    AppError(message, status_code)
    ├── BadRequest          400
    ├── Unauthorized        401  (pages redirect to /login)
    ├── Forbidden           403
    ├── NotFound            404  (also for records that exist but are not yours)
    ├── Conflict            409
    ├── PayloadTooLarge     413
    ├── Unprocessable       422
    └── RateLimited         429  (with Retry-After)

Not AppErrors, but answered here too: FastAPI's validation errors (422), Starlette's HTTP errors (among them
the 413 of BodyLimit, counted on the bytes actually streamed), the database pool's TimeoutError
(503 with Retry-After), and anything else (500, logged).

Error pages show a message in the interface language when the catalog has it; `gettext_noop` marks a fixed
message for the catalog (`make messages`). The API's `{"detail": ...}` stays English.
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.body_limit import MAX_BODY_SIZE_SCOPE_KEY, RequestBodyLimitMiddleware

log = logging.getLogger("rankup")
POOL_RETRY_AFTER_S = 2


def gettext_noop(message: str) -> str:
    """Mark `message` for the interface catalog; the error page translates it when it renders."""
    return message


class AppError(Exception):
    status_code = 400

    def __init__(self, message: str, status_code: int | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        if status_code is not None:
            self.status_code = status_code
        self.headers = headers or {}


class BadRequest(AppError):
    status_code = 400


class Unauthorized(AppError):
    status_code = 401


class Forbidden(AppError):
    status_code = 403


class NotFound(AppError):
    status_code = 404


class Conflict(AppError):
    status_code = 409


class PayloadTooLarge(AppError):
    status_code = 413


class Unprocessable(AppError):
    status_code = 422


class RateLimited(AppError):
    status_code = 429

    def __init__(self, message: str, retry_after: int):
        super().__init__(message, headers={"Retry-After": str(max(1, retry_after))})


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path in ("/openapi.json",)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path", "form"))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def render_error(request: Request, status_code: int, message: str, headers: dict | None = None) -> Response:
    if wants_json(request):
        return JSONResponse({"detail": message}, status_code=status_code, headers=headers)
    if status_code == 401:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    if "session" not in request.scope:
        # Outside SessionMiddleware (an error raised before it ran): the page renders with a throwaway session.
        request = Request(dict(request.scope, session={}), request.receive)
    from app.templating import page  # (templating imports auth, which raises these errors)

    return page(request, "error.html", {"status_code": status_code, "message": message}, status_code, headers)


class BodyLimit(RequestBodyLimitMiddleware):
    """Refuse request bodies over `max_bytes` with 413, counting the bytes actually streamed (chunked ones too)."""

    # Starlette's limiter: a read past the limit raises its 413 HTTPException inside the app, where the handler
    # below renders it (with the session); a declared Content-Length over the limit gets a plain 413 unread.
    def __init__(self, app, max_bytes: int):
        super().__init__(app, max_body_size=max_bytes)


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def app_error(request: Request, exc: AppError) -> Response:
        return render_error(request, exc.status_code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return render_error(request, 422, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 400 and message == "There was an error parsing the body":
            # FastAPI's answer to any body it cannot decode; the cause says which (it raises `from` it).
            if isinstance(exc.__cause__, UnicodeDecodeError):
                return render_error(request, 422, gettext_noop("The request body must be UTF-8 encoded."))
            if isinstance(exc.__cause__, RecursionError):
                return render_error(request, 422, gettext_noop("The request body is nested too deeply."))
            return render_error(request, 400, gettext_noop("The request body could not be parsed."))
        if exc.status_code == 404 and message == "Not Found":
            message = gettext_noop("Not found")
        if exc.status_code == 413 and isinstance(request.scope.get(MAX_BODY_SIZE_SCOPE_KEY), int):
            message = f"Request body over {request.scope[MAX_BODY_SIZE_SCOPE_KEY] // 1024} KiB."
        return render_error(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(PoolTimeout)
    async def pool_exhausted(request: Request, exc: PoolTimeout) -> Response:
        # One line, no traceback: under a flood this fires once per refused request.
        log.warning("database pool exhausted on %s %s; answered 503", request.method, request.url.path)
        return render_error(
            request,
            503,
            gettext_noop("The server is busy; try again in a moment."),
            {"Retry-After": str(POOL_RETRY_AFTER_S)},
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return render_error(request, 500, gettext_noop("Something went wrong on our side; it has been logged."))
