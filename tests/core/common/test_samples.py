import importlib

import pytest

from core.common import DataError, read_table, select_columns
from core.fitting import fit_curve
from core.fitting.samples import SAMPLES

CAPABILITIES = ["fitting", "stats", "density", "interpolation", "spectral", "morphology"]


@pytest.mark.parametrize("key", list(SAMPLES))
def test_sample_fits_with_its_defaults(key):
    sample = SAMPLES[key]
    d = sample.defaults
    xs = d["x"] if isinstance(d["x"], list) else [d["x"]]
    cols = xs + [d["y"]] + ([d["sigma"]] if "sigma" in d else [])
    sel = select_columns(read_table(SAMPLES.load(key)), cols)
    x = sel.values[:, :len(xs)].T
    x = x[0] if len(xs) == 1 else x
    y = sel.values[:, len(xs)]
    sigma = sel.values[:, -1] if "sigma" in d else None
    result = fit_curve(d.get("model") or d["formula"], x, y, p0=d.get("p0"), sigma=sigma)
    assert result.success and result.r_squared > 0.9 and result.has_covariance


@pytest.mark.parametrize("capability", CAPABILITIES)
def test_samples_are_documented(capability):
    catalogue = importlib.import_module(f"core.{capability}.samples").SAMPLES
    readme = (catalogue.folder / "README.md").read_text()
    assert catalogue
    for sample in catalogue.values():
        assert sample.file in readme


def test_unknown_sample():
    with pytest.raises(DataError):
        SAMPLES.load("../../etc/passwd")
