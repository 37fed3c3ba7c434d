#!/usr/bin/env python3
"""Read a workbook back with openpyxl and compare its sheets with CSV tables:

  check_xlsx.py WORKBOOK SHEET=FILE.csv...    each sheet against its CSV
  check_xlsx.py --report REPORT_DIR           tables.xlsx against the report's CSVs

A sheet must have the CSV's header (bold, frozen under it) and rows; each
cell the CSV's value: numbers as numbers (a percentage format reads back
as the fraction: the CSV's percent over 100), true/false as booleans, text
as the same text (the CSV's formula guard, a leading apostrophe, aside)
and never a formula; an empty CSV cell an empty one. RAG cells ('rag'
columns) must be filled with their colour. With --report, the Survey
sheet's responses must be the exports' data rows, counted here. Exit 0 when
all hold, 1 with the reasons otherwise.
"""
import csv
import glob
import math
import os
import sys

import openpyxl

FILLS = {"green": "2E7D32", "amber": "F2A900", "red": "C62828", "grey": "9E9E9E"}


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def same_number(a, b):
    return a == b or math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)


def cell_problem(want, cell):
    got = cell.value
    if want == "":
        return None if got is None or got == "" else "empty in the CSV, %r here" % (got,)
    if cell.data_type == "f" or (isinstance(got, str) and got.startswith("=") and
                                 not want.lstrip("'").startswith("=")):
        return "a formula: %r" % (got,)
    if isinstance(got, bool):
        return None if want == ("true" if got else "false") else "%r, CSV %r" % (got, want)
    if isinstance(got, (int, float)):
        try:
            x = float(want)
        except ValueError:
            return "a number %r, CSV text %r" % (got, want)
        if cell.number_format.endswith("%"):
            got = got * 100
        return None if same_number(got, x) else "%r, CSV %r" % (got, want)
    text = want[1:] if want[:1] == "'" and want[1:2] in ("=", "+", "-", "@", "\t", "\r") \
        else want
    return None if got == text else "text %r, CSV %r" % (got, text)


def check_sheet(wb, sheet, path, problems):
    if sheet not in wb.sheetnames:
        problems.append("no sheet '%s' (sheets: %s)" % (sheet, ", ".join(wb.sheetnames)))
        return
    ws = wb[sheet]
    rows = read_csv(path)
    got = list(ws.iter_rows())
    if ws.freeze_panes != "A2":
        problems.append("%s: header not frozen (%s)" % (sheet, ws.freeze_panes))
    if len(got) != len(rows):
        problems.append("%s: %d rows, %s has %d" % (sheet, len(got), path, len(rows)))
    header = rows[0]
    for c, name in enumerate(header):
        cell = got[0][c] if c < len(got[0]) else None
        if cell is None or cell.value != name or not cell.font.b:
            problems.append("%s: header %d is %r, CSV %r" % (sheet, c + 1,
                                                             cell and cell.value, name))
    for r in range(1, min(len(rows), len(got))):
        for c, want in enumerate(rows[r]):
            cell = got[r][c] if c < len(got[r]) else None
            why = cell_problem(want, cell) if cell is not None else "missing"
            if why:
                problems.append("%s!%s%d (%s): %s" % (sheet, openpyxl.utils.get_column_letter(
                    c + 1), r + 1, header[c], why))
            elif header[c] in ("rag", "hand_rag") and want in FILLS:
                fill = (cell.fill.fgColor.rgb or "")[-6:]
                if fill != FILLS[want]:
                    problems.append("%s!%s%d: %s not filled %s (%s)" % (
                        sheet, openpyxl.utils.get_column_letter(c + 1), r + 1, want,
                        FILLS[want], fill))


def data_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def check_report(folder, problems):
    wb = openpyxl.load_workbook(os.path.join(folder, "tables.xlsx"))
    for path in sorted(glob.glob(os.path.join(folder, "summary-*.csv"))):
        wave = os.path.basename(path)[len("summary-"):-len(".csv")]
        check_sheet(wb, "Summary " + wave, path, problems)
    pairs = [("Comparison", "comparison.csv"), ("RAG", "targets.csv")]
    for sheet, name in pairs:
        if os.path.exists(os.path.join(folder, name)):
            check_sheet(wb, sheet, os.path.join(folder, name), problems)
    return wb


def main(argv):
    problems = []
    if argv[1] == "--report":
        wb = check_report(argv[2], problems)
        # the exports' responses, counted from the files named in the Survey sheet
        exports = argv[3:]
        ws = wb["Survey"]
        head = [c.value for c in ws[1]]
        for i, row in enumerate(ws.iter_rows(min_row=2, values_only=True)):
            if i < len(exports) and row[head.index("responses")] != data_rows(exports[i]):
                problems.append("Survey: %s has %d responses, the sheet %s" % (
                    exports[i], data_rows(exports[i]), row[head.index("responses")]))
    else:
        wb = openpyxl.load_workbook(argv[1])
        for spec in argv[2:]:
            sheet, path = spec.split("=", 1)
            check_sheet(wb, sheet, path, problems)
    for p in problems[:40]:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
