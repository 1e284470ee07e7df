import numpy as np


def greedy_decode(log_probs, bos, eos, max_len):
    tokens = [bos]
    while len(tokens) - 1 < max_len:
        nxt = int(np.argmax(log_probs[tokens[-1]]))
        tokens.append(nxt)
        if nxt == eos:
            break
    return tokens  # returns the prompt token too
