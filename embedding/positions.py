"""Sinusoidal position embeddings ("Attention is all you need", section 3.5).

A token's row says what the token is, not where it stands; the model adds a position vector
to it. Dimension pair (2i, 2i+1) of position p holds `sin(p / 10000^(2i/d))` and
`cos(p / 10000^(2i/d))`: fast waves in the first dimensions, slow ones in the last, so every
position gets its own pattern and nearby positions get similar ones.

    >>> sinusoidal_positions(2, 4).round(4).tolist()
    [[0.0, 1.0, 0.0, 1.0], [0.8415, 0.5403, 0.01, 1.0]]
"""

from __future__ import annotations

import numpy as np

BASE = 10_000.0


def sinusoidal_positions(n_positions: int, dim: int, base: float = BASE) -> np.ndarray:
    """The `n_positions x dim` table of sinusoidal position embeddings (values in [-1, 1])."""
    if n_positions < 0 or dim < 1:
        raise ValueError("Positions must be 0 or more and the width at least 1.")
    positions = np.arange(n_positions, dtype=np.float64)[:, None]
    pair = np.arange(dim) // 2
    angles = positions / base ** (2 * pair / dim)
    return np.where(np.arange(dim) % 2 == 0, np.sin(angles), np.cos(angles))
