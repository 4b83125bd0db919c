"""Kernel density estimation: bandwidth rules, reflection at bounds, parametric fits, 2-D densities,
figures, synthetic samples and script export.

The names below are the public API: import them from ``core.density``."""

from core.density.estimation import *  # noqa: F401,F403
from core.density.figures import *  # noqa: F401,F403
from core.density.code import *  # noqa: F401,F403
from core.density.synthetic import *  # noqa: F401,F403

import sys as _sys

_MODULES = ('estimation', 'figures', 'code', 'synthetic')
__all__ = [name for _m in _MODULES for name in _sys.modules[f"core.density.{_m}"].__all__]
