"""Pages: the Jinja environment (its globals and filters) and `page()`, the one way a route renders a template."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from app.auth import csrf_token
from app.rendering import render_markdown

STATIC_DIR = Path(__file__).resolve().parent / "static"


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
    return templates


def page(
    request: Request, name: str, context: dict, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """Render template `name` with `context` as this request's response."""
    return request.app.state.templates.TemplateResponse(
        request, name, context, status_code=status_code, headers=headers
    )
