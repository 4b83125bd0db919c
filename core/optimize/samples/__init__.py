"""Bundled samples of this capability: small, documented (source and licence in README.md beside them)."""

from core.common.samples import Catalogue, Sample

__all__ = ["SAMPLES"]

SAMPLES = Catalogue(__file__, [
    Sample("production", "Production planning (two products, three machines)", "production.lp",
           "Maximize profit within three machines' hours: optimum (2, 6), value 36.",
           "The Wyndor Glass example (Hillier & Lieberman)"),
    Sample("integer", "Production in whole units (milp)", "integer.lp",
           "The LP optimum is fractional; the integer optimum is a lattice point inside.", "Written for this project"),
    Sample("diet", "Diet: cheapest foods meeting nutrient needs", "diet.lp",
           "Four variables: the table of the solution, slacks and duals (the price of each nutrient).",
           "Written for this project (made-up prices)"),
    Sample("knapsack", "Knapsack: the most value within a weight limit (binary)", "knapsack.lp",
           "Eight yes/no choices solved by milp.", "Written for this project"),
    Sample("transport", "Transport: two plants to three shops at least cost", "transport.lp",
           "Supplies as inequalities, demands as equalities.", "Written for this project"),
    Sample("infeasible", "Infeasible: demands no plan can meet", "infeasible.lp",
           "The page names a smallest set of constraints that cannot hold together.", "Written for this project"),
])
