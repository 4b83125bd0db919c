"""The exported script for a KDE: scipy.stats.gaussian_kde with the page's bandwidth (and reflection)."""

import numpy as np
import pandas as pd

from core.common.codegen import data_source, header, literal

__all__ = ["export_frame", "kde_script", "PROBES"]

#: Grid positions (fractions of the grid) whose density the script prints, to compare with the page.
PROBES = (0.25, 0.5, 0.75)


def export_frame(values, weights=None):
    cols = {"value": np.asarray(values, dtype=float)}
    if weights is not None:
        cols["weight"] = np.asarray(weights, dtype=float)
    return pd.DataFrame(cols)


def kde_script(result, frame, *, source_note="your data"):
    """Script printing the bandwidth, the density at a few grid points and its integral."""
    src, needs_file = data_source(frame)
    lo, hi = result.bounds
    log = result.log_scale
    if log:  # estimated on log x: the bounds (and the bandwidth) are in log units
        lo = None if lo in (None, 0) else float(np.log(lo))
        hi = None if hi is None else float(np.log(hi))
    probes = [float(result.grid[int(p * (result.grid.size - 1))]) for p in PROBES]
    lines = [header(f"Kernel density estimate ({result.rule} bandwidth{', on log x' if log else ''}) with "
                    "scipy.stats.gaussian_kde", source_note,
                    needs_file), "import io", "", "import numpy as np", "import pandas as pd",
             "from scipy import stats", "", src,
             "x = np.log(data['value'].to_numpy(dtype=float))  # estimated on log x" if log else
             "x = data['value'].to_numpy(dtype=float)",
             "w = data['weight'].to_numpy(dtype=float) if 'weight' in data else None", ""]
    if result.rule in ("scott", "silverman"):
        lines.append(f"kde = stats.gaussian_kde(x, bw_method={result.rule!r}, weights=w)")
    else:
        lines += [f"# Bandwidth (kernel SD) chosen on the page by the {result.rule!r} rule.",
                  f"h = {literal(result.bandwidth)}",
                  "kde = stats.gaussian_kde(x, weights=w)",
                  "kde.set_bandwidth(bw_method=h / np.sqrt(kde.covariance[0, 0] / kde.factor**2))"]
    lines += ["", "", "def density(points):", "    points = np.asarray(points, dtype=float)"]
    if log:
        lines += ["    scale = points  # the Jacobian of log x", "    points = np.log(points)"]
    lines.append("    f = kde(points)")
    if lo is not None:
        lines.append(f"    f = f + kde(2 * {literal(lo)} - points)  # reflection at the lower bound")
    if hi is not None:
        lines.append(f"    f = f + kde(2 * {literal(hi)} - points)  # reflection at the upper bound")
    if lo is not None or hi is not None:
        lo_s = "-np.inf" if lo is None else literal(lo)
        hi_s = "np.inf" if hi is None else literal(hi)
        lines.append(f"    f = np.where((points >= {lo_s}) & (points <= {hi_s}), f, 0.0)")
    lines.append("    return f / scale" if log else "    return f")
    if log:
        grid = (f"grid = np.exp(np.linspace({literal(float(np.log(result.grid[0])))}, "
                f"{literal(float(np.log(result.grid[-1])))}, {result.grid.size}))")
    else:
        grid = (f"grid = np.linspace({literal(float(result.grid[0]))}, {literal(float(result.grid[-1]))}, "
                f"{result.grid.size})")
    lines += ["", "", grid,
              "print(f'bandwidth = {float(np.sqrt(kde.covariance[0, 0]))!r}')",
              f"for i, point in enumerate({literal(probes)}):",
              "    print(f'density_{i} = {float(density([point])[0])!r}')",
              "print(f'integral = {float(np.trapezoid(density(grid), grid))!r}')", ""]
    return "\n".join(lines)
