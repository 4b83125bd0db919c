"""Spatial: checked point sets, nearest neighbours (KD-tree), distances with many metrics, convex hulls,
Delaunay triangulations and bounded Voronoi cells; figures and script export.

The names below are the public API: import them from ``core.spatial``."""

from core.spatial.geometry import *  # noqa: F401,F403
from core.spatial.search import *  # noqa: F401,F403
from core.spatial.distances import *  # noqa: F401,F403
from core.spatial.synthetic import *  # noqa: F401,F403
from core.spatial.figures import *  # noqa: F401,F403
from core.spatial.code import *  # noqa: F401,F403

import sys as _sys

_MODULES = ('geometry', 'search', 'distances', 'synthetic', 'figures', 'code')
__all__ = [name for _m in _MODULES for name in _sys.modules[f"core.spatial.{_m}"].__all__]
