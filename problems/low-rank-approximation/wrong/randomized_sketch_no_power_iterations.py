# A randomized range finder (Halko, Martinsson & Tropp 2011) with oversampling 5 and no power iterations:
# sketch Y = A @ Omega with k + 5 Gaussian probes, orthonormalise, and take the SVD of Q^T A. It is exact only
# when k + 5 >= min(m, n) (the sketch then spans the whole column space); on a larger matrix with a slowly
# decaying spectrum it misses the Eckart-Young optimum by a few percent of ||A||_F.
import numpy as np


def low_rank_approximation(A, k):
    rng = np.random.default_rng(0)
    omega = rng.standard_normal((A.shape[1], k + 5))
    Q, _ = np.linalg.qr(A @ omega)
    U, S, Vh = np.linalg.svd(Q.T @ A, full_matrices=False)
    return ((Q @ U[:, :k]) * S[:k]) @ Vh[:k, :]
