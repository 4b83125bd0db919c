"""ODEs and integrals: solve_ivp's methods raced on one system, the phase plane of two states, work against
precision, and quad, dblquad and the trapezoid and Simpson rules."""

from ui.common.frame import page_setup, panel_tabs
from ui.integrate.views import integrals_panel, phase_panel, solve_panel, work_panel

PAGE = page_setup("ode", "Race `scipy.integrate.solve_ivp`'s methods on one system (curves, step sizes, counts, "
                  "error against a reference, events), explore a phase plane you click, see which method is "
                  "cheapest for a given accuracy, and integrate formulas with `quad`, `dblquad` and the classic "
                  "rules.")
P = PAGE.prefix

PANELS = {"Solve & compare": ("solving", solve_panel), "Phase plane": ("the phase plane", phase_panel),
          "Work-precision": ("the work-precision sweep", work_panel), "Integrals": ("the integral", integrals_panel)}
panel_tabs(PANELS, P, file_name="integrate.py")
