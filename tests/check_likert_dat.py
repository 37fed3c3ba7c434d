#!/usr/bin/python3
"""Check a Likert chart's data file against percentages computed here from
the raw export (independently of tcsurvey): each band's widths, and for the
diverging chart where each bar starts.

usage: check_likert_dat.py EXPORT.csv FIRST_COL LAST_COL BANDS CHART.dat [diverging]
  FIRST_COL..LAST_COL  1-based columns of the rating questions
  BANDS                e.g. 1-3,4-5,6-7,8-10 (values of each band, low to high)
"""
import csv
import sys


def blocks(path):
    """The data file's blocks (separated by two blank lines) as lists of rows."""
    out, cur, blank = [], [], 0
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#"):
            continue
        if line == "":
            blank += 1
            if blank == 2 and cur:
                out.append(cur)
                cur = []
            continue
        blank = 0
        cur.append(line.split("\t"))
    if cur:
        out.append(cur)
    return out


def main():
    export, first, last, bands_arg, dat = sys.argv[1:6]
    diverging = len(sys.argv) > 6
    bands = [tuple(int(v) for v in b.split("-")) for b in bands_arg.split(",")]
    with open(export, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))[1:]
    want = [[] for _ in bands]
    starts = []
    for col in range(int(first) - 1, int(last)):
        vals = [int(r[col]) for r in rows if r[col].strip()]
        pct = [100.0 * sum(lo <= v <= hi for v in vals) / len(vals) for lo, hi in bands]
        for i, p in enumerate(pct):
            if p > 0:
                want[i].append(p)
        low = sum(pct[: len(bands) // 2])
        starts.append(-low if diverging else 0.0)
    got = blocks(dat)[: len(bands)]
    bad = 0
    for i, block in enumerate(got):
        widths = sorted(float(r[2]) - float(r[1]) for r in block)
        if len(widths) != len(want[i]) or any(
                abs(a - b) > 1e-4 for a, b in zip(widths, sorted(want[i]))):
            print(f"band {bands[i]}: widths {widths} != {sorted(want[i])}")
            bad += 1
    first_x = sorted(min(float(r[1]) for blk in got for r in blk if r[0] == y)
                     for y in {r[0] for blk in got for r in blk})
    if any(abs(a - b) > 1e-4 for a, b in zip(first_x, sorted(starts))) or len(first_x) != len(starts):
        print(f"bar starts {first_x} != {sorted(starts)}")
        bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
