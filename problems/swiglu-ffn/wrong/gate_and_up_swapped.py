# SiLU on the wrong projection: silu(x @ W3) * (x @ W1). W1 is the gate (LLaMA's w1 / gate_proj), W3 the up.
import torch.nn.functional as F


def swiglu_ffn(x, W1, W3, W2):
    return (F.silu(x @ W3) * (x @ W1)) @ W2
