# Exact binomials as Python integers; int / int true division rounds the huge ratio correctly, no overflow.
import math


def pass_at_k(n, c, k):
    return math.fsum(1.0 - math.comb(n - ci, k) / math.comb(n, k) for ci in c) / len(c)
