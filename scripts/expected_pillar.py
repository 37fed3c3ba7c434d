#!/usr/bin/python3
"""Independent expected values for tcsurvey's pillar scores, Cronbach's alpha
and tcs_change_from_values.

Reads the surveys and their codebooks with pandas (never with tcsurvey) and
computes with numpy / scipy / statsmodels / mpmath. Writes
tests/expected/pillar_expected.csv and tests/expected/change_values_expected.csv.

Pillar contract (what tcs_pillar_scores_compute must reproduce):
  * a pillar is the set of codebook rows with that `pillar` name (rows whose
    `waves` leave out the file's year are left out); the item's column is the
    one whose header's leading number is the codebook id;
  * respondents = data rows that are not blank (every cell empty or white space);
  * an answer is a value when it is a whole number in the item's range
    (1-10) or, case-insensitively after trimming, a label of agree5; blank,
    `NA`, non-substantive answers (N/A, Don't know, ...) and anything else
    (`Maybe`) are not answered; reverse-coded items: v -> min + max - v;
  * score = mean of the answered values, kept when answered >= ceil(k / 2),
    else the respondent counts as excluded; scores are written sorted;
  * mean, sd (ddof=1) and the t 95% CI of the mean over the kept scores
    (the t quantile in mpmath at 40 digits);
  * Cronbach's alpha over complete cases (every item answered):
    k / (k - 1) * (1 - sum(item variances) / variance(total)), ddof=1;
    undefined when k < 2, fewer than ALPHA_MIN_CASES (10) complete cases
    (alpha_few = 1 when k >= 2 and so few) or variance(total) = 0.
    Cross-checked from the covariance matrix (1 - trace / sum), and with
    pingouin when it is installed.

Change contract: as scripts/expected_compare.py, from the arrays themselves,
with high = value > midpoint; mwu_p undefined when every value is the same.

Usage:  /usr/bin/python3 scripts/expected_pillar.py
"""

import csv
import math
import os
import re
import sys
import warnings

import mpmath
import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.meta_analysis import effectsize_smd
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from expected_common import rel_err, t_quantile  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_PILLAR = os.path.join(ROOT, "tests", "expected", "pillar_expected.csv")
OUT_CHANGE = os.path.join(ROOT, "tests", "expected", "change_values_expected.csv")

mpmath.mp.dps = 40

# (source name, data, codebook), paths relative to the repository
SURVEYS = [
    ("chester-2024", "surveys/chester/chester-2024.csv", "surveys/chester/codebook.csv"),
    ("pillars_small", "tests/fixtures/csv/pillars_small.csv",
     "tests/fixtures/csv/pillars_small_codebook.csv"),
]

AGREE5 = {
    "strongly disagree": 1, "disagree": 2, "tend to disagree": 2, "somewhat disagree": 2,
    "neither agree nor disagree": 3, "neither": 3, "neutral": 3, "undecided": 3,
    "agree": 4, "tend to agree": 4, "somewhat agree": 4, "strongly agree": 5,
}
NONSUBSTANTIVE = {"n/a", "not applicable", "don't know", "i don't know", "cannot answer",
                  "prefer not to say", "not sure", "i do not know", "no opinion"}


def scale_range(name):
    if name == "agree5":
        return 1, 5
    lo, hi = name.split("-")
    return int(lo), int(hi)


def answer_value(text, scale):
    """The item's value, or None when not answered."""
    t = text.strip()
    if not t or t == "NA" or t.lower() in NONSUBSTANTIVE:
        return None
    if scale == "agree5":
        return AGREE5.get(" ".join(t.lower().split()))
    lo, hi = scale_range(scale)
    try:
        v = int(t)
    except ValueError:
        return None
    return v if lo <= v <= hi else None


ALPHA_MIN_CASES = 10  # tcsurvey's TCS_ALPHA_MIN_CASES: fewer complete cases give no alpha


def cronbach_alpha(x):
    """x: complete cases, respondents x items."""
    k = x.shape[1]
    item_var = x.var(axis=0, ddof=1).sum()
    total_var = x.sum(axis=1).var(ddof=1)
    if k < 2 or x.shape[0] < ALPHA_MIN_CASES or total_var == 0:
        return None
    return k / (k - 1) * (1 - item_var / total_var)


def pillars_of(name, data_rel, codebook_rel):
    data = pd.read_csv(os.path.join(ROOT, data_rel), dtype=str, keep_default_na=False,
                       encoding="utf-8-sig", skip_blank_lines=True)
    blank = data.apply(lambda r: all(not str(v).strip() for v in r), axis=1)
    data = data[~blank].reset_index(drop=True)
    cb = pd.read_csv(os.path.join(ROOT, codebook_rel), dtype=str, keep_default_na=False)
    if "waves" in cb.columns:
        # rows for questions this wave (the year in the file name) does not ask
        wave = re.findall(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])", os.path.basename(data_rel))
        asked = cb["waves"].apply(lambda w: not w.strip() or (wave and wave[-1] in
                                                                [x.strip() for x in w.split(";")]))
        cb = cb[asked]
    # the column of an id: the header's leading number ("1.1." or "1.1 ")
    by_id = {h.split()[0].rstrip("."): h for h in data.columns if h.split()}
    order = []
    for p in cb["pillar"]:
        if p and p not in order:
            order.append(p)
    rows = []
    for p in order:
        items = cb[cb["pillar"] == p]
        k = len(items)
        vals = np.full((len(data), k), np.nan)
        scales = set()
        for j, (_, it) in enumerate(items.iterrows()):
            lo, hi = scale_range(it["scale"])
            scales.add((lo, hi))
            col = data[by_id[it["id"]]]
            for i, text in enumerate(col):
                v = answer_value(text, it["scale"])
                if v is not None:
                    vals[i, j] = lo + hi - v if it["reverse"] == "yes" else v
        answered = (~np.isnan(vals)).sum(axis=1)
        keep = answered >= math.ceil(k / 2)
        scores = np.sort(np.nanmean(vals[keep], axis=1)) if keep.any() else np.array([])
        complete = vals[answered == k]
        r = {"source": name, "data": data_rel, "codebook": codebook_rel, "pillar": p,
             "nitems": k, "nscores": len(scores), "excluded": int((~keep).sum()),
             "alpha_n": len(complete), "alpha_few": int(k >= 2 and len(complete) < ALPHA_MIN_CASES),
             "has_alpha": 0, "has_mean": 0, "has_sd": 0,
             "has_midpoint": int(len(scales) == 1)}
        if len(scales) == 1:
            lo, hi = scales.pop()
            r["midpoint"] = (lo + hi) / 2
        a = cronbach_alpha(complete) if len(complete) else None
        if a is not None:
            r["has_alpha"] = 1
            r["alpha"] = a
            c = np.cov(complete, rowvar=False, ddof=1)
            a2 = k / (k - 1) * (1 - np.trace(c) / c.sum())
            assert rel_err(a, a2) < 1e-12, (name, p, a, a2)
            try:
                import pingouin
                a3 = pingouin.cronbach_alpha(pd.DataFrame(complete))[0]
                assert rel_err(a, a3) < 1e-12, (name, p, a, a3)
            except ImportError:
                pass
        n = len(scores)
        if n >= 1:
            r["has_mean"] = 1
            r["mean"] = float(np.mean(scores))
        if n >= 2:
            r["has_sd"] = 1
            r["sd"] = float(np.std(scores, ddof=1))
            q = float(t_quantile(0.975, n - 1))
            half = q * r["sd"] / math.sqrt(n)
            r["ci_lo"] = r["mean"] - half
            r["ci_hi"] = r["mean"] + half
            lo, hi = stats.t.interval(0.95, n - 1, loc=r["mean"], scale=stats.sem(scores))
            assert rel_err(r["ci_lo"], lo) < 1e-8 and rel_err(r["ci_hi"], hi) < 1e-8, (name, p)
        r["scores"] = ";".join(fmt(s) for s in scores)
        r["_scores"] = scores
        rows.append(r)
    return rows


# ---- tcs_change_from_values ----

CHANGE_HEADER = ["case", "midpoint", "from", "to", "n_from", "n_to", "mean_from", "mean_to",
                 "has_delta", "delta",
                 "has_welch", "delta_ci_lo", "delta_ci_hi", "welch_t", "welch_df", "welch_p",
                 "has_mwu", "mwu_u", "mwu_p", "cliffs_delta",
                 "has_hedges", "hedges_g",
                 "high_from", "high_to", "high_delta", "high_delta_ci_lo", "high_delta_ci_hi"]


def change(name, a, b, mid):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    n1, n2 = len(a), len(b)
    r = {k: None for k in CHANGE_HEADER}
    r.update(case=name, midpoint=mid, n_from=n1, n_to=n2, has_delta=0, has_welch=0, has_mwu=0,
             has_hedges=0)
    r["from"] = ";".join(fmt(v) for v in a)
    r["to"] = ";".join(fmt(v) for v in b)
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

    v1 = float(np.var(a, ddof=1)) if n1 >= 2 else None
    v2 = float(np.var(b, ddof=1)) if n2 >= 2 else None
    if n1 >= 2 and n2 >= 2 and not (v1 == 0.0 and v2 == 0.0):
        r["has_welch"] = 1
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = stats.ttest_ind(b, a, equal_var=False)
        s1, s2 = v1 / n1, v2 / n2
        se = math.sqrt(s1 + s2)
        df = (s1 + s2) ** 2 / (s1 * s1 / (n1 - 1) + s2 * s2 / (n2 - 1))
        assert rel_err(r["delta"] / se, float(res.statistic)) < 1e-12, name
        q = float(t_quantile(0.975, df))
        r["welch_t"] = float(res.statistic)
        r["welch_p"] = float(res.pvalue)
        r["welch_df"] = df
        r["delta_ci_lo"] = r["delta"] - q * se
        r["delta_ci_hi"] = r["delta"] + q * se

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mw = stats.mannwhitneyu(b, a, alternative="two-sided", method="asymptotic",
                                use_continuity=True)
    r["mwu_u"] = float(mw.statistic)
    if len(np.unique(np.concatenate([a, b]))) > 1:
        r["has_mwu"] = 1
        r["mwu_p"] = float(mw.pvalue)
    else:
        assert float(mw.pvalue) == 1.0, name  # zero variance; tcsurvey reports no test

    # Cliff's delta by brute force over all pairs
    r["cliffs_delta"] = float(np.sign(b[:, None] - a[None, :]).sum()) / (n1 * n2)
    assert abs(r["cliffs_delta"] - (2 * r["mwu_u"] / (n1 * n2) - 1)) < 1e-12, name

    if n1 >= 2 and n2 >= 2:
        pooled = math.sqrt(((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2))
        if pooled > 0:
            r["has_hedges"] = 1
            r["hedges_g"] = r["delta"] / pooled * (1 - 3 / (4 * (n1 + n2) - 9))
            g_sm = float(effectsize_smd(np.mean(b), math.sqrt(v2), n2,
                                        np.mean(a), math.sqrt(v1), n1)[0])
            assert rel_err(r["hedges_g"], g_sm) < 1e-12 or abs(g_sm) < 1e-14, name

    h1, h2 = int(np.sum(a > mid)), int(np.sum(b > mid))
    p1, p2 = h1 / n1, h2 / n2
    l1, u1 = proportion_confint(h1, n1, alpha=0.05, method="wilson")
    l2, u2 = proportion_confint(h2, n2, alpha=0.05, method="wilson")
    d = p2 - p1
    lo = d - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    hi = d + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    slo, shi = confint_proportions_2indep(h2, n2, h1, n1, method="newcomb", compare="diff")
    assert abs(lo - slo) < 1e-14 and abs(hi - shi) < 1e-14, name
    r["high_delta"] = 100.0 * d
    r["high_delta_ci_lo"] = 100.0 * lo
    r["high_delta_ci_hi"] = 100.0 * hi
    return r


def change_cases(pillar_rows):
    chester = {r["pillar"]: r["_scores"] for r in pillar_rows if r["source"] == "chester-2024"}
    vis = chester["Visibility"]
    rng = np.random.default_rng(20240603)
    # a later wave: each score moved by about +0.5, on multiples of 1/6 like
    # the means of six 1-10 items, so it ties with the earlier wave
    later = np.clip(np.round((vis + rng.normal(0.5, 1.0, len(vis))) * 6) / 6, 1, 10)
    big_a = np.round(rng.normal(3.2, 0.7, 240) * 4) / 4
    big_b = np.round(rng.normal(3.6, 0.7, 260) * 4) / 4
    return [
        ("chester_visibility_vs_later", vis, later, 5.5),
        ("chester_visibility_vs_recognition", vis, chester["Recognition"], 5.5),
        ("chester_career_vs_sustainability", chester["Career Development"],
         chester["Sustainability"], 5.5),
        ("small_ties", [2.5, 3, 3, 3.5, 4, 4], [3, 3.5, 3.5, 4, 4.5, 5, 5], 3.0),
        ("thirds", [1 / 3, 2 / 3, 1, 4 / 3, 4 / 3, 5 / 3], [2 / 3, 1, 4 / 3, 5 / 3, 5 / 3, 2], 1.0),
        ("large_n_small_p", big_a, big_b, 3.0),
        ("one_each_differ", [2.0], [4.0], 3.0),
        ("one_vs_many", [3.5], [2.0, 2.5, 4.0, 4.5], 3.0),
        ("all_equal", [3.0, 3.0, 3.0], [3.0, 3.0], 3.0),
        ("zero_var_from", [3.0, 3.0, 3.0, 3.0], [2.5, 3.5, 4.0, 4.5], 3.0),
        ("zero_var_both_differ", [2.0, 2.0, 2.0], [4.0, 4.0], 3.0),
        ("from_empty", [], [1.5, 2.0], 3.0),
        ("both_empty", [], [], 3.0),
    ]


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


PILLAR_HEADER = ["source", "data", "codebook", "pillar", "nitems", "nscores", "excluded",
                 "has_alpha", "alpha", "alpha_n", "alpha_few", "has_mean", "mean", "has_sd", "sd",
                 "ci_lo", "ci_hi", "has_midpoint", "midpoint", "scores"]


def main():
    rows = []
    for name, data, cb in SURVEYS:
        rows += pillars_of(name, data, cb)
    with open(OUT_PILLAR, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(PILLAR_HEADER)
        for r in rows:
            w.writerow([fmt(r.get(k)) for k in PILLAR_HEADER])
    print(f"wrote {os.path.relpath(OUT_PILLAR, ROOT)}: {len(rows)} pillars")
    for r in rows:
        print(f"  {r['source']:14} {r['pillar']:20} k={r['nitems']} n={r['nscores']} "
              f"excluded={r['excluded']} alpha={r.get('alpha')} (n={r['alpha_n']})")

    cases = [change(*c) for c in change_cases(rows)]
    assert len({c["case"] for c in cases}) == len(cases)
    with open(OUT_CHANGE, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(CHANGE_HEADER)
        for r in cases:
            w.writerow([fmt(r[k]) for k in CHANGE_HEADER])
    print(f"wrote {os.path.relpath(OUT_CHANGE, ROOT)}: {len(cases)} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
