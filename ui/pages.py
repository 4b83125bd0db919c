"""The pages of the app, in one place: the router (app.py) and the home page both read this list."""

from dataclasses import dataclass

__all__ = ["PageInfo", "PAGES", "SECTIONS"]


@dataclass(frozen=True)
class PageInfo:
    path: str
    title: str
    icon: str
    section: str
    url_path: str
    blurb: str


SECTIONS = ("Fit & test", "Signals & images", "Distributions & shapes")

PAGES = [
    PageInfo("pages/curve_fitting.py", "Curve fitting", ":material/show_chart:", "Fit & test", "curve-fitting",
             "Fit a built-in model or your own formula with scipy.optimize.curve_fit: parameters with standard "
             "errors and confidence intervals, bands, residual diagnostics and model comparison by AIC."),
]
