#!/usr/bin/python3
"""Expected values for tests/unit/test_waves.c: the Chester example's
2024 -> 2026 comparison computed independently from the raw CSVs with
pandas, scipy and statsmodels (never from tcsurvey's output).

    /usr/bin/python3 scripts/expected_waves.py
writes tests/expected/waves_expected.csv.
"""
import csv
import os
import sys

import numpy as np
import pandas as pd
from statsmodels.stats.multitest import multipletests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from expected_common import change_figures, items  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
A = os.path.join(ROOT, "surveys", "chester", "chester-2024.csv")
B = os.path.join(ROOT, "surveys", "chester", "chester-2026.csv")
OUT = os.path.join(ROOT, "tests", "expected", "waves_expected.csv")
OUT_PILLARS = os.path.join(ROOT, "tests", "expected", "waves_pillars_expected.csv")
CODEBOOK = os.path.join(ROOT, "surveys", "chester", "codebook.csv")


def cronbach(m):
    """alpha = k/(k-1) (1 - sum of item variances / variance of totals)."""
    k = m.shape[1]
    return k / (k - 1) * (1 - m.var(axis=0, ddof=1).sum() / m.sum(axis=1).var(ddof=1))


def main():
    a = items(pd.read_csv(A, encoding="utf-8-sig"))
    b = items(pd.read_csv(B, encoding="utf-8-sig"))
    rows = []
    for qid in a:
        if qid not in b:
            continue
        x, y = a[qid], b[qid]
        mx, my, d, lo, hi, welch_p, mwu_p, cliff = change_figures(x, y)
        rows.append([qid, len(x), len(y), mx, my, d, lo, hi, welch_p, mwu_p, cliff])
    q = multipletests([r[9] for r in rows], method="fdr_bh")[1]
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "n_from", "n_to", "mean_from", "mean_to", "delta", "ci_lo", "ci_hi",
                    "welch_p", "mwu_p", "cliffs_delta", "q"])
        for r, qq in zip(rows, q):
            w.writerow(r[:3] + ["%.17g" % v for v in r[3:]] + ["%.17g" % qq])
    print(f"wrote {os.path.relpath(OUT, ROOT)}: {len(rows)} questions")

    # pillar scores on the items both waves ask (every respondent answered
    # every item, so nobody falls under the half-answered rule)
    cb = pd.read_csv(CODEBOOK, dtype=str, keep_default_na=False)
    pillars = []
    for p in cb["pillar"]:
        if p not in pillars:
            pillars.append(p)
    prow = []
    for p in pillars:
        ids = [i for i, q in zip(cb["id"], cb["pillar"]) if q == p and i in a and i in b]
        ma = np.column_stack([a[i] for i in ids])
        mb = np.column_stack([b[i] for i in ids])
        x, y = ma.mean(axis=1), mb.mean(axis=1)
        mx, my, d, _, _, welch_p, mwu_p, cliff = change_figures(x, y)
        prow.append([p, len(ids), len(x), len(y), mx, my, d, welch_p, mwu_p, cliff,
                     cronbach(ma), cronbach(mb)])
    q = multipletests([r[8] for r in prow], method="fdr_bh")[1]
    with open(OUT_PILLARS, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["pillar", "items", "n_from", "n_to", "mean_from", "mean_to", "delta",
                    "welch_p", "mwu_p", "cliffs_delta", "alpha_from", "alpha_to", "q"])
        for r, qq in zip(prow, q):
            w.writerow(r[:4] + ["%.17g" % v for v in r[4:]] + ["%.17g" % qq])
    print(f"wrote {os.path.relpath(OUT_PILLARS, ROOT)}: {len(prow)} pillars")


if __name__ == "__main__":
    main()
