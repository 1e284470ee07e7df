"""Pages: the Jinja environment (its globals, filters and gettext), the interface language of a request, and
`page()`, the one way a route renders a template (with the logged-in learner's review count for the nav)."""

from __future__ import annotations

import gettext
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel.support import Translations
from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import object_session

from app import scheduling
from app.auth import csrf_token
from app.models import User
from app.rendering import render_markdown

STATIC_DIR = Path(__file__).resolve().parent / "static"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "zh")  # the interface languages; English is the source language of every message
_language: ContextVar[str] = ContextVar("language", default="en")


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog for `language` (app/locale/LANG/LC_MESSAGES/messages.mo, built by `make`)."""
    return Translations.load(str(LOCALE_DIR), [language])


def _gettext(message: str) -> str:
    return translations(_language.get()).gettext(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_language.get()).ngettext(singular, plural, n)


def interface_language(request: Request, user=None) -> str:
    """The language this request's interface is shown in: `?lang=`, else the account's choice, else the
    `lang` cookie, else the browser's Accept-Language; English when none names a known language."""
    for choice in (request.query_params.get("lang"), getattr(user, "language", None), request.cookies.get("lang")):
        if choice in LANGUAGES:
            return choice
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.split("-")[0] in LANGUAGES:
            return tag.split("-")[0]
    return "en"


def csp_nonce(request: Request) -> str:
    """This response's CSP nonce (set by the security-headers middleware), for the one <style> element
    CodeMirror adds."""
    return getattr(request.state, "csp_nonce", "")


def make_templates(templates_dir: Path) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(templates_dir))
    templates.env.globals["csrf_token"] = csrf_token
    templates.env.globals["csp_nonce"] = csp_nonce
    templates.env.globals["editor_bundle"] = lambda: (STATIC_DIR / "dist" / "editor.js").is_file()
    templates.env.filters["markdown"] = render_markdown
    templates.env.add_extension("jinja2.ext.i18n")
    templates.env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    return templates


def review_due(request: Request, user: object) -> int | None:
    """The nav's review count for a logged-in learner (None for a visitor): counted in the request's own session
    when the user still belongs to one, so no second connection is taken; else in a short session of its own."""
    if not isinstance(user, User):
        return None
    session = object_session(user)
    if session is not None:
        return scheduling.due_count(session=session, user=user)
    with request.app.state.sessionmaker() as short:
        return scheduling.due_count(session=short, user=user)


def page(
    request: Request, name: str, context: dict, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """Render template `name` with `context` as this request's response, in the request's interface language
    (`ui_lang` in the template) and, for a logged-in learner, with `review_due` (due now plus new today)."""
    language = interface_language(request, context.get("user"))
    context = {"ui_lang": language, "review_due": review_due(request, context.get("user")), **context}
    _language.set(language)
    return request.app.state.templates.TemplateResponse(
        request, name, context, status_code=status_code, headers=headers
    )
