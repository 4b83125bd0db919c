"""Bundled samples of this capability: small, documented (source and licence in README.md beside them).

Each sample names the columns, model or settings a page starts with, so the page shows a useful result
the moment it opens."""

from core.common.samples import Catalogue, Sample

__all__ = ["SAMPLES"]

SAMPLES = Catalogue(__file__, [
    Sample("puromycin", "Enzyme kinetics (Puromycin)", "puromycin.csv",
           "Reaction rate of an enzyme treated with Puromycin against substrate concentration: the "
           "classic Michaelis-Menten example.",
           "Treloar (1974), as in R's datasets::Puromycin (treated rows)",
           {"x": "concentration_ppm", "y": "rate_counts_per_min2", "model": "michaelis_menten"}),
    Sample("decay", "Radioactive decay counts (with sigma)", "decay_counts.csv",
           "Simulated Geiger counts with a background: exponential decay to an offset. The sigma column "
           "(sqrt of the counts) shows weighted fitting.",
           "Synthetic (Poisson counts, seed 20261125)",
           {"x": "time_min", "y": "counts", "sigma": "sigma", "model": "exponential"}),
    Sample("dose_response", "Dose-response with an outlier", "dose_response.csv",
           "A sigmoidal dose-response in triplicate with one gross outlier: compare the linear loss with "
           "a robust loss (soft_l1, cauchy).",
           "Synthetic (logistic 4PL plus noise, seed 20261125)",
           {"x": "dose_uM", "y": "response_pct", "model": "logistic4", "log_x": True}),
    Sample("oscillation", "Damped oscillation", "damped_oscillation.csv",
           "A decaying oscillation sampled at 150 times.", "Synthetic (damped sine plus noise, seed 7)", {"x": "time_s", "y": "displacement_cm", "model": "damped_sine"}),
    Sample("spectral_peak", "Spectral peak (semicolon, decimal comma)", "spectral_peak_semicolon.csv",
           "A Gaussian emission line, saved the way a European spreadsheet does (';' and decimal comma): "
           "the reader detects both.", "Synthetic (Gaussian plus noise, seed 11)",
           {"x": "wavelength_nm", "y": "intensity", "model": "gaussian"}),
    Sample("danwood", "NIST DanWood (power law)", "nist_danwood.csv",
           "Radiated energy against temperature: a power law y = b1*x^b2.", "NIST StRD (public domain)", {"x": "x", "y": "y", "model": "power"}),
    Sample("misra1a", "NIST Misra1a (monomolecular adsorption)", "nist_misra1a.csv",
           "Dental research: y = b1*(1 - exp(-b2*x)).", "NIST StRD (public domain)",
           {"x": "x", "y": "y", "formula": "b1*(1 - exp(-b2*x))", "p0": {"b1": 500, "b2": 1e-4}}),
    Sample("chwirut2", "NIST Chwirut2 (ultrasonic calibration)", "nist_chwirut2.csv",
           "Ultrasonic response against metal distance: y = exp(-b1*x)/(b2 + b3*x).",
           "NIST StRD (public domain)",
           {"x": "x", "y": "y", "formula": "exp(-b1*x)/(b2 + b3*x)", "p0": {"b1": 0.1, "b2": 0.01, "b3": 0.02}}),
    Sample("thurber", "NIST Thurber (semiconductor mobility)", "nist_thurber.csv",
           "Electron mobility against log density: a rational function (cubic over cubic).",
           "NIST StRD (public domain)",
           {"x": "x", "y": "y",
            "formula": "(b1 + b2*x + b3*x^2 + b4*x^3)/(1 + b5*x + b6*x^2 + b7*x^3)",
            "p0": {"b1": 1000, "b2": 1000, "b3": 400, "b4": 40, "b5": 0.7, "b6": 0.3, "b7": 0.03}}),
    Sample("gauss1", "NIST Gauss1 (two peaks on a decaying baseline)", "nist_gauss1.csv",
           "Two Gaussian peaks on an exponential baseline: eight parameters.", "NIST StRD (public domain)",
           {"x": "x", "y": "y",
            "formula": "b1*exp(-b2*x) + b3*exp(-(x-b4)^2/b5^2) + b6*exp(-(x-b7)^2/b8^2)",
            "p0": {"b1": 97, "b2": 0.009, "b3": 100, "b4": 65, "b5": 20, "b6": 70, "b7": 178, "b8": 16.5}}),
    Sample("nelson", "NIST Nelson (two predictors)", "nist_nelson.csv",
           "Dielectric breakdown against time (x1) and temperature (x2); fit log(y) = b1 - b2*x1*exp(-b3*x2).",
           "NIST StRD (public domain)",
           {"x": ["x1", "x2"], "y": "log_y", "formula": "b1 - b2*x1*exp(-b3*x2)",
            "p0": {"b1": 2, "b2": 0.0001, "b3": -0.01}}),
])
