#!/usr/bin/env python3
"""How far `tcsurvey draft` then `tcsurvey report`, with no edits, gets on
real exports (issue 16): the share of Likert-type items that come out of the
report with their full statement and the right scale.

The items and their right scales are the hand-made key of
scripts/expected_scales.py (written by reading each question and its
answers, not from tcsurvey's output), whose per-item counts are in
tests/expected/shared_scales_expected.csv. For each export of that key this
script runs `draft --out D EXPORT` (the JISC export with its key file,
--labels), then `report D --out R`, and reads R/summary-*.csv:

  present     the item is a question of the report (its column_index is there)
  scale       its points and their counts are the key's (same number of
              points, same count at each, same mean: the first value too)
  statement   the report's statement holds the question's whole text: the
              export's heading without a leading code or numbering ("socio1. ",
              "1.4. ") and without pandas' ".1" for a repeated heading, or,
              for a coded export, the key file's text; not cut ("...")

Every other export of ../shared/data is drafted and reported too, and its
exit statuses and the number of questions the report shows are listed (there
is no key to say which of its items are right).

Run from the repository root after building, with Debian's Python:
    /usr/bin/python3 scripts/measure_draft.py [BUILD/tcsurvey] > tests/expected/draft_measure.txt
"""
import csv
import glob
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared", "data")
EXPECTED = os.path.join(ROOT, "tests", "expected", "shared_scales_expected.csv")
JISC_KEY = "jisc-sodp-2020/results-for-idrc-surveyin-2020-11-06-1612-key.en.csv"


def headings(path):
    """The export's first row, read as CSV (Python's csv module)."""
    with open(path, newline="", encoding="utf-8-sig") as fp:
        return next(csv.reader(fp))


def key_texts(path):
    """A JISC key export: question code -> text (rows whose code is not a number)."""
    texts = {}
    with open(path, newline="", encoding="utf-8-sig") as fp:
        for row in csv.reader(fp):
            if len(row) >= 2 and row[0] and not row[0].strip().isdigit():
                texts[row[0].strip()] = row[1].strip()
    return texts


CODE = re.compile(r"^(?:[A-Za-z]+\d[A-Za-z0-9]*(?:\[[^\]\s]+\]|(?:_[A-Za-z0-9]+)*)"
                  r"|[Qq]?\d+(?:[._]\d+)*)(?:[.:)]| -)\s+")


def whole_text(heading):
    h = re.sub(r"\.\d+$", "", heading)  # pandas' suffix of a repeated heading
    h = CODE.sub("", h, count=1)
    h = re.sub(r"\s*\[\]$", "", h)
    return " ".join(h.split())


def run(args):
    return subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def report_rows(tcsurvey, export, tmp, labels=None):
    draft = os.path.join(tmp, "survey")
    rep = os.path.join(tmp, "report")
    args = [tcsurvey, "draft", "--quiet", "--out", draft]
    if labels:
        args += ["--labels", labels]
    d = run(args + [export])
    r = run([tcsurvey, "report", "--quiet", draft, "--out", rep]) if d.returncode == 0 else d
    rows = {}
    for f in glob.glob(os.path.join(rep, "summary-*.csv")):
        with open(f, newline="", encoding="utf-8-sig") as fp:
            for row in csv.DictReader(fp):
                rows[int(row["column_index"])] = row
    return d.returncode, r.returncode, rows


def counts_of(points):
    """'1=0; 2=3; ...' -> [0, 3, ...] (a label may hold '=': the count is after the last)."""
    return [int(p.rsplit("=", 1)[1]) for p in points.split("; ")] if points else []


def keyed(tcsurvey):
    with open(EXPECTED, newline="") as fp:
        expected = list(csv.DictReader(fp))
    sources = sorted({e["source"] for e in expected})
    totals = [0, 0, 0, 0, 0]
    print("Likert-type items of the hand-made key (scripts/expected_scales.py), after draft "
          "and report with no edits")
    print(f"{'export':62} {'items':>5} {'present':>7} {'scale':>5} {'statement':>9} "
          f"{'both':>4}  exit draft/report")
    for source in sources:
        path = os.path.join(SHARED, source)
        labels = os.path.join(SHARED, JISC_KEY) if source.startswith("jisc") else None
        heads = headings(path)
        texts = key_texts(labels) if labels else {}
        with tempfile.TemporaryDirectory() as tmp:
            dr, rr, rows = report_rows(tcsurvey, path, tmp, labels)
        items = [e for e in expected if e["source"] == source]
        present = scale = statement = both = 0
        for e in items:
            row = rows.get(int(e["column_index"]))
            if not row:
                continue
            present += 1
            want = [int(c) for c in e["counts"].split(";")]
            got = counts_of(row["points"])
            ok_scale = got == want and abs(float(row["mean"]) - float(e["mean"])) < 1e-9
            head = heads[int(e["column_index"]) - 1]
            text = texts.get(head.strip(), whole_text(head))
            shown = " ".join(row["statement"].split())
            ok_text = text in shown and not shown.endswith("...")
            scale += ok_scale
            statement += ok_text
            both += ok_scale and ok_text
        print(f"{source:62} {len(items):5} {present:7} {scale:5} {statement:9} {both:4}  "
              f"{dr}/{rr}")
        for k, v in enumerate((len(items), present, scale, statement, both)):
            totals[k] += v
    n, p, s, t, b = totals
    print(f"{'all':62} {n:5} {p:7} {s:5} {t:9} {b:4}")
    print(f"share with the full statement and the right scale: {b}/{n} = {100 * b / n:.1f}%")
    return {os.path.join(SHARED, s) for s in sources}


def others(tcsurvey, done):
    print()
    print("Other exports (no key): exit statuses of draft and report, questions in the report")
    for path in sorted(glob.glob(os.path.join(SHARED, "*", "*.csv")) +
                       glob.glob(os.path.join(SHARED, "*", "*.xlsx"))):
        if path in done or path.endswith("key.en.csv"):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            dr, rr, rows = report_rows(tcsurvey, path, tmp)
        print(f"{os.path.relpath(path, SHARED):62} {dr}/{rr} {len(rows):4} questions")


def main():
    tcsurvey = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "tcsurvey")
    if not os.path.isdir(SHARED):
        sys.exit(f"{SHARED}: not found")
    others(tcsurvey, keyed(tcsurvey))


if __name__ == "__main__":
    main()
