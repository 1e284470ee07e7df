def _case(name, hidden, p, m, tf, tb):
    return {"name": name, "hidden": hidden, "args": {"p": int(p), "m": int(m), "tf": float(tf), "tb": float(tb)}}


def generate(seed: int) -> list[dict]:
    import numpy as np

    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-4-stages-8-micro-batches", False, 4, 8, 1.0, 2.0),
        _case("sample-fewer-micro-batches-than-stages", False, 4, 2, 1.0, 2.0),
    ]
    fixed = [
        ("single-stage", 1, 6, 1.0, 2.0),
        ("single-micro-batch", 5, 1, 0.5, 1.0),
        ("m-equals-p", 8, 8, 1.0, 2.0),
        ("m-one-less-than-p", 6, 5, 2.0, 3.0),
        ("backward-faster-than-forward", 4, 10, 3.0, 0.5),
        ("equal-forward-backward", 3, 7, 1.0, 1.0),
        ("megatron-like-8x32", 8, 32, 1.0, 2.0),
        ("deep-32-stages-256", 32, 256, 0.013, 0.029),
        ("two-stages-one-micro-batch", 2, 1, 1.0, 2.0),
    ]
    for name, p, m, tf, tb in fixed:
        cases.append(_case(name, True, p, m, tf, tb))
    for i in range(3):
        p = int(rng.integers(2, 12))
        m = int(rng.integers(1, 40))
        tf, tb = (float(x) for x in rng.uniform(0.1, 5.0, size=2))
        cases.append(_case(f"random-{i}", True, p, m, tf, tb))
    return cases
