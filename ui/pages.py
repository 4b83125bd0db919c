"""The pages of the app, in one place: the router (app.py) and the home page both read this list."""

from dataclasses import dataclass

__all__ = ["PageInfo", "PAGES", "SECTIONS"]


@dataclass(frozen=True)
class PageInfo:
    path: str
    title: str
    icon: str
    section: str
    blurb: str

    @property
    def url_path(self):
        # The file's stem, on purpose: Streamlit knows pages/<stem>.py before app.py has run, so a shared
        # deep link opened first after a server start works. Any other url_path shows a spurious "Page not
        # found" modal on that first load (streamlit/streamlit#9992; checked with 1.67).
        return self.path.rsplit("/", 1)[-1].removesuffix(".py")


SECTIONS = ("Fit & test", "Signals & images", "Distributions & shapes")

PAGES = [
    PageInfo("pages/curve_fitting.py", "Curve fitting", ":material/show_chart:", "Fit & test",
             "Fit a built-in model or your own formula with scipy.optimize.curve_fit: parameters with standard "
             "errors and confidence intervals, bands, residual diagnostics and model comparison by AIC."),
    PageInfo("pages/hypothesis_testing.py", "Hypothesis testing", ":material/balance:", "Fit & test",
             "t, rank, table and correlation tests from scipy.stats with effect sizes and CIs, assumption checks, "
             "the null distribution of your data, a robustness panel and a power calculator."),
    PageInfo("pages/kernel_density.py", "Kernel density", ":material/area_chart:", "Distributions & shapes",
             "Smooth a distribution with Gaussian kernels: Scott, Silverman, ISJ and cross-validated bandwidths side "
             "by side, reflection at bounds, parametric fits, 2-D highest-density contours, sampling."),
    PageInfo("pages/interpolation.py", "Interpolation", ":material/timeline:", "Distributions & shapes",
             "Linear, spline, PCHIP, Akima and smoothing-spline interpolation compared by cross-validated error, "
             "overshoot checks, derivatives, gap filling, and 2-D scattered data with griddata and RBF."),
    PageInfo("pages/spectrogram.py", "Spectrogram & filters", ":material/graphic_eq:", "Signals & images",
             "WAV, CSV or synthetic signals: spectrogram with a resolution readout, Welch and FFT spectra with peaks "
             "and a Parseval check, IIR filter design with response and pole-zero plots, resampling, listening."),
    PageInfo("pages/image_morphology.py", "Image morphology", ":material/blur_on:", "Signals & images",
             "Filters, thresholds (Otsu), binary and grey erosion, dilation, opening and closing, distance "
             "transform, splitting touching objects, labelling and an object table, as a pipeline you export."),
]
