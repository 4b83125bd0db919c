"""Spectrogram and filters: WAV reading, spectrograms, spectra, IIR and FIR filters, resampling, synthetic
signals, figures and script export.

The names below are the public API: import them from ``core.spectral``."""

from core.spectral.analysis import *  # noqa: F401,F403
from core.spectral.fir import *  # noqa: F401,F403
from core.spectral.synth import *  # noqa: F401,F403
from core.spectral.figures import *  # noqa: F401,F403
from core.spectral.code import *  # noqa: F401,F403

import sys as _sys

_MODULES = ('analysis', 'fir', 'synth', 'figures', 'code')
__all__ = [name for _m in _MODULES for name in _sys.modules[f"core.spectral.{_m}"].__all__]
