import numpy as np


def pipeline_bubble(p: int, m: int, tf: float, tb: float) -> dict:
    """Return total time, bubble fraction and per-stage peak in-flight micro-batches for GPipe and 1F1B."""
    raise NotImplementedError
