"""Choose the interface language: a form posts it, the `lang` cookie keeps it, and a logged-in account stores it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from app.auth import OptionalUser, check_csrf
from app.errors import Unprocessable
from app.routes.users import safe_next
from app.templating import LANGUAGE_COOKIE, LANGUAGES

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])
COOKIE_MAX_AGE_S = 365 * 24 * 3600


@router.post("/language")
def choose_language(
    request: Request,
    user: OptionalUser,
    lang: Annotated[str, Form(max_length=8)],
    next: Annotated[str, Form(max_length=2048)] = "/",
) -> Response:
    """Show the interface in `lang` from now on, and go back to `next` (a path on this site, else the home page)."""
    if lang not in LANGUAGES:
        raise Unprocessable(f"Unknown language {lang!r}; choose one of: {', '.join(LANGUAGES)}.")
    if user is not None:
        user.language = lang  # the request's session commits it
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        LANGUAGE_COOKIE,
        lang,
        max_age=COOKIE_MAX_AGE_S,
        samesite="lax",
        httponly=True,
        secure=request.app.state.settings.secure_cookies,
    )
    return response
