"""Distributions: explore any offered scipy.stats distribution, its probabilities and draws; fit candidates to data."""

import streamlit as st

from core.distributions import explore_script, fit_script
from core.distributions.samples import SAMPLES
from ui.common.data_input import require_data
from ui.common.errors import guard
from ui.common.export import code_panel
from ui.common.frame import lazy_tabs, page_setup
from ui.distributions.views import (choose_distribution, clt_panel, explore_panel, fit_panel, probability_panel,
                                   relations_panel, sample_panel)

PAGE = page_setup("distributions", "Explore `scipy.stats` distributions (density, cdf, survival and quantile "
                  "functions, exact probabilities, moments, draws) and fit candidates to your data by maximum "
                  "likelihood, ranked by AIC with goodness of fit.")
P = PAGE.prefix

tab, panel = lazy_tabs(["Explore", "Probabilities", "Sample", "Central limit", "Relationships", "Fit to data"],
                       key=f"{P}_tab")
script = None
with panel:
    if tab == "Relationships":
        with guard("the approximation"):
            relations_panel(P)
    elif tab != "Fit to data":
        name = params = None
        with guard("the distribution"):
            name, params = choose_distribution(P)
        if name is None:
            st.stop()
        with guard(tab.lower()):
            extra = {}
            if tab == "Explore":
                explore_panel(P, name, params)
            elif tab == "Probabilities":
                extra = probability_panel(P, name, params)
            elif tab == "Central limit":
                clt_panel(P, name, params)
            else:
                sample_panel(P, name, params)
            script = explore_script(name, params, lower=extra.get("lower"), upper=extra.get("upper"),
                                    q=extra.get("q", 0.95))
    else:
        dataset = require_data(P, SAMPLES)
        with guard("fitting"):
            chosen = fit_panel(P, dataset)
            if chosen is not None:
                best, data, column = chosen
                script = fit_script(best.name, best.fixed, data, column, source_note=dataset.label)[0]

if script is not None:
    with guard("exporting"):
        code_panel(script, key=P, file_name="distribution.py")
