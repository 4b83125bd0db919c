"""Cached wrappers around core.linalg: keyed on data digests and settings; sparse matrices and images (large,
read-only) in st.cache_resource; every cache with ``max_entries``."""

import streamlit as st

from core.common.images import load_image, to_grey
from core.linalg import (condition, factor_once, format_timings, iterative_solve, laplacian_2d, low_rank, make_system, pca,
                         random_sparse, sample_corpus, sample_image, solve_methods, svds_timing, term_document,
                         top_singular)
from ui.common.cache import frozen

__all__ = ["pca_cached", "image_cached", "lowrank_cached", "system_cached", "solvers_cached", "factor_cached",
           "random_cached", "corpus_cached", "svds_cached", "formats_cached", "svds_timing_cached",
           "laplacian_cached", "iterative_cached", "direct_cached", "condition_cached"]


@st.cache_data(max_entries=32, show_spinner="PCA by the SVD ...")
def pca_cached(digest, columns, n_components, scale, _frame):
    return pca(_frame[list(columns)], n_components=n_components, scale=scale)


@st.cache_resource(max_entries=4, show_spinner="Reading the image ...")
def image_cached(digest, _data):
    """The grey image (sample when `_data` is None), read-only."""
    return frozen(sample_image() if _data is None else to_grey(load_image(_data).pixels).astype(float))


@st.cache_data(max_entries=32, show_spinner="The SVD of the image ...")
def lowrank_cached(digest, k, _image):
    return low_rank(_image, k)


@st.cache_resource(max_entries=8, show_spinner="Making the matrix ...")
def system_cached(kind, n, condition, seed):
    return tuple(frozen(a) for a in make_system(kind, n, condition=condition, seed=seed))


@st.cache_data(max_entries=32, show_spinner="The condition number (an SVD) ...")
def condition_cached(kind, n, condition_number, seed):
    return condition(system_cached(kind, n, condition_number, seed)[0])


@st.cache_data(max_entries=32, show_spinner="Solving ...")
def solvers_cached(kind, n, condition, seed):
    A, x, b = system_cached(kind, n, condition, seed)
    return solve_methods(A, b, x)


@st.cache_data(max_entries=16, show_spinner="Timing one factorisation against many solves ...")
def factor_cached(kind, n, condition, seed):
    return factor_once(system_cached(kind, n, condition, seed)[0])


@st.cache_resource(max_entries=4, show_spinner="Making the sparse matrix ...")
def random_cached(m, n, density, seed):
    return random_sparse(m, n, density, seed=seed)


@st.cache_resource(max_entries=4, show_spinner="Building the term-document matrix ...")
def corpus_cached(digest, tfidf, min_count, _texts):
    texts = sample_corpus() if _texts is None else _texts
    return term_document(texts, tfidf=tfidf, min_count=min_count), tuple(texts)


@st.cache_data(max_entries=16, show_spinner="svds: the top singular triplets ...")
def svds_cached(key, k, _X):
    return top_singular(_X, k)


@st.cache_data(max_entries=8, show_spinner="Timing format conversions ...")
def formats_cached(key, _X):
    return format_timings(_X)


@st.cache_data(max_entries=2, show_spinner="svds against the dense SVD as the matrix grows ...")
def svds_timing_cached():
    return svds_timing()


@st.cache_resource(max_entries=4, show_spinner="Building the Laplacian ...")
def laplacian_cached(grid):
    return laplacian_2d(grid)


@st.cache_data(max_entries=8, show_spinner="spsolve: a sparse LU ...")
def direct_cached(grid):
    import numpy as np

    from core.linalg import direct_solve

    A = laplacian_cached(grid)
    return direct_solve(A, np.ones(A.shape[0]))


@st.cache_data(max_entries=32, show_spinner="Iterating ...")
def iterative_cached(grid, method, rtol):
    import numpy as np

    A = laplacian_cached(grid)
    x, history, info, seconds = iterative_solve(A, np.ones(A.shape[0]), method, rtol=rtol)
    return history, info, seconds, x
