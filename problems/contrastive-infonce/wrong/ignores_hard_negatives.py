# In-batch negatives only: the hard negatives are accepted and then never used.
import torch
import torch.nn.functional as F


def infonce_loss(q, p, n=None, temperature=0.05):
    q, p = F.normalize(q, dim=-1), F.normalize(p, dim=-1)
    return F.cross_entropy(q @ p.T / temperature, torch.arange(q.shape[0]))
