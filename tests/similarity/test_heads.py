"""The training script's heads (training/scorer/models.py): the blend is exactly its parts; the
order penalty keeps made appended rows from coming out more alike than their originals."""

from __future__ import annotations

import numpy as np
from training.scorer.models import (
    Head,
    OrderPenalty,
    fit_blend,
    fit_mlp,
    fit_mlp_bag,
    fit_ridge,
)


def test_blend_equals_the_weighted_sum_of_its_ridge_and_bag() -> None:
    rng = np.random.default_rng(4)
    x = rng.normal(size=(60, 5)) * [1, 2, 3, 4, 5] + 7
    y = np.column_stack([x[:, 0] - x[:, 1], np.tanh(x[:, 2])]) + rng.normal(0, 0.1, (60, 2))
    blend = fit_blend(x, y, ridge_weight=0.3, alpha=3.0, hidden=4, decay=0.03, seeds=2, seed=1)
    ridge = fit_ridge(x, y, alpha=3.0)
    bag = fit_mlp_bag(x, y, hidden=4, decay=0.03, seeds=2, seed=1)
    fresh = rng.normal(size=(9, 5)) * 3 + 7
    np.testing.assert_allclose(blend.predict(fresh),
                               0.3 * ridge.predict(fresh) + 0.7 * bag.predict(fresh), atol=1e-9)
    assert blend.skip is not None and blend.skip.shape == (5, 2)


def test_the_order_penalty_keeps_made_rows_no_more_alike_than_their_originals() -> None:
    # Targets that say the made rows (x shifted by +0.3 in the first column) are *more* alike:
    # the plain MLP follows them, the penalised one keeps every made row at or above its original.
    rng = np.random.default_rng(5)
    x = rng.normal(size=(80, 3))
    made = x[:40] + np.array([0.3, 0.0, 0.0])
    y = np.column_stack([2.5 + x[:, 1], 2.5 - x[:, 2]])
    y_made = y[:40] - 0.4
    xs, ys = np.vstack([x, made]), np.vstack([y, y_made])
    order = OrderPenalty(np.arange(40), 80 + np.arange(40), weight=10.0, margin=0.02)
    plain = fit_mlp(xs, ys, hidden=8, decay=0.01, seed=0)
    penalised = fit_mlp(xs, ys, hidden=8, decay=0.01, seed=0, order=order)

    def fallen(head: Head) -> int:
        return int(((head.predict(x[:40]) - head.predict(made)).max(axis=1) > 0).sum())

    assert fallen(plain) > 30
    assert fallen(penalised) <= 2
    # rows outside the penalty are fitted as before
    assert np.abs(penalised.predict(x[40:]) - y[40:]).mean() < 0.25
