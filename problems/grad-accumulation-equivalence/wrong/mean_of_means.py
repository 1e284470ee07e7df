import numpy as np


def grad_accumulation_loss(losses, mask):
    # The bug fixed in Hugging Face Transformers in October 2024: each micro-batch's loss is its own token mean and
    # the accumulated loss divides by the number of micro-batches, so every micro-batch weighs the same.
    means = np.array([losses[i][mask[i]].mean() for i in range(losses.shape[0])])
    M = len(means)
    return {"correct": float(means.mean()), "naive": float(means.mean()), "weights": np.full(M, 1.0 / M)}
