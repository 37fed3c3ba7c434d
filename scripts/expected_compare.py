#!/usr/bin/python3
"""Independent expected values for tcsurvey's wave-to-wave comparison.

For each case in CASES (a scale, the point counts of the earlier wave "from"
and the later wave "to", and whether the item is reverse-coded) the counts are
expanded to raw answer arrays and every figure of tcs_change is computed from
those arrays with numpy / scipy / statsmodels (never with tcsurvey), then
cross-checked by a second route (mpmath at 40 digits, brute force, or a
statsmodels function). Writes tests/expected/compare_expected.csv, and
tests/expected/bh_expected.csv for Benjamini-Hochberg.

Contract (what tcsurvey must reproduce), with a = earlier, b = later answers:
  * reverse: every value v is mirrored to min + max - v first;
  * mean_from / mean_to, delta = mean(b) - mean(a)        (both n >= 1);
  * welch_t, welch_p = scipy.stats.ttest_ind(b, a, equal_var=False);
    welch_df = Welch-Satterthwaite; delta_ci = delta -+ t_{0.975, df} * se
    (both n >= 2 and not both variances 0). The t quantile is from mpmath:
    scipy 1.10's t.ppf / t.isf are ~4e-10 relative off at small df;
  * mwu_u, mwu_p = scipy.stats.mannwhitneyu(b, a, alternative="two-sided",
    method="asymptotic", use_continuity=True). U is written whenever both
    n >= 1; p only when not every answer is the same (scipy then divides by
    a zero variance and reports p = 1.0: tcsurvey reports no test);
  * cliffs_delta = mean over all pairs (b_j, a_i) of sign(b_j - a_i);
  * hedges_g = (mean(b) - mean(a)) / pooled SD * (1 - 3 / (4 (n1 + n2) - 9))
    (both n >= 2 and pooled SD > 0);
  * high = % of answers above the midpoint (min + max) / 2; high_delta in
    points; its CI = Newcombe (1998) method 10 from statsmodels' Wilson
    intervals (cross-checked with confint_proportions_2indep "newcomb").
Undefined = empty cell; flags are 0/1.

Usage:  /usr/bin/python3 scripts/expected_compare.py
"""

import csv
import math
import os
import sys
import warnings

import mpmath
import numpy as np
from scipy import stats
from statsmodels.stats.meta_analysis import effectsize_smd
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from expected_common import rel_err, t_quantile  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "expected", "compare_expected.csv")
OUT_BH = os.path.join(ROOT, "tests", "expected", "bh_expected.csv")

mpmath.mp.dps = 40

# (case, scale name, min, max, counts from, counts to, reverse)
CASES = [
    # realistic, irregular
    ("ratings_1_10_n28_n31", "1-10", 1, 10,
     [1, 0, 2, 3, 4, 6, 5, 4, 2, 1], [0, 1, 1, 2, 3, 5, 7, 6, 4, 2], False),
    ("agree5_n200_n180", "agree5", 1, 5, [12, 31, 47, 78, 32], [8, 22, 39, 80, 31], False),
    ("zero_to_ten_n45_n52", "0-10", 0, 10,
     [2, 0, 1, 3, 2, 9, 4, 8, 9, 4, 3], [0, 1, 0, 2, 3, 6, 5, 10, 12, 8, 5], False),
    ("agree7_n63_n58", "agree7", 1, 7, [3, 5, 9, 11, 14, 15, 6], [1, 4, 6, 10, 13, 16, 8], False),
    ("satisfaction5_decline", "satisfaction5", 1, 5, [2, 5, 10, 30, 20], [6, 12, 15, 25, 9], False),
    ("one_to_six_even", "1-6", 1, 6, [4, 7, 9, 12, 6, 2], [2, 5, 8, 14, 9, 4], False),
    ("agree4_no_neutral", "agree4", 1, 4, [5, 11, 19, 7], [3, 9, 22, 10], False),
    ("yesno", "yesno", 0, 1, [14, 23], [9, 31], False),
    ("heavy_ties", "1-5", 1, 5, [0, 1, 2, 40, 3], [0, 0, 3, 45, 6], False),
    ("clear_shift_small_p", "1-5", 1, 5, [100, 150, 120, 80, 50], [30, 60, 110, 180, 170], False),
    # t ~ 47: the Welch p underflows to 0 in double precision
    ("large_shift_tiny_p", "1-5", 1, 5, [300, 400, 200, 80, 20], [20, 60, 200, 450, 470], False),
    ("small_shift_large_n", "1-7", 1, 7,
     [40, 80, 150, 300, 250, 120, 60], [35, 75, 150, 295, 260, 130, 65], False),
    # reverse-coded: counts as answered; figures after mirroring
    ("reverse_agree5", "agree5", 1, 5, [12, 31, 47, 78, 32], [8, 22, 39, 80, 31], True),
    ("reverse_1_10", "1-10", 1, 10,
     [1, 0, 2, 3, 4, 6, 5, 4, 2, 1], [0, 1, 1, 2, 3, 5, 7, 6, 4, 2], True),
    ("reverse_0_10_skewed", "0-10", 0, 10,
     [9, 7, 5, 4, 2, 1, 0, 0, 1, 0, 0], [4, 3, 6, 5, 4, 3, 2, 1, 0, 0, 1], True),
    # small samples
    ("from_n1", "1-5", 1, 5, [0, 0, 1, 0, 0], [2, 3, 5, 4, 1], False),
    ("to_n1", "1-5", 1, 5, [1, 2, 4, 6, 2], [0, 0, 0, 1, 0], False),
    ("both_n1_differ", "1-5", 1, 5, [0, 1, 0, 0, 0], [0, 0, 0, 1, 0], False),
    ("both_n1_same", "1-5", 1, 5, [0, 0, 1, 0, 0], [0, 0, 1, 0, 0], False),
    ("both_n2", "1-5", 1, 5, [0, 1, 1, 0, 0], [0, 0, 1, 0, 1], False),
    ("n2_vs_n1", "1-5", 1, 5, [1, 0, 0, 1, 0], [0, 0, 0, 0, 1], False),
    ("n2_same_vs_n3", "agree5", 1, 5, [0, 2, 0, 0, 0], [0, 1, 1, 1, 0], False),
    ("n3_vs_n2_reverse", "1-7", 1, 7, [0, 1, 0, 1, 0, 1, 0], [0, 0, 1, 0, 0, 0, 1], True),
    # zero variance
    ("zero_var_from", "1-5", 1, 5, [0, 0, 10, 0, 0], [1, 2, 3, 3, 1], False),
    ("zero_var_to", "1-10", 1, 10, [0, 1, 2, 3, 4, 5, 4, 3, 2, 1], [0, 0, 0, 0, 0, 0, 0, 12, 0, 0],
     False),
    ("zero_var_both_differ", "agree5", 1, 5, [0, 5, 0, 0, 0], [0, 0, 0, 7, 0], False),
    ("all_one_category_both", "agree5", 1, 5, [0, 0, 0, 9, 0], [0, 0, 0, 14, 0], False),
    ("all_neutral_both", "1-5", 1, 5, [0, 0, 6, 0, 0], [0, 0, 3, 0, 0], False),
    # identical distributions (t = 0, both p = 1)
    ("identical", "1-5", 1, 5, [3, 5, 8, 6, 2], [3, 5, 8, 6, 2], False),
    ("identical_scaled", "1-10", 1, 10,
     [1, 1, 2, 2, 3, 3, 2, 2, 1, 1], [2, 2, 4, 4, 6, 6, 4, 4, 2, 2], False),
    # percentages at the bounds
    ("zero_vs_hundred_high", "agree5", 1, 5, [4, 6, 5, 0, 0], [0, 0, 0, 7, 9], False),
    ("hundred_vs_zero_high", "1-10", 1, 10, [0, 0, 0, 0, 0, 2, 5, 4, 3, 1], [3, 4, 2, 1, 1, 0, 0, 0, 0, 0],
     False),
    ("zero_high_both", "1-5", 1, 5, [2, 4, 6, 0, 0], [1, 5, 3, 0, 0], False),
    ("hundred_high_both", "1-5", 1, 5, [0, 0, 0, 8, 3], [0, 0, 0, 4, 9], False),
    # empty waves
    ("from_empty", "1-5", 1, 5, [0, 0, 0, 0, 0], [1, 2, 3, 2, 1], False),
    ("to_empty", "1-5", 1, 5, [4, 0, 2, 0, 1], [0, 0, 0, 0, 0], False),
    ("both_empty", "0-10", 0, 10, [0] * 11, [0] * 11, False),
]

HEADER = ["case", "scale", "scale_min", "scale_max", "reverse", "from", "to",
          "n_from", "n_to", "mean_from", "mean_to",
          "has_delta", "delta",
          "has_welch", "delta_ci_lo", "delta_ci_hi", "welch_t", "welch_df", "welch_p",
          "has_mwu", "mwu_u", "mwu_p", "cliffs_delta",
          "has_hedges", "hedges_g",
          "high_from", "high_to", "high_delta", "high_delta_ci_lo", "high_delta_ci_hi"]

notes = []  # discrepancies between scipy and the exact values


def t_two_sided_p(t, df):
    df = mpmath.mpf(df)
    t = mpmath.mpf(abs(t))
    return mpmath.betainc(df / 2, mpmath.mpf(1) / 2, 0, df / (df + t * t), regularized=True)


def expand(counts, smin, smax, reverse):
    vals = []
    for k, c in enumerate(counts):
        v = smin + k
        if reverse:
            v = smin + smax - v
        vals += [float(v)] * c
    return np.array(vals, dtype=float)


def compute(case):
    name, scale, smin, smax, cf, ct, rev = case
    assert len(cf) == len(ct) == smax - smin + 1, name
    a = expand(cf, smin, smax, rev)
    b = expand(ct, smin, smax, rev)
    n1, n2 = len(a), len(b)
    r = {k: None for k in HEADER}
    r.update(case=name, scale=scale, scale_min=smin, scale_max=smax, reverse=int(rev),
             n_from=n1, n_to=n2, has_delta=0, has_welch=0, has_mwu=0, has_hedges=0)
    r["from"] = ";".join(str(c) for c in cf)
    r["to"] = ";".join(str(c) for c in ct)
    mid = (smin + smax) / 2.0
    if n1:
        r["mean_from"] = float(np.mean(a))
        r["high_from"] = 100.0 * int(np.sum(a > mid)) / n1
    if n2:
        r["mean_to"] = float(np.mean(b))
        r["high_to"] = 100.0 * int(np.sum(b > mid)) / n2
    if not (n1 and n2):
        return r
    r["has_delta"] = 1
    r["delta"] = float(np.mean(b) - np.mean(a))

    # Welch
    v1 = float(np.var(a, ddof=1)) if n1 >= 2 else None
    v2 = float(np.var(b, ddof=1)) if n2 >= 2 else None
    if n1 >= 2 and n2 >= 2 and not (v1 == 0.0 and v2 == 0.0):
        r["has_welch"] = 1
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "catastrophic cancellation" on a constant wave
            res = stats.ttest_ind(b, a, equal_var=False)
        s1, s2 = v1 / n1, v2 / n2
        se = math.sqrt(s1 + s2)
        df = (s1 + s2) ** 2 / (s1 * s1 / (n1 - 1) + s2 * s2 / (n2 - 1))
        t = r["delta"] / se
        assert rel_err(t, float(res.statistic)) < 1e-12 or abs(t) < 1e-14, (name, t, res)
        p_exact = float(t_two_sided_p(t, df))
        if rel_err(float(res.pvalue), p_exact) > 1e-12:
            notes.append(f"{name}: scipy welch p {float(res.pvalue):.17g}, mpmath {p_exact:.17g} "
                         f"(rel {rel_err(float(res.pvalue), p_exact):.1e})")
        assert rel_err(float(res.pvalue), p_exact) < 1e-9, name
        q = float(t_quantile(0.975, df))
        q_scipy = float(stats.t.ppf(0.975, df))
        if rel_err(q_scipy, q) > 1e-13:
            notes.append(f"{name}: scipy t.ppf(0.975, {df:.6g}) = {q_scipy:.17g}, mpmath {q:.17g} "
                         f"(rel {rel_err(q_scipy, q):.1e})")
        r["welch_t"] = float(res.statistic)
        r["welch_p"] = float(res.pvalue)
        r["welch_df"] = df
        r["delta_ci_lo"] = r["delta"] - q * se
        r["delta_ci_hi"] = r["delta"] + q * se

    # Mann-Whitney U of b vs a
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mw = stats.mannwhitneyu(b, a, alternative="two-sided", method="asymptotic",
                                use_continuity=True)
    r["mwu_u"] = float(mw.statistic)
    all_same = len(np.unique(np.concatenate([a, b]))) == 1
    if all_same:
        assert float(mw.pvalue) == 1.0, (name, mw)  # scipy: -0.5 / 0 -> z = -inf -> p clipped to 1
        notes.append(f"{name}: all answers equal; scipy mannwhitneyu p = {float(mw.pvalue)} "
                     f"(zero variance), written as undefined")
    else:
        r["has_mwu"] = 1
        r["mwu_p"] = float(mw.pvalue)
        # second route: tie term from the distinct values, normal tail in mpmath
        _, tcounts = np.unique(np.concatenate([a, b]), return_counts=True)
        n = n1 + n2
        tie = sum(int(c) ** 3 - int(c) for c in tcounts)
        s = mpmath.sqrt(mpmath.mpf(n1 * n2) / 12 * ((n + 1) - mpmath.mpf(tie) / (n * (n - 1))))
        u = max(r["mwu_u"], n1 * n2 - r["mwu_u"])
        z = (mpmath.mpf(u) - mpmath.mpf(n1 * n2) / 2 - mpmath.mpf(1) / 2) / s
        p_exact = float(min(1, mpmath.erfc(z / mpmath.sqrt(2))))
        if rel_err(r["mwu_p"], p_exact) > 1e-12:
            notes.append(f"{name}: scipy mwu p {r['mwu_p']:.17g}, mpmath {p_exact:.17g} "
                         f"(rel {rel_err(r['mwu_p'], p_exact):.1e})")
        assert rel_err(r["mwu_p"], p_exact) < 1e-9, name

    # Cliff's delta by brute force over all pairs (not from U)
    r["cliffs_delta"] = float(np.sign(b[:, None] - a[None, :]).sum()) / (n1 * n2)
    assert abs(r["cliffs_delta"] - (2 * r["mwu_u"] / (n1 * n2) - 1)) < 1e-12, name

    # Hedges' g
    if n1 >= 2 and n2 >= 2:
        pooled = math.sqrt(((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2))
        if pooled > 0:
            r["has_hedges"] = 1
            j = 1 - 3 / (4 * (n1 + n2) - 9)
            r["hedges_g"] = r["delta"] / pooled * j
            g_sm = float(effectsize_smd(np.mean(b), math.sqrt(v2), n2,
                                        np.mean(a), math.sqrt(v1), n1)[0])
            assert rel_err(r["hedges_g"], g_sm) < 1e-12 or abs(g_sm) < 1e-14, (name, g_sm)

    # % high: Newcombe hybrid score interval from the Wilson intervals
    h1, h2 = int(np.sum(a > mid)), int(np.sum(b > mid))
    p1, p2 = h1 / n1, h2 / n2
    l1, u1 = proportion_confint(h1, n1, alpha=0.05, method="wilson")
    l2, u2 = proportion_confint(h2, n2, alpha=0.05, method="wilson")
    d = p2 - p1
    lo = d - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    hi = d + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    slo, shi = confint_proportions_2indep(h2, n2, h1, n1, method="newcomb", compare="diff")
    assert abs(lo - slo) < 1e-14 and abs(hi - shi) < 1e-14, (name, lo, slo, hi, shi)
    assert -1 - 1e-15 <= lo <= d <= hi <= 1 + 1e-15, name
    r["high_delta"] = 100.0 * d
    r["high_delta_ci_lo"] = 100.0 * lo
    r["high_delta_ci_hi"] = 100.0 * hi
    return r


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, (bool, int, np.integer)):
        return str(int(v))
    v = float(v)
    assert math.isfinite(v)
    if v == 0.0:
        return "0"  # never write -0
    s = format(v, ".17g")
    assert float(s) == v
    return s


# Benjamini-Hochberg sets (NaN = a question without a test)
NAN = float("nan")
BH_SETS = [
    ("basic", [0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.9]),
    ("ties", [0.02, 0.02, 0.02, 0.5, 0.01, 0.5]),
    ("with_nan", [0.03, NAN, 0.001, 0.04, NAN, 0.2]),
    ("single", [0.3]),
    ("all_nan", [NAN, NAN]),
    ("ones", [1.0, 1.0, 0.9]),
    ("tiny", [1e-300, 1e-20, 0.049, 0.05]),
    ("capped", [0.8, 0.95, 0.99, 0.7]),
]


def bh_by_hand(p):
    """Step-up by definition: q_(i) = min_{j >= i} p_(j) m / j."""
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    q = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p[i] * m / rank)
        q[i] = running
    return q


def bh_rows(name, p):
    p = np.array(p, dtype=float)
    ok = ~np.isnan(p)
    q = np.full(len(p), NAN)
    if ok.any():
        q[ok] = multipletests(p[ok], alpha=0.05, method="fdr_bh")[1]
        mine = bh_by_hand(list(p[ok]))
        assert all(rel_err(x, y) < 1e-15 for x, y in zip(mine, q[ok])), name
    return [[name, i, None if np.isnan(p[i]) else p[i], None if np.isnan(q[i]) else q[i]]
            for i in range(len(p))]


def main():
    rows = [compute(c) for c in CASES]
    assert len({r["case"] for r in rows}) == len(rows)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for r in rows:
            w.writerow([fmt(r[k]) for k in HEADER])
    print(f"wrote {os.path.relpath(OUT, ROOT)}: {len(rows)} cases")

    bh = []
    for name, p in BH_SETS:
        bh += bh_rows(name, p)
    # realistic: the p-values of the cases above, untested questions as NaN
    bh += bh_rows("welch_of_cases", [r["welch_p"] if r["has_welch"] else NAN for r in rows])
    bh += bh_rows("mwu_of_cases", [r["mwu_p"] if r["has_mwu"] else NAN for r in rows])
    with open(OUT_BH, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["set", "index", "p", "q"])
        for r in bh:
            w.writerow([fmt(v) for v in r])
    print(f"wrote {os.path.relpath(OUT_BH, ROOT)}: {len(bh)} rows")

    print("scipy vs exact (mpmath, 40 digits):")
    for n in notes:
        print("  " + n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
