# Complex numbers: z = x[:h] + i x[h:] times e^{i p theta}. Linear scaling divides the frequencies
# (not the positions) by factor; NTK scaling divides frequency i by factor^(2i/(d-2)), the same thing as the
# enlarged base.
import numpy as np


def rope_scaled(x, positions, base=10000.0, scaling="none", factor=1.0):
    d = x.shape[-1]
    h = d // 2
    i = np.arange(h)
    inv_freq = np.exp(-np.log(base) * 2.0 * i / d)
    if scaling == "linear":
        inv_freq = inv_freq / factor
    elif scaling == "ntk":
        inv_freq = inv_freq * np.exp(-np.log(factor) * 2.0 * i / (d - 2))
    z = (x[:, :h] + 1j * x[:, h:]) * np.exp(1j * np.outer(positions, inv_freq))
    return np.concatenate([z.real, z.imag], axis=-1)
