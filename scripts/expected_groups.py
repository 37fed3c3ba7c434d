#!/usr/bin/python3
"""Expected values for tests/unit/test_groups.c: the Chester example broken
down by faculty, computed independently from the raw CSVs with pandas, scipy
and statsmodels (never from tcsurvey's output).

  * summary rows: per wave, per faculty shown, per item: n, mean, SD, the
    Student t 95% CI of the mean and % high (answers above the midpoint 5.5);
  * compare rows: per faculty shown in both waves, per item asked in both:
    means, change, Welch CI and p, Mann-Whitney p (asymptotic, continuity
    corrected), Cliff's delta and the Benjamini-Hochberg q over the group's
    items;
  * suppression rows: per wave, which faculties the rule hides. The rule is
    written out here from its definition in the README: hide groups below
    the minimum, then the smallest shown groups until the hidden ones hold
    at least the minimum together.

    /usr/bin/python3 scripts/expected_groups.py
writes tests/expected/groups_expected.csv.
"""
import csv
import os
import sys

import numpy as np
import pandas as pd
from statsmodels.stats.multitest import multipletests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from expected_common import change_figures, items, t_quantile  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WAVES = {y: os.path.join(ROOT, "surveys", "chester", f"chester-{y}.csv") for y in (2024, 2026)}
OUT = os.path.join(ROOT, "tests", "expected", "groups_expected.csv")
BY = "Which faculty or department do you work in?"
MIN_GROUP = 5


def hidden(sizes, min_group):
    """Groups (names) the suppression rule hides, from {name: size}."""
    hide = {g for g, n in sizes.items() if 0 < n < min_group}
    while hide and sum(sizes[g] for g in hide) < min_group:
        shown = sorted((n, g) for g, n in sizes.items() if g not in hide and n > 0)
        if not shown:
            break
        hide.add(shown[0][1])
    return hide


def main():
    data = {y: pd.read_csv(p, encoding="utf-8-sig") for y, p in WAVES.items()}
    groups = sorted(set().union(*(set(d[BY].dropna()) for d in data.values())))
    rows = []
    shown_all = set(groups)
    for y, d in data.items():
        sizes = {g: int((d[BY] == g).sum()) for g in groups}
        hide = hidden(sizes, MIN_GROUP)
        for g in groups:
            rows.append(["suppressed", y, "", g, "", int(g in hide), sizes[g]] + [""] * 9)
            if g in hide or sizes[g] == 0:
                shown_all.discard(g)
                continue
            for qid, x in items(d[d[BY] == g]).items():
                n = len(x)
                sd = x.std(ddof=1)
                half = float(t_quantile(0.975, n - 1)) * sd / np.sqrt(n)
                high = 100.0 * np.mean(x > 5.5)
                rows.append(["summary", y, "", g, qid, n, "", x.mean(), sd, x.mean() - half,
                             x.mean() + half, high, "", "", "", ""])
    for g in groups:
        if g not in shown_all:
            continue
        a = items(data[2024][data[2024][BY] == g])
        b = items(data[2026][data[2026][BY] == g])
        part = []
        for qid in a:
            if qid not in b:
                continue
            x, y = a[qid], b[qid]
            mx, my, dlt, lo, hi, welch_p, mwu_p, cliff = change_figures(x, y)
            part.append(["compare", 2024, 2026, g, qid, len(x), len(y), mx, my, lo, hi, dlt,
                         welch_p, mwu_p, cliff])
        q = multipletests([r[13] for r in part], method="fdr_bh")[1]
        rows += [r + [qq] for r, qq in zip(part, q)]
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        # summary rows: n_from = n, mean_from = mean, mean_to = SD,
        # ci_lo/ci_hi = CI of the mean, delta = % high
        w.writerow(["kind", "from", "to", "group", "id", "n_from", "n_to", "mean_from",
                    "mean_to", "ci_lo", "ci_hi", "delta", "welch_p", "mwu_p", "cliffs_delta",
                    "q"])
        for r in rows:
            w.writerow([repr(float(v)) if isinstance(v, (float, np.floating)) else v for v in r])
    print(f"wrote {OUT}: {len(rows)} rows; groups shown in both waves: {sorted(shown_all)}")


if __name__ == "__main__":
    main()
