"""Check that a problem is sound: its files parse, its reference passes, and known-bad code fails.

Everything runs through the real sandbox and the real judge, exactly as a learner's code would.
`validate_spec` and `validate_folder` are a fault boundary: a grader fault (a broken spec, a sandbox
that cannot run, a bug in the grader itself) comes back as one more reason, never as an exception.
`feedback_problems` is the teaching content a coding problem needs (a diagnosis of every known-wrong
solution and three hints, in each of its languages); `FEEDBACK_REQUIRED` requires it by default.
`language_problems` is the languages rule: the bank is fully bilingual (`bilingual=True`, the default); an
instructor's problem needs one complete language, English or Chinese, and each language it starts must be complete.
"""

from __future__ import annotations

from pathlib import Path

from grader.errors import SandboxError, SpecError
from grader.judge import grade, prepare
from grader.result import Verdict
from grader.sandbox import Pool
from grader.spec import Kind, ProblemSpec, load_spec

STUBS = {
    "a stub returning None": "def {entry}(*args, **kwargs):\n    return None\n",
    "a stub returning zeros": (
        "def {entry}(*args, **kwargs):\n"
        "    for value in list(args) + list(kwargs.values()):\n"
        "        if hasattr(value, 'shape') and hasattr(value, 'dtype'):\n"
        "            return value * 0\n"
        "    return 0.0\n"
    ),
    "a stub returning its first input": (
        "def {entry}(*args, **kwargs):\n    return (list(args) + list(kwargs.values()))[0]\n"
    ),
}
ANSWER_WORDS = (80, 250)
HINTS = 3  # each coding problem's hints, from a nudge to nearly the method
# Every bank problem has its diagnoses and hints, so `rankup problems validate`, the bank tests and the authoring
# form's Validate require them.
FEEDBACK_REQUIRED = True


LANGUAGES = ("en", "zh")
LANGUAGE_NAMES = {"en": "English", "zh": "Chinese"}


def _suffix(language: str) -> str:
    """The suffix of a language's keys and files: `title`/`title_zh`, `statement.md`/`statement.zh.md`."""
    return "" if language == "en" else f"_{language}"


def _language_gaps(spec: ProblemSpec, language: str) -> list[str]:
    """What `language` lacks of the texts a learner reads: the title and, for a coding problem, the statement and
    editorial; for a card, the question, model answer, key points and wrong answers."""
    key, dot = _suffix(language), "" if language == "en" else f".{language}"
    gaps = [] if getattr(spec, "title" + key).strip() else [f"problem.toml: `title{key}` is missing"]
    texts = ("question", "answer") if spec.kind == Kind.QA else ("statement", "editorial")
    gaps += [f"{name}{dot}.md is missing or empty" for name in texts if not spec.text(f"{name}{dot}.md").strip()]
    if spec.kind == Kind.QA:
        gaps += [
            f"problem.toml: `{name}{key}` is missing"
            for name in ("key_points", "wrong_answers")
            if not getattr(spec, name + key)
        ]
    return gaps


def started_languages(spec: ProblemSpec) -> tuple[str, ...]:
    """The languages an instructor's problem is written in: those with a title or a statement (question)."""
    dots = {"en": "", "zh": ".zh"}
    main = "question" if spec.kind == Kind.QA else "statement"
    return tuple(
        language
        for language in LANGUAGES
        if getattr(spec, "title" + _suffix(language)).strip() or spec.text(f"{main}{dots[language]}.md").strip()
    )


def language_problems(spec: ProblemSpec, *, bilingual: bool = True) -> list[str]:
    """Why the problem's languages are not complete: with `bilingual` (the bank) both must be; otherwise one
    complete language is enough, but a language the author started must be finished (or cleared)."""
    if bilingual:
        return [gap for language in LANGUAGES for gap in _language_gaps(spec, language)]
    started = started_languages(spec)
    if not started:
        return [
            "fill in English, Chinese, or both: " + "; ".join(_language_gaps(spec, "en")) + " (or the same in Chinese)"
        ]
    reasons = []
    for language in started:
        gaps = _language_gaps(spec, language)
        if gaps:
            reasons.append(
                f"the {LANGUAGE_NAMES[language]} version is incomplete (finish it or clear it): " + "; ".join(gaps)
            )
    return reasons


def _check_card(spec: ProblemSpec, languages: tuple[str, ...]) -> list[str]:
    reasons = []
    if "en" in languages:  # Chinese has no word count to bound
        words = len(spec.text("answer.md").split())
        if not ANSWER_WORDS[0] <= words <= ANSWER_WORDS[1]:
            reasons.append(f"answer.md has {words} words; a model answer has {ANSWER_WORDS[0]}-{ANSWER_WORDS[1]}")
    points = spec.key_points if "en" in languages else spec.key_points_zh
    if not 3 <= len(points) <= 6:
        reasons.append(f"{len(points)} key points; a card needs 3 to 6")
    if set(languages) == set(LANGUAGES):
        if len(spec.key_points_zh) != len(spec.key_points):
            reasons.append("key_points_zh must translate every key point")
        if len(spec.wrong_answers_zh) != len(spec.wrong_answers):
            reasons.append("a card needs wrong_answers and a Chinese version of each (wrong_answers_zh)")
    return reasons


def feedback_problems(spec: ProblemSpec, languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    """What a coding problem lacks to teach: a diagnosis of each wrong solution and its hints, in each of
    `languages`."""
    keys = [_suffix(language) for language in languages]
    reasons = []
    for wrong in spec.wrong_solutions.values():
        missing = [f"diagnosis{key}" for key in keys if not getattr(wrong, f"diagnosis{key}")]
        if missing:
            reasons.append(f"wrong/{wrong.stem}.toml needs a non-empty {' and '.join(f'`{k}`' for k in missing)}")
    for key in keys:
        count = len(getattr(spec, f"hints{key}"))
        if count != HINTS:
            reasons.append(f"hints.toml: `hints{key}` has {count} hints; a coding problem needs exactly {HINTS}")
    return reasons


def _fault(exc: Exception) -> list[str]:
    """A grader fault as reasons: a spec error's own reasons, anything else named with its type."""
    if isinstance(exc, SpecError):
        return exc.reasons
    kind = "the sandbox failed" if isinstance(exc, SandboxError) else "the grader failed"
    return [f"{kind} while validating: {type(exc).__name__}: {str(exc)[:500]}"]


def validate_spec(
    spec: ProblemSpec, pool: Pool | None = None, *, feedback: bool | None = None, bilingual: bool = True
) -> list[str]:
    """Every reason the problem is broken; an empty list means it may be published. Never raises.

    `feedback` requires the diagnoses and hints (default: `FEEDBACK_REQUIRED`); `bilingual` requires both
    languages (the bank), else one complete language (an instructor's problem, see `language_problems`)."""
    reasons = language_problems(spec, bilingual=bilingual)
    languages = LANGUAGES if bilingual else started_languages(spec) or ("en",)
    if spec.kind == Kind.CODE and (FEEDBACK_REQUIRED if feedback is None else feedback):
        reasons += feedback_problems(spec, languages)
    try:
        _validate(spec, pool, reasons, languages)
    except Exception as exc:  # noqa: BLE001 - the fault boundary: whatever broke, the author gets a reason
        reasons += _fault(exc)
    return reasons


def _validate(spec: ProblemSpec, pool: Pool | None, reasons: list[str], languages: tuple[str, ...]) -> None:
    """Append every reason the problem is broken to `reasons`; a grader fault raises."""
    if spec.kind == Kind.QA:
        reasons += _check_card(spec, languages)
        return
    cases = prepare(spec, pool)  # a SpecError here is the problem's own reasons
    if not any(not c.hidden for c in cases) or not any(c.hidden for c in cases):
        reasons.append("the tests need at least one visible sample and one hidden case")
    report = grade(spec, spec.reference, pool=pool, reveal_hidden=True)
    if not report.accepted:
        first = next(t for t in report.tests if t.verdict != "accepted")
        reasons.append(f"reference.py is not accepted: {first.name}: {first.verdict} {first.message}".strip())
    bad = {"starter.py": spec.starter}
    bad |= {name: stub.format(entry=spec.entry) for name, stub in STUBS.items()}
    for name, source in bad.items():
        if grade(spec, source, pool=pool).accepted:
            reasons.append(f"{name} is accepted but must be rejected: the tests are too weak")
    pinned = spec.must_fail_verdicts
    for name, source in spec.must_fail.items():
        verdict = grade(spec, source, pool=pool).verdict
        if verdict == Verdict.ACCEPTED:
            reasons.append(f"wrong/{name} is accepted but must be rejected: the tests are too weak")
        elif pinned[name] is None:
            reasons.append(f"wrong/{name} needs a sidecar wrong/{name[:-3]}.toml pinning its verdict ({verdict} now)")
        elif verdict != pinned[name]:
            reasons.append(f"wrong/{name} must get {pinned[name]} (pinned in its sidecar) but got {verdict}")
    for name, source in spec.must_pass.items():
        report = grade(spec, source, pool=pool, reveal_hidden=True)
        if not report.accepted:
            first = next(t for t in report.tests if t.verdict != "accepted")
            reasons.append(
                f"accept/{name} must be accepted but got {first.verdict} on {first.name}: {first.message}".strip()
            )


def validate_folder(folder: Path, pool: Pool | None = None, *, feedback: bool | None = None) -> list[str]:
    """Load and validate a problem folder; never raises (see validate_spec)."""
    try:
        spec = load_spec(folder)
    except Exception as exc:  # noqa: BLE001 - the same boundary: an unreadable file is a reason too
        return _fault(exc)
    return validate_spec(spec, pool, feedback=feedback)
