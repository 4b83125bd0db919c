"""1-D and 2-D scattered interpolation with current scipy APIs, cross-validated errors and overshoot checks.

:func:`interpolate_1d` builds the interpolant of one method (:data:`METHODS_1D`) with scipy's own keyword names
and evaluates it; :func:`build_1d` returns the callable (with derivatives and integral where the method has
them). :func:`interpolate_2d` wraps ``griddata`` and ``RBFInterpolator``. Bad input raises
:class:`InterpolationError` with the number of points a method needs.
"""

from dataclasses import dataclass
import math

import numpy as np
from scipy import interpolate, spatial

from core.common.errors import DataError, ExplorerError
from core.common.validate import parse_numbers

__all__ = ["parse_points", "interpolate_1d", "build_1d", "prepare_1d", "Interpolant", "InterpolationError", "METHODS_1D",
           "MIN_POINTS", "cross_validate_1d", "overshoot", "interpolate_2d", "METHODS_2D", "RBF_KERNELS",
           "cross_validate_2d", "fill_gaps", "EXTRAPOLATION", "RBF_DIRECT_MAX", "MAX_POINTS", "MAX_POLY_POINTS",
           "chebyshev_nodes"]

METHODS_1D = ("linear", "nearest", "previous", "next", "quadratic", "cubic", "cubic_spline", "pchip", "akima",
              "makima", "smoothing_spline", "univariate_spline", "barycentric", "krogh")
MIN_POINTS = {"linear": 2, "nearest": 2, "previous": 2, "next": 2, "quadratic": 3, "cubic": 4, "cubic_spline": 2,
              "pchip": 2, "akima": 2, "makima": 2, "smoothing_spline": 5, "univariate_spline": 4, "barycentric": 2,
              "krogh": 2}
#: The one polynomial through all the points (degree n - 1): barycentric form is stable (Berrut & Trefethen 2004)
#: and costs O(n) per value; Krogh's Newton form is not, and scipy advises against it beyond a few tens of points.
MAX_POLY_POINTS = {"barycentric": 2000, "krogh": 60}
EXTRAPOLATION = ("method", "nan", "nearest", "linear")
MAX_POINTS = 5_000_000
# make_smoothing_spline's GCV is O(n) but slow in practice (5 s at 10,000 points): choose lam on a subsample.
GCV_MAX = 2000
METHODS_2D = ("nearest", "linear", "cubic", "rbf")
RBF_KERNELS = ("thin_plate_spline", "cubic", "quintic", "multiquadric", "inverse_multiquadric", "gaussian")
RBF_DIRECT_MAX = 3000


class InterpolationError(ExplorerError):
    """Input an interpolation cannot use."""


@dataclass(frozen=True)
class Interpolant:
    """A built 1-D interpolant: call it; ``derivative(nu)`` and ``integral(a, b)`` where the method has them."""

    method: str
    x: np.ndarray
    y: np.ndarray
    spline: object = None              # a scipy PPoly/BSpline-like object, or None for step methods
    extrapolation: str = "method"
    lam: float | None = None
    notes: tuple = ()
    w: np.ndarray | None = None        # the weights the smoothing used, in the order of x (after merging repeats)

    def __call__(self, x_new, nu=0):
        x_new = np.asarray(x_new, dtype=float)
        if self.spline is None:
            if nu:
                return np.zeros_like(x_new)
            out = _step(self.method, self.x, self.y, x_new)
        else:
            out = self._spline(x_new, nu)
        return self._extrapolate(x_new, np.asarray(out, dtype=float), nu)

    def _spline(self, x_new, nu):
        flat = x_new.ravel()
        if flat.size > 1 and np.any(flat[1:] < flat[:-1]):
            # scipy's B-spline evaluation searches for each point's interval from the previous one: unsorted
            # points make it quadratic (130 s for 1e6 points). Evaluate in sorted order and put back.
            order = np.argsort(flat, kind="stable")
            out = np.empty(flat.size)
            out[order] = self._spline(flat[order], nu)
            return out.reshape(x_new.shape)
        return self.spline(x_new, nu) if nu else self.spline(x_new)

    def _extrapolate(self, x_new, out, nu):
        if self.extrapolation == "method":
            return out
        lo, hi = self.x[0], self.x[-1]
        left, right = x_new < lo, x_new > hi
        if not (left.any() or right.any()):
            return out
        out = out.copy()
        if self.extrapolation == "nan":
            out[left | right] = np.nan
        elif self.extrapolation == "nearest":
            out[left] = 0.0 if nu else self.y[0]
            out[right] = 0.0 if nu else self.y[-1]
        else:  # linear, from the end slopes of the interpolant
            for mask, x0, y0 in ((left, lo, self.y[0]), (right, hi, self.y[-1])):
                if mask.any():
                    slope = float(self(np.array([x0]), 1)[0]) if self.spline is not None else 0.0
                    out[mask] = slope if nu == 1 else (0.0 if nu else y0 + slope * (x_new[mask] - x0))
        return out

    def derivative(self, x_new, nu=1):
        if nu not in (1, 2):
            raise InterpolationError("Derivatives of order 1 and 2 are available.")
        return self(x_new, nu)

    def integral(self, a, b):
        """Integral of the interpolant from a to b (inside the data's range)."""
        a, b = float(a), float(b)
        if self.spline is None:
            grid = np.union1d(np.linspace(a, b, 2001), self.x[(self.x > a) & (self.x < b)])
            return float(np.trapezoid(self(grid), grid))
        if hasattr(self.spline, "integrate"):
            return float(self.spline.integrate(a, b))
        return float(self.spline.antiderivative()(b) - self.spline.antiderivative()(a))


def _step(method, x, y, x_new):
    if method == "previous":
        i = np.clip(np.searchsorted(x, x_new, side="right") - 1, 0, x.size - 1)
    elif method == "next":
        i = np.clip(np.searchsorted(x, x_new, side="left"), 0, x.size - 1)
    else:  # nearest; a tie goes to the lower point, as scipy's interp1d(kind="nearest")
        right = np.clip(np.searchsorted(x, x_new, side="left"), 1, x.size - 1)
        left = right - 1
        i = np.where(x_new - x[left] <= x[right] - x_new, left, right)
    return y[i]


def prepare_1d(x, y, *, duplicates="average"):
    """Finite, sorted data with distinct x: duplicates averaged (or refused). Returns (x, y, notes)."""
    x, y, _, notes = _prepare(x, y, None, duplicates)
    return x, y, notes


def _prepare(x, y, w, duplicates, power=1):
    """(x, y, w, notes): finite, sorted by x, repeats merged; the weights follow their points.

    Repeated x are merged into one point that the smoothing sees as they were: with a criterion
    sum(w_i**power * (y_i - f(x_i))**2) (power 1 for make_smoothing_spline, 2 for FITPACK, whose weights are
    1/sigma), the merged point has y = sum(v_i y_i) / sum(v_i) and weight sum(v_i)**(1/power), v_i = w_i**power.
    """
    try:
        x = np.asarray(x, dtype=float).ravel()
        y = np.asarray(y, dtype=float).ravel()
        w = None if w is None else np.asarray(w, dtype=float).ravel()
    except (TypeError, ValueError):
        raise InterpolationError("x, y and the weights must be numbers.") from None
    if x.size != y.size:
        raise InterpolationError(f"x and y must have the same length, got {x.size} and {y.size}.")
    if w is not None and w.size != x.size:
        raise InterpolationError(f"The weights must have one value per point: {w.size} for {x.size} points.")
    if x.size > MAX_POINTS:
        raise InterpolationError(f"At most {MAX_POINTS:,} points are supported, got {x.size:,}.")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise InterpolationError("x and y must be finite: remove rows with NaN or inf first.")
    if w is not None and not (np.all(np.isfinite(w)) and np.all(w > 0)):
        raise InterpolationError("The weights must be finite and above zero.")
    notes = []
    if x.size and np.any(np.diff(x) < 0):
        order = np.argsort(x, kind="stable")
        x, y = x[order], y[order]
        w = None if w is None else w[order]
        notes.append("x was not sorted; the points were sorted by x (their weights with them).")
    if x.size > 1 and x[0] == x[-1]:
        raise InterpolationError("All x values are equal: there is nothing to interpolate along.")
    if x.size > 1 and x[-1] - x[0] < 1e-200:
        raise InterpolationError("The x values differ by less than 1e-200: rescale x before interpolating.")
    if x.size > 1 and np.any(np.diff(x) == 0):
        if duplicates == "error":
            dup = x[1:][np.diff(x) == 0]
            raise InterpolationError(f"{dup.size} repeated x value(s) (first: {dup[0]:g}); an interpolant needs "
                                     "distinct x. Average them or remove them.")
        ux, inverse = np.unique(x, return_inverse=True)
        v = np.ones_like(y) if w is None else w ** power
        total = np.bincount(inverse, weights=v)
        y = np.bincount(inverse, weights=v * y) / total
        w = None if w is None else total ** (1.0 / power)
        notes.append(f"{x.size - ux.size} repeated x value(s): their y values were averaged"
                     + (" (weighted) and their weights combined." if w is not None else "."))
        x = ux
    return x, y, w, notes


def build_1d(x, y, *, method="cubic_spline", extrapolation="method", duplicates="average", **options):
    """Build the interpolant of `method` on (x, y); options are scipy's own keywords (``bc_type``, ``lam``,
    ``s``, ``w``). Returns an :class:`Interpolant`.

    ``"barycentric"`` and ``"krogh"`` are the one polynomial through all the points (``BarycentricInterpolator``
    with ``rng=0``: scipy permutes the points at random to compute its weights stably, the seed makes it
    reproducible; ``KroghInterpolator``)."""
    if method not in METHODS_1D:
        raise InterpolationError(f"Unknown method {method!r}; choose one of {', '.join(METHODS_1D)}.")
    if "extrapolate" in options:  # scipy's own keyword: True is the method's own, False gives NaN outside
        extrapolation = "method" if options.pop("extrapolate") else "nan"
    if extrapolation not in EXTRAPOLATION:
        raise InterpolationError(f"`extrapolation` must be one of {', '.join(EXTRAPOLATION)}, got {extrapolation!r}.")
    power = 2 if method == "univariate_spline" else 1  # FITPACK's weights multiply residuals before squaring
    x, y, w, notes = _prepare(x, y, options.pop("w", None), duplicates, power)
    if w is not None and method not in ("smoothing_spline", "univariate_spline"):
        raise InterpolationError(f"The {method} method takes no weights; only the smoothing splines do.")
    need = MIN_POINTS[method]
    if x.size < need:
        raise InterpolationError(f"The {method} method needs at least {need} distinct points, got {x.size}.")
    lam = None
    try:
        if method in ("nearest", "previous", "next"):
            spline = None
        elif method == "linear":
            _only(options, method, ())
            # The same B-spline make_interp_spline(x, y, k=1) returns, built directly: knots at the data with
            # doubled ends and the y values as coefficients. make_interp_spline takes ~130 s at 1e6 points.
            spline = interpolate.BSpline(np.concatenate([x[:1], x, x[-1:]]), y, 1)
        elif method in ("quadratic", "cubic"):
            _only(options, method, ())
            spline = interpolate.make_interp_spline(x, y, k={"quadratic": 2, "cubic": 3}[method])
        elif method == "cubic_spline":
            bc = options.pop("bc_type", "not-a-knot")
            _only(options, method, ())
            if bc == "periodic" and y[0] != y[-1]:
                raise InterpolationError("A periodic spline needs the first and last y to be equal "
                                         f"(got {y[0]:g} and {y[-1]:g}).")
            spline = interpolate.CubicSpline(x, y, bc_type=bc)
        elif method == "pchip":
            _only(options, method, ())
            spline = interpolate.PchipInterpolator(x, y)
        elif method in ("akima", "makima"):
            _only(options, method, ())
            spline = interpolate.Akima1DInterpolator(x, y, method=method)
        elif method in ("barycentric", "krogh"):
            _only(options, method, ())
            if x.size > MAX_POLY_POINTS[method]:
                raise InterpolationError(f"The {method} polynomial takes at most {MAX_POLY_POINTS[method]:,} points "
                                         f"(got {x.size:,}): one polynomial through many points oscillates wildly; "
                                         "use a spline.")
            spline = _Polynomial(interpolate.BarycentricInterpolator(x, y, rng=0) if method == "barycentric"
                                 else interpolate.KroghInterpolator(x, y), x.size)
            if x.size > 12 and method == "barycentric":
                notes.append(f"One polynomial of degree {x.size - 1} through every point: on equally spaced points "
                             "it oscillates near the ends (Runge's phenomenon); points clustered at the ends "
                             "(Chebyshev nodes) tame it.")
        elif method == "smoothing_spline":
            lam = options.pop("lam", None)
            _only(options, method, ())
            if lam is None and x.size > GCV_MAX:
                lam = _gcv_on_subsample(x, y, w)
                notes.append(f"The smoothing (lam = {lam:.4g}) was chosen by GCV on {GCV_MAX:,} evenly spaced points "
                             f"and scaled to all {x.size:,} (GCV on every point takes minutes); the spline is fitted "
                             "to all points.")
            if lam is not None and not (math.isfinite(lam) and lam >= 0):
                raise InterpolationError(f"`lam` must be zero or positive, got {lam!r}.")
            spline = interpolate.make_smoothing_spline(x, y, w=w, lam=lam)
        else:  # univariate_spline: FITPACK's smoothing factor s (m ± sqrt(2m) for unit-variance noise)
            s = options.pop("s", None)
            _only(options, method, ())
            if s is not None and not (math.isfinite(s) and s >= 0):
                raise InterpolationError(f"`s` must be zero or positive, got {s!r}.")
            spline = interpolate.UnivariateSpline(x, y, w=w, s=s, k=3)
    except ValueError as exc:
        raise InterpolationError(f"scipy refused the {method} interpolant: {exc}") from None
    return Interpolant(method=method, x=x, y=y, spline=spline, extrapolation=extrapolation, lam=lam,
                       notes=tuple(notes), w=w)


class _Polynomial:
    """scipy's BarycentricInterpolator / KroghInterpolator with the calling convention of a spline here:
    ``p(x, nu)`` for the nu-th derivative, ``integrate(a, b)`` exact (Gauss-Legendre with enough nodes for
    degree n - 1)."""

    def __init__(self, interpolant, n):
        self.interpolant = interpolant
        self.n = n

    def __call__(self, x, nu=0):
        return self.interpolant(x) if not nu else self.interpolant.derivative(x, der=nu)

    def integrate(self, a, b):
        nodes, weights = np.polynomial.legendre.leggauss(self.n // 2 + 1)
        half, mid = (b - a) / 2, (a + b) / 2
        return float(half * np.sum(weights * self.interpolant(mid + half * nodes)))


def chebyshev_nodes(n, a=-1.0, b=1.0):
    """The n Chebyshev points of the first kind on [a, b], in increasing order: where a polynomial interpolant
    through n points errs least (no Runge oscillation for smooth functions)."""
    k = np.arange(n)
    return np.sort((a + b) / 2 + (b - a) / 2 * np.cos((2 * k + 1) * np.pi / (2 * n)))


def _only(options, method, allowed):
    extra = set(options) - set(allowed)
    if extra:
        raise InterpolationError(f"The {method} method does not take {', '.join(sorted(extra))}.")


def _gcv_on_subsample(x, y, w=None):
    idx = np.unique(np.linspace(0, x.size - 1, GCV_MAX).astype(int))
    ws = None if w is None else w[idx]
    spline = interpolate.make_smoothing_spline(x[idx], y[idx], w=ws)
    lam_sub = _spline_lam(spline, x[idx], y[idx], ws)
    # With the unnormalised penalty sum(w (y - f)^2) + lam * int(f''^2), the optimal lam of a cubic smoothing
    # spline grows like n^(1/5) (the normalised one falls like n^(-4/5)); scaling by n/m overshot it 1.4-2.5x.
    return float(lam_sub * (x.size / idx.size) ** 0.2)


def _spline_lam(spline, x, y, w=None):
    """make_smoothing_spline does not report the lam GCV chose; recover it by matching fits on a log grid."""
    target = spline(x)
    best = (np.inf, 1.0)
    for lam in np.logspace(-12, 12, 49):
        err = float(np.sum((interpolate.make_smoothing_spline(x, y, w=w, lam=lam)(x) - target) ** 2))
        if err < best[0]:
            best = (err, lam)
    lo, hi = best[1] / 10 ** 0.5, best[1] * 10 ** 0.5
    for lam in np.geomspace(lo, hi, 21):
        err = float(np.sum((interpolate.make_smoothing_spline(x, y, w=w, lam=lam)(x) - target) ** 2))
        if err < best[0]:
            best = (err, lam)
    return best[1]


def interpolate_1d(x, y, x_new, *, method="cubic_spline", **options):
    """Values of the `method` interpolant of (x, y) at `x_new`.

    Examples
    --------
    >>> interpolate_1d([0, 1, 2], [0, 1, 4], [0.5], method="linear").tolist()
    [0.5]
    """
    x_new = np.asarray(x_new, dtype=float)
    if x_new.size > MAX_POINTS:
        raise InterpolationError(f"At most {MAX_POINTS:,} evaluation points are supported.")
    return build_1d(x, y, method=method, **options)(x_new)


def cross_validate_1d(x, y, methods, *, folds=10, rng=0, **options):
    """Cross-validated RMSE per method: leave-one-out up to 200 points, else `folds`-fold. Interior points only
    are held out (predicting beyond the ends measures extrapolation, not interpolation)."""
    x, y, _ = prepare_1d(x, y)
    interior = np.arange(1, x.size - 1)
    if interior.size == 0:
        raise InterpolationError("Cross-validation needs at least 3 points.")
    if interior.size <= 200:
        groups = [np.array([i]) for i in interior]
        scheme = "leave-one-out"
    else:
        perm = np.random.default_rng(rng).permutation(interior)
        groups = np.array_split(perm, folds)
        scheme = f"{folds}-fold"
    rows = []
    for method in methods:
        errors = []
        try:
            for held in groups:
                keep = np.ones(x.size, bool)
                keep[held] = False
                f = build_1d(x[keep], y[keep], method=method, **options.get(method, {}))
                errors.append(f(x[held]) - y[held])
            err = np.concatenate(errors)
            rows.append({"method": method, "rmse": float(np.sqrt(np.mean(err ** 2))),
                         "max abs error": float(np.max(np.abs(err))), "status": "ok"})
        except InterpolationError as exc:
            rows.append({"method": method, "rmse": np.nan, "max abs error": np.nan, "status": str(exc)})
    rows.sort(key=lambda r: (r["status"] != "ok", r["rmse"]))
    return rows, scheme


def overshoot(interpolant, *, samples_per_interval=20):
    """Does the interpolant leave the data's range between nodes, and does it break the monotonicity of
    monotone data? Returns a dict with both answers and the worst excursion."""
    x, y = interpolant.x, interpolant.y
    t = np.linspace(0, 1, samples_per_interval + 2)[1:-1]
    step = max(1, (x.size - 1) // 5000)
    xs = x[::step]
    fine = (xs[:-1, None] + t[None, :] * np.diff(xs)[:, None]).ravel()
    values = interpolant(fine)
    lo, hi = y.min(), y.max()
    excursion = float(max(0.0, np.nanmax(values) - hi, lo - np.nanmin(values)))
    increasing, decreasing = np.all(np.diff(y) >= 0), np.all(np.diff(y) <= 0)
    broken = False
    if increasing or decreasing:
        dense = np.sort(np.concatenate([fine, x]))
        d = np.diff(interpolant(dense))
        tol = 1e-12 * (hi - lo or 1.0)
        broken = bool(np.any(d < -tol) if increasing else np.any(d > tol))
    return {"leaves range": bool(excursion > 1e-12 * (hi - lo or 1.0)), "excursion": excursion,
            "monotone data": bool(increasing or decreasing), "breaks monotonicity": broken}


def fill_gaps(t, y, step, *, method="pchip"):
    """Resample a series with missing values to a regular step: returns (t_regular, y_filled, filled_mask)."""
    t = np.asarray(t, dtype=float)
    y = np.asarray(y, dtype=float)
    if not (math.isfinite(step) and step > 0):
        raise InterpolationError(f"The step must be positive, got {step!r}.")
    ok = np.isfinite(t) & np.isfinite(y)
    if ok.sum() < MIN_POINTS[method]:
        raise InterpolationError(f"Only {int(ok.sum())} points have values; {method} needs {MIN_POINTS[method]}.")
    tt = t[ok]
    n_out = int(math.floor((tt.max() - tt.min()) / step)) + 1
    if n_out > 1_000_000:
        raise InterpolationError(f"That step gives {n_out:,} points; choose a step that gives at most 1,000,000.")
    grid = tt.min() + step * np.arange(n_out)
    f = build_1d(tt, y[ok], method=method)
    filled = ~np.isin(np.round(grid, 12), np.round(tt, 12))
    return grid, f(grid), filled


# -- 2-D scattered ---------------------------------------------------------------------------------------

def _points_2d(points, values):
    try:
        p = np.asarray(points, dtype=float)
        v = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        raise InterpolationError("Points and values must be numbers.") from None
    if p.ndim != 2 or p.shape[1] != 2:
        raise InterpolationError(f"Points must have two columns (x, y), got shape {p.shape}.")
    if p.shape[0] != v.size:
        raise InterpolationError(f"There must be one value per point, got {p.shape[0]} points and {v.size} values.")
    if p.shape[0] > 1_000_000:
        raise InterpolationError("At most 1,000,000 scattered points are supported.")
    if not (np.all(np.isfinite(p)) and np.all(np.isfinite(v))):
        raise InterpolationError("Points and values must be finite.")
    return p, v


def interpolate_2d(points, values, xi, *, method="linear", **options):
    """griddata ("nearest", "linear", "cubic") or RBFInterpolator ("rbf", options passed on) at `xi`."""
    p, v = _points_2d(points, values)
    xi = np.asarray(xi, dtype=float)
    if method not in METHODS_2D:
        raise InterpolationError(f"Unknown 2-D method {method!r}; choose one of {', '.join(METHODS_2D)}.")
    need = {"nearest": 1, "linear": 3, "cubic": 3, "rbf": 3}[method]
    if p.shape[0] < need:
        raise InterpolationError(f"The {method} method needs at least {need} points, got {p.shape[0]}.")
    if xi.size > 2 * 4_000_000:
        raise InterpolationError("At most 4,000,000 evaluation points are supported.")
    try:
        if method == "rbf":
            neighbors = options.get("neighbors")
            if neighbors is None and p.shape[0] > RBF_DIRECT_MAX:
                raise InterpolationError(f"RBF on all {p.shape[0]:,} points would need a {p.shape[0]:,}² matrix: set "
                                         f"`neighbors` (say 50) to use only the nearest points, or use fewer than "
                                         f"{RBF_DIRECT_MAX:,} points.")
            kernel = options.get("kernel", "thin_plate_spline")
            if kernel not in RBF_KERNELS:
                raise InterpolationError(f"Unknown RBF kernel {kernel!r}; choose one of {', '.join(RBF_KERNELS)}.")
            return interpolate.RBFInterpolator(p, v, **options)(xi)
        if options:
            raise InterpolationError(f"griddata's {method} method does not take {', '.join(sorted(options))}.")
        return interpolate.griddata(p, v, xi, method=method)
    except spatial.QhullError:
        raise InterpolationError("The points are all on a line (or coincide), so no triangulation exists: "
                                 "2-D interpolation needs points that span an area.") from None
    except np.linalg.LinAlgError as exc:
        raise InterpolationError(f"The RBF system is singular ({exc}): add smoothing, change epsilon, or remove "
                                 "duplicate points.") from None
    except ValueError as exc:
        raise InterpolationError(f"scipy refused the interpolation: {exc}") from None


def cross_validate_2d(points, values, method, *, folds=5, rng=0, max_points=20_000, **options):
    """K-fold RMSE of a 2-D method (held-out points outside the hull of the rest are not counted)."""
    p, v = _points_2d(points, values)
    gen = np.random.default_rng(rng)
    idx = gen.permutation(p.shape[0])[:max_points]
    errors = []
    for held in np.array_split(idx, folds):
        keep = np.setdiff1d(idx, held)
        pred = interpolate_2d(p[keep], v[keep], p[held], method=method, **options)
        errors.append(pred - v[held])
    err = np.concatenate(errors)
    err = err[np.isfinite(err)]
    return float(np.sqrt(np.mean(err ** 2))) if err.size else np.nan


MAX_TYPED_CHARS = 1_000_000
MAX_TYPED_POINTS = 100_000


def parse_points(text):
    """The x values a user typed ("0.5, 1.25; 3"), as a float array; refuses text that is not finite numbers,
    more than MAX_TYPED_CHARS characters or more than MAX_TYPED_POINTS values."""
    try:
        return parse_numbers(text, max_values=MAX_TYPED_POINTS, max_chars=MAX_TYPED_CHARS, what="points")
    except DataError as exc:
        raise InterpolationError(str(exc)) from None
