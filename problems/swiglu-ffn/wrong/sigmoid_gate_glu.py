# The original GLU (Dauphin et al.): sigmoid(x @ W1) * (x @ W3). SiLU is z * sigmoid(z), not sigmoid(z).
import torch


def swiglu_ffn(x, W1, W3, W2):
    return (torch.sigmoid(x @ W1) * (x @ W3)) @ W2
