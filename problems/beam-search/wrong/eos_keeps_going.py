import numpy as np


def beam_search(log_probs, bos, eos, beam_width, max_len, length_penalty=0.0):
    # Treats eos like any other token: hypotheses keep growing after </s>.
    beams = [([], 0.0)]
    for _ in range(max_len):
        cands = []
        for tokens, score in beams:
            row = log_probs[tokens[-1] if tokens else bos]
            cands += [(tokens + [t], score + float(row[t])) for t in range(len(row))]
        cands.sort(key=lambda c: -c[1])
        beams = cands[:beam_width]
    best = max(beams, key=lambda h: h[1] / len(h[0]) ** length_penalty)
    return best[0], best[1] / len(best[0]) ** length_penalty
