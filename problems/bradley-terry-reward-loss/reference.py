import torch


def bradley_terry_loss(chosen_rewards: torch.Tensor, rejected_rewards: torch.Tensor) -> torch.Tensor:
    """Mean over pairs of -logsigmoid(chosen - rejected), as a 0-d float64 tensor."""
    x = chosen_rewards.to(torch.float64) - rejected_rewards.to(torch.float64)
    # -logsigmoid(x) = max(-x, 0) + log1p(exp(-|x|)): the exponent is never positive, so a margin of -1e3
    # gives 1e3 rather than inf.
    return (torch.clamp(-x, min=0.0) + torch.log1p(torch.exp(-x.abs()))).mean()
