"""Bundled samples of this capability: small, documented (source and licence in README.md beside them).

Each sample names the columns, model or settings a page starts with, so the page shows a useful result
the moment it opens."""

from core.common.samples import Catalogue, Sample

__all__ = ["SAMPLES"]

SAMPLES = Catalogue(__file__, [
    Sample("two_groups_outlier", "Reaction times: two groups with an outlier", "two_groups_outlier.csv",
           "Reaction times (ms) of a control and a treated group of 18 each, long format; one control value "
           "(135 ms) is a gross outlier. Compare t, Welch, Mann-Whitney and the permutation test.",
           "Synthetic (normal, seed 20261125)",
           {"shape": "two", "layout": "long", "value": "reaction_ms", "group": "group", "test": "ttest_ind"}),
    Sample("sleep", "Student's sleep data (paired)", "sleep_paired.csv",
           "Extra hours of sleep of 10 patients under two drugs: the paired example of Student's 1908 paper.",
           "Student (1908), Biometrika 6, 1-25; as R's datasets::sleep (public domain)",
           {"shape": "paired", "columns": ["drug_1_extra_h", "drug_2_extra_h"], "test": "ttest_rel"}),
    Sample("plant_growth", "Plant growth (three groups)", "plant_growth.csv",
           "Dried weight of plants under a control and two treatments, 10 each: one-way ANOVA.",
           "Dobson (1983), An Introduction to Statistical Modelling; as R's datasets::PlantGrowth",
           {"shape": "groups", "layout": "long", "value": "dried_weight_g", "group": "group", "test": "f_oneway"}),
    Sample("bottle_fill", "Bottle fill volumes (one sample)", "bottle_fill.csv",
           "25 fill volumes from a line that should fill 500 ml: one-sample t-test against 500.",
           "Synthetic (normal, seed 20261125)",
           {"shape": "one", "columns": ["fill_ml"], "popmean": 500.0, "test": "ttest_1samp"}),
    Sample("vaccine_2x2", "Vaccination and infection (2x2, small counts)", "vaccine_2x2.csv",
           "28 people by vaccination status and outcome: expected counts below 5, so Fisher's exact test.",
           "Synthetic counts",
           {"shape": "table", "rows": "status", "cols": "outcome", "test": "fisher_exact"}),
    Sample("treatment_3x3", "Treatment and response (3x3)", "treatment_3x3.csv",
           "120 patients by dose (placebo, low, high) and response (worse, same, better): chi-square test.",
           "Synthetic counts",
           {"shape": "table", "rows": "treatment", "cols": "response", "test": "chi2_contingency"}),
    Sample("study_hours", "Study hours and exam score (correlation)", "study_hours.csv",
           "60 students: hours studied against exam score, a monotonic but curved relation (Pearson vs Spearman).",
           "Synthetic (logistic curve plus noise, seed 20261125)",
           {"shape": "xy", "columns": ["study_hours", "exam_score"], "test": "spearmanr"}),
])
