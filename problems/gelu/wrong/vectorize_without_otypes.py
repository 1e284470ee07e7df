import math

import numpy as np


def gelu(x, approximate="none"):
    # Correct formulas, but np.vectorize without otypes calls the function once to guess the output
    # type, and raises ValueError on an empty input.
    if approximate == "tanh":
        return 0.5 * x * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (x + 0.044715 * x**3)))
    return 0.5 * x * (1.0 + np.vectorize(math.erf)(x / math.sqrt(2.0)))
