"""Nothing a user did not change is recomputed: core calls and figure builds counted per rerun, no timing.

For every page (one per capability family): the core computation behind its cached wrapper and the figures
(``ui.common.text.safe_figure`` runs once per figure built) are counted. A rerun with nothing changed computes
nothing and builds no figure; a knob that only concerns the display (or a panel of its own) recomputes nothing
upstream; a knob that changes the computation calls it exactly once more.
"""

import functools
from unittest import mock

import pytest
import streamlit as st

from tests.conftest import PageDriver

#: slug -> (core function behind the page's cached wrapper, display-only knob, computing knob); knobs are
#: (AppTest widget kind, key suffix, value), or ("tab", "tab", label) to open a lazy tab.
CASES = {
    "curve_fitting": ("ui.fitting.cache.fit_curve", ("radio", "resid_kind", "Histogram"),
                      ("selectbox", "loss", "soft_l1")),
    "hypothesis_testing": ("ui.stats.cache.run_test", ("tab", "tab", "What-if & power"),
                           ("selectbox", "test", "mannwhitneyu")),
    "kernel_density": ("ui.density.cache.kde", ("toggle", "rug", False), ("selectbox", "gridsize", 1024)),
    "interpolation": ("ui.interpolation.cache.build_1d", ("slider", "extend", 30),
                      ("selectbox", "extrap", "nearest")),
    "spectrogram": ("ui.spectral.cache.spectrogram", ("tab", "tab", "Spectrum"), ("selectbox", "window", "hamming")),
    "image_morphology": ("ui.morphology.cache.run_step", ("tab", "tab", "Before / after"),
                         ("select_slider", "show", 0)),
    "spatial": ("ui.spatial.cache.outliers", ("number_input", "k", 3), ("select_slider", "oq", 0.95)),
}


class Counter:
    def __init__(self, target):
        module, name = target.rsplit(".", 1)
        self.calls = 0
        original = getattr(__import__(module, fromlist=[name]), name)

        @functools.wraps(original)
        def counted(*args, **kwargs):
            self.calls += 1
            return original(*args, **kwargs)

        self.patch = mock.patch(target, counted)


@pytest.mark.parametrize("slug", list(CASES))
def test_a_rerun_recomputes_only_what_changed(slug):
    target, display, computing = CASES[slug]
    core, built = Counter(target), Counter("ui.common.text.safe_figure")
    st.cache_data.clear()
    st.cache_resource.clear()
    with core.patch, built.patch:
        page = PageDriver(slug).run()
        assert core.calls >= 1 and built.calls >= 1, "the counters must see the first run"

        before = (core.calls, built.calls)
        page.run()
        assert (core.calls, built.calls) == before, "a rerun with nothing changed recomputed or rebuilt"

        page.tab(display[2]) if display[0] == "tab" else page.set(*display)
        assert core.calls == before[0], f"{display[1]} (display only) recomputed {target}"
        assert built.calls - before[1] <= 2, "a display knob rebuilds at most the figures it concerns"

        calls = core.calls
        if slug == "image_morphology":  # showing the original image: nothing to compute, one figure to build
            page.tab("Result").set(*computing)
            assert core.calls == calls and built.calls > before[1]
        else:
            page.set(*computing)
            assert core.calls >= calls + 1, f"{computing[1]} did not reach {target}"
