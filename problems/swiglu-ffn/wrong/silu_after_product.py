# The activation wraps the product instead of the gate alone: silu((x @ W1) * (x @ W3)).
import torch.nn.functional as F


def swiglu_ffn(x, W1, W3, W2):
    return F.silu((x @ W1) * (x @ W3)) @ W2
