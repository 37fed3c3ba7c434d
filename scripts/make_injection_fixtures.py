#!/usr/bin/python3
"""Write tests/fixtures/csv/injection_all_*.csv: two waves, a codebook and a
targets file in which every text that can reach a gnuplot script holds line
breaks, '!', system(...), backticks, '@', quotes and backslashes. @PWN@ is
replaced by the test with a folder that must stay empty (nothing ran).

Texts: question statements (headers and the codebook's), pillar names (the
codebook's and the targets file's), scale labels taken from the answers
("1 - None ..."), a categorical column (group labels) and free text. The
wave labels and the report title are given on the command line."""
import csv
import os
import random

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "csv")
P = "@PWN@"
HEADER = [
    "ID",
    "1.1. Quote's \"dq\" back\\slash !touch %s/s1 `touch %s/s2` system(\"touch %s/s3\") @PWD %%s"
    % (P, P, P),
    "1.2. Line\nbreak !touch %s/s4\n`touch %s/s5` @x" % (P, P),
    "2.1. Rate the kit",
    "Dept",
    "Comments",
]
AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
RATING = ["1 - None\n!touch %s/l1 `touch %s/l2`" % (P, P), "2", "3", "4",
          "5 - All system(\"touch %s/l3\") 'q'" % P]
DEPTS = ["Lab\n!touch %s/g1" % P, "Shop `touch %s/g2`" % P]
VIS = "Vis\n!touch %s/p1 `touch %s/p2`" % (P, P)


def write(name, rows):
    with open(os.path.join(OUT, name), "w", newline="") as f:
        csv.writer(f).writerows(rows)


for wave, seed in (("a", 1), ("b", 2)):
    random.seed(seed)
    rows = [HEADER]
    for i in range(24):
        rows.append([i + 1, random.choice(AGREE), random.choice(AGREE), random.choice(RATING),
                     DEPTS[i % 2], 'freetext %d system("touch %s/ft%d")' % (i, P, i)])
    write("injection_all_%s.csv" % wave, rows)

write("injection_all_codebook.csv", [
    ["id", "pattern", "statement", "pillar", "scale", "reverse", "include"],
    ["1.1", "", "", VIS, "agree5", "no", "yes"],
    ["1.2", "", "", VIS, "agree5", "no", "yes"],
    ["2.1", "", "Kit\n!touch %s/st1 system(\"touch %s/st2\") \\ ' \"" % (P, P),
     "Rec; system(\"touch %s/p3\")\n!touch %s/p4" % (P, P), "1-5", "no", "yes"],
])
write("injection_all_targets.csv", [
    ["action", "pillar", "questions", "metric", "comparator", "target", "description"],
    ["T1\n!touch %s/t1" % P, "Tp\n!touch %s/t2 `touch %s/t3`" % (P, P), "1.1", "mean", ">=", "3",
     "desc\n!touch %s/t4 system(\"touch %s/t5\")" % (P, P)],
    ["T2", VIS, "2.1", "mean", ">=", "3.5", "d @x `touch %s/t6`" % P],
])
