"""Dense linear algebra with scipy.linalg: PCA by the SVD of the centred (and scaled) data, checked against the
eigendecomposition of the covariance; a low-rank approximation of an image; and linear systems solved by
solve, LU, Cholesky and least squares, with residuals, forward errors and the gain of factoring once."""

import math
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import linalg

from core.common.budget import check_budget
from core.common.errors import DataError, LimitError

__all__ = ["PCAResult", "pca", "reconstruction_errors", "LowRank", "low_rank", "sample_image", "FACTOR_WORK", "MATRIX_KINDS", "make_system",
           "solve_methods", "factor_once", "condition", "SOLVERS", "MAX_SYSTEM_N", "PCA_CELLS", "MAX_IMAGE_SIDE"]

#: Cells (rows x columns) a PCA takes: 100,000 x 50 is 5e6 and takes about a second.
PCA_CELLS = 2e7
MAX_SYSTEM_N = 3000
MAX_IMAGE_SIDE = 2048


@dataclass(frozen=True)
class PCAResult:
    """Principal components of a table: ``scores`` (n x k), ``loadings`` (p x k, unit columns),
    ``explained_variance`` and its ratio, ``singular_values`` (of the centred, scaled data), the columns used,
    the rows dropped for missing values, and the check against ``eigh`` of the covariance."""

    columns: tuple
    scores: np.ndarray
    loadings: np.ndarray
    singular_values: np.ndarray
    explained_variance: np.ndarray
    explained_variance_ratio: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    n_rows: int
    n_dropped: int
    eig_values: np.ndarray          # eigh of the covariance, descending
    agreement: float                # largest |s²/(n-1) - eigenvalue| relative to the largest eigenvalue
    loadings_agreement: float       # largest |loading - eigenvector| after matching signs
    total_variance: float           # of all components
    kept: np.ndarray                # which rows of the table were used (no missing value in a chosen column)


def _numeric(table):
    frame = pd.DataFrame(table)
    numeric = frame.apply(pd.to_numeric, errors="coerce")
    kept = [c for c in frame.columns if numeric[c].notna().any()]
    if not kept:
        raise DataError("No column holds numbers: PCA needs numeric columns.")
    dropped = [str(c) for c in frame.columns if c not in kept]
    return numeric[kept], dropped


def pca(table, *, n_components=None, scale=False):
    """PCA by ``scipy.linalg.svd`` of the centred (with `scale`, also divided by each column's standard
    deviation) numeric columns; rows with a missing value are dropped and counted. The components' signs are
    fixed so that each loading vector's largest entry is positive (as scikit-learn's svd_flip does)."""
    frame, _ = _numeric(table)
    full = frame.to_numpy(dtype=float)
    finite = np.isfinite(full).all(axis=1)
    X = full[finite]
    n, p = X.shape
    check_budget(n * p, PCA_CELLS, what=f"PCA of {n:,} x {p}", reduce="use fewer rows or columns")
    if p < 2:
        raise DataError("PCA needs at least two numeric columns.")
    k = min(n - 1, p) if n_components is None else int(n_components)
    if not 1 <= k <= min(n - 1, p):
        raise DataError(f"{n:,} complete rows and {p} columns allow 1 to {min(n - 1, p)} components; got {k}.")
    mean = X.mean(axis=0)
    Xc = X - mean
    sd = np.ones(p)
    if scale:
        sd = X.std(axis=0, ddof=1)
        constant = [str(c) for c, s in zip(frame.columns, sd) if not s > 0]
        if constant:
            raise DataError(f"Cannot scale a constant column: {', '.join(constant)} (its standard deviation is 0). "
                            "Leave it out, or turn scaling off.")
        Xc = Xc / sd
    U, s, Vt = linalg.svd(Xc, full_matrices=False)
    signs = np.sign(Vt[np.arange(Vt.shape[0]), np.argmax(np.abs(Vt), axis=1)])
    signs[signs == 0] = 1
    U, Vt = U * signs, Vt * signs[:, None]
    var = s ** 2 / (n - 1)
    ratio = var / var.sum() if var.sum() > 0 else np.zeros_like(var)
    w, V = linalg.eigh(np.cov(Xc, rowvar=False))
    w, V = w[::-1], V[:, ::-1]
    m = min(len(w), len(var))
    agreement = float(np.max(np.abs(var[:m] - w[:m])) / max(w[0], 1e-300))
    V = V[:, :k] * np.sign(np.sum(V[:, :k] * Vt[:k].T, axis=0))
    loadings_agreement = float(np.max(np.abs(V - Vt[:k].T)))
    return PCAResult(tuple(str(c) for c in frame.columns), U[:, :k] * s[:k], Vt[:k].T, s[:k], var[:k], ratio[:k],
                     mean, sd, n, int((~finite).sum()), w, agreement, loadings_agreement, float(var.sum()), finite)


def reconstruction_errors(result):
    """The relative error (Frobenius) of rebuilding the centred, scaled data from the first k components, for
    each k: the square root of the variance left out."""
    kept = np.cumsum(result.explained_variance)
    return np.sqrt(np.maximum(1 - kept / result.total_variance, 0)) if result.total_variance > 0 else kept * 0


@dataclass(frozen=True)
class LowRank:
    image: np.ndarray              # the rank-k approximation, clipped to the image's range
    k: int
    error: float                   # ||A - A_k||_F / ||A||_F
    storage_ratio: float           # k (m + n + 1) / (m n)
    singular_values: np.ndarray


def low_rank(grey, k):
    """The best rank-k approximation of a grey image (Eckart-Young: the SVD truncated), its relative error and
    how much of the storage it needs."""
    A = np.asarray(grey, dtype=float)
    if A.ndim != 2:
        raise DataError("A grey image (one channel) is needed.")
    m, n = A.shape
    if max(m, n) > MAX_IMAGE_SIDE:
        raise LimitError(f"Images up to {MAX_IMAGE_SIDE} pixels a side; this one is {m} x {n}.")
    k = int(k)
    if not 1 <= k <= min(m, n):
        raise DataError(f"The rank must be from 1 to {min(m, n)}; got {k}.")
    U, s, Vt = linalg.svd(A, full_matrices=False)
    Ak = (U[:, :k] * s[:k]) @ Vt[:k]
    error = float(np.sqrt(np.sum(s[k:] ** 2) / np.sum(s ** 2))) if np.sum(s ** 2) > 0 else 0.0
    return LowRank(np.clip(Ak, A.min(), A.max()), k, error, k * (m + n + 1) / (m * n), s)


def sample_image(height=256, width=384, *, seed=0):
    """A photo-like grey test image: a gradient sky, a sun, hills, a striped house and film grain (0-255)."""
    y, x = np.mgrid[0:height, 0:width] / np.array([height, width])[:, None, None]
    img = 170 + 60 * y                                                   # sky, lighter towards the horizon
    img = np.where((x - 0.78) ** 2 + ((y - 0.22) * height / width) ** 2 < 0.006, 250, img)   # the sun
    hills = 0.62 + 0.08 * np.sin(6 * x) + 0.04 * np.sin(17 * x + 1)
    img = np.where(y > hills, 70 + 40 * (y - hills) + 15 * np.sin(40 * x), img)
    house = (x > 0.18) & (x < 0.40) & (y > 0.42) & (y < 0.72)
    img = np.where(house, 120 + 50 * (np.floor(x * 60) % 2), img)       # vertical planks
    roof = (y > 0.30) & (y <= 0.42) & (np.abs(x - 0.29) < (y - 0.30) * 0.11 / 0.12)
    img = np.where(roof, 40, img)
    img = img + np.random.default_rng(seed).normal(0, 6, img.shape)
    return np.clip(img, 0, 255)


MATRIX_KINDS = {"random": "random, well conditioned", "conditioned": "random with a chosen condition number",
                "spd": "symmetric positive definite", "hilbert": "Hilbert (notoriously ill-conditioned)"}
SOLVERS = ("solve", "lu_factor + lu_solve", "cho_factor + cho_solve", "lstsq")


def make_system(kind="random", n=200, *, condition=1e6, seed=0):
    """(A, x_true, b) with b = A x_true: a matrix of the chosen kind and size."""
    n = int(n)
    if not 2 <= n <= MAX_SYSTEM_N:
        raise LimitError(f"n must be from 2 to {MAX_SYSTEM_N:,}.")
    rng = np.random.default_rng(seed)
    if kind == "random":
        A = rng.standard_normal((n, n)) + n ** 0.5 * np.eye(n)
    elif kind == "conditioned":
        if not 1 <= condition <= 1e16:
            raise DataError("The condition number must lie in [1, 1e16].")
        Q1, _ = linalg.qr(rng.standard_normal((n, n)))
        Q2, _ = linalg.qr(rng.standard_normal((n, n)))
        A = (Q1 * np.geomspace(1, 1 / condition, n)) @ Q2.T
    elif kind == "spd":
        M = rng.standard_normal((n, n))
        A = M @ M.T / n + np.eye(n)
    elif kind == "hilbert":
        A = linalg.hilbert(n)
    else:
        raise DataError(f"Unknown matrix kind {kind!r}; choose one of {', '.join(MATRIX_KINDS)}.")
    x = rng.standard_normal(n)
    return A, x, A @ x


def condition(A):
    """κ(A) = the largest over the smallest singular value (``np.linalg.cond``): an O(n³) SVD."""
    return float(np.linalg.cond(A))


def solve_methods(A, b, x_true=None, *, methods=SOLVERS):
    """Each solver on A x = b: residual ||A x - b|| / ||b||, forward error ||x - x_true|| / ||x_true||, time; a
    method that cannot run says why (Cholesky needs a symmetric positive definite matrix)."""
    rows = []
    for method in methods:
        start = time.perf_counter()
        try:
            if method == "solve":
                x = linalg.solve(A, b)
            elif method.startswith("lu"):
                x = linalg.lu_solve(linalg.lu_factor(A), b)
            elif method.startswith("cho"):
                x = linalg.cho_solve(linalg.cho_factor(A), b)
            elif method == "lstsq":
                x = linalg.lstsq(A, b)[0]
            else:
                raise DataError(f"Unknown method {method!r}.")
        except linalg.LinAlgError as exc:
            why = ("the matrix is not symmetric positive definite: use LU (lu_factor) or solve instead"
                   if method.startswith("cho") else f"the matrix is singular ({exc})")
            rows.append({"method": method, "residual": math.nan, "forward error": math.nan,
                         "time (ms)": 1000 * (time.perf_counter() - start), "note": why})
            continue
        seconds = time.perf_counter() - start
        rows.append({"method": method, "residual": float(np.linalg.norm(A @ x - b) / max(np.linalg.norm(b), 1e-300)),
                     "forward error": float(np.linalg.norm(x - x_true) / np.linalg.norm(x_true))
                     if x_true is not None else math.nan, "time (ms)": 1000 * seconds, "note": ""})
    return rows


#: n³ x right-hand sides for the factor-once timing (n = 500 with 88 right-hand sides is 1.1e10: half a second).
FACTOR_WORK = 2e10


def factor_once(A, ms=(1, 2, 5, 10, 20, 50), *, seed=0):
    """Time of solving for m right-hand sides one by one with ``solve`` against one ``lu_factor`` and m
    ``lu_solve``: rows {m, solve each (s), factor once (s), speed-up}."""
    n = A.shape[0]
    check_budget(n ** 3 * sum(ms), FACTOR_WORK, what=f"Timing {sum(ms)} solves of a {n} x {n} system",
                 reduce="use n of at most 600 for the timing")
    rng = np.random.default_rng(seed)
    rows = []
    for m in ms:
        B = rng.standard_normal((A.shape[0], int(m)))
        start = time.perf_counter()
        for j in range(B.shape[1]):
            linalg.solve(A, B[:, j])
        each = time.perf_counter() - start
        start = time.perf_counter()
        lu = linalg.lu_factor(A)
        for j in range(B.shape[1]):
            linalg.lu_solve(lu, B[:, j])
        once = time.perf_counter() - start
        rows.append({"m": int(m), "solve each (s)": each, "factor once (s)": once, "speed-up": each / once})
    return rows
