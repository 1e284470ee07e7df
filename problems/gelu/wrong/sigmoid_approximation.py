import numpy as np


def gelu(x, approximate="none"):
    # x * sigmoid(1.702 x) is a cheaper approximation still; it is neither of the two forms asked for.
    return x / (1.0 + np.exp(-1.702 * x))
