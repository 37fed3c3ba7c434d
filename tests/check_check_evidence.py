#!/usr/bin/python3
"""Check check's JSON evidence for mean targets against scipy, worked out
here from the raw exports (not from tcsurvey): Welch's p and the 95%
interval of the change from the baseline wave, the minimum detectable
change (80% power, closed form with Welch's df), the Mann-Whitney p and
Cliff's delta.

usage: check_check_evidence.py CHECK.json BASELINE.csv DUE.csv ACTION:QUESTION...
  (e.g. V7:1.4: the target row with action V7 is a mean target on the
  question whose heading starts "1.4.")
"""
import csv
import json
import math
import sys

from scipy import optimize, stats


def t_quantile(prob, df):
    """t quantile by inverting scipy's survival function: stats.t.ppf in
    Debian 12's scipy is off in the 10th digit (2.00251882107 for
    2.00251882231 at df 56.93; R, GSL and mpmath agree on the latter)."""
    return optimize.brentq(lambda x: stats.t.sf(x, df) - (1 - prob), -50, 50,
                           xtol=1e-15, rtol=1e-15)


def column(path, qid):
    rows = list(csv.reader(open(path, encoding="utf-8-sig")))
    k = next(i for i, h in enumerate(rows[0]) if h.startswith(qid + ". "))
    return [float(r[k]) for r in rows[1:] if r[k].strip()]


def close(a, b, what):
    if a is None or not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
        sys.exit(f"{what}: tcsurvey {a}, scipy {b}")


def main():
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
    for spec in sys.argv[4:]:
        action, qid = spec.split(":")
        t = next(x for x in doc["targets"] if x["action"] == action)
        a, b = column(sys.argv[2], qid), column(sys.argv[3], qid)
        va, vb = stats.tvar(a) / len(a), stats.tvar(b) / len(b)
        se = math.sqrt(va + vb)
        df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
        delta = sum(b) / len(b) - sum(a) / len(a)
        p = stats.ttest_ind(b, a, equal_var=False).pvalue
        half = t_quantile(0.975, df) * se
        mdc = (t_quantile(0.975, df) + t_quantile(0.8, df)) * se
        mw = stats.mannwhitneyu(b, a, alternative="two-sided", method="asymptotic")
        cliff = 2 * mw.statistic / (len(a) * len(b)) - 1
        if t["test"] != "welch":
            sys.exit(f"{action}: test {t['test']}, expected welch")
        close(t["p"], p, action + " p")
        close(t["change_ci95"][0], delta - half, action + " change_ci95 lo")
        close(t["change_ci95"][1], delta + half, action + " change_ci95 hi")
        close(t["min_detectable_change"], mdc, action + " min_detectable_change")
        close(t["rank_p"], mw.pvalue, action + " rank_p")
        close(t["cliffs_delta"], cliff, action + " cliffs_delta")
        shows_zero = t["change_ci95"][0] <= 0 <= t["change_ci95"][1]
        if t["verdict"] == "no clear change" and not shows_zero and t["mark"] is None:
            sys.exit(f"{action}: an interval that excludes 0 beside 'no clear change', unmarked")
    print("check's evidence agrees with scipy")


main()
