import numpy as np


def merge_partials(m1, l1, o1, m2, l2, o2):
    # Carry each partial as a log-sum-exp (lse = m + log l) and merge with logaddexp; the weight of
    # block i is then exp(lse_i - lse). np.log(0) = -inf marks an empty block.
    m = np.maximum(m1, m2)
    with np.errstate(divide="ignore"):
        lse1 = m1 + np.log(l1)
        lse2 = m2 + np.log(l2)
    lse = np.logaddexp(lse1, lse2)
    l = np.zeros_like(lse)
    o = np.zeros_like(o1)
    live = np.isfinite(lse)
    l[live] = np.exp(lse[live] - m[live])
    a1 = np.exp(lse1[live] - lse[live])
    a2 = np.exp(lse2[live] - lse[live])
    o[live] = a1[:, None] * o1[live] + a2[:, None] * o2[live]
    return m, l, o
