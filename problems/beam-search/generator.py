import numpy as np


def _log_softmax_rows(x):
    x = x - x.max(axis=1, keepdims=True)
    return x - np.log(np.exp(x).sum(axis=1, keepdims=True))


def _case(name, hidden, log_probs, bos, eos, beam_width, max_len, length_penalty=0.0):
    return {"name": name, "hidden": hidden,
            "args": {"log_probs": np.asarray(log_probs, dtype=np.float64), "bos": int(bos), "eos": int(eos),
                     "beam_width": int(beam_width), "max_len": int(max_len),
                     "length_penalty": float(length_penalty)}}


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    example = np.log(np.array([[1e-9, 0.5, 0.4, 0.1], [1e-9, 0.3, 0.3, 0.4],
                               [1e-9, 0.05, 0.05, 0.9], [0.25, 0.25, 0.25, 0.25]]))
    # [3] alone has P = 0.4; [1, 2, 3] has P = 0.32 but a better average log-probability.
    lengthy = np.log(np.array([[1e-9, 0.5, 0.1, 0.4], [1e-9, 0.1, 0.8, 0.1],
                               [1e-9, 0.1, 0.1, 0.8], [0.25, 0.25, 0.25, 0.25]]))
    cases = [
        _case("sample-beats-greedy", False, example, 0, 3, 2, 4),
        _case("sample-length-penalty", False, lengthy, 0, 3, 2, 5, 1.0),
    ]

    def random_table(v, eos, scale=1.5, eos_boost=0.0):
        table = rng.normal(0, scale, (v, v))
        table[:, eos] += eos_boost
        return _log_softmax_rows(table)

    cases.append(_case("random-b3", True, random_table(8, 7), 0, 7, 3, 6))
    cases.append(_case("random-b4-alpha-0.6", True, random_table(10, 9, eos_boost=1.0), 0, 9, 4, 7, 0.6))
    cases.append(_case("random-b3-alpha-1", True, random_table(6, 5, scale=1.0), 1, 5, 3, 8, 1.0))
    cases.append(_case("beam-width-1-is-greedy", True, random_table(8, 3), 0, 3, 1, 10))
    cases.append(_case("exhaustive-wide-beam", True, random_table(3, 2, scale=1.0), 0, 2, 100, 4, 1.0))
    cases.append(_case("eos-likely-early", True, random_table(7, 6, scale=1.0, eos_boost=1.5), 0, 6, 3, 6))
    cases.append(_case("eos-unlikely-max-len", True, random_table(6, 5, eos_boost=-4.0), 0, 5, 3, 4))
    ties = np.log(np.tile([0.3, 0.3, 0.3, 0.1], (4, 1)))  # identical rows: exact ties everywhere
    cases.append(_case("ties-keep-enumeration-order", True, ties, 0, 3, 2, 3))
    cases.append(_case("bos-equals-eos", True, random_table(6, 0, eos_boost=0.5), 0, 0, 3, 5, 1.0))
    cases.append(_case("max-len-1", True, random_table(9, 4, scale=2.0), 2, 4, 3, 1))
    return cases
