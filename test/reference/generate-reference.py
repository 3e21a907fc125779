#!/usr/bin/python3
"""
Reference values for the statistics in analysis/stats/, from scipy (Debian python3-scipy).

Regenerate (from the repository root):
    /usr/bin/python3 test/reference/generate-reference.py
It rewrites test/reference/fixtures/{special-functions,chi-square-survival,wilson-interval,
kruskal-wallis,chi-square-test}.json. Inputs are generated here from fixed seeds and written
into the fixtures next to the expected values, so the TypeScript tests read both from one file.

Where scipy is the reference it is also checked against exact or high-precision arithmetic
(fractions.Fraction for Kruskal-Wallis H, mpmath at 60 digits for the p-values and the Wilson
bounds); the script stops if they disagree by more than 1e-10 relative, so a fixture never
records a reference tool's own rounding problem. The mpmath values are stored as `exact`.
"""
import json
import math
import os
import sys
import warnings
from fractions import Fraction

import mpmath
import numpy as np
import scipy
from scipy import special, stats
from scipy.stats import contingency

mpmath.mp.dps = 60
# binomtest(0, n) evaluates a pmf at 0 successes and warns about log(0); the interval is unaffected.
warnings.filterwarnings("ignore", message="divide by zero", category=RuntimeWarning)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
Z_975 = 1.959963984540054


def write(name, payload):
    payload = {
        "generatedBy": "test/reference/generate-reference.py",
        "tools": {"scipy": scipy.__version__, "numpy": np.__version__, "mpmath": mpmath.__version__, "python": sys.version.split()[0]},
        **payload,
    }
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(payload, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


def close(a, b, rel=1e-10, what=""):
    a, b = float(a), float(b)
    if a == b or (abs(b) < 1e-300 and abs(a) < 1e-300):
        return
    if abs(a - b) > rel * max(abs(a), abs(b)):
        raise SystemExit(f"reference check failed for {what}: {a!r} vs {b!r}")


def exact_chi2_sf(x, df):
    return mpmath.gammainc(mpmath.mpf(df) / 2, mpmath.mpf(x) / 2, mpmath.inf, regularized=True)


# ---------------------------------------------------------------- special functions
gammaln_x = [1e-8, 1e-3, 0.1, 0.5, 1, 1.5, 2, 2.5, 3, 4.2, 7.5, 10, 12.5, 19.5, 20, 20.5, 33.3, 50, 100.5, 1e3, 1e4, 123456.5, 1e6]
gammainc_points = [(a, x) for a in [0.5, 1, 1.5, 2, 3.5, 5, 10, 19.5, 20, 25, 50, 100, 250, 500]
                   for x in [1e-6, 0.01, 0.3, 1, 2.5, 5, 9, 10, 11, 20, 30, 50, 80, 100, 120, 200, 300, 450, 500, 550, 700, 1000]]
special_payload = {
    "logGamma": [{"x": x, "expected": float(special.gammaln(x)), "exact": float(mpmath.loggamma(x))} for x in gammaln_x],
    "regularizedGamma": [],
}
for x in gammaln_x:
    close(special.gammaln(x), mpmath.loggamma(x), 1e-13, f"gammaln({x})")
for a, x in gammainc_points:
    p = float(special.gammainc(a, x))
    q = float(special.gammaincc(a, x))
    exact_p = mpmath.gammainc(a, 0, x, regularized=True)
    exact_q = mpmath.gammainc(a, x, mpmath.inf, regularized=True)
    if p > 1e-300:
        close(p, exact_p, 1e-10, f"gammainc({a},{x})")
    if q > 1e-300:
        close(q, exact_q, 1e-10, f"gammaincc({a},{x})")
    special_payload["regularizedGamma"].append({"a": a, "x": x, "p": p, "q": q, "exactP": float(exact_p), "exactQ": float(exact_q)})
write("special-functions.json", special_payload)

# ---------------------------------------------------------------- chi-square survival
chi2_cases = []
dfs = [1, 2, 3, 4, 5, 6, 7, 9, 10, 12, 15, 20, 24, 30, 40, 50, 80, 100, 200, 500, 1000]
for df in dfs:
    for x in sorted({1e-10, 1e-4, 0.01, 0.1, 0.5, 1, 2, 3.841458820694124, 5, df * 0.5, df - 1, float(df), df + 1, df * 1.5, df * 2,
                     df + 10 * math.sqrt(2 * df), 50, 100, 150, 250, 400, 700, 1000, 1300, 1400, 1500}):
        if x <= 0:
            continue
        expected = float(stats.chi2.sf(x, df))
        exact = exact_chi2_sf(x, df)
        if expected > 1e-300:
            close(expected, exact, 1e-10, f"chi2.sf({x},{df})")
        chi2_cases.append({"x": x, "df": df, "expected": expected, "exact": float(exact)})
# Large degrees of freedom, around the mean and far into both tails, where the prefactor xᵃe⁻ˣ/Γ(a)
# cancels terms of size a·ln a unless computed carefully.
for df in [5000, 20000, 100000]:
    sd = math.sqrt(2 * df)
    for x in [df - 5 * sd, df - sd, df - 0.5, float(df), df + 0.5, df + sd, df + 5 * sd, df + 20 * sd, df + 60 * sd, df * 0.5, df * 1.5]:
        expected = float(stats.chi2.sf(x, df))
        exact = exact_chi2_sf(x, df)
        if expected > 1e-300:
            close(expected, exact, 1e-10, f"chi2.sf({x},{df})")
        chi2_cases.append({"x": x, "df": df, "expected": expected, "exact": float(exact)})
write("chi-square-survival.json", {"cases": chi2_cases})

# ---------------------------------------------------------------- Wilson interval
def exact_wilson(s, n, z=Z_975):
    s, n, z = mpmath.mpf(s), mpmath.mpf(n), mpmath.mpf(z)
    p = s / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * mpmath.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return [float(max(centre - half, 0)), float(min(centre + half, 1))]


wilson_cases = []
for n in [1, 2, 5, 10, 37, 100, 1000, 12345, 1000000]:
    for s in sorted({0, 1, 2, n // 3, n // 2, n - 1, n}):
        if not 0 <= s <= n:
            continue
        ci = stats.binomtest(s, n).proportion_ci(confidence_level=0.95, method="wilson")
        expected = [float(ci.low), float(ci.high)]
        exact = exact_wilson(s, n)
        for got, want in zip(expected, exact):
            close(got, want, 1e-10, f"wilson({s},{n})")
        wilson_cases.append({"successes": s, "n": n, "expected": expected, "exact": exact, "source": "scipy.stats.binomtest(...).proportion_ci(method='wilson')"})
# Weighted data: non-integer successes and effective N; scipy needs integers, so the closed form in mpmath.
rng = np.random.RandomState(20240401)
for _ in range(12):
    n = float(rng.uniform(3, 5000))
    s = float(n * rng.uniform(0, 1))
    exact = exact_wilson(s, n)
    wilson_cases.append({"successes": s, "n": n, "expected": exact, "exact": exact, "source": "closed form (Wilson 1927) in mpmath, 60 digits"})
write("wilson-interval.json", {"z": Z_975, "cases": wilson_cases})

# ---------------------------------------------------------------- Kruskal-Wallis
def exact_kruskal_h(groups):
    values = sorted(v for g in groups for v in g)
    n = len(values)
    rank = {}
    i = 0
    while i < n:
        j = i
        while j < n and values[j] == values[i]:
            j += 1
        rank[values[i]] = Fraction(i + 1 + j, 2)  # average of ranks i+1 … j
        i = j
    ties = Fraction(0)
    for v in set(values):
        t = values.count(v)
        ties += t ** 3 - t
    h = Fraction(12, n * (n + 1)) * sum(Fraction(sum(rank[v] for v in g) ** 2, len(g)) for g in groups) - 3 * (n + 1)
    return h / (1 - ties / (n ** 3 - n))


rng = np.random.RandomState(20240402)
kruskal_cases = []


def add_kruskal(name, groups):
    groups = [[(int(v) if float(v).is_integer() else float(v)) for v in g] for g in groups]
    h, p = stats.kruskal(*groups)
    n = sum(len(g) for g in groups)
    exact_h = exact_kruskal_h(groups)
    close(h, exact_h, 1e-10, f"kruskal {name}")
    exact_p = exact_chi2_sf(mpmath.mpf(exact_h.numerator) / exact_h.denominator, len(groups) - 1)
    close(p, exact_p, 1e-9, f"kruskal p {name}")
    kruskal_cases.append({
        "name": name, "groups": groups, "statistic": float(h), "p": float(p), "df": len(groups) - 1, "n": n,
        "epsilonSquared": float(h) * (n + 1) / (n * n - 1),
        "exactStatistic": float(exact_h), "exactP": float(exact_p),
    })


for k in [2, 3, 4, 5]:
    for size in [6, 40, 300]:
        # Likert 1–5 with a shifted lean per group: heavy ties, as the staff survey has.
        groups = []
        for g in range(k):
            probs = np.array([1, 2, 3, 2, 1], dtype=float) + np.eye(5)[g % 5] * (g + 1)
            probs /= probs.sum()
            m = int(size + rng.randint(0, size // 2 + 1))
            groups.append((rng.choice(5, size=m, p=probs) + 1).tolist())
        add_kruskal(f"likert {k} groups ~{size} each", groups)
add_kruskal("strong separation", [[1] * 30 + [2] * 5, [4] * 20 + [5] * 25, [3] * 40])
add_kruskal("continuous no ties", [rng.normal(0, 1, 25).round(6).tolist(), rng.normal(0.5, 1, 31).round(6).tolist(), rng.normal(1, 2, 19).round(6).tolist()])
add_kruskal("rating 0-10 unequal sizes", [rng.randint(0, 11, 3).tolist(), rng.randint(0, 11, 250).tolist(), rng.randint(3, 11, 80).tolist(), rng.randint(0, 8, 12).tolist()])
add_kruskal("tiny p", [(rng.choice(5, 1500, p=[.5, .3, .1, .05, .05]) + 1).tolist(), (rng.choice(5, 1500, p=[.05, .05, .1, .3, .5]) + 1).tolist()])
add_kruskal("single observation groups", [[1], [2], [2, 3]])
write("kruskal-wallis.json", {"cases": kruskal_cases})

# ---------------------------------------------------------------- Pearson chi-square, Cramér's V
rng = np.random.RandomState(20240403)
chi_cases = []


def add_chi(name, table):
    table = np.asarray(table)
    kept = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    r, c = kept.shape
    n = int(kept.sum())
    if r < 2 or c < 2:
        statistic, p, df, v = 0.0, 1.0, 0, 0.0
    else:
        statistic, p, df, _ = stats.chi2_contingency(kept, correction=False)
        v = float(contingency.association(kept, method="cramer", correction=False))
        expected = np.outer(kept.sum(1), kept.sum(0)) / n
        exact_stat = sum(Fraction(int(o)) ** 2 / (Fraction(int(rs) * int(cs), n)) for o, rs, cs in
                         ((kept[i, j], kept[i].sum(), kept[:, j].sum()) for i in range(r) for j in range(c))) - n
        close(statistic, exact_stat, 1e-10, f"chi2 {name}")
        close(p, exact_chi2_sf(mpmath.mpf(exact_stat.numerator) / exact_stat.denominator, df), 1e-9, f"chi2 p {name}")
        close(v, math.sqrt(float(statistic) / (n * (min(r, c) - 1))), 1e-12, f"cramer {name}")
    chi_cases.append({"name": name, "table": table.tolist(), "statistic": float(statistic), "df": int(df), "p": float(p), "n": n,
                      "rows": int(r), "cols": int(c), "cramersV": v})


add_chi("2x2 classic", [[10, 20], [30, 5]])
add_chi("2x2 balanced (chi2 = 0)", [[10, 10], [20, 20]])
add_chi("2x2 small", [[3, 1], [1, 3]])
add_chi("3x5 random", rng.randint(0, 40, size=(3, 5)).tolist())
add_chi("3x5 cohort by answer", [[12, 30, 41, 22, 9], [20, 25, 30, 18, 4], [40, 22, 15, 6, 2]])
add_chi("with a zero row", [[12, 30, 41], [0, 0, 0], [40, 22, 15]])
add_chi("with a zero column", [[12, 0, 41, 5], [20, 0, 30, 9], [7, 0, 3, 11]])
add_chi("zero row and zero column", [[0, 0, 0], [5, 0, 9], [8, 0, 2]])
add_chi("single non-empty row", [[0, 0], [4, 9]])
add_chi("tiny p", [[900, 100], [100, 900]])
add_chi("checkbox chosen vs not by 4 cohorts", [[120, 380], [90, 410], [60, 240], [33, 67]])
for i in range(4):
    r, c = int(rng.randint(2, 6)), int(rng.randint(2, 7))
    add_chi(f"random {r}x{c} #{i}", rng.randint(1, 200, size=(r, c)).tolist())
write("chi-square-test.json", {"cases": chi_cases})
