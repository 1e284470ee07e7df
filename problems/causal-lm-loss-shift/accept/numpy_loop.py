# Plain loops in NumPy with a per-row log-sum-exp; returns a Python float.
import numpy as np


def causal_lm_loss(logits, input_ids, attention_mask):
    z, ids, mask = logits.numpy(), input_ids.numpy(), attention_mask.numpy()
    total, count = 0.0, 0
    B, T, _ = z.shape
    for b in range(B):
        for t in range(T - 1):
            if mask[b, t + 1]:
                row = z[b, t]
                m = row.max()
                total += m + np.log(np.exp(row - m).sum()) - row[ids[b, t + 1]]
                count += 1
    return total / count
