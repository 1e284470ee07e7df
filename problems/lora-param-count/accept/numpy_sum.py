import numpy as np


def lora_param_count(shapes, r, total_params):
    # Vectorised with int64 (enough for any real model); returns numpy scalars, which are accepted.
    dims = np.asarray(shapes, dtype=np.int64).reshape(-1, 2)
    added = np.int64(r) * dims.sum()
    return added, np.float64(added) / np.float64(total_params + added)
