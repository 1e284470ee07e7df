import numpy as np


def lora_merge(W, A, B, alpha, r, unmerge=False):
    # Forgets the alpha / r scaling: merged model no longer matches the adapter's forward pass.
    delta = np.asarray(B) @ np.asarray(A)
    return W - delta if unmerge else W + delta
