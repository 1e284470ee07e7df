import numpy as np


def beam_search(log_probs, bos, eos, beam_width, max_len, length_penalty=0.0):
    table = np.asarray(log_probs, dtype=np.float64)
    v = table.shape[0]
    seqs = [[]]
    scores = np.zeros(1)
    done_seqs, done_scores = [], []
    for _ in range(max_len):
        slots = beam_width - len(done_seqs)
        if slots <= 0 or not seqs:
            break
        last = np.array([s[-1] if s else bos for s in seqs])
        total = (scores[:, None] + table[last]).ravel()  # row-major: beam, then token
        pick = np.argsort(-total, kind="stable")[:slots]
        new_seqs, new_scores = [], []
        for flat in pick:
            beam, token = divmod(int(flat), v)
            seq = seqs[beam] + [token]
            if token == eos:
                done_seqs.append(seq)
                done_scores.append(total[flat])
            else:
                new_seqs.append(seq)
                new_scores.append(total[flat])
        seqs, scores = new_seqs, np.array(new_scores)
    done_seqs += seqs
    done_scores += list(scores)
    lengths = np.array([len(s) for s in done_seqs], dtype=np.float64)
    final = np.array(done_scores) / lengths**length_penalty
    i = int(np.argmax(final))
    return done_seqs[i], float(final[i])
