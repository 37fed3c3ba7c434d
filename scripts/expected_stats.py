#!/usr/bin/python3
"""Independent expected per-question statistics for tcsurvey's tests.

Reads survey exports with pandas (never with tcsurvey), maps answers to
numbers by the rules below, computes the statistics with numpy / scipy /
statsmodels and writes tests/expected/summary_expected.csv.

Contract (what tcsurvey must reproduce):
  * numeric answers are their value; agreement and satisfaction labels are
    matched case-insensitively after trimming (see LABELS);
  * blank (empty or whitespace-only) = missing; in the R-derived files `NA` is
    missing too;
  * non-substantive answers (NONSUBSTANTIVE) are counted and excluded;
  * n = valid answers; sd with ddof=1; ci95 of the mean with Student's t;
    median = numpy median; low/neutral/high = % of valid answers below / at /
    above the midpoint (min+max)/2 of the column's *stated* scale;
    high_ci = Wilson score 95% interval for the high share, in percent;
  * sd and the mean's CI are undefined (empty) when n < 2; everything else
    except the counts is undefined when n = 0.

Sources: the fixtures in tests/fixtures/csv/ listed in FIXTURES, the bundled
example surveys/chester/chester-2024.csv, and (if the directory exists) real
exports under /work/shared/data (or --shared-data DIR).

Usage:  /usr/bin/python3 scripts/expected_stats.py [--shared-data DIR]
"""

import argparse
import csv
import math
import os
import sys

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.weightstats import DescrStatsW

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "expected", "summary_expected.csv")
DEFAULT_SHARED = "/work/shared/data"

LABELS = {
    # 5-point agreement
    "strongly disagree": 1,
    "disagree": 2,
    "tend to disagree": 2,
    "neither agree nor disagree": 3,
    "neither": 3,
    "neutral": 3,
    "agree": 4,
    "tend to agree": 4,
    "strongly agree": 5,
    # 5-point satisfaction ("neutral" as above)
    "very dissatisfied": 1,
    "dissatisfied": 2,
    "neither satisfied nor dissatisfied": 3,
    "satisfied": 4,
    "very satisfied": 5,
}
NONSUBSTANTIVE = {
    "n/a", "not applicable", "don't know", "i don't know", "cannot answer",
    "prefer not to say", "not sure", "i do not know",
}

# (source name written to the output, path, columns as 1-based indices,
#  scale min, scale max, whether the literal `NA` means missing)
# Scales are decided from what the questions are, not from the data.
FIXTURES = [
    # hand-checkable: Q1-Q4 on a 1-5 scale
    ("fixtures/csv/tiny_hand.csv", "tests/fixtures/csv/tiny_hand.csv", [1, 2, 3, 4], 1, 5, False),
    # 5-point agreement labels (column 1 is a respondent number)
    ("fixtures/csv/agree5_labels.csv", "tests/fixtures/csv/agree5_labels.csv", [2, 3, 4], 1, 5, False),
    # 1-10 ratings (column 1 is an ID); column 3 never goes above 7
    ("fixtures/csv/ratings_1_10.csv", "tests/fixtures/csv/ratings_1_10.csv", [2, 3, 4], 1, 10, False),
    # 5-point satisfaction labels (column 1 is an ID)
    ("fixtures/csv/satisfaction.csv", "tests/fixtures/csv/satisfaction.csv", [2, 3], 1, 5, False),
]
CHESTER = ("surveys/chester/chester-2024.csv", "surveys/chester/chester-2024.csv",
           list(range(7, 28)), 1, 10, False)
SHARED = [
    # Math Anxiety Scale (R likert): col 1 Gender is not a question; 14 items, 5-point agreement
    ("shared/r-likert-pkg/mass.csv", "r-likert-pkg/mass.csv", list(range(2, 16)), 1, 5, True),
    # psych::bfi: A1..O5 are 6-point (1 very inaccurate .. 6 very accurate); gender, education are not questions
    ("shared/r-psych-bfi/bfi.csv", "r-psych-bfi/bfi.csv", list(range(1, 26)), 1, 6, True),
    # R likert gap: col 1 StudentId; 5 satisfaction + 5 importance items on 1-7
    ("shared/r-likert-pkg/gap.csv", "r-likert-pkg/gap.csv", list(range(2, 12)), 1, 7, True),
    # R likert sasr: first 10 of 63 items, 5-point agreement with "Neither"
    ("shared/r-likert-pkg/sasr.csv", "r-likert-pkg/sasr.csv", list(range(1, 11)), 1, 5, True),
]

HEADER = ["source", "column_index", "header", "scale_min", "scale_max", "n", "nonsubstantive",
          "missing", "mean", "sd", "ci_lo", "ci_hi", "median", "low_percent", "neutral_percent",
          "high_percent", "high_ci_lo", "high_ci_hi"]

PUBLISHED_CHESTER = {
    "1.1": "6.54", "1.2": "5.64", "1.3": "6.07", "1.4": "3.96", "1.5": "5.18", "1.6": "5.07",
    "2.1": "5.50", "2.2": "3.18", "2.3": "4.75", "2.4": "4.32", "2.5": "4.43",
    "3.1": "2.36", "3.2": "4.82", "3.3": "4.43", "3.4": "5.07", "3.5": "5.39",
    "4.1": "6.43", "4.2": "6.43", "4.3": "5.93", "4.4": "5.07", "4.5": "4.71",
}


def classify(cell, na_missing):
    """-> ("missing"|"nonsub"|"value", float or None). Raises on anything unmapped."""
    t = cell.strip()
    if t == "" or (na_missing and t == "NA"):
        return "missing", None
    low = t.lower()
    if low in NONSUBSTANTIVE:
        return "nonsub", None
    if low in LABELS:
        return "value", float(LABELS[low])
    try:
        v = float(t)
    except ValueError:
        raise ValueError(f"unmapped answer {cell!r}") from None
    if not math.isfinite(v):
        raise ValueError(f"unmapped answer {cell!r}")
    return "value", v


def wilson(count, n):
    lo, hi = proportion_confint(count, n, alpha=0.05, method="wilson")
    # cross-check against the closed form
    z = stats.norm.ppf(0.975)
    p = count / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert abs(lo - (centre - half)) < 1e-12 and abs(hi - (centre + half)) < 1e-12
    return 100.0 * lo, 100.0 * hi


def column_stats(cells, smin, smax, na_missing):
    vals, nonsub, missing = [], 0, 0
    for c in cells:
        kind, v = classify(c, na_missing)
        if kind == "missing":
            missing += 1
        elif kind == "nonsub":
            nonsub += 1
        else:
            if not (smin <= v <= smax):
                raise ValueError(f"answer {c!r} outside the stated scale {smin}-{smax}")
            vals.append(v)
    x = np.array(vals, dtype=float)
    n = len(x)
    r = dict(n=n, nonsubstantive=nonsub, missing=missing)
    for k in HEADER[8:]:
        r[k] = None
    if n == 0:
        return r
    mid = (smin + smax) / 2.0
    r["mean"] = float(np.mean(x))
    r["median"] = float(np.median(x))
    low, neu, high = int(np.sum(x < mid)), int(np.sum(x == mid)), int(np.sum(x > mid))
    assert low + neu + high == n
    r["low_percent"] = 100.0 * low / n
    r["neutral_percent"] = 100.0 * neu / n
    r["high_percent"] = 100.0 * high / n
    r["high_ci_lo"], r["high_ci_hi"] = wilson(high, n)
    if n >= 2:
        sd = float(np.std(x, ddof=1))
        half = float(stats.t.ppf(0.975, n - 1)) * sd / math.sqrt(n)
        r["sd"] = sd
        r["ci_lo"], r["ci_hi"] = r["mean"] - half, r["mean"] + half
        # cross-check with statsmodels
        if sd > 0:
            lo, hi = DescrStatsW(x).tconfint_mean(alpha=0.05)
            assert abs(lo - r["ci_lo"]) < 1e-9 and abs(hi - r["ci_hi"]) < 1e-9
    return r


def read_table(path):
    """All cells as str, header row separate; BOM stripped; nothing turned into NaN."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False,
                     encoding="utf-8-sig", sep=",", skipinitialspace=False)
    return df


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    v = float(v)
    if v == 0.0:
        return "0"  # never write -0
    s = format(v, ".17g")
    assert float(s) == v
    return s


def process(source, path, cols, smin, smax, na_missing, out_rows):
    df = read_table(path)
    headers = list(df.columns)
    for ci in cols:
        cells = df.iloc[:, ci - 1].tolist()
        r = column_stats(cells, smin, smax, na_missing)
        assert r["n"] + r["nonsubstantive"] + r["missing"] == len(df)
        out_rows.append([source, ci, headers[ci - 1], smin, smax] + [r[k] for k in HEADER[5:]])
    return df


def chester_check(df):
    print("chester-2024.csv: item means vs published averages (Appendix 5)")
    ok = True
    for ci in CHESTER[2]:
        h = df.columns[ci - 1]
        iid = h.split(". ", 1)[0]
        x = np.array([float(c) for c in df.iloc[:, ci - 1]])
        m = float(np.mean(x))
        pub = PUBLISHED_CHESTER[iid]
        match = f"{m:.2f}" == pub
        ok &= match
        print(f"  {iid:4} n={len(x):2d} mean={m:.6f} rounded={m:.2f} published={pub} {'ok' if match else 'MISMATCH'}")
    assert ok, "chester means do not match the published averages"
    assert sorted(PUBLISHED_CHESTER) == sorted(df.columns[ci - 1].split(". ", 1)[0] for ci in CHESTER[2])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared-data", default=DEFAULT_SHARED,
                    help=f"directory of real exports (default {DEFAULT_SHARED}); skipped if absent")
    args = ap.parse_args()

    rows = []
    for src, rel, cols, smin, smax, na in FIXTURES:
        process(src, os.path.join(ROOT, rel), cols, smin, smax, na, rows)
    src, rel, cols, smin, smax, na = CHESTER
    chester_check(process(src, os.path.join(ROOT, rel), cols, smin, smax, na, rows))
    if os.path.isdir(args.shared_data):
        for src, rel, cols, smin, smax, na in SHARED:
            process(src, os.path.join(args.shared_data, rel), cols, smin, smax, na, rows)
    else:
        print(f"warning: {args.shared_data} not found; real exports skipped "
              f"(the output will lack their rows)", file=sys.stderr)

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for r in rows:
            w.writerow([fmt(v) if not isinstance(v, str) else v for v in r])
    per = {}
    for r in rows:
        per[r[0]] = per.get(r[0], 0) + 1
    for s, k in per.items():
        print(f"  {s}: {k} columns")
    print(f"wrote {os.path.relpath(OUT, ROOT)}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
