"""Multi-output regression heads in numpy: ridge and a one-hidden-layer MLP; logistic calibration.

A fitted head is a list of ``(W, b)`` layers with tanh between them (ridge has one layer) and an
optional linear ``skip`` from the standardised input to the output (a blend of ridge and MLP),
the format ``storydiff.similarity.trained`` runs at inference. Inputs are standardised first.

Every head can also be fitted under an *order penalty*: for pairs of training rows (a labelled
pair, and the same pair with an unrelated article appended to one side) the made row must not
be predicted more alike than its original, on any dimension. The penalty is the squared hinge
``relu(f(original) − f(made) + margin)²`` per dimension, averaged over the pairs and added to
the mean squared error with weight ``weight`` (issue #11: appending an article never raises a
similarity dimension). It is learned, not guaranteed: the head is still free in its inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from storydiff.similarity.trained import forward

Layers = list[tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class OrderPenalty:
    """Rows of the training matrix that must keep an order: ``made[i]`` is never to be predicted
    more alike (lower on any dimension) than ``original[i]``; ``weight`` scales the squared hinge
    and ``margin`` (label points) asks for that much room."""

    original: np.ndarray
    made: np.ndarray
    weight: float
    margin: float = 0.0


@dataclass
class Head:
    """A fitted head: input standardisation and layers."""

    mean: np.ndarray
    scale: np.ndarray
    layers: Layers
    skip: np.ndarray | None = None  # inputs × outputs, added to the last layer's output

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Predicted labels, one row a pair."""
        return forward(x, self.mean, self.scale, self.layers, self.skip)


def _standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column means and scales (1 where a column is constant)."""
    scale = x.std(axis=0)
    return x.mean(axis=0), np.where(scale > 1e-9, scale, 1.0)


def fit_ridge(x: np.ndarray, y: np.ndarray, alpha: float, order: OrderPenalty | None = None,
              epochs: int = 300, lr: float = 0.003) -> Head:
    """Closed-form multi-output ridge on standardised inputs (the intercept is not penalised);
    with ``order``, then refined by full-batch Adam on the ridge objective (divided by the
    number of rows) plus the order penalty."""
    mean, scale = _standardise(x)
    z = (x - mean) / scale
    y_mean = y.mean(axis=0)
    w = np.linalg.solve(z.T @ z + alpha * np.eye(z.shape[1]), z.T @ (y - y_mean))
    if order is None or order.weight <= 0 or not len(order.original):
        return Head(mean, scale, [(w, y_mean)])
    dz = z[order.original] - z[order.made]
    penalty = order

    def gradients(params: list[np.ndarray]) -> list[np.ndarray]:
        err = (z @ params[0] + params[1] - y) * (2 / len(z))
        push = np.maximum(dz @ params[0] + penalty.margin, 0.0) * (2 * penalty.weight / len(dz))
        return [z.T @ err + 2 * alpha / len(z) * params[0] + dz.T @ push, err.sum(axis=0)]

    w, b = _adam([w, y_mean.copy()], gradients, epochs, lr)
    return Head(mean, scale, [(w, b)])


def fit_mlp(x: np.ndarray, y: np.ndarray, hidden: int = 32, decay: float = 1e-3,
            epochs: int = 600, lr: float = 0.01, seed: int = 0,
            order: OrderPenalty | None = None) -> Head:
    """One tanh hidden layer, full-batch Adam on mean squared error with L2 weight decay (and
    the ``order`` penalty when given)."""
    mean, scale = _standardise(x)
    z = (x - mean) / scale
    rng = np.random.default_rng(seed)
    params = [rng.normal(0, 1 / np.sqrt(z.shape[1]), (z.shape[1], hidden)), np.zeros(hidden),
              rng.normal(0, 1 / np.sqrt(hidden), (hidden, y.shape[1])), y.mean(axis=0)]
    params = _adam(params, lambda p: _mlp_grads(p, z, y, decay, order), epochs, lr)
    return Head(mean, scale, [(params[0], params[1]), (params[2], params[3])])


def _adam(params: list[np.ndarray], gradients: Callable[[list[np.ndarray]], list[np.ndarray]],
          epochs: int, lr: float) -> list[np.ndarray]:
    """``params`` after ``epochs`` full-batch Adam steps (β 0.9 and 0.999) on ``gradients``."""
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    for step in range(1, epochs + 1):
        for i, g in enumerate(gradients(params)):
            m, v = moments[i]
            m = 0.9 * m + 0.1 * g
            v = 0.999 * v + 0.001 * g * g
            moments[i] = (m, v)
            params[i] = params[i] - lr * (m / (1 - 0.9**step)) / (
                np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return params


def fit_mlp_bag(x: np.ndarray, y: np.ndarray, hidden: int, decay: float, seeds: int = 5,
                seed: int = 0, order: OrderPenalty | None = None) -> Head:
    """The average of ``seeds`` MLPs, merged into one wider MLP with the same output.

    Averaging one-hidden-layer networks is exact as a single network whose hidden units are all
    of theirs and whose output weights are divided by the number of networks.
    """
    nets = [fit_mlp(x, y, hidden, decay, seed=seed + i, order=order) for i in range(seeds)]
    w1 = np.hstack([n.layers[0][0] for n in nets])
    b1 = np.concatenate([n.layers[0][1] for n in nets])
    w2 = np.vstack([n.layers[1][0] for n in nets]) / seeds
    b2 = np.mean([n.layers[1][1] for n in nets], axis=0)
    return Head(nets[0].mean, nets[0].scale, [(w1, b1), (w2, b2)])


def fit_blend(x: np.ndarray, y: np.ndarray, ridge_weight: float, alpha: float, hidden: int,
              decay: float, seeds: int = 10, seed: int = 0,
              order: OrderPenalty | None = None) -> Head:
    """``ridge_weight`` × ridge + (1 − ``ridge_weight``) × a bag of MLPs, as one head (each
    part fitted under the ``order`` penalty when given: a weighted sum of two heads that keep
    an order keeps it).

    Both parts share the input standardisation, so the blend is exact: the MLP's output layer
    scaled by the MLP's share, plus the ridge weights as a linear skip from input to output.
    """
    ridge = fit_ridge(x, y, alpha, order)
    bag = fit_mlp_bag(x, y, hidden, decay, seeds=seeds, seed=seed, order=order)
    (w1, b1), (w2, b2) = bag.layers
    (wr, br), = ridge.layers
    share = 1.0 - ridge_weight
    return Head(bag.mean, bag.scale, [(w1, b1), (share * w2, share * b2 + ridge_weight * br)],
                skip=ridge_weight * wr)


def _mlp_grads(params: list[np.ndarray], z: np.ndarray, y: np.ndarray,
               decay: float, order: OrderPenalty | None = None) -> list[np.ndarray]:
    """Gradients of MSE + decay·|W|² (+ the order penalty) for the one-hidden-layer network."""
    w1, b1, w2, b2 = params
    h = np.tanh(z @ w1 + b1)
    err = (h @ w2 + b2 - y) * (2 / len(z))
    dh = (err @ w2.T) * (1 - h * h)
    grads = [z.T @ dh + 2 * decay * w1, dh.sum(axis=0), h.T @ err + 2 * decay * w2,
             err.sum(axis=0)]
    if order is not None and order.weight > 0 and len(order.original):
        zo, zm = z[order.original], z[order.made]
        ho, hm = np.tanh(zo @ w1 + b1), np.tanh(zm @ w1 + b1)
        # d penalty / d (f(original) − f(made)), per pair and dimension
        push = np.maximum((ho - hm) @ w2 + order.margin, 0.0) * (2 * order.weight / len(zo))
        dho = (push @ w2.T) * (1 - ho * ho)
        dhm = (push @ w2.T) * (1 - hm * hm)
        grads[0] = grads[0] + zo.T @ dho - zm.T @ dhm
        grads[1] = grads[1] + dho.sum(axis=0) - dhm.sum(axis=0)
        grads[2] = grads[2] + (ho - hm).T @ push
    return grads


def fit_logistic(score: np.ndarray, target: np.ndarray, iters: int = 50) -> tuple[float, float]:
    """Platt scaling: ``P = sigmoid(a·score + b)`` fitted by Newton's method."""
    a, b = 0.0, 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(a * score + b)))
        g = np.array([((p - target) * score).sum() + 1e-3 * a, (p - target).sum()])
        w = p * (1 - p)
        h = np.array([[(w * score * score).sum() + 1e-3, (w * score).sum()],
                      [(w * score).sum(), w.sum() + 1e-9]])
        da, db = np.linalg.solve(h, g)
        a, b = a - da, b - db
    return float(a), float(b)
