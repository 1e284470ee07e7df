import numpy as np


def beam_search(log_probs, bos, eos, beam_width, max_len, length_penalty=0.0):
    # Keeps beam_width alive beams and never sets finished ones aside: an eos hypothesis is only
    # remembered if it is still in the beam at the very end.
    beams = [([], 0.0)]
    for _ in range(max_len):
        cands = []
        for tokens, score in beams:
            if tokens and tokens[-1] == eos:
                continue  # finished hypotheses are simply dropped
            row = log_probs[tokens[-1] if tokens else bos]
            cands += [(tokens + [t], score + float(row[t])) for t in range(len(row))]
        if not cands:
            break
        cands.sort(key=lambda c: -c[1])
        beams = cands[:beam_width]
    best = max(beams, key=lambda h: h[1] / len(h[0]) ** length_penalty)
    return best[0], best[1] / len(best[0]) ** length_penalty
