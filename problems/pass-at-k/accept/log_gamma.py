# Log-space binomials with lgamma, and -expm1 to keep accuracy when the ratio is close to 1.
import math


def pass_at_k(n, c, k):
    total = 0.0
    for ci in c:
        if n - ci < k:
            total += 1.0
            continue
        log_ratio = (math.lgamma(n - ci + 1) - math.lgamma(n - ci - k + 1)
                     - math.lgamma(n + 1) + math.lgamma(n - k + 1))
        total += -math.expm1(log_ratio)
    return total / len(c)
