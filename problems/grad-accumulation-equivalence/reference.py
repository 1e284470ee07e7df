import numpy as np


def grad_accumulation_loss(losses: np.ndarray, mask: np.ndarray) -> dict:
    """Return {"correct": float, "naive": float, "weights": (M,) array} for M micro-batches of token losses."""
    m = mask.astype(np.float64)
    counts = m.sum(axis=1)  # n_i: real tokens in micro-batch i
    sums = (np.where(mask, losses, 0.0)).sum(axis=1)  # loss_sum_i over real tokens only
    total = counts.sum()  # N: real tokens in the whole accumulated batch
    means = sums / counts
    return {
        "correct": float(sums.sum() / total),  # = full-batch token mean
        "naive": float(means.mean()),  # mean of micro-batch means
        "weights": counts / total,  # correct = sum_i weights[i] * means[i]
    }
