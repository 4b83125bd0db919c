"""What a synthetic-data generator tells the shared data-input widget: its models, knobs and captions.

Each capability that offers synthetic data defines one :class:`Generator` next to its generating function
(``core.fitting.CURVES``, ``core.density.DISTRIBUTIONS_SYNTHETIC``), so the shared widget never imports a
capability.
"""

from dataclasses import dataclass
from typing import Callable

from core.common.data import ParsedTable, TableFormat
from core.common.validate import MAX_SYNTHETIC_POINTS, SYNTHETIC_POINTS, check_int

__all__ = ["Generator", "generate"]


@dataclass(frozen=True)
class Generator:
    """A synthetic-data source.

    `make(model, n, *, noise, rng)` returns a DataFrame; `caption(model)` explains the truth behind it and
    `defaults(model)` gives the page's starting settings (columns, model, bounds).
    """

    name: str
    model_label: str
    models: tuple
    make: Callable
    caption: Callable
    defaults: Callable
    default_n: int = 1000
    has_noise: bool = False
    max_n: int = MAX_SYNTHETIC_POINTS


def generate(generator, model, n, *, noise=0.0, rng=0):
    """A :class:`~core.common.data.ParsedTable` of synthetic data, with a note that says how it was made."""
    n = check_int(n, SYNTHETIC_POINTS, "n")
    if generator.has_noise:
        frame = generator.make(model, n, noise=noise, rng=rng)
        note = f"Synthetic {model} data: {n:,} points, noise {noise:g}, seed {rng}."
    else:
        frame = generator.make(model, n, rng=rng)
        note = f"Synthetic {model} sample: {n:,} points, seed {rng}."
    return ParsedTable(frame=frame, format=TableFormat(encoding="generated", delimiter=","), notes=(note,))
