"""Exported scripts for the linear-algebra page: plain scipy.linalg and scipy.sparse calls printing the page's
numbers."""

import pandas as pd

from core.common.codegen import data_source, header, literal

__all__ = ["pca_script", "systems_script", "sparse_script", "iterative_script", "lowrank_script"]


def pca_script(frame, columns, *, n_components, scale, source_note="your data"):
    src, needs_file = data_source(pd.DataFrame(frame)[list(columns)])
    lines = [header("PCA by the SVD with scipy.linalg", source_note, needs_file), "import io", "",
             "import numpy as np", "import pandas as pd", "from scipy import linalg", "", src,
             f"X = data[{literal(list(columns))}].to_numpy(dtype=float)",
             "X = X[np.isfinite(X).all(axis=1)]  # rows with a missing value are left out",
             "Xc = X - X.mean(axis=0)"]
    if scale:
        lines.append("Xc = Xc / X.std(axis=0, ddof=1)  # scaled: the correlation matrix's components")
    lines += ["U, s, Vt = linalg.svd(Xc, full_matrices=False)",
              "signs = np.sign(Vt[np.arange(len(Vt)), np.argmax(np.abs(Vt), axis=1)])  # largest loading positive",
              "U, Vt = U * signs, Vt * signs[:, None]",
              f"k = {int(n_components)}",
              "scores, loadings = U[:, :k] * s[:k], Vt[:k].T",
              "variance = s ** 2 / (len(X) - 1)",
              "ratio = variance / variance.sum()",
              "for i in range(k):",
              "    print(f'singular_value_{i + 1} = {float(s[i])!r}')",
              "    print(f'explained_variance_ratio_{i + 1} = {float(ratio[i])!r}')",
              "# The same from the covariance matrix: its eigenvalues are s² / (n - 1)",
              "w = linalg.eigh(np.cov(Xc, rowvar=False), eigvals_only=True)[::-1]",
              "print(f'largest_eigenvalue = {float(w[0])!r}')", ""]
    return "\n".join(lines), needs_file


def systems_script(kind, n, *, condition, seed):
    return "\n".join([
        header("Solving A x = b with scipy.linalg", "the page's generated matrix", False),
        "import numpy as np", "from scipy import linalg", "",
        f"rng = np.random.default_rng({int(seed)})", f"n = {int(n)}",
        *{"random": ["A = rng.standard_normal((n, n)) + n ** 0.5 * np.eye(n)"],
          "conditioned": ["Q1, _ = linalg.qr(rng.standard_normal((n, n)))",
                          "Q2, _ = linalg.qr(rng.standard_normal((n, n)))",
                          f"A = (Q1 * np.geomspace(1, 1 / {literal(float(condition))}, n)) @ Q2.T"],
          "spd": ["M = rng.standard_normal((n, n))", "A = M @ M.T / n + np.eye(n)"],
          "hilbert": ["A = linalg.hilbert(n)"]}[kind],
        "x_true = rng.standard_normal(n)", "b = A @ x_true",
        "print(f'condition = {float(np.linalg.cond(A))!r}')",
        "solutions = {'solve': lambda: linalg.solve(A, b), 'lu': lambda: linalg.lu_solve(linalg.lu_factor(A), b),",
        "             'cholesky': lambda: linalg.cho_solve(linalg.cho_factor(A), b),",
        "             'lstsq': lambda: linalg.lstsq(A, b)[0]}",
        "for name, run in solutions.items():", "    try:", "        x = run()",
        "    except linalg.LinAlgError as exc:", "        print(name, 'failed:', exc)", "        continue",
        "    print(f'{name}_residual = {float(np.linalg.norm(A @ x - b) / np.linalg.norm(b))!r}')",
        "    print(f'{name}_forward_error = {float(np.linalg.norm(x - x_true) / np.linalg.norm(x_true))!r}')", ""])


def sparse_script(source, k, *, m=None, n=None, density=None, seed=0, texts=None, tfidf=True, min_count=2):
    """svds of the page's sparse matrix (a random one, or the term-document matrix of the texts)."""
    lines = [header("Top singular values of a sparse matrix with scipy.sparse.linalg.svds",
                    "the page's matrix", False), "import re", "from collections import Counter", "",
             "import numpy as np", "from scipy import sparse", "from scipy.sparse import linalg as splinalg", ""]
    if source == "random":
        lines += ["# The seed's example made X = csr_matrix(rand(1000, 5000) * (rand(1000, 5000) < 0.02)): a dense",
                  "# array first. sparse.random_array makes it sparse directly, and csr_array is SciPy's",
                  "# current recommendation (the *_matrix classes are kept for old code).",
                  f"X = sparse.random_array(({int(m)}, {int(n)}), density={literal(float(density))}, format='csr',",
                  f"                        rng=np.random.default_rng({int(seed)}))"]
    else:
        from core.linalg.sparse import STOP_WORDS

        lines += [f"texts = {literal(list(texts))}", f"stop = set({literal(sorted(STOP_WORDS))})",
                  "tokens = [[w for w in re.findall(r\"[a-zà-ÿ][a-zà-ÿ'-]+\", t.lower()) if w not in stop] "
                  "for t in texts if t.strip()]",
                  "counts = Counter(w for ts in tokens for w in ts)",
                  f"vocab = sorted(w for w, c in counts.items() if c >= {int(min_count)})",
                  "index = {w: i for i, w in enumerate(vocab)}",
                  "rows = [r for r, ts in enumerate(tokens) for w in ts if w in index]",
                  "cols = [index[w] for ts in tokens for w in ts if w in index]",
                  "X = sparse.coo_array((np.ones(len(rows)), (rows, cols)), shape=(len(tokens), len(vocab))).tocsr()",
                  "X.sum_duplicates()"]
        if tfidf:
            lines += ["df = np.bincount(X.indices, minlength=X.shape[1])",
                      "X = (X @ sparse.diags_array(np.log((1 + X.shape[0]) / (1 + df)) + 1)).tocsr()  # tf-idf",
                      "norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1))).ravel()",
                      "X = (sparse.diags_array(1 / np.where(norms > 0, norms, 1)) @ X).tocsr()"]
    lines += [f"u, s, vt = splinalg.svds(X, k={int(k)}, rng=np.random.default_rng(0))",
              "order = np.argsort(s)[::-1]  # svds returns them ascending", "s = s[order]",
              "print(f'nnz = {X.nnz}')", "for i, value in enumerate(s):",
              "    print(f'singular_value_{i + 1} = {float(value)!r}')", ""]
    return "\n".join(lines)


def iterative_script(grid, methods, *, rtol):
    return "\n".join([
        header("Iterative solvers on a 2-D Laplacian with scipy.sparse.linalg", "the page's grid", False),
        "import numpy as np", "from scipy import sparse", "from scipy.sparse import linalg as splinalg", "",
        f"n = {int(grid)}",
        "T = sparse.diags_array([-np.ones(n - 1), 2 * np.ones(n), -np.ones(n - 1)], offsets=[-1, 0, 1])",
        "A = (sparse.kron(T, sparse.eye_array(n)) + sparse.kron(sparse.eye_array(n), T)).tocsr()",
        "b = np.ones(A.shape[0])", "x_direct = splinalg.spsolve(A.tocsc(), b)",
        "print(f'spsolve_residual = {float(np.linalg.norm(b - A @ x_direct) / np.linalg.norm(b))!r}')",
        f"rtol = {literal(float(rtol))}", "maxiter = 10 * A.shape[0]",
        *[line for m in methods for line in {
            "cg": ["x, info = splinalg.cg(A, b, rtol=rtol, maxiter=maxiter)"],
            "gmres": ["x, info = splinalg.gmres(A, b, rtol=rtol, maxiter=maxiter, restart=30)"],
            "lsqr": ["x, info = splinalg.lsqr(A, b, atol=rtol, btol=rtol, iter_lim=maxiter)[:2]"],
            "lsmr": ["x, info = splinalg.lsmr(A, b, atol=rtol, btol=rtol, maxiter=maxiter)[:2]"]}[m]
            + [f"print(f'{m}_residual = {{float(np.linalg.norm(b - A @ x) / np.linalg.norm(b))!r}}')",
               f"print(f'{m}_difference_from_spsolve = {{float(np.max(np.abs(x - x_direct)))!r}}')"]],
        ""])


def lowrank_script(k, *, sample=True):
    lines = [header("Low-rank approximation of an image by the SVD", "the page's image", not sample),
             "import numpy as np", "from scipy import linalg", ""]
    if sample:
        lines += ["# The page's sample image (drawn, not a file)", "height, width = 256, 384",
                  "y, x = np.mgrid[0:height, 0:width] / np.array([height, width])[:, None, None]",
                  "img = 170 + 60 * y",
                  "img = np.where((x - 0.78) ** 2 + ((y - 0.22) * height / width) ** 2 < 0.006, 250, img)",
                  "hills = 0.62 + 0.08 * np.sin(6 * x) + 0.04 * np.sin(17 * x + 1)",
                  "img = np.where(y > hills, 70 + 40 * (y - hills) + 15 * np.sin(40 * x), img)",
                  "house = (x > 0.18) & (x < 0.40) & (y > 0.42) & (y < 0.72)",
                  "img = np.where(house, 120 + 50 * (np.floor(x * 60) % 2), img)",
                  "roof = (y > 0.30) & (y <= 0.42) & (np.abs(x - 0.29) < (y - 0.30) * 0.11 / 0.12)",
                  "img = np.where(roof, 40, img)",
                  "A = np.clip(img + np.random.default_rng(0).normal(0, 6, img.shape), 0, 255)"]
    else:
        lines += ["from PIL import Image", "",
                  "A = np.asarray(Image.open('image.png').convert('L'), dtype=float)  # your image, as grey"]
    lines += ["U, s, Vt = linalg.svd(A, full_matrices=False)", f"k = {int(k)}",
              "Ak = (U[:, :k] * s[:k]) @ Vt[:k]",
              "print(f'relative_error = {float(np.sqrt(np.sum(s[k:] ** 2) / np.sum(s ** 2)))!r}')",
              "print(f'storage_ratio = {k * (A.shape[0] + A.shape[1] + 1) / A.size!r}')", ""]
    return "\n".join(lines)
