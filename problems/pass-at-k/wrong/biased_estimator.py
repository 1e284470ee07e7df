# The naive estimator 1 - (1 - c/n)^k: it samples with replacement, so it is biased (Chen et al. 2021, fig. 3).
def pass_at_k(n, c, k):
    return sum(1.0 - (1.0 - ci / n) ** k for ci in c) / len(c)
