import numpy as np


def low_rank_approximation(A: np.ndarray, k: int) -> np.ndarray:
    """Return the best rank-k approximation of A in the Frobenius norm (Eckart-Young)."""
    A = np.asarray(A, dtype=np.float64)
    # Thin SVD: U is (m, r), S is (r,), Vh is (r, n) with r = min(m, n).
    # numpy returns V transposed (Vh), so its *rows* are the right singular vectors.
    U, S, Vh = np.linalg.svd(A, full_matrices=False)
    return (U[:, :k] * S[:k]) @ Vh[:k, :]
