import numpy as np


def greedy_decode(log_probs, bos, eos, max_len):
    tokens, last = [], bos
    while len(tokens) < max_len:
        row = log_probs[last]
        last = int(np.flatnonzero(row == row.max())[-1])
        tokens.append(last)
        if last == eos:
            break
    return tokens
