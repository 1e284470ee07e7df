import numpy as np


def grad_accumulation_loss(losses, mask):
    # Sums only the real tokens but divides by the padded token count M * T.
    M, T = losses.shape
    counts = mask.sum(axis=1).astype(np.float64)
    sums = np.where(mask, losses, 0.0).sum(axis=1)
    return {"correct": float(sums.sum() / (M * T)), "naive": float((sums / counts).mean()),
            "weights": counts / (M * T)}
