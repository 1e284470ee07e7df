"""Cross-check wsd-schedule, cosine-top-k and pipeline-bubble against independent implementations."""

import copy
import heapq
import math
import tomllib
from fractions import Fraction

import numpy as np
import pytest

from tests.bank.conftest import PROBLEMS, load_cases, load_module

SLUGS = {
    "wsd-schedule": "wsd_lr",
    "cosine-top-k": "cosine_top_k",
    "pipeline-bubble": "pipeline_bubble",
}


def reference(slug: str):
    return getattr(load_module(slug, "reference.py"), SLUGS[slug])


def checker(slug: str) -> dict:
    return tomllib.loads((PROBLEMS / slug / "problem.toml").read_text())["checker"]


def miss(got, expected, rtol: float, atol: float) -> float:
    """How many times the allowed tolerance `got` misses by (inf for a different structure, shape or a NaN)."""
    if isinstance(expected, dict):
        if not isinstance(got, dict) or got.keys() != expected.keys():
            return math.inf
        return max(miss(got[key], expected[key], rtol, atol) for key in expected)
    if isinstance(expected, tuple | list):
        if not isinstance(got, tuple | list) or len(got) != len(expected):
            return math.inf
        return max(miss(g, e, rtol, atol) for g, e in zip(got, expected, strict=True))
    g, e = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    if g.shape != e.shape or np.any(np.isnan(g) != np.isnan(e)):
        return math.inf
    return float(np.max(np.abs(g - e) / (atol + rtol * np.abs(e)), initial=0.0))


@pytest.mark.parametrize("slug", SLUGS)
def test_generator_is_deterministic_and_well_formed(slug):
    cases = load_cases(slug)
    again = load_cases(slug)
    assert repr([c["args"] for c in cases]) == repr([c["args"] for c in again])
    names = [c["name"] for c in cases]
    assert len(set(names)) == len(names) and len(cases) >= 10
    assert [c["hidden"] for c in cases[:2]] == [False, False] and all(c["hidden"] for c in cases[2:])


@pytest.mark.parametrize("slug", SLUGS)
def test_reference_leaves_its_inputs_alone(slug):
    for case in load_cases(slug):
        args = copy.deepcopy(case["args"])
        reference(slug)(**args)
        assert repr(args) == repr(case["args"]), case["name"]


# --- wsd-schedule: exact rational arithmetic, one step at a time ------------------------------------------------


def wsd_exact(step: int, peak: float, warmup: int, total: int, fraction: float, final: float, shape: str) -> float:
    peak_q, final_q = Fraction(peak), Fraction(final)
    decay = Fraction(fraction * total)  # a whole number in float64 (asserted below), so exact here
    start = total - decay
    if step < warmup:
        return float(peak_q * step / warmup)
    if step < start:
        return peak
    if step > total:
        return float(peak_q * final_q)
    t = (step - start) / decay
    g = t if shape == "linear" else Fraction(math.sqrt(t))
    return float(peak_q * (final_q + (1 - final_q) * (1 - g)))


def test_wsd_matches_exact_rational_evaluation():
    wsd = reference("wsd-schedule")
    for case in load_cases("wsd-schedule"):
        a = case["args"]
        # The statement promises a whole-number cooldown that starts after warmup ends.
        decay = a["decay_fraction"] * a["total_steps"]
        assert float(decay).is_integer() and decay >= 1, case["name"]
        assert a["warmup_steps"] <= a["total_steps"] - decay, case["name"]
        got = wsd(**copy.deepcopy(a))
        want = np.array(
            [
                wsd_exact(
                    int(s),
                    a["peak_lr"],
                    a["warmup_steps"],
                    a["total_steps"],
                    a["decay_fraction"],
                    a["final_lr_fraction"],
                    a["decay_shape"],
                )
                for s in a["steps"].ravel()
            ]
        )
        assert got.dtype == np.float64 and got.shape == a["steps"].shape, case["name"]
        np.testing.assert_allclose(got.ravel(), want, rtol=1e-12, atol=1e-18, err_msg=case["name"])


def test_wsd_is_continuous_monotone_and_hits_its_anchors():
    wsd = reference("wsd-schedule")
    steps = np.arange(0, 1201)
    for shape in ("linear", "1-sqrt"):
        lr = wsd(steps, 3e-4, 100, 1000, 0.2, 0.1, shape)
        assert lr[0] == 0.0 and lr[100] == 3e-4 and lr[800] == 3e-4
        assert lr[1000] == pytest.approx(3e-5, rel=1e-12) and np.all(lr[1000:] == lr[1000])
        assert np.all(np.diff(lr[:101]) > 0) and np.all(np.diff(lr[800:1001]) < 0)
        assert np.max(np.abs(np.diff(lr))) <= 3e-4 * 0.9 / math.sqrt(200) + 1e-18
    # 1-sqrt falls faster than linear early in the cooldown and sits below it throughout.
    linear, root = wsd(steps, 1.0, 100, 1000, 0.2, 0.0, "linear"), wsd(steps, 1.0, 100, 1000, 0.2, 0.0, "1-sqrt")
    assert np.all(root[801:1000] < linear[801:1000])


def test_wsd_cases_cover_the_named_edges():
    cases = {c["name"]: c["args"] for c in load_cases("wsd-schedule")}
    assert any(a["warmup_steps"] == 0 for a in cases.values())
    assert any(a["decay_fraction"] == 1.0 for a in cases.values())
    assert any(a["warmup_steps"] == a["total_steps"] * (1 - a["decay_fraction"]) > 0 for a in cases.values())
    assert {a["decay_shape"] for a in cases.values()} == {"linear", "1-sqrt"}
    assert any(np.any(a["steps"] > a["total_steps"]) for a in cases.values())
    assert any(a["peak_lr"] < 1e-3 and a["final_lr_fraction"] > 0 for a in cases.values())


# --- cosine-top-k: exact sums per document and a comparison sort on (-score, index) ----------------------------


def cosine_scores_fsum(query: np.ndarray, documents: np.ndarray) -> list[float]:
    q_norm = math.sqrt(math.fsum(x * x for x in query))
    scores = []
    for row in documents:
        norm = math.sqrt(math.fsum(x * x for x in row))
        scores.append(0.0 if norm == 0 else math.fsum(a * b for a, b in zip(row, query, strict=True)) / norm / q_norm)
    return scores


def test_cosine_top_k_matches_a_brute_force_sort():
    top_k = reference("cosine-top-k")
    for case in load_cases("cosine-top-k"):
        a = case["args"]
        assert np.linalg.norm(a["query"]) > 0, case["name"]
        scores = cosine_scores_fsum(a["query"], a["documents"])
        want = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[: a["k"]]
        indices, got_scores = top_k(**copy.deepcopy(a))
        assert indices.dtype == np.int64 and got_scores.dtype == np.float64, case["name"]
        assert indices.tolist() == want, case["name"]
        np.testing.assert_allclose(got_scores, [scores[i] for i in want], rtol=1e-12, atol=1e-15, err_msg=case["name"])


def test_cosine_top_k_cases_hold_exact_ties_and_zero_documents():
    tie_cases = zero_cases = 0
    for case in load_cases("cosine-top-k"):
        a = case["args"]
        scores = cosine_scores_fsum(a["query"], a["documents"])
        top = sorted(scores, reverse=True)[: a["k"]]
        tie_cases += len(set(top)) < len(top)
        zero_cases += any(not np.any(row) for row in a["documents"]) and 0.0 in top
        # A zero score from a nonzero document must not hang on cancellation (1 - 1 rounds differently with FMA).
        for row, score in zip(a["documents"], scores, strict=True):
            assert score != 0.0 or not np.any(row * a["query"]), case["name"]
    assert tie_cases >= 4 and zero_cases >= 3


# --- pipeline-bubble: a global discrete-event simulation in time order -----------------------------------------


def simulate(p: int, m: int, tf: float, tb: float, schedule: str) -> dict:
    """Release each stage's next op when its input arrives; process completions in time order with a heap."""
    queues = []
    for i in range(p):
        if schedule == "gpipe":
            ops = [("F", j) for j in range(m)] + [("B", j) for j in range(m)]
        else:
            warm = min(p - 1 - i, m)
            ops = [("F", j) for j in range(warm)]
            for j in range(warm, m):
                ops += [("F", j), ("B", j - warm)]
            ops += [("B", j) for j in range(m - warm, m)]
        queues.append(ops)
    ready = set()  # (stage, kind, micro-batch) whose inputs have arrived
    for j in range(m):
        ready.add((0, "F", j))
    busy_until, next_op = [0.0] * p, [0] * p
    events: list[tuple[float, int, str, int]] = []
    in_flight, peak = [0] * p, [0] * p
    now, end = 0.0, 0.0

    def try_start(i: int) -> None:
        if next_op[i] < len(queues[i]) and busy_until[i] <= now:
            kind, j = queues[i][next_op[i]]
            if (i, kind, j) in ready:
                next_op[i] += 1
                if kind == "B":
                    in_flight[i] -= 1
                busy_until[i] = now + (tf if kind == "F" else tb)
                heapq.heappush(events, (busy_until[i], i, kind, j))

    for i in range(p):
        try_start(i)
    while events:
        now, i, kind, j = heapq.heappop(events)
        end = max(end, now)
        if kind == "F":
            in_flight[i] += 1
            peak[i] = max(peak[i], in_flight[i])
            ready.add((i + 1, "F", j) if i < p - 1 else (i, "B", j))
        elif i > 0:
            ready.add((i - 1, "B", j))
        for stage in range(p):
            try_start(stage)
    assert all(next_op[i] == len(queues[i]) for i in range(p))
    return {"total_time": end, "bubble_fraction": 1 - m * (tf + tb) / end, "peak_in_flight": peak}


def test_pipeline_closed_form_matches_event_simulation():
    stats = reference("pipeline-bubble")
    for case in load_cases("pipeline-bubble"):
        a = case["args"]
        got = stats(**a)
        assert set(got) == {"gpipe", "1f1b"}, case["name"]
        for schedule in ("gpipe", "1f1b"):
            sim = simulate(a["p"], a["m"], a["tf"], a["tb"], schedule)
            out = got[schedule]
            assert set(out) == {"total_time", "bubble_fraction", "peak_in_flight"}
            assert out["total_time"] == pytest.approx(sim["total_time"], rel=1e-12), (case["name"], schedule)
            assert out["bubble_fraction"] == pytest.approx(sim["bubble_fraction"], rel=1e-9, abs=1e-12)
            assert out["peak_in_flight"].dtype == np.int64
            assert out["peak_in_flight"].tolist() == sim["peak_in_flight"], (case["name"], schedule)


@pytest.mark.parametrize("p", [1, 2, 3, 5, 7])
@pytest.mark.parametrize("m", [1, 2, 4, 6, 9])
@pytest.mark.parametrize(("tf", "tb"), [(1.0, 2.0), (2.0, 0.5), (0.3, 0.3)])
def test_pipeline_closed_form_holds_over_a_grid(p, m, tf, tb):
    got = reference("pipeline-bubble")(p, m, tf, tb)
    for schedule in ("gpipe", "1f1b"):
        sim = simulate(p, m, tf, tb, schedule)
        assert got[schedule]["total_time"] == pytest.approx(sim["total_time"], rel=1e-12)
        assert got[schedule]["peak_in_flight"].tolist() == sim["peak_in_flight"]
    # Same bubble, and 1F1B never holds more than GPipe.
    assert got["gpipe"]["bubble_fraction"] == got["1f1b"]["bubble_fraction"]
    assert np.all(got["1f1b"]["peak_in_flight"] <= got["gpipe"]["peak_in_flight"])


def test_statement_examples_match_the_reference():
    files = ("statement.md", "statement.zh.md")
    statements = {slug: [(PROBLEMS / slug / f).read_text() for f in files] for slug in SLUGS}
    lr = reference("wsd-schedule")(np.arange(12), 1.0, 2, 10, 0.4, 0.1, "linear")
    root = reference("wsd-schedule")(np.arange(12), 1.0, 2, 10, 0.4, 0.1, "1-sqrt")
    np.testing.assert_allclose(lr[7:10], [0.775, 0.55, 0.325], rtol=1e-12)
    np.testing.assert_allclose(root[7:10], [0.55, 0.3636039, 0.22057714], rtol=1e-7)
    indices, scores = reference("cosine-top-k")(
        np.array([1.0, 0.0, 1.0]),
        np.array([[1.0, 0, 0], [2, 0, 2], [0, 1, 0], [1, 0, 1], [-1, 0, -1]]),
        3,
    )
    assert indices.tolist() == [1, 3, 0] and np.allclose(scores, [1.0, 1.0, 0.70710678])
    indices, scores = reference("cosine-top-k")(np.array([3.0, 4.0]), np.array([[0.0, 0], [-3, -4], [4, 3], [0, 1]]), 4)
    assert indices.tolist() == [2, 3, 0, 1] and np.allclose(scores, [0.96, 0.8, 0.0, -1.0])
    out = reference("pipeline-bubble")(4, 8, 1.0, 2.0)
    assert out["gpipe"]["total_time"] == 33.0 and out["1f1b"]["peak_in_flight"].tolist() == [4, 3, 2, 1]
    assert out["gpipe"]["bubble_fraction"] == pytest.approx(0.27272727, rel=1e-8)
    out = reference("pipeline-bubble")(4, 2, 1.0, 2.0)
    assert out["1f1b"]["total_time"] == 15.0 and out["1f1b"]["bubble_fraction"] == pytest.approx(0.6)
    assert out["gpipe"]["peak_in_flight"].tolist() == [2, 2, 2, 2]
    assert out["1f1b"]["peak_in_flight"].tolist() == [2, 2, 2, 1]
    for texts, printed in [
        (statements["wsd-schedule"], "0.55, 0.3636039, 0.22057714"),
        (statements["cosine-top-k"], "indices [1, 3, 0], scores [1.0, 1.0, 0.70710678]"),
        (statements["pipeline-bubble"], "total_time 33.0, bubble_fraction 0.27272727, peak_in_flight [4, 3, 2, 1]"),
    ]:
        assert all(printed in text for text in texts)
