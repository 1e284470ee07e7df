import torch


def infonce_loss(q: torch.Tensor, p: torch.Tensor, n: torch.Tensor | None = None,
                 temperature: float = 0.05) -> torch.Tensor:
    """Mean over queries of -log softmax(cos / temperature)[0] over the candidates
    [p_i, p_j for j != i in increasing j, n_i0, ..., n_i(M-1)]. Returns a 0-dim float64 tensor."""
    q = q.to(torch.float64)
    p = p.to(torch.float64)
    qn = q / q.norm(dim=-1, keepdim=True)
    pn = p / p.norm(dim=-1, keepdim=True)
    B = q.shape[0]
    losses = []
    for i in range(B):
        candidates = [pn[i]] + [pn[j] for j in range(B) if j != i]
        if n is not None:
            ni = n[i].to(torch.float64)
            candidates += list(ni / ni.norm(dim=-1, keepdim=True))
        logits = torch.stack(candidates) @ qn[i] / temperature
        losses.append(-torch.log_softmax(logits, dim=0)[0])   # log-sum-exp: stable at small temperatures
    return torch.stack(losses).mean()
