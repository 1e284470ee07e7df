# exp / sum without the max shift: at temperature 1e-3 a cosine near 1 gives exp(1000) = inf, and inf / inf = nan.
import torch
import torch.nn.functional as F


def infonce_loss(q, p, n=None, temperature=0.05):
    q, p = F.normalize(q, dim=-1), F.normalize(p, dim=-1)
    logits = q @ p.T
    if n is not None:
        logits = torch.cat([logits, torch.einsum("bd,bmd->bm", q, F.normalize(n, dim=-1))], dim=1)
    e = torch.exp(logits / temperature)
    probs = e / e.sum(dim=1, keepdim=True)
    return -torch.log(probs.diagonal()).mean()
