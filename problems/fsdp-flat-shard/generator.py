import numpy as np


def _params(rng, shapes, scale=1.0):
    return [scale * rng.standard_normal(shape) for shape in shapes]


def _case(name, params, world_size, hidden=True):
    return {"name": name, "hidden": hidden, "args": {"params": params, "world_size": int(world_size)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-1", [np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), np.array([7.0, 8.0])], 3, hidden=False),
        _case("sample-2", [np.arange(1.0, 5.0).reshape(2, 2), np.array(9.0), np.array([10.0, 11.0, 12.0])], 5,
              hidden=False),
    ]
    # A toy transformer layer: weight matrices, biases, a norm gain.
    cases.append(_case("layer-w3", _params(rng, [(4, 6), (6,), (6, 4), (4,), (4,)]), 3))
    cases.append(_case("already-divisible", _params(rng, [(3, 4), (2, 2)]), 4))            # total 16: padding 0
    cases.append(_case("world-size-1", _params(rng, [(2, 3), (5,)]), 1))
    cases.append(_case("world-larger-than-total", _params(rng, [(2,), (1,)]), 8))           # most ranks hold only pad
    cases.append(_case("scalar-params", [np.array(rng.standard_normal()), np.array(rng.standard_normal())] +
                       _params(rng, [(3,)]), 4))
    cases.append(_case("empty-param", _params(rng, [(2, 3), (0,), (0, 4), (3,)]), 4))
    cases.append(_case("three-d-param", _params(rng, [(2, 3, 4), (3,)]), 5))
    cases.append(_case("single-param", _params(rng, [(5, 7)]), 6))
    cases.append(_case("many-params-w8", _params(rng, [(int(r), int(c)) for r, c in rng.integers(1, 6, (12, 2))]), 8))
    cases.append(_case("large-values", _params(rng, [(4, 5), (7,)], scale=1e6), 6))
    return cases
