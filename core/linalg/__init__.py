"""Linear algebra and sparse matrices: PCA by the SVD (checked against eigh), low-rank images, linear systems
solved and factored once, sparse term-document matrices with svds topics, and iterative solvers.

The names below are the public API: import them from ``core.linalg``."""

from core.linalg.dense import *  # noqa: F401,F403
from core.linalg.sparse import *  # noqa: F401,F403
from core.linalg.figures import *  # noqa: F401,F403
from core.linalg.code import *  # noqa: F401,F403

import sys as _sys

_MODULES = ('dense', 'sparse', 'figures', 'code')
__all__ = [name for _m in _MODULES for name in _sys.modules[f"core.linalg.{_m}"].__all__]
