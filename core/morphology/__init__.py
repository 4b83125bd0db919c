"""Image morphology: image reading, scipy.ndimage operations, the pipeline, objects, figures and
script export.

The names below are the public API: import them from ``core.morphology``."""

from core.morphology.operations import *  # noqa: F401,F403
from core.morphology.pipeline import *  # noqa: F401,F403
from core.morphology.figures import *  # noqa: F401,F403
from core.morphology.code import *  # noqa: F401,F403

import sys as _sys

_MODULES = ('operations', 'pipeline', 'figures', 'code')
__all__ = [name for _m in _MODULES for name in _sys.modules[f"core.morphology.{_m}"].__all__]
