"""A confidence interval for a permutation test, by inverting it (plain NumPy, copied as is into exported scripts).

A permutation test gives a p-value for "no difference", not an interval. Its interval is the set of shifts ``delta``
that the same test would not reject: testing ``a - delta`` against ``b``. With the relabellings fixed, every
relabelled difference of means is linear in ``delta``, so each relabelling changes its verdict at one shift and the
interval's ends are order statistics of those shifts: exact for the relabellings drawn, with no search.
"""

__all__ = ["permutation_ci"]


def permutation_ci(a, b, *, confidence_level=0.95, alternative="two-sided", n_resamples=9999, rng=0):
    """Interval for mean(a) - mean(b) from the permutation test of the difference of means, by test inversion.

    Every split of the pooled values is used when there are at most `n_resamples` of them (an exact test);
    otherwise `n_resamples` random relabellings from ``numpy.random.default_rng(rng)``, counted as SciPy's
    ``permutation_test`` counts them (the observed labelling included). Returns ``(low, high)``; one-sided
    alternatives give a one-sided interval (``-inf`` or ``inf`` at the open end).

    For shift ``delta`` a relabelling puts ``k`` of the ``n1`` values of `a` in the first group; its difference of
    means is ``t0 - delta * (k / n1 - (n1 - k) / n2)``, against the observed ``t_obs - delta``. It counts as at
    least as extreme (>=) exactly when ``delta >= (t0 - t_obs) / (c - 1)`` with ``c = k / n1 - (n1 - k) / n2 < 1``.
    """
    import itertools
    import math

    import numpy as np

    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    n1, n2 = a.size, b.size
    pooled = np.concatenate([a, b])
    n, total = n1 + n2, pooled.sum()
    exact = math.comb(n, n1) <= n_resamples
    sums, ks = [], []
    if exact:
        splits = itertools.combinations(range(n), n1)
        while chunk := list(itertools.islice(splits, 4096)):
            idx = np.array(chunk)
            sums.append(pooled[idx].sum(axis=1))
            ks.append((idx < n1).sum(axis=1))
    else:
        gen = np.random.default_rng(rng)
        rows = max(1, 2_000_000 // n)
        for start in range(0, n_resamples, rows):
            idx = gen.permuted(np.tile(np.arange(n), (min(rows, n_resamples - start), 1)), axis=1)[:, :n1]
            sums.append(pooled[idx].sum(axis=1))
            ks.append((idx < n1).sum(axis=1))
    s1, k = np.concatenate(sums), np.concatenate(ks)
    t0 = s1 / n1 - (total - s1) / n2
    t_obs = a.mean() - b.mean()
    c = k / n1 - (n1 - k) / n2
    moving = c < 1 - 1e-12                      # the relabellings that mix the groups
    shifts = np.sort((t0[moving] - t_obs) / (c[moving] - 1))
    fixed = int((~moving).sum())                # these (the observed split) are always as extreme: t0 = t_obs
    extra = 0 if exact else 1                   # SciPy's random test adds the observed statistic once
    count = t0.size + extra
    alpha = 1 - confidence_level
    tail = alpha / 2 if alternative == "two-sided" else alpha
    # smallest number of "as extreme" relabellings (with the extra) for which p = m / count >= tail
    need = max(0, math.ceil(tail * count - 1e-9) - extra - fixed)
    low, high = -np.inf, np.inf
    if alternative in ("two-sided", "greater"):
        # p_greater(delta) counts relabellings with delta >= shift: it grows with delta
        low = float(shifts[need - 1]) if need >= 1 else -np.inf
        if need > shifts.size:
            low = np.inf
    if alternative in ("two-sided", "less"):
        high = float(shifts[shifts.size - need]) if need >= 1 else np.inf
        if need > shifts.size:
            high = -np.inf
    return low, high
