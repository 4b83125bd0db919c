"""Hypothesis testing: scipy.stats tests with effect sizes, assumption checks, robustness, power,
figures and script export.

The names below are the public API: import them from ``core.stats``."""

from core.stats.testing import *  # noqa: F401,F403
from core.stats.posthoc import *  # noqa: F401,F403
from core.stats.figures import *  # noqa: F401,F403
from core.stats.code import *  # noqa: F401,F403
from core.stats.report import *  # noqa: F401,F403
from core.stats.inversion import *  # noqa: F401,F403

import sys as _sys

_MODULES = ('testing', 'posthoc', 'figures', 'code', 'report', 'inversion')
__all__ = [name for _m in _MODULES for name in _sys.modules[f"core.stats.{_m}"].__all__]
