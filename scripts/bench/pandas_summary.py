#!/usr/bin/python3
"""The benchmark's pandas + scipy baseline: the figures of `tcsurvey summary`
and `tcsurvey compare` for a synthetic Forms export (scripts/bench/gen_forms.c),
computed the way an analyst would with pandas and scipy.

  pandas_summary.py summary FILE [-o OUT.json] [--check TCSURVEY.json]
  pandas_summary.py compare FILE FILE [-o OUT.json] [--check TCSURVEY.json]
                    [--codebook CODEBOOK.csv]

summary, per question (numbered header "N. ..."): n, blanks, mean, SD
(ddof=1), 95% Student t CI of the mean, median, count per scale point,
% low / neutral / high around the midpoint and a Wilson 95% CI for % high.
Agreement labels map to 1-5, ratings are on 1-10.
compare, per question: n and mean per wave, Welch t-test (p and 95% CI of the
change) and Mann-Whitney U (two-sided, asymptotic with continuity correction).
With --codebook (columns id and pillar), also per pillar: each respondent's
mean over the pillar's items when they answered at least half of them,
Cronbach's alpha over complete cases per wave, and the same Welch and
Mann-Whitney figures on the scores.

The file is read with pandas' C parser, only the question columns, label
columns as categoricals (a memory-frugal but ordinary way to do it).
--check compares the figures with tcsurvey's JSON output (relative 1e-9) and
exits 1 on any difference, so the benchmark is known to time the same work.
Needs the Debian packages python3-pandas and python3-scipy (/usr/bin/python3).
"""

import argparse
import json
import math
import re
import sys

import numpy as np
import pandas as pd
from scipy import stats

AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
         "Strongly agree"]
LABEL_VALUE = {label: i + 1 for i, label in enumerate(AGREE)}
QUESTION = re.compile(r"^(\d+)\. ")


def read_questions(path):
    """-> (question columns, their dtypes, the frame of those columns as read)"""
    header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
    cols = [c for c in header if QUESTION.match(c)]
    # The generator heads rating items "N. Rate ..." (1-10); the others
    # take agreement labels.
    dtypes = {c: "float64" if c.split(". ", 1)[1].startswith("Rate") else "category"
              for c in cols}
    return cols, dtypes, pd.read_csv(path, usecols=cols, dtype=dtypes, encoding="utf-8-sig")


def read_frame(path):
    """-> the question columns' values as float64 (NaN = blank), named by id"""
    cols, dtypes, df = read_questions(path)
    for c in cols:
        if dtypes[c] == "category":
            df[c] = df[c].map(LABEL_VALUE).astype("float64")
    df.columns = [QUESTION.match(c).group(1) for c in cols]
    return df


def read(path):
    """-> {id: (scale name, min, max, float array of valid answers, blanks)}"""
    cols, dtypes, df = read_questions(path)
    out = {}
    for c in cols:
        qid = QUESTION.match(c).group(1)
        s = df[c]
        blanks = int(s.isna().sum())
        if dtypes[c] == "category":
            v = s.map(LABEL_VALUE).astype("float64").dropna().to_numpy()
            out[qid] = ("agree5", 1, 5, v, blanks)
        else:
            out[qid] = ("1-10", 1, 10, s.dropna().to_numpy(), blanks)
    return out


def describe(scale, lo, hi, v, blanks):
    n = len(v)
    mean = float(v.mean()) if n else None
    sd = float(v.std(ddof=1)) if n > 1 else None
    if n > 1:
        half = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
        ci = [mean - half, mean + half]
    else:
        ci = None
    counts = np.bincount(v.astype(np.int64) - lo, minlength=hi - lo + 1)
    mid = (lo + hi) / 2
    low = float((v < mid).sum()) * 100 / n if n else None
    neut = float((v == mid).sum()) * 100 / n if n else None
    high_k = int((v > mid).sum())
    high = high_k * 100 / n if n else None
    if n:  # Wilson score interval
        z = stats.norm.ppf(0.975)
        p = high_k / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        high_ci = [100 * (centre - half), 100 * (centre + half)]
    else:
        high_ci = None
    return {"scale": scale, "n": n, "missing": blanks, "mean": mean, "sd": sd,
            "ci95": ci, "median": float(np.median(v)) if n else None,
            "counts": [int(k) for k in counts], "low_percent": low, "neutral_percent": neut,
            "high_percent": high, "high_ci95": high_ci}


def summary(path):
    return {qid: describe(*q) for qid, q in read(path).items()}


def change(x, y):
    t = stats.ttest_ind(y, x, equal_var=False)
    vx, vy = x.var(ddof=1) / len(x), y.var(ddof=1) / len(y)
    df = (vx + vy) ** 2 / (vx * vx / (len(x) - 1) + vy * vy / (len(y) - 1))
    delta = float(y.mean() - x.mean())
    half = stats.t.ppf(0.975, df) * math.sqrt(vx + vy)
    u = stats.mannwhitneyu(y, x, alternative="two-sided", method="asymptotic")
    return {"n_from": len(x), "n_to": len(y), "mean_from": float(x.mean()),
            "mean_to": float(y.mean()), "delta": delta,
            "delta_ci95": [delta - half, delta + half], "welch_p": float(t.pvalue),
            "mwu_p": float(u.pvalue)}


def compare(path_a, path_b):
    a, b = read(path_a), read(path_b)
    return {qid: change(a[qid][3], b[qid][3]) for qid in a if qid in b}


def pillar_scores(df, items):
    """Scores of respondents who answered at least half the items, alpha."""
    m = df[items]
    answered = m.notna().sum(axis=1)
    scores = m.mean(axis=1)[answered >= (len(items) + 1) // 2].to_numpy()
    complete = m.dropna().to_numpy()
    k = len(items)
    alpha = None
    if k >= 2 and len(complete) >= 2:
        total_var = complete.sum(axis=1).var(ddof=1)
        if total_var > 0:
            alpha = k / (k - 1) * (1 - complete.var(axis=0, ddof=1).sum() / total_var)
    return scores, alpha


def compare_pillars(path_a, path_b, codebook):
    cb = pd.read_csv(codebook, dtype=str, keep_default_na=False)
    pillars = {}
    for qid, pillar in zip(cb["id"], cb["pillar"]):
        if pillar:
            pillars.setdefault(pillar, []).append(qid)
    fa, fb = read_frame(path_a), read_frame(path_b)
    out = {}
    for name, items in pillars.items():
        x, alpha_from = pillar_scores(fa, items)
        y, alpha_to = pillar_scores(fb, items)
        out[name] = dict(change(x, y), alpha_from=alpha_from, alpha_to=alpha_to)
    return out


def close(a, b, rel=1e-9):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, list):
        return len(a) == len(b) and all(close(x, y, rel) for x, y in zip(a, b))
    return abs(a - b) <= rel * max(abs(a), abs(b)) or abs(a - b) < 1e-12


def check(kind, ours, path):
    with open(path, encoding="utf-8") as f:
        theirs = json.load(f)
    bad = 0
    if kind == "summary":
        rows = {q["id"]: q for q in theirs["questions"]}
        keys = ["n", "missing", "mean", "sd", "ci95", "median", "low_percent",
                "neutral_percent", "high_percent", "high_ci95"]
        for qid, mine in ours.items():
            t = rows.get(qid)
            if t is None:
                print(f"check: question {qid} missing from tcsurvey", file=sys.stderr)
                bad += 1
                continue
            counts = [p["count"] for p in t["points"]]
            if counts != mine["counts"] or t["scale"] != mine["scale"]:
                print(f"check: {qid}: counts or scale differ", file=sys.stderr)
                bad += 1
            for k in keys:
                if not close(mine[k], t[k]):
                    print(f"check: {qid}.{k}: pandas {mine[k]} tcsurvey {t[k]}", file=sys.stderr)
                    bad += 1
    else:
        rows = {c["id"]: c for c in theirs["comparisons"]}
        rows.update({"pillar " + p["pillar"]: p for p in theirs["pillars"]})
        for qid, mine in ours.items():
            t = rows.get(qid)
            for k, v in mine.items():
                if t is None or not close(v, t[k], 1e-7):
                    print(f"check: {qid}.{k}: pandas {v} tcsurvey {t and t[k]}",
                          file=sys.stderr)
                    bad += 1
    if bad:
        sys.exit(1)
    print(f"check: {len(ours)} questions agree with {path}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["summary", "compare"])
    ap.add_argument("files", nargs="+")
    ap.add_argument("-o", "--output")
    ap.add_argument("--check")
    ap.add_argument("--codebook", help="compare: also pillar scores (columns id, pillar)")
    a = ap.parse_args()
    if a.command == "summary":
        if len(a.files) != 1:
            ap.error("summary takes one file")
        res = summary(a.files[0])
    else:
        if len(a.files) != 2:
            ap.error("compare takes two files")
        res = compare(*a.files)
        if a.codebook:
            res.update({"pillar " + name: figures
                        for name, figures in compare_pillars(*a.files, a.codebook).items()})
    text = json.dumps(res)
    if a.output:
        with open(a.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        print(text)
    if a.check:
        check(a.command, res, a.check)


if __name__ == "__main__":
    main()
