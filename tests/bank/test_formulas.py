r"""Every formula in the bank renders what its author wrote: no unknown command, no empty operator, and every
operator of the source (`+=`, `\le`, `\arg\min`, `\sum`, ...) in the MathML's text.

Formulas are found as the renderer finds them (`app.rendering.formulas`) in every Markdown file of a problem
(statements, editorials, questions, answers, both languages) and every string of its TOML files (hints, diagnoses,
key points, wrong answers), then rendered once each through `app.rendering.render_math`, the function
`render_markdown` calls.
"""

from __future__ import annotations

import functools
import html
import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from latex2mathml.symbols_parser import convert_symbol

from app.rendering import formulas, render_math

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"

# Characters that an operator renders as; "-" and "*" count as the minus sign and asterisk operator they become.
OPERATOR_CHARS = set("+−=<>*/!≤≥≠≈∼≡∝×⋅±∓÷∑∏∫→←↦⇒⇔⟺∈∉∋⊂⊆∪∩∇∂∞≪≫∣∘⊙⊗⊕⋆≲≳≻≺∧∨¬∀∃")
SAME_OPERATOR = {"-": "−", "∗": "*", "\u2061": ""}
# Named operators, written `\log`, and those spelled out with `\operatorname{...}` or `\mathop{\mathrm{...}}`.
OPERATOR_WORDS = set("arg min max log ln exp sin cos tan tanh det lim sup inf mod Pr gcd".split())
SPELLED_OPERATOR = re.compile(
    r"\\operatorname(?:\*|withlimits)?\s*\{([^{}]*)\}|\\mathop\s*\{\s*\\(?:mathrm|text|operatorname)\s*\{([^{}]*)\}"
)
TOKEN = re.compile(r"\\[A-Za-z]+\*?|\\.|[^\\]", re.S)
UNKNOWN_COMMAND = re.compile(r"\\[A-Za-z]+")
EMPTY_OPERATOR = re.compile(r"<mo\b[^>]*/>|<mo\b[^>]*>\s*(?:</mo>|<)")


def _sources() -> list[tuple[str, str]]:
    """(where, text) for every Markdown file and TOML string in the bank."""
    found = []
    for path in sorted(PROBLEMS.rglob("*")):
        where = str(path.relative_to(PROBLEMS))
        if path.suffix == ".md" and path.parent != PROBLEMS:
            found.append((where, path.read_text(encoding="utf-8")))
        elif path.suffix == ".toml":
            found.extend((f"{where}: {key}", text) for key, text in _strings(tomllib.loads(path.read_text("utf-8"))))
    return found


def _strings(value, key: str = "") -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(key, value)] if "$" in value else []
    if isinstance(value, dict):
        return [found for k, v in value.items() for found in _strings(v, f"{key}.{k}".strip("."))]
    if isinstance(value, list):
        return [found for i, v in enumerate(value) for found in _strings(v, f"{key}[{i}]")]
    return []


@functools.cache
def bank_formulas() -> dict[tuple[str, bool], str]:
    """Each distinct (latex, display) in the bank, with the first place it appears."""
    found: dict[tuple[str, bool], str] = {}
    for where, text in _sources():
        for formula in formulas(text):
            found.setdefault(formula, where)
    return found


def _symbol(command: str) -> str:
    code_point = convert_symbol(command)
    return chr(int(code_point, 16)) if code_point else ""


def source_operators(latex: str) -> tuple[Counter, Counter]:
    """The operator characters and named-operator words a formula's source writes."""
    chars: Counter = Counter()
    words: Counter = Counter()
    for name in SPELLED_OPERATOR.findall(latex):
        words[re.sub(r"\\.|~|\s", "", "".join(name))] += 1
    for token in TOKEN.findall(SPELLED_OPERATOR.sub(" ", latex)):
        if token.startswith("\\") and token[1:] in OPERATOR_WORDS:
            words[token[1:]] += 1
        elif token == r"\bmod":
            words["mod"] += 1
        else:
            char = _symbol(token) if token.startswith("\\") and len(token) > 2 else token
            char = SAME_OPERATOR.get(char, char)
            if char in OPERATOR_CHARS:
                chars[char] += 1
    return chars, words


def rendered_text(mathml: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", mathml))


def problems_in(latex: str, mathml: str) -> list[str]:
    """What is wrong with one rendered formula, in words; empty when it says what the author wrote."""
    if "<math" not in mathml:
        return ["latex2mathml could not read it"]
    text = rendered_text(mathml)
    found = []
    unknown = UNKNOWN_COMMAND.findall(text)
    if "<merror" in mathml or unknown:
        found.append(f"unknown command left as text: {unknown}")
    if EMPTY_OPERATOR.search(mathml):
        found.append("an empty operator (<mo/>, or an <mo> holding elements, which browsers draw empty)")
    chars, words = source_operators(latex)
    got = Counter(SAME_OPERATOR.get(c, c) for c in text if SAME_OPERATOR.get(c, c) in OPERATOR_CHARS)
    if got != chars:
        found.append(f"operators differ: source {dict(chars)}, rendered {dict(got)}")
    squeezed = re.sub(r"\s", "", text)
    missing = [word for word, count in words.items() if squeezed.count(word) < count]
    if missing:
        found.append(f"named operators missing from the text: {missing}")
    return found


def test_the_bank_has_thousands_of_formulas_in_both_languages():
    found = bank_formulas()
    assert len(found) > 2000
    assert any(".zh." in where or "_zh" in where for where in found.values())
    assert any(display for _, display in found)


@pytest.mark.parametrize("display", [False, True], ids=["inline", "display"])
def test_every_formula_renders_its_operators(display):
    failures = []
    for (latex, is_display), where in bank_formulas().items():
        if is_display == display:
            failures.extend(f"{where}: ${latex}$: {p}" for p in problems_in(latex, render_math(latex, display)))
    assert not failures, f"{len(failures)} formulas render wrongly:\n" + "\n".join(failures[:40])


@pytest.mark.parametrize(
    ("latex", "complaint"),
    [
        (r"\foo x", "unknown command"),
        (r"G \mathrel{+}= g^2", None),
        (r"a + b", None),
        (r"\le", None),
    ],
)
def test_the_checker_itself(latex, complaint):
    """The checks can fail: a made-up command is reported, and operators the renderer drops would be."""
    found = problems_in(latex, render_math(latex, False))
    assert (complaint in " ".join(found)) if complaint else not found
    assert problems_in("a + b", "<math><mi>a</mi><mo></mo><mi>b</mi></math>")  # a dropped "+" is caught
    assert problems_in(r"\arg\max_x f", "<math><mi>max</mi><mi>x</mi></math>")  # a dropped word is caught
