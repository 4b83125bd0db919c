"""Distributions: explore any scipy.stats distribution, its probabilities and draws; fit candidates to data."""

import streamlit as st

from core.distributions import explore_script, fit_script
from core.distributions.samples import SAMPLES
from ui.common.data_input import require_data
from ui.common.errors import guard
from ui.common.export import code_panel
from ui.common.frame import lazy_tabs, page_setup
from ui.distributions.views import (FIT_SETTINGS, choose_distribution, clt_panel, explore_panel, fit_panel, probability_panel,
                                   relations_panel, sample_panel)

PAGE = page_setup("distributions", "Explore any of SciPy's distributions (density, cdf, survival and quantile "
                  "functions, exact probabilities, moments, draws) and fit candidates to your data by maximum "
                  "likelihood, ranked by AIC with goodness of fit.")
P = PAGE.prefix

tab, panel = lazy_tabs(["Explore", "Probabilities", "Sample", "Central limit", "Relationships", "Fit to data"],
                       key=f"{P}_tab")
script = None
with panel:
    if tab == "Relationships":
        with guard("the approximation"):
            script = relations_panel(P)
    elif tab != "Fit to data":
        name = params = None
        with guard("the distribution"):
            name, params = choose_distribution(P)
        if name is None:
            st.stop()
        with guard(tab.lower()):
            if tab == "Explore":
                explore_panel(P, name, params)
                script = explore_script(name, params)
            elif tab == "Probabilities":
                extra = probability_panel(P, name, params)
                script = explore_script(name, params, lower=extra["lower"], upper=extra["upper"], q=extra["q"])
            elif tab == "Central limit":
                script = clt_panel(P, name, params)
            else:
                script = sample_panel(P, name, params)
    else:
        dataset = require_data(P, SAMPLES, only=FIT_SETTINGS)
        with guard("fitting"):
            chosen = fit_panel(P, dataset)
            if chosen is not None:
                best, data, column, shift, resamples = chosen
                script = fit_script(best.name, best.fixed, data - shift, column, source_note=dataset.label,
                                    shift=shift, bootstrap=resamples)[0]

if script is not None:
    with guard("exporting"):
        code_panel(script, key=P, file_name="distribution.py")
