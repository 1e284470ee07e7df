"""RankUp's grading library: load problem specs, run code in the sandbox, check results, report verdicts.

It never imports the web app, sqlalchemy or fastapi.
"""

from grader.custom import CustomInputError, CustomResult, custom_run, default_arguments
from grader.errors import GraderError, SandboxError, SpecError
from grader.judge import grade, prepare, visible_cases
from grader.result import Mode, Report, TestResult, Verdict
from grader.sandbox import Pool, default_pool
from grader.spec import PROBLEMS_DIR, ProblemSpec, bank_slugs, find_problem, load_spec, spec_from_files

__all__ = [
    "CustomInputError",
    "CustomResult",
    "custom_run",
    "default_arguments",
    "PROBLEMS_DIR",
    "GraderError",
    "Mode",
    "Pool",
    "default_pool",
    "grade",
    "prepare",
    "visible_cases",
    "ProblemSpec",
    "Report",
    "SandboxError",
    "SpecError",
    "TestResult",
    "Verdict",
    "bank_slugs",
    "find_problem",
    "load_spec",
    "spec_from_files",
]
