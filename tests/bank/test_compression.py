"""Cross-check the compression / adaptation problems: each reference against an independent implementation."""

from fractions import Fraction

import numpy as np
import pytest
import torch
import torch.nn.functional as F

SLUGS = [
    "als-factorization",
    "randomized-svd",
    "rank-for-energy",
    "lora-merge-unmerge",
    "lora-param-count",
    "absmax-int8-quantization",
    "blockwise-quantization",
    "magnitude-pruning",
    "nm-pruning",
]


def _t(x) -> torch.Tensor:
    return torch.as_tensor(np.asarray(x, dtype=np.float64))


@pytest.mark.parametrize("slug", SLUGS)
def test_generator_is_deterministic(bank, slug):
    first, second = bank.cases(slug), bank.cases(slug)
    assert [c["name"] for c in first] == [c["name"] for c in second]
    assert len({c["name"] for c in first}) == len(first)
    assert 2 <= sum(not c["hidden"] for c in first) <= 3
    for a, b in zip(first, second, strict=True):
        assert a["args"].keys() == b["args"].keys()
        for key in a["args"]:
            np.testing.assert_array_equal(np.asarray(a["args"][key]), np.asarray(b["args"][key]))
    other = bank.cases(slug, seed=12345)
    assert any(
        not np.array_equal(np.asarray(a["args"][k]), np.asarray(b["args"][k]))
        for a, b in zip(first, other, strict=False)
        for k in a["args"]
    ), "the seed should change the cases"


def test_als_factorization(bank):
    ref = bank.module("als-factorization", "reference.py").als_factorization
    for case in bank.cases("als-factorization"):
        args = case["args"]
        U, V = ref(**args)
        # independent: each ridge step as a least-squares problem on the augmented system, in torch
        A, Ut, Vt = _t(args["A"]), _t(args["U0"]), _t(args["V0"])
        k = Ut.shape[1]
        root = np.sqrt(args["lam"]) * torch.eye(k, dtype=torch.float64)
        zeros_n = torch.zeros(k, A.shape[1], dtype=torch.float64)
        zeros_m = torch.zeros(k, A.shape[0], dtype=torch.float64)
        for _ in range(args["T"]):
            Vt = torch.linalg.lstsq(torch.cat([Ut, root]), torch.cat([A, zeros_n])).solution.T
            Ut = torch.linalg.lstsq(torch.cat([Vt, root]), torch.cat([A.T, zeros_m])).solution.T
        np.testing.assert_allclose(U, Ut.numpy(), rtol=1e-8, atol=1e-10, err_msg=case["name"])
        np.testing.assert_allclose(V, Vt.numpy(), rtol=1e-8, atol=1e-10, err_msg=case["name"])
        if args["T"] > 0:
            # U is the exact ridge minimiser for the final V: the gradient of L in U vanishes
            grad = (U @ V.T - args["A"]) @ V + args["lam"] * U
            assert np.abs(grad).max() <= 1e-8 * max(1.0, np.abs(args["A"]).max() ** 2)
        else:
            np.testing.assert_array_equal(U, args["U0"])
            np.testing.assert_array_equal(V, args["V0"])


def test_randomized_svd(bank):
    ref = bank.module("randomized-svd", "reference.py").randomized_svd
    for case in bank.cases("randomized-svd"):
        args = case["args"]
        B = ref(**args)
        # independent: torch QR / SVD, truncating via the explicit projection Q Q^T A
        A, k = _t(args["A"]), args["k"]
        Q = torch.linalg.qr(A @ _t(args["Omega"])).Q
        for _ in range(args["q"]):
            Q = torch.linalg.qr(A @ torch.linalg.qr(A.T @ Q).Q).Q
        U, s, Vh = torch.linalg.svd(Q @ Q.T @ A, full_matrices=False)
        expected = (U[:, :k] * s[:k]) @ Vh[:k]
        np.testing.assert_allclose(B, expected.numpy(), rtol=1e-7, atol=1e-9, err_msg=case["name"])
        # properties: rank <= k and never better than the Eckart-Young optimum
        sv_A = np.linalg.svd(args["A"], compute_uv=False)
        sv_B = np.linalg.svd(B, compute_uv=False)
        assert np.all(sv_B[k:] <= 1e-10 * sv_A[0]), case["name"]
        optimum = np.sqrt(np.sum(sv_A[k:] ** 2))
        assert np.linalg.norm(args["A"] - B) >= optimum * (1 - 1e-9), case["name"]


def test_rank_for_energy(bank):
    ref = bank.module("rank-for-energy", "reference.py").rank_for_energy
    for case in bank.cases("rank-for-energy"):
        A, tau = case["args"]["A"], case["args"]["tau"]
        k = ref(A, tau)
        peak = np.abs(A).max()
        if peak == 0:
            assert k == 0
            continue
        # independent: torch singular values of the scaled matrix, searchsorted on the cumulative energy
        s = torch.linalg.svdvals(_t(A / peak))
        cumulative = torch.cumsum(s**2, 0)
        expected = int(torch.searchsorted(cumulative, tau * cumulative[-1])) + 1
        assert k == expected, case["name"]
        # Eckart-Young: the rank-k truncation keeps >= tau of the energy, rank k-1 does not
        U, sv, Vt = np.linalg.svd(A / peak, full_matrices=False)
        total = np.sum(sv**2)
        kept = np.sum(sv[:k] ** 2)
        residual = np.linalg.norm(A / peak - (U[:, :k] * sv[:k]) @ Vt[:k]) ** 2
        assert np.isclose(residual, total - kept, rtol=1e-9, atol=1e-12 * total)
        assert kept >= tau * total and np.sum(sv[: k - 1] ** 2) < tau * total, case["name"]


def test_lora_merge_unmerge(bank):
    ref = bank.module("lora-merge-unmerge", "reference.py").lora_merge
    gen = torch.Generator().manual_seed(0)
    for case in bank.cases("lora-merge-unmerge"):
        args = case["args"]
        out = ref(**args)
        W, A, B, scale = _t(args["W"]), _t(args["A"]), _t(args["B"]), args["alpha"] / args["r"]
        assert out.shape == args["W"].shape and out is not args["W"], case["name"]
        # independent: a LoRA layer's forward pass (frozen nn.Linear plus the two adapter linears)
        base = torch.nn.Linear(W.shape[1], W.shape[0], bias=False, dtype=torch.float64)
        lora_a = torch.nn.Linear(W.shape[1], A.shape[0], bias=False, dtype=torch.float64)
        lora_b = torch.nn.Linear(A.shape[0], W.shape[0], bias=False, dtype=torch.float64)
        with torch.no_grad():
            lora_a.weight.copy_(A)
            lora_b.weight.copy_(B)
            x = torch.randn(5, W.shape[1], generator=gen, dtype=torch.float64)
            if args.get("unmerge", False):
                # the unmerged weight plus the adapter must reproduce the merged layer
                base.weight.copy_(torch.as_tensor(out))
                got, expected = base(x) + scale * lora_b(lora_a(x)), x @ W.T
            else:
                base.weight.copy_(W)
                got, expected = x @ torch.as_tensor(out).T, base(x) + scale * lora_b(lora_a(x))
        np.testing.assert_allclose(got.numpy(), expected.numpy(), rtol=1e-9, atol=1e-10, err_msg=case["name"])
        back = ref(out, args["A"], args["B"], args["alpha"], args["r"], unmerge=not args.get("unmerge", False))
        np.testing.assert_allclose(back, args["W"], rtol=1e-9, atol=1e-12, err_msg=case["name"])


def test_lora_param_count(bank):
    ref = bank.module("lora-param-count", "reference.py").lora_param_count
    for case in bank.cases("lora-param-count"):
        args = case["args"]
        added, fraction = ref(**args)
        # independent: build the adapters' nn.Linear factors on the meta device and count trainable numel
        adapters = torch.nn.ModuleList()
        for d_out, d_in in args["shapes"]:
            adapters.append(torch.nn.Linear(d_in, args["r"], bias=False, device="meta"))  # A
            adapters.append(torch.nn.Linear(args["r"], d_out, bias=False, device="meta"))  # B
        expected = sum(p.numel() for p in adapters.parameters() if p.requires_grad)
        assert isinstance(added, int) and added == expected, case["name"]
        exact = Fraction(expected, args["total_params"] + expected)
        assert abs(Fraction(fraction) - exact) <= exact * Fraction(1, 10**14), case["name"]
    llama = next(c for c in bank.cases("lora-param-count") if c["name"] == "sample-2")["args"]
    assert ref(**llama)[0] == 4_194_304  # PEFT reports 4,194,304 trainable params for LLaMA-7B q,v at r=8


def _round_half_even(value: Fraction) -> int:
    floor = value.numerator // value.denominator
    rest = value - floor
    return floor + (rest > Fraction(1, 2) or (rest == Fraction(1, 2) and floor % 2 == 1))


def test_absmax_int8_quantization(bank):
    ref = bank.module("absmax-int8-quantization", "reference.py").absmax_quantize
    for case in bank.cases("absmax-int8-quantization"):
        x = case["args"]["x"]
        q, scale, deq, err = ref(x)
        assert q.dtype == np.int8 and q.shape == x.shape and deq.dtype == np.float64, case["name"]
        if not np.any(x):
            assert scale == 0.0 and err == 0.0 and not np.any(q) and not np.any(deq)
            continue
        # independent: torch.round (half to even) and clamp, in float64
        xt = torch.as_tensor(x)
        scale_t = xt.abs().max() / 127
        q_t = torch.clamp(torch.round(xt / scale_t), -127, 127).to(torch.int8)
        assert float(scale_t) == scale
        np.testing.assert_array_equal(q, q_t.numpy(), err_msg=case["name"])
        np.testing.assert_allclose(deq, (q_t.double() * scale_t).numpy(), rtol=1e-15, atol=0)
        assert err == float((xt - q_t.double() * scale_t).abs().max())
        assert err <= scale / 2 * (1 + 1e-12)
        # and exact rational arithmetic: q_i is the half-to-even rounding of 127 x_i / max|x|
        peak = Fraction(float(np.abs(x).max()))
        exact = [_round_half_even(Fraction(float(v)) * 127 / peak) for v in x.ravel()]
        assert q.ravel().tolist() == exact, case["name"]


def test_blockwise_quantization(bank):
    ref = bank.module("blockwise-quantization", "reference.py").blockwise_quantize
    per_tensor = bank.module("absmax-int8-quantization", "reference.py").absmax_quantize
    for case in bank.cases("blockwise-quantization"):
        x, size = case["args"]["x"], case["args"]["block_size"]
        deq, scales = ref(x, size)
        assert deq.shape == x.shape and scales.shape == (-(-x.size // size),), case["name"]
        # independent: torch, padding with F.pad and rounding with torch.round
        flat = torch.as_tensor(x).flatten()
        blocks = F.pad(flat, (0, scales.size * size - flat.numel())).view(-1, size)
        scale_t = blocks.abs().amax(dim=1, keepdim=True) / 127
        q = torch.round(blocks / torch.where(scale_t > 0, scale_t, torch.ones_like(scale_t))).clamp(-127, 127)
        expected = (q * scale_t).flatten()[: flat.numel()].view(x.shape)
        np.testing.assert_allclose(scales, scale_t.flatten().numpy(), rtol=1e-15, atol=0, err_msg=case["name"])
        np.testing.assert_allclose(deq, expected.numpy(), rtol=1e-15, atol=0, err_msg=case["name"])
        # each block is a per-tensor absmax quantization of its slice (the other problem's reference)
        for b, start in enumerate(range(0, x.size, size)):
            _, s_b, deq_b, _ = per_tensor(x.ravel()[start : start + size])
            assert s_b == scales[b]
            np.testing.assert_array_equal(deq.ravel()[start : start + size], deq_b)


def test_magnitude_pruning(bank):
    ref = bank.module("magnitude-pruning", "reference.py").magnitude_prune
    for case in bank.cases("magnitude-pruning"):
        w, sparsity = case["args"]["w"], case["args"]["sparsity"]
        pruned, mask = ref(w, sparsity)
        assert mask.dtype == bool and mask.shape == w.shape and pruned.shape == w.shape
        # independent: plain Python sort on (magnitude, flat index)
        flat = w.ravel().tolist()
        k = int(sparsity * len(flat) + 1e-9)
        dropped = {i for _, i in sorted((abs(v), i) for i, v in enumerate(flat))[:k]}
        expected_mask = np.array([i not in dropped for i in range(len(flat))]).reshape(w.shape)
        np.testing.assert_array_equal(mask, expected_mask, err_msg=case["name"])
        np.testing.assert_array_equal(pruned, np.where(expected_mask, w, 0.0), err_msg=case["name"])
        assert (~mask).sum() == k
        # and every kept magnitude is >= every pruned one (torch's view of the same ranking)
        mags = torch.as_tensor(np.abs(w))
        if 0 < k < w.size:
            assert mags[torch.as_tensor(mask)].min() >= mags[~torch.as_tensor(mask)].max()


def test_nm_pruning(bank):
    ref = bank.module("nm-pruning", "reference.py").nm_prune
    for case in bank.cases("nm-pruning"):
        w, n, m = case["args"]["w"], case["args"]["n"], case["args"]["m"]
        pruned, mask = ref(w, n, m)
        assert mask.dtype == bool and mask.shape == w.shape and pruned.shape == w.shape
        # independent: a Python loop over the groups of each last-axis row, sorted by (-|w|, index)
        expected = np.zeros(w.shape, dtype=bool)
        for index in np.ndindex(*w.shape[:-1]):
            row = w[index].tolist()
            for start in range(0, len(row), m):
                group = sorted(range(start, start + m), key=lambda i, row=row: (-abs(row[i]), i))
                for i in group[:n]:
                    expected[index + (i,)] = True
        np.testing.assert_array_equal(mask, expected, err_msg=case["name"])
        np.testing.assert_array_equal(pruned, np.where(expected, w, 0.0), err_msg=case["name"])
        # torch: a stable descending sort per group keeps the same entries
        groups = torch.as_tensor(np.abs(w)).reshape(-1, m)
        order = torch.sort(groups, dim=-1, descending=True, stable=True).indices[:, :n]
        torch_mask = torch.zeros_like(groups, dtype=torch.bool).scatter_(1, order, True)
        np.testing.assert_array_equal(mask, torch_mask.reshape(w.shape).numpy(), err_msg=case["name"])
        assert (mask.reshape(-1, m).sum(axis=1) == n).all()
