"""Bundled samples of this capability: small, documented (source and licence in README.md beside them).

Each sample names the columns, model or settings a page starts with, so the page shows a useful result
the moment it opens."""

from core.common.samples import Catalogue, Sample

__all__ = ["SAMPLES"]

SAMPLES = Catalogue(__file__, [
    Sample("kde_bimodal", "Bimodal mixture (two groups, 2-D)", "kde_bimodal.csv",
           "400 values from a 60/40 mixture of N(0, 1) and N(4, 0.5), with the component as a group column and "
           "a correlated second variable y: Scott's rule blurs the two modes, ISJ and LSCV resolve them.",
           "Synthetic (core.density.make_distribution_data('mixture', 400, rng=42))",
           {"columns": ["value"]}),
    Sample("kde_incomes", "Incomes with survey weights (skewed)", "kde_incomes_weighted.csv",
           "500 incomes (log-normal) with a survey weight per respondent: a skewed, positive variable and a "
           "weighted KDE.", "Synthetic (log-normal, seed 20261125)",
           {"columns": ["income"], "weights": "survey_weight", "bounds": (0.0, None)}),
    Sample("kde_waiting", "Waiting times (bounded at 0)", "kde_waiting_times.csv",
           "300 exponential waiting times: a plain KDE puts mass below 0; reflection at 0 does not.",
           "Synthetic (exponential, mean 8 min, seed 20261125)",
           {"columns": ["waiting_min"], "bounds": (0.0, None)}),
    Sample("kde_proportions", "Proportions (bounded at 0 and 1)", "kde_proportions.csv",
           "300 proportions from beta(2, 5): bounded on both sides.", "Synthetic (beta, seed 20261125)", {"columns": ["proportion"], "bounds": (0.0, 1.0)}),
    Sample("kde_small", "Twelve points (see the kernels)", "kde_small.csv",
           "Twelve values: small enough to draw every kernel under the summed density.",
           "Synthetic (two normal clusters, seed 20261125)",
           {"columns": ["value"], "kernels": True}),
])
