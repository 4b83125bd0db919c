"""Benchmark table: page reruns (time, figure bytes) and core functions beside the bare SciPy call.

Run from the project root:  python -m bench.run  [--quick]

Times are medians of repeated runs on this machine; compare the ratios, which are measured in one run
side by side, rather than absolute times (machines are shared and noisy). Never part of the test run.
"""

import argparse
import io
import json
import os
import statistics
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import curve_fit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.common import minmax_indices, read_table  # noqa: E402
from core.fitting import MODELS, fit_curve  # noqa: E402


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_mb(fn):
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def bench_pages(rows):
    from streamlit.testing.v1 import AppTest
    from ui.pages import PAGES, page

    scenarios = [(p.path, p.title + " (default sample)", {}) for p in PAGES]
    cf = page("curve_fitting")
    scenarios.append((cf.path, f"{cf.title} (1,000,000 synthetic points)",
                      {f"{cf.prefix}_source": "Synthetic", f"{cf.prefix}_syn_n": 1_000_000}))
    for path, label, state in scenarios:
        at = AppTest.from_file(str(ROOT / path), default_timeout=300)
        for k, v in state.items():
            at.session_state[k] = v
        start = time.perf_counter()
        at.run()
        cold = time.perf_counter() - start
        start = time.perf_counter()
        at.run()
        warm = time.perf_counter() - start
        figure_bytes = sum(len(el.proto.spec) for el in at.get("plotly_chart"))
        rows.append({"what": f"page: {label}", "ours_s": cold, "bare_s": np.nan, "ratio": np.nan,
                     "peak_MB": np.nan,
                     "note": f"rerun (cached) {warm:.3f} s; figures {figure_bytes / 1e3:,.0f} kB; "
                             f"exception={bool(at.exception)}"})


def bench_fit(rows, sizes, repeat):
    model = MODELS["exponential"]
    f = lambda x, a, k, c: a * np.exp(-k * x) + c  # noqa: E731  (what a user would write)
    rng = np.random.default_rng(0)
    for n in sizes:
        x = np.linspace(0, 8, n)
        y = 5 * np.exp(-0.8 * x) + 1 + rng.normal(0, 0.05, n)
        guess = model.guess(x, y)
        p0 = [guess[k] for k in model.parameters]
        ours = timed(lambda: fit_curve("exponential", x, y, p0=dict(zip(model.parameters, p0))), repeat)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bare = timed(lambda: curve_fit(f, x, y, p0=p0), repeat)
        mem = peak_mb(lambda: fit_curve("exponential", x, y, p0=dict(zip(model.parameters, p0))))
        rows.append({"what": f"fit_curve exponential, n={n:,}", "ours_s": ours, "bare_s": bare,
                     "ratio": ours / bare, "peak_MB": mem,
                     "note": "bare: curve_fit(lambda, p0) with defaults"})


def bench_read(rows, sizes, repeat):
    rng = np.random.default_rng(1)
    for n in sizes:
        frame = pd.DataFrame({"x": np.arange(n, dtype=float), "y": rng.normal(size=n)})
        data = frame.to_csv(index=False).encode()
        ours = timed(lambda: read_table(data), repeat)
        bare = timed(lambda: pd.read_csv(io.BytesIO(data)), repeat)
        mem = peak_mb(lambda: read_table(data))
        rows.append({"what": f"read_table CSV, {n:,} rows ({len(data) / 2**20:.1f} MB)", "ours_s": ours,
                     "bare_s": bare, "ratio": ours / bare, "peak_MB": mem,
                     "note": "bare: pandas.read_csv with defaults (no checks, no sniffing)"})


def bench_decimate(rows, sizes, repeat):
    rng = np.random.default_rng(2)
    for n in sizes:
        x = np.sort(rng.uniform(size=n))
        y = rng.normal(size=n)
        ours = timed(lambda: minmax_indices(x, y, 4000), repeat)
        rows.append({"what": f"minmax decimation, n={n:,}", "ours_s": ours, "bare_s": np.nan, "ratio": np.nan,
                     "peak_MB": peak_mb(lambda: minmax_indices(x, y, 4000)), "note": "to 4,000 points"})


def bench_stat_tests(rows, n, repeat):
    from scipy import stats

    from core.stats import run_test

    rng = np.random.default_rng(3)
    a, b = rng.normal(0, 1, n), rng.normal(0.01, 1.1, n)
    c = a + rng.normal(0.01, 0.5, n)
    cases = [("ttest_ind", (a, b), {"equal_var": False}, lambda: stats.ttest_ind(a, b, equal_var=False)),
             ("ttest_rel", (a, c), {}, lambda: stats.ttest_rel(a, c)),
             ("mannwhitneyu", (a, b), {}, lambda: stats.mannwhitneyu(a, b)),
             ("wilcoxon", (a, c), {}, lambda: stats.wilcoxon(a, c)),
             ("ks_2samp", (a, b), {}, lambda: stats.ks_2samp(a, b)),
             ("f_oneway", (a, b, c), {}, lambda: stats.f_oneway(a, b, c)),
             ("kruskal", (a, b, c), {}, lambda: stats.kruskal(a, b, c)),
             ("levene", (a, b, c), {}, lambda: stats.levene(a, b, c, center="median")),
             ("pearsonr", (a, c), {}, lambda: stats.pearsonr(a, c)),
             ("spearmanr", (a, c), {}, lambda: stats.spearmanr(a, c)),
             ("kendalltau", (a, c), {}, lambda: stats.kendalltau(a, c))]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for test, samples, options, bare in cases:
            ours = timed(lambda: run_test(test, *samples, **options), repeat)
            ref = timed(bare, repeat)
            rows.append({"what": f"run_test {test}, {len(samples)} x {n:,}", "ours_s": ours, "bare_s": ref,
                         "ratio": ours / ref, "peak_MB": np.nan, "note": "bare: the scipy.stats call alone"})
        for test in ("permutation_test", "bootstrap"):
            start = time.perf_counter()
            r = run_test(test, a, b)
            rows.append({"what": f"run_test {test}, 2 x {n:,}", "ours_s": time.perf_counter() - start,
                         "bare_s": np.nan, "ratio": np.nan, "peak_MB": np.nan,
                         "note": f"{r.options['n_resamples']:,} resamples chosen for this size"})


def bench_density(rows, n, repeat):
    from scipy import stats

    from core.density import kde, kde2d

    rng = np.random.default_rng(4)
    x = np.concatenate([rng.normal(0, 1, n // 2), rng.normal(4, 0.5, n - n // 2)])
    ours = timed(lambda: kde(x, bandwidth="scott", gridsize=512), repeat)
    grid = kde(x, bandwidth="scott", gridsize=512).grid
    start = time.perf_counter()
    stats.gaussian_kde(x)(grid)
    bare = time.perf_counter() - start
    rows.append({"what": f"kde scott, n={n:,}, 512-point grid", "ours_s": ours, "bare_s": bare, "ratio": ours / bare,
                 "peak_MB": peak_mb(lambda: kde(x, gridsize=512)), "note": "bare: scipy.stats.gaussian_kde (direct)"})
    try:
        from KDEpy import FFTKDE
    except ImportError:
        rows.append({"what": "kde vs KDEpy FFTKDE", "ours_s": np.nan, "bare_s": np.nan, "ratio": np.nan,
                     "peak_MB": np.nan, "note": "KDEpy not installed (pip install -r requirements-dev.txt)"})
    else:
        h = kde(x, bandwidth="scott").bandwidth
        fast = timed(lambda: FFTKDE(kernel="gaussian", bw=h).fit(x).evaluate(512), repeat)
        rows.append({"what": f"kde scott, n={n:,}, vs KDEpy", "ours_s": ours, "bare_s": fast, "ratio": ours / fast,
                     "peak_MB": np.nan, "note": "bare: KDEpy FFTKDE(bw=h).fit(x).evaluate(512)"})
    for rule in ("isj", "lscv"):
        rows.append({"what": f"kde {rule}, n={n:,}", "ours_s": timed(lambda: kde(x, bandwidth=rule), repeat),
                     "bare_s": np.nan, "ratio": np.nan, "peak_MB": np.nan, "note": "bandwidth selection included"})
    x2, y2 = rng.normal(size=(2, 100_000))
    rows.append({"what": "kde2d, n=100,000, 128x128", "ours_s": timed(lambda: kde2d(x2, y2), repeat),
                 "bare_s": np.nan, "ratio": np.nan, "peak_MB": np.nan, "note": "binned FFT, HDR levels included"})


def bench_interpolation(rows, n, repeat):
    from scipy import interpolate

    from core.interpolation import build_1d, interpolate_2d

    rng = np.random.default_rng(5)
    x = np.sort(rng.uniform(0, 100, n))
    y = np.sin(x) + 0.01 * rng.normal(size=n)
    x_new = rng.uniform(0, 100, n)
    # Linear's reference is numpy.interp: make_interp_spline(k=1) evaluated at unsorted points takes ~130 s here.
    bare = {"linear": lambda: np.interp(x_new, x, y),
            "cubic_spline": lambda: interpolate.CubicSpline(x, y)(x_new),
            "pchip": lambda: interpolate.PchipInterpolator(x, y)(x_new),
            "makima": lambda: interpolate.Akima1DInterpolator(x, y, method="makima")(x_new)}
    for method, call in bare.items():
        ours = timed(lambda: build_1d(x, y, method=method)(x_new), repeat)
        ref = timed(call, repeat)
        rows.append({"what": f"interpolate_1d {method}, {n:,} -> {n:,}", "ours_s": ours, "bare_s": ref,
                     "ratio": ours / ref, "peak_MB": np.nan, "note": "bare: the scipy object built and evaluated"})
    for m in (10_000, 100_000):
        xs = np.sort(rng.uniform(0, 10, m))
        ys = np.sin(xs) + rng.normal(0, 0.2, m)
        rows.append({"what": f"smoothing_spline (GCV), n={m:,}",
                     "ours_s": timed(lambda: build_1d(xs, ys, method="smoothing_spline"), 1),
                     "bare_s": np.nan, "ratio": np.nan, "peak_MB": np.nan,
                     "note": "lam by GCV on 2,000 points, spline on all (bare make_smoothing_spline: ~5 s / ~77 s)"})
    p = rng.uniform(size=(100_000, 2))
    v = np.sin(6 * p[:, 0]) * np.cos(4 * p[:, 1])
    gx, gy = np.meshgrid(np.linspace(0, 1, 200), np.linspace(0, 1, 200))
    xi = np.column_stack([gx.ravel(), gy.ravel()])
    for method, opts in (("linear", {}), ("rbf", {"neighbors": 30})):
        start = time.perf_counter()
        interpolate_2d(p, v, xi, method=method, **opts)
        rows.append({"what": f"interpolate_2d {method}, 100,000 points -> 200x200", "ours_s": time.perf_counter() - start,
                     "bare_s": np.nan, "ratio": np.nan, "peak_MB": np.nan, "note": str(opts or "griddata")})


def bench_morphology(rows, side, repeat):
    """4096 x 4096 (or `side`) image: our operations beside the bare scipy.ndimage call on the same array."""
    from scipy import ndimage as ndi

    from core.morphology import image_figure, reduce_for_display, to_rgb
    from core.morphology import apply_operation, label_regions, split_touching, structuring_element

    rng = np.random.default_rng(0)
    grey = ndi.gaussian_filter(rng.random((side, side)).astype(np.float32), 4) * 255
    mask = grey > np.median(grey)
    cases = [
        ("binary_opening", "square", 3), ("grey_opening", "square", 3),  # below the separable crossover: ndimage
        ("binary_erosion", "square", 15), ("binary_opening", "square", 15), ("binary_closing", "square", 31),
        ("binary_opening", "disk", 15), ("grey_opening", "square", 15), ("grey_erosion", "disk", 9),
        ("gaussian_filter", None, None), ("median_filter", "square", 5), ("sobel", None, None),
        ("distance_transform_edt", None, None),
    ]
    for op, shape, size in cases:
        kind = "binary" if op.startswith("binary") or op == "distance_transform_edt" else "grey"
        image = mask if kind == "binary" else grey
        kw = {"shape": shape, "size": size} if shape else {"sigma": 2.0} if op == "gaussian_filter" else {}
        se = structuring_element(shape, size) if shape else None
        if op.startswith("binary"):
            def bare(): return getattr(ndi, op)(image, structure=se)
        elif op in ("grey_opening", "grey_erosion", "median_filter"):
            def bare(): return getattr(ndi, op)(image, footprint=se)
        elif op == "sobel":
            def bare(): return np.hypot(ndi.sobel(image, 0), ndi.sobel(image, 1))
        elif op == "gaussian_filter":
            def bare(): return ndi.gaussian_filter(image, 2.0)
        else:
            def bare(): return ndi.distance_transform_edt(image)
        reps = 1 if (op.startswith("binary") and shape != "square") or op == "median_filter" else repeat
        ours = timed(lambda: apply_operation(image, op, **kw), reps)
        ref = timed(bare, reps)
        same = np.array_equal(apply_operation(image, op, **kw), bare())
        rows.append({"what": f"{op} {shape or ''} {size or ''} on {side}x{side}".replace("  ", " "),
                     "ours_s": ours, "bare_s": ref, "ratio": ours / ref,
                     "peak_MB": peak_mb(lambda: apply_operation(image, op, **kw)) if op == "binary_opening" else np.nan,
                     "note": f"identical={same}; bare: scipy.ndimage with the same element"})
    rows.append({"what": f"label_regions (8-conn) on {side}x{side}, table with intensity",
                 "ours_s": timed(lambda: label_regions(mask, intensity=grey), 1),
                 "bare_s": timed(lambda: ndi.label(mask, structure=np.ones((3, 3)))[0], 1), "ratio": np.nan,
                 "peak_MB": peak_mb(lambda: label_regions(mask, intensity=grey)),
                 "note": "bare: ndi.label alone (no table)"})
    rows.append({"what": f"split_touching on {side}x{side}", "ours_s": timed(lambda: split_touching(mask), 1),
                 "bare_s": np.nan, "ratio": np.nan, "peak_MB": np.nan, "note": "distance, markers, power diagram"})
    bench_image_page(rows, grey)
    small, f = reduce_for_display(grey, "grey")
    fig_bytes = len(image_figure(to_rgb(small, "grey"), f).to_json())
    rows.append({"what": f"display figure of a {side}x{side} image", "ours_s": timed(
                 lambda: image_figure(to_rgb(reduce_for_display(grey, "grey")[0], "grey"), f), repeat),
                 "bare_s": np.nan, "ratio": np.nan, "peak_MB": np.nan,
                 "note": f"PNG at 1/{f} scale: {fig_bytes / 1e3:,.0f} kB of figure JSON"})


def bench_page_upload(rows, slug, file, label):
    """One run of page `slug` cold and again (cached) after uploading `file` = (name, bytes, mime)."""
    from streamlit.testing.v1 import AppTest
    from ui.pages import page

    info = page(slug)
    at = AppTest.from_file(str(ROOT / info.path), default_timeout=900)
    at.run()
    at.session_state[f"{info.prefix}_source"] = "Upload"
    at.run()
    at.file_uploader(key=f"{info.prefix}_upload").set_value(file)
    start = time.perf_counter()
    at.run()
    cold = time.perf_counter() - start
    start = time.perf_counter()
    at.run()
    warm = time.perf_counter() - start
    sizes = [len(el.proto.spec) for el in at.get("plotly_chart")] or [0]
    rows.append({"what": f"page: {label}", "ours_s": cold, "bare_s": np.nan, "ratio": np.nan, "peak_MB": np.nan,
                 "note": f"rerun (cached) {warm:.2f} s; {len(sizes)} figures, largest {max(sizes) / 1e3:,.0f} kB, "
                         f"total {sum(sizes) / 1e3:,.0f} kB; exception={bool(at.exception)}"})


def bench_image_page(rows, grey):
    """The image page with an uploaded image of this size and the default pipeline."""
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(np.clip(grey, 0, 255).astype(np.uint8)).save(buf, format="PNG")
    side = grey.shape[0]
    bench_page_upload(rows, "image_morphology", ("big.png", buf.getvalue(), "image/png"),
                      f"image morphology, {side}x{side} upload, default pipeline")


def bench_signal(rows, minutes, repeat):
    """A `minutes`-long stereo 44.1 kHz 16-bit recording: reading, spectrogram, filtering, figure sizes."""
    from scipy import signal as sps
    from scipy.io import wavfile

    from core.spectral import design_filter, load_wav, spectrogram
    from core.spectral import spectrogram_figure, waveform_figure

    fs = 44100
    n = int(minutes * 60 * fs)
    rng = np.random.default_rng(0)
    t = np.arange(n) / fs
    left = 0.3 * sps.chirp(t, 100, t[-1], 8000) + 0.05 * rng.standard_normal(n)
    stereo = np.column_stack([left, np.roll(left, 1000)])
    buf = io.BytesIO()
    wavfile.write(buf, fs, np.round(stereo * 32767).astype(np.int16))
    data = buf.getvalue()
    del stereo, left, t
    label = f"{minutes:g} min stereo 44.1 kHz ({n:,} samples/channel, {len(data) / 2**20:.0f} MB)"
    ours = timed(lambda: load_wav(data), 1)
    bare = timed(lambda: wavfile.read(io.BytesIO(data)), 1)
    rows.append({"what": f"read_wav, {label}", "ours_s": ours, "bare_s": bare, "ratio": ours / bare,
                 "peak_MB": peak_mb(lambda: load_wav(data)),
                 "note": "bare: scipy.io.wavfile.read (int16); ours scales to float64 (8 bytes/sample)"})
    samples, _ = load_wav(data)
    x = np.ascontiguousarray(samples[:, 0])
    del samples
    kw = dict(window="hann", nperseg=1024, noverlap=512)
    ours = timed(lambda: spectrogram(x, fs, **kw), repeat)
    bare = timed(lambda: sps.spectrogram(x, fs, mode="psd", **kw), repeat)
    mem = peak_mb(lambda: spectrogram(x, fs, **kw))
    rows.append({"what": f"spectrogram 1024/512, {label}", "ours_s": ours, "bare_s": bare, "ratio": ours / bare,
                 "peak_MB": mem, "note": f"one channel is {x.nbytes / 2**20:.0f} MB as float64"})
    sg = spectrogram(x, fs, **kw)
    fig, _ = spectrogram_figure(sg)
    wave, _ = waveform_figure([("signal", x)], fs)
    rows.append({"what": f"figures, {label}", "ours_s": timed(lambda s=sg: spectrogram_figure(s), 1), "bare_s": np.nan,
                 "ratio": np.nan, "peak_MB": np.nan,
                 "note": f"spectrogram {len(fig.to_json()) / 1e3:,.0f} kB (from {sg.power.size:,} cells), "
                         f"waveform {len(wave.to_json()) / 1e3:,.0f} kB"})
    design = design_filter("butter", 4, 1000, fs)
    rows.append({"what": f"sosfiltfilt butter 4, {label}", "ours_s": timed(lambda: sps.sosfiltfilt(design.sos, x), 1),
                 "bare_s": np.nan, "ratio": np.nan, "peak_MB": np.nan, "note": "apply_filter is this call"})
    del sg
    bench_page_upload(rows, "spectrogram", ("long.wav", data, "audio/wav"), f"spectrogram, {label}")


def bench_spatial(rows, n, repeat):
    """KD-tree build and 1,000 queries on n points against brute force; Voronoi cells clipped to a box."""
    from scipy import spatial

    from core.spatial import knn, voronoi_cells

    rng = np.random.default_rng(0)
    points = rng.random((n, 2))
    queries = rng.random((1000, 2))
    ours = timed(lambda: knn(points, queries, 1), repeat)
    bare = timed(lambda: spatial.KDTree(points).query(queries, 1), repeat)
    rows.append({"what": f"knn (KDTree build + 1,000 queries), n={n:,}", "ours_s": ours, "bare_s": bare,
                 "ratio": ours / bare, "peak_MB": peak_mb(lambda: knn(points, queries, 1))})
    brute_n = min(n, 200_000)
    brute = timed(lambda: spatial.distance.cdist(queries, points[:brute_n]).argmin(axis=1), 1)
    rows.append({"what": f"brute force cdist + argmin, 1,000 queries, n={brute_n:,}", "ours_s": brute, "bare_s": np.nan,
                 "ratio": np.nan, "peak_MB": np.nan})
    m = min(n, 100_000)
    sub = points[:m]
    ours = timed(lambda: voronoi_cells(sub, (0, 0, 1, 1)), 1)
    bare = timed(lambda: spatial.Voronoi(sub), 1)
    rows.append({"what": f"voronoi_cells clipped, n={m:,} (bare: unclipped Voronoi)", "ours_s": ours, "bare_s": bare,
                 "ratio": ours / bare, "peak_MB": np.nan})


def bench_distributions(rows, n, repeat):
    """Maximum-likelihood fits of n points: ours (checks, run-off guard) against the bare dist.fit."""
    from scipy import stats

    from core.distributions import fit

    rng = np.random.default_rng(0)
    for name, x in (("norm", rng.normal(2, 3, n)), ("gamma", rng.gamma(2.0, 2.0, n)),
                    ("weibull_min", rng.weibull(1.5, n) * 2)):
        ours = timed(lambda: fit(name, x), repeat)
        bare = timed(lambda: getattr(stats, name).fit(x), repeat)
        rows.append({"what": f"fit {name}, n={n:,}", "ours_s": ours, "bare_s": bare, "ratio": ours / bare,
                     "peak_MB": np.nan})
    m = min(n, 100_000)  # stats.fit on the raw counts takes ~5 s at 1e5: the distinct values make it cheap
    k = rng.negative_binomial(4, 0.4, m).astype(float)
    bounds = {"n": (1e-3, max(10.0, 10 * k.max())), "p": (1e-9, 1), "loc": (0, 0)}
    ours = timed(lambda: fit("nbinom", k), repeat)
    bare = timed(lambda: stats.fit(stats.nbinom, k, bounds=bounds), 1)
    rows.append({"what": f"fit nbinom counts, n={m:,} (stats.fit bare)", "ours_s": ours, "bare_s": bare,
                 "ratio": ours / bare, "peak_MB": np.nan})


def bench_optimize(rows, repeat):
    """Each minimize method on Rosenbrock from (-1.2, 1) (ours: the formula with exact derivatives, the path, the
    budget; bare: minimize with scipy's rosen, rosen_der, rosen_hess), and milp on a 50-item knapsack."""
    from scipy import optimize

    from core.optimize import GRADIENT_METHODS, HESSIAN_METHODS, METHODS, minimize_2d, objective, solve_lp

    o = objective("rosenbrock")
    for method in METHODS:
        kwargs = {"jac": optimize.rosen_der} if method in GRADIENT_METHODS else {}
        if method in HESSIAN_METHODS:
            kwargs["hess"] = optimize.rosen_hess
        ours = timed(lambda: minimize_2d(o.fun, o.x0, method=method, jac=o.grad, hess=o.hess), repeat)
        bare = timed(lambda: optimize.minimize(optimize.rosen, o.x0, method=method, **kwargs), repeat)
        rows.append({"what": f"minimize {method}, Rosenbrock", "ours_s": ours, "bare_s": bare, "ratio": ours / bare,
                     "peak_MB": np.nan})
    rng = np.random.default_rng(0)
    value, weight = rng.integers(10, 100, 50), rng.integers(5, 40, 50)
    capacity = weight.sum() / 3
    ours = timed(lambda: solve_lp(-value, A_ub=weight[None, :], b_ub=[capacity], bounds=[(0, 1)] * 50,
                                  integrality=np.ones(50)), repeat)
    bare = timed(lambda: optimize.milp(-value, integrality=np.ones(50), bounds=optimize.Bounds(0, 1),
                                       constraints=optimize.LinearConstraint(weight[None, :], -np.inf, capacity)),
                 repeat)
    rows.append({"what": "milp knapsack, 50 items", "ours_s": ours, "bare_s": bare, "ratio": ours / bare,
                 "peak_MB": np.nan})


def bench_ode(rows, repeat):
    """Each solve_ivp method on Van der Pol (mu = 1000, stiff: the implicit ones) and Lorenz: ours (the formula
    right-hand side, its exact Jacobian, the budget) against solve_ivp with a hand-written right-hand side."""
    from scipy import integrate

    from core.integrate import IMPLICIT, METHODS, solve, system

    mu = 1000.0

    def vdp(t, y):
        return [y[1], mu * (1 - y[0] ** 2) * y[1] - y[0]]

    def vdp_jac(t, y):
        return [[0.0, 1.0], [-2 * mu * y[0] * y[1] - 1.0, mu * (1 - y[0] ** 2)]]

    def lorenz(t, y):
        return [10 * (y[1] - y[0]), y[0] * (28 - y[2]) - y[1], y[0] * y[1] - 8 / 3 * y[2]]

    s = system("vanderpol")
    for method in sorted(IMPLICIT):
        ours = timed(lambda: solve(s, (0, 3000), s.y0, method=method, params={"mu": mu}, dense=False), repeat)
        bare = timed(lambda: integrate.solve_ivp(vdp, (0, 3000), s.y0, method=method, rtol=1e-6, atol=1e-9,
                                                 jac=vdp_jac), repeat)
        rows.append({"what": f"solve_ivp {method}, Van der Pol mu=1000", "ours_s": ours, "bare_s": bare,
                     "ratio": ours / bare, "peak_MB": np.nan})
    lz = system("lorenz")
    for method in METHODS:
        ours = timed(lambda: solve(lz, (0, 40), lz.y0, method=method, dense=False), repeat)
        bare = timed(lambda: integrate.solve_ivp(lorenz, (0, 40), lz.y0, method=method, rtol=1e-6, atol=1e-9),
                     repeat)
        rows.append({"what": f"solve_ivp {method}, Lorenz t=40", "ours_s": ours, "bare_s": bare, "ratio": ours / bare,
                     "peak_MB": np.nan})


def bench_linalg(rows, quick):
    """PCA of 100,000 x 50 (ours: the SVD, the eigh check, the sign fix) against a bare scipy.linalg.svd of the
    centred data; svds of 100,000 x 50,000 at density 1e-4 with k = 10 (ours, sorted and sign-fixed) against the
    bare svds call, with the peak memory (the dense form would be 40 GB)."""
    from scipy import linalg
    from scipy.sparse import linalg as splinalg

    from core.linalg import pca, random_sparse, top_singular

    n = 20_000 if quick else 100_000
    X = np.random.default_rng(0).standard_normal((n, 50)) @ np.random.default_rng(1).standard_normal((50, 50))
    frame = pd.DataFrame(X, columns=[f"c{i}" for i in range(50)])
    ours = timed(lambda: pca(frame), 3)
    bare = timed(lambda: linalg.svd(X - X.mean(axis=0), full_matrices=False), 3)
    rows.append({"what": f"PCA {n:,} x 50", "ours_s": ours, "bare_s": bare, "ratio": ours / bare,
                 "peak_MB": peak_mb(lambda: pca(frame))})
    m, k = (20_000, 10_000) if quick else (100_000, 50_000)
    S = random_sparse(m, k, 1e-4)
    ours = timed(lambda: top_singular(S, 10), 1)
    bare = timed(lambda: splinalg.svds(S, k=10), 1)
    rows.append({"what": f"svds {m:,} x {k:,}, density 1e-4, k=10", "ours_s": ours, "bare_s": bare,
                 "ratio": ours / bare, "peak_MB": peak_mb(lambda: top_singular(S, 10))})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer repeats")
    parser.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    args = parser.parse_args(argv)
    os.environ.setdefault("SCIPY_EXPLORER_RAISE", "1")
    sizes = [1_000, 100_000] if args.quick else [1_000, 100_000, 1_000_000]
    repeat = 3 if args.quick else 5
    rows = []
    bench_fit(rows, sizes, repeat)
    bench_read(rows, sizes, repeat)
    bench_decimate(rows, sizes, repeat)
    bench_stat_tests(rows, sizes[-1], 3)
    bench_density(rows, sizes[-1], 3)
    bench_interpolation(rows, sizes[-1], 3)
    bench_morphology(rows, 1024 if args.quick else 4096, 3)
    bench_signal(rows, 1 if args.quick else 10, 3)
    bench_spatial(rows, sizes[-1], 3)
    bench_distributions(rows, sizes[-1], 1)
    bench_optimize(rows, repeat)
    bench_ode(rows, 1 if args.quick else 3)
    bench_linalg(rows, args.quick)
    bench_pages(rows)
    table = pd.DataFrame(rows)
    with pd.option_context("display.max_colwidth", 90, "display.width", 250,
                           "display.float_format", lambda v: f"{v:.4g}"):
        print(table.to_string(index=False))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, default=float))


if __name__ == "__main__":
    main()
