import numpy as np


def greedy_decode(log_probs: np.ndarray, bos: int, eos: int, max_len: int) -> list[int]:
    """Return the greedily decoded tokens after bos (eos included if generated, at most max_len tokens)."""
    table = np.asarray(log_probs, dtype=np.float64)
    tokens: list[int] = []
    last = bos
    while len(tokens) < max_len:
        last = int(np.argmax(table[last]))  # np.argmax returns the first (lowest) index on ties
        tokens.append(last)
        if last == eos:
            break
    return tokens
