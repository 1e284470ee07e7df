import numpy as np


def _case(name, hidden, Q, K, V, causal):
    return {"name": name, "hidden": hidden,
            "args": {"Q": np.asarray(Q, dtype=np.float64), "K": np.asarray(K, dtype=np.float64),
                     "V": np.asarray(V, dtype=np.float64), "causal": causal}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)

    def randn(*shape, scale=1.0):
        return rng.normal(scale=scale, size=shape)

    cases = [
        _case("sample-1", False,
              [[[1.0, 0.0], [0.0, 1.0]]],
              [[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]],
              [[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]], False),
        _case("sample-2-causal", False,
              [[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]],
              [[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]],
              [[[1.0], [2.0], [3.0]]], True),
    ]
    # Hidden cases. Most use d >= 4 so that dividing by d instead of sqrt(d) changes the answer.
    cases += [
        _case("batch-3-cross", True, randn(3, 4, 8), randn(3, 6, 8), randn(3, 6, 5), False),
        _case("causal-square", True, randn(2, 5, 4), randn(2, 5, 4), randn(2, 5, 3), True),
        # Tq < Tk with causal: a chunk of new queries against a KV cache of earlier keys.
        _case("causal-kv-cache-chunk", True, randn(2, 3, 8), randn(2, 7, 8), randn(2, 7, 4), True),
        # One new query (decoding step): it may attend to every key.
        _case("causal-single-query", True, randn(1, 1, 6), randn(1, 5, 6), randn(1, 5, 2), True),
        _case("single-key", True, randn(2, 3, 4), randn(2, 1, 4), randn(2, 1, 3), False),
        _case("d-equals-1", True, randn(1, 4, 1), randn(1, 4, 1), randn(1, 4, 2), True),
        # Scores of magnitude ~1e3: exp() without the max shift overflows to inf -> nan.
        _case("large-scores", True, randn(2, 4, 4, scale=30.0), randn(2, 5, 4, scale=30.0),
              randn(2, 5, 3), False),
        _case("large-scores-causal", True, randn(1, 6, 4, scale=30.0), randn(1, 6, 4, scale=30.0),
              randn(1, 6, 2), True),
        # Identical keys: every score ties, so attention is the plain average of V (of the visible prefix).
        _case("tied-keys", True, randn(1, 3, 4), np.ones((1, 4, 4)), randn(1, 4, 3), True),
        _case("wide-values", True, randn(2, 6, 16), randn(2, 6, 16), randn(2, 6, 7, scale=5.0), True),
    ]
    return cases
