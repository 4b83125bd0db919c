"""Shared by several capabilities: reading tables, column designs, safe expressions, code generation,
decimation, errors, plot style, validation helpers and the sample catalogue.

The names below are the public API: import them from ``core.common``."""

from core.common.errors import *  # noqa: F401,F403
from core.common.validate import *  # noqa: F401,F403
from core.common.budget import *  # noqa: F401,F403
from core.common.data import *  # noqa: F401,F403
from core.common.columns import *  # noqa: F401,F403
from core.common.expressions import *  # noqa: F401,F403
from core.common.codegen import *  # noqa: F401,F403
from core.common.decimation import *  # noqa: F401,F403
from core.common.plotting import *  # noqa: F401,F403
from core.common.samples import *  # noqa: F401,F403
from core.common.synthetic import *  # noqa: F401,F403
from core.common.axes import *  # noqa: F401,F403
from core.common.distributions import *  # noqa: F401,F403

import sys as _sys

_MODULES = ('errors',
            'validate',
            'budget',
            'data',
            'columns',
            'expressions',
            'codegen',
            'decimation',
            'plotting',
            'samples',
            'synthetic',
            'axes',
            'distributions')
__all__ = [name for _m in _MODULES for name in _sys.modules[f"core.common.{_m}"].__all__]
