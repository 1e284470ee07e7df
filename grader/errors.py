"""Grader faults (never a submission's bug: those are verdicts).

GraderError
├── SpecError        a problem's files are broken; carries every reason found
└── SandboxError     the sandbox cannot run safely here, or broke while running
"""


class GraderError(Exception):
    """Base of the grader's own failures."""


class SpecError(GraderError):
    def __init__(self, slug: str, reasons: list[str]):
        self.slug = slug
        self.reasons = reasons
        super().__init__(f"{slug}: " + "; ".join(reasons))


class SandboxError(GraderError):
    """The sandbox is missing a layer or failed; the message names which."""
