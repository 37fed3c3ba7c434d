#!/usr/bin/python3
"""Check compare's JSON for issue 17's one rule for a clear change: a row
(question or pillar) whose 95% interval of the change excludes 0 while its
verdict is "no clear change", or includes 0 while it is "rose"/"fell", must
carry a mark saying why.

usage: check_marks.py COMPARE.json...
"""
import json
import sys

rows = marked = 0
for path in sys.argv[1:]:
    doc = json.load(open(path, encoding="utf-8"))
    for c in doc["comparisons"] + doc["pillars"]:
        ci = c["delta_ci95"]
        if ci is None:
            continue
        rows += 1
        excludes = ci[0] > 0 or ci[1] < 0
        clear = c["verdict"] in ("rose", "fell")
        if excludes != clear:
            marked += 1
            if c["mark"] not in ("adjusted", "tests_differ"):
                sys.exit(f"{path}: {c.get('id', c.get('pillar'))}: interval {ci} beside "
                         f"'{c['verdict']}' without a mark")
if rows < 20 or marked == 0:
    sys.exit(f"only {rows} rows, {marked} marked: the check would prove nothing")
print(f"{rows} rows, {marked} marked, every disagreement marked")
