"""render_markdown: every Markdown file in the bank renders its math (no raw LaTeX command reaches the page), issue 11's
operator defects stay fixed, and instructor previews take the same path."""

import re
from pathlib import Path

import pytest

from app.rendering import render_markdown
from tests.app.webapp import bearer, make_user

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


def _math_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.mark.parametrize("statement", ["statement.md", "statement.zh.md"])
def test_low_rank_argmin_is_an_operator_with_its_limits(statement):
    """Issue 11: `\\mathop{\\mathrm{arg\\,min}}` rendered as an empty <mo>, in both languages."""
    html = render_markdown((PROBLEMS / "low-rank-approximation" / statement).read_text(encoding="utf-8"))
    assert '<munder><mo movablelimits="true">arg\u2009min</mo>' in html
    assert not re.search(r"<mo\b[^>]*>\s*(</mo>|<)|<mo\b[^>]*/>", html)


@pytest.mark.parametrize(("latex", "operator"), [(r"G \mathrel{+}= g^2", "+"), (r"p \mathrel{-}= \eta g", "\u2212")])
def test_mathrel_keeps_its_operator(latex, operator):
    """Issue 11: `G \\mathrel{+}= g^2` showed as "G = g²"."""
    html = render_markdown(f"${latex}$")
    assert f"<mo>{operator}</mo><mo>=</mo>" in html


def test_operatorname_star_and_arg_are_operators():
    """Issue 11: `\\operatorname*{arg\\,max}` rendered as "* arg max" and `\\arg` came out literally."""
    html = render_markdown(r"$$\operatorname*{arg\,max}_{x} f(x)$$ and $\arg z$, $\arg\max_i a_i$")
    text = _math_text(html)
    assert "*" not in text and "\\" not in text
    assert '<munder><mo movablelimits="true">arg\u2009max</mo>' in html
    assert "<mo>arg</mo>" in html and '<munder><mo movablelimits="true">max</mo>' in html


def test_text_in_math_is_escaped_not_markup():
    html = render_markdown(r"$\texttt{</s>} + \operatorname{log1p}(x)$")
    assert "&lt;/s&gt;" in html and "<mo>log1p</mo>" in html


def test_preview_renders_instructor_math_through_the_same_path(env):
    make_user(env, "teacher", instructor=True)
    markdown = r"$$\mathop{\mathrm{arg\,min}}_{x} f$$ then $G \mathrel{+}= g^2$ and $\operatorname*{arg\,max}_y \arg z$"
    preview = env.client.post("/api/preview", json={"markdown": markdown}, headers=bearer(env.client, "teacher"))
    assert preview.status_code == 200
    assert preview.json()["html"] == render_markdown(markdown)
    assert "arg\u2009min" in preview.json()["html"] and "<mo>arg</mo>" in preview.json()["html"]
