import numpy as np


def pass_at_k(n: int, c: list[int], k: int) -> float:
    """Mean over problems of 1 - C(n - c_i, k) / C(n, k), the unbiased pass@k of Chen et al. (2021)."""
    total = 0.0
    for correct in c:
        if n - correct < k:
            total += 1.0           # every k-subset contains a correct sample
            continue
        # C(n-c, k) / C(n, k) = prod_{i=n-c+1}^{n} (1 - k/i): no factorials, nothing overflows.
        total += 1.0 - float(np.prod(1.0 - k / np.arange(n - correct + 1, n + 1, dtype=np.float64)))
    return total / len(c)
