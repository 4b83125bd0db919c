"""The exported script for a curve fit: the same data, model, start values, bounds and optimizer call."""

import numpy as np
import pandas as pd

from core.common.expressions import compile_expression
from core.common.codegen import data_source, header, literal

__all__ = ["export_frame", "fit_script", "fitted_frame"]


def fitted_frame(result, columns, x, y_name):
    """The data with the fitted values and residuals (the page's CSV download).

    `columns` maps each column name to its values (x columns, y, sigma), in the order they are written; the
    computed columns are ``fitted`` and ``residual``, suffixed ``_2``, ``_3``, ... when the data has those names.
    """
    frame = pd.DataFrame(dict(columns))
    fitted, residual = _free_name("fitted", frame.columns), _free_name("residual", [*frame.columns, "fitted"])
    frame[fitted] = result.predict(x)
    frame[residual] = frame[y_name] - frame[fitted]
    return frame


def _free_name(name, taken):
    """`name`, or `name_2`, `name_3`, ... : a computed column never replaces one of the user's."""
    taken, candidate, i = set(map(str, taken)), name, 1
    while candidate in taken:
        i += 1
        candidate = f"{name}_{i}"
    return candidate


def export_frame(x, y, sigma=None):
    """The data of a fit as a DataFrame with the columns the script reads (x or x1.., y, sigma)."""
    x = np.asarray(x, dtype=float)
    cols = {"x": x} if x.ndim == 1 else {f"x{i + 1}": row for i, row in enumerate(x)}
    cols["y"] = np.asarray(y, dtype=float)
    if sigma is not None:
        cols["sigma"] = np.asarray(sigma, dtype=float)
    return pd.DataFrame(cols)


def _tied_lines(result, free, fixed):
    """Print each tied parameter (b = 2*a), computed from the fitted ones as the page does."""
    lines = []
    for tie in result.tied:
        c = compile_expression(tie.text, variables=())
        lines.append(f"# {tie.name} = {tie.text} was substituted into the model; its value from the fitted ones:")
        lines += [f"{u} = float(popt[{free.index(u)}])" if u in free else f"{u} = {literal(fixed[u])}"
                  for u in c.parameters]
        lines.append(f"print(f'{tie.name} = {{float({c.to_source()})!r}}')")
    return lines


def fit_script(result, frame, *, source_note="the data you fitted", column_note=None):
    """A self-contained script that repeats `result`'s fit on `frame` (from :func:`export_frame`).

    It prints each parameter and its standard error, RSS and R², one ``name = value`` per line.
    """
    src_data, needs_file = data_source(frame)
    variables = result.expression.variables
    multi = len(variables) > 1
    names = list(result.parameter_names)
    free = list(result.free)
    fixed = {k: result.params[k] for k in names if k not in free}
    call = dict(result.call)
    method = call.pop("method", "lm")

    lines = [header(f"Curve fit of {result.formula!r} with scipy.optimize.curve_fit", source_note, needs_file),
             "import io", "", "import numpy as np", "import pandas as pd", "from scipy.optimize import curve_fit", ""]
    if column_note:
        lines.append(f"# Columns: {column_note!r}")
    lines.append(src_data)
    if multi:
        lines.append(f"x = np.vstack([{', '.join(f'data[{v!r}].to_numpy(dtype=float)' for v in variables)}])")
    else:
        lines.append("x = data['x'].to_numpy(dtype=float)")
    lines.append("y = data['y'].to_numpy(dtype=float)")
    weighted = "sigma" in frame.columns and result.weighted
    if weighted:
        lines.append("sigma = data['sigma'].to_numpy(dtype=float)")
    lines += ["", "", f"def model({'X' if multi else 'x'}, {', '.join(names)}):"]
    if multi:
        lines.append(f"    {', '.join(variables)} = X")
    lines += [f"    return {result.expression.to_source()}", ""]
    target = "model"
    if fixed:
        fixed_names = {k: f"{k.upper()}_FIXED" for k in fixed}
        lines += [""] + [f"{fixed_names[k]} = {literal(v)}" for k, v in fixed.items()] + ["", "",
                  f"def model_free(x, {', '.join(free)}):",
                  f"    return model(x, {', '.join(fixed_names.get(k, k) for k in names)})", ""]
        target = "model_free"
    lines += ["", f"names = {literal(free)}", f"p0 = {literal([result.p0[k] for k in free])}"]
    args = [target, "x", "y", "p0=p0"]
    lo = [result.bounds[k][0] for k in free]
    hi = [result.bounds[k][1] for k in free]
    if any(np.isfinite(lo)) or any(np.isfinite(hi)):
        lines.append(f"bounds = ({literal(lo)}, {literal(hi)})")
        args.append("bounds=bounds")
    if weighted:
        args += ["sigma=sigma", f"absolute_sigma={result.absolute_sigma!r}"]
    args.append(f"method={method!r}")
    if method != "lm" and (result.loss != "linear"):
        args += [f"loss={result.loss!r}", f"f_scale={literal(result.f_scale)}"]
    args += [f"{k}={literal(v)}" for k, v in call.items()]
    args.append("full_output=True")
    call_lines = ["popt, pcov, info, message, ier = curve_fit(", "    " + ",\n    ".join(args) + ",", ")"]
    if result.undefined_trials:
        # The page saw the optimizer try values where the model is NaN (and step back): say so, without the warning.
        call_lines = ["# The optimizer tries some parameter values where the model is undefined (e.g. a negative",
                      "# base to a fractional power gives NaN) and steps back from them: NumPy's warning is silenced.",
                      "with np.errstate(invalid='ignore'):"] + ["    " + line for line in "\n".join(call_lines).split("\n")]
    lines += call_lines
    lines += ["perr = np.sqrt(np.diag(pcov))",
              f"resid = y - {target}(x, *popt)"]
    if weighted:
        lines += ["w = 1.0 / sigma**2", "chi2 = float(np.sum(w * resid**2))",
                  "tss = float(np.sum(w * (y - np.sum(w * y) / np.sum(w))**2))"]
    else:
        lines += ["chi2 = float(resid @ resid)", "tss = float(np.sum((y - y.mean())**2))"]
    lines += ["rss = float(resid @ resid)", "", "print(' '.join(str(message).split()))",
              "for name, value, error in zip(names, popt, perr):",
              "    print(f'{name} = {float(value)!r}')",
              "    print(f'stderr_{name} = {float(error)!r}')",
              *_tied_lines(result, free, fixed),
              "print(f'rss = {rss!r}')",
              "print(f'r_squared = {1.0 - chi2 / tss!r}')", ""]
    return "\n".join(lines)
