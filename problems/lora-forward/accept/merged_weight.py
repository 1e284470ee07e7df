# Merge the adapter into the weight first (what you do for inference): W' = W + (alpha / r) B A.
import numpy as np


def lora_forward(x, W, A, B, alpha, r):
    merged = W + (alpha / r) * (B @ A)
    return x @ merged.T
