# Shares every row's hard negatives with every query (B*M extra candidates) instead of only n_i.
import torch
import torch.nn.functional as F


def infonce_loss(q, p, n=None, temperature=0.05):
    q, p = F.normalize(q, dim=-1), F.normalize(p, dim=-1)
    cands = p if n is None else torch.cat([p, F.normalize(n, dim=-1).reshape(-1, q.shape[1])])
    return F.cross_entropy(q @ cands.T / temperature, torch.arange(q.shape[0]))
