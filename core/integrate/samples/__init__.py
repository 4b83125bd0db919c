"""Bundled samples of this capability: none are files; the systems are formulas (core/integrate/systems.py)."""

from core.common.samples import Catalogue

__all__ = ["SAMPLES"]

SAMPLES = Catalogue(__file__, [])
