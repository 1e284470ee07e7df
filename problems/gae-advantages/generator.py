import numpy as np


def _case(name, rewards, values, dones, last_value, gamma=None, lam=None, hidden=True):
    args = {"rewards": np.asarray(rewards, dtype=np.float64), "values": np.asarray(values, dtype=np.float64),
            "dones": np.asarray(dones, dtype=bool), "last_value": np.asarray(last_value, dtype=np.float64)}
    if gamma is not None:
        args["gamma"] = float(gamma)
    if lam is not None:
        args["lam"] = float(lam)
    return {"name": name, "hidden": hidden, "args": args}


def _random(rng, name, T, N, done_rate=0.15, gamma=None, lam=None, scale=1.0, **kwargs):
    rewards = rng.normal(scale=scale, size=(T, N))
    values = rng.normal(scale=scale, size=(T, N))
    dones = rng.random((T, N)) < done_rate
    last_value = rng.normal(scale=scale, size=N)
    return _case(name, rewards, values, dones, last_value, gamma, lam, **kwargs)


def generate(seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    cases = [
        _case("sample-1", [[1.0], [0.0], [2.0], [0.5]], [[0.5], [1.0], [1.5], [0.2]],
              [[False], [True], [False], [False]], [3.0], gamma=0.9, lam=0.8, hidden=False),
        _case("sample-2", [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], [[0.2, 0.3], [0.4, 0.1], [0.0, 0.5]],
              [[False, False], [False, True], [True, False]], [10.0, -1.0], gamma=0.99, lam=0.95, hidden=False),
        _random(rng, "default-gamma-lambda", 12, 3),
        _random(rng, "many-envs-many-dones", 16, 6, done_rate=0.3, gamma=0.97, lam=0.9),
        _random(rng, "no-dones-bootstrap-matters", 10, 4, done_rate=0.0, gamma=0.99, lam=0.95),
        _random(rng, "lambda-0-td-error", 9, 3, done_rate=0.2, gamma=0.95, lam=0.0),
        _random(rng, "lambda-1-monte-carlo", 9, 3, done_rate=0.2, gamma=0.95, lam=1.0),
        _random(rng, "gamma-0-immediate-reward", 7, 2, done_rate=0.2, gamma=0.0, lam=0.95),
        _random(rng, "single-step", 1, 3, done_rate=0.5, gamma=0.99, lam=0.95),
        _random(rng, "single-env-long", 40, 1, done_rate=0.1, gamma=0.999, lam=0.95, scale=3.0),
    ]
    # Sparse terminal rewards (a token-level RLHF rollout: reward only on the last token of each episode)
    # with a large last_value that must not leak into the finished episodes.
    T, N = 12, 3
    dones = np.zeros((T, N), dtype=bool)
    dones[[4, 11], 0] = True
    dones[[2, 7], 1] = True
    dones[[0, 5, 9], 2] = True
    rewards = np.where(dones, rng.normal(size=(T, N)) + 1.0, 0.0)
    values = rng.normal(scale=0.5, size=(T, N))
    cases.append(_case("sparse-terminal-rewards", rewards, values, dones, [50.0, -40.0, 30.0], gamma=1.0, lam=0.95))
    done_last = rng.random((8, 3)) < 0.2
    done_last[-1] = True
    cases.append(_case("last-step-done-ignores-last-value", rng.normal(size=(8, 3)), rng.normal(size=(8, 3)),
                       done_last, [1e3, -1e3, 5e2], gamma=0.99, lam=0.95))
    dones_all = np.ones((5, 2), dtype=bool)
    cases.append(_case("every-step-done", rng.normal(size=(5, 2)), rng.normal(size=(5, 2)), dones_all, [7.0, -7.0],
                       gamma=0.99, lam=0.95))
    return cases
