import numpy as np


def speculative_verify(draft_tokens, q, p, u, r) -> list[int]:
    """Accept or reject K draft tokens against the target model; emit 1 to K+1 tokens."""
    raise NotImplementedError
