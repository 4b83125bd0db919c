"""Synthetic point sets for the spatial page: uniform, Gaussian clusters, Poisson-disc."""

import numpy as np
import pandas as pd
from scipy.stats import qmc

from core.common.errors import LimitError
from core.common.synthetic import Generator
from core.spatial.geometry import MAX_POINTS

__all__ = ["POINT_KINDS", "make_points", "POINTS_SYNTHETIC", "MAX_POISSON_DISC"]

POINT_KINDS = {
    "uniform": "uniform in the unit square",
    "clusters": "five Gaussian clusters (SD 0.05) in the unit square, with 1% uniform outliers",
    "poisson_disc": "Poisson-disc: random, but no two points closer than a set distance (scipy.stats.qmc.PoissonDisk)",
}
#: Poisson-disc sampling is slower than the others (a dart-throwing loop): a smaller bound.
MAX_POISSON_DISC = 10_000


def make_points(kind, n=1000, *, rng=None):
    """`n` points of `kind` (:data:`POINT_KINDS`) in the unit square: columns ``x``, ``y`` and ``group``."""
    if kind not in POINT_KINDS:
        raise LimitError(f"No synthetic point set {kind!r}; choose one of {list(POINT_KINDS)}.")
    limit = MAX_POISSON_DISC if kind == "poisson_disc" else MAX_POINTS
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 3 <= n <= limit:
        raise LimitError(f"The number of points for {kind} must be a whole number from 3 to {limit:,}, got {n!r}.")
    gen = np.random.default_rng(rng)
    group = np.full(n, "all", dtype=object)
    if kind == "uniform":
        xy = gen.random((n, 2))
    elif kind == "clusters":
        centres = gen.uniform(0.15, 0.85, (5, 2))
        which = gen.integers(0, 5, n)
        xy = centres[which] + gen.normal(0, 0.05, (n, 2))
        group = np.array([f"cluster {k + 1}" for k in which], dtype=object)
        stray = gen.random(n) < 0.01
        xy[stray] = gen.random((int(stray.sum()), 2))
        group[stray] = "outlier"
    else:
        radius = 0.7 / np.sqrt(n)  # about n points fit in the unit square at this spacing
        engine = qmc.PoissonDisk(2, radius=radius, rng=gen)
        xy = engine.random(n)
    return pd.DataFrame({"x": xy[:, 0], "y": xy[:, 1], "group": group})


POINTS_SYNTHETIC = Generator(
    name="points", model_label="Point set", models=tuple(POINT_KINDS), make=make_points,
    caption=lambda model: f"{POINT_KINDS[model].capitalize()}. Columns: x, y, group.",
    defaults=lambda model: {"x": "x", "y": "y", "label": "group"}, default_n=2000, max_n=MAX_POINTS)
