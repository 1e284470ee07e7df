"""RankUp's grading library: load problem specs, run code in the sandbox, check results, report verdicts.

It never imports the web app, sqlalchemy or fastapi.
"""

from grader.errors import GraderError, SandboxError, SpecError
from grader.result import Report, TestResult, Verdict
from grader.spec import PROBLEMS_DIR, ProblemSpec, bank_slugs, find_problem, load_spec, spec_from_files

__all__ = [
    "PROBLEMS_DIR", "GraderError", "ProblemSpec", "Report", "SandboxError", "SpecError", "TestResult", "Verdict",
    "bank_slugs", "find_problem", "load_spec", "spec_from_files",
]
