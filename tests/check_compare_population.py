#!/usr/bin/python3
"""Check compare's JSON, run with populations, against R's values
(scripts/expected_population.R -> tests/expected/population_chester_expected.csv):
every question's and pillar's change, FPC interval and minimum detectable
change, and each wave's response rate (responses / population, worked out
here).

usage: check_compare_population.py COMPARE.json EXPECTED.csv POP_FROM POP_TO
"""
import csv
import json
import math
import sys


def close(a, b, what):
    if a is None or not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
        sys.exit(f"{what}: tcsurvey {a}, R {b}")


def main():
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
    pops = [int(sys.argv[3]), int(sys.argv[4])]
    for wave, pop in zip(doc["waves"], pops):
        if wave["population"] != pop:
            sys.exit(f"wave {wave['label']}: population {wave['population']}, given {pop}")
        close(wave["response_rate"], 100.0 * wave["responses"] / pop,
              f"wave {wave['label']} response_rate")
    got = {("question", c["id"]): c for c in doc["comparisons"]}
    got.update({("pillar", p["pillar"]): p for p in doc["pillars"]})
    seen = 0
    for row in csv.DictReader(open(sys.argv[2], encoding="utf-8")):
        c = got.get((row["kind"], row["name"]))
        if c is None:
            sys.exit(f"{row['kind']} {row['name']}: not in compare's JSON")
        what = f"{row['kind']} {row['name']}"
        close(c["delta"], float(row["delta"]), what + " delta")
        close(c["welch_p"], float(row["welch_p"]), what + " welch_p")
        close(c["delta_ci95"][0], float(row["delta_ci_lo"]), what + " delta_ci95 lo")
        close(c["delta_ci95"][1], float(row["delta_ci_hi"]), what + " delta_ci95 hi")
        close(c["min_detectable_change"], float(row["mdc_05"]), what + " min_detectable_change")
        if not (c["fpc"] is True and c["population_from"] == pops[0]
                and c["population_to"] == pops[1]):
            sys.exit(what + ": fpc / populations not given")
        if row["kind"] == "question" and row["high_delta"]:
            close(c["high_delta_ci95"][0], float(row["high_delta_ci_lo"]), what + " high lo")
            close(c["high_delta_ci95"][1], float(row["high_delta_ci_hi"]), what + " high hi")
        seen += 1
    if seen < 20:
        sys.exit(f"only {seen} rows checked")
    print(f"{seen} changes agree with R")


main()
