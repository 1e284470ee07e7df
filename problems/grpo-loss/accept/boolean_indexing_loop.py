# Row by row with boolean indexing: only the completion tokens are ever touched.
import torch


def grpo_loss(logps, old_logps, ref_logps, advantages, mask, clip_eps=0.2, beta=0.04):
    rows = []
    for i in range(logps.shape[0]):
        m = mask[i]
        lp, old, ref = logps[i][m], old_logps[i][m], ref_logps[i][m]
        ratio = (lp - old).exp()
        a = advantages[i]
        surr = torch.minimum(ratio * a, ratio.clamp(1 - clip_eps, 1 + clip_eps) * a)
        kl = (ref - lp).exp() - (ref - lp) - 1
        rows.append((-(surr - beta * kl)).mean())
    return torch.stack(rows).mean()
