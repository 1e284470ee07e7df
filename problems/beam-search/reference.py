import numpy as np


def beam_search(log_probs: np.ndarray, bos: int, eos: int, beam_width: int, max_len: int,
                length_penalty: float = 0.0) -> tuple[list[int], float]:
    """Return (best tokens after bos, its final score) from beam search as specified in the statement."""
    table = np.asarray(log_probs, dtype=np.float64)
    vocab = table.shape[0]
    alive: list[tuple[list[int], float]] = [([], 0.0)]
    finished: list[tuple[list[int], float]] = []
    for _ in range(max_len):
        slots = beam_width - len(finished)
        if slots <= 0 or not alive:
            break
        candidates = []
        for tokens, score in alive:  # enumeration order: beam order, then token id
            row = table[tokens[-1] if tokens else bos]
            for token in range(vocab):
                candidates.append((tokens + [token], score + float(row[token])))
        candidates.sort(key=lambda c: -c[1])  # stable: ties keep enumeration order
        alive = []
        for tokens, score in candidates[:slots]:
            (finished if tokens[-1] == eos else alive).append((tokens, score))
    finished.extend(alive)

    def final(h):
        return h[1] / len(h[0]) ** length_penalty

    best = max(finished, key=final)  # max() keeps the first of equal keys: the earliest to finish
    return best[0], final(best)
