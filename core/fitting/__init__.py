"""Curve fitting: scipy.optimize.curve_fit with built-in models or typed formulas, uncertainties,
diagnostics, figures, synthetic data and script export.

The names below are the public API: import them from ``core.fitting``."""

from core.fitting.models import *  # noqa: F401,F403
from core.fitting.constraints import *  # noqa: F401,F403
from core.fitting.fit import *  # noqa: F401,F403
from core.fitting.figures import *  # noqa: F401,F403
from core.fitting.code import *  # noqa: F401,F403
from core.fitting.synthetic import *  # noqa: F401,F403

import sys as _sys

_MODULES = ('models', 'constraints', 'fit', 'figures', 'code', 'synthetic')
__all__ = [name for _m in _MODULES for name in _sys.modules[f"core.fitting.{_m}"].__all__]
