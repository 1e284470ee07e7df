import numpy as np


def greedy_decode(log_probs, bos, eos, max_len):
    tokens, last = [], bos
    while len(tokens) < max_len:
        last = int(np.argmax(log_probs[last]))
        if last == eos:
            break  # stops but forgets to emit </s>
        tokens.append(last)
    return tokens
