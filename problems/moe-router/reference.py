import numpy as np


def moe_route(router_logits: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, float]:
    """Return (indices, gates, aux_loss): top-k experts per token, renormalised gates, Switch/Mixtral aux loss."""
    logits = np.asarray(router_logits, dtype=np.float64)
    n_tokens, n_experts = logits.shape
    shifted = logits - logits.max(axis=1, keepdims=True)
    probs = np.exp(shifted)
    probs /= probs.sum(axis=1, keepdims=True)
    # A stable sort of -probs keeps equal probabilities in ascending expert order: ties go to the lower index.
    indices = np.argsort(-probs, axis=1, kind="stable")[:, :k].astype(np.int64)
    selected = np.take_along_axis(probs, indices, axis=1)
    gates = selected / selected.sum(axis=1, keepdims=True)
    counts = np.bincount(indices.ravel(), minlength=n_experts)      # (token, slot) assignments per expert
    mean_probs = probs.mean(axis=0)
    aux_loss = n_experts * float(np.sum(counts / n_tokens * mean_probs))
    return indices, gates, aux_loss
