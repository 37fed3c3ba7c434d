#!/usr/bin/python3
"""Generate the bundled example export surveys/chester/chester-2024.csv.

The University of Chester published only the *average rating* of each of the
21 statements of its June 2024 Technician Commitment survey (Stage 3
self-assessment, Appendix 5; Microsoft Forms, 28 responses).  This script
invents 28 synthetic responses whose per-statement means round (2 d.p.) to
exactly those published averages, and writes them in the layout of a
Microsoft Forms results download saved from Excel as "CSV UTF-8":

  * UTF-8 with a BOM, CRLF between records, minimal quoting;
  * a line break inside a quoted cell is a bare LF (as Excel writes it);
  * fixed columns ID, Start time, Completion time, Email, Name,
    Last modified time, then one column per question;
  * times as M/D/YY H:MM:SS (24-hour clock, no leading zeros on month, day
    and hour), Email "anonymous", Name and Last modified time empty.

Everything is driven by a fixed seed, so re-running gives a byte-identical
file.  It also (re)writes surveys/chester/codebook.csv from the same table.
Run from anywhere:  /usr/bin/python3 scripts/make_example.py
"""

import csv
import datetime as dt
import io
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "surveys", "chester", "chester-2024.csv")
CODEBOOK = os.path.join(ROOT, "surveys", "chester", "codebook.csv")
SEED = 20240610
N = 28
SCALE_MIN, SCALE_MAX = 1, 10

# id, pillar, statement, published average -- transcribed from
# /work/shared/reference/chester-tc-survey-2024-published.csv (kept inline so
# the script does not depend on a file outside the repository).
ITEMS = [
    ("1.1", "Visibility", "I feel that the role of Technician at the University of Chester is seen as important by students", "6.54"),
    ("1.2", "Visibility", "I feel that the role of Technician at the University of Chester is seen as important by academics", "5.64"),
    ("1.3", "Visibility", "I feel that the role of Technician at the University of Chester is seen as important by other Professional Services staff", "6.07"),
    ("1.4", "Visibility", "I feel that the role of Technician at the University of Chester is seen as important by more senior managers, i.e. more senior than immediate line manager", "3.96"),
    ("1.5", "Visibility", "I feel I have sufficient opportunity to engage with activities that take place in the community, schools and colleges", "5.18"),
    ("1.6", "Visibility", "I feel that Technicians are encouraged to contribute to/ engage with new initiatives and longer term projects", "5.07"),
    ("2.1", "Recognition", "I understand the benefits of professional registration.", "5.50"),
    ("2.2", "Recognition", "I am already registered as a professional with an appropriate professional body suitable for my discipline", "3.18"),
    ("2.3", "Recognition", "I understand how to apply for professional registration", "4.75"),
    ("2.4", "Recognition", "I know which professional body is best for me", "4.32"),
    ("2.5", "Recognition", "I feel the University of Chester is supportive with respect to professional registration", "4.43"),
    ("3.1", "Career Development", "The University of Chester has clear, documented career pathways for Technicians", "2.36"),
    ("3.2", "Career Development", "I have clear career goals", "4.82"),
    ("3.3", "Career Development", "I know which skills and developmental areas need to be addressed to enable me to progress in my career as a Technician", "4.43"),
    ("3.4", "Career Development", "My manager facilitates meaningful discussions relating to career progression and actively supports my personal and professional development", "5.07"),
    ("3.5", "Career Development", "I have the means of recording all CPD undertaken to monitor my career development and progress", "5.39"),
    ("4.1", "Sustainability", "My manager enables me to fully utilise my skills, knowledge and expertise", "6.43"),
    ("4.2", "Sustainability", "I have the opportunity to coach/ mentor other members of staff and therefore I am able to transfer my skills, knowledge and expertise to more junior members of staff or apprentices", "6.43"),
    ("4.3", "Sustainability", "I have sufficient opportunity to keep my skills, knowledge and expertise current", "5.93"),
    ("4.4", "Sustainability", "The University enables the sharing of knowledge and expertise which ensures the sustainability of technical skills across the University", "5.07"),
    ("4.5", "Sustainability", "I have the opportunity to expand my skills, knowledge and expertise in support of wider (i.e. University/ Faculty/ School/ Division/ departmental) objectives/ priorities", "4.71"),
]
PILLARS = ["Visibility", "Recognition", "Career Development", "Sustainability"]

# Items whose answers are capped below the scale maximum, so that the data do
# not reach 10 on every item (a tool must take the scale from the codebook or
# its options, never shrink it to the observed range).
CAPS = {"3.1": 7, "2.2": 8}

FACULTY_Q = "Which faculty or department do you work in?"
COMMENT_Q = "Is there anything else you would like to tell us about being a technician at Chester?"
# Respondents per faculty; "Faculty of Arts and Media" and "Professional
# Services" have fewer than 5, so a report can demonstrate group suppression.
FACULTIES = [
    ("Faculty of Science, Business and Enterprise", 12),
    ("Faculty of Health, Medicine and Society", 9),
    ("Faculty of Arts and Media", 4),
    ("Professional Services", 3),
]
COMMENTS = [
    "More chances to shadow colleagues in other faculties would help.",
    "Generally a supportive team.",
    "I would welcome clearer information about professional registration.",
    "Thanks for running this survey.",
    "Workload is high during assessment periods, but the team copes well.\nIt would help to plan equipment purchases earlier in the year.",
    "Training budget is hard to find out about.",
    "Happy in my role.",
    "A technician network across campuses would be useful.",
    "Not much to add.",
    "Recognition at events has improved recently.",
    "It is not always clear who to ask about career progression.",
    "Good working relationships with academic staff in my area.",
    "Would like more time for CPD.",
    "Keep the technician newsletter going.",
]
FIXED = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]


def target_sum(published):
    """k nearest published*28 with round(k/28, 2) == published."""
    p = float(published)
    cands = [k for k in range(N * SCALE_MIN, N * SCALE_MAX + 1) if f"{k / N:.2f}" == published]
    assert cands, published
    return min(cands, key=lambda k: (abs(k - p * N), k))


def fit_item(latent, k, cap, target_sd, n=N):
    """Integer answers in 1..cap, summing to exactly k, following `latent`
    (a standardised per-respondent score of n respondents) with an SD close
    to target_sd."""
    mu = k / n
    best = None
    for s in np.linspace(0.8, 5.0, 85):
        x = mu + s * latent
        y = np.clip(np.rint(x), SCALE_MIN, cap).astype(int)
        # move the sum onto k, one step at a time, where rounding hurt most
        while y.sum() < k:
            r = np.where(y < cap, x - y, -np.inf)
            y[int(np.argmax(r))] += 1
        while y.sum() > k:
            r = np.where(y > SCALE_MIN, x - y, np.inf)
            y[int(np.argmin(r))] -= 1
        err = abs(y.std(ddof=1) - target_sd)
        if best is None or err < best[0] - 1e-12:
            best = (err, y.copy())
    return best[1]


def forms_time(t):
    return f"{t.month}/{t.day}/{t.year % 100:02d} {t.hour}:{t.minute:02d}:{t.second:02d}"


def main():
    rng = np.random.default_rng(SEED)
    general = rng.normal(size=N)                      # overall tendency
    pillar = {p: rng.normal(size=N) for p in PILLARS}  # pillar-specific tendency
    ratings = {}
    for iid, pil, _, pub in ITEMS:
        k = target_sum(pub)
        z = 0.55 * general + 0.55 * pillar[pil] + 0.65 * rng.normal(size=N)
        z = (z - z.mean()) / z.std(ddof=1)
        target_sd = rng.uniform(1.95, 2.6) if iid not in CAPS else 1.9
        ratings[iid] = fit_item(z, k, CAPS.get(iid, SCALE_MAX), target_sd)

    # --- checks -----------------------------------------------------------
    print(f"{'id':4} {'k':>4} {'mean':>9} {'round':>6} {'published':>9} {'sd':>5} {'min':>3} {'max':>3}")
    used = set()
    for iid, _, _, pub in ITEMS:
        y = ratings[iid]
        k = int(y.sum())
        m = k / N
        print(f"{iid:4} {k:4d} {m:9.6f} {m:6.2f} {pub:>9} {y.std(ddof=1):5.2f} {y.min():3d} {y.max():3d}")
        assert len(y) == N and y.min() >= SCALE_MIN and y.max() <= SCALE_MAX
        assert f"{m:.2f}" == pub and round(m, 2) == float(pub), (iid, m, pub)
        assert k == target_sum(pub)
        assert 1.8 <= y.std(ddof=1) <= 2.8, (iid, y.std(ddof=1))
        used.update(int(v) for v in y)
    assert used == set(range(SCALE_MIN, SCALE_MAX + 1)), used
    assert ratings["3.1"].max() <= 7
    assert len({tuple(v) for v in ratings.values()}) == len(ITEMS)
    # within-pillar correlation should be visibly positive
    for p in PILLARS:
        ids = [i for i, q, _, _ in ITEMS if q == p]
        c = np.corrcoef(np.array([ratings[i] for i in ids]))
        r = c[np.triu_indices(len(ids), 1)].mean()
        print(f"mean within-pillar correlation, {p}: {r:.2f}")
        assert r > 0.2

    # --- other columns ----------------------------------------------------
    faculty = [f for f, count in FACULTIES for _ in range(count)]
    assert len(faculty) == N
    faculty = [faculty[i] for i in rng.permutation(N)]
    comment_rows = sorted(rng.choice(N, size=len(COMMENTS), replace=False).tolist())
    comments = [""] * N
    for row, text in zip(comment_rows, COMMENTS):
        comments[row] = text

    # Submission times: 3..21 June 2024, working hours, IDs in completion order.
    days = [d for d in range(3, 22) if dt.date(2024, 6, d).weekday() < 5]
    completions = []
    for _ in range(N):
        day = int(rng.choice(days))
        secs = int(rng.integers(8 * 3600 + 30 * 60, 17 * 3600))
        completions.append(dt.datetime(2024, 6, day) + dt.timedelta(seconds=secs))
    completions.sort()
    durations = rng.integers(150, 1500, size=N)  # 2.5 to 25 minutes

    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(FIXED + [f"{i}. {s}" for i, _, s, _ in ITEMS] + [FACULTY_Q, COMMENT_Q])
    for r in range(N):
        done = completions[r]
        start = done - dt.timedelta(seconds=int(durations[r]))
        w.writerow([str(r + 1), forms_time(start), forms_time(done), "anonymous", "", ""]
                   + [str(int(ratings[i][r])) for i, _, _, _ in ITEMS]
                   + [faculty[r], comments[r]])
    data = b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as f:
        f.write(data)

    # --- re-read what was written and verify -----------------------------
    with open(OUT, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert len(rows) == N + 1 and all(len(x) == len(rows[0]) for x in rows)
    for j, (iid, _, _, pub) in enumerate(ITEMS):
        vals = [int(x[6 + j]) for x in rows[1:]]
        assert f"{sum(vals) / N:.2f}" == pub
    print(f"wrote {os.path.relpath(OUT, ROOT)}: {N} responses, {len(rows[0])} columns, {len(data)} bytes")

    # --- codebook: plain UTF-8, LF, one row per rating statement ----------
    with open(CODEBOOK, "w", encoding="utf-8", newline="") as f:
        cw = csv.writer(f, lineterminator="\n")
        cw.writerow(["id", "pattern", "statement", "pillar", "scale", "reverse", "include",
                     "waves"])
        for iid, pil, stmt, _ in ITEMS:
            cw.writerow([iid, "", stmt, pil, f"{SCALE_MIN}-{SCALE_MAX}", "no", "yes", ""])
        # added in the 2026 survey (scripts/make_example_2026.py)
        cw.writerow(["4.6", "", "I know how the University plans for succession in technical "
                     "roles, including apprenticeships", "Sustainability",
                     f"{SCALE_MIN}-{SCALE_MAX}", "no", "yes", "2026"])
    print(f"wrote {os.path.relpath(CODEBOOK, ROOT)}: {len(ITEMS)} statements")
    return 0


if __name__ == "__main__":
    sys.exit(main())
