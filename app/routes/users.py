"""Accounts: register, log in and out (cookie session), log out everywhere, and the API's OAuth2 password token.

The three routes that hash a password pass the login throttle first and hash inside the hash gate
(app/ratelimit.py).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.security import OAuth2PasswordRequestForm

from app.auth import (
    CurrentUser,
    OptionalUser,
    authenticate,
    check_csrf,
    create_user,
    end_all_sessions,
    issue_token,
    log_in,
    log_out,
)
from app.db import SessionDep
from app.errors import AppError, Forbidden, RateLimited, Unauthorized
from app.schemas import Token, UserOut, error_responses
from app.templating import page

router = APIRouter()


def safe_next(target: str | None) -> str:
    """Only same-site paths, so a login link cannot bounce a user to another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _throttle(request: Request, username: str) -> None:
    request.app.state.login_throttle.check(_client_ip(request), username)


@router.get("/login", include_in_schema=False)
def loginpage(request: Request, user: OptionalUser, next: str = "/") -> Response:
    if user is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return page(request, "auth/login.html", {"next": safe_next(next), "error": None, "user": None})


@router.post("/login", include_in_schema=False, dependencies=[Depends(check_csrf)])
def login(
    request: Request,
    session: SessionDep,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
    next: Annotated[str, Form()] = "/",
) -> Response:
    context = {"next": safe_next(next), "user": None}
    try:
        _throttle(request, username)
        with request.app.state.hash_gate.slot():
            user = authenticate(session=session, username=username, password=password)
    except RateLimited as exc:
        return page(request, "auth/login.html", {**context, "error": exc.message}, exc.status_code, exc.headers)
    if user is None:
        request.app.state.login_throttle.failed(username)
        return page(request, "auth/login.html", {**context, "error": "Wrong username or password."}, status_code=401)
    log_in(request, session, user)
    return RedirectResponse(safe_next(next), status_code=303)


@router.get("/register", include_in_schema=False)
def registerpage(request: Request, user: OptionalUser) -> Response:
    if not request.app.state.settings.registration_open:
        raise Forbidden("Registration is closed; ask an administrator for an account.")
    return page(request, "auth/register.html", {"error": None, "user": user})


@router.post("/register", include_in_schema=False, dependencies=[Depends(check_csrf)])
def register(
    request: Request,
    session: SessionDep,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
) -> Response:
    if not request.app.state.settings.registration_open:
        raise Forbidden("Registration is closed; ask an administrator for an account.")
    try:
        _throttle(request, username)
        with request.app.state.hash_gate.slot():
            user = create_user(session=session, username=username, password=password)
    except AppError as exc:
        return page(
            request,
            "auth/register.html",
            {"error": exc.message, "user": None},
            status_code=exc.status_code,
            headers=exc.headers,
        )
    log_in(request, session, user)
    return RedirectResponse("/", status_code=303)


@router.post("/logout", include_in_schema=False, dependencies=[Depends(check_csrf)])
def logout(request: Request, session: SessionDep) -> Response:
    log_out(request, session)
    return RedirectResponse("/", status_code=303)


@router.post("/logout/everywhere", include_in_schema=False, dependencies=[Depends(check_csrf)])
def logout_everywhere(request: Request, session: SessionDep, user: CurrentUser) -> Response:
    """End every session of this user: all browsers and all API tokens."""
    end_all_sessions(session=session, user_id=user.id)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.post("/api/token", response_model=Token, tags=["auth"], responses=error_responses(401, 413, 422, 429, 503))
def token(request: Request, session: SessionDep, form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> Token:
    """Exchange a username and password for a bearer token."""
    _throttle(request, form.username)
    with request.app.state.hash_gate.slot():
        user = authenticate(session=session, username=form.username, password=form.password)
    if user is None:
        request.app.state.login_throttle.failed(form.username)
        raise Unauthorized("Wrong username or password.", headers={"WWW-Authenticate": "Bearer"})
    return Token(access_token=issue_token(request, session, user))


@router.post("/api/logout", status_code=204, tags=["auth"], dependencies=[Depends(check_csrf)])
def api_logout(request: Request, session: SessionDep, user: CurrentUser) -> Response:
    """End the session this request authenticates with: its bearer token, or the cookie's session."""
    log_out(request, session)
    return Response(status_code=204)


@router.get("/api/me", response_model=UserOut, tags=["auth"], responses=error_responses(401))
def me(user: CurrentUser) -> UserOut:
    return UserOut(id=user.id, username=user.username, is_instructor=user.is_instructor)
