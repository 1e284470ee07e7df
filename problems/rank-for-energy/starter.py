import numpy as np


def rank_for_energy(A, tau):
    """Smallest k such that the top-k singular values keep at least a fraction tau of the energy.

    A: (m, n) float64 array; 0 < tau < 1.
    Energy = sum of squared singular values. Return an int; 0 if A is all zeros.
    """
    return None
