#!/usr/bin/env python3
"""Write tests/fixtures/report/limesurvey/: a survey folder shaped like two
waves of a LimeSurvey staff survey exported with question codes (G03Q14[1]
...), with the long wordings a real questionnaire has in its key file, an
action plan whose success measures name long lists of coded questions, and
the populations the waves were sent to. The report tests print it to A4
and read it back (tests/cli/report-print-*.test).

The answers are made with a seeded generator: re-running this script
changes no file. The figures in the tests are not taken from this script:
they are checked against the CSV tables (which tests/unit and
scripts/expected_*.py check independently) or are counts of rows.
"""
import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "fixtures", "report", "limesurvey")

AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
         "Strongly agree"]

# the grid G03Q14: ten statements of one question, each long
G03Q14 = [
    "I have had a useful conversation with my line manager about my career development "
    "in the past twelve months, including the training and the opportunities open to me",
    "My line manager recognises the contribution that technical staff make to research "
    "and teaching in my school, department or service",
    "I know where to find information about the professional registration schemes that "
    "are open to technicians (RSciTech, RSci, CSci and the Science Council's schemes)",
    "I understand how to apply for professional registration and who at the university "
    "can support my application",
    "The university gives me enough time during my working week to take part in "
    "training, development and continuing professional development activities",
    "I feel that the work of technicians is visible to academic colleagues, students "
    "and senior managers of the university",
    "Technicians are invited to contribute to decisions about facilities, equipment "
    "and the way that teaching and research are supported in my area",
    "I know how the university plans for succession in technical roles and how the "
    "skills of technicians who retire or leave are kept",
    "I have opportunities to share my knowledge and expertise with colleagues in other "
    "schools, departments, institutes and services of the university",
    "Overall, I would recommend the university as a place to work to a friend or "
    "colleague who is a technician",
]
OTHERS = [
    ("G02Q05", "Are you registered with a professional body (for example the Science "
               "Council, the Institute of Science and Technology or the Royal Society of "
               "Chemistry)?", ["No", "Yes"]),
    ("G04Q20", "Which school, department or service do you work in?",
     ["School of Life Sciences", "School of Engineering", "School of Chemistry",
      "Professional Services", "School of Art and Design"]),
]
WAVES = {"2023": (46, "2023-05-02", 23), "2025": (52, "2025-04-28", 25)}


def write(name, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\r\n", quoting=csv.QUOTE_ALL).writerows(rows)


def wave(label, n, start, days, rng):
    header = ["id", "submitdate", "lastpage", "startlanguage", "seed"]
    header += ["G03Q14[%d]" % (k + 1) for k in range(len(G03Q14))]
    header += [code for code, _, _ in OTHERS]
    rows = [header]
    y, m, d = (int(x) for x in start.split("-"))
    names = OTHERS[1][2]
    for i in range(n):
        day = d + (i * days) // n
        when = "%04d-%02d-%02d %02d:%02d:%02d" % (y, m + (day - 1) // 30, (day - 1) % 30 + 1,
                                                  9 + i % 8, (7 * i) % 60, (13 * i) % 60)
        row = [str(i + 1), when, "4", "en", str(rng.randrange(10**6))]
        shift = 0.35 if label == "2025" else 0.0
        for k in range(len(G03Q14)):
            x = rng.gauss(2.4 + 0.08 * k + shift, 1.0)
            row.append("" if rng.random() < 0.04 else AGREE[max(0, min(4, round(x)))])
        row.append("Yes" if rng.random() < 0.3 + shift / 2 else "No")
        # the last three are the only ones of School of Art and Design: a
        # group too small to show
        row.append(names[4] if i >= n - 3 else names[i % 4])
        rows.append(row)
    return rows


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(19)
    for label, (n, start, days) in WAVES.items():
        write("staff-survey-%s.csv" % label, wave(label, n, start, days, rng))
    key = [["code", "text"]]
    key += [["G03Q14[%d]" % (k + 1), t] for k, t in enumerate(G03Q14)]
    key += [[code, text] for code, text, _ in OTHERS]
    write("labels.csv", key)
    ids = ";".join("G03Q14[%d]" % (k + 1) for k in range(len(G03Q14)))
    write("targets.csv", [
        ["action", "pillar", "questions", "metric", "comparator", "target", "baseline_wave",
         "due_wave", "combine", "description", "status"],
        ["R1.2a", "Recognition and visibility of technical staff across the university",
         ids, "share(Agree;Strongly agree)", ">=", "60", "2023", "2025", "all",
         "Increase the share of technicians agreeing with the statements of G03Q14 "
         "(career conversations, recognition, registration, time for development, "
         "visibility, decisions, succession, sharing expertise) to at least 60% by the "
         "2025 staff survey, as reported to the Technician Commitment steering group", ""],
        ["R1.2b", "Recognition and visibility of technical staff across the university",
         ids, "mean", ">", "3", "2023", "2025", "each",
         "Average agreement above 3 (neither agree nor disagree) on each statement of "
         "G03Q14 by the 2025 survey", ""],
        ["CD3", "Career development", "G03Q14[1];G03Q14[5]", "change(mean)", ">", "0",
         "2023", "2025", "all", "Any increase in the average agreement with the two "
         "career development statements", ""],
        ["S4", "Sustainability", "G02Q05", "share(Yes)", ">=", "40", "2023", "2025", "each",
         "At least 40% of technicians registered with a professional body", ""],
        ["S9", "Sustainability", "G03Q14[99]", "mean", ">=", "4", "2023", "2025", "each",
         "A statement that the survey did not ask (its code is mistyped in the plan)", ""],
        ["V2", "Visibility", "", "", "", "", "", "2027", "",
         "Technician showcase held every year (judged by the steering group)",
         "in progress"],
    ])
    write("population.csv", [["wave", "population"], ["2023", "80"], ["2025", "84"]])


if __name__ == "__main__":
    main()
