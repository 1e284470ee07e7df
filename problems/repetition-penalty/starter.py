import numpy as np


def repetition_penalty(logits, context, theta, mode):
    """Return new logits (V,) with every token id seen in `context` penalised once, by the CTRL or sign-aware rule."""
    raise NotImplementedError
