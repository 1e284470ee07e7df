# Vectorised over time: A[:, n] = M_n @ delta[:, n] with M_n[t, s] = prod_{k=t}^{s-1} gamma*lam*(1-done_k)
# for s >= t, built from cumulative products of the per-step decay.
import numpy as np


def gae(rewards, values, dones, last_value, gamma=0.99, lam=0.95):
    T, N = rewards.shape
    alive = 1.0 - dones.astype(float)
    next_values = np.concatenate([values[1:], last_value[None, :]], axis=0)
    delta = rewards + gamma * alive * next_values - values
    advantages = np.empty((T, N))
    for n in range(N):
        decay = gamma * lam * alive[:, n]
        m = np.zeros((T, T))
        for t in range(T):
            m[t, t] = 1.0
            if t + 1 < T:
                m[t, t + 1:] = np.cumprod(decay[t:T - 1])
        advantages[:, n] = m @ delta[:, n]
    return advantages, advantages + values
