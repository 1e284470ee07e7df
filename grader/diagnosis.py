"""Diagnoses of a wrong answer: the named mistake it matches (a known-wrong solution's output) or a numeric
shape it has (a constant factor, a transpose, a flipped sign, ...). Visible samples only, never hidden tests.

`Diagnosis` is the one shape a diagnosis takes in reports (`Report.to_dict()["diagnosis"]`); `DiagnosisKind`
names its kinds. `numeric(got, expected, rtol=..., atol=...)` returns the first generic diagnosis that fits, or
None; it never fires on an answer the checker would accept.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class DiagnosisKind(StrEnum):
    MISTAKE = "mistake"  # the learner's outputs equal a known-wrong solution's on the visible samples
    NUMERIC = "numeric"  # a generic numeric shape of the wrong answer


@dataclass(frozen=True)
class Diagnosis:
    kind: DiagnosisKind
    name: str
    message: str
    message_zh: str

    def to_dict(self) -> dict:
        return asdict(self) | {"kind": str(self.kind)}


def numeric(got, expected, *, rtol: float = 1e-9, atol: float = 1e-12) -> Diagnosis | None:
    """The generic diagnosis of `got` against `expected` (being written: returns None for now)."""
    return None
