"""Load a problem: read a `problems/<slug>/` folder (or the same files from elsewhere) into a ProblemSpec.

A problem is a set of text files keyed by relative path; `spec_from_files` is the one parser, so the
built-in bank, the web app's database rows and zip packages all go through the same checks. Besides
problem.toml it reads `hints.toml` (`hints`, `hints_zh`) and each known-wrong solution's sidecar
`wrong/NAME.toml` (`verdict`, `diagnosis`, `diagnosis_zh`).
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from grader import wire
from grader.checkers import CHECKERS as _CHECKERS
from grader.errors import SpecError
from grader.result import Verdict

PROBLEMS_DIR = Path(__file__).resolve().parent.parent / "problems"
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$")


class Kind(StrEnum):
    CODE = "code"
    QA = "qa"


KINDS = tuple(Kind)
FLAVOURS = ("numpy", "torch")
DIFFICULTIES = ("easy", "medium", "hard")
# The bank's areas, in the order the problem list and the progress page show them.
TOPICS = (
    "language-models",
    "transformers",
    "training",
    "compression",
    "adaptation",
    "decoding",
    "tokenization",
    "post-training",
    "inference",
    "architecture",
    "distributed",
    "retrieval-and-evaluation",
    "numerics-and-backprop",
)
CHECKERS = tuple(_CHECKERS)
MAX_FILE_BYTES = 256 * 1024
TEXT_SUFFIXES = (".toml", ".md", ".py", ".json")


@dataclass(frozen=True)
class Limits:
    time_ms: int = 2000
    memory_mb: int = 256


@dataclass(frozen=True)
class WrongSolution:
    """A known-wrong solution `wrong/NAME.py`: its pinned verdict and the tutor's diagnosis of its mistake."""

    name: str  # the file name, `NAME.py`
    source: str
    verdict: Verdict | None  # None where the sidecar is missing (validation reports it)
    diagnosis: str = ""
    diagnosis_zh: str = ""

    @property
    def stem(self) -> str:
        return self.name[: -len(".py")]


@dataclass(frozen=True)
class ProblemSpec:
    """Everything the grader and the web app need to know about one problem or Q&A card."""

    slug: str
    kind: str
    title: str
    title_zh: str
    difficulty: str
    tags: tuple[str, ...]
    topic: str
    files: dict[str, str] = field(repr=False, compare=False)
    flavour: str = "numpy"
    entry: str = ""
    limits: Limits = Limits()
    checker: str = "allclose"
    checker_params: dict = field(default_factory=dict, compare=False)
    seed: int = 0
    key_points: tuple[str, ...] = ()
    key_points_zh: tuple[str, ...] = ()
    wrong_answers: tuple[str, ...] = ()
    wrong_answers_zh: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    hints_zh: tuple[str, ...] = ()

    def text(self, name: str) -> str:
        return self.files.get(name, "")

    @property
    def statement(self) -> str:
        return self.text("statement.md") or self.text("question.md")

    @property
    def statement_zh(self) -> str:
        return self.text("statement.zh.md") or self.text("question.zh.md")

    @property
    def starter(self) -> str:
        return self.text("starter.py")

    @property
    def reference(self) -> str:
        return self.text("reference.py")

    @property
    def generator(self) -> str:
        return self.text("generator.py")

    @property
    def must_fail(self) -> dict[str, str]:
        """Known-wrong solutions (`wrong/*.py`) that grading must reject."""
        return {
            k[len("wrong/") :]: v for k, v in sorted(self.files.items()) if k.startswith("wrong/") and k.endswith(".py")
        }

    @property
    def must_fail_verdicts(self) -> dict[str, Verdict | None]:
        """The verdict each known-wrong solution must get, pinned in its sidecar `wrong/NAME.toml`
        (`verdict = "wrong_answer"`); None where the sidecar is missing (validation reports it)."""
        return {name: wrong.verdict for name, wrong in self.wrong_solutions.items()}

    @property
    def wrong_solutions(self) -> dict[str, WrongSolution]:
        """Each known-wrong solution with what its sidecar says (verdict, diagnosis, diagnosis_zh)."""
        solutions = {}
        for name, source in self.must_fail.items():
            sidecar = _sidecar(self.text("wrong/" + name[: -len(".py")] + ".toml"))
            verdict = sidecar.get("verdict")
            solutions[name] = WrongSolution(
                name,
                source,
                Verdict(verdict) if verdict in PINNABLE else None,
                _text_value(sidecar, "diagnosis"),
                _text_value(sidecar, "diagnosis_zh"),
            )
        return solutions

    @property
    def key_point_count(self) -> int:
        """How many key points a card has, in whichever language it is written (one may be missing)."""
        return len(self.key_points or self.key_points_zh)

    @property
    def must_pass(self) -> dict[str, str]:
        """Correct-but-different solutions (`accept/*.py`) that grading must accept."""
        return {k[len("accept/") :]: v for k, v in sorted(self.files.items()) if k.startswith("accept/")}

    @property
    def languages(self) -> list[str]:
        """The languages the statement is written in: a bank problem has both, an instructor's may have one."""
        langs = ["en"] if self.statement.strip() else []
        if self.statement_zh.strip() and (self.title_zh or not langs):
            langs.append("zh")
        return langs

    @property
    def tests_key(self) -> str:
        """A hash of everything that decides the test cases and expected outputs (the cache key)."""
        digest = hashlib.sha256()
        for name in ("problem.toml", "generator.py", "cases.json", "reference.py"):
            digest.update(name.encode() + b"\0" + self.text(name).encode() + b"\0")
        return digest.hexdigest()[:32]


PINNABLE = tuple(v for v in Verdict if v not in (Verdict.ACCEPTED, Verdict.INTERNAL_ERROR))


SIDECAR_TEXT_KEYS = ("diagnosis", "diagnosis_zh")
HINT_KEYS = ("hints", "hints_zh")


def _sidecar(text: str) -> dict:
    """A wrong solution's sidecar TOML as a dict ({} where missing; checked when the spec is parsed)."""
    return tomllib.loads(text) if text.strip() else {}


def _text_value(meta: dict, key: str) -> str:
    value = meta.get(key, "")
    return value.strip() if isinstance(value, str) else ""


def _check_sidecars(files: dict[str, str], errors: list[str]) -> None:
    for name, text in sorted(files.items()):
        if not (name.startswith("wrong/") and name.endswith(".toml")):
            continue
        if name[: -len(".toml")] + ".py" not in files:
            errors.append(f"{name}: no {name[: -len('.toml')]}.py beside it")
        try:
            meta = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            errors.append(f"{name}: {exc}")
            continue
        if meta.get("verdict") not in PINNABLE:
            errors.append(f"{name}: `verdict` must be one of {', '.join(PINNABLE)}")
        for key in SIDECAR_TEXT_KEYS:
            if not isinstance(meta.get(key, ""), str):
                errors.append(f"{name}: `{key}` must be a string")


def _hints(text: str, errors: list[str]) -> dict[str, tuple[str, ...]]:
    """`hints.toml`'s lists (`hints`, `hints_zh`), each a list of non-empty strings."""
    if not text.strip():
        return {key: () for key in HINT_KEYS}
    try:
        meta = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        errors.append(f"hints.toml: {exc}")
        return {key: () for key in HINT_KEYS}
    lists = {}
    for key in HINT_KEYS:
        value = meta.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            errors.append(f"hints.toml: `{key}` must be a list of non-empty strings")
            value = []
        lists[key] = tuple(v.strip() for v in value)
    for key in sorted(set(meta) - set(HINT_KEYS)):
        errors.append(f"hints.toml: unknown key `{key}` (expected {', '.join(HINT_KEYS)})")
    return lists


def _require(meta: dict, key: str, kind: type, errors: list[str], default=None):
    value = meta.get(key, default)
    if value is None:
        errors.append(f"problem.toml: missing `{key}`")
        return kind()
    if not isinstance(value, kind):
        errors.append(f"problem.toml: `{key}` must be a {kind.__name__}")
        return kind()
    return value


def _str_list(meta: dict, key: str, errors: list[str]) -> tuple[str, ...]:
    value = meta.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors.append(f"problem.toml: `{key}` must be a list of strings")
        return ()
    return tuple(value)


def _cases_json_problems(text: str) -> list[str]:
    """Why cases.json cannot reach the sandbox: bad JSON, or values the wire cannot carry (complex dtypes...)."""
    if not text.strip():
        return []
    try:
        wire.encode(wire.from_tagged_json(json.loads(text)))
    except (ValueError, TypeError, RecursionError) as exc:  # WireError and JSONDecodeError are ValueErrors
        return [f"cases.json: {exc}"]
    return []


def spec_from_files(slug: str, files: dict[str, str]) -> ProblemSpec:
    """Parse and check a problem's files; raise SpecError listing every problem found."""
    errors: list[str] = []
    if not SLUG_RE.match(slug):
        errors.append(f"slug {slug!r} must be 3-64 characters of a-z, 0-9 and '-'")
    for name, text in files.items():
        if len(text.encode()) > MAX_FILE_BYTES:
            errors.append(f"{name}: larger than {MAX_FILE_BYTES // 1024} KiB")
    if "problem.toml" not in files:
        raise SpecError(slug, ["problem.toml is missing"] + errors)
    try:
        meta = tomllib.loads(files["problem.toml"])
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(slug, [f"problem.toml: {exc}"] + errors) from None

    kind = _require(meta, "kind", str, errors)
    if kind not in KINDS:
        errors.append(f"problem.toml: `kind` must be one of {', '.join(KINDS)}")
    title = _require(meta, "title", str, errors)
    title_zh = _require(meta, "title_zh", str, errors, default="")
    difficulty = _require(meta, "difficulty", str, errors)
    if difficulty not in DIFFICULTIES:
        errors.append(f"problem.toml: `difficulty` must be one of {', '.join(DIFFICULTIES)}")
    tags = _str_list(meta, "tags", errors)
    topic = _require(meta, "topic", str, errors, default=tags[0] if tags else None)
    common = dict(
        slug=slug,
        kind=kind,
        title=title,
        title_zh=title_zh,
        difficulty=difficulty,
        tags=tags,
        topic=topic,
        files=dict(files),
    )

    # Each text is needed in one language at least; `grader.validate` decides which languages must be complete.
    if kind == Kind.QA:
        for name in ("question.md", "answer.md"):
            if not (files.get(name, "").strip() or files.get(name[: -len(".md")] + ".zh.md", "").strip()):
                errors.append(f"{name} is missing or empty")
        spec = ProblemSpec(
            **common,
            key_points=_str_list(meta, "key_points", errors),
            key_points_zh=_str_list(meta, "key_points_zh", errors),
            wrong_answers=_str_list(meta, "wrong_answers", errors),
            wrong_answers_zh=_str_list(meta, "wrong_answers_zh", errors),
        )
        if not (spec.key_points or spec.key_points_zh):
            errors.append("problem.toml: a Q&A card needs `key_points` (or `key_points_zh`)")
    else:
        flavour = _require(meta, "flavour", str, errors, default="numpy")
        if flavour not in FLAVOURS:
            errors.append(f"problem.toml: `flavour` must be one of {', '.join(FLAVOURS)}")
        entry = _require(meta, "entry", str, errors)
        if entry and not entry.isidentifier():
            errors.append("problem.toml: `entry` must be a Python identifier")
        limits_meta = meta.get("limits", {})
        limits = Limits()
        if isinstance(limits_meta, dict):
            time_ms = limits_meta.get("time_ms", Limits.time_ms)
            memory_mb = limits_meta.get("memory_mb", Limits.memory_mb)
            if not (isinstance(time_ms, int) and 50 <= time_ms <= 10_000):
                errors.append("problem.toml: `limits.time_ms` must be an integer from 50 to 10000")
                time_ms = Limits.time_ms
            if not (isinstance(memory_mb, int) and 64 <= memory_mb <= 2048):
                errors.append("problem.toml: `limits.memory_mb` must be an integer from 64 to 2048")
                memory_mb = Limits.memory_mb
            limits = Limits(time_ms=time_ms, memory_mb=memory_mb)
        else:
            errors.append("problem.toml: `[limits]` must be a table")
        checker_meta = dict(meta.get("checker", {})) if isinstance(meta.get("checker"), dict) else {}
        checker = checker_meta.pop("name", "allclose")
        if checker not in CHECKERS:
            errors.append(f"problem.toml: `checker.name` must be one of {', '.join(CHECKERS)}")
        for key, value in checker_meta.items():
            if key not in ("rtol", "atol") or not isinstance(value, (int, float)) or not 0 <= value < 1:
                errors.append(f"problem.toml: checker parameter `{key}` must be rtol or atol in [0, 1)")
        tests_meta = meta.get("tests", {})
        seed = tests_meta.get("seed", 0) if isinstance(tests_meta, dict) else 0
        if type(seed) is not int or not 0 <= seed < 2**63:  # the generator's seed crosses the wire as an int64
            errors.append("problem.toml: `tests.seed` must be an integer from 0 to 2**63 - 1")
            seed = 0
        if not (files.get("statement.md", "").strip() or files.get("statement.zh.md", "").strip()):
            errors.append("statement.md is missing or empty")
        for name in ("starter.py", "reference.py"):
            if not files.get(name, "").strip():
                errors.append(f"{name} is missing or empty")
        if not files.get("generator.py", "").strip() and not files.get("cases.json", "").strip():
            errors.append("a problem needs generator.py or cases.json")
        errors += _cases_json_problems(files.get("cases.json", ""))
        for name, text in files.items():
            if name.endswith(".py"):
                try:
                    compile(text, name, "exec", dont_inherit=True)
                except SyntaxError as exc:
                    if not name.startswith("wrong/"):
                        errors.append(f"{name}: syntax error on line {exc.lineno}: {exc.msg}")
        _check_sidecars(files, errors)
        hints = _hints(files.get("hints.toml", ""), errors)
        spec = ProblemSpec(
            **common,
            flavour=flavour,
            entry=entry,
            limits=limits,
            checker=checker,
            checker_params=checker_meta,
            seed=seed,
            hints=hints["hints"],
            hints_zh=hints["hints_zh"],
        )
    if errors:
        raise SpecError(slug, errors)
    return spec


def read_folder(folder: Path) -> dict[str, str]:
    """Read a problem folder's text files, keyed by path relative to the folder."""
    files: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES and "__pycache__" not in path.parts:
            files[path.relative_to(folder).as_posix()] = path.read_text(encoding="utf-8")
    return files


def load_spec(folder: Path | str) -> ProblemSpec:
    folder = Path(folder)
    if not folder.is_dir():
        raise SpecError(folder.name, [f"no problem folder at {folder}"])
    return spec_from_files(folder.name, read_folder(folder))


def find_problem(slug: str, root: Path = PROBLEMS_DIR) -> ProblemSpec:
    """Load a built-in problem by slug."""
    if not SLUG_RE.match(slug) or not (root / slug / "problem.toml").is_file():
        raise SpecError(slug, [f"unknown problem {slug!r}"])
    return load_spec(root / slug)


def bank_slugs(root: Path = PROBLEMS_DIR) -> list[str]:
    return sorted(p.name for p in root.iterdir() if (p / "problem.toml").is_file()) if root.is_dir() else []
