# nn.Linear's convention (y = x @ W.T) applied to weights given as (in, out): shapes clash when F != D.
import torch.nn.functional as F


def swiglu_ffn(x, W1, W3, W2):
    return F.linear(F.silu(F.linear(x, W1)) * F.linear(x, W3), W2)
