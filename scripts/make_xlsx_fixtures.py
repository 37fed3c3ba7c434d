#!/usr/bin/python3
"""Write the small .xlsx fixtures used by tests/unit/test_read_xlsx.c.

Run with Debian's python3 (needs python3-openpyxl):

    /usr/bin/python3 scripts/make_xlsx_fixtures.py [outdir]

Output goes to tests/fixtures/xlsx/ by default. Output is deterministic (fixed
zip timestamps and document dates) so re-running does not churn git.

Realistic layouts (Forms download, Excel Online, dates, many rows) come from
openpyxl and are then rewritten to use shared strings the way Excel does
(openpyxl 3.0 writes inline strings). Odd or hostile files (x: prefixes,
rich text, DTDs, deep nesting, fake .xls/.xlsb/.ods) are assembled by hand.
Zip bombs and archives with many entries are NOT written here: the C test
makes them in a temporary directory at run time.
"""
import datetime
import io
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "tests", "fixtures", "xlsx")

SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SML_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_NS_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL = R_NS + "/"
REL_STRICT = R_NS_STRICT + "/"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_DT = datetime.datetime(2021, 4, 28, 12, 0, 0)


# ---------------------------------------------------------------- zip helpers

def write_zip(path, entries, stored=()):
    """entries: list of (name, bytes|str); deterministic timestamps."""
    with zipfile.ZipFile(path, "w") as z:
        for name, data in entries:
            if isinstance(data, str):
                data = data.encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


def read_zip(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def normalise(entries):
    """Fixed document dates so output is reproducible."""
    out = []
    for name, data in entries:
        if name == "docProps/core.xml":
            data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2021-04-28T12:00:00Z", data)
        out.append((name, data))
    return out


def save_openpyxl(wb, path, shared=True):
    wb.properties.created = FIXED_DT
    wb.properties.modified = FIXED_DT
    bio = io.BytesIO()
    wb.save(bio)
    entries = read_zip(bio)
    entries = normalise(entries)
    if shared:
        entries = to_shared_strings(entries)
    write_zip(path, entries)


INLINE_RE = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: xml:space="preserve")?>(.*?)</t></is></c>', re.S)
INLINE_EMPTY_RE = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: xml:space="preserve")?\s*/></is></c>')


def to_shared_strings(entries):
    """Rewrite openpyxl's inline strings as a shared-string table, as Excel does."""
    strings, index = [], {}

    def sub(m):
        text = m.group(3)
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return b'<c ' + m.group(1) + b't="s"' + m.group(2) + b'><v>%d</v></c>' % index[text]

    out = []
    for name, data in entries:
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            data = INLINE_EMPTY_RE.sub(lambda m: b'<c ' + m.group(1) + b't="str"' + m.group(2) + b'/>', data)
            data = INLINE_RE.sub(sub, data)
        out.append((name, data))
    if not strings:
        return out
    sst = b'<sst xmlns="%s" count="%d" uniqueCount="%d">' % (SML.encode(), len(strings), len(strings))
    for s in strings:
        sp = b' xml:space="preserve"' if s[:1].isspace() or s[-1:].isspace() else b""
        sst += b"<si><t%s>%s</t></si>" % (sp, s)
    sst += b"</sst>"
    final = []
    for name, data in out:
        if name == "xl/_rels/workbook.xml.rels":
            data = data.replace(
                b"</Relationships>",
                b'<Relationship Type="%ssharedStrings" Target="sharedStrings.xml" Id="rIdSST"/></Relationships>'
                % REL.encode())
        elif name == "[Content_Types].xml":
            data = data.replace(
                b"</Types>",
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        final.append((name, data))
    final.append(("xl/sharedStrings.xml", sst))
    return final


# ------------------------------------------------------- hand-built workbooks

def content_types(parts):
    ct = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="%s">' % CT_NS
    ct += '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    ct += '<Default Extension="xml" ContentType="application/xml"/>'
    for name, ctype in parts:
        ct += '<Override PartName="/%s" ContentType="%s"/>' % (name, ctype)
    return ct + "</Types>"


def rels(items):
    x = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="%s">' % PKG_RELS
    for rid, rtype, target in items:
        x += '<Relationship Id="%s" Type="%s" Target="%s"/>' % (rid, rtype, escape(target, {'"': "&quot;"}))
    return x + "</Relationships>"


def raw_xlsx(path, sheets, sst=None, styles=None, prefix="", wbpr="", strict=False,
             wb_part="xl/workbook.xml", sst_target="sharedStrings.xml", extra=(), encode=None):
    """sheets: list of dicts with name, data (sheetData inner XML), optional
    state, target (relative to the workbook folder or absolute), kind, head
    (XML before <sheetData>), tail (XML after it), raw (whole part text)."""
    sml = SML_STRICT if strict else SML
    rns = R_NS_STRICT if strict else R_NS
    rel = REL_STRICT if strict else REL
    p = prefix + ":" if prefix else ""
    xmlns = ('xmlns:%s="%s"' % (prefix, sml)) if prefix else ('xmlns="%s"' % sml)
    wb_dir = wb_part.rsplit("/", 1)[0] + "/" if "/" in wb_part else ""
    wb_base = wb_part.rsplit("/", 1)[-1]
    entries, wb_rels, ct_parts = [], [], []
    ct_parts.append((wb_part, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"))

    sheet_tags = ""
    for i, sh in enumerate(sheets, 1):
        kind = sh.get("kind", "worksheet")
        target = sh.get("target", "worksheets/sheet%d.xml" % i)
        rid = "rId%d" % (100 + i)
        wb_rels.append((rid, rel + kind, target))
        state = ' state="%s"' % sh["state"] if sh.get("state") else ""
        sheet_tags += '<%ssheet name="%s" sheetId="%d"%s r:id="%s"/>' % (
            p, escape(sh["name"], {'"': "&quot;"}), i, state, rid)
        part = target[1:] if target.startswith("/") else os.path.normpath(wb_dir + target).replace("\\", "/")
        if "raw" in sh:
            body = sh["raw"]
        elif kind == "chartsheet":
            body = '<?xml version="1.0" encoding="UTF-8"?>\n<%schartsheet %s><%ssheetPr/></%schartsheet>' % (
                p, xmlns, p, p)
        else:
            body = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<%sworksheet %s xmlns:r="%s">'
                    '%s<%ssheetData>%s</%ssheetData>%s</%sworksheet>') % (
                p, xmlns, rns, sh.get("head", ""), p, sh["data"], p, sh.get("tail", ""), p)
        if encode and sh.get("encode"):
            body = body.replace('encoding="UTF-8"', 'encoding="%s"' % encode)
            body = body.encode(encode)
        entries.append((part, body))
        ct_parts.append((part, "application/vnd.openxmlformats-officedocument.spreadsheetml.%s+xml" % kind))

    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<%sworkbook %s xmlns:r="%s">'
                '%s<%ssheets>%s</%ssheets></%sworkbook>') % (p, xmlns, rns, wbpr, p, sheet_tags, p, p)
    if styles is not None:
        wb_rels.append(("rIdStyles", rel + "styles", "styles.xml"))
        entries.append((wb_dir + "styles.xml",
                        '<?xml version="1.0" encoding="UTF-8"?>\n<%sstyleSheet %s>%s</%sstyleSheet>' % (
                            p, xmlns, styles.replace("<", "<" + p).replace("<" + p + "/", "</" + p), p)))
    if sst is not None:
        wb_rels.append(("rIdSST", rel + "sharedStrings", sst_target))
        si = ""
        for s in sst:
            if s.startswith("<"):  # already XML (rich text)
                si += "<si>%s</si>" % s.replace("<", "<" + p).replace("<" + p + "/", "</" + p)
            else:
                si += '<%ssi><%st xml:space="preserve">%s</%st></%ssi>' % (p, p, escape(s), p, p)
        sst_part = sst_target[1:] if sst_target.startswith("/") else wb_dir + sst_target.replace("%20", " ")
        entries.append((sst_part, '<?xml version="1.0" encoding="UTF-8"?>\n<%ssst %s count="%d" uniqueCount="%d">%s</%ssst>' % (
            p, xmlns, len(sst), len(sst), si, p)))
    entries.insert(0, (wb_part, workbook))
    entries.insert(0, (wb_dir + "_rels/" + wb_base + ".rels", rels(wb_rels)))
    entries.insert(0, ("_rels/.rels", rels([("rId1", rel + "officeDocument", wb_part)])))
    entries.insert(0, ("[Content_Types].xml", content_types(ct_parts)))
    entries.extend(extra)
    write_zip(path, entries)


def c(ref, value=None, t=None, s=None, inner=None):
    """One <c> element; value goes in <v>, inner replaces the content."""
    attrs = ""
    if ref:
        attrs += ' r="%s"' % ref
    if s is not None:
        attrs += ' s="%d"' % s
    if t:
        attrs += ' t="%s"' % t
    if inner is not None:
        return "<c%s>%s</c>" % (attrs, inner)
    if value is None:
        return "<c%s/>" % attrs
    return "<c%s><v>%s</v></c>" % (attrs, escape(str(value)))


def row(r, *cells, attrs=""):
    ra = ' r="%d"' % r if r else ""
    return "<row%s%s>%s</row>" % (ra, attrs, "".join(cells))


def isstr(text):
    return "<is><t xml:space=\"preserve\">%s</t></is>" % escape(text)


# --------------------------------------------------------------- the fixtures

BASIC_ROWS = [
    ["Name", "Score", "Comment", "Flag"],
    ["Ana", 3, "café ☕", True],
    ["Bo", 2.5, "中文 text", False],
    ["Ana", -7, " padded ", None],
    ["Cy", 0.1 + 0.2, "", None],
    ["Di", 1e-7, None, None],
    ["Ed", 123456789012, None, None],
    ["Fa", -0.0, None, None],
    ["Gu", 1 / 3, None, None],
    ["Ho", 1e20, None, None],
]


def basic(path, shared):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for r in BASIC_ROWS:
        ws.append(r)
    save_openpyxl(wb, path, shared=shared)


def dates(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Dates"
    ws.append(["what", "value"])
    cases = [
        ("iso datetime", 44314.4734606481, "yyyy-mm-dd h:mm:ss"),
        ("builtin 14", 44314, "mm-dd-yy"),
        ("custom d/m/y", 44314, "dd/mm/yyyy"),
        ("forms style", 44314.4742824074, "m/d/yy\\ h:mm:ss"),
        ("time only", 0.5, "h:mm"),
        ("serial 1", 1, "yyyy-mm-dd"),
        ("serial 59", 59, "yyyy-mm-dd"),
        ("serial 60", 60, "yyyy-mm-dd"),
        ("serial 61", 61, "yyyy-mm-dd"),
        ("max", 2958465, "yyyy-mm-dd"),
        ("beyond max", 2958466, "yyyy-mm-dd"),
        ("negative", -1, "yyyy-mm-dd"),
        ("carry", 44314.999999999, "yyyy-mm-dd h:mm:ss"),
        ("fixed 0.00", 44314.5, "0.00"),
        ("red", 44314.5, "[Red]0.00"),
        ("quoted", 44314, '"Day "0'),
        ("escaped", 44314, "0\\d"),
        ("elapsed", 1.5, "[h]:mm:ss"),
        ("locale", 44314, "[$-409]mmmm d, yyyy"),
        ("thousands", 44314, "#,##0"),
        ("general", 44314.25, "General"),
        ("text fmt", 44314, "@"),
    ]
    for what, v, fmt in cases:
        ws.append([what, v])
        ws.cell(row=ws.max_row, column=2).number_format = fmt
    save_openpyxl(wb, path)


def dates1904(path):
    wb = openpyxl.Workbook()
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Mac"
    ws.append(["when"])
    ws.append([42852])  # 2021-04-28 in the 1904 system
    ws.cell(row=2, column=1).number_format = "yyyy-mm-dd"
    ws.append([42852.5])
    ws.cell(row=3, column=1).number_format = "yyyy-mm-dd hh:mm:ss"
    ws.append([1])
    ws.cell(row=4, column=1).number_format = "yyyy-mm-dd"
    save_openpyxl(wb, path)


def many_rows(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Responses"
    ws.append(["ID", "Group", "Rating", "Half", "Comment"])
    groups = ["Technician", "Manager", "Researcher", "Other"]
    for i in range(1, 3001):
        ws.append([i, groups[i % 4], i % 10 + 1, i * 0.5, "response %d" % i if i % 7 == 0 else None])
    save_openpyxl(wb, path)


FORMS_HEADER = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
                "1.1. I feel valued", "1.2. I have the tools I need", "2. Any other comments?"]
FORMS_ROWS = [
    [1, 44314.4734606481, 44314.4742824074, "anonymous", None, None, 8, 7, "Great team"],
    [2, 44314.5000000000, 44314.5104166667, "anonymous", None, None, 10, 9, None],
    [3, 44315.3750000000, 44315.3784722222, "anonymous", None, 44315.4, 3, 4, "Need more\nkit"],
    [4, 44316.6250000000, 44316.6319444444, "anonymous", None, None, 6, None, None],
]


def forms(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(FORMS_HEADER)
    for r in FORMS_ROWS:
        ws.append(r)
        for col in (2, 3, 6):
            ws.cell(row=ws.max_row, column=col).number_format = "m/d/yy\\ h:mm:ss"
    save_openpyxl(wb, path)


def surveymonkey_grid(path):
    """A SurveyMonkey download whose last question is a grid: the first
    header row ends at the question's text (Excel writes no empty cells), the
    second names each column of the grid."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet"
    ws.append(["Respondent ID", "Collector ID", "How do you rate:"])
    ws.append([None, None, "Pay", "Hours", "Training"])
    answers = ["Poor", "Fair", "Good", "Very good", "Excellent"]
    for i in range(12):
        ws.append([1000 + i, 42, answers[i % 5], answers[(i * 2 + 1) % 5],
                   answers[(i * 3 + 2) % 5]])
    save_openpyxl(wb, path)


def chester_workbook(path):
    """The bundled Chester example as Microsoft Forms would hand it over as
    .xlsx: times as date serials, IDs and odd-numbered items as numbers, the
    rest as shared strings (the real surveyEng.xlsx stores numeric answers
    as text). summary of it must equal summary of the CSV."""
    import csv
    src = os.path.join(HERE, "..", "surveys", "chester", "chester-2024.csv")
    with open(src, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(rows[0])
    for r in rows[1:]:
        out = []
        for i, v in enumerate(r):
            if v == "":
                out.append(None)
            elif i in (1, 2):
                out.append(datetime.datetime.strptime(v, "%m/%d/%y %H:%M:%S"))
            elif i == 0 or (6 <= i < 27 and i % 2 == 1):
                out.append(int(v))
            else:
                out.append(v)
        ws.append(out)
        for col in (2, 3):
            ws.cell(row=ws.max_row, column=col).number_format = "m/d/yy\\ h:mm:ss"
    save_openpyxl(wb, path)


def excel_online(path):
    wb = openpyxl.Workbook()
    meta = wb.active
    meta.title = "Meta"
    meta.append(["form id", "abc123"])
    old = wb.create_sheet("Old")
    old.append(["stale"])
    form = wb.create_sheet("Form1")
    form.append(["ID", "Start time", "Completion time", "Email", "Name", "Q1"])
    form.append([1, 44314.47, 44314.48, "anonymous", None, "Agree"])
    summ = wb.create_sheet("Summary")
    summ.append(["total", 1])
    meta.sheet_state = "veryHidden"
    old.sheet_state = "hidden"
    wb.active = 2
    save_openpyxl(wb, path)


def prefixed(path):
    """Like the Microsoft Forms download: x: prefix on every element, a wrong
    <dimension ref="A1">, absolute relationship targets, date serials."""
    styles = ('<numFmts count="1"><numFmt numFmtId="166" formatCode="m/d/yy\\ h:mm:ss"/></numFmts>'
              '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="166"/><xf numFmtId="49"/></cellXfs>'
              '<dxfs count="1"><dxf><numFmt numFmtId="0" formatCode="yyyy"/></dxf></dxfs>')
    sst = ["ID", "Start time", "Name of the\u00a0team", "anonymous", "Apple"]
    data = (
        '<x:row r="1"><x:c r="A1" s="2" t="s"><x:v>0</x:v></x:c><x:c r="B1" s="2" t="s"><x:v>1</x:v></x:c>'
        '<x:c r="C1" s="2" t="s"><x:v>2</x:v></x:c></x:row>'
        '<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c><x:c r="B2" s="1"><x:v>44314.4734606481</x:v></x:c>'
        '<x:c r="C2" s="2" t="s"><x:v>4</x:v></x:c><x:c r="D2" s="2" t="s"/></x:row>'
        '<x:row r="3"><x:c r="A3"><x:v>2</x:v></x:c><x:c r="B3" s="1"><x:v>44314.5</x:v></x:c>'
        '<x:c r="C3" s="2" t="s"><x:v>3</x:v></x:c></x:row>')
    raw_xlsx(path, [{"name": "Sheet1", "data": data, "target": "/xl/worksheets/sheet1.xml",
                     "head": '<x:dimension ref="A1"/>'}],
             sst=sst, styles=styles, prefix="x", sst_target="/xl/sharedStrings.xml")


def renamed_parts(path):
    """Parts with unusual names: only the relationships lead to them."""
    decoy = ('<?xml version="1.0"?><worksheet xmlns="%s"><sheetData><row r="1">'
             '<c r="A1" t="inlineStr"><is><t>DECOY</t></is></c></row></sheetData></worksheet>' % SML)
    data = row(1, c("A1", 0, t="s"), c("B1", inner=isstr("inline"), t="inlineStr")) + row(2, c("A2", 1, t="s"), c("B2", 42))
    raw_xlsx(path, [{"name": "Data", "data": data, "target": "../xl/ws/./data.xml"}],
             sst=["from strings file", "second"], wb_part="xl/main.xml", sst_target="strings%20file.xml",
             extra=[("xl/worksheets/sheet1.xml", decoy)])


def rich_text(path):
    sst = [
        '<r><rPr><b/></rPr><t>Hello</t></r><r><t xml:space="preserve"> world</t></r>'
        '<rPh sb="0" eb="1"><t>ハロー</t></rPh><phoneticPr fontId="1"/>',
        "plain",
        "line1_x000D__x000A_line2",
        "under_x005F_x0041_score",
        "",
        "😀 emoji",
    ]
    data = row(1, *[c("%s1" % "ABCDEF"[i], i, t="s") for i in range(6)])
    raw_xlsx(path, [{"name": "Rich", "data": data}], sst=sst)


def cell_types(path):
    data = row(1, c("A1", inner=isstr("inline"), t="inlineStr"),
               c("B1", t="str", inner="<f>CONCAT(\"a\",\"b\")</f><v>ab</v>"),
               c("C1", "#N/A", t="e"),
               c("D1", 1, t="b"), c("E1", 0, t="b"),
               c("F1", 42), c("G1", inner="<v></v>"),
               c("H1", inner="<is><r><t>run1</t></r><r><t>run2</t></r><rPh><t>ignored</t></rPh></is>", t="inlineStr"),
               c("I1", inner=isstr("a_x000D_b"), t="inlineStr"),
               c("J1", "2021-04-28T11:21:47", t="d"),
               c("K1", "2021-04-28T00:00:00Z", t="d"),
               c("L1", "not a number"),
               c("M1", t="str", inner="<f>1/0</f><v>#DIV/0!</v>"),
               c("N1", t="b", inner="<v></v>"),
               c("O1", t="str", inner="<f>A1</f>"))
    raw_xlsx(path, [{"name": "Types", "data": data}])


def numbers(path):
    """Numeric cells as written in <v>: canonical whole numbers (read as they
    are) and other spellings of numbers (read through strtod)."""
    values = ["0", "7", "42", "123456789012345", "00", "007", "1234567890123456",
              "-3", "3.0", "2.50", "1e3", "7 "]
    cols = "ABCDEFGHIJKL"
    data = row(1, *(c("%s1" % cols[i], v) for i, v in enumerate(values)))
    raw_xlsx(path, [{"name": "Numbers", "data": data}])


def sparse(path):
    data = (row(1, c("A1", 1), c("C1", 3)) +
            # row 2 missing
            row(3, c("B3", inner=isstr("b3"), t="inlineStr")) +
            row(4, c("A4", s=0), c("B4", s=0)) +
            row(5, c(None, 1), c(None, 2), c("E5", 5), c(None, 6)) +
            row(0, c("B6", inner=isstr("no r on row"), t="inlineStr")) +
            row(7, c("C7", 7), c("A7", 1)) +
            row(9, c("A9", s=0)) + "<row r=\"10\"/>")
    raw_xlsx(path, [{"name": "Sparse", "data": data, "head": '<dimension ref="A1:B2"/>'}])


def strict(path):
    data = row(1, c("A1", 0, t="s"), c("B1", 1.25))
    raw_xlsx(path, [{"name": "Strict", "data": data}], sst=["strict text"], strict=True)


def utf16(path):
    data = row(1, c("A1", inner=isstr("grüße"), t="inlineStr"))
    raw_xlsx(path, [{"name": "U16", "data": data, "encode": True}], encode="utf-16")


def chart_first(path):
    data = row(1, c("A1", inner=isstr("after chart"), t="inlineStr"))
    raw_xlsx(path, [{"name": "Chart1", "kind": "chartsheet", "target": "chartsheets/sheet1.xml"},
                    {"name": "Data", "data": data}])


def missing_part(path):
    raw_xlsx(path, [{"name": "Gone", "data": "", "target": "worksheets/gone.xml", "raw": ""}])
    # drop the sheet part from the zip
    entries = [e for e in read_zip(path) if e[0] != "xl/worksheets/gone.xml"]
    write_zip(path, entries)


def bad_sst_index(path):
    raw_xlsx(path, [{"name": "S", "data": row(1, c("A1", 0, t="s")) + row(2, c("A2", 0, t="s"), c("B2", 99, t="s"))}],
             sst=["only"])


def rows_out_of_order(path):
    raw_xlsx(path, [{"name": "S", "data": row(3, c("A3", 3)) + row(2, c("A2", 2))}])


def columns(path):
    raw_xlsx(path, [{"name": "Wide", "data": row(1, c("XFD1", 1)) + row(2, c("XFE2", 2))}])


def dtd(path):
    lol = ("<!DOCTYPE worksheet [<!ENTITY lol \"lol\">"
           "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
           "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>")
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n%s<worksheet xmlns="%s"><sheetData><row r="1">'
            '<c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>') % (lol, SML)
    raw_xlsx(path, [{"name": "Lol", "data": "", "raw": body}])


def dtd_sst(path):
    sst_body = ('<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                '<sst xmlns="%s"><si><t>&xxe;</t></si></sst>') % SML
    raw_xlsx(path, [{"name": "X", "data": row(1, c("A1", 0, t="s"))}], sst=[],
             extra=[])
    entries = [(n, sst_body if n == "xl/sharedStrings.xml" else d) for n, d in read_zip(path)]
    write_zip(path, entries)


def deep(path):
    nest = "<extLst>" * 100 + "</extLst>" * 100
    raw_xlsx(path, [{"name": "Deep", "data": row(1, c("A1", 1)), "tail": nest}])


def xlsb_like(path):
    write_zip(path, [
        ("[Content_Types].xml", content_types([("xl/workbook.bin", "application/vnd.ms-excel.sheet.binary.macroEnabled.main")])),
        ("_rels/.rels", rels([("rId1", REL + "officeDocument", "xl/workbook.bin")])),
        ("xl/workbook.bin", b"\x83\x01\x00\x80\x01\x00"),
        ("xl/worksheets/sheet1.bin", b"\x81\x01\x00"),
    ])


def ods_like(path):
    write_zip(path, [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'),
        ("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'),
    ], stored=("mimetype",))


def not_workbook(path):
    write_zip(path, [("readme.txt", "just some files\n"), ("data.csv", "a,b\n1,2\n")])


def word_document(path):
    write_zip(path, [
        ("[Content_Types].xml", content_types([("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")])),
        ("_rels/.rels", rels([("rId1", REL + "officeDocument", "word/document.xml")])),
        ("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'),
    ])


OLE = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])


def ole_file(path, names):
    """A stand-in compound file: the magic, a header, and directory names."""
    body = bytearray(OLE + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + b"\x00" * (512 - 32))
    for n in names:
        entry = n.encode("utf-16-le")
        body += entry + b"\x00" * (128 - len(entry))
    body += b"\x00" * 256
    with open(path, "wb") as f:
        f.write(bytes(body))


def main():
    os.makedirs(OUT, exist_ok=True)
    j = lambda n: os.path.join(OUT, n)  # noqa: E731
    basic(j("shared_strings.xlsx"), shared=True)
    basic(j("inline_strings.xlsx"), shared=False)
    rich_text(j("rich_text.xlsx"))
    cell_types(j("cell_types.xlsx"))
    numbers(j("numbers.xlsx"))
    sparse(j("sparse.xlsx"))
    dates(j("dates.xlsx"))
    dates1904(j("dates1904.xlsx"))
    many_rows(j("many_rows.xlsx"))
    forms(j("msforms_download.xlsx"))
    chester_workbook(j("chester-2024.xlsx"))
    surveymonkey_grid(j("surveymonkey_grid.xlsx"))
    excel_online(j("excel_online.xlsx"))
    prefixed(j("prefixed.xlsx"))
    renamed_parts(j("renamed_parts.xlsx"))
    strict(j("strict.xlsx"))
    utf16(j("utf16.xlsx"))
    chart_first(j("chart_first.xlsx"))
    missing_part(j("missing_part.xlsx"))
    bad_sst_index(j("bad_sst_index.xlsx"))
    rows_out_of_order(j("rows_out_of_order.xlsx"))
    columns(j("columns.xlsx"))
    dtd(j("dtd.xlsx"))
    dtd_sst(j("dtd_sst.xlsx"))
    deep(j("deep.xlsx"))
    xlsb_like(j("xlsb_like.xlsb"))
    ods_like(j("ods_like.ods"))
    not_workbook(j("not_workbook.zip"))
    word_document(j("word_document.docx"))
    ole_file(j("legacy.xls"), ["Root Entry", "Workbook", "\x05SummaryInformation"])
    ole_file(j("encrypted.xlsx"), ["Root Entry", "EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"])
    with open(j("not_zip.xlsx"), "w", encoding="utf-8") as f:
        f.write("Name,Score\nAna,3\n")
    open(j("empty.xlsx"), "wb").close()
    for name in sorted(os.listdir(OUT)):
        print("%8d  %s" % (os.path.getsize(j(name)), name))


if __name__ == "__main__":
    main()
