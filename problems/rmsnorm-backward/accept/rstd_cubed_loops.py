# Row by row with the r^3 form: dx = r * g * dy - x * r^3 * mean(dy * g * x).
import numpy as np


def rms_norm_backward(dy, x, g, eps=1e-6):
    N, D = x.shape
    dx = np.empty((N, D))
    dg = np.zeros(D)
    for i in range(N):
        r = 1.0 / np.sqrt(x[i] @ x[i] / D + eps)
        dg += dy[i] * x[i] * r
        dx[i] = r * g * dy[i] - x[i] * r**3 * np.dot(dy[i] * g, x[i]) / D
    return dx, dg
