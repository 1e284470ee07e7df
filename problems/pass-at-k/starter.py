def pass_at_k(n: int, c: list[int], k: int) -> float:
    """Unbiased pass@k.

    n: samples drawn per problem; c: list of correct counts per problem (0 <= c_i <= n); 1 <= k <= n.
    Returns the mean over problems of 1 - C(n - c_i, k) / C(n, k) as a Python float (1.0 when n - c_i < k).
    n goes up to 10,000: the binomials do not fit in a float.
    """
    raise NotImplementedError
