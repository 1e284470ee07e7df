import numpy as np


def greedy_decode(log_probs, bos, eos, max_len):
    tokens, last = [], bos
    for _ in range(max_len):
        last = int(np.argmax(log_probs[last]))
        tokens.append(last)
    return tokens
