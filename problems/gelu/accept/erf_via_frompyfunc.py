import math

import numpy as np


def gelu(x, approximate="none"):
    # math.erf applied elementwise with np.frompyfunc; astype(float) turns the object array back.
    if approximate == "tanh":
        return 0.5 * x * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (x + 0.044715 * x**3)))
    erf = np.frompyfunc(math.erf, 1, 1)
    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)).astype(np.float64))
