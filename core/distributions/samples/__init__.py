"""Bundled samples of this capability: small, documented (source and licence in README.md beside them)."""

from core.common.samples import Catalogue, Sample

__all__ = ["SAMPLES"]

SAMPLES = Catalogue(__file__, [
    Sample("dist_service_times", "Service times (240, minutes)", "dist_service_times.csv",
           "Right-skewed waiting times: a normal fits badly; gamma, Weibull and log-normal compete.",
           "Synthetic (gamma, seed 20261203)",
           {"column": "service_min", "candidates": ["norm", "gamma", "weibull_min", "lognorm", "expon"]}),
    Sample("dist_calls", "Calls per hour (200 counts)", "dist_calls.csv",
           "Counts more variable than a Poisson process gives (variance above the mean): the negative binomial "
           "fits.", "Synthetic (negative binomial, seed 20261203)",
           {"column": "calls_per_hour", "candidates": ["poisson", "nbinom", "geom"]}),
])
