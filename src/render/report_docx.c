/* report_docx.c - report.docx: pandoc (an optional external program, as
 * gnuplot is) turns the report's pandoc Markdown (doc_md.c's pandoc
 * style: every text escaped, column widths, coloured cells as
 * custom-style spans, charts as PNG) into a Word document, run without a
 * shell, its raw-HTML, TeX and other extensions off. Word has no way to
 * say a span colours its cell, so the cells whose text carries a RAG or
 * heat-map style are then shaded in word/document.xml (libzip), white
 * text on the dark colours. When pandoc is missing or fails, the report is
 * written without report.docx and says why. */
#define _POSIX_C_SOURCE 200809L
#include "render/report_internal.h"
#include "common/run.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

static const char md_name[] = ".report-docx.md", log_name[] = ".report-docx.log";

const char *tcs_pandoc_program(const char *program)
{
    if (program && *program)
        return program;
    const char *env = getenv("TCSURVEY_PANDOC");
    return env && *env ? env : "pandoc";
}

/* ---- shading the coloured cells ---- */

static const struct {
    const char *style; /* the Word style pandoc made of the class */
    const char *fill;
    bool white;
} shades[] = {
    {"raggreen", "2E7D32", true}, {"ragamber", "F2A900", false}, {"ragred", "C62828", true},
    {"raggrey", "9E9E9E", false}, {"heatup2", "2166AC", true},   {"heatup1", "92C5DE", false},
    {"heatdown1", "F4A582", false}, {"heatdown2", "B2182B", true},
};

/* The shade of a cell's text from its run style, or -1. */
static int cell_shade(const char *cell, size_t len, const char **style_at, size_t *style_len)
{
    static const char key[] = "<w:rStyle w:val=\"";
    const char *end = cell + len;
    for (const char *p = cell; (p = strstr(p, key)) && p < end; p++) {
        const char *v = p + sizeof key - 1, *q = strchr(v, '"');
        if (!q || q > end)
            return -1;
        for (size_t i = 0; i < sizeof shades / sizeof shades[0]; i++)
            if ((size_t)(q - v) == strlen(shades[i].style) &&
                strncmp(v, shades[i].style, (size_t)(q - v)) == 0) {
                *style_at = p;
                *style_len = (size_t)(strchr(q, '>') ? strchr(q, '>') + 1 - p : 0);
                return (int)i;
            }
    }
    return -1;
}

/* One cell, shaded when its text has a shade's style. */
static void put_cell(FILE *out, const char *cell, size_t len)
{
    const char *style;
    size_t style_len;
    int k = cell_shade(cell, len, &style, &style_len);
    static const char empty_pr[] = "<w:tcPr />";
    const char *pr = k >= 0 ? strstr(cell, empty_pr) : NULL;
    if (k < 0 || !pr || pr > cell + len || style_len == 0 || style < pr) {
        fwrite(cell, 1, len, out);
        return;
    }
    fwrite(cell, 1, (size_t)(pr - cell), out);
    fprintf(out, "<w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"%s\" /></w:tcPr>",
            shades[k].fill);
    const char *after = pr + sizeof empty_pr - 1;
    fwrite(after, 1, (size_t)(style + style_len - after), out);
    fputs(shades[k].white ? "<w:b /><w:color w:val=\"FFFFFF\" />" : "<w:b />", out);
    const char *rest = style + style_len;
    fwrite(rest, 1, (size_t)(cell + len - rest), out);
}

#define TEXT_WIDTH 10206 /* twips: A4's 21 cm less margins of 1.5 cm */

/* A table's grid scaled to the text's width (pandoc sizes it for 5.5
 * inches; Word scales it to the table's 100%, LibreOffice does not). */
static void put_grid(FILE *out, const char *grid, size_t len)
{
    static const char col[] = "<w:gridCol w:w=\"";
    double total = 0;
    const char *end = grid + len;
    for (const char *p = grid; (p = strstr(p, col)) && p < end; p++)
        total += strtod(p + sizeof col - 1, NULL);
    if (total <= 0) {
        fwrite(grid, 1, len, out);
        return;
    }
    fputs("<w:tblGrid>", out);
    for (const char *p = grid; (p = strstr(p, col)) && p < end; p++)
        fprintf(out, "<w:gridCol w:w=\"%.0f\" />",
                strtod(p + sizeof col - 1, NULL) * TEXT_WIDTH / total);
    fputs("</w:tblGrid>", out);
}

/* The pieces of document.xml that are rewritten: a cell, a table's
 * grid, the section's (empty) properties. */
typedef struct {
    const char *open, *close;
    void (*put)(FILE *out, const char *piece, size_t len);
} piece_kind;

static void put_section(FILE *out, const char *piece, size_t len)
{
    (void)piece, (void)len;
    /* A4 portrait, 1.5 cm margins */
    fputs("<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\" /><w:pgMar w:top=\"851\" "
          "w:right=\"851\" w:bottom=\"851\" w:left=\"851\" w:header=\"567\" "
          "w:footer=\"567\" w:gutter=\"0\" /></w:sectPr>",
          out);
}

static const piece_kind pieces[] = {
    {"<w:tc>", "</w:tc>", put_cell},
    {"<w:tblGrid>", "</w:tblGrid>", put_grid},
    {"<w:sectPr />", "<w:sectPr />", put_section},
};

/* document.xml rewritten; NULL when out of memory. */
static char *rewrite_document(const char *xml, size_t len, size_t *outlen)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&buf, &n);
    if (!out)
        return NULL;
    const char *p = xml, *end = xml + len;
    while (p < end) {
        const piece_kind *k = NULL;
        const char *at = NULL;
        for (size_t i = 0; i < sizeof pieces / sizeof pieces[0]; i++) {
            const char *f = strstr(p, pieces[i].open);
            if (f && (!at || f < at))
                at = f, k = &pieces[i];
        }
        const char *close = at ? strstr(at + (k->open == k->close ? 0 : strlen(k->open)),
                                        k->close)
                               : NULL;
        if (!at || !close) {
            fwrite(p, 1, (size_t)(end - p), out);
            break;
        }
        fwrite(p, 1, (size_t)(at - p), out);
        close += strlen(k->close);
        k->put(out, at, (size_t)(close - at));
        p = close;
    }
    if (fclose(out) != 0) {
        free(buf);
        return NULL;
    }
    *outlen = n;
    return buf;
}

/* styles.xml rewritten: 10 pt text, 8 pt in tables (pandoc's Compact
 * style), tables with light borders; NULL when out of memory. */
static char *rewrite_styles(const char *xml, size_t len, size_t *outlen)
{
    static const struct {
        const char *from, *to;
    } edits[] = {
        {"<w:sz w:val=\"24\" />\n        <w:szCs w:val=\"24\" />",
         "<w:sz w:val=\"20\" />\n        <w:szCs w:val=\"20\" />"},
        {"<w:name w:val=\"Compact\" />\n    <w:basedOn w:val=\"BodyText\" />\n    <w:qFormat />\n"
         "    <w:pPr>\n      <w:spacing w:after=\"36\" w:before=\"36\" />\n    </w:pPr>",
         "<w:name w:val=\"Compact\" />\n    <w:basedOn w:val=\"BodyText\" />\n    <w:qFormat />\n"
         "    <w:pPr>\n      <w:spacing w:after=\"20\" w:before=\"20\" />\n    </w:pPr>"
         "<w:rPr><w:sz w:val=\"16\" /><w:szCs w:val=\"16\" /></w:rPr>"},
        {"<w:tblInd w:type=\"dxa\" w:w=\"0\" />\n      <w:tblCellMar>",
         "<w:tblInd w:type=\"dxa\" w:w=\"0\" />\n      <w:tblBorders>"
         "<w:top w:val=\"single\" w:sz=\"4\" w:color=\"BBBBBB\" />"
         "<w:left w:val=\"single\" w:sz=\"4\" w:color=\"BBBBBB\" />"
         "<w:bottom w:val=\"single\" w:sz=\"4\" w:color=\"BBBBBB\" />"
         "<w:right w:val=\"single\" w:sz=\"4\" w:color=\"BBBBBB\" />"
         "<w:insideH w:val=\"single\" w:sz=\"4\" w:color=\"BBBBBB\" />"
         "<w:insideV w:val=\"single\" w:sz=\"4\" w:color=\"BBBBBB\" /></w:tblBorders>"
         "\n      <w:tblCellMar>"},
    };
    char *buf = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&buf, &n);
    if (!out)
        return NULL;
    const char *p = xml, *end = xml + len;
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        const char *at = strstr(p, edits[i].from);
        if (!at)
            continue; /* another pandoc's styles: left as they are */
        fwrite(p, 1, (size_t)(at - p), out);
        fputs(edits[i].to, out);
        p = at + strlen(edits[i].from);
    }
    fwrite(p, 1, (size_t)(end - p), out);
    if (fclose(out) != 0) {
        free(buf);
        return NULL;
    }
    *outlen = n;
    return buf;
}

/* Entry name of z rewritten by fn; false when it cannot be. */
static bool rewrite_entry(zip_t *z, const char *name,
                          char *(*fn)(const char *xml, size_t len, size_t *outlen))
{
    zip_int64_t idx = zip_name_locate(z, name, 0);
    zip_stat_t st;
    char *xml = NULL, *done = NULL;
    bool ok = idx >= 0 && zip_stat_index(z, (zip_uint64_t)idx, 0, &st) == 0 &&
              (st.valid & ZIP_STAT_SIZE) && st.size < (1u << 30);
    zip_file_t *f = ok ? zip_fopen_index(z, (zip_uint64_t)idx, 0) : NULL;
    ok = f && (xml = malloc(st.size + 1)) && zip_fread(f, xml, st.size) == (zip_int64_t)st.size;
    if (f)
        zip_fclose(f);
    size_t len = 0;
    if (ok) {
        xml[st.size] = '\0';
        ok = (done = fn(xml, st.size, &len)) != NULL;
    }
    free(xml);
    zip_source_t *src = ok ? zip_source_buffer(z, done, len, 1) : NULL;
    if (!src) {
        free(done);
        return false;
    }
    if (zip_file_replace(z, (zip_uint64_t)idx, src, 0) != 0) {
        zip_source_free(src);
        return false;
    }
    return true;
}

/* The document's cells coloured, tables across the page, A4 with 1.5 cm
 * margins, 10 pt text; false when it cannot (it is then left as pandoc
 * wrote it). */
static bool finish_docx(const char *path)
{
    int e = 0;
    zip_t *z = zip_open(path, 0, &e);
    if (!z)
        return false;
    if (!rewrite_entry(z, "word/document.xml", rewrite_document) ||
        !rewrite_entry(z, "word/styles.xml", rewrite_styles)) {
        zip_discard(z);
        return false;
    }
    return zip_close(z) == 0;
}

/* ---- pandoc ---- */

static tcs_status write_source(const tcs_report *r, const char *path, tcs_error *err)
{
    FILE *fp = fopen(path, "w");
    if (!fp)
        return tcs_error_set(err, TCS_EOUTPUT, path, 0, 0, "cannot write: %s", strerror(errno));
    tcs_status st = tcs_report_write(fp, r, TCS_REPORT_PANDOC, err);
    if (fclose(fp) != 0 && st == TCS_OK)
        st = tcs_error_set(err, TCS_EOUTPUT, path, 0, 0, "cannot write: %s", strerror(errno));
    return st;
}

/* Why report.docx was not written, from pandoc's outcome. */
static void why_not(const tcs_run_result *res, const char *program, const char *log, char *note,
                    size_t n)
{
    char tail[512];
    switch (res->outcome) {
    case TCS_RUN_NOT_FOUND:
        snprintf(note, n, "report.docx not written: %s is not installed (Debian: apt-get "
                          "install pandoc; or name it with TCSURVEY_PANDOC)",
                 program);
        break;
    case TCS_RUN_CANNOT:
        snprintf(note, n, "report.docx not written: cannot run %s: %s", program,
                 strerror(res->errno_value));
        break;
    default:
        tcs_run_log_tail(log, tail, sizeof tail);
        snprintf(note, n, "report.docx not written: %s failed (%s %d)%s%s", program,
                 res->outcome == TCS_RUN_SIGNALED ? "signal" : "exit", res->code,
                 tail[0] ? ": " : "", tail);
    }
}

tcs_status tcs_report_write_docx(const tcs_report *r, const char *dir, const char *program,
                                 const volatile sig_atomic_t *cancel, char *note, size_t notesz,
                                 tcs_error *err)
{
    char src[4096], log[4096], docx[4096];
    snprintf(src, sizeof src, "%.4000s/%s", dir, md_name);
    snprintf(log, sizeof log, "%.4000s/%s", dir, log_name);
    snprintf(docx, sizeof docx, "%.4000s/report.docx", dir);
    note[0] = '\0';
    program = tcs_pandoc_program(program);
    tcs_status st = write_source(r, src, err);
    tcs_run_result res = {TCS_RUN_OK, 0, 0};
    if (st == TCS_OK) {
        const char *const argv[] = {
            program,
            "--from=markdown-raw_html-raw_tex-raw_attribute-tex_math_dollars-citations-smart"
            "-implicit_header_references-yaml_metadata_block-pandoc_title_block"
            "-auto_identifiers-emoji",
            "--to=docx", "--columns=20", "--resource-path=.", "--output=report.docx", md_name,
            NULL};
        tcs_run_program(argv, dir, log, cancel, &res);
    }
    if (st == TCS_OK && res.outcome == TCS_RUN_STOPPED)
        st = tcs_error_set(err, TCS_EOUTPUT, "", 0, 0, "interrupted: no report was written");
    if (st == TCS_OK && res.outcome != TCS_RUN_OK) {
        why_not(&res, program, log, note, notesz);
        unlink(docx);
    } else if (st == TCS_OK && !finish_docx(docx))
        snprintf(note, notesz, "report.docx: its status cells could not be coloured");
    unlink(src);
    unlink(log);
    return st;
}
