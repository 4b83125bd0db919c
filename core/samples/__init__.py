"""Bundled sample datasets: small, documented (source and licence in README.md beside them).

Each :class:`Sample` names the pages it teaches on and the columns and model a page starts with, so a
page shows a useful result the moment it opens.
"""

from dataclasses import dataclass, field
from pathlib import Path

from core.errors import DataError

__all__ = ["Sample", "SAMPLES", "load_sample", "samples_for"]

_HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Sample:
    key: str
    title: str
    file: str
    description: str
    source: str
    pages: tuple
    defaults: dict = field(default_factory=dict)


SAMPLES = {s.key: s for s in [
    Sample("puromycin", "Enzyme kinetics (Puromycin)", "puromycin.csv",
           "Reaction rate of an enzyme treated with Puromycin against substrate concentration: the "
           "classic Michaelis-Menten example.",
           "Treloar (1974), as in R's datasets::Puromycin (treated rows)", ("curve_fitting",),
           {"x": "concentration_ppm", "y": "rate_counts_per_min2", "model": "michaelis_menten"}),
    Sample("decay", "Radioactive decay counts (with sigma)", "decay_counts.csv",
           "Simulated Geiger counts with a background: exponential decay to an offset. The sigma column "
           "(sqrt of the counts) shows weighted fitting.",
           "Synthetic (Poisson counts, seed 20261125)", ("curve_fitting",),
           {"x": "time_min", "y": "counts", "sigma": "sigma", "model": "exponential"}),
    Sample("dose_response", "Dose-response with an outlier", "dose_response.csv",
           "A sigmoidal dose-response in triplicate with one gross outlier: compare the linear loss with "
           "a robust loss (soft_l1, cauchy).",
           "Synthetic (logistic 4PL plus noise, seed 20261125)", ("curve_fitting",),
           {"x": "dose_uM", "y": "response_pct", "model": "logistic4", "log_x": True}),
    Sample("oscillation", "Damped oscillation", "damped_oscillation.csv",
           "A decaying oscillation sampled at 150 times.", "Synthetic (damped sine plus noise, seed 7)",
           ("curve_fitting",), {"x": "time_s", "y": "displacement_cm", "model": "damped_sine"}),
    Sample("spectral_peak", "Spectral peak (semicolon, decimal comma)", "spectral_peak_semicolon.csv",
           "A Gaussian emission line, saved the way a European spreadsheet does (';' and decimal comma): "
           "the reader detects both.", "Synthetic (Gaussian plus noise, seed 11)", ("curve_fitting",),
           {"x": "wavelength_nm", "y": "intensity", "model": "gaussian"}),
    Sample("danwood", "NIST DanWood (power law)", "nist_danwood.csv",
           "Radiated energy against temperature: a power law y = b1*x^b2.", "NIST StRD (public domain)",
           ("curve_fitting",), {"x": "x", "y": "y", "model": "power"}),
    Sample("misra1a", "NIST Misra1a (monomolecular adsorption)", "nist_misra1a.csv",
           "Dental research: y = b1*(1 - exp(-b2*x)).", "NIST StRD (public domain)", ("curve_fitting",),
           {"x": "x", "y": "y", "formula": "b1*(1 - exp(-b2*x))", "p0": {"b1": 500, "b2": 1e-4}}),
    Sample("chwirut2", "NIST Chwirut2 (ultrasonic calibration)", "nist_chwirut2.csv",
           "Ultrasonic response against metal distance: y = exp(-b1*x)/(b2 + b3*x).",
           "NIST StRD (public domain)", ("curve_fitting",),
           {"x": "x", "y": "y", "formula": "exp(-b1*x)/(b2 + b3*x)", "p0": {"b1": 0.1, "b2": 0.01, "b3": 0.02}}),
    Sample("thurber", "NIST Thurber (semiconductor mobility)", "nist_thurber.csv",
           "Electron mobility against log density: a rational function (cubic over cubic).",
           "NIST StRD (public domain)", ("curve_fitting",),
           {"x": "x", "y": "y",
            "formula": "(b1 + b2*x + b3*x^2 + b4*x^3)/(1 + b5*x + b6*x^2 + b7*x^3)",
            "p0": {"b1": 1000, "b2": 1000, "b3": 400, "b4": 40, "b5": 0.7, "b6": 0.3, "b7": 0.03}}),
    Sample("gauss1", "NIST Gauss1 (two peaks on a decaying baseline)", "nist_gauss1.csv",
           "Two Gaussian peaks on an exponential baseline: eight parameters.", "NIST StRD (public domain)",
           ("curve_fitting",),
           {"x": "x", "y": "y",
            "formula": "b1*exp(-b2*x) + b3*exp(-(x-b4)^2/b5^2) + b6*exp(-(x-b7)^2/b8^2)",
            "p0": {"b1": 97, "b2": 0.009, "b3": 100, "b4": 65, "b5": 20, "b6": 70, "b7": 178, "b8": 16.5}}),
    Sample("nelson", "NIST Nelson (two predictors)", "nist_nelson.csv",
           "Dielectric breakdown against time (x1) and temperature (x2); fit log(y) = b1 - b2*x1*exp(-b3*x2).",
           "NIST StRD (public domain)", ("curve_fitting",),
           {"x": ["x1", "x2"], "y": "log_y", "formula": "b1 - b2*x1*exp(-b3*x2)",
            "p0": {"b1": 2, "b2": 0.0001, "b3": -0.01}}),
    Sample("two_groups_outlier", "Reaction times: two groups with an outlier", "two_groups_outlier.csv",
           "Reaction times (ms) of a control and a treated group of 18 each, long format; one control value "
           "(135 ms) is a gross outlier. Compare t, Welch, Mann-Whitney and the permutation test.",
           "Synthetic (normal, seed 20261125)", ("hypothesis_testing",),
           {"shape": "two", "layout": "long", "value": "reaction_ms", "group": "group", "test": "ttest_ind"}),
    Sample("sleep", "Student's sleep data (paired)", "sleep_paired.csv",
           "Extra hours of sleep of 10 patients under two drugs: the paired example of Student's 1908 paper.",
           "Student (1908), Biometrika 6, 1-25; as R's datasets::sleep (public domain)", ("hypothesis_testing",),
           {"shape": "paired", "columns": ["drug_1_extra_h", "drug_2_extra_h"], "test": "ttest_rel"}),
    Sample("plant_growth", "Plant growth (three groups)", "plant_growth.csv",
           "Dried weight of plants under a control and two treatments, 10 each: one-way ANOVA.",
           "Dobson (1983), An Introduction to Statistical Modelling; as R's datasets::PlantGrowth",
           ("hypothesis_testing",),
           {"shape": "groups", "layout": "long", "value": "dried_weight_g", "group": "group", "test": "f_oneway"}),
    Sample("bottle_fill", "Bottle fill volumes (one sample)", "bottle_fill.csv",
           "25 fill volumes from a line that should fill 500 ml: one-sample t-test against 500.",
           "Synthetic (normal, seed 20261125)", ("hypothesis_testing",),
           {"shape": "one", "columns": ["fill_ml"], "popmean": 500.0, "test": "ttest_1samp"}),
    Sample("vaccine_2x2", "Vaccination and infection (2x2, small counts)", "vaccine_2x2.csv",
           "28 people by vaccination status and outcome: expected counts below 5, so Fisher's exact test.",
           "Synthetic counts", ("hypothesis_testing",),
           {"shape": "table", "rows": "status", "cols": "outcome", "test": "fisher_exact"}),
    Sample("treatment_3x3", "Treatment and response (3x3)", "treatment_3x3.csv",
           "120 patients by dose (placebo, low, high) and response (worse, same, better): chi-square test.",
           "Synthetic counts", ("hypothesis_testing",),
           {"shape": "table", "rows": "treatment", "cols": "response", "test": "chi2_contingency"}),
    Sample("study_hours", "Study hours and exam score (correlation)", "study_hours.csv",
           "60 students: hours studied against exam score, a monotonic but curved relation (Pearson vs Spearman).",
           "Synthetic (logistic curve plus noise, seed 20261125)", ("hypothesis_testing",),
           {"shape": "xy", "columns": ["study_hours", "exam_score"], "test": "spearmanr"}),
    Sample("kde_bimodal", "Bimodal mixture (two groups, 2-D)", "kde_bimodal.csv",
           "400 values from a 60/40 mixture of N(0, 1) and N(4, 0.5), with the component as a group column and "
           "a correlated second variable y: Scott's rule blurs the two modes, ISJ and LSCV resolve them.",
           "Synthetic (core.synthetic.make_distribution_data('mixture', 400, rng=42))", ("kernel_density",),
           {"columns": ["value"]}),
    Sample("kde_incomes", "Incomes with survey weights (skewed)", "kde_incomes_weighted.csv",
           "500 incomes (log-normal) with a survey weight per respondent: a skewed, positive variable and a "
           "weighted KDE.", "Synthetic (log-normal, seed 20261125)", ("kernel_density",),
           {"columns": ["income"], "weights": "survey_weight", "bounds": (0.0, None)}),
    Sample("kde_waiting", "Waiting times (bounded at 0)", "kde_waiting_times.csv",
           "300 exponential waiting times: a plain KDE puts mass below 0; reflection at 0 does not.",
           "Synthetic (exponential, mean 8 min, seed 20261125)", ("kernel_density",),
           {"columns": ["waiting_min"], "bounds": (0.0, None)}),
    Sample("kde_proportions", "Proportions (bounded at 0 and 1)", "kde_proportions.csv",
           "300 proportions from beta(2, 5): bounded on both sides.", "Synthetic (beta, seed 20261125)",
           ("kernel_density",), {"columns": ["proportion"], "bounds": (0.0, 1.0)}),
    Sample("kde_small", "Twelve points (see the kernels)", "kde_small.csv",
           "Twelve values: small enough to draw every kernel under the summed density.",
           "Synthetic (two normal clusters, seed 20261125)", ("kernel_density",),
           {"columns": ["value"], "kernels": True}),
    Sample("interp_runge", "Runge's function (11 points)", "interp_runge.csv",
           "1/(1 + 25x²) at 11 equally spaced points: high-order interpolants oscillate near the ends.",
           "Computed (Runge 1901)", ("interpolation",),
           {"mode": "1-D", "x": "x", "y": "y", "methods": ["cubic_spline", "pchip", "akima"]}),
    Sample("interp_noisy", "Noisy measurements (80 points)", "interp_noisy.csv",
           "A noisy signal sampled at irregular times: interpolants chase the noise, smoothing splines do not.",
           "Synthetic (2 sin t + 0.3 t + N(0, 0.25), seed 20261125)", ("interpolation",),
           {"mode": "1-D", "x": "time_s", "y": "signal_mV", "methods": ["smoothing_spline", "cubic_spline"]}),
    Sample("interp_monotone", "Monotone response (splines overshoot)", "interp_monotone.csv",
           "A cumulative response that only rises, with a steep step: the cubic spline dips and overshoots, PCHIP "
           "and makima do not.", "Synthetic", ("interpolation",),
           {"mode": "1-D", "x": "dose", "y": "cumulative_response", "methods": ["cubic_spline", "pchip", "makima"]}),
    Sample("interp_gaps", "Hourly temperature with gaps", "interp_gaps.csv",
           "Three days of hourly temperature with nine missing readings: fill the gaps on a regular step.",
           "Synthetic (daily sine + noise, seed 20261125)", ("interpolation",),
           {"mode": "1-D", "x": "hour", "y": "temperature_C", "methods": ["pchip", "linear"]}),
    Sample("interp_franke", "Franke's surface at 300 random points", "interp_franke.csv",
           "Franke's test function (1979) sampled at 300 random points in the unit square.",
           "Computed (Franke 1979, seed 20261125)", ("interpolation",),
           {"mode": "2-D scattered", "x": "x", "y": "y", "z": "z"}),
    Sample("interp_terrain", "Terrain elevations (800 points)", "interp_terrain.csv",
           "Spot heights over a 1 km square: two hills on a tilted plane, with 3 m of noise.",
           "Synthetic (seed 20261125)", ("interpolation",),
           {"mode": "2-D scattered", "x": "easting_m", "y": "northing_m", "z": "elevation_m"}),
    Sample("image_coins", "Coins, some touching (8-bit grey)", "image_coins.png",
           "Eleven coin-like disks on an unevenly lit background, three pairs touching: threshold, fill, and "
           "split the touching ones to count and measure them.",
           "Synthetic (core/samples/make_images.py, seed 20261125)", ("image_morphology",),
           {"pipeline": "gaussian_filter;threshold;binary_opening:shape=disk,size=5;binary_fill_holes;"
                        "split_touching:min_distance=15"}),
    Sample("image_cells", "Fluorescent cells (16-bit grey)", "image_cells_16bit.png",
           "Blob-like cells on a bright gradient, stored as 16-bit: a white top-hat removes the background "
           "before thresholding.", "Synthetic (core/samples/make_images.py, seed 7)", ("image_morphology",),
           {"pipeline": "white_tophat:shape=disk,size=25;gaussian_filter;threshold;"
                        "remove_small_objects:min_size=20;split_touching:min_distance=5"}),
    Sample("image_text", "Text scan with speckle (RGB)", "image_text_scan.png",
           "Dark text on shaded paper with dust specks, saved in colour: a black top-hat flattens the shading, "
           "removing small objects drops the specks.", "Synthetic (core/samples/make_images.py, Pillow's "
           "default font)", ("image_morphology",),
           {"pipeline": "median_filter;black_tophat:shape=disk,size=15;threshold;"
                        "remove_small_objects:min_size=12;label"}),
    Sample("signal_tones", "Tones and a chirp (16-bit WAV)", "signal_tones_chirp.wav",
           "A steady 440 Hz tone, a chirp sweeping 200 Hz to 6 kHz from 0.5 s, and a 2.5 kHz burst between 1.2 "
           "and 1.8 s, at 16 kHz: the time-frequency trade-off at a glance.",
           "Synthetic (core/samples/make_signals.py, seed 20261125)", ("spectrogram",),
           {"nperseg": 512, "cutoff": 1000.0}),
    Sample("signal_machine", "Machine vibration, 2 channels (24-bit WAV)", "signal_machine_24bit_stereo.wav",
           "Shaft harmonics of 50 Hz on both channels; channel 2 also carries bearing impacts 7.3 times a second "
           "that ring at 1.2 kHz. Choose the channel; a band-pass around 1.2 kHz isolates the impacts.",
           "Synthetic (core/samples/make_signals.py, seed 7)", ("spectrogram",),
           {"channel": 1, "nperseg": 256, "btype": "bandpass", "cutoff": (900.0, 1500.0)}),
    Sample("signal_sensor", "Accelerometer with mains hum (CSV, 500 Hz)", "signal_sensor_500hz.csv",
           "A 12 Hz motion with 60 Hz mains interference and noise, one value per row at 500 Hz: a low-pass "
           "filter below 60 Hz cleans it.", "Synthetic (core/samples/make_signals.py, seed 11)", ("spectrogram",),
           {"column": "accel_g", "fs": 500.0, "nperseg": 128, "cutoff": 30.0}),
]}


def load_sample(key):
    """The bytes of a bundled sample file (a CSV for :func:`core.data.read_table`, or an image)."""
    if key not in SAMPLES:
        raise DataError(f"There is no sample {key!r}; choose one of {list(SAMPLES)}.")
    return (_HERE / SAMPLES[key].file).read_bytes()


def samples_for(page):
    """Samples that teach on `page`, in catalogue order."""
    return [s for s in SAMPLES.values() if page in s.pages]
