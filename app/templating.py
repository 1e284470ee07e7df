"""Pages: the Jinja environment (its globals, filters and gettext), the interface language of a request, the
JavaScript messages of a language, and `page()`, the one way a route renders a template (with the logged-in
learner's review count for the nav).

Catalogs live in app/locale/LANG/LC_MESSAGES/: `messages` for templates, `js` for the `t()` strings of
app/static/*.js; `make` compiles their .po files to .mo (see README, "Translating the interface")."""

from __future__ import annotations

import gettext
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from babel.messages.mofile import read_mo
from babel.support import Translations
from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import object_session

from app import scheduling
from app.auth import csrf_token
from app.models import User
from app.rendering import render_inline, render_markdown

STATIC_DIR = Path(__file__).resolve().parent / "static"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "zh")  # the interface languages; English is the source language of every message
HTML_LANG = {"en": "en", "zh": "zh-Hans"}  # each language's BCP 47 tag, for <html lang>
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}  # each language in its own words, for the switcher
LANGUAGE_COOKIE = "lang"
_language: ContextVar[str] = ContextVar("language", default="en")


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog for `language` (app/locale/LANG/LC_MESSAGES/messages.mo, built by `make`)."""
    return Translations.load(str(LOCALE_DIR), [language])


@cache
def js_messages(language: str) -> dict[str, str]:
    """The translated JavaScript messages of `language` (msgid -> text) from its `js` catalog; empty for English
    or when the catalog is not compiled, so `t()` shows the English msgid."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / "js.mo"
    if not path.is_file():
        return {}
    with path.open("rb") as file:
        catalog = read_mo(file)
    return {m.id: m.string for m in catalog if m.id and isinstance(m.id, str) and m.string}


def _gettext(message: str) -> str:
    return translations(_language.get()).gettext(message)


def translate(message: str) -> str:
    """A message made at run time (an error's), in the interface language when the catalog has it; a plain
    string, so the page escapes it (`_()` output is trusted markup)."""
    return str(_gettext(str(message)))


def _ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_language.get()).ngettext(singular, plural, n)


def interface_language(request: Request, user=None) -> str:
    """The language this request's interface is shown in: `?lang=`, else the account's choice, else the
    `lang` cookie, else the browser's Accept-Language (by preference); English when none names a known language."""
    choices = (request.query_params.get("lang"), getattr(user, "language", None), request.cookies.get(LANGUAGE_COOKIE))
    for choice in choices:
        if choice in LANGUAGES:
            return choice
    return _accepted_language(request.headers.get("accept-language", ""))


def _accepted_language(header: str) -> str:
    """The known language the Accept-Language header prefers most (by q, then order); English when none."""
    best, best_q = "en", 0.0
    for part in header.split(",")[:32]:
        tag, _, params = part.partition(";")
        language = tag.strip().lower().split("-")[0]
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if language in LANGUAGES and q > best_q:
            best, best_q = language, q
    return best


def here(request: Request) -> str:
    """This page's path and query without `lang`, where the language switcher returns to."""
    query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "lang"])
    return request.url.path + (f"?{query}" if query else "")


def csp_nonce(request: Request) -> str:
    """This response's CSP nonce (set by the security-headers middleware), for the one <style> element
    CodeMirror adds."""
    return getattr(request.state, "csp_nonce", "")


def make_templates(templates_dir: Path) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(templates_dir))
    templates.env.globals["csrf_token"] = csrf_token
    templates.env.globals["csp_nonce"] = csp_nonce
    templates.env.globals["editor_bundle"] = lambda: (STATIC_DIR / "dist" / "editor.js").is_file()
    templates.env.globals["here"] = here
    templates.env.globals["js_messages"] = js_messages
    templates.env.globals["html_lang"] = HTML_LANG
    templates.env.globals["language_names"] = LANGUAGE_NAMES
    templates.env.filters["markdown"] = render_markdown
    templates.env.filters["inline_markdown"] = render_inline
    templates.env.filters["translate"] = translate
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
