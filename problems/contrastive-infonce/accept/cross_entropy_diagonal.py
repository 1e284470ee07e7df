# The usual batched form: scores against all positives (B, B) and own hard negatives (B, M), concatenated,
# with the diagonal as target. Cross-entropy does not depend on the order of the other candidates.
import torch
import torch.nn.functional as F


def infonce_loss(q, p, n=None, temperature=0.05):
    q, p = F.normalize(q, dim=-1), F.normalize(p, dim=-1)
    logits = q @ p.T
    if n is not None:
        logits = torch.cat([logits, torch.einsum("bd,bmd->bm", q, F.normalize(n, dim=-1))], dim=1)
    return F.cross_entropy(logits / temperature, torch.arange(q.shape[0]))
