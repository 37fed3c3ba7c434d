#!/usr/bin/python3
"""Write the Chester 2024 example as .xlsx through other spreadsheet writers.

    /usr/bin/python3 scripts/make_writer_fixtures.py [outdir]

tests/cli/xlsx-other-writers.test checks that tcsurvey reads each of them to
the same summary as the CSV. Hand-built fixtures (make_xlsx_fixtures.py) say
what Excel writes; these say what the tools people also save exports with
write, quirks included:

- chester-2024-libreoffice.xlsx: LibreOffice Calc's CSV import and xlsx
  export (soffice, Debian libreoffice-calc-nogui): shared strings, numbers
  and dates as typed cells, sheetPr/mc namespaces;
- chester-2024-xlsxwriter.xlsx: XlsxWriter in constant-memory mode (Debian
  python3-xlsxwriter): inline strings, numeric cells, no sharedStrings part.

A writer that is not installed is skipped with a message. LibreOffice stamps
the document's creation time, so re-running it changes the file.
"""
import csv
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "tests", "fixtures", "xlsx")
SRC = os.path.join(HERE, "..", "surveys", "chester", "chester-2024.csv")


def libreoffice(dest):
    soffice = shutil.which("soffice")
    if not soffice:
        print("skipped (no soffice):", dest)
        return
    with tempfile.TemporaryDirectory() as tmp:
        # A private profile so a desktop session's LibreOffice does not interfere.
        profile = "-env:UserInstallation=file://" + os.path.join(tmp, "profile")
        # Filter options: comma, double quote, UTF-8 (76), from line 1.
        subprocess.run([soffice, profile, "--headless", "--infilter=CSV:44,34,76,1",
                        "--convert-to", "xlsx", "--outdir", tmp, SRC],
                       check=True, stdout=subprocess.DEVNULL)
        shutil.move(os.path.join(tmp, "chester-2024.xlsx"), dest)
    print("wrote", dest)


def xlsxwriter_constant_memory(dest):
    try:
        import xlsxwriter
    except ImportError:
        print("skipped (no python3-xlsxwriter):", dest)
        return
    with open(SRC, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    wb = xlsxwriter.Workbook(dest, {"constant_memory": True})
    wb.set_properties({"created": None})
    ws = wb.add_worksheet("Sheet1")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value == "":
                continue  # blank answers are absent cells, as a writer leaves them
            if r > 0 and value.isdigit():
                ws.write_number(r, c, int(value))
            else:
                ws.write_string(r, c, value)
    wb.close()
    print("wrote", dest)


def main():
    os.makedirs(OUT, exist_ok=True)
    libreoffice(os.path.join(OUT, "chester-2024-libreoffice.xlsx"))
    xlsxwriter_constant_memory(os.path.join(OUT, "chester-2024-xlsxwriter.xlsx"))


if __name__ == "__main__":
    main()
