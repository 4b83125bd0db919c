"""The linear-algebra page's panels: PCA, a low-rank image, linear systems, sparse matrices with svds, and
iterative solvers."""

import hashlib
import math

import numpy as np
import pandas as pd
import streamlit as st

from core.common import numeric_columns
from core.linalg import (ITERATIVE, MATRIX_KINDS, MAX_DOCUMENTS, biplot_figure, documents_figure, factor_figure,
                         image_figure, iterative_script, loadings_figure, lowrank_script, memory, pattern_figure,
                         pca_script, reconstruction_errors, reconstruction_figure, residuals_figure, scores_figure,
                         scree_figure, spectrum_figure, sparse_script, svds_timing_figure, systems_script, topics)
from ui.common.cache import content_key
from core.linalg.samples import SAMPLES
from ui.common.data_input import require_data, upload
from ui.common.errors import guard
from ui.common.export import csv_download
from ui.common.tables import display_frame, fmt
from ui.common.text import esc, figure, plot
from ui.common.url import bound
from ui.linalg.cache import (condition_cached, corpus_cached, direct_cached, factor_cached, formats_cached,
                             image_cached, iterative_cached, lowrank_cached, pca_cached, random_cached,
                             solvers_cached, svds_cached, svds_timing_cached)

__all__ = ["pca_panel", "lowrank_panel", "systems_panel", "sparse_panel", "iterative_panel"]

NONE = "(none)"


def pca_panel(P):
    """PCA of the chosen numeric columns of the page's data (the data section stops the page while there is
    none). Returns the exported script."""
    dataset = require_data(P, SAMPLES)
    frame, d = dataset.frame, dataset.defaults
    numeric = numeric_columns(frame)
    columns = bound(st.multiselect, "Columns", numeric, default=numeric, key=f"{P}_cols")
    if len(columns) < 2:
        st.info("Choose at least two numeric columns.")
        return None
    c1, c2, c3, c4 = st.columns([1, 1, 1.2, 1.6], vertical_alignment="bottom")
    scale = bound(c1.toggle, "Scale columns", value=True, key=f"{P}_scale",
                  help="Divide each column by its standard deviation (PCA of the correlation matrix): columns in "
                       "different units then count equally.")
    k = int(bound(c2.number_input, "components", 2, len(columns), len(columns), key=f"{P}_k"))
    others = [NONE] + [str(c) for c in frame.columns]
    colour = bound(c3.selectbox, "Colour the scores by", others, key=f"{P}_colour",
                   index=others.index(d["color"]) if d.get("color") in others else 0)
    pcs = [f"PC{i + 1}" for i in range(k)]
    pair = bound(c4.segmented_control, "Components shown", ["PC1-PC2", "PC1-PC3", "PC2-PC3"] if k >= 3 else
                 ["PC1-PC2"], default="PC1-PC2", key=f"{P}_pair") or "PC1-PC2"
    i, j = (pcs.index(p) for p in pair.split("-"))
    result = pca_cached(dataset.digest, tuple(columns), k, scale, frame)
    m = st.columns(4)
    m[0].metric("rows used", f"{result.n_rows:,}", help="Rows with a missing value in a chosen column are left out.")
    m[1].metric("rows left out", f"{result.n_dropped:,}")
    m[2].metric("PC1 + PC2 explain", f"{result.explained_variance_ratio[:2].sum():.1%}")
    m[3].metric("SVD against eigh", fmt(result.agreement, 2), help="Largest |s²/(n-1) − eigenvalue of the "
                "covariance| relative to the largest; loadings agree to " + fmt(result.loadings_agreement, 2) +
                " (up to sign).")
    key = content_key(dataset.digest, columns, k, scale)
    a, b = st.columns(2)
    plot(a, figure(content_key("scree", key), scree_figure, result), key=f"{P}_scree")
    plot(b, figure(content_key("rec", key), reconstruction_figure, reconstruction_errors(result)), key=f"{P}_rec")
    colours = None if colour == NONE else frame[colour].astype(str).to_numpy()[result.kept]
    a, b = st.columns(2)
    plot(a, figure(content_key("scores", key, colour, i, j), scores_figure, result, i, j, colours, colour),
         key=f"{P}_scores")
    plot(b, figure(content_key("biplot", key, i, j), biplot_figure, result, i, j), key=f"{P}_biplot")
    plot(st, figure(content_key("loadings", key), loadings_figure, result), key=f"{P}_loadings")
    csv_download("Download the scores (CSV)", lambda: pd.DataFrame(result.scores, columns=pcs), "scores.csv",
                 key=f"{P}_dl_scores")
    return pca_script(frame, columns, n_components=k, scale=scale, source_note=dataset.label)[0]


def lowrank_panel(P):
    source = bound(st.segmented_control, "Image", ["Sample", "Upload"], default="Sample", key=f"{P}_img") or "Sample"
    data = None
    if source == "Upload":
        file = upload("PNG, JPEG, TIFF or BMP", ("png", "jpg", "jpeg", "tif", "tiff", "bmp"), key=f"{P}_upload",
                      max_mb=20)
        if file is None:
            st.info("Upload an image, or use the sample.")
            return None
        data = file.getvalue()
    digest = hashlib.sha256(data).hexdigest() if data else "sample"
    image = image_cached(digest, data)
    k = int(bound(st.slider, "rank k", 1, min(200, min(image.shape)), 20, key=f"{P}_rank"))
    r = lowrank_cached(digest, k, image)
    m = st.columns(3)
    m[0].metric("relative error", f"{r.error:.2%}", help="||A − A_k|| / ||A|| (Frobenius): the singular values "
                "left out, by Eckart-Young the least any rank-k matrix can do.")
    m[1].metric("storage", f"{r.storage_ratio:.1%} of the pixels", help="k (m + n + 1) numbers instead of m n.")
    m[2].metric("size", f"{image.shape[0]} x {image.shape[1]}")
    plot(st, figure(content_key("img", digest, k), image_figure, image, r.image, k), key=f"{P}_image")
    plot(st, figure(content_key("spec", digest, k), spectrum_figure, r.singular_values, k), key=f"{P}_spectrum")
    return lowrank_script(k, sample=data is None)


def systems_panel(P):
    c1, c2, c3 = st.columns(3)
    kind = bound(c1.selectbox, "Matrix", list(MATRIX_KINDS), key=f"{P}_kind", format_func=MATRIX_KINDS.get)
    n = int(bound(c2.select_slider, "size n", [10, 50, 100, 200, 500, 1000, 2000], value=200, key=f"{P}_n"))
    condition = float(bound(c3.select_slider, "condition number", [1e2, 1e4, 1e6, 1e8, 1e10, 1e12, 1e14],
                            value=1e6, key=f"{P}_cond", format_func=lambda v: f"{v:.0e}",
                            disabled=kind != "conditioned"))
    cond = condition_cached(kind, n, condition, 0)
    m = st.columns(2)
    m[0].metric("condition number κ(A)", fmt(cond, 3))
    m[1].metric("digits you may lose", fmt(max(math.log10(cond), 0), 3) if math.isfinite(cond) else "all",
                help="A relative error in b of ε can become κ ε in x: about log10 κ of double precision's 16 "
                     "digits are at risk.")
    st.dataframe(display_frame(solvers_cached(kind, n, condition, 0)), hide_index=True, width="stretch")
    if n <= 600:
        rows = factor_cached(kind, n, condition, 0)
        plot(st, figure(content_key("factor", kind, n, condition), factor_figure, rows), key=f"{P}_factor")
        st.caption(f"Factoring once and solving {rows[-1]['m']} right-hand sides: "
                   f"{rows[-1]['speed-up']:.1f}x faster than solving each from scratch.")
    else:
        st.caption("The factor-once timing runs for n up to 600 (it solves 88 systems).")
    return systems_script(kind, n, condition=condition, seed=0)


def _texts(P):
    source = bound(st.segmented_control, "Text", ["Sample corpus", "Upload", "Paste"], default="Sample corpus",
                   key=f"{P}_text") or "Sample corpus"
    if source == "Sample corpus":
        st.caption("30 one-line documents: astronomy, cooking and football (written for this page).")
        return "sample", None
    if source == "Upload":
        file = upload("Text, one document per line", ("txt", "csv", "md"), key=f"{P}_text_upload", max_mb=20)
        if file is None:
            return None, None
        raw = file.getvalue().decode("utf-8", errors="replace")
    else:
        raw = st.text_area("One document per line", key=f"{P}_text_paste", height=140, max_chars=2_000_000)
    lines = [ln for ln in raw.splitlines() if ln.strip()][:MAX_DOCUMENTS]
    return (hashlib.sha256("\n".join(lines).encode()).hexdigest(), lines) if lines else (None, None)


def sparse_panel(P):
    kind = bound(st.segmented_control, "Matrix", ["Random", "Term-document"], default="Random",
                 key=f"{P}_sparse") or "Random"
    texts = None
    if kind == "Random":
        c1, c2, c3, c4 = st.columns(4)
        m = int(bound(c1.number_input, "rows", 2, 1_000_000, 1000, key=f"{P}_m"))
        n = int(bound(c2.number_input, "columns", 2, 1_000_000, 5000, key=f"{P}_cols_n"))
        density = float(bound(c3.select_slider, "density", [1e-5, 1e-4, 1e-3, 0.005, 0.01, 0.02, 0.05, 0.1],
                              value=0.02, key=f"{P}_density", format_func=lambda v: f"{v:g}"))
        k = int(bound(c4.number_input, "k (singular values)", 1, 100, 50, key=f"{P}_svk"))
        st.caption("The seed's example: `X = csr_matrix(rand(1000, 5000) * (rand(1000, 5000) < 0.02)); "
                   "u, s, vt = svds(X, k=50)`, made here with `scipy.sparse.random_array` (never dense) as a "
                   "`csr_array`, SciPy's current recommendation over `csr_matrix`.")
        X = random_cached(m, n, density, 0)
        key = content_key("random", m, n, density)
    else:
        digest, lines = _texts(P)
        if digest is None:
            st.info("Give some text: one document per line.")
            return None
        c1, c2, c3 = st.columns(3)
        tfidf = bound(c1.toggle, "TF-IDF weighting", value=True, key=f"{P}_tfidf")
        min_count = int(bound(c2.number_input, "min count of a term", 1, 100, 2, key=f"{P}_minc"))
        k = int(bound(c3.number_input, "k (topics)", 1, 50, 3, key=f"{P}_topics"))
        td, texts = corpus_cached(digest, tfidf, min_count, lines)
        X = td.matrix
        key = content_key("text", digest, tfidf, min_count)
    mem = memory(X)
    c = st.columns(4)
    c[0].metric("shape", f"{X.shape[0]:,} x {X.shape[1]:,}")
    c[1].metric("nonzeros", f"{mem['nnz']:,}", help=f"density {mem['density']:.2g}")
    c[2].metric("CSR memory", _size(mem["csr bytes"]))
    c[3].metric("dense would take", _size(mem["dense bytes"]), help="Never made here.")
    u, s, vt = svds_cached(key, k, X)
    a, b = st.columns(2)
    plot(a, figure(content_key("pattern", key), pattern_figure, X), key=f"{P}_pattern")
    if kind == "Random":
        b.dataframe(display_frame([{"i": i + 1, "singular value": v} for i, v in enumerate(s)]), hide_index=True,
                    width="stretch", height=380)
    else:
        b.dataframe(display_frame([{"component": i + 1, "singular value": s[i], "top terms": ", ".join(t)}
                                   for i, t in enumerate(topics(vt, td.terms))]), hide_index=True, width="stretch")
        if k >= 2:
            plot(st, figure(content_key("docs", key, k), documents_figure, u, s, td.documents), key=f"{P}_docs")
    st.dataframe(display_frame(formats_cached(key, X)), hide_index=True, width="content")
    if bound(st.toggle, "Time svds against the dense SVD as the matrix grows", value=False, key=f"{P}_timing"):
        rows = svds_timing_cached()
        plot(st, figure("svds-timing", svds_timing_figure, rows), key=f"{P}_svds_timing")
        st.dataframe(display_frame(rows), hide_index=True, width="content")
    if kind == "Random":
        return sparse_script("random", k, m=m, n=n, density=density, seed=0)
    return sparse_script("text", k, texts=texts, tfidf=tfidf, min_count=min_count)


def _size(n):
    return next(f"{n / 2**e:,.1f} {unit}" for e, unit in ((30, "GB"), (20, "MB"), (10, "kB"), (0, "bytes"))
                if n >= 2**e or e == 0)


def iterative_panel(P):
    c1, c2, c3 = st.columns(3)
    grid = int(bound(c1.select_slider, "grid points a side (n² unknowns)", [10, 20, 40, 60, 100, 200, 300],
                     value=60, key=f"{P}_grid"))
    methods = bound(c2.multiselect, "Methods", list(ITERATIVE), default=["cg", "gmres", "lsqr"], key=f"{P}_iter")
    rtol = float(bound(c3.select_slider, "tolerance", [1e-4, 1e-6, 1e-8, 1e-10], value=1e-8, key=f"{P}_rtol",
                       format_func=lambda v: f"{v:g}"))
    histories, rows = {}, []
    direct, direct_residual, direct_seconds = direct_cached(grid)
    for method in methods:
        with guard(method):
            history, info, seconds, x = iterative_cached(grid, method, rtol)
            histories[method] = history
            rows.append({"method": method, "iterations": int(history[-1, 0]) if len(history) else 0,
                         "final residual": float(history[-1, 1]) if len(history) else math.nan,
                         "time (ms)": 1000 * seconds, "converged": info == 0 or (method in ("lsqr", "lsmr")
                                                                                 and info in (1, 2)),
                         "largest difference from spsolve": float(np.max(np.abs(x - direct)))})
    rows.append({"method": "spsolve (direct)", "iterations": None, "final residual": direct_residual,
                 "time (ms)": 1000 * direct_seconds, "converged": True, "largest difference from spsolve": 0.0})
    if histories:
        plot(st, figure(content_key("iter", grid, methods, rtol), residuals_figure, histories), key=f"{P}_resid")
    st.dataframe(display_frame(rows), hide_index=True, width="stretch")
    st.caption(esc(f"The 5-point Laplacian on a {grid} x {grid} grid: {grid * grid:,} unknowns, symmetric positive "
                   "definite, so cg applies; its condition number grows like n², and so do the iterations."))
    return iterative_script(grid, methods, rtol=rtol)
