"""Interpolation: 1-D methods with scipy's APIs, cross-validation, overshoot, gaps; 2-D scattered and gridded data;
figures and script export.

The names below are the public API: import them from ``core.interpolation``."""

from core.interpolation.methods import *  # noqa: F401,F403
from core.interpolation.gridded import *  # noqa: F401,F403
from core.interpolation.figures import *  # noqa: F401,F403
from core.interpolation.code import *  # noqa: F401,F403

import sys as _sys

_MODULES = ('methods', 'gridded', 'figures', 'code')
__all__ = [name for _m in _MODULES for name in _sys.modules[f"core.interpolation.{_m}"].__all__]
