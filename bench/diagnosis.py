"""Measure mistake recognition: grade every `wrong/*.py` of the bank as a learner's submission and count the share
that gets its own known mistake named, another one, a generic numeric diagnosis, or nothing; check that no
reference or `accept/*.py` gets a diagnosis. Prints a Markdown table for the README; asserts nothing.
`--generic` hides the known mistakes (their sidecars keep only the verdict), to measure the numeric diagnoses alone.

    .venv/bin/python bench/diagnosis.py [--only SLUG ...] [--slots 2] [--problems DIR] [--generic]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from grader import PROBLEMS_DIR, SpecError, bank_slugs, find_problem, grade, prepare
from grader.diagnosis import DiagnosisKind
from grader.result import Report, Verdict
from grader.sandbox import Pool
from grader.spec import Kind, ProblemSpec

OUTCOMES = ("own mistake", "another mistake", "generic", "nothing")


@dataclass(frozen=True)
class Graded:
    slug: str
    name: str  # wrong/NAME.py, accept/NAME.py or reference.py
    report: Report


def fails_visible(report: Report) -> bool:
    """Whether a visible sample fails (a failure report without tests counts as visible: the learner sees it)."""
    return any(not t.hidden and t.verdict != Verdict.ACCEPTED for t in report.tests)


def outcome(spec: ProblemSpec, graded: Graded) -> str:
    """Which of OUTCOMES a wrong solution's report got; a mistake with its own diagnosis text counts as its own."""
    found = graded.report.diagnosis
    if found is None:
        return "nothing"
    if found.kind != DiagnosisKind.MISTAKE:
        return "generic"
    wrong = spec.wrong_solutions
    own = wrong[graded.name]
    named = [wrong[stem + ".py"] for stem in found.name.split("+") if stem + ".py" in wrong]
    return (
        "own mistake" if any(w.stem == own.stem or w.diagnosis == own.diagnosis for w in named) else "another mistake"
    )


def grade_problem(spec: ProblemSpec, pool: Pool) -> list[Graded]:
    prepare(spec, pool)
    sources = {"reference.py": spec.reference}
    sources |= {"accept/" + name: source for name, source in spec.must_pass.items()}
    sources |= {"wrong/" + name: source for name, source in spec.must_fail.items()}
    return [Graded(spec.slug, name, grade(spec, source, pool=pool)) for name, source in sources.items()]


def without_mistakes(spec: ProblemSpec) -> ProblemSpec:
    """The problem with every wrong solution's diagnosis hidden, so only the generic diagnoses can answer."""
    files = dict(spec.files)
    for name, wrong in spec.wrong_solutions.items():
        if wrong.verdict is not None:
            files["wrong/" + name[: -len(".py")] + ".toml"] = f'verdict = "{wrong.verdict}"\n'
    return dataclasses.replace(spec, files=files)


def share(count: int, total: int) -> str:
    return f"{count} ({100 * count / total:.0f}%)" if total else "0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", metavar="SLUG", help="grade only this problem (repeatable)")
    parser.add_argument("--slots", type=int, default=2, help="sandbox slots and parallel problems (default 2)")
    parser.add_argument("--problems", type=Path, default=PROBLEMS_DIR, help="the problem bank folder")
    parser.add_argument("--generic", action="store_true", help="hide the known mistakes: numeric diagnoses only")
    options = parser.parse_args()

    specs = []
    for slug in options.only or bank_slugs(options.problems):
        try:
            spec = find_problem(slug, options.problems)
        except SpecError as exc:
            print(f"skipped {slug}: {'; '.join(exc.reasons)}", file=sys.stderr)
            continue
        if spec.kind == Kind.CODE:
            specs.append(without_mistakes(spec) if options.generic else spec)
    started = time.perf_counter()
    pool = Pool(slots=options.slots)
    try:
        with ThreadPoolExecutor(options.slots) as executor:
            results = dict(
                zip((s.slug for s in specs), executor.map(lambda s: grade_problem(s, pool), specs), strict=True)
            )
    finally:
        pool.close()

    counts: dict[str, Counter[str]] = {"visible": Counter(), "hidden": Counter()}
    generic: Counter[str] = Counter()
    undiagnosed = correct_total = 0
    flagged: list[str] = []
    shared: list[str] = []  # its own mistake, named together with others that agree on the samples
    missed: list[str] = []  # fails a visible sample, gets no diagnosis
    for spec in specs:
        for graded in results[spec.slug]:
            if not graded.name.startswith("wrong/"):
                correct_total += 1
                if graded.report.diagnosis is not None or not graded.report.accepted:
                    flagged.append(f"{spec.slug}/{graded.name}: {graded.report.verdict}, {graded.report.diagnosis}")
                continue
            name = graded.name[len("wrong/") :]
            if not spec.wrong_solutions[name].diagnosis:
                undiagnosed += 1
            where = "visible" if fails_visible(graded.report) else "hidden"
            result = outcome(spec, Graded(spec.slug, name, graded.report))
            counts[where][result] += 1
            found = graded.report.diagnosis
            if result == "generic" and found is not None:
                generic[found.name] += 1
            if result == "another mistake" and found is not None:
                flagged.append(f"{spec.slug}/wrong/{name}: named {found.name}")
            elif result == "own mistake" and found is not None and "+" in found.name:
                shared.append(f"{spec.slug}/wrong/{name}: named with others, {found.name}")
            elif result == "nothing" and where == "visible" and not options.generic:
                missed.append(f"{spec.slug}/wrong/{name}: {graded.report.verdict}")

    print(f"{len(specs)} coding problems graded in {time.perf_counter() - started:.0f} s on {options.slots} slots\n")
    print("| wrong solutions (`wrong/*.py`) | count | " + " | ".join(OUTCOMES) + " |")
    print("|---" * (len(OUTCOMES) + 2) + "|")
    labels = {"visible": "fail a visible sample", "hidden": "fail only hidden tests"}
    for where, label in labels.items():
        total = sum(counts[where].values())
        print(f"| {label} | {total} | " + " | ".join(share(counts[where][o], total) for o in OUTCOMES) + " |")
    if generic:
        print("\nGeneric diagnoses given: " + ", ".join(f"{name} {count}" for name, count in generic.most_common()))
    wrong_total = sum(sum(c.values()) for c in counts.values())
    hidden = " (hidden by --generic)" if options.generic else ""
    print(f"\nWrong solutions without a diagnosis in their sidecar{hidden}: {undiagnosed} of {wrong_total}.")
    diagnosed_correct = [f for f in flagged if "/wrong/" not in f]
    print(
        f"Correct code (references and `accept/*.py`) with a diagnosis or not accepted: "
        f"{len(diagnosed_correct)} of {correct_total}."
    )
    for line in flagged:
        print("  -", line)
    print(f"Own mistake named together with others that agree on every sample: {len(shared)}.")
    for line in shared + ["failing a visible sample without a diagnosis:"] * bool(missed) + missed:
        print("  -", line)


if __name__ == "__main__":
    main()
