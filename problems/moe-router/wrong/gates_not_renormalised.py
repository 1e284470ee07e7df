# Uses the selected softmax probabilities as gates without renormalising them over the k chosen experts.
import numpy as np


def moe_route(router_logits, k):
    n_tokens, n_experts = router_logits.shape
    e = np.exp(router_logits - router_logits.max(axis=1, keepdims=True))
    probs = e / e.sum(axis=1, keepdims=True)
    indices = np.argsort(-probs, axis=1, kind="stable")[:, :k]
    gates = np.take_along_axis(probs, indices, axis=1)
    counts = np.bincount(indices.ravel(), minlength=n_experts)
    return indices, gates, float(n_experts * np.sum(counts / n_tokens * probs.mean(axis=0)))
