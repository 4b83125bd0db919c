"""Optimization: minimize a function of two variables with every scipy.optimize.minimize method on one map,
global methods against a local baseline, and linear / integer programs with linprog and milp."""

from ui.common.frame import page_setup, panel_tabs
from ui.optimize.views import global_panel, lp_panel, minimize_panel

PAGE = page_setup("optimization", "Race `scipy.optimize.minimize`'s methods from one start on a map you click, "
                  "with their paths, counts and the code; search a bumpy function with the global methods against "
                  "a local method from random starts; solve linear and integer programs with `linprog` and `milp`.")
P = PAGE.prefix

PANELS = {"Minimize": ("minimizing", minimize_panel), "Global search": ("the global search", global_panel),
          "Linear programming": ("the linear program", lp_panel)}
panel_tabs(PANELS, P, file_name="optimize.py")
