"""Built-in curve-fitting models: a formula, a data-driven initial guess and a short explanation each.

Every model is defined by its formula in the safe-expression language of :mod:`core.common.expressions`, so the
fit, the figures and the exported script all use the one definition. :data:`MODELS` maps a key to a
:class:`Model`; it is what the page's model picker lists and what the tests are parametrised over, so a
model is tested the moment it is registered.
"""

from dataclasses import dataclass, field
import re

import numpy as np

from core.common.errors import FitError
from core.common.expressions import compile_expression

__all__ = ["Model", "MODELS", "get_model", "polynomial", "MAX_POLY_DEGREE"]

MAX_POLY_DEGREE = 10


@dataclass(frozen=True)
class Model:
    """A named formula with an initial-guess rule.

    Attributes
    ----------
    key : str
        Registry key, e.g. ``"gaussian"``.
    name : str
        Display name.
    formula : str
        Formula in the safe-expression language, in the variable ``x``.
    description : str
        One or two sentences: what it models and when to use it.
    guess : callable
        ``guess(x, y) -> dict`` of starting values from the data.
    """

    key: str
    name: str
    formula: str
    description: str
    guess: object = field(repr=False, compare=False)

    @property
    def expression(self):
        return compile_expression(self.formula)

    @property
    def parameters(self):
        return self.expression.parameters


def _finite(values, fallback=1.0):
    return {k: (float(v) if np.isfinite(v) else fallback) for k, v in values.items()}


def _sorted(x, y):
    order = np.argsort(x, kind="stable")
    return x[order], y[order]


def _ends(x, y, fraction=0.1):
    """Mean response at the low-x and the high-x end of the data."""
    xs, ys = _sorted(x, y)
    m = max(1, int(len(xs) * fraction))
    return float(np.mean(ys[:m])), float(np.mean(ys[-m:]))


def _half_width(x, y, height):
    """Full width at half maximum of a peak of given height above zero."""
    above = x[y >= height / 2.0] if height > 0 else x[y <= height / 2.0]
    width = float(np.ptp(above)) if above.size > 1 else 0.0
    return width if width > 0 else float(np.ptp(x)) / 4.0 or 1.0


def _crossing(x, y, level):
    """x where the sorted data first crosses `level` (for EC50 and Km guesses)."""
    xs, ys = _sorted(x, y)
    crossed = np.nonzero(np.diff(np.sign(ys - level)))[0]
    if crossed.size:
        return float(xs[crossed[0] + 1])
    return float(np.median(xs))


def _guess_linear(x, y):
    slope, intercept = np.polyfit(x, y, 1)
    return _finite({"a": slope, "b": intercept}, 0.0)


def _guess_exponential(x, y):
    # Variable projection: for each trial rate, amplitude and offset are linear, so solve them exactly
    # and keep the rate with the smallest residual. Robust for decay and growth alike.
    span = float(np.ptp(x)) or 1.0
    x0 = float(np.min(x))
    rates = np.concatenate([np.logspace(-2, 1.5, 36), -np.logspace(-2, 1.5, 36)]) / span
    best = (np.inf, 1.0, 1.0 / span, 0.0)
    for k in rates:
        basis = np.column_stack([np.exp(-k * (x - x0)), np.ones_like(x)])
        coef, *_ = np.linalg.lstsq(basis, y, rcond=None)
        rss = float(np.sum((basis @ coef - y) ** 2))
        if rss < best[0]:
            best = (rss, coef[0], k, coef[1])
    _, amp, k, c = best
    return _finite({"a": amp * np.exp(k * x0), "k": k, "c": c}, 1.0)


def _guess_power(x, y):
    ok = (x > 0) & (y != 0)
    if ok.sum() >= 2:
        b, log_a = np.polyfit(np.log(x[ok]), np.log(np.abs(y[ok])), 1)
        return _finite({"a": np.sign(np.median(y[ok])) * np.exp(log_a), "b": b})
    return {"a": 1.0, "b": 1.0}


def _guess_logistic(x, y):
    low, high = _ends(x, y)
    positive = x[x > 0]
    c = _crossing(x, y, (low + high) / 2.0)
    if c <= 0:
        c = float(np.median(positive)) if positive.size else 1.0
    return _finite({"a": low, "d": high, "c": c, "b": 1.0})


def _guess_peak(x, y):
    i = int(np.argmax(np.abs(y)))
    return float(y[i]), float(x[i])


def _guess_gaussian(x, y):
    height, center = _guess_peak(x, y)
    return _finite({"amplitude": height, "center": center,
                    "sigma": _half_width(x, y, height) / (2.0 * np.sqrt(2.0 * np.log(2.0)))})


def _guess_lorentzian(x, y):
    height, center = _guess_peak(x, y)
    return _finite({"amplitude": height, "center": center, "gamma": _half_width(x, y, height) / 2.0})


def _guess_damped_sine(x, y):
    xs, ys = _sorted(x, y)
    offset = float(np.mean(ys))
    span = float(np.ptp(xs)) or 1.0
    # Dominant frequency from the periodogram of the data resampled on a uniform grid.
    n = max(16, min(len(xs), 4096))
    grid = np.linspace(xs[0], xs[-1], n)
    spectrum = np.abs(np.fft.rfft(np.interp(grid, xs, ys) - offset))
    freqs = np.fft.rfftfreq(n, d=(grid[1] - grid[0]) or 1.0)
    frequency = float(freqs[1 + np.argmax(spectrum[1:])]) if n > 2 else 1.0 / span
    w = 2.0 * np.pi * frequency
    basis = np.column_stack([np.sin(w * xs), np.cos(w * xs)])
    (s, c), *_ = np.linalg.lstsq(basis, ys - offset, rcond=None)
    return _finite({"amplitude": np.hypot(s, c), "decay": 1.0 / span, "frequency": frequency,
                    "phase": np.arctan2(c, s), "offset": offset})


def _guess_saturation(x, y):
    vmax = float(np.max(y)) if np.max(y) > 0 else 1.0
    half = _crossing(x, y, vmax / 2.0)
    return vmax, (half if half > 0 else float(np.median(np.abs(x))) or 1.0)


def _guess_michaelis_menten(x, y):
    vmax, km = _guess_saturation(x, y)
    return _finite({"vmax": vmax, "km": km})


def _guess_hill(x, y):
    vmax, k = _guess_saturation(x, y)
    return _finite({"vmax": vmax, "k": k, "n": 1.0})


def polynomial(degree):
    """The polynomial model ``c0 + c1*x + ... + cN*x^N`` of the given degree (1 to MAX_POLY_DEGREE)."""
    if isinstance(degree, bool) or not isinstance(degree, (int, np.integer)) or not 1 <= degree <= MAX_POLY_DEGREE:
        raise FitError(f"The polynomial degree must be a whole number from 1 to {MAX_POLY_DEGREE}, got {degree!r}.")
    degree = int(degree)
    terms = ["c0", "c1*x"] + [f"c{i}*x^{i}" for i in range(2, degree + 1)]

    def guess(x, y):
        coef = np.polyfit(x, y, degree)[::-1]
        return _finite({f"c{i}": v for i, v in enumerate(coef)}, 0.0)

    return Model(
        key=f"poly{degree}", name=f"Polynomial (degree {degree})", formula=" + ".join(terms),
        description=("A polynomial is linear in its coefficients, so least squares has one exact answer. "
                     "Good for smooth trends; high degrees oscillate and extrapolate badly."),
        guess=guess)


_BUILTIN = [
    Model("linear", "Linear", "a*x + b",
          "A straight line. The first model to try; residuals with a pattern say it is not enough.",
          _guess_linear),
    polynomial(2),
    polynomial(3),
    Model("exponential", "Exponential decay/growth + offset", "a*exp(-k*x) + c",
          "Decay to a baseline c at rate k (k > 0), or growth (k < 0): radioactive decay, cooling, "
          "first-order kinetics. The half-life is ln(2)/k.",
          _guess_exponential),
    Model("power", "Power law", "a*x^b",
          "Scaling laws (allometry, Kleiber's law, DanWood). Needs x > 0 unless b is a whole number.",
          _guess_power),
    Model("logistic4", "Logistic 4PL (dose-response)", "d + (a - d)/(1 + (x/c)^b)",
          "Sigmoidal dose-response: a is the response at zero dose, d at infinite dose, c the EC50, "
          "b the Hill slope. Needs x > 0.",
          _guess_logistic),
    Model("gaussian", "Gaussian peak", "amplitude*exp(-(x - center)^2/(2*sigma^2))",
          "A symmetric bell-shaped peak (spectral lines with Doppler broadening, measurement errors). "
          "FWHM = 2.3548 sigma.",
          _guess_gaussian),
    Model("lorentzian", "Lorentzian peak", "amplitude*gamma^2/((x - center)^2 + gamma^2)",
          "A peak with heavier tails than a Gaussian (resonances, natural line width). FWHM = 2 gamma.",
          _guess_lorentzian),
    Model("damped_sine", "Damped sine", "amplitude*exp(-decay*x)*sin(2*pi*frequency*x + phase) + offset",
          "A decaying oscillation (a pendulum, an RLC circuit, a ringing sensor). The frequency is in cycles "
          "per unit of x.",
          _guess_damped_sine),
    Model("michaelis_menten", "Michaelis-Menten", "vmax*x/(km + x)",
          "Enzyme kinetics: reaction rate against substrate concentration; km is the concentration at "
          "half the maximum rate vmax.",
          _guess_michaelis_menten),
    Model("hill", "Hill", "vmax*x^n/(k^n + x^n)",
          "Cooperative binding: like Michaelis-Menten with a Hill coefficient n (n > 1 cooperative). "
          "Needs x > 0.",
          _guess_hill),
]

#: Built-in models by key, in the order the page lists them.
MODELS = {m.key: m for m in _BUILTIN}

_POLY_RE = re.compile(r"^poly(\d+)$")


def get_model(key):
    """Return the built-in model for `key` (any ``polyN`` up to MAX_POLY_DEGREE works), or None."""
    if key in MODELS:
        return MODELS[key]
    match = _POLY_RE.match(key) if isinstance(key, str) else None
    if match:
        return polynomial(int(match.group(1)))
    return None
