# Advantages are right, but the returns are the bootstrapped discounted reward-to-go (the lambda = 1 target)
# instead of advantages + values (the TD(lambda) target the value head is trained on in PPO).
import numpy as np


def gae(rewards, values, dones, last_value, gamma=0.99, lam=0.95):
    advantages = np.zeros_like(rewards, dtype=np.float64)
    returns = np.zeros_like(rewards, dtype=np.float64)
    running = np.zeros(rewards.shape[1])
    next_value = last_value
    next_return = last_value
    for t in reversed(range(rewards.shape[0])):
        alive = 1.0 - dones[t]
        delta = rewards[t] + gamma * next_value * alive - values[t]
        running = delta + gamma * lam * alive * running
        advantages[t] = running
        returns[t] = rewards[t] + gamma * alive * next_return
        next_value, next_return = values[t], returns[t]
    return advantages, returns
