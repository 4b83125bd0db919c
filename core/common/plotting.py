"""The plot style every page shares: semantic colours, axis layout, Q-Q points.

Colours are left to the Streamlit theme where possible, so light and dark modes both read well; only the
semantic colours below are fixed.
"""

import numpy as np
from scipy import stats

__all__ = ["DATA_COLOR", "FIT_COLOR", "BAND_COLOR", "PRED_COLOR", "PALETTE", "layout", "axis_layout", "qq_points"]

DATA_COLOR = "#7f8c9b"
FIT_COLOR = "#e4572e"
BAND_COLOR = "rgba(228, 87, 46, 0.22)"
PRED_COLOR = "rgba(228, 87, 46, 0.7)"
PALETTE = ["#e4572e", "#17becf", "#76b041", "#ffc914", "#9467bd", "#2e86ab", "#f08a4b", "#8c564b"]


def layout(fig, x_label, y_label, title=None):
    fig.update_layout(title=title, margin=dict(l=10, r=10, t=40 if title else 10, b=10),
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0), hovermode="closest")
    fig.update_xaxes(title_text=x_label)
    fig.update_yaxes(title_text=y_label)
    return fig


def axis_layout(fig, x_label, y_label, **layout):
    """The layout every page's figures share: tight margins, a horizontal legend on top, axis titles."""
    fig.update_layout(margin=dict(l=10, r=10, t=30, b=10), legend=dict(orientation="h", y=1.08, x=0), **layout)
    fig.update_xaxes(title_text=x_label)
    fig.update_yaxes(title_text=y_label)
    return fig


def qq_points(values, max_points):
    """Normal Q-Q points (Filliben's order-statistic medians, as scipy.stats.probplot) at up to
    `max_points` ranks, always including both ends: sorting is O(n log n), but the normal quantiles are
    only computed for the ranks that are drawn."""
    ordered = np.sort(values)
    n = ordered.size
    ranks = np.unique(np.linspace(0, n - 1, min(n, max_points)).astype(np.int64)) if n else np.array([], int)
    m = (ranks + 1 - 0.3175) / (n + 0.365)
    if n:
        last = 0.5 ** (1.0 / n)
        m = np.where(ranks == n - 1, last, np.where(ranks == 0, 1 - last, m))
    return stats.norm.ppf(m), ordered[ranks]
