"""Probe every scipy.stats distribution: what the distributions page would spend on it, per point, at SciPy's own
test parameters. Writes ``core/distributions/costs.py``, the table the page budgets with.

Run from the project root:  python -m bench.probe_distributions  [--only NAME ...] [--timeout S]

Each family runs in its own process with a memory cap (4 GiB) and a time limit per stage, so a family that
takes minutes or runs out of memory is recorded as such instead of stopping the probe. Stages, each timed on a
few points and reported per point: pdf/pmf, cdf, sf, ppf, logpdf; then the moments, the entropy, the median
with a central interval, 1,000 draws, and maximum-likelihood fits of 1,000 and 10,000 points (continuous only). Never part of the
test run; rerun it when SciPy changes.
"""

import argparse
import json
import os
import pprint
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "core" / "common" / "distribution_costs.py"
STAGES = ("pdf", "cdf", "sf", "ppf", "logpdf", "moments", "entropy", "median", "rvs", "fit", "fit_fixed")


def _worker(name, params):
    """Run in the child: print one JSON line per stage as it finishes."""
    import resource
    import warnings

    import numpy as np
    from scipy import stats

    resource.setrlimit(resource.RLIMIT_AS, (4 * 2**30, 4 * 2**30))
    warnings.simplefilter("ignore")
    np.seterr(all="ignore")
    dist = getattr(stats, name)
    d = dist(*params)
    discrete = isinstance(dist, stats.rv_discrete)
    lo, hi = d.ppf([0.01, 0.99])
    if not (np.isfinite(lo) and np.isfinite(hi)) or lo == hi:
        lo, hi = (lo, lo + 1) if np.isfinite(lo) else (-1.0, 1.0)
    x = np.linspace(lo, hi, 20)
    if discrete:
        x = np.round(x)
    q = np.linspace(0.01, 0.99, 20)

    def emit(stage, seconds, points=1):
        print(json.dumps({"stage": stage, "seconds": seconds / points}), flush=True)

    for stage, fn, points in (("pdf", lambda: d.pmf(x) if discrete else d.pdf(x), x.size),
                              ("cdf", lambda: d.cdf(x), x.size), ("sf", lambda: d.sf(x), x.size),
                              ("ppf", lambda: d.ppf(q), q.size),
                              ("logpdf", lambda: d.logpmf(x) if discrete else d.logpdf(x), x.size)):
        fn()  # first call: caches, vectorisation set-up
        start = time.perf_counter()
        fn()
        emit(stage, time.perf_counter() - start, points)
    for stage, fn in (("moments", lambda: d.stats(moments="mvsk")), ("entropy", d.entropy),
                      ("median", lambda: (d.median(), d.interval(0.95)))):
        start = time.perf_counter()
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - a SciPy failure in one summary is recorded, the rest go on
            print(json.dumps({"stage": stage, "seconds": f"failed: {type(exc).__name__}: {exc}"[:160]}), flush=True)
            continue
        emit(stage, time.perf_counter() - start)
    start = time.perf_counter()
    draws = d.rvs(size=1000, random_state=np.random.default_rng(0))
    emit("rvs", time.perf_counter() - start)
    if not discrete:  # a fit costs a fixed part and a part per point: time 1,000 and 10,000 points (tiled draws)
        start = time.perf_counter()
        dist.fit(draws)
        small = time.perf_counter() - start
        if small > 5:  # too slow to time a larger fit: all of it counted per point
            emit("fit", small, draws.size)
            emit("fit_fixed", 0.0)
            return
        start = time.perf_counter()
        dist.fit(np.tile(draws, 10))
        large = time.perf_counter() - start
        slope = max(large - small, small / 10) / (9 * draws.size)  # at least a tenth of the small fit per point
        emit("fit", slope)
        emit("fit_fixed", max(small - draws.size * slope, 0.0))


def _probe(name, params, timeout):
    """Stage -> seconds (per point where it is a per-point stage), or "timeout" / "failed: ..." for the stage that
    did not finish."""
    cmd = [sys.executable, "-m", "bench.probe_distributions", "--worker", name, json.dumps(list(params))]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out = {}
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, stderr = proc.communicate()
        stderr = "timeout"
    for line in stdout.splitlines():
        row = json.loads(line)
        out[row["stage"]] = row["seconds"]
    if len(out) < len(STAGES) and not (proc.returncode == 0 and "rvs" in out):
        missing = next(s for s in STAGES if s not in out)
        out[missing] = "timeout" if stderr == "timeout" else "failed: " + (stderr.strip().splitlines() or ["?"])[-1][:120]
    return out


def _families():
    from scipy.stats._distr_params import distcont, distdiscrete

    from core.common.distributions import CONTINUOUS, DISCRETE

    params = {}
    for name, args in [*distcont, *distdiscrete]:
        params.setdefault(name, tuple(args))  # the first entry: SciPy's own test parameters
    return {n: params[n] for n in (*CONTINUOUS, *DISCRETE) if n in params}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="probe only these families (prints, writes nothing)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per family (all stages)")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return _worker(args.worker[0], tuple(json.loads(args.worker[1])))
    families = _families()
    names = args.only or list(families)
    table = {}
    for name in names:
        params = families[name]
        if any(isinstance(p, (list, tuple)) for p in params):
            table[name] = {"params": params, "skip": "its parameter is an array"}
            print(f"{name:24s} skipped (array parameter)", flush=True)
            continue
        start = time.perf_counter()
        costs = _probe(name, params, args.timeout)
        table[name] = {"params": [float(p) for p in params], **costs}
        shown = {k: (f"{v:.2g}" if isinstance(v, float) else v) for k, v in costs.items()}
        print(f"{name:24s} {time.perf_counter() - start:6.1f} s  {shown}", flush=True)
    if args.only:
        return None
    doc = ("Measured by bench/probe_distributions.py (do not edit by hand): for each scipy.stats distribution at\n"
           "SciPy's own test parameters, seconds per point for pdf/pmf, cdf, sf, ppf and logpdf; seconds for the\n"
           "moments, the entropy, the median with an interval, and 1,000 draws; a fit's seconds per point and its\n"
           "fixed seconds (from fits of 1,000 and 10,000 points). A stage that did not finish within the probe's limit\n"
           "is \"timeout\" or \"failed: ...\".")
    text = (f'"""{doc}"""\n\n#: scipy {__import__("scipy").__version__}, probed {time.strftime("%Y-%m-%d")} on a '
            f"{os.cpu_count()}-core machine\nCOSTS = {pprint.pformat(table, width=116, sort_dicts=True)}\n")
    OUT.write_text(text)
    print(f"wrote {OUT.relative_to(ROOT)}")
    return None


if __name__ == "__main__":
    main()
