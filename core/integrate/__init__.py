"""ODEs and integrals: solve_ivp's methods raced on one system (curves, step sizes, counts, error against a
reference, work against precision, events), the phase plane of a two-state system with fixed points classified,
and quad, dblquad and the trapezoid and Simpson rules.

The names below are the public API: import them from ``core.integrate``."""

from core.integrate.systems import *  # noqa: F401,F403
from core.integrate.solve import *  # noqa: F401,F403
from core.integrate.phase import *  # noqa: F401,F403
from core.integrate.quadrature import *  # noqa: F401,F403
from core.integrate.figures import *  # noqa: F401,F403
from core.integrate.code import *  # noqa: F401,F403

import sys as _sys

_MODULES = ('systems', 'solve', 'phase', 'quadrature', 'figures', 'code')
__all__ = [name for _m in _MODULES for name in _sys.modules[f"core.integrate.{_m}"].__all__]
