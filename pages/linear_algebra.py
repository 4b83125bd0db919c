"""Linear algebra and sparse matrices: PCA by the SVD, a low-rank image, linear systems, sparse matrices with
svds topics, and iterative solvers."""

from core.linalg.samples import SAMPLES
from ui.common.data_input import require_data
from ui.common.errors import guard
from ui.common.export import code_panel
from ui.common.frame import lazy_tabs, page_setup
from ui.linalg.views import iterative_panel, lowrank_panel, pca_panel, sparse_panel, systems_panel

PAGE = page_setup("linear_algebra", "PCA by `scipy.linalg.svd` (checked against `eigh`), the best low-rank "
                  "approximation of an image, linear systems solved and factored once, sparse term-document "
                  "matrices with `svds` topics, and iterative solvers against `spsolve`.")
P = PAGE.prefix

tab, panel = lazy_tabs(["PCA", "Low-rank image", "Linear systems", "Sparse & svds", "Iterative solvers"],
                       key=f"{P}_tab")
script = None
with panel:
    if tab == "PCA":
        dataset = require_data(P, SAMPLES)
        with guard("the PCA"):
            script = pca_panel(P, dataset)
    elif tab == "Low-rank image":
        with guard("the low-rank approximation"):
            script = lowrank_panel(P)
    elif tab == "Linear systems":
        with guard("the linear systems"):
            script = systems_panel(P)
    elif tab == "Sparse & svds":
        with guard("the sparse matrix"):
            script = sparse_panel(P)
    else:
        with guard("the iterative solvers"):
            script = iterative_panel(P)

if script is not None:
    with guard("exporting"):
        code_panel(script, key=P, file_name="linalg.py")
