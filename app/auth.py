"""Passwords (argon2), cookie sessions, bearer tokens, CSRF, and the user dependencies."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Depends, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import SessionDep, storable
from app.errors import BadRequest, Conflict, Forbidden, Unauthorized
from app.models import User

hasher = PasswordHasher()
# A dummy hash so that a missing user costs the same time as a wrong password.
_DUMMY_HASH = hasher.hash("not-a-real-password")
TOKEN_MAX_AGE_S = 30 * 24 * 3600
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")


def hash_password(password: str) -> str:
    return hasher.hash(password)


def check_username(username: str) -> str:
    username = username.strip()
    if not 3 <= len(username) <= 32 or not set(username) <= USERNAME_CHARS:
        raise BadRequest("Username: 3-32 characters of letters, digits, '_', '.' and '-'.")
    return username


def check_password(password: str) -> str:
    if not 8 <= len(password) <= 256:
        raise BadRequest("Password: 8 to 256 characters.")
    return password


def create_user(*, session: Session, username: str, password: str, is_instructor: bool = False) -> User:
    """Create an account; the caller's transaction commits it."""
    username = check_username(username)
    check_password(password)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise Conflict(f"The username {username!r} is taken.")
    user = User(username=username, password_hash=hash_password(password), is_instructor=is_instructor)
    session.add(user)
    session.flush()
    return user


def authenticate(*, session: Session, username: str, password: str) -> User | None:
    username = username.strip()
    user = session.scalar(select(User).where(User.username == username)) if storable(username) else None
    try:
        hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return user


def _serializer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.app.state.settings.secret, salt="rankup-api-token")


def issue_token(request: Request, user: User) -> str:
    return _serializer(request).dumps({"uid": user.id})


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use; every form carries it."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


def log_in(request: Request, user: User) -> None:
    request.session.clear()
    request.session["uid"] = user.id
    request.session["csrf"] = secrets.token_urlsafe(32)


async def check_csrf(request: Request) -> None:
    """Reject an unsafe request authenticated by cookie unless it carries the session's CSRF token."""
    if request.method in SAFE_METHODS or _bearer(request) is not None:
        return
    if request.url.path.startswith("/api/") and "uid" not in request.session:
        return  # no cookie authority to abuse; the route answers 401 if it needs a user
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form(**request.app.state.settings.form_limits)
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    expected = request.session.get("csrf")
    if not sent or not expected or not hmac.compare_digest(str(sent), str(expected)):
        raise Forbidden("CSRF token missing or invalid; reload the page and try again.")


def optional_user(request: Request, session: SessionDep) -> User | None:
    token = _bearer(request)
    if token is not None:
        try:
            data = _serializer(request).loads(token, max_age=TOKEN_MAX_AGE_S)
        except BadSignature:
            raise Unauthorized("Invalid or expired token.", headers={"WWW-Authenticate": "Bearer"}) from None
        uid = data.get("uid") if isinstance(data, dict) else None
    else:
        uid = request.session.get("uid")
    if not isinstance(uid, int):
        return None
    user = session.get(User, uid)
    if user is None and token is None:
        request.session.clear()
    return user


OptionalUser = Annotated[User | None, Depends(optional_user)]


def current_user(user: OptionalUser) -> User:
    if user is None:
        raise Unauthorized("Log in first.", headers={"WWW-Authenticate": "Bearer"})
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def instructor(user: CurrentUser) -> User:
    if not user.is_instructor:
        raise Forbidden("Instructors only.")
    return user


InstructorUser = Annotated[User, Depends(instructor)]
