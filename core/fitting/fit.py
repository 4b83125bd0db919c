"""Curve fitting with :func:`scipy.optimize.curve_fit`, checked and summarised.

:func:`fit_curve` validates its input, fits a built-in model (:mod:`core.fitting.models`) or a user formula
(:mod:`core.common.expressions`), checks the result (finite parameters, covariance and model) and returns a
:class:`FitResult` with the goodness-of-fit statistics the page shows. A fit that does not converge is
reported through ``success`` and ``message``, not raised.

Strategy. For small problems (``n <= TIGHT_MAX_N``) the fit runs with a raised evaluation limit and tight
tolerances (``ftol = xtol = gtol = 1e-15``), and, unless the caller chose a method, both
Levenberg-Marquardt (``lm``) and the trust-region reflective method (``trf`` with ``x_scale='jac'``) are
tried from the same start; the one with the lower residual sum of squares wins. This reproduces all
27 NIST StRD problems from both start points (see ``tests/core/test_fitting_nist.py``). Large problems
use SciPy's default tolerances and one method, so a fit of a million points costs what the bare
``curve_fit`` call costs. The winning call is recorded in ``FitResult.call`` so the exported script
repeats it exactly.
"""

from dataclasses import dataclass, field, replace
import ast
import re
import warnings

import numpy as np
from scipy import optimize, stats

from core.common.budget import FIT_POINT_MODELS, check_budget
from core.common.errors import ExplorerError, ExpressionError, FitError
from core.common.validate import check_level
from core.common.expressions import Expression, compile_expression
from core.fitting.constraints import parse_constraints, tie_parameters, tied_values
from core.fitting.models import get_model

__all__ = ["fit_curve", "FitResult", "compare_models", "parameter_names", "LOSSES", "METHODS", "TIGHT_MAX_N",
           "MAX_POINTS", "plain_message"]

LOSSES = ("linear", "soft_l1", "huber", "cauchy", "arctan")
METHODS = ("lm", "trf", "dogbox")
#: Largest problem fitted with tight tolerances and two methods.
TIGHT_MAX_N = 50_000
#: Most models compared in one call.
MAX_COMPARE = 12
#: Largest number of points accepted.
MAX_POINTS = 5_000_000
# Work is counted in array-element operations (points x formula size). One fit may spend _WORK_BUDGET
# (a few seconds of numpy at about 1-2 ns each), and one evaluation at most _MAX_EVAL_WORK, so that no
# input keeps a request busy for long at the largest allowed data size.
_WORK_BUDGET = 2_000_000_000
_MAX_EVAL_WORK = 250_000_000
_TIGHT = 1e-15
# Column-scaled Jacobian condition number above which the parameters count as not identifiable; the
# hardest NIST StRD problem (Bennett5) has 6e4, a product a*b or a constant x give 1e11 and more.
_MAX_CONDITION = 1e8
_RANK_POINTS = 20_000
_VAR_RE = re.compile(r"^x\d*$")


@dataclass(frozen=True)
class FitResult:
    """The outcome of :func:`fit_curve`. Plain, picklable data; derived values are methods.

    ``params`` and ``stderr`` are keyed by parameter name and include fixed parameters (whose standard
    error is NaN). ``stderr`` values are NaN when the covariance could not be estimated.
    """

    model: str
    formula: str
    expression: Expression = field(repr=False)
    parameter_names: tuple
    free: tuple
    params: dict
    stderr: dict
    covariance: object = field(repr=False)   # (n_free, n_free) ndarray or None
    p0: dict = field(default_factory=dict)
    bounds: dict = field(default_factory=dict)
    n: int = 0
    rss: float = np.nan
    chi_square: float = np.nan
    tss: float = np.nan
    r_squared: float = np.nan
    nfev: int = 0
    success: bool = False
    message: str = ""
    method: str = ""
    loss: str = "linear"
    f_scale: float = 1.0
    weighted: bool = False
    absolute_sigma: bool = False
    call: dict = field(default_factory=dict)
    warnings: tuple = ()
    undefined_trials: int = 0   # optimizer evaluations where the model was NaN/inf somewhere (then stepped back)
    tied: tuple = ()            # TiedParameters: computed from the others by a constraint such as b = 2*a

    @property
    def explanation(self):
        """`message` (the optimizer's own words) said plainly, with the tolerance that stopped it."""
        return plain_message(self.message, self.method)

    # -- derived statistics -------------------------------------------------------------------------
    @property
    def n_free(self):
        return len(self.free)

    @property
    def dof(self):
        return self.n - self.n_free

    @property
    def adj_r_squared(self):
        if self.dof <= 0:
            return np.nan
        return 1.0 - (1.0 - self.r_squared) * (self.n - 1) / self.dof

    @property
    def rmse(self):
        return float(np.sqrt(self.rss / self.n)) if self.n else np.nan

    @property
    def reduced_chi_square(self):
        return self.chi_square / self.dof if self.dof > 0 else np.nan

    @property
    def aic(self):
        """Akaike information criterion for Gaussian errors, as lmfit: n ln(chi2/n) + 2k."""
        return self._ic(2.0)

    @property
    def bic(self):
        """Bayesian information criterion, as lmfit: n ln(chi2/n) + ln(n) k."""
        return self._ic(np.log(self.n) if self.n else np.nan)

    def _ic(self, penalty):
        if not self.n or not np.isfinite(self.chi_square):
            return np.nan
        with np.errstate(divide="ignore"):
            return float(self.n * np.log(self.chi_square / self.n) + penalty * self.n_free)

    @property
    def has_covariance(self):
        return self.covariance is not None and bool(np.all(np.isfinite(self.covariance)))

    def values(self):
        """All parameter values in formula order."""
        return [self.params[k] for k in self.parameter_names]

    def predict(self, x):
        """The fitted model at `x` (shape ``(n,)``, or ``(m, n)`` for several predictors)."""
        return self.expression(x, *self.values())

    def t_value(self, confidence_level=0.95):
        check_level(confidence_level)
        return float(stats.t.ppf(0.5 + confidence_level / 2.0, max(self.dof, 1)))

    def confidence_interval(self, confidence_level=0.95):
        """Symmetric t-based confidence interval per parameter: ``{name: (low, high)}``."""
        t = self.t_value(confidence_level)
        return {k: (self.params[k] - t * self.stderr[k], self.params[k] + t * self.stderr[k])
                for k in self.parameter_names}

    def correlation(self):
        """Correlation matrix of the free parameters, or None without a covariance."""
        if not self.has_covariance:
            return None
        d = np.sqrt(np.diag(self.covariance))
        with np.errstate(all="ignore"):
            return self.covariance / np.outer(d, d)

    def _gradient(self, x):
        """d model / d free parameter at x, by central differences: shape (n_free, n)."""
        return _jacobian(self.expression, self.params, self.free, x)

    def confidence_band(self, x, confidence_level=0.95):
        """Half-width of the confidence band of the fitted curve at x (delta method); NaN without covariance."""
        x = np.asarray(x, dtype=float)
        shape = x.shape if len(self.expression.variables) == 1 else x.shape[1:]
        if not self.has_covariance or not self.free:
            return np.full(shape, np.nan)
        g = self._gradient(x)
        var = np.einsum("in,ij,jn->n", g, self.covariance, g)
        return self.t_value(confidence_level) * np.sqrt(np.maximum(var, 0.0))

    def prediction_band(self, x, confidence_level=0.95, *, sigma=None):
        """Half-width of the prediction band for a new observation at x.

        Adds the noise variance to the curve's: the reduced chi-square (unweighted), times `sigma` squared
        for a weighted fit (a new point's sigma; by default the median of the data's sigma is used by the
        page), or `sigma` squared alone with ``absolute_sigma``.
        """
        x = np.asarray(x, dtype=float)
        band = self.confidence_band(x, confidence_level)
        t = self.t_value(confidence_level)
        noise = self.reduced_chi_square if not self.absolute_sigma else 1.0
        if self.weighted:
            noise = noise * (1.0 if sigma is None else float(sigma) ** 2)
        return np.sqrt(band ** 2 + t ** 2 * noise)

    def parameter_rows(self, confidence_level=0.95):
        """Rows for the parameter table: name, value, stderr, CI bounds, relative error (%), fixed, and the
        constraint of a tied parameter ("" for the others), which come last."""
        ci = self.confidence_interval(confidence_level)
        t = self.t_value(confidence_level)
        entries = [(k, self.params[k], self.stderr[k], ci[k], k not in self.free, "") for k in self.parameter_names]
        entries += [(p.name, p.value, p.stderr, (p.value - t * p.stderr, p.value + t * p.stderr), False, p.text)
                    for p in self.tied]
        rows = []
        for k, v, e, (low, high), fixed, tie in entries:
            with np.errstate(all="ignore"):
                rel = abs(e / v) * 100.0 if v != 0 else np.nan
            rows.append({"parameter": k, "value": v, "stderr": e, "ci_low": low, "ci_high": high,
                         "rel_error_pct": rel, "fixed": fixed, "tied": tie})
        return rows

    def statistics(self):
        """Goodness-of-fit numbers by name, in display order."""
        return {"n": self.n, "free parameters": self.n_free, "dof": self.dof, "RSS": self.rss,
                "R²": self.r_squared, "adjusted R²": self.adj_r_squared, "RMSE": self.rmse,
                "χ²": self.chi_square, "reduced χ²": self.reduced_chi_square, "AIC": self.aic,
                "BIC": self.bic, "function evaluations": self.nfev}


def _jacobian(expr, params, free, x):
    """Central-difference derivatives of the model with respect to the free parameters: (n_free, n)."""
    names = expr.parameters
    grads = []
    for name in free:
        p = params[name]
        h = np.cbrt(np.finfo(float).eps) * (abs(p) if p != 0 else 1e-8)
        hi = dict(params, **{name: p + h})
        lo = dict(params, **{name: p - h})
        grads.append((expr(x, *[hi[k] for k in names]) - expr(x, *[lo[k] for k in names])) / (2 * h))
    return np.array(grads)


def _scaled_condition(jac):
    """Condition number of the Jacobian with unit-norm columns (scale-free identifiability measure)."""
    norms = np.linalg.norm(jac, axis=1)
    if not np.all(np.isfinite(jac)) or np.any(norms == 0):
        return np.inf
    s = np.linalg.svd((jac / norms[:, None]).T, compute_uv=False)
    return float(s[0] / s[-1]) if s[-1] > 0 else np.inf


# -- input validation -------------------------------------------------------------------------------

def _as_data(x, y, sigma):
    try:
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
    except (TypeError, ValueError):
        raise FitError("x and y must be numeric.") from None
    if y.ndim != 1:
        raise FitError(f"y must be one-dimensional, got shape {y.shape}.")
    if x.ndim == 1:
        if x.shape != y.shape:
            raise FitError(f"x and y must have the same length, got {x.size} and {y.size}.")
    elif x.ndim == 2:
        if x.shape[1] != y.size:
            x = x.T if x.shape[0] == y.size else x
        if x.shape[1] != y.size:
            raise FitError(f"x must have shape (n,) or (m, n) with n = {y.size}, got {x.shape}.")
        if x.shape[0] == 1:
            x = x[0]
    else:
        raise FitError(f"x must be one- or two-dimensional, got shape {x.shape}.")
    if y.size == 0:
        raise FitError("There are no data points to fit.")
    if y.size > MAX_POINTS:
        raise FitError(f"At most {MAX_POINTS:,} points can be fitted, got {y.size:,}.")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise FitError("x and y must be finite: remove rows with NaN or inf first.")
    if sigma is not None:
        sigma = np.asarray(sigma, dtype=float)
        if sigma.shape != y.shape:
            raise FitError(f"sigma must have one value per point ({y.size}), got shape {sigma.shape}.")
        if not np.all(np.isfinite(sigma)) or np.any(sigma <= 0):
            raise FitError("sigma must be positive and finite for every point (it is the uncertainty of y).")
    return x, y, sigma


def parameter_names(model, n_predictors=1):
    """The parameter names of a built-in model or formula, checked as :func:`fit_curve` checks them.

    Examples
    --------
    >>> parameter_names("b1 - b2*x1*exp(-b3*x2)", 2)
    ('b1', 'b2', 'b3')
    """
    return _resolve_model(model, n_predictors)[2].parameters


def _resolve_model(model, n_predictors):
    variables = ("x",) if n_predictors == 1 else tuple(f"x{i + 1}" for i in range(n_predictors))
    builtin = get_model(model) if isinstance(model, str) else None
    if builtin is not None:
        if n_predictors != 1:
            raise FitError(f"The {builtin.name} model takes one predictor; use a formula in x1, x2, ... "
                           "for several.")
        return builtin.key, builtin.formula, builtin.expression, builtin.guess
    if isinstance(model, Expression):
        return model.text, model.text, model, None
    if not isinstance(model, str):
        raise FitError(f"`model` must be a model name or a formula, got {type(model).__name__}.")
    expr = compile_expression(model, variables=variables)
    if not expr.parameters:
        raise ExpressionError("The formula has no parameters to fit: add a name such as `a` in `a*x`.")
    stray = [p for p in expr.parameters if _VAR_RE.match(p)]
    if stray:
        raise ExpressionError(f"The formula uses {', '.join(stray)}, but the predictors are "
                              f"{', '.join(variables)}.")
    for name in variables:
        if name not in {n for n in _names(expr)}:
            raise ExpressionError(f"The formula does not use the predictor {name}.")
    return model.strip(), expr.text, expr, None


def _names(expr):
    return [n.id for n in ast.walk(expr._tree) if isinstance(n, ast.Name)]


def _per_parameter(value, names, what):
    """Turn a dict keyed by name or a sequence in formula order into a dict, checking the names."""
    if value is None:
        return {}
    if isinstance(value, dict):
        unknown = set(value) - set(names)
        if unknown:
            raise FitError(f"`{what}` names unknown parameters {sorted(unknown)}; the parameters are "
                           f"{list(names)}.")
        return dict(value)
    value = list(value)
    if len(value) != len(names):
        raise FitError(f"`{what}` needs {len(names)} values ({', '.join(names)}), got {len(value)}.")
    return dict(zip(names, value))


def _float(value, what):
    try:
        out = float(value)
    except (TypeError, ValueError):
        raise FitError(f"{what} must be a number, got {value!r}.") from None
    return out


# -- the fit ------------------------------------------------------------------------------------------

def fit_curve(model, x, y, *, p0=None, bounds=None, sigma=None, absolute_sigma=False, loss="linear",
              method=None, f_scale=1.0, fixed=None, constraints=None):
    """Fit a model to data by (robust, weighted) nonlinear least squares.

    Parameters
    ----------
    model : str or Expression
        A built-in model key (see :data:`core.fitting.models.MODELS`, ``polyN`` for any degree up to 10) or a
        formula such as ``"a*exp(-k*x) + c"``; with several predictors name them ``x1, x2, ...``.
    x : array_like, shape (n,) or (m, n)
        Predictor values.
    y : array_like, shape (n,)
        Responses.
    p0 : dict or sequence, optional
        Starting values by parameter name (missing ones are guessed from the data for built-in models,
        1.0 for formulas).
    bounds : dict, optional
        ``{name: (lower, upper)}``; use ``-inf``/``inf`` or None for no bound.
    sigma : array_like, optional
        Uncertainty of each y; residuals are divided by it.
    absolute_sigma : bool
        Whether sigma is in the units of y (True) or only relative (False, the covariance is scaled by
        the reduced chi-square).
    loss : {'linear', 'soft_l1', 'huber', 'cauchy', 'arctan'}
        Robust loss; anything but linear needs method 'trf' or 'dogbox'.
    method : {None, 'lm', 'trf', 'dogbox'}
        None chooses as SciPy does: 'lm' without bounds and robust loss, 'trf' otherwise.
    f_scale : float
        Residual size at which a robust loss starts to down-weight points.
    fixed : dict or iterable of str, optional
        Parameters held constant: ``{name: value}``, or names that keep their p0.
    constraints : dict or str, optional
        Parameters tied to others, ``{"b": "2*a"}`` or the text ``"b = 2*a; c = a/2"`` (lmfit's ``expr``): each
        is substituted into the formula, so it is not fitted; its value and standard error (delta method) are in
        ``FitResult.tied``. Start values, bounds and fixing given for a tied parameter are ignored.

    Returns
    -------
    FitResult

    Raises
    ------
    FitError, ExpressionError
        For input that cannot be fitted (shapes, non-finite data, unknown names, too few points ...).

    Examples
    --------
    >>> import numpy as np
    >>> x = np.linspace(0, 4, 50)
    >>> r = fit_curve("a*exp(-k*x) + c", x, 3*np.exp(-1.3*x) + 0.5)
    >>> round(r.params["k"], 6), r.success
    (1.3, True)
    """
    x, y, sigma = _as_data(x, y, sigma)
    key, formula, expr, guess = _resolve_model(model, 1 if x.ndim == 1 else x.shape[0])
    constraints = parse_constraints(constraints) if isinstance(constraints, str) else dict(constraints or {})
    expr, tied = tie_parameters(expr, constraints, expr.variables)
    if tied:
        formula = expr.text
        p0, bounds = ({k: v for k, v in d.items() if k not in tied} if isinstance(d, dict) else d
                      for d in (p0, bounds))
        fixed = ({k: v for k, v in fixed.items() if k not in tied} if isinstance(fixed, dict)
                 else [k for k in (fixed or ()) if k not in tied])
    names = expr.parameters
    n = y.size
    work = n * expr.size
    if work > _MAX_EVAL_WORK:
        raise FitError(f"This formula is too large for {n:,} points (one evaluation would take "
                       f"{work:,} operations; the limit is {_MAX_EVAL_WORK:,}). Shorten the formula or fit "
                       "fewer points.")

    if loss not in LOSSES:
        raise FitError(f"`loss` must be one of {', '.join(LOSSES)}, got {loss!r}.")
    if method is not None and method not in METHODS:
        raise FitError(f"`method` must be one of {', '.join(METHODS)} or None, got {method!r}.")
    f_scale = _float(f_scale, "`f_scale`")
    if not (np.isfinite(f_scale) and f_scale > 0):
        raise FitError(f"`f_scale` must be positive, got {f_scale}.")

    start = {k: _float(v, f"Start value of {k}") for k, v in _per_parameter(p0, names, "p0").items()
             if v is not None}
    notes = []
    missing = [k for k in names if k not in start]
    if missing:
        guessed = {}
        if guess is not None:
            try:
                with np.errstate(all="ignore"), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    guessed = guess(x, y)
            except (ValueError, np.linalg.LinAlgError, FloatingPointError):
                guessed = {}
        for k in missing:
            start[k] = float(guessed.get(k, 1.0))
    if not all(np.isfinite(v) for v in start.values()):
        raise FitError("Start values must be finite numbers.")

    if isinstance(fixed, dict):
        fixed_values = {k: _float(v, f"Fixed value of {k}") for k, v in _per_parameter(fixed, names, "fixed").items()}
    else:
        fixed_values = {k: start[k] for k in _per_parameter({k: None for k in (fixed or ())}, names, "fixed")}
    start.update(fixed_values)
    free = tuple(k for k in names if k not in fixed_values)
    if not free:
        raise FitError("Every parameter is fixed: free at least one to fit.")
    if n <= len(free):
        raise FitError(f"Too few points: {n} point(s) for {len(free)} free parameter(s). A fit needs more "
                       "points than free parameters (and a few more for meaningful uncertainties).")

    lower, upper = [], []
    bound_map = _per_parameter(bounds, names, "bounds")
    for k in free:
        lo, hi = bound_map.get(k, (None, None)) or (None, None)
        lo = -np.inf if lo is None else _float(lo, f"Lower bound of {k}")
        hi = np.inf if hi is None else _float(hi, f"Upper bound of {k}")
        if np.isnan(lo) or np.isnan(hi) or lo >= hi:
            raise FitError(f"The bounds of {k} must satisfy lower < upper, got [{lo}, {hi}].")
        if not lo <= start[k] <= hi:
            clipped = float(np.clip(start[k], lo, hi))
            notes.append(f"The start value of {k} ({start[k]:g}) was outside its bounds; moved to {clipped:g}.")
            start[k] = clipped
        lower.append(lo)
        upper.append(hi)
    bounded = bool(np.any(np.isfinite(lower)) or np.any(np.isfinite(upper)))
    if method == "lm" and (bounded or loss != "linear"):
        raise FitError("Method 'lm' (Levenberg-Marquardt) supports neither bounds nor a robust loss: "
                       "choose 'trf' or 'dogbox', or remove them.")
    if bounded:
        # least_squares needs a strictly feasible start.
        for i, k in enumerate(free):
            if start[k] in (lower[i], upper[i]):
                span = (upper[i] - lower[i]) if np.isfinite(upper[i] - lower[i]) else max(abs(start[k]), 1.0)
                start[k] = start[k] + (1e-10 * span if start[k] == lower[i] else -1e-10 * span)

    def f(xdata, *free_values):
        values = dict(fixed_values)
        values.update(zip(free, free_values))
        return expr(xdata, *[values[k] for k in names])

    p_start = [start[k] for k in free]
    base = dict(key=key, formula=formula, expr=expr, names=names, free=free, fixed=fixed_values,
                start=dict(start), bounds={k: (lower[i], upper[i]) for i, k in enumerate(free)},
                n=n, loss=loss, f_scale=f_scale, weighted=sigma is not None, absolute_sigma=absolute_sigma)

    y0 = f(x, *p_start)
    bad = ~np.isfinite(y0)
    if bad.all():
        return _failed(base, "The model is NaN or infinite at the start values for every point "
                             "(a log or sqrt of a negative number, a division by zero?). Try other start "
                             "values or bounds, or check the formula.", notes)
    if bad.any():
        return _failed(base, f"The model is NaN or infinite at the start values for {int(bad.sum())} of {n} "
                             "points. Try other start values, or bounds that keep the model defined.", notes)

    attempts = _attempts(method, bounded, loss, n, len(free), work)
    outcomes = []
    for call in attempts:
        outcomes.append(_run(f, x, y, sigma, absolute_sigma, p_start, (lower, upper), loss, f_scale, call))
    good = [o for o in outcomes if o["ok"]]
    if not good:
        result = _failed(base, outcomes[0]["message"], notes, nfev=sum(o.get("nfev", 0) for o in outcomes),
                         call=attempts[0])
    else:
        result = _summarise(base, min(good, key=lambda o: o["cost"]), f, x, y, sigma, notes)
    if tied:
        result = replace(result, tied=tied_values(tied, result.params, result.free, result.covariance))
    return result


def _attempts(method, bounded, loss, n, k, work):
    budget = int(min(100_000, max(10 * (k + 1), _WORK_BUDGET // max(work, 1))))
    tight = n <= TIGHT_MAX_N
    tol = dict(ftol=_TIGHT, xtol=_TIGHT, gtol=_TIGHT) if tight else {}

    def make(m, **extra):
        if m == "lm":
            return dict(method="lm", maxfev=budget, **tol, **extra)
        # max_nfev counts only function evaluations, not those of the finite-difference Jacobian.
        return dict(method=m, max_nfev=max(50, budget // (k + 1)), **tol, **extra)

    if method is not None:
        return [make(method)]
    primary = "trf" if (bounded or loss != "linear") else "lm"
    calls = [make(primary)]
    if tight and loss == "linear":
        calls.append(make("trf", x_scale="jac") if primary == "lm" else make("dogbox", x_scale="jac"))
    return calls


def _run(f, x, y, sigma, absolute_sigma, p_start, bounds, loss, f_scale, call):
    kwargs = dict(call)
    if kwargs["method"] != "lm":
        kwargs.update(loss=loss, f_scale=f_scale)
    undefined = [0]

    def counted(xx, *p):
        out = f(xx, *p)
        if not np.all(np.isfinite(out)):
            undefined[0] += 1
        return out

    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            popt, pcov, info, mesg, ier = optimize.curve_fit(
                counted, x, y, p0=p_start, sigma=sigma, absolute_sigma=absolute_sigma, bounds=bounds,
                full_output=True, **kwargs)
    except RuntimeError as exc:   # lm: "Optimal parameters not found: ..."
        return {"ok": False, "message": _explain(str(exc)), "nfev": kwargs.get("maxfev", 0)}
    except (ValueError, FloatingPointError, np.linalg.LinAlgError) as exc:
        return {"ok": False, "message": _explain(str(exc))}
    popt = np.asarray(popt, dtype=float)
    if not np.all(np.isfinite(popt)):
        return {"ok": False, "message": "The optimizer returned non-finite parameters. Try other start "
                                        "values, bounds, or another method."}
    fitted = f(x, *popt)
    resid = (y - fitted) if sigma is None else (y - fitted) / sigma
    if not np.all(np.isfinite(resid)):
        return {"ok": False, "message": "The fitted model is NaN or infinite at some data points. Try "
                                        "bounds that keep the model defined, or other start values."}
    return {"ok": True, "popt": popt, "pcov": np.asarray(pcov, dtype=float), "nfev": int(info.get("nfev", 0)),
            "message": " ".join(str(mesg).split()), "ier": ier, "cost": float(resid @ resid), "call": call,
            "fitted": fitted, "undefined": undefined[0]}


# MINPACK (lm) words its stopping tests differently from least_squares (trf, dogbox), and prints the tolerance as
# "at most 0.000000". Both default to about 1e-8 (curve_fit passes 1.49e-8 to MINPACK).
_STOPS = (("ftol", ("`ftol`", "relative reductions in the sum of squares"),
           "the sum of squares stopped improving (relative change below ftol = {tol})"),
          ("xtol", ("`xtol`", "relative error between two consecutive iterates"),
           "the parameters stopped changing (relative step below xtol = {tol})"),
          ("gtol", ("`gtol`", "cosine of the angle"),
           "the gradient vanished (below gtol = {tol}): a minimum"))


def plain_message(message, method=""):
    """The optimizer's stopping message in words, e.g. ``"the sum of squares stopped improving (relative change
    below ftol = 1.5e-08)"``; other messages are returned as they are.

    Examples
    --------
    >>> plain_message("`xtol` termination condition is satisfied.", "trf")
    'the parameters stopped changing (relative step below xtol = 1e-08)'
    """
    text = " ".join(str(message).split())
    tol = "1.5e-08" if method == "lm" else "1e-08"
    said = [words.format(tol=tol) for _, keys, words in _STOPS if any(k in text for k in keys)]
    return " and ".join(said) if said else text


def _explain(message):
    text = " ".join(message.split())
    if "Optimal parameters not found" in text or "maxfev" in text or "max_nfev" in text:
        return (f"The fit did not converge ({text}). Try better start values, bounds on the parameters, or "
                "another method.")
    if "infeasible" in text:
        return f"The start values are outside the bounds ({text})."
    if "Residuals are not finite" in text:
        return ("The model is not finite at the start values. Try other start values or bounds that keep "
                "the model defined.")
    return f"The fit failed: {text}. Try other start values, bounds or another method."


def _failed(base, message, notes, nfev=0, call=None):
    names = base["names"]
    return FitResult(
        model=base["key"], formula=base["formula"], expression=base["expr"], parameter_names=names,
        free=base["free"], params={k: base["start"][k] for k in names}, stderr={k: np.nan for k in names},
        covariance=None, p0=base["start"], bounds=base["bounds"], n=base["n"], nfev=nfev, success=False,
        message=message, method=(call or {}).get("method", ""), loss=base["loss"], f_scale=base["f_scale"],
        weighted=base["weighted"], absolute_sigma=base["absolute_sigma"], call=call or {}, warnings=tuple(notes))


def _summarise(base, best, f, x, y, sigma, notes):
    names, free, n = base["names"], base["free"], base["n"]
    popt, pcov = best["popt"], best["pcov"]
    params = dict(base["fixed"])
    params.update(zip(free, (float(v) for v in popt)))
    params = {k: params[k] for k in names}
    resid = y - best["fitted"]
    rss = float(resid @ resid)
    if sigma is None:
        chi2 = rss
        tss = float(np.sum((y - y.mean()) ** 2))
    else:
        w = 1.0 / sigma ** 2
        chi2 = float(np.sum(w * resid ** 2))
        tss = float(np.sum(w * (y - np.sum(w * y) / np.sum(w)) ** 2))
    r2 = 1.0 - chi2 / tss if tss > 0 else np.nan

    found = list(notes)
    if best["undefined"]:
        found.append(f"On the way the optimizer tried parameter values where the model is undefined at some points "
                     f"in {best['undefined']} evaluations; e.g. a negative number raised to a "
                     "fractional power gives NaN) and stepped back from them. The result is not affected; the "
                     "exported script silences NumPy's 'invalid value' warning for the same reason.")
    covariance = pcov if np.all(np.isfinite(pcov)) else None
    if covariance is not None:
        # Identifiability does not need every point: a strided subsample keeps large fits cheap.
        step = max(1, n // _RANK_POINTS)
        xs = x[..., ::step]
        jac = _jacobian(base["expr"], params, free, xs)
        if sigma is not None:
            jac = jac / sigma[::step]
        condition = _scaled_condition(jac)
        if condition > _MAX_CONDITION:
            # SciPy's trf/dogbox return a pseudo-inverse covariance for a rank-deficient Jacobian: finite
            # numbers that mean nothing (e.g. 1e16 for a line fitted to constant x).
            covariance = None
    if covariance is None:
        found.append("The covariance of the parameters could not be estimated (the parameters are not all "
                     "determined by the data, e.g. two that only appear as a product, or x that does not "
                     "vary), so standard errors and bands are n/a.")
        stderr = {k: np.nan for k in names}
    else:
        se = np.sqrt(np.maximum(np.diag(covariance), 0.0))
        stderr = {k: np.nan for k in names}
        stderr.update(zip(free, (float(v) for v in se)))
        with np.errstate(all="ignore"):
            corr = covariance / np.outer(se, se)
        high = [(free[i], free[j], corr[i, j]) for i in range(len(free)) for j in range(i)
                if abs(corr[i, j]) > 0.95]
        if high:
            pairs = ", ".join(f"{a}-{b} (r = {r:+.3f})" for a, b, r in high)
            found.append(f"Strongly correlated parameters: {pairs}. The data barely tell them apart; "
                         "consider fixing one or simplifying the model.")
        with np.errstate(all="ignore"):
            rel = np.array([stderr[k] / abs(params[k]) if params[k] else np.inf for k in free])
        if np.any(rel > 10):
            found.append("Some standard errors exceed ten times their parameter: the fit is ill-conditioned.")
    for i, k in enumerate(free):
        lo, hi = base["bounds"][k]
        if params[k] in (lo, hi) or (np.isfinite(lo) and np.isclose(params[k], lo, rtol=1e-9, atol=0)) or (
                np.isfinite(hi) and np.isclose(params[k], hi, rtol=1e-9, atol=0)):
            found.append(f"{k} ended on its bound; the true optimum may lie beyond it.")
    if np.isfinite(r2) and r2 < 0:
        found.append("R² is negative: the model fits worse than a horizontal line through the mean.")
    return FitResult(
        model=base["key"], formula=base["formula"], expression=base["expr"], parameter_names=names, free=free,
        params=params, stderr=stderr, covariance=covariance, p0=base["start"], bounds=base["bounds"], n=n,
        rss=rss, chi_square=chi2, tss=tss, r_squared=r2, nfev=best["nfev"], success=True,
        message=best["message"], method=best["call"]["method"], loss=base["loss"], f_scale=base["f_scale"],
        weighted=base["weighted"], absolute_sigma=base["absolute_sigma"], call=best["call"],
        warnings=tuple(found), undefined_trials=best["undefined"])


def compare_models(models, x, y, **options):
    """Fit several models to the same data and rank them by AIC.

    Returns a list of ``(model, FitResult or error message)`` in the given order and a list of table rows
    (model, parameters, R², AIC, BIC, ΔAIC, Akaike weight) sorted by AIC, failed fits last.
    """
    if len(models) > MAX_COMPARE:
        raise FitError(f"At most {MAX_COMPARE} models can be compared at once, got {len(models)}.")
    n = np.asarray(y).size
    check_budget(n * len(models), FIT_POINT_MODELS, what=f"Fitting {len(models)} models to {n:,} points",
                 reduce=f"compare at most {max(1, int(FIT_POINT_MODELS // max(n, 1)))} models at this size, or "
                        "fewer points")
    results = []
    for m in models:
        try:
            results.append((m, fit_curve(m, x, y, **options)))
        except ExplorerError as exc:  # one bad model must not hide the others
            results.append((m, str(exc)))
    ok = [(m, r) for m, r in results if isinstance(r, FitResult) and r.success and np.isfinite(r.aic)]
    best = min((r.aic for _, r in ok), default=np.nan)
    weights = np.exp(-0.5 * (np.array([r.aic for _, r in ok]) - best)) if ok else np.array([])
    weights = weights / weights.sum() if weights.size else weights
    rows = [{"model": m, "parameters": r.n_free, "R²": r.r_squared, "AIC": r.aic, "BIC": r.bic,
             "ΔAIC": r.aic - best, "Akaike weight": float(w), "status": "ok"} for (m, r), w in zip(ok, weights)]
    rows.sort(key=lambda row: row["AIC"])
    for m, r in results:
        if not any(m == mm for mm, _ in ok):
            rows.append({"model": m, "parameters": np.nan, "R²": np.nan, "AIC": np.nan, "BIC": np.nan,
                         "ΔAIC": np.nan, "Akaike weight": np.nan,
                         "status": r if isinstance(r, str) else r.message})
    return results, rows
