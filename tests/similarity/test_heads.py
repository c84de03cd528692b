"""The training script's heads (training/scorer/models.py): the blend is exactly its parts."""

from __future__ import annotations

import numpy as np
from training.scorer.models import fit_blend, fit_mlp_bag, fit_ridge


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
