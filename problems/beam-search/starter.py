import numpy as np


def beam_search(log_probs: np.ndarray, bos: int, eos: int, beam_width: int, max_len: int,
                length_penalty: float = 0.0) -> tuple[list[int], float]:
    """Return (best tokens after bos, its final score) from beam search as specified in the statement."""
    raise NotImplementedError
