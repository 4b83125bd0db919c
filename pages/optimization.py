"""Optimization: minimize a function of two variables with every scipy.optimize.minimize method on one map,
global methods against a local baseline, and linear / integer programs with linprog and milp."""

from ui.common.errors import guard
from ui.common.export import code_panel
from ui.common.frame import lazy_tabs, page_setup
from ui.optimize.views import global_panel, lp_panel, minimize_panel

PAGE = page_setup("optimization", "Race `scipy.optimize.minimize`'s methods from one start on a map you click, "
                  "with their paths, counts and the code; search a bumpy function with the global methods against "
                  "a local method from random starts; solve linear and integer programs with `linprog` and `milp`.")
P = PAGE.prefix

PANELS = {"Minimize": ("minimizing", minimize_panel), "Global search": ("the global search", global_panel),
          "Linear programming": ("the linear program", lp_panel)}
tab, panel = lazy_tabs(list(PANELS), key=f"{P}_tab")
script = None
what, show = PANELS[tab]
with panel, guard(what):
    script = show(P)

if script is not None:
    with guard("exporting"):
        code_panel(script, key=P, file_name="optimize.py")
