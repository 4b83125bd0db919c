"""Sparse matrices with scipy.sparse: a term-document matrix from text (simple tokens, stop words, optional
TF-IDF) or a random matrix of chosen shape and density, never held dense; memory and format conversions timed;
the top singular triplets by svds (latent topics); and iterative solvers against a direct spsolve."""

import math
import re
import time
from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy import linalg, sparse
from scipy.sparse import linalg as splinalg

from core.common.budget import check_budget
from core.common.errors import DataError, LimitError

__all__ = ["STOP_WORDS", "TermDocument", "term_document", "sample_corpus", "random_sparse", "memory", "format_timings",
           "top_singular", "topics", "svds_timing", "laplacian_2d", "iterative_solve", "direct_solve", "ITERATIVE",
           "SPARSE_NNZ", "MAX_DOCUMENTS", "MAX_TEXT_CHARS"]

#: Stored entries a sparse matrix may have (8 bytes a value and 4 an index: 2e7 entries is about 240 MB).
SPARSE_NNZ = 2e7
MAX_DOCUMENTS = 100_000
MAX_TEXT_CHARS = 20_000_000
ITERATIVE = ("cg", "gmres", "lsqr", "lsmr")
STOP_WORDS = frozenset("""a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have having he
her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not of off
on once only or other our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves also one two may many much new used use using
""".split())
_TOKEN = re.compile(r"[a-zà-ÿ][a-zà-ÿ'-]+")


@dataclass(frozen=True)
class TermDocument:
    matrix: object                 # csr_array, documents x terms
    terms: tuple
    documents: tuple               # a short label per document
    weighting: str


def sample_corpus():
    """The bundled corpus: one short document a line (astronomy, cooking, football; samples/README.md)."""
    from pathlib import Path

    text = (Path(__file__).resolve().parent / "samples" / "corpus_three_topics.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def term_document(texts, *, tfidf=True, min_count=2, max_terms=20_000, labels=None):
    """A documents x terms ``csr_array`` of counts (or TF-IDF weights: tf x log((1 + n) / (1 + df)) + 1, each row
    scaled to unit length, as scikit-learn's TfidfVectorizer does by default) from lower-cased words of two or
    more letters, stop words left out, terms seen fewer than `min_count` times dropped."""
    docs = [t for t in texts if t and t.strip()]
    if not docs:
        raise DataError("The text is empty: give one document per line (or per file).")
    if len(docs) > MAX_DOCUMENTS or sum(len(d) for d in docs) > MAX_TEXT_CHARS:
        raise LimitError(f"At most {MAX_DOCUMENTS:,} documents and {MAX_TEXT_CHARS / 1e6:g} million characters.")
    tokens = [[w for w in _TOKEN.findall(d.lower()) if w not in STOP_WORDS] for d in docs]
    counts = Counter(w for ts in tokens for w in ts)
    vocab = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))[:max_terms]
    if not vocab:
        raise DataError("No word occurs often enough to be a term: give more text, or lower the minimum count.")
    vocab.sort()
    index = {w: i for i, w in enumerate(vocab)}
    rows, cols = [], []
    for r, ts in enumerate(tokens):
        for w in ts:
            j = index.get(w)
            if j is not None:
                rows.append(r)
                cols.append(j)
    X = sparse.coo_array((np.ones(len(rows)), (rows, cols)), shape=(len(docs), len(vocab))).tocsr()
    X.sum_duplicates()
    if tfidf:
        df = np.bincount(X.indices, minlength=X.shape[1])
        idf = np.log((1 + X.shape[0]) / (1 + df)) + 1
        X = (X @ sparse.diags_array(idf)).tocsr()
        norms = np.sqrt(np.asarray((X.multiply(X)).sum(axis=1))).ravel()
        X = (sparse.diags_array(1 / np.where(norms > 0, norms, 1)) @ X).tocsr()
    names = tuple(labels) if labels is not None else tuple(d.strip()[:40] for d in docs)
    return TermDocument(X, tuple(vocab), names, "tf-idf" if tfidf else "counts")


def random_sparse(m, n, density, *, seed=0):
    """A random m x n ``csr_array`` with about density x m x n uniform(0, 1) entries, made sparse directly
    (``scipy.sparse.random_array``): the dense form is never allocated. Refused before allocation when it would
    hold more than :data:`SPARSE_NNZ` entries."""
    m, n = int(m), int(n)
    if not (1 <= m <= 10_000_000 and 1 <= n <= 10_000_000):
        raise LimitError("Each side must be from 1 to 10,000,000.")
    if not 0 < density <= 1:
        raise DataError(f"The density must lie in (0, 1]; got {density!r}.")
    check_budget(m * n * density, SPARSE_NNZ, what=f"A {m:,} x {n:,} matrix at density {density:g}",
                 reduce="lower the size or the density")
    return sparse.random_array((m, n), density=density, format="csr", rng=np.random.default_rng(seed))


def memory(X):
    """Bytes of the CSR arrays against the dense float64 form (which is never made)."""
    csr = X.data.nbytes + X.indices.nbytes + X.indptr.nbytes
    return {"nnz": int(X.nnz), "density": X.nnz / (X.shape[0] * X.shape[1]), "csr bytes": int(csr),
            "dense bytes": int(X.shape[0] * X.shape[1] * 8), "ratio": csr / (X.shape[0] * X.shape[1] * 8)}


def format_timings(X, repeat=3):
    """Seconds to convert CSR to CSC, COO and back, and a matrix-vector product in each format."""
    out = []
    v = np.ones(X.shape[1])
    for name, convert in (("csc", lambda: X.tocsc()), ("coo", lambda: X.tocoo()), ("csr (copy)", lambda: X.copy())):
        start = time.perf_counter()
        for _ in range(repeat):
            Y = convert()
        conv = (time.perf_counter() - start) / repeat
        start = time.perf_counter()
        for _ in range(repeat):
            Y @ v
        out.append({"format": name, "convert from csr (ms)": 1000 * conv,
                    "matrix x vector (ms)": 1000 * (time.perf_counter() - start) / repeat})
    return out


def top_singular(X, k, *, seed=0):
    """``scipy.sparse.linalg.svds(X, k)`` with the triplets sorted by descending singular value (svds returns them
    ascending), signs fixed so each right singular vector's largest entry is positive. k must be below the
    smaller side."""
    k = int(k)
    if not 1 <= k < min(X.shape):
        raise DataError(f"svds finds k < min(shape) = {min(X.shape)} singular values; got k = {k}.")
    u, s, vt = splinalg.svds(X, k=k, rng=np.random.default_rng(seed))
    order = np.argsort(s)[::-1]
    u, s, vt = u[:, order], s[order], vt[order]
    signs = np.sign(vt[np.arange(k), np.argmax(np.abs(vt), axis=1)])
    signs[signs == 0] = 1
    return u * signs, s, vt * signs[:, None]


def topics(vt, terms, *, top=8):
    """The terms with the largest weights in each right singular vector: a component's 'topic'."""
    return [[terms[j] for j in np.argsort(-row)[:top]] for row in vt]


def svds_timing(sizes=((200, 400), (400, 800), (800, 1600), (1600, 3200)), *, density=0.01, k=10, seed=0):
    """svds against dense ``scipy.linalg.svd`` as the matrix grows: rows {shape, svds (s), dense svd (s)}."""
    rows = []
    for m, n in sizes:
        X = random_sparse(m, n, density, seed=seed)
        start = time.perf_counter()
        top_singular(X, k)
        t_sparse = time.perf_counter() - start
        t_dense = math.nan
        if m * n <= 6e6:
            start = time.perf_counter()
            linalg.svd(X.toarray(), compute_uv=False)
            t_dense = time.perf_counter() - start
        rows.append({"shape": f"{m:,} x {n:,}", "nnz": int(X.nnz), "svds (s)": t_sparse, "dense svd (s)": t_dense})
    return rows


def laplacian_2d(n):
    """The 5-point Laplacian on an n x n grid (Dirichlet): a symmetric positive definite csr_array of size n²."""
    n = int(n)
    if not 2 <= n <= 1000:
        raise LimitError("The grid is from 2 to 1,000 points a side.")
    T = sparse.diags_array([-np.ones(n - 1), 2 * np.ones(n), -np.ones(n - 1)], offsets=[-1, 0, 1])
    eye = sparse.eye_array(n)
    return (sparse.kron(T, eye) + sparse.kron(eye, T)).tocsr()


def direct_solve(A, b):
    """``spsolve`` (a sparse LU of the CSC form): (x, relative residual, seconds)."""
    start = time.perf_counter()
    x = splinalg.spsolve(A.tocsc(), b)
    seconds = time.perf_counter() - start
    return x, float(np.linalg.norm(b - A @ x) / (np.linalg.norm(b) or 1.0)), seconds


def iterative_solve(A, b, method, *, rtol=1e-8, maxiter=None):
    """``cg``, ``gmres``, ``lsqr`` or ``lsmr`` on A x = b with the residual ||b - A x|| / ||b|| after each
    iteration (through `callback`). Returns (x, history: rows of (iteration, relative residual), info, seconds);
    lsqr and lsmr take no callback, so their history comes from reruns stopped after 1, 2, 4, ... iterations."""
    if method not in ITERATIVE:
        raise DataError(f"Unknown method {method!r}; choose one of {', '.join(ITERATIVE)}.")
    nb = float(np.linalg.norm(b)) or 1.0
    history = []
    maxiter = int(maxiter or 10 * A.shape[0])
    start = time.perf_counter()
    if method == "cg":
        x, info = splinalg.cg(A, b, rtol=rtol, maxiter=maxiter,
                              callback=lambda xk: history.append(float(np.linalg.norm(b - A @ xk)) / nb))
    elif method == "gmres":
        x, info = splinalg.gmres(A, b, rtol=rtol, maxiter=maxiter, restart=30, callback_type="pr_norm",
                                 callback=lambda r: history.append(float(r)))
    else:
        limit = "iter_lim" if method == "lsqr" else "maxiter"
        solver = splinalg.lsqr if method == "lsqr" else splinalg.lsmr
        # lsqr and lsmr take no callback: the residual history comes from reruns stopped after 1, 2, 4, ...
        # iterations (each rerun repeats the same deterministic iterates, so these are points of the one run).
        out = solver(A, b, atol=rtol, btol=rtol, **{limit: maxiter})
        x, info, steps = out[0], int(out[1]), int(out[2])
        seconds = time.perf_counter() - start
        for lim in np.unique(np.geomspace(1, max(steps, 1), 20).astype(int)):
            xi = solver(A, b, atol=rtol, btol=rtol, **{limit: int(lim)})[0]
            history.append((int(lim), float(np.linalg.norm(b - A @ xi)) / nb))
        return x, np.array(history), info, seconds
    seconds = time.perf_counter() - start
    return x, np.column_stack([np.arange(1, len(history) + 1), history]), int(info), seconds
