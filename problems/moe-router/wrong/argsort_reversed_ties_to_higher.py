# Top-k by logits with an ascending argsort reversed: equal logits come out highest index first.
import numpy as np


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def moe_route(router_logits, k):
    n_tokens, n_experts = router_logits.shape
    probs = _softmax(router_logits)
    indices = np.argsort(router_logits, axis=1)[:, ::-1][:, :k].astype(np.int64)
    selected = np.take_along_axis(probs, indices, axis=1)
    gates = selected / selected.sum(axis=1, keepdims=True)
    counts = np.bincount(indices.ravel(), minlength=n_experts)
    return indices, gates, float(n_experts * np.sum(counts / n_tokens * probs.mean(axis=0)))
