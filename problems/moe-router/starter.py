import numpy as np


def moe_route(router_logits: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, float]:
    """Top-k mixture-of-experts routing.

    router_logits: float64 array (N, E). Returns (indices, gates, aux_loss):
    indices (N, k) int64, top-k experts by softmax probability, descending, ties to the lower index;
    gates (N, k) float64, the selected probabilities renormalised to sum to 1 per token;
    aux_loss: Python float, E * sum_e (c_e / N) * P_e.
    """
    raise NotImplementedError
