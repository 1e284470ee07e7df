import numpy as np


def beam_search(log_probs, bos, eos, beam_width, max_len, length_penalty=0.0):
    # Ignores the beam: keeps only the single best token at every step.
    tokens, score, last = [], 0.0, bos
    for _ in range(max_len):
        last = int(np.argmax(log_probs[last]))
        score += float(log_probs[tokens[-1] if tokens else bos, last])
        tokens.append(last)
        if last == eos:
            break
    return tokens, score / len(tokens) ** length_penalty
