#!/usr/bin/python3
"""Second reference for the unweighted cross-tabulations: scipy's chi2_contingency (no continuity
correction) and Cramér's V (scipy.stats.contingency.association), on the respondents that
generate-crosstab-reference.R drew (test/reference/fixtures/crosstab.json).

Regenerate (from the repository root, after the R script):
    /usr/bin/python3 test/reference/generate-crosstab-scipy.py
It writes test/reference/fixtures/crosstab-scipy.json.
"""
import json
from pathlib import Path

import numpy as np
import scipy
from scipy.stats import chi2_contingency
from scipy.stats.contingency import association

here = Path(__file__).parent
source = json.loads((here / "fixtures" / "crosstab.json").read_text())


def table(by, codes, groups, values):
    t = np.zeros((len(groups), len(values)))
    for g, v in zip(by, codes):
        if g in groups and v in values:
            t[groups.index(g), values.index(v)] += 1
    return t


cases = []
for case in source["cases"]:
    if case["weights"] is not None:
        continue
    groups = case["testedGroups"]
    tables = []
    if case["kind"] == "single":
        tables.append((None, table(case["by"], case["codes"], groups, case["testedValues"])))
    else:
        for option, chosen in enumerate(case["chosen"]):
            rows = [(g, 1 - c) for g, a, c in zip(case["by"], case["answered"], chosen) if a == 1]
            tables.append((option, table([g for g, _ in rows], [v for _, v in rows], groups, [0, 1])))
    for option, t in tables:
        statistic, p, df, _ = chi2_contingency(t, correction=False)
        cases.append({
            "name": case["name"], "option": option,
            "statistic": float(statistic), "p": float(p), "df": int(df),
            "cramersV": float(association(t.astype(int), method="cramer", correction=False)),
        })

out = {"generatedBy": "test/reference/generate-crosstab-scipy.py", "tools": {"scipy": scipy.__version__, "numpy": np.__version__}, "cases": cases}
(here / "fixtures" / "crosstab-scipy.json").write_text(json.dumps(out, indent=1) + "\n")
print("wrote", here / "fixtures" / "crosstab-scipy.json")
