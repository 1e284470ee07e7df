"""Passwords (argon2), sessions that can be revoked (cookie and bearer token), CSRF, and the user dependencies.

Every login, by form or by /api/token, is a `UserSession` row whose id the signed cookie or token carries;
a request authenticates only while that row exists. Logging out deletes it; logging out everywhere and every
password change delete all of the user's rows.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import timedelta
from typing import Annotated

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Depends, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.db import SessionDep
from app.errors import BadRequest, Conflict, Forbidden, Unauthorized
from app.models import SessionKind, User, UserSession, utcnow

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


def find_user(*, session: Session, username: str) -> User | None:
    """The account named `username`, whatever its case."""
    username = username.strip()
    if not username or not set(username) <= USERNAME_CHARS:
        return None  # no stored name has other characters; and Python's lower() folds some non-ASCII to ASCII
    return session.scalar(select(User).where(func.lower(User.username) == username.lower()))


def create_user(*, session: Session, username: str, password: str, is_instructor: bool = False) -> User:
    """Create an account; the caller's transaction commits it."""
    username = check_username(username)
    check_password(password)
    if find_user(session=session, username=username) is not None:
        raise Conflict(f"The username {username!r} is taken.")
    user = User(username=username, password_hash=hash_password(password), is_instructor=is_instructor)
    session.add(user)
    session.flush()
    return user


def set_password(*, session: Session, user: User, password: str) -> None:
    """Change a password; this ends every session of the user, API tokens included."""
    user.password_hash = hash_password(check_password(password))
    end_all_sessions(session=session, user_id=user.id)


def authenticate(*, session: Session, username: str, password: str) -> User | None:
    user = find_user(session=session, username=username)
    try:
        hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return user


def _serializer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.app.state.settings.secret, salt="rankup-api-token")


def start_session(*, session: Session, user: User, kind: SessionKind, max_age_s: int) -> str:
    """Record a new login for `user` and return its id; the user's logins older than `max_age_s` are dropped."""
    cutoff = utcnow() - timedelta(seconds=max_age_s)
    session.execute(
        delete(UserSession).where(
            UserSession.user_id == user.id, UserSession.kind == kind, UserSession.created_at < cutoff
        )
    )
    sid = secrets.token_urlsafe(32)
    session.add(UserSession(id=sid, user_id=user.id, kind=kind))
    session.flush()
    return sid


def end_session(*, session: Session, sid: object) -> None:
    if isinstance(sid, str):
        session.execute(delete(UserSession).where(UserSession.id == sid))


def end_all_sessions(*, session: Session, user_id: int) -> None:
    """Log the user out everywhere: every browser and every API token."""
    session.execute(delete(UserSession).where(UserSession.user_id == user_id))


def issue_token(request: Request, session: Session, user: User) -> str:
    sid = start_session(session=session, user=user, kind=SessionKind.TOKEN, max_age_s=TOKEN_MAX_AGE_S)
    return _serializer(request).dumps({"uid": user.id, "sid": sid})


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


def log_in(request: Request, session: Session, user: User) -> None:
    end_session(session=session, sid=request.session.get("sid"))
    request.session.clear()
    request.session["uid"] = user.id
    request.session["sid"] = start_session(
        session=session, user=user, kind=SessionKind.COOKIE, max_age_s=request.app.state.settings.session_max_age_s
    )
    request.session["csrf"] = secrets.token_urlsafe(32)


def log_out(request: Request, session: Session) -> None:
    """End the session this request came with (its bearer token's, else its cookie's), and only that one; a copy
    of the cookie or token stops working too."""
    end_session(session=session, sid=getattr(request.state, "sid", None) or request.session.get("sid"))
    if _bearer(request) is None:
        request.session.clear()


async def check_csrf(request: Request) -> None:
    """Reject an unsafe request authenticated by cookie unless it carries the session's CSRF token."""
    if request.method in SAFE_METHODS or _bearer(request) is not None:
        return
    if request.url.path.startswith("/api/") and "uid" not in request.session:
        return  # no cookie authority to abuse; the route answers 401 if it needs a user
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form(**request.app.state.settings.form_limits)
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    expected = request.session.get("csrf")
    if not sent or not expected or not hmac.compare_digest(str(sent), str(expected)):
        raise Forbidden("CSRF token missing or invalid; reload the page and try again.")


def _revoked() -> Unauthorized:
    return Unauthorized("Invalid, expired or revoked token.", headers={"WWW-Authenticate": "Bearer"})


def optional_user(request: Request, session: SessionDep) -> User | None:
    """The user of a live session (cookie or bearer token); a revoked one counts as no login."""
    token = _bearer(request)
    if token is not None:
        try:
            data = _serializer(request).loads(token, max_age=TOKEN_MAX_AGE_S)
        except BadSignature:
            raise _revoked() from None
        data = data if isinstance(data, dict) else {}
        uid, sid = data.get("uid"), data.get("sid")
        kind, max_age_s = SessionKind.TOKEN, TOKEN_MAX_AGE_S
    else:
        uid, sid = request.session.get("uid"), request.session.get("sid")
        kind, max_age_s = SessionKind.COOKIE, request.app.state.settings.session_max_age_s
    if not isinstance(uid, int) or not isinstance(sid, str):
        if token is not None:
            raise _revoked()
        if uid is not None:
            request.session.clear()  # a cookie from before sessions were recorded
        return None
    # A session lasts at most max_age_s from its login, however often its (sliding) cookie is refreshed.
    user = session.scalar(
        select(User)
        .join(UserSession, UserSession.user_id == User.id)
        .where(
            UserSession.id == sid,
            UserSession.kind == kind,
            User.id == uid,
            UserSession.created_at >= utcnow() - timedelta(seconds=max_age_s),
        )
    )
    if user is None:
        if token is not None:
            raise _revoked()
        request.session.clear()
    else:
        request.state.sid = sid
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
