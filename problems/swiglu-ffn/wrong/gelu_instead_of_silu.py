# GEGLU, not SwiGLU: the gate goes through GELU (T5 v1.1, Gemma) instead of SiLU / Swish-1.
import torch.nn.functional as F


def swiglu_ffn(x, W1, W3, W2):
    return (F.gelu(x @ W1) * (x @ W3)) @ W2
