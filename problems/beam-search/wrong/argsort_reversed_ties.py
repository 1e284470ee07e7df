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
        scores = np.array([c[1] for c in cands])
        order = np.argsort(scores, kind="stable")[::-1]  # descending, but ties now favour LATER candidates
        alive = []
        for i in order[:slots]:
            (finished if cands[i][0][-1] == eos else alive).append(cands[i])
    finished += alive
    best = max(finished, key=lambda h: h[1] / len(h[0]) ** length_penalty)
    return best[0], best[1] / len(best[0]) ** length_penalty
