"""Cross-check the post-training problems' references against torch built-ins and independent implementations."""

import math
import tomllib

import pytest
import torch
import torch.nn.functional as F

from tests.bank.conftest import PROBLEMS, load_cases, load_module

POST_TRAINING_SLUGS = ["dpo-loss", "grpo-loss", "bradley-terry-reward-loss"]


def meta(slug: str) -> dict:
    return tomllib.loads((PROBLEMS / slug / "problem.toml").read_text())


def entry(slug: str, filename: str):
    """The entry function of problems/<slug>/<filename>."""
    return getattr(load_module(slug, filename), meta(slug)["entry"])


@pytest.mark.parametrize("slug", POST_TRAINING_SLUGS)
def test_generator_is_deterministic_and_well_formed(slug):
    cases, again = load_cases(slug), load_cases(slug)
    assert [c["name"] for c in cases] == [c["name"] for c in again]
    for a, b in zip(cases, again, strict=True):
        assert a["hidden"] == b["hidden"] and a["args"].keys() == b["args"].keys()
        for key, value in a["args"].items():
            if isinstance(value, torch.Tensor):
                assert value.dtype == b["args"][key].dtype and torch.equal(value, b["args"][key]), key
                assert value.dtype in (torch.float64, torch.bool), key
            else:
                assert value == b["args"][key], key
    names = [c["name"] for c in cases]
    assert len(set(names)) == len(names)
    visible = [c["hidden"] for c in cases].index(True)
    assert visible >= 1 and not any(not c["hidden"] for c in cases[visible:])
    assert len(cases) - visible >= 6


# --- dpo-loss ----------------------------------------------------------------------------------


def dpo_closed_form(pc, pr, rc, rr, beta=0.1) -> float:
    """Pure-Python DPO loss with the exact identity -log(sigmoid(x)) = log1p(exp(-|x|)) + max(-x, 0)."""
    total = 0.0
    for a, b, c, d in zip(pc.tolist(), pr.tolist(), rc.tolist(), rr.tolist(), strict=True):
        x = beta * ((a - c) - (b - d))
        total += math.log1p(math.exp(-abs(x))) + max(-x, 0.0)
    return total / len(pc)


def test_dpo_reference_matches_logsigmoid_and_the_closed_form():
    reference = entry("dpo-loss", "reference.py")
    for case in load_cases("dpo-loss"):
        a = case["args"]
        got = reference(**a)
        assert isinstance(got, torch.Tensor) and got.shape == () and got.dtype == torch.float64
        beta = a.get("beta", 0.1)
        margin = (a["policy_chosen_logps"] - a["ref_chosen_logps"]) - (
            a["policy_rejected_logps"] - a["ref_rejected_logps"]
        )
        builtin = -F.logsigmoid(beta * margin).mean()
        closed = dpo_closed_form(
            a["policy_chosen_logps"], a["policy_rejected_logps"], a["ref_chosen_logps"], a["ref_rejected_logps"], beta
        )
        assert math.isfinite(got.item()), case["name"]
        assert got.item() == pytest.approx(builtin.item(), rel=1e-13, abs=1e-300), case["name"]
        assert got.item() == pytest.approx(closed, rel=1e-13, abs=1e-300), case["name"]


def test_dpo_cases_reach_the_overflow_range_on_both_sides():
    """The issue pins beta * margin down to -1e3 and up to +1e3, where -log(sigmoid(x)) is inf or rounds."""
    xs = []
    for case in load_cases("dpo-loss"):
        a = case["args"]
        margin = (a["policy_chosen_logps"] - a["ref_chosen_logps"]) - (
            a["policy_rejected_logps"] - a["ref_rejected_logps"]
        )
        xs += (a.get("beta", 0.1) * margin).tolist()
    assert min(xs) == pytest.approx(-1e3, rel=1e-9) and max(xs) == pytest.approx(1e3, rel=1e-9)
    assert torch.isinf(-torch.log(torch.sigmoid(torch.tensor(min(xs), dtype=torch.float64))))


def test_dpo_statement_example():
    a = load_cases("dpo-loss")[0]["args"]
    assert entry("dpo-loss", "reference.py")(**a).item() == pytest.approx(0.6981388694, abs=1e-10)
    assert dpo_closed_form(
        *(a[k] for k in ("policy_chosen_logps", "policy_rejected_logps", "ref_chosen_logps", "ref_rejected_logps")),
        a["beta"],
    ) == pytest.approx(0.6981388694, abs=1e-10)


# --- grpo-loss ---------------------------------------------------------------------------------


def grpo_loop(logps, old_logps, ref_logps, advantages, mask, clip_eps=0.2, beta=0.04) -> float:
    """Independent GRPO loss: Python floats, one token at a time, the clip and min written as branches."""
    rows = []
    for i, a in enumerate(advantages.tolist()):
        terms = []
        for t, keep in enumerate(mask[i].tolist()):
            if not keep:
                continue
            ratio = math.exp(logps[i, t].item() - old_logps[i, t].item())
            clipped = 1 - clip_eps if ratio < 1 - clip_eps else 1 + clip_eps if ratio > 1 + clip_eps else ratio
            surr = ratio * a if ratio * a < clipped * a else clipped * a
            x = ref_logps[i, t].item() - logps[i, t].item()
            terms.append(-(surr - beta * (math.exp(x) - x - 1)))
        rows.append(math.fsum(terms) / len(terms))
    return math.fsum(rows) / len(rows)


def test_grpo_reference_matches_a_token_by_token_loop():
    reference = entry("grpo-loss", "reference.py")
    for case in load_cases("grpo-loss"):
        got = reference(**case["args"])
        assert isinstance(got, torch.Tensor) and got.shape == () and got.dtype == torch.float64
        assert got.item() == pytest.approx(grpo_loop(**case["args"]), rel=1e-12, abs=1e-15), case["name"]


def test_grpo_masked_positions_do_not_affect_the_reference():
    """Overwrite every masked position with other large-but-finite log-probs: the loss must not move at all."""
    reference = entry("grpo-loss", "reference.py")
    gen = torch.Generator().manual_seed(0)
    for case in load_cases("grpo-loss"):
        args = dict(case["args"])
        mask = args["mask"]
        for key in ("logps", "old_logps", "ref_logps"):
            noise = -300.0 * torch.rand(mask.shape, generator=gen, dtype=torch.float64)
            args[key] = torch.where(mask, args[key], noise)
        assert reference(**args).item() == reference(**case["args"]).item(), case["name"]


def test_grpo_cases_separate_the_pinned_conventions():
    """Some case has unequal row lengths, ratios outside the clip range, far masked values, and beta > 0."""
    cases = load_cases("grpo-loss")
    assert any(len(set(c["args"]["mask"].sum(1).tolist())) > 1 for c in cases)
    assert all(c["args"]["mask"].any(1).all() for c in cases)
    clipped = 0
    for c in cases:
        a = c["args"]
        ratio = torch.exp(a["logps"] - a["old_logps"])[a["mask"]]
        eps = a.get("clip_eps", 0.2)
        clipped += int(((ratio < 1 - eps) | (ratio > 1 + eps)).sum())
    assert clipped >= 10
    far = [
        c for c in cases if (torch.exp(c["args"]["logps"] - c["args"]["old_logps"])[~c["args"]["mask"]] > 1e50).any()
    ]
    assert len(far) >= 2
    assert any("beta" not in c["args"] and "clip_eps" not in c["args"] for c in cases)


def test_grpo_statement_example():
    a = load_cases("grpo-loss")[0]["args"]
    assert entry("grpo-loss", "reference.py")(**a).item() == pytest.approx(0.0595030799, abs=1e-10)
    assert grpo_loop(**a) == pytest.approx(0.0595030799, abs=1e-10)


# --- bradley-terry-reward-loss -----------------------------------------------------------------


def bradley_terry_closed_form(chosen, rejected) -> float:
    """Pure Python: -log(sigmoid(x)) = log1p(exp(-|x|)) + max(-x, 0), summed with fsum."""
    pairs = zip(chosen.tolist(), rejected.tolist(), strict=True)
    terms = [math.log1p(math.exp(-abs(c - r))) + max(r - c, 0.0) for c, r in pairs]
    return math.fsum(terms) / len(terms)


def test_bradley_terry_reference_matches_logsigmoid_and_the_closed_form():
    reference = entry("bradley-terry-reward-loss", "reference.py")
    for case in load_cases("bradley-terry-reward-loss"):
        chosen, rejected = case["args"]["chosen_rewards"], case["args"]["rejected_rewards"]
        got = reference(chosen, rejected)
        assert isinstance(got, torch.Tensor) and got.shape == () and got.dtype == torch.float64
        assert got.item() == pytest.approx(-F.logsigmoid(chosen - rejected).mean().item(), rel=1e-13, abs=1e-300)
        assert got.item() == pytest.approx(bradley_terry_closed_form(chosen, rejected), rel=1e-13, abs=1e-300)
        shifted = reference(chosen + 7.0, rejected + 7.0).item()
        assert shifted == pytest.approx(got.item(), rel=1e-12, abs=1e-12), case["name"]


def test_bradley_terry_cases_reach_margins_of_plus_and_minus_1e3():
    margins = torch.cat(
        [c["args"]["chosen_rewards"] - c["args"]["rejected_rewards"] for c in load_cases("bradley-terry-reward-loss")]
    )
    assert margins.min().item() == pytest.approx(-1e3, rel=1e-9) and margins.max().item() == pytest.approx(
        1e3, rel=1e-9
    )


def test_bradley_terry_statement_example():
    a = load_cases("bradley-terry-reward-loss")[0]["args"]
    assert entry("bradley-terry-reward-loss", "reference.py")(**a).item() == pytest.approx(0.4714222276, abs=1e-10)
