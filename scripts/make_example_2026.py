#!/usr/bin/python3
"""Write surveys/chester/chester-2026.csv: a synthetic second wave of the
Chester example, for comparisons and target checks.

Run with Debian's python3 (needs python3-numpy):
    /usr/bin/python3 scripts/make_example_2026.py

Nothing here was published: the 2026 survey has not happened. The means are
chosen so that the action plan's targets (surveys/chester/targets.csv) come
out in every state: met clearly, met within noise, moving towards the target,
not moving or worse. Each item's mean is exactly TARGET_MEANS[id] rounded to
k/31. Same layout as the 2024 export, plus one new statement (4.6) of the kind
the 2024-27 plan promises to add ("Question to assess success of action built
into TC Survey 2026"). Fixed seed: byte-identical output on every run.
"""
import csv
import datetime as dt
import io
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_example as ex  # noqa: E402

OUT = os.path.join(ex.ROOT, "surveys", "chester", "chester-2026.csv")
SEED = 20260615
N = 31

# 2026 means: 1.4, 1.5 and 3.4 rise past their targets; 1.6, 2.2, 3.2, 4.3
# move towards theirs; 4.2 and 4.5 fall; the rest drift within noise.
TARGET_MEANS = {
    "1.1": 6.90, "1.2": 5.90, "1.3": 6.20, "1.4": 5.45, "1.5": 7.00, "1.6": 5.70,
    "2.1": 5.60, "2.2": 4.20, "2.3": 5.10, "2.4": 4.40, "2.5": 4.60,
    "3.1": 2.60, "3.2": 5.30, "3.3": 4.70, "3.4": 7.60, "3.5": 5.40,
    "4.1": 6.50, "4.2": 5.20, "4.3": 6.05, "4.4": 5.20, "4.5": 4.40,
}
NEW_ITEM = ("4.6", "Sustainability",
            "I know how the University plans for succession in technical roles, "
            "including apprenticeships", 4.80)


def main():
    rng = np.random.default_rng(SEED)
    general = rng.normal(size=N)
    pillar = {p: rng.normal(size=N) for p in ex.PILLARS}
    items = [(i, p, s) for i, p, s, _ in ex.ITEMS] + [NEW_ITEM[:3]]
    means = dict(TARGET_MEANS)
    means[NEW_ITEM[0]] = NEW_ITEM[3]
    ratings = {}
    for iid, pil, _ in items:
        k = int(round(means[iid] * N))
        z = 0.55 * general + 0.55 * pillar[pil] + 0.65 * rng.normal(size=N)
        z = (z - z.mean()) / z.std(ddof=1)
        ratings[iid] = ex.fit_item(z, k, ex.SCALE_MAX, rng.uniform(1.9, 2.5), n=N)
        y = ratings[iid]
        assert y.sum() == k and y.min() >= 1 and y.max() <= 10, iid
        print(f"{iid:4} mean {k / N:.4f} sd {y.std(ddof=1):.2f}")

    faculty_pool = [f for f, count in ex.FACULTIES for _ in range(count)]
    faculty = [faculty_pool[int(i)] for i in rng.integers(0, len(faculty_pool), size=N)]
    comments = [""] * N
    for row, text in zip(sorted(rng.choice(N, size=6, replace=False).tolist()),
                         ex.COMMENTS[:6]):
        comments[row] = text
    days = [d for d in range(8, 27) if dt.date(2026, 6, d).weekday() < 5]
    done = sorted(dt.datetime(2026, 6, int(rng.choice(days))) +
                  dt.timedelta(seconds=int(rng.integers(8 * 3600, 17 * 3600)))
                  for _ in range(N))
    durations = rng.integers(150, 1500, size=N)

    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(ex.FIXED + [f"{i}. {s}" for i, _, s in items] + [ex.FACULTY_Q, ex.COMMENT_Q])
    for r in range(N):
        start = done[r] - dt.timedelta(seconds=int(durations[r]))
        w.writerow([str(r + 1), ex.forms_time(start), ex.forms_time(done[r]), "anonymous", "", ""]
                   + [str(int(ratings[i][r])) for i, _, _ in items] + [faculty[r], comments[r]])
    with open(OUT, "wb") as f:
        f.write(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    print(f"wrote {os.path.relpath(OUT, ex.ROOT)}: {N} responses")
    return 0


if __name__ == "__main__":
    sys.exit(main())
