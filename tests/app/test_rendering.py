"""Every statement, editorial and card in the bank renders its math: no raw LaTeX command reaches the page."""

import re
from pathlib import Path

import pytest

from app.rendering import render_markdown

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"
MARKDOWN = sorted(p for p in PROBLEMS.rglob("*.md") if p.parent != PROBLEMS)


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: str(p.relative_to(PROBLEMS)))
def test_math_renders_to_mathml(path):
    source = path.read_text(encoding="utf-8")
    html = render_markdown(source)
    visible = re.sub(r"<(code|pre)[^>]*>.*?</\1>", " ", html, flags=re.S)
    visible = re.sub(r"<[^>]+>", " ", visible)
    assert not re.findall(r"\\[A-Za-z]+", visible), "LaTeX left unrendered"
    if "$" in re.sub(r"`[^`]*`", "", source):
        assert "<math" in html
