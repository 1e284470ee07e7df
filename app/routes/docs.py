"""The API docs page: Swagger UI from our own npm-built files, started by a static script, under the site's CSP."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.templating import page

SWAGGER_DIR = Path(__file__).resolve().parents[1] / "static" / "dist" / "swagger"  # `npm run build` fills it
router = APIRouter(include_in_schema=False)


@router.get("/docs")
def docs(request: Request) -> Response:
    """Swagger UI for /openapi.json, or a notice that `make assets` has not been run."""
    context = {
        "openapi_url": request.scope.get("root_path", "") + request.app.openapi_url,
        "bundle": (SWAGGER_DIR / "swagger-ui-bundle.js").is_file(),
    }
    return page(request, "docs.html", context)
