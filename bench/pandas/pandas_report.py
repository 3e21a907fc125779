#!/usr/bin/env python3
"""
The CLI's report done the way an analyst would do it with pandas + scipy, for bench:analysis's ratio (issue 24:
"100k responses, ratio to pandas + scipy doing the same report in the same run <= 0.1x").

"The same report" is taken from the CLI's own JSON report of the same file (--plan): every question summary, every
cross-tab (question or matrix row x breakdown, with chi-square and adjusted residuals), every comparison of means
(Kruskal-Wallis or Welch's ANOVA), the cohort gap tests (chi-square, Holm), the needs ranking with its 1,000-resample
bootstrap, the importance-satisfaction means and the overview (period, channels, wards, completion-time quartiles).
Reading is `json.loads` per line and `pd.json_normalize`, as pandas' documentation shows for nested JSON lines.

So that the comparison is honest, the counts pandas finds are checked against the CLI's (every summary count that
the CLI did not hide); a difference is printed and the script exits 1. Prints one JSON line:
{"seconds": {"read": .., "report": .., "total": ..}, "checked": <counts compared>, "tables": <tables computed>}.

Usage: python3 bench/pandas/pandas_report.py --input responses.jsonl --plan report.json
"""
import argparse
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats

parser = argparse.ArgumentParser()
parser.add_argument("--input", required=True)
parser.add_argument("--plan", required=True)
parser.add_argument("--resamples", type=int, default=1000)
args = parser.parse_args()

with open(args.plan, encoding="utf-8") as handle:
    plan = json.load(handle)

started = time.perf_counter()
with open(args.input, encoding="utf-8") as handle:
    records = [json.loads(line) for line in handle if line.strip()]
frame = pd.json_normalize(records)
del records
read_seconds = time.perf_counter() - started

meta_names = {"ward", "kioskId", "locale"}


def column(question, row=None):
    """The frame's column of a question (data.q), a matrix row (data.q.row) or a meta value (meta.ward)."""
    if question in meta_names:
        return frame.get(f"meta.{question}")
    name = f"data.{question}" if row is None else f"data.{question}.{row}"
    return frame.get(name, pd.Series([np.nan] * len(frame)))


def chi_square(table):
    table = table.loc[table.sum(axis=1) > 0, table.sum(axis=0) > 0]
    if table.shape[0] < 2 or table.shape[1] < 2:
        return None
    chi2, p, dof, expected = stats.chi2_contingency(table.to_numpy(), correction=False)
    n = table.to_numpy().sum()
    rows = table.sum(axis=1).to_numpy()[:, None] / n
    cols = table.sum(axis=0).to_numpy()[None, :] / n
    residuals = (table.to_numpy() - expected) / np.sqrt(expected * (1 - rows) * (1 - cols))
    return chi2, p, dof, residuals


def holm(p_values):
    p = np.asarray(p_values, dtype=float)
    order = np.argsort(p)
    adjusted = np.empty_like(p)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (len(p) - rank) * p[index]))
        adjusted[index] = running
    return adjusted


def welch_anova(groups):
    groups = [g for g in groups if len(g) > 1]
    k = len(groups)
    if k < 2:
        return None
    n = np.array([len(g) for g in groups], dtype=float)
    means = np.array([g.mean() for g in groups])
    variances = np.array([g.var(ddof=1) for g in groups])
    weights = n / variances
    grand = (weights * means).sum() / weights.sum()
    a = (weights * (means - grand) ** 2).sum() / (k - 1)
    tmp = (((1 - weights / weights.sum()) ** 2) / (n - 1)).sum()
    b = 1 + 2 * (k - 2) * tmp / (k**2 - 1)
    f = a / b
    df2 = (k**2 - 1) / (3 * tmp)
    return f, k - 1, df2, stats.f.sf(f, k - 1, df2)


tables = 0
checked = 0
mismatches = []


def compare(what, expected, found):
    global checked
    if expected is None:
        return
    checked += 1
    if int(expected) != int(found):
        mismatches.append(f"{what}: the CLI counted {expected}, pandas {found}")


report_started = time.perf_counter()

# Every question's summary.
for summary in plan.get("summaries", []):
    question, kind = summary["question"], summary["type"]
    if kind == "comment":
        continue
    if kind == "matrix":
        for row in summary.get("rows", []):
            counts = column(question, row["row"] if "row" in row else row["value"]).value_counts()
            tables += 1
            for item in row.get("items", []):
                compare(f"{question}.{row.get('row', row.get('value'))}={item['value']}", item.get("count"), counts.get(item["value"], 0))
    elif kind in ("checkbox", "tagbox"):
        exploded = column(question).dropna().explode()
        counts = exploded.value_counts()
        tables += 1
        for item in summary.get("items", []):
            compare(f"{question}={item['value']}", item.get("count"), counts.get(item["value"], 0))
    elif kind == "ranking":
        ranked = column(question).dropna()
        positions = pd.DataFrame({"value": ranked.explode(), "position": ranked.apply(lambda values: list(range(1, len(values) + 1))).explode()})
        by_position = pd.crosstab(positions["value"], positions["position"])
        mean_rank = positions.assign(position=positions["position"].astype(int)).groupby("value")["position"].mean()
        tables += 1
        for rank in summary.get("ranks", []):
            compare(f"{question} ranked {rank['value']}", rank.get("ranked"), by_position.loc[rank["value"]].sum() if rank["value"] in by_position.index else 0)
    else:
        values = column(question)
        counts = values.value_counts()
        if kind == "rating":
            numeric = pd.to_numeric(values, errors="coerce")
            numeric.mean(), numeric.std(), numeric.quantile([0.25, 0.5, 0.75])
        tables += 1
        for item in summary.get("items", []):
            key = item["value"]
            compare(f"{question}={key}", item.get("count"), counts.get(key, 0))

# Every cross-tab, with its test and adjusted residuals.
for crosstab in plan.get("crosstabs", []):
    by = column(crosstab["by"])
    values = column(crosstab["question"], crosstab.get("row"))
    if crosstab["kind"] == "multiple":
        pairs = pd.DataFrame({"by": by, "value": values}).dropna().explode("value")
        table = pd.crosstab(pairs["by"], pairs["value"])
        answered = pd.DataFrame({"by": by, "value": values}).dropna().groupby("by").size()
        for option in table.columns:
            chosen = table[option].reindex(answered.index, fill_value=0)
            chi_square(pd.DataFrame({"yes": chosen, "no": answered - chosen}))
    else:
        table = pd.crosstab(by, values)
        chi_square(table)
    tables += 1
    for group in crosstab.get("groups", []):
        for cell in group.get("cells", []):
            if cell.get("count") is not None and group["value"] in table.index and cell["value"] in table.columns:
                compare(f"{crosstab['question']}.{crosstab.get('row', '')} x {crosstab['by']}={group['value']}: {cell['value']}", cell["count"], table.loc[group["value"], cell["value"]])

# Means by group, with the report's test.
for means in plan.get("means", []):
    frame_means = pd.DataFrame({"by": column(means["by"]), "value": pd.to_numeric(column(means["question"], means.get("row")), errors="coerce")}).dropna()
    grouped = frame_means.groupby("by")["value"]
    grouped.agg(["count", "mean", "std", "median"])
    samples = [group.to_numpy() for _, group in grouped]
    method = (means.get("test") or {}).get("method")
    if method == "kruskal" and len(samples) > 1:
        stats.kruskal(*samples)
    elif method == "welch":
        welch_anova(samples)
    tables += 1

# The cohort gap tests: each option of a checkbox (and each answer of a single choice) by cohort.
gaps = plan.get("gaps") or {}
if gaps.get("items"):
    cohort = column(gaps["by"])
    p_values = []
    for item in gaps["items"]:
        values = column(item["question"], item.get("row"))
        answered = values.notna() & cohort.notna()
        if "option" in item:
            chosen = values[answered].apply(lambda selected: item["option"] in selected if isinstance(selected, list) else selected == item["option"])
            table = pd.crosstab(cohort[answered], chosen)
        else:
            table = pd.crosstab(cohort[answered], values[answered])
        result = chi_square(table)
        p_values.append(result[1] if result else 1.0)
        tables += 1
    holm(p_values)

# The needs: shares with Wilson intervals, and how often each option is in the top 3 over bootstrap resamples.
rng = np.random.default_rng(1)
for need in plan.get("needs", []):
    values = column(need["question"]).dropna()
    options = [item["value"] for item in need.get("items", [])]
    if need["kind"] == "ranking":
        # A point per place, as the report's Borda score: first of k gets k, last 1.
        onehot = np.array([[len(ranked) - ranked.index(option) if option in ranked else 0 for option in options] for ranked in values], dtype=float)
    else:
        onehot = np.array([[1.0 if option in selected else 0.0 for option in options] for selected in values])
    n = len(onehot)
    shares = onehot.astype(bool).mean(axis=0)
    z = stats.norm.ppf(0.975)
    centre = (shares + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(shares * (1 - shares) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    top3 = np.zeros(len(options))
    for _ in range(args.resamples):
        sample = onehot[rng.integers(0, n, n)].sum(axis=0)
        top3[np.argsort(-sample)[:3]] += 1
    tables += 1
    for item in need.get("items", []):
        compare(f"need {need['question']}={item['value']}", item.get("count"), int(onehot[:, options.index(item["value"])].astype(bool).sum()))

# Importance-satisfaction means.
for ipa in plan.get("ipa", []):
    for item in ipa.get("items", []):
        pd.to_numeric(column("importance", item["item"]), errors="coerce").mean()
        pd.to_numeric(column("satisfaction", item["item"]), errors="coerce").mean()
    tables += 1

# The overview: period, channels, wards, completion-time quartiles.
completed = pd.to_datetime(frame["completedAt"], utc=True)
started_at = pd.to_datetime(frame["startedAt"], utc=True, errors="coerce")
completed.min(), completed.max()
for channel in (plan.get("overview") or {}).get("byChannel", []):
    compare(f"channel {channel['value']}", channel.get("n"), (frame["channel"] == channel["value"]).sum())
if "meta.ward" in frame:
    wards = frame["meta.ward"].value_counts()
    for ward in (plan.get("overview") or {}).get("byWard", []):
        compare(f"ward {ward['value']}", ward.get("n"), wards.get(ward["value"], 0))
((completed - started_at).dt.total_seconds() / 60).quantile([0.25, 0.5, 0.75])
tables += 1

report_seconds = time.perf_counter() - report_started
print(json.dumps({"seconds": {"read": read_seconds, "report": report_seconds, "total": read_seconds + report_seconds}, "checked": checked, "tables": tables, "mismatches": mismatches[:10]}))
sys.exit(1 if mismatches else 0)
