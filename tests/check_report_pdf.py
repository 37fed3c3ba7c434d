#!/usr/bin/env python3
"""Check a report printed to PDF (A4, by headless Chromium) against the
report's own targets.csv, with pdftotext:

  check_report_pdf.py REPORT_DIR REPORT.pdf [ID_RANGE...]

- every page is A4 portrait;
- no word lies beyond the page's right or left edge (pdftotext -bbox): the
  tables fit the page width;
- the RAG table has each of its column headers on the page where it starts,
  and every one of its rows: as many status colours (in the RAG section, in
  words beside the status) as targets.csv has lines of each colour, and the
  status words of each;
- every id range given (G03Q14[1]-[10]) is in the text.

Exit 0 when all hold, 1 with the reasons otherwise.
"""
import csv
import re
import subprocess
import sys

HEADERS = ["Action", "Pillar", "Success measure", "Question", "Baseline", "Result", "Target",
           "Status"]
WORDS = {"met": "Met", "on_track": "On track", "not_met": "Not met", "not_due": "Not due",
         "no_data": "No data", "error": "Error", "met_not_distinguishable":
         "Met, not yet distinguishable"}


def text(pdf, *args):
    return subprocess.run(["pdftotext", *args, pdf, "-"], check=True, capture_output=True,
                          text=True).stdout


def flat(s):
    """One line of words: wrapped and hyphenated lines joined."""
    s = re.sub(r"-\n(?=[a-z])", "", s)
    return re.sub(r"\s+", " ", s)


def main(argv):
    report, pdf, ranges = argv[1], argv[2], argv[3:]
    problems = []
    info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    width, height = float(size.group(1)), float(size.group(2))
    if abs(width - 595.3) > 2 or abs(height - 841.9) > 2:
        problems.append("pages are %s x %s pt, not A4 portrait" % (width, height))
    bbox = text(pdf, "-bbox")
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<',
                         bbox):
        x0, x1, w = float(m.group(1)), float(m.group(2)), m.group(3)
        if x0 < 0 or x1 > width:
            problems.append("'%s' runs off the page (x %.0f-%.0f of %.0f)" % (w, x0, x1, width))
    try:
        with open(report + "/targets.csv", encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except FileNotFoundError:  # no targets: no RAG table to check
        rows = None
    # the RAG section: from its heading to the per-pillar summary
    start = None
    for p in range(1, pages + 1):
        if "Success targets: RAG analysis" in text(pdf, "-f", str(p), "-l", str(p)):
            start = p
            break
    if rows is None:
        pass
    elif start is None:
        problems.append("no RAG section")
    else:
        first = flat(text(pdf, "-f", str(start), "-l", str(min(start + 1, pages))))
        for h in HEADERS:
            if h not in first:
                problems.append("the RAG table's header '%s' is not on its first page" % h)
        whole = flat(text(pdf))
        section = whole[whole.index("Success targets: RAG analysis"):]
        end = section.find("RAG summary by pillar")
        section = section[:end] if end > 0 else section
        for colour in ("green", "amber", "red", "grey"):
            want = sum(1 for r in rows if r["rag"] == colour)
            got = section.count("(%s)" % colour)
            if got != want:
                problems.append("%d rows are %s in targets.csv, the printed RAG table shows %d"
                                % (want, colour, got))
        for r in rows:
            word = r["hand_status"] if r["judged"] == "hand" and not r["question"] else \
                WORDS.get(r["status"], r["status"])
            word = word[:1].upper() + word[1:]
            if "%s (%s)" % (word, r["rag"]) not in section:
                problems.append("row %s (%s): '%s (%s)' is not printed" % (
                    r["row"], r["action"], word, r["rag"]))
            if r["action"] and r["action"] not in section:
                problems.append("action %s is not printed" % r["action"])
    for rng in ranges:
        if rng not in flat(text(pdf)):
            problems.append("the id range '%s' is not printed" % rng)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
