"""Optimization: minimize a function of two variables with every scipy.optimize.minimize method side by side
(paths, counts, bounds and constraints), global methods against a local baseline, and linear and mixed-integer
programs with linprog and milp.

The names below are the public API: import them from ``core.optimize``."""

from core.optimize.functions import *  # noqa: F401,F403
from core.optimize.minimize import *  # noqa: F401,F403
from core.optimize.search import *  # noqa: F401,F403
from core.optimize.linear import *  # noqa: F401,F403
from core.optimize.figures import *  # noqa: F401,F403
from core.optimize.code import *  # noqa: F401,F403

import sys as _sys

_MODULES = ('functions', 'minimize', 'search', 'linear', 'figures', 'code')
__all__ = [name for _m in _MODULES for name in _sys.modules[f"core.optimize.{_m}"].__all__]
