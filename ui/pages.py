"""The page registry: everything a page is known by, in one place.

The router (app.py), the home page, the page-contract tests, the browser tests and the benchmark all read
this list, so a page that is registered here is routed, linked, tested and benchmarked at once. Adding a page
means new folders (pages/<slug>.py, core/<capability>/, ui/<capability>/, tests) and one entry below; see
docs/adding_a_page.md.
"""

from dataclasses import dataclass
from pathlib import Path

__all__ = ["PageInfo", "PAGES", "SECTIONS", "page"]

_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class PageInfo:
    """A page of the app.

    `slug` is the script's stem (pages/<slug>.py) and the URL path; `prefix` starts every widget key of the
    page, and so every URL parameter (``cf_model``); `capability` names its packages (core/<capability>/,
    ui/<capability>/, whose help.md is the page's "What is this?").
    """

    slug: str
    prefix: str
    capability: str
    title: str
    icon: str
    section: str
    blurb: str

    @property
    def path(self):
        return f"pages/{self.slug}.py"

    @property
    def url_path(self):
        # The file's stem, on purpose: Streamlit knows pages/<stem>.py before app.py has run, so a shared
        # deep link opened first after a server start works. Any other url_path shows a spurious "Page not
        # found" modal on that first load (streamlit/streamlit#9992; checked with 1.67).
        return self.slug

    @property
    def help_file(self):
        return _ROOT / "ui" / self.capability / "help.md"


SECTIONS = ("Fit & test", "Signals & images", "Distributions & shapes", "Optimize & solve")

PAGES = [
    PageInfo("curve_fitting", "cf", "fitting", "Curve fitting", ":material/show_chart:", "Fit & test",
             "Fit a built-in model or your own formula with scipy.optimize.curve_fit: parameters with standard "
             "errors and confidence intervals, bands, residual diagnostics and model comparison by AIC."),
    PageInfo("hypothesis_testing", "ht", "stats", "Hypothesis testing", ":material/balance:", "Fit & test",
             "t, rank, table and correlation tests from scipy.stats with effect sizes and CIs, assumption checks, "
             "the null distribution of your data, a robustness panel and a power calculator."),
    PageInfo("kernel_density", "kd", "density", "Kernel density", ":material/area_chart:", "Distributions & shapes",
             "Smooth a distribution with Gaussian kernels: Scott, Silverman, ISJ and cross-validated bandwidths side "
             "by side, reflection at bounds, log scale, groups stacked or filled, parametric fits, 2-D contours, sampling."),
    PageInfo("distributions", "di", "distributions", "Distributions", ":material/ssid_chart:", "Distributions & shapes",
             "scipy.stats distributions: pdf, cdf, survival and quantile functions with overlays, exact probabilities "
             "(log-scale in the far tails), moments that may not exist, draws, and maximum-likelihood fits ranked by "
             "AIC with KS, Anderson-Darling and count tables."),
    PageInfo("interpolation", "ip", "interpolation", "Interpolation", ":material/timeline:", "Distributions & shapes",
             "Linear, spline, PCHIP, Akima and smoothing-spline interpolation compared by cross-validated error, "
             "overshoot checks, derivatives, gap filling, 2-D scattered data (griddata, RBF) and gridded tables."),
    PageInfo("spatial", "sa", "spatial", "Spatial", ":material/scatter_plot:", "Distributions & shapes",
             "Points with scipy.spatial: KD-tree nearest neighbours and outlier scores against brute force, pdist "
             "with ten metrics and a clustered heatmap, convex hull, Delaunay and Voronoi cells cut to a box."),
    PageInfo("optimization", "op", "optimize", "Optimization", ":material/trending_down:", "Optimize & solve",
             "scipy.optimize: every minimize method raced from one start on a clickable map with paths, counts, "
             "bounds and constraints; global methods against random restarts; linear and integer programs with "
             "linprog and milp, duals and the constraints that conflict."),
    PageInfo("ode", "od", "integrate", "ODEs & integrals", ":material/function:", "Optimize & solve",
             "scipy.integrate: RK45, RK23, DOP853, Radau, BDF and LSODA raced on one system with step sizes, counts, "
             "errors and events, explicit methods stopped on stiff problems, a clickable phase plane with fixed "
             "points classified, work against precision, and quad, dblquad and the trapezoid and Simpson rules."),
    PageInfo("linear_algebra", "la", "linalg", "Linear algebra & sparse", ":material/grid_on:", "Optimize & solve",
             "scipy.linalg and scipy.sparse: PCA by the SVD with scree, scores, loadings and biplot (checked against "
             "eigh), low-rank images, solve/LU/Cholesky/lstsq with condition numbers and factor-once timing, "
             "term-document matrices with svds topics, and cg, gmres, lsqr, lsmr against spsolve."),
    PageInfo("spectrogram", "sp", "spectral", "Spectrogram & filters", ":material/graphic_eq:", "Signals & images",
             "WAV, CSV or synthetic signals: spectrogram with a resolution readout, Welch and FFT spectra with peaks "
             "and a Parseval check, IIR and FIR filters designed and compared, response and pole-zero plots, "
             "resampling, listening."),
    PageInfo("image_morphology", "mo", "morphology", "Image morphology", ":material/blur_on:", "Signals & images",
             "Filters, thresholds (Otsu), binary and grey erosion, dilation, opening and closing, distance "
             "transform, splitting touching objects, labelling and an object table, as a pipeline you export."),
]


_BY_SLUG = {p.slug: p for p in PAGES}
assert len(_BY_SLUG) == len(PAGES) and len({p.prefix for p in PAGES}) == len(PAGES), "slugs and prefixes are unique"


def page(slug):
    """The :class:`PageInfo` of `slug` (a page script calls ``page("curve_fitting")``)."""
    return _BY_SLUG[slug]


def by_prefix(prefix):
    """The :class:`PageInfo` whose widget keys start with `prefix`, or None."""
    return next((p for p in PAGES if p.prefix == prefix), None)
