# Forgets to L2-normalise: raw dot products / temperature.
import torch
import torch.nn.functional as F


def infonce_loss(q, p, n=None, temperature=0.05):
    logits = q @ p.T
    if n is not None:
        logits = torch.cat([logits, torch.einsum("bd,bmd->bm", q, n)], dim=1)
    return F.cross_entropy(logits / temperature, torch.arange(q.shape[0]))
