def generate(seed: int) -> list[dict]:
    # The encoding is deterministic; the seed is unused (there is nothing random to draw).
    def case(name, hidden, seq_len, d_model):
        return {"name": name, "hidden": hidden, "args": {"seq_len": seq_len, "d_model": d_model}}

    return [
        case("sample-1", False, 4, 4),
        case("sample-2", False, 3, 6),
        case("single-position", True, 1, 2),
        case("empty-sequence", True, 0, 4),
        # d_model = 2: a single frequency, sin(pos) and cos(pos).
        case("two-features", True, 10, 2),
        # d_model / 2 odd, so the last frequency pair is not part of a group of four.
        case("d-model-10", True, 7, 10),
        case("medium", True, 50, 16),
        case("base-case-128x64", True, 128, 64),
        # Long sequence: angles up to ~1000 radians, where the frequency's rounding shows (~1e-13).
        case("long-sequence", True, 1024, 32),
        case("wide-model", True, 5, 512),
    ]
