import numpy as np


def _case(name: str, hidden: bool, seqs) -> dict:
    return {"name": name, "hidden": hidden,
            "args": {"logprobs": [np.asarray(s, dtype=np.float64) for s in seqs]}}


def _logprobs(rng: np.random.Generator, length: int, scale: float) -> np.ndarray:
    # Negative log-probabilities of a plausible model: exponential with mean `scale` nats per token.
    return -rng.exponential(scale, size=length)


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    ln = np.log
    cases = [
        _case("sample-1", False, [[ln(0.5), ln(0.5)], [ln(0.25)]]),
        _case("sample-2", False, [[ln(0.1), ln(0.2), ln(0.4), ln(0.8)]]),
        _case("sample-3", False, [[ln(0.9)], [ln(0.01), ln(0.01), ln(0.01)]]),
    ]
    cases += [
        _case("single-sequence", True, [_logprobs(rng, 20, 2.0)]),
        _case("equal-lengths", True, [_logprobs(rng, 10, 1.5) for _ in range(4)]),
        # Very different lengths and quality: token weighting and sequence weighting disagree a lot.
        _case("unequal-lengths", True, [_logprobs(rng, 50, 0.5), _logprobs(rng, 2, 6.0), _logprobs(rng, 7, 2.0)]),
        _case("with-empty-sequence", True, [_logprobs(rng, 5, 1.0), np.zeros(0), _logprobs(rng, 3, 3.0)]),
        _case("single-token", True, [[-2.302585092994046]]),
        _case("perfect-model", True, [np.zeros(4), np.zeros(1)]),
        _case("high-perplexity", True, [_logprobs(rng, 30, 9.0), _logprobs(rng, 11, 8.0)]),
        _case("many-short", True, [_logprobs(rng, int(n), 2.5) for n in rng.integers(1, 6, size=12)]),
    ]
    return cases
