"""Every worked example a statement prints as `inputs -> output` is recomputed with the problem's reference.

Statements are scanned for their "Example(s)" / "示例" sections (English and Chinese). In each fenced block,
an example is the text before a `->` (assignments `name = literal`, chained `Q = K = literal`, or bare
positional literals) and the literal after it (a number, the last number after `=` on that line, or a bracketed
list). Examples whose inputs or output are prose (derivation steps, "a 3x2 matrix of rank 1") are not parseable
and are skipped; PARSED_AT_LEAST pins which statements must yield at least one checked example, so a statement
that stops being parseable is noticed instead of silently dropping out.
"""

import ast
import inspect
import re
import tomllib

import numpy as np
import pytest

from tests.bank.conftest import PROBLEMS, load_module

# Statements whose examples this parser reads (checked in both languages). Every other statement either has no
# worked example with explicit inputs or prints its examples as prose or derivations, which are not recomputed.
PARSED_AT_LEAST = {
    "cross-entropy": 2,
    "gelu": 2,
    "kl-divergence": 3,
    "layer-norm": 2,
    "log-softmax": 2,
    "rms-norm": 2,
    "scaled-dot-product-attention": 2,
    "rotary-embedding": 1,
    "sinusoidal-positions": 1,
    "stable-softmax": 2,
}

_HEADING = re.compile(r"^#{2,3} .*(Example|例)", re.M)
_FENCE = re.compile(r"```[a-z]*\n(.*?)```", re.S)
_NAME = re.compile(r"\s*([A-Za-z_]\w*)\s*=(?!=)\s*")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
_INTEGER_NAMES = ("label", "token", "target", "index", "indices", "ids")


def _example_blocks(text: str) -> list[str]:
    blocks = []
    for heading in _HEADING.finditer(text):
        rest = text[heading.end() :]
        section = rest[: m.start()] if (m := re.search(r"^#{1,3} ", rest, re.M)) else rest
        blocks += _FENCE.findall(section)
    return blocks


def _scan_literal(text: str, i: int) -> int:
    """End index of the literal starting at text[i]: a bracketed list, a quoted string, or a bare token."""
    if text[i] in "[(":
        depth = 0
        for j in range(i, len(text)):
            depth += text[j] in "[(" and 1 or (-1 if text[j] in "])" else 0)
            if depth == 0:
                return j + 1
        raise ValueError("unbalanced")
    if text[i] in "\"'":
        return text.index(text[i], i + 1) + 1
    m = re.compile(r"[^\s,，]+").match(text, i)
    return m.end()


def _parse_inputs(text: str) -> tuple[list, dict]:
    args, kwargs, i = [], {}, 0
    while i < len(text):
        while i < len(text) and text[i] in " \t\n,，":
            i += 1
        if i >= len(text):
            break
        names = []
        while m := _NAME.match(text, i):
            names.append(m.group(1))
            i = m.end()
        end = _scan_literal(text, i)
        value = ast.literal_eval(text[i:end])
        i = end
        if names:
            kwargs.update(dict.fromkeys(names, value))
        else:
            args.append(value)
    return args, kwargs


def _parse_output(text: str) -> tuple[object, int]:
    """The expected value after `->` and where it ends."""
    i = len(text) - len(text.lstrip())
    if i < len(text) and text[i] == "[":
        end = _scan_literal(text, i)
        return ast.literal_eval(text[i:end]), end
    line_end = text.find("\n") if "\n" in text else len(text)
    # "expression = 0.51082562   (a remark)": the value is the lone number after the last "=", remarks dropped
    tail = re.sub(r"[(（].*[)）]\s*$", "", text[:line_end].rsplit("=", 1)[-1]).strip()
    if not _NUMBER.fullmatch(tail):
        raise ValueError("prose")
    return float(tail), line_end


def _examples(block: str):
    """(inputs text, output text) pairs; a parse failure yields the exception instead of the output."""
    pos = 0
    while (arrow := block.find("->", pos)) != -1:
        inputs = block[pos:arrow]
        try:
            expected, length = _parse_output(block[arrow + 2 :])
            pos = arrow + 2 + length
            yield inputs, expected
        except (ValueError, SyntaxError) as exc:
            nl = block.find("\n", arrow)
            pos = len(block) if nl == -1 else nl
            yield inputs, exc


def _convert(name: str, value, flavour: str):
    if not isinstance(value, list):
        return value
    array = np.asarray(value)
    if array.dtype.kind in "iu" and not any(key in name.lower() for key in _INTEGER_NAMES):
        array = array.astype(np.float64)
    if flavour == "torch":
        import torch

        return torch.from_numpy(array)
    return array


def _check_statement(slug: str, filename: str) -> int:
    meta = tomllib.loads((PROBLEMS / slug / "problem.toml").read_text())
    entry = getattr(load_module(slug, "reference.py"), meta["entry"])
    params = list(inspect.signature(entry).parameters)
    checked = 0
    for block in _example_blocks((PROBLEMS / slug / filename).read_text()):
        for inputs, expected in _examples(block):
            if isinstance(expected, Exception):
                continue
            try:
                args, kwargs = _parse_inputs(inputs.strip())
            except (ValueError, SyntaxError):
                continue
            if not kwargs or not set(kwargs) <= set(params):
                continue
            free = [p for p in params if p not in kwargs]
            kwargs.update(zip(free, args, strict=False))
            call = {k: _convert(k, v, meta.get("flavour", "numpy")) for k, v in kwargs.items()}
            got = entry(**call)
            if isinstance(got, tuple):
                # several outputs (loss and gradient, say) printed as prose: the problem's own cross-check
                # file recomputes those examples; this parser compares single outputs only
                continue
            got = got.detach().numpy() if hasattr(got, "detach") else got
            got, want = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
            assert got.shape == want.shape, f"{slug}/{filename}: {inputs.strip()!r} gives shape {got.shape}"
            assert np.allclose(got, want, rtol=1e-8, atol=1e-8), (
                f"{slug}/{filename}: {inputs.strip()!r} -> statement says {want.tolist()}, "
                f"reference gives {got.tolist()}"
            )
            checked += 1
    return checked


def _statements():
    for folder in sorted(PROBLEMS.iterdir()):
        if (folder / "reference.py").exists():
            for filename in ("statement.md", "statement.zh.md"):
                if _HEADING.search((folder / filename).read_text()):
                    yield pytest.param(folder.name, filename, id=f"{folder.name}/{filename}")


@pytest.mark.parametrize("slug,filename", list(_statements()))
def test_worked_examples_match_the_reference(slug, filename):
    checked = _check_statement(slug, filename)
    assert checked >= PARSED_AT_LEAST.get(slug, 0), f"{slug}/{filename}: only {checked} examples parsed"


def test_a_wrong_number_in_an_example_is_caught(tmp_path, monkeypatch):
    """The check can fail: the old, wrong cross-entropy value is rejected."""
    import tests.bank.test_worked_examples as me

    fake = tmp_path / "cross-entropy"
    fake.mkdir()
    for name in ("problem.toml", "reference.py"):
        (fake / name).write_text((PROBLEMS / "cross-entropy" / name).read_text())
    (fake / "statement.md").write_text(
        "## Example\n\n```text\nlogits = [[2.0, 1.0, 0.1]], labels = [0]  ->  0.41702300\n```\n"
    )
    monkeypatch.setattr(me, "PROBLEMS", tmp_path)
    import tests.bank.conftest as conftest

    monkeypatch.setattr(conftest, "PROBLEMS", tmp_path)
    with pytest.raises(AssertionError, match="0.417023"):
        me._check_statement("cross-entropy", "statement.md")
