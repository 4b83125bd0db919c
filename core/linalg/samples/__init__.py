"""Bundled samples of this capability: small, documented (source and licence in README.md beside them)."""

from core.common.samples import Catalogue, Sample

__all__ = ["SAMPLES"]

SAMPLES = Catalogue(__file__, [
    Sample("pca_cultivars", "Fruit of three cultivars (178 x 7, synthetic)", "pca_cultivars.csv",
           "Seven correlated measurements of fruit from three cultivars (four acidity values missing): the first "
           "two components separate the cultivars.", "Synthetic (correlated normals, seed 20261203)",
           {"color": "cultivar"}),
])
