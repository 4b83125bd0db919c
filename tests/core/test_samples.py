import pytest

from core.data import read_table, select_columns
from core.errors import DataError
from core.fitting import fit_curve
from core.samples import SAMPLES, load_sample
from pathlib import Path


@pytest.mark.parametrize("key", [k for k, s in SAMPLES.items() if "curve_fitting" in s.pages])
def test_sample_fits_with_its_defaults(key):
    sample = SAMPLES[key]
    d = sample.defaults
    xs = d["x"] if isinstance(d["x"], list) else [d["x"]]
    cols = xs + [d["y"]] + ([d["sigma"]] if "sigma" in d else [])
    sel = select_columns(read_table(load_sample(key)), cols)
    x = sel.values[:, :len(xs)].T
    x = x[0] if len(xs) == 1 else x
    y = sel.values[:, len(xs)]
    sigma = sel.values[:, -1] if "sigma" in d else None
    result = fit_curve(d.get("model") or d["formula"], x, y, p0=d.get("p0"), sigma=sigma)
    assert result.success and result.r_squared > 0.9 and result.has_covariance


def test_samples_are_documented():
    readme = (Path(__file__).parents[2] / "core" / "samples" / "README.md").read_text()
    for sample in SAMPLES.values():
        assert sample.file in readme


def test_unknown_sample():
    with pytest.raises(DataError):
        load_sample("../../etc/passwd")
