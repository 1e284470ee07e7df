import numpy as np

NF4 = np.array([
    -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453,
    -0.28444138169288635, -0.18477343022823334, -0.09105003625154495, 0.0,
    0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
    0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0,
])


def nf4_quantize(x, block_size=64):
    """Blockwise absmax NF4 quantization.

    Flatten x row-major, cut into blocks of block_size (the last may be short), absmax[b] = max |x| in block b,
    code = index of the NF4 level nearest to x / absmax[b] (exact ties: the lower code; all-zero block: code 7).
    Return (codes: unsigned/int array with x's shape, absmax: float64 (num_blocks,),
            dequantized: float64 array with x's shape, NF4[code] * absmax[b]).
    """
    raise NotImplementedError
