# np.argpartition finds the top-k set but leaves it in no particular order: indices are not descending.
import numpy as np


def moe_route(router_logits, k):
    n_tokens, n_experts = router_logits.shape
    e = np.exp(router_logits - router_logits.max(axis=1, keepdims=True))
    probs = e / e.sum(axis=1, keepdims=True)
    indices = np.argpartition(-probs, k - 1, axis=1)[:, :k]
    selected = np.take_along_axis(probs, indices, axis=1)
    gates = selected / selected.sum(axis=1, keepdims=True)
    counts = np.bincount(indices.ravel(), minlength=n_experts)
    return indices, gates, float(n_experts * np.sum(counts / n_tokens * probs.mean(axis=0)))
