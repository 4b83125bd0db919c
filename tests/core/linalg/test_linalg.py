"""PCA against scipy.linalg.svd and eigh; low rank against Eckart-Young; solvers against known solutions; sparse
svds, term-document matrices and iterative solvers against direct computations; the scripts."""

import numpy as np
import pandas as pd
import pytest
from scipy import linalg, sparse
from scipy.sparse import linalg as splinalg

from core.common.budget import BudgetError
from core.common.errors import DataError, LimitError
from core.linalg import (ITERATIVE, iterative_script, iterative_solve, laplacian_2d, low_rank, lowrank_script,
                         make_system, memory, pca, pca_script, random_sparse, reconstruction_errors, sample_corpus,
                         sample_image, solve_methods, sparse_script, systems_script, term_document, top_singular,
                         topics)
from core.linalg.samples import SAMPLES


def table():
    return pd.read_csv(SAMPLES.path("pca_cultivars"))


@pytest.mark.parametrize("scale", [False, True])
def test_pca_equals_the_svd_of_the_centred_data_up_to_sign(scale):
    t = table()
    cols = [c for c in t.columns if c != "cultivar"]
    r = pca(t[cols], scale=scale)
    X = t[cols].dropna().to_numpy(float)
    Xc = X - X.mean(axis=0)
    if scale:
        Xc = Xc / X.std(axis=0, ddof=1)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)                  # numpy's LAPACK call: independent
    np.testing.assert_allclose(r.singular_values, s, rtol=1e-10)
    np.testing.assert_allclose(np.abs(r.loadings), np.abs(Vt.T), atol=1e-10)
    np.testing.assert_allclose(np.abs(r.scores), np.abs(U * s), atol=1e-8)
    np.testing.assert_allclose(r.explained_variance_ratio, s ** 2 / np.sum(s ** 2), rtol=1e-10)
    assert r.n_dropped == 4 and r.n_rows == len(t) - 4 and r.agreement < 1e-12 and r.loadings_agreement < 1e-8
    assert (np.abs(r.loadings).argmax(axis=0) == np.argmax(r.loadings, axis=0)).all()   # largest entry positive
    errors = reconstruction_errors(r)
    assert errors[-1] == pytest.approx(0, abs=1e-7) and np.all(np.diff(errors) <= 1e-12)


def test_pca_refusals():
    t = table()
    with pytest.raises(DataError, match="mass_g"):
        pca(t.assign(mass_g=1.0).drop(columns="cultivar"), scale=True)          # a constant column, named
    with pytest.raises(DataError, match="No column holds numbers"):
        pca(pd.DataFrame({"a": ["x", "y", "z"], "b": [np.nan] * 3}))
    with pytest.raises(DataError, match="components"):
        pca(t.drop(columns="cultivar").head(3), n_components=5)
    with pytest.raises(DataError, match="two numeric"):
        pca(t[["length_mm"]])


def test_low_rank_is_eckart_young():
    img = sample_image()
    r = low_rank(img, 10)
    s = linalg.svd(img, compute_uv=False)
    assert r.error == pytest.approx(np.sqrt(np.sum(s[10:] ** 2) / np.sum(s ** 2)), rel=1e-12)
    assert r.storage_ratio == pytest.approx(10 * (256 + 384 + 1) / (256 * 384))
    with pytest.raises(DataError, match="rank"):
        low_rank(img, 0)


def test_solvers_recover_the_solution_and_cholesky_says_why_it_cannot():
    A, x, b = make_system("spd", 100)
    rows = {r["method"]: r for r in solve_methods(A, b, x)}
    assert all(r["forward error"] < 1e-10 for r in rows.values())
    A, x, b = make_system("random", 50)
    chol = next(r for r in solve_methods(A, b, x) if r["method"].startswith("cho"))
    assert "not symmetric positive definite: use LU" in chol["note"]
    A, x, b = make_system("conditioned", 100, condition=1e12)
    assert np.linalg.cond(A) == pytest.approx(1e12, rel=1e-3)
    err = next(r for r in solve_methods(A, b, x) if r["method"] == "solve")["forward error"]
    assert 1e-9 < err < 1e-1                                 # digits lost to the condition number, not all
    with pytest.raises(LimitError):
        make_system("random", 10**6)


def test_seed_example_and_top_singular_equal_svds():
    X = random_sparse(1000, 5000, 0.02, seed=0)
    assert isinstance(X, sparse.csr_array) and X.nnz == pytest.approx(100_000, rel=0.01)
    u, s, vt = top_singular(X, 50)
    ref = np.sort(splinalg.svds(X, k=50, rng=np.random.default_rng(1))[1])[::-1]
    np.testing.assert_allclose(s, ref, rtol=1e-8)
    assert np.all(np.diff(s) <= 0)
    dense = linalg.svd(X.toarray(), compute_uv=False)[:50]
    np.testing.assert_allclose(s, dense, rtol=1e-8)
    np.testing.assert_allclose((u * s) @ vt @ vt.T, u * s, atol=1e-8)
    with pytest.raises(DataError, match="k < min"):
        top_singular(X, 1000)
    with pytest.raises(BudgetError, match="over the work budget"):
        random_sparse(10**6, 10**6, 0.01)                    # refused before allocation
    m = memory(X)
    assert m["csr bytes"] < m["dense bytes"] / 20


def test_term_document_and_topics_recover_the_corpus_themes():
    td = term_document(sample_corpus(), tfidf=True)
    assert td.matrix.shape[0] == 30 and np.allclose(np.sqrt(td.matrix.multiply(td.matrix).sum(axis=1)), 1)
    counts = term_document(["the cat sat", "cat and dog", "dog dog"], tfidf=False, min_count=1)
    assert counts.terms == ("cat", "dog", "sat") and counts.matrix.toarray().tolist() == [[1, 0, 1], [1, 1, 0],
                                                                                          [0, 2, 0]]
    u, s, vt = top_singular(td.matrix, 3)
    found = [set(t) for t in topics(vt, td.terms, top=6)]
    themes = [{"salt", "butter", "garlic", "bake", "sauce", "oil"}, {"team", "match", "scored", "goal", "league"},
              {"star", "galaxy", "telescope", "light", "planet"}]
    assert all(any(len(f & theme) >= 2 for f in found) for theme in themes)
    with pytest.raises(DataError, match="empty"):
        term_document(["   ", ""])


@pytest.mark.parametrize("method", ITERATIVE)
def test_iterative_solvers_against_spsolve(method):
    A = laplacian_2d(20)
    b = np.ones(A.shape[0])
    x, history, info, _ = iterative_solve(A, b, method, rtol=1e-10)
    direct = splinalg.spsolve(A.tocsc(), b)
    assert np.max(np.abs(x - direct)) < 1e-5 * np.max(np.abs(direct))
    assert history.shape[1] == 2 and history[-1, 1] < history[0, 1]


def test_scripts_print_the_same(run_script):
    t = table()
    cols = [c for c in t.columns if c != "cultivar"]
    r = pca(t[cols], n_components=3, scale=True)
    printed = run_script(pca_script(t, cols, n_components=3, scale=True)[0])
    assert printed["singular_value_1"] == pytest.approx(r.singular_values[0], rel=1e-12)
    assert printed["largest_eigenvalue"] == pytest.approx(r.eig_values[0], rel=1e-12)
    printed = run_script(systems_script("conditioned", 60, condition=1e8, seed=0))
    A, x, b = make_system("conditioned", 60, condition=1e8, seed=0)
    assert printed["condition"] == pytest.approx(np.linalg.cond(A), rel=1e-12)
    assert printed["lu_forward_error"] == pytest.approx(
        next(r for r in solve_methods(A, b, x) if r["method"].startswith("lu"))["forward error"], rel=1e-9)
    printed = run_script(sparse_script("random", 5, m=300, n=500, density=0.05, seed=0))
    assert printed["singular_value_1"] == pytest.approx(top_singular(random_sparse(300, 500, 0.05), 5)[1][0],
                                                        rel=1e-10)
    texts = sample_corpus()
    printed = run_script(sparse_script("text", 3, texts=texts, tfidf=True, min_count=2))
    assert printed["singular_value_2"] == pytest.approx(top_singular(term_document(texts).matrix, 3)[1][1],
                                                        rel=1e-10)
    printed = run_script(iterative_script(15, ["cg", "lsmr"], rtol=1e-9))
    assert printed["cg_difference_from_spsolve"] < 1e-6
    printed = run_script(lowrank_script(12))
    assert printed["relative_error"] == pytest.approx(low_rank(sample_image(), 12).error, rel=1e-12)
