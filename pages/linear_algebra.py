"""Linear algebra and sparse matrices: PCA by the SVD, a low-rank image, linear systems, sparse matrices with
svds topics, and iterative solvers."""

from ui.common.frame import page_setup, panel_tabs
from ui.linalg.views import iterative_panel, lowrank_panel, pca_panel, sparse_panel, systems_panel

PAGE = page_setup("linear_algebra", "PCA by `scipy.linalg.svd` (checked against `eigh`), the best low-rank "
                  "approximation of an image, linear systems solved and factored once, sparse term-document "
                  "matrices with `svds` topics, and iterative solvers against `spsolve`.")
P = PAGE.prefix

PANELS = {"PCA": ("the PCA", pca_panel), "Low-rank image": ("the low-rank approximation", lowrank_panel),
          "Linear systems": ("the linear systems", systems_panel), "Sparse & svds": ("the sparse matrix", sparse_panel),
          "Iterative solvers": ("the iterative solvers", iterative_panel)}
panel_tabs(PANELS, P, file_name="linalg.py")
