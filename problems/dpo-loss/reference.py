import torch


def dpo_loss(policy_chosen_logps: torch.Tensor, policy_rejected_logps: torch.Tensor,
             ref_chosen_logps: torch.Tensor, ref_rejected_logps: torch.Tensor, beta: float = 0.1) -> torch.Tensor:
    """Mean over the batch of -logsigmoid(beta * ((pc - rc) - (pr - rr))), as a 0-d float64 tensor."""
    chosen = policy_chosen_logps.to(torch.float64) - ref_chosen_logps.to(torch.float64)
    rejected = policy_rejected_logps.to(torch.float64) - ref_rejected_logps.to(torch.float64)
    x = beta * (chosen - rejected)
    # -logsigmoid(x) = softplus(-x) = max(-x, 0) + log1p(exp(-|x|)): exp never sees a positive argument,
    # so beta * margin = -1e3 gives 1e3 instead of inf, and +1e3 gives exp(-1e3) = 0 instead of log(1) rounding.
    loss = torch.clamp(-x, min=0.0) + torch.log1p(torch.exp(-x.abs()))
    return loss.mean()
