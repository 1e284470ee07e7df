# nn.Linear modules holding the transposed weights, F.silu, and an einsum-free chain of linear layers.
import torch
import torch.nn.functional as F


def swiglu_ffn(x, W1, W3, W2):
    gate_proj = F.linear(x, W1.T)      # nn.Linear stores (out, in): pass the transpose
    up_proj = F.linear(x, W3.T)
    return F.linear(F.silu(gate_proj) * up_proj, W2.T).to(torch.float64)
