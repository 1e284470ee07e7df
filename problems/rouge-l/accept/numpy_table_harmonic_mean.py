import numpy as np


def rouge_l(candidate, reference):
    # Full (m+1) x (n+1) table; F1 as the harmonic mean 2 * lcs / (m + n).
    m, n = len(candidate), len(reference)
    table = np.zeros((m + 1, n + 1), dtype=np.int64)
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            if candidate[i - 1] == reference[j - 1]:
                table[i, j] = table[i - 1, j - 1] + 1
            else:
                table[i, j] = max(table[i - 1, j], table[i, j - 1])
    lcs = int(table[m, n])
    if lcs == 0:
        return (0.0, 0.0, 0.0)
    return (lcs / m, lcs / n, 2.0 * lcs / (m + n))
