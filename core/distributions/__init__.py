"""Distributions: every scipy.stats distribution to explore (probabilities, quantiles, summaries) and to fit to
data (maximum likelihood with goodness of fit). The probability, quantile and fitting core is shared with the
kernel-density page (``core.common.distributions``) and re-exported here.

The names below are the public API: import them from ``core.distributions``."""

from core.common.distributions import (CONTINUOUS, DISCRETE, DistFit, fit, frozen, log_probability,  # noqa: F401
                                       parameter_names, parameter_ranges, probability, quantile)
from core.distributions.summary import *  # noqa: F401,F403
from core.distributions.explore import *  # noqa: F401,F403
from core.distributions.relations import *  # noqa: F401,F403
from core.distributions.figures import *  # noqa: F401,F403
from core.distributions.code import *  # noqa: F401,F403

import sys as _sys

_MODULES = ('summary', 'explore', 'relations', 'figures', 'code')
__all__ = ["CONTINUOUS", "DISCRETE", "DistFit", "fit", "frozen", "log_probability", "parameter_names",
           "parameter_ranges", "probability", "quantile",
           *(name for _m in _MODULES for name in _sys.modules[f"core.distributions.{_m}"].__all__)]
