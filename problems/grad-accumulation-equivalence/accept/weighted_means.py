import numpy as np


def grad_accumulation_loss(losses, mask):
    # Per-micro-batch means first, then the token-count weights; the correct loss is their weighted sum.
    M = losses.shape[0]
    means, counts = np.empty(M), np.empty(M)
    for i in range(M):
        real = losses[i][mask[i]]
        counts[i] = real.size
        means[i] = real.mean()
    weights = counts / counts.sum()
    return {"correct": float(np.dot(weights, means)), "naive": float(np.mean(means)), "weights": weights}
