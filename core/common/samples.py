"""Bundled samples: the :class:`Sample` record and the :class:`Catalogue` each capability keeps of its own.

A capability's samples live in its own folder (``core/<capability>/samples/``: the files, a README with
each file's source and licence, and an ``__init__.py`` that lists them in a catalogue), so adding a page
never edits another page's samples.
"""

from dataclasses import dataclass, field
from pathlib import Path

from core.common.errors import DataError

__all__ = ["Sample", "Catalogue"]


@dataclass(frozen=True)
class Sample:
    """One bundled file: what it is, where it came from, and the settings a page starts with."""

    key: str
    title: str
    file: str
    description: str
    source: str
    defaults: dict = field(default_factory=dict)


class Catalogue(dict):
    """The samples in one folder, keyed by :attr:`Sample.key`, in the order given.

    Examples
    --------
    >>> from core.fitting.samples import SAMPLES
    >>> SAMPLES.load("puromycin")[:13]
    b'concentration'
    """

    def __init__(self, module_file, samples):
        super().__init__((s.key, s) for s in samples)
        self.folder = Path(module_file).resolve().parent
        missing = [s.file for s in samples if not (self.folder / s.file).is_file()]
        if missing:
            raise FileNotFoundError(f"sample files missing in {self.folder}: {missing}")

    def path(self, key):
        """The file of sample `key`."""
        if key not in self:
            raise DataError(f"There is no sample {key!r}; choose one of {list(self)}.")
        return self.folder / self[key].file

    def load(self, key):
        """The bytes of sample `key` (a CSV for :func:`core.common.data.read_table`, an image or a WAV)."""
        return self.path(key).read_bytes()
