# np.lexsort with the expert index as the secondary key: descending probability, ties to the lower index.
import numpy as np


def moe_route(router_logits, k):
    n_tokens, n_experts = router_logits.shape
    z = router_logits - router_logits.max(axis=1, keepdims=True)
    probs = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    expert = np.broadcast_to(np.arange(n_experts), probs.shape)
    indices = np.lexsort((expert, -probs), axis=1)[:, :k]
    selected = probs[np.arange(n_tokens)[:, None], indices]
    gates = selected / selected.sum(axis=1, keepdims=True)
    counts = np.zeros(n_experts)
    np.add.at(counts, indices.ravel(), 1.0)
    aux = n_experts * (counts / n_tokens) @ probs.mean(axis=0)
    return indices, gates, float(aux)
