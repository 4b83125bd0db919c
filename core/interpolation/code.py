"""Exported scripts for interpolation: the same scipy object on the same points, printed at probe points."""

import numpy as np
import pandas as pd

from core.common.codegen import data_source, header, literal

__all__ = ["script_1d", "script_2d", "script_grid", "probes_1d"]


def probes_1d(interpolant):
    x = interpolant.x
    return [float(x[0] + f * (x[-1] - x[0])) for f in (0.1, 0.37, 0.5, 0.83)]


_BUILD = {
    "linear": "interpolate.make_interp_spline(x, y, k=1)",
    "quadratic": "interpolate.make_interp_spline(x, y, k=2)",
    "cubic": "interpolate.make_interp_spline(x, y, k=3)",
    "pchip": "interpolate.PchipInterpolator(x, y)",
    "akima": "interpolate.Akima1DInterpolator(x, y, method='akima')",
    "makima": "interpolate.Akima1DInterpolator(x, y, method='makima')",
    # rng: scipy permutes the points at random to compute the barycentric weights stably; the seed fixes it.
    "barycentric": "interpolate.BarycentricInterpolator(x, y, rng=0)",
    "krogh": "interpolate.KroghInterpolator(x, y)",
}


def script_1d(interpolant, options, *, source_note="your data"):
    """Script rebuilding `interpolant` (its sorted, de-duplicated points) and printing it at probe points."""
    weighted = interpolant.w is not None
    frame = pd.DataFrame({"x": interpolant.x, "y": interpolant.y, **({"w": interpolant.w} if weighted else {})})
    src, needs_file = data_source(frame)
    m = interpolant.method
    lines = [header(f"1-D interpolation ({m}) with scipy.interpolate", source_note, needs_file), "import io", "",
             "import numpy as np", "import pandas as pd", "from scipy import interpolate", "",
             "# The points as the page used them: sorted by x, repeated x averaged"
             + (" (weighted) with their weights combined." if weighted else "."), src,
             "x = data['x'].to_numpy(dtype=float)", "y = data['y'].to_numpy(dtype=float)",
             *(["w = data['w'].to_numpy(dtype=float)"] if weighted else []), ""]
    w_arg = ", w=w" if weighted else ""
    if m in _BUILD:
        lines.append(f"f = {_BUILD[m]}")
    elif m == "cubic_spline":
        lines.append(f"f = interpolate.CubicSpline(x, y, bc_type={literal(options.get('bc_type', 'not-a-knot'))})")
    elif m == "smoothing_spline":
        lam = interpolant.lam if interpolant.lam is not None else options.get("lam")
        lines.append(f"f = interpolate.make_smoothing_spline(x, y{w_arg}, lam={literal(lam)})"
                     + ("  # lam=None: chosen by GCV" if lam is None else ""))
    elif m == "univariate_spline":
        lines.append(f"f = interpolate.UnivariateSpline(x, y{w_arg}, k=3, s={literal(options.get('s'))})")
    else:
        lines += ["", "", "def f(x_new):", "    x_new = np.asarray(x_new, dtype=float)"]
        if m == "previous":
            lines.append("    i = np.clip(np.searchsorted(x, x_new, side='right') - 1, 0, x.size - 1)")
        elif m == "next":
            lines.append("    i = np.clip(np.searchsorted(x, x_new, side='left'), 0, x.size - 1)")
        else:
            lines += ["    right = np.clip(np.searchsorted(x, x_new, side='left'), 1, x.size - 1)",
                      "    left = right - 1",
                      "    i = np.where(x_new - x[left] <= x[right] - x_new, left, right)"]
        lines += ["    return y[i]", ""]
    # All probes in one call, as the page evaluates them (a high-degree polynomial's value depends on the
    # order of its floating-point sums, which differs between one point and an array).
    lines += ["", f"values = f(np.array({literal(probes_1d(interpolant))}))",
              "for i, value in enumerate(values):", "    print(f'value_{i} = {float(value)!r}')", ""]
    return "\n".join(lines)


def script_2d(points, values, method, options, probes, *, source_note="your data"):
    frame = pd.DataFrame({"x": np.asarray(points)[:, 0], "y": np.asarray(points)[:, 1], "z": np.asarray(values)})
    src, needs_file = data_source(frame)
    lines = [header(f"2-D scattered interpolation ({method}) with scipy.interpolate", source_note, needs_file),
             "import io", "", "import numpy as np", "import pandas as pd", "from scipy import interpolate", "", src,
             "points = data[['x', 'y']].to_numpy(dtype=float)", "values = data['z'].to_numpy(dtype=float)",
             f"probes = np.array({literal([list(map(float, p)) for p in probes])})", ""]
    if method == "rbf":
        kw = ", ".join(f"{k}={literal(v)}" for k, v in options.items())
        lines.append(f"result = interpolate.RBFInterpolator(points, values{', ' + kw if kw else ''})(probes)")
    else:
        lines.append(f"result = interpolate.griddata(points, values, probes, method={method!r})")
    lines += ["for i, value in enumerate(result):", "    print(f'value_{i} = {float(value)!r}')", ""]
    return "\n".join(lines)


def script_grid(grid, method, probes, *, source_note="your data"):
    """Script rebuilding the grid from its long table and evaluating RegularGridInterpolator at `probes`."""
    X, Y = np.meshgrid(grid.x, grid.y)
    frame = pd.DataFrame({"x": X.ravel(), "y": Y.ravel(), "z": grid.z.ravel()})
    src, needs_file = data_source(frame)
    lines = [header(f"Gridded 2-D interpolation ({method}) with scipy.interpolate.RegularGridInterpolator",
                    source_note, needs_file),
             "import io", "", "import numpy as np", "import pandas as pd", "from scipy import interpolate", "", src,
             "# One row per (x, y) cell: pivot to the grid, rows along y and columns along x.",
             "table = data.pivot(index='y', columns='x', values='z')",
             "x = table.columns.to_numpy(dtype=float)", "y = table.index.to_numpy(dtype=float)",
             "z = table.to_numpy(dtype=float)", "",
             f"f = interpolate.RegularGridInterpolator((x, y), z.T, method={method!r}, bounds_error=False, "
             "fill_value=np.nan)",
             f"probes = np.array({literal([list(map(float, p)) for p in probes])})",
             "result = f(probes)",
             "for i, value in enumerate(result):", "    print(f'value_{i} = {float(value)!r}')", ""]
    return "\n".join(lines)
