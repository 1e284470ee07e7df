import numpy as np


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)

    def case(name, tq, tk, d, dv, hidden=True, q_scale=1.0, k_scale=1.0, q=None, k=None):
        q = q_scale * rng.normal(size=(tq, d)) if q is None else np.asarray(q, dtype=np.float64)
        k = k_scale * rng.normal(size=(tk, d)) if k is None else np.asarray(k, dtype=np.float64)
        v = rng.normal(size=(tk, dv))
        dout = rng.normal(size=(tq, dv))
        return {"name": name, "hidden": hidden, "args": {"dout": dout, "q": q, "k": k, "v": v}}

    return [
        case("sample-1", 3, 3, 2, 2, hidden=False,
             q=[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], k=[[1.0, 2.0], [0.0, -1.0], [0.5, 0.5]]),
        case("sample-2", 2, 4, 4, 3, hidden=False),
        case("tk-2-d-2", 3, 2, 2, 2),
        case("single-query", 1, 5, 3, 2),
        case("square-4x4", 4, 4, 4, 4),
        case("more-queries-than-keys", 6, 3, 5, 4),
        case("dv-differs-from-d", 4, 6, 2, 5),
        case("random-tq5-tk7-d8", 5, 7, 8, 6),
        # q = 0: uniform attention, and dk = dS.T @ q is exactly 0.
        case("zero-queries-uniform-attention", 3, 4, 3, 2, q=np.zeros((3, 3))),
        # Scores of order 10-40: P is nearly one-hot and most of dS cancels.
        case("peaked-scores", 4, 5, 4, 3, q_scale=4.0, k_scale=4.0),
        # Scores near 1e3: exp without the max shift overflows to inf.
        case("large-scores", 3, 4, 4, 2, q_scale=19.0, k_scale=19.0),
    ]
