# Uses x @ W as if W were stored (d_in, d_out). PyTorch's nn.Linear stores weight as (d_out, d_in).
# Shape error when d_in != d_out; wrong values (silently) when W is square and not symmetric.
import numpy as np


def lora_forward(x, W, A, B, alpha, r):
    return x @ W + (alpha / r) * (x @ A.T) @ B.T
