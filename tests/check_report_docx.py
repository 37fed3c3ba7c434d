#!/usr/bin/env python3
"""Check report.docx against report.html of the same report:

  check_report_docx.py REPORT_DIR

report.docx is read back by pandoc (docx to HTML, an independent reader of
Word's format) and must hold every table of report.html with every row and
every cell's text, every heading, and as many pictures as the page has
charts; the RAG status cells must be shaded in their colour
(word/document.xml). Exit 0 when all hold, 1 with the reasons otherwise.
"""
import html.parser
import re
import subprocess
import sys
import zipfile

FILLS = {"green": "2E7D32", "amber": "F2A900", "red": "C62828", "grey": "9E9E9E"}


class Tables(html.parser.HTMLParser):
    """The tables (rows of cell texts), headings and images of a page."""

    def __init__(self):
        super().__init__()
        self.tables, self.headings, self.images = [], [], 0
        self.cell = self.heading = None
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("svg", "style", "script"):
            self.skip += 1
            self.images += tag == "svg"
        elif tag == "img":
            self.images += 1
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag in ("h1", "h2", "h3"):
            self.heading = []

    def handle_endtag(self, tag):
        if tag in ("svg", "style", "script"):
            self.skip -= 1
        elif tag in ("td", "th") and self.cell is not None and self.tables:
            self.tables[-1][-1].append(norm("".join(self.cell)))
            self.cell = None
        elif tag in ("h1", "h2", "h3") and self.heading is not None:
            self.headings.append(norm("".join(self.heading)))
            self.heading = None

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        if self.heading is not None:
            self.heading.append(data)


def norm(s):
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


def parse(page):
    p = Tables()
    p.feed(page)
    return p


def main(argv):
    report = argv[1]
    problems = []
    with open(report + "/report.html", encoding="utf-8") as f:
        want = parse(f.read())
    got = parse(subprocess.run(["pandoc", "-f", "docx", "-t", "html", report + "/report.docx"],
                               check=True, capture_output=True, text=True).stdout)
    if len(got.tables) != len(want.tables):
        problems.append("%d tables in report.html, %d in report.docx" %
                        (len(want.tables), len(got.tables)))
    for t, (a, b) in enumerate(zip(want.tables, got.tables)):
        if len(a) != len(b):
            problems.append("table %d: %d rows in report.html, %d in report.docx" %
                            (t + 1, len(a), len(b)))
        for r, (ra, rb) in enumerate(zip(a, b)):
            if ra != rb:
                problems.append("table %d row %d: %s in report.html, %s in report.docx" %
                                (t + 1, r + 1, ra, rb))
    for h in want.headings:
        if h not in got.headings:
            problems.append("heading '%s' is not in report.docx" % h)
    if got.images != want.images:
        problems.append("%d charts in report.html, %d pictures in report.docx" %
                        (want.images, got.images))
    with zipfile.ZipFile(report + "/report.docx") as z:
        doc = z.read("word/document.xml").decode("utf-8")
    for colour, fill in FILLS.items():
        cells = len(re.findall(r'<w:rStyle w:val="rag%s" />' % colour, doc))
        shaded = len(re.findall(r'<w:shd [^>]*w:fill="%s"' % fill, doc))
        if cells != shaded:
            problems.append("%d %s status cells, %d shaded %s" % (cells, colour, shaded, fill))
    if "<w:pgSz w:w=\"11906\" w:h=\"16838\"" not in doc:
        problems.append("the page is not A4 portrait")
    for p in problems[:40]:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
