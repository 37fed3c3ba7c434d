/* test_read_xlsx.c - tcs_read_xlsx: features, refusals, and zip bombs.
 *
 * Committed fixtures come from scripts/make_xlsx_fixtures.py. Zip bombs and
 * archives with too many entries are built here with libzip in a temporary
 * directory, so the repository holds no hostile files and the tests need no
 * Python. */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zip.h>

#include "tcsurvey/error.h"
#include "tcsurvey/reader.h"

#ifndef TCS_FIXTURES_DIR
#define TCS_FIXTURES_DIR "tests/fixtures"
#endif
#ifndef TCS_SHARED_DATA_DIR
#define TCS_SHARED_DATA_DIR "../shared/data"
#endif
#define FIX(name) TCS_FIXTURES_DIR "/xlsx/" name

/* ------------------------------------------------------------------ */
/* collecting records                                                   */

#define KEEP_ROWS 64
#define KEEP_COLS 20

typedef struct {
    long nrec;
    long rows[KEEP_ROWS];
    size_t ncells[KEEP_ROWS];
    char *cells[KEEP_ROWS][KEEP_COLS];
    size_t max_ncells;
    int order_ok;     /* rows are 1, 2, 3, ... */
    int text_ok;      /* every cell valid UTF-8, len == strlen */
    long stop_after;  /* return stop_status after this many records (0 = never) */
    tcs_status stop_status;
    double sum_col3;  /* many_rows: sum of column 3 */
    long nonempty_col5;
} coll;

static void coll_init(coll *c)
{
    memset(c, 0, sizeof *c);
    c->order_ok = 1;
    c->text_ok = 1;
}

static void coll_free(coll *c)
{
    for (size_t i = 0; i < KEEP_ROWS; i++)
        for (size_t k = 0; k < KEEP_COLS; k++)
            free(c->cells[i][k]);
}

static int utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char b = s[i];
        size_t len;
        unsigned long cp;
        if (b == 0)
            return 0;
        if (b < 0x80) {
            i++;
            continue;
        } else if ((b & 0xE0) == 0xC0) {
            len = 2, cp = b & 0x1F;
        } else if ((b & 0xF0) == 0xE0) {
            len = 3, cp = b & 0x0F;
        } else if ((b & 0xF8) == 0xF0) {
            len = 4, cp = b & 0x07;
        } else {
            return 0;
        }
        if (i + len > n)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

static char *dupn(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    assert_non_null(p);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static tcs_status collect(void *ctx, long row, const tcs_cell *cells, size_t ncells, tcs_error *err)
{
    coll *c = ctx;
    c->nrec++;
    if (row != c->nrec)
        c->order_ok = 0;
    if (ncells > c->max_ncells)
        c->max_ncells = ncells;
    for (size_t i = 0; i < ncells; i++)
        if (!cells[i].text || strlen(cells[i].text) != cells[i].len ||
            !utf8_valid((const unsigned char *)cells[i].text, cells[i].len))
            c->text_ok = 0;
    if (ncells >= 3)
        c->sum_col3 += atof(cells[2].text);
    if (ncells >= 5 && cells[4].len)
        c->nonempty_col5++;
    if (c->nrec <= KEEP_ROWS) {
        size_t r = (size_t)c->nrec - 1;
        c->rows[r] = row;
        c->ncells[r] = ncells;
        for (size_t k = 0; k < ncells && k < KEEP_COLS; k++)
            c->cells[r][k] = dupn(cells[k].text, cells[k].len);
    }
    if (c->stop_after && c->nrec >= c->stop_after)
        return tcs_error_set(err, c->stop_status, "callback", row, 2, "stopped by the callback");
    return TCS_OK;
}

/* cell text of record r (1-based), column k (1-based); "" past ncells */
static const char *cell(const coll *c, long r, size_t k)
{
    assert_true(r >= 1 && r <= KEEP_ROWS && r <= c->nrec);
    if (k > c->ncells[r - 1] || k > KEEP_COLS)
        return "";
    return c->cells[r - 1][k - 1];
}

static tcs_status read_file(const char *path, const char *sheet, coll *c, tcs_source_info *info,
                            tcs_error *err)
{
    tcs_read_options o;
    memset(&o, 0, sizeof o);
    o.sheet = sheet;
    memset(err, 0, sizeof *err);
    return tcs_read_xlsx(path, &o, collect, c, info, err);
}

/* Read a file that must be refused; check status and a message fragment. */
static void expect_refusal(const char *path, tcs_status want, const char *fragment)
{
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    tcs_status st = read_file(path, NULL, &c, &info, &err);
    if (st != want || (fragment && !strstr(err.message, fragment)))
        print_error("%s: status %d, message \"%s\"\n", path, (int)st, err.message);
    assert_int_equal(st, want);
    assert_int_equal(err.status, want);
    assert_true(err.message[0] != '\0');
    if (fragment)
        assert_non_null(strstr(err.message, fragment));
    assert_string_equal(info.format, "xlsx");
    coll_free(&c);
}

/* ------------------------------------------------------------------ */
/* temporary files and generated workbooks                              */

typedef struct {
    char dir[256];
    char path[320];
} tmpws;

static int tmp_setup(void **state)
{
    tmpws *t = calloc(1, sizeof *t);
    if (!t)
        return -1;
    const char *base = getenv("TMPDIR");
    snprintf(t->dir, sizeof t->dir, "%s/tcs_xlsx_XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(t->dir)) {
        free(t);
        return -1;
    }
    snprintf(t->path, sizeof t->path, "%s/gen.xlsx", t->dir);
    *state = t;
    return 0;
}

static int tmp_teardown(void **state)
{
    tmpws *t = *state;
    unlink(t->path);
    rmdir(t->dir);
    free(t);
    return 0;
}

static const char CT[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
static const char RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"xl/workbook.xml\"/></Relationships>";
static const char WB[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char WB_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
    "Target=\"sharedStrings.xml\"/></Relationships>";
static const char SHEET_HEAD[] =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
static const char SHEET_TAIL[] = "</sheetData></worksheet>";
static const char SHEET_SMALL[] =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>";
static const char SST_SMALL[] =
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>ok</t></si></sst>";

static void add_entry(zip_t *za, const char *name, const void *data, size_t len, zip_int32_t method)
{
    zip_source_t *s = zip_source_buffer(za, data, len, 0);
    assert_non_null(s);
    zip_int64_t i = zip_file_add(za, name, s, ZIP_FL_OVERWRITE);
    if (i < 0)
        zip_source_free(s);
    assert_true(i >= 0);
    assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)i, method, 0), 0);
}

/* A minimal workbook whose sheet and shared strings are given. */
static void write_workbook(const char *path, const char *sheet, size_t sheet_len,
                           zip_int32_t sheet_method, const char *sst, size_t sst_len,
                           zip_int32_t sst_method)
{
    int e = 0;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &e);
    assert_non_null(za);
    add_entry(za, "[Content_Types].xml", CT, strlen(CT), ZIP_CM_DEFLATE);
    add_entry(za, "_rels/.rels", RELS, strlen(RELS), ZIP_CM_DEFLATE);
    add_entry(za, "xl/workbook.xml", WB, strlen(WB), ZIP_CM_DEFLATE);
    add_entry(za, "xl/_rels/workbook.xml.rels", WB_RELS, strlen(WB_RELS), ZIP_CM_DEFLATE);
    add_entry(za, "xl/worksheets/sheet1.xml", sheet, sheet_len, sheet_method);
    add_entry(za, "xl/sharedStrings.xml", sst, sst_len, sst_method);
    assert_int_equal(zip_close(za), 0);
}

/* head + n filler bytes + tail: valid XML that compresses ~1000:1 */
static char *padded_xml(const char *head, const char *tail, size_t fill, size_t *len)
{
    size_t hl = strlen(head), tl = strlen(tail);
    char *p = malloc(hl + fill + tl);
    assert_non_null(p);
    memcpy(p, head, hl);
    memset(p + hl, ' ', fill);
    memcpy(p + hl + fill, tail, tl);
    *len = hl + fill + tl;
    return p;
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    unsigned char *b = malloc((size_t)n);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return b;
}

static void spit(const char *path, const void *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v, p[1] = (unsigned char)(v >> 8), p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/* Rewrite the uncompressed size of one entry in both the local header and
 * the central directory: a zip whose headers lie. */
static void patch_size(const char *path, const char *entry, uint32_t size)
{
    size_t n, nl = strlen(entry);
    int local = 0, central = 0;
    unsigned char *b = slurp(path, &n);
    for (size_t i = 0; i + 46 + nl <= n; i++) {
        if (memcmp(b + i, "PK\3\4", 4) == 0 && b[i + 26] == (nl & 0xFF) && b[i + 27] == (nl >> 8) &&
            memcmp(b + i + 30, entry, nl) == 0) {
            put32(b + i + 22, size);
            local++;
        } else if (memcmp(b + i, "PK\1\2", 4) == 0 && b[i + 28] == (nl & 0xFF) &&
                   b[i + 29] == (nl >> 8) && memcmp(b + i + 46, entry, nl) == 0) {
            put32(b + i + 24, size);
            central++;
        }
    }
    assert_int_equal(local, 1);
    assert_int_equal(central, 1);
    spit(path, b, n);
    free(b);
}

/* ------------------------------------------------------------------ */
/* features                                                             */

static void check_basic(const char *path)
{
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    assert_int_equal(read_file(path, NULL, &c, &info, &err), TCS_OK);
    assert_int_equal(c.nrec, 10);
    assert_int_equal(info.records, 10);
    assert_true(c.order_ok);
    assert_true(c.text_ok);
    assert_string_equal(cell(&c, 1, 1), "Name");
    assert_string_equal(cell(&c, 1, 4), "Flag");
    assert_string_equal(cell(&c, 2, 2), "3");
    assert_string_equal(cell(&c, 2, 3), "caf\xc3\xa9 \xe2\x98\x95");
    assert_string_equal(cell(&c, 2, 4), "TRUE");
    assert_string_equal(cell(&c, 3, 2), "2.5");
    assert_string_equal(cell(&c, 3, 3), "\xe4\xb8\xad\xe6\x96\x87 text");
    assert_string_equal(cell(&c, 3, 4), "FALSE");
    assert_string_equal(cell(&c, 4, 1), "Ana");
    assert_string_equal(cell(&c, 4, 2), "-7");
    assert_string_equal(cell(&c, 4, 3), " padded ");
    assert_int_equal(c.ncells[3], 3); /* trailing empty cell not counted */
    assert_string_equal(cell(&c, 5, 2), "0.3"); /* 0.30000000000000004 */
    assert_string_equal(cell(&c, 6, 2), "1E-07");
    assert_string_equal(cell(&c, 7, 2), "123456789012");
    assert_string_equal(cell(&c, 8, 2), "0"); /* -0.0 */
    assert_string_equal(cell(&c, 9, 2), "0.333333333333333");
    assert_string_equal(cell(&c, 10, 2), "1E+20");
    assert_string_equal(info.sheet, "Data");
    coll_free(&c);
}

static void test_shared_strings(void **state)
{
    (void)state;
    check_basic(FIX("shared_strings.xlsx"));
}

static void test_inline_strings(void **state)
{
    (void)state;
    check_basic(FIX("inline_strings.xlsx"));
}

static void test_info_fields(void **state)
{
    (void)state;
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    memset(&info, 0x5a, sizeof info); /* the reader must reset it */
    assert_int_equal(read_file(FIX("shared_strings.xlsx"), NULL, &c, &info, &err), TCS_OK);
    assert_string_equal(info.format, "xlsx");
    assert_string_equal(info.encoding, "UTF-8");
    assert_int_equal(info.delimiter, 0);
    assert_string_equal(info.line_ending, "");
    assert_string_equal(info.sheet, "Data");
    assert_int_equal(info.nsheets, 1);
    assert_string_equal(info.sheets[0], "Data");
    assert_string_equal(info.sheet_state[0], "visible");
    assert_int_equal(info.records, 10);
    coll_free(&c);
}

static void test_null_arguments(void **state)
{
    (void)state;
    coll c;
    coll_init(&c);
    /* no options, no info, no error record */
    assert_int_equal(tcs_read_xlsx(FIX("shared_strings.xlsx"), NULL, collect, &c, NULL, NULL), TCS_OK);
    assert_int_equal(c.nrec, 10);
    /* no callback: just count */
    tcs_source_info info;
    assert_int_equal(tcs_read_xlsx(FIX("many_rows.xlsx"), NULL, NULL, NULL, &info, NULL), TCS_OK);
    assert_int_equal(info.records, 3001);
    /* errors without an error record */
    assert_int_equal(tcs_read_xlsx(FIX("no_such_file.xlsx"), NULL, collect, &c, NULL, NULL), TCS_ENOENT);
    assert_int_equal(tcs_read_xlsx(FIX("dtd.xlsx"), NULL, collect, &c, NULL, NULL), TCS_EFORMAT);
    coll_free(&c);
}

static void test_rich_text(void **state)
{
    (void)state;
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    assert_int_equal(read_file(FIX("rich_text.xlsx"), NULL, &c, &info, &err), TCS_OK);
    assert_int_equal(c.nrec, 1);
    assert_string_equal(cell(&c, 1, 1), "Hello world"); /* runs joined, phonetic run dropped */
    assert_string_equal(cell(&c, 1, 2), "plain");
    assert_string_equal(cell(&c, 1, 3), "line1\r\nline2"); /* _x000D__x000A_ */
    assert_string_equal(cell(&c, 1, 4), "under_x0041_score"); /* _x005F_ escapes the underscore */
    assert_string_equal(cell(&c, 1, 5), "");
    assert_string_equal(cell(&c, 1, 6), "\xf0\x9f\x98\x80 emoji");
    assert_int_equal(c.ncells[0], 6);
    coll_free(&c);
}

static void test_cell_types(void **state)
{
    (void)state;
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    assert_int_equal(read_file(FIX("cell_types.xlsx"), NULL, &c, &info, &err), TCS_OK);
    assert_int_equal(c.nrec, 1);
    assert_string_equal(cell(&c, 1, 1), "inline");
    assert_string_equal(cell(&c, 1, 2), "ab");   /* t="str" formula result, not the formula */
    assert_string_equal(cell(&c, 1, 3), "#N/A"); /* t="e" */
    assert_string_equal(cell(&c, 1, 4), "TRUE");
    assert_string_equal(cell(&c, 1, 5), "FALSE");
    assert_string_equal(cell(&c, 1, 6), "42");
    assert_string_equal(cell(&c, 1, 7), "");     /* <v></v> */
    assert_string_equal(cell(&c, 1, 8), "run1run2");
    assert_string_equal(cell(&c, 1, 9), "a\rb");
    assert_string_equal(cell(&c, 1, 10), "2021-04-28 11:21:47"); /* t="d" */
    assert_string_equal(cell(&c, 1, 11), "2021-04-28");
    assert_string_equal(cell(&c, 1, 12), "not a number");
    assert_string_equal(cell(&c, 1, 13), "#DIV/0!");
    assert_int_equal(c.ncells[0], 13); /* N1, O1 have no value: nothing left over from M1 */
    coll_free(&c);
}

/* Numbers as Excel's General format shows them: whole numbers of up to 15
 * digits as digits (kept as written when already canonical), others with
 * 15 significant digits. Worked by hand. */
static void test_numbers(void **state)
{
    (void)state;
    static const char *const want[] = {"0", "7", "42", "123456789012345", "0", "7",
                                       "1.23456789012346E+15", "-3", "3", "2.5", "1000", "7"};
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    assert_int_equal(read_file(FIX("numbers.xlsx"), NULL, &c, &info, &err), TCS_OK);
    assert_int_equal(c.nrec, 1);
    assert_int_equal(c.ncells[0], 12);
    for (size_t i = 0; i < 12; i++)
        assert_string_equal(cell(&c, 1, i + 1), want[i]);
    coll_free(&c);
}

static void test_sparse(void **state)
{
    (void)state;
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    assert_int_equal(read_file(FIX("sparse.xlsx"), NULL, &c, &info, &err), TCS_OK);
    /* rows 9 and 10 are empty and trailing: not delivered */
    assert_int_equal(c.nrec, 7);
    assert_int_equal(info.records, 7);
    assert_true(c.order_ok);
    for (long r = 1; r <= 7; r++)
        assert_int_equal(c.rows[r - 1], r);
    assert_int_equal(c.ncells[0], 3); /* wrong <dimension ref="A1:B2"> ignored */
    assert_string_equal(cell(&c, 1, 1), "1");
    assert_string_equal(cell(&c, 1, 2), "");
    assert_string_equal(cell(&c, 1, 3), "3");
    assert_int_equal(c.ncells[1], 1); /* row 2 missing: one empty cell */
    assert_string_equal(cell(&c, 2, 1), "");
    assert_int_equal(c.ncells[2], 2);
    assert_string_equal(cell(&c, 3, 2), "b3");
    assert_int_equal(c.ncells[3], 1); /* only styled empty cells */
    assert_int_equal(c.ncells[4], 6); /* cells without r take the next column */
    assert_string_equal(cell(&c, 5, 1), "1");
    assert_string_equal(cell(&c, 5, 2), "2");
    assert_string_equal(cell(&c, 5, 3), "");
    assert_string_equal(cell(&c, 5, 5), "5");
    assert_string_equal(cell(&c, 5, 6), "6");
    assert_int_equal(c.ncells[5], 2); /* <row> without r follows row 5 */
    assert_string_equal(cell(&c, 6, 2), "no r on row");
    assert_int_equal(c.ncells[6], 3); /* cells out of order still land by reference */
    assert_string_equal(cell(&c, 7, 1), "1");
    assert_string_equal(cell(&c, 7, 3), "7");
    coll_free(&c);
}

static void test_dates(void **state)
{
    (void)state;
    static const char *want[][2] = {
        {"iso datetime", "2021-04-28 11:21:47"}, {"builtin 14", "2021-04-28"},
        {"custom d/m/y", "2021-04-28"},          {"forms style", "2021-04-28 11:22:58"},
        {"time only", "12:00:00"},               {"serial 1", "1900-01-01"},
        {"serial 59", "1900-02-28"},             {"serial 60", "1900-02-29"},
        {"serial 61", "1900-03-01"},             {"max", "9999-12-31"},
        {"beyond max", "2958466"},               {"negative", "-1"},
        {"carry", "2021-04-29"},                 {"fixed 0.00", "44314.5"},
        {"red", "44314.5"},                      {"quoted", "44314"},
        {"escaped", "44314"},                    {"elapsed", "1900-01-01 12:00:00"},
        {"locale", "2021-04-28"},                {"thousands", "44314"},
        {"general", "44314.25"},                 {"text fmt", "44314"},
    };
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    assert_int_equal(read_file(FIX("dates.xlsx"), NULL, &c, &info, &err), TCS_OK);
    size_t n = sizeof want / sizeof want[0];
    assert_int_equal(c.nrec, (long)n + 1);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(cell(&c, (long)i + 2, 1), want[i][0]);
        assert_string_equal(cell(&c, (long)i + 2, 2), want[i][1]);
    }
    coll_free(&c);
}

static void test_dates1904(void **state)
{
    (void)state;
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    assert_int_equal(read_file(FIX("dates1904.xlsx"), NULL, &c, &info, &err), TCS_OK);
    assert_int_equal(c.nrec, 4);
    assert_string_equal(cell(&c, 2, 1), "2021-04-28");
    assert_string_equal(cell(&c, 3, 1), "2021-04-28 12:00:00");
    assert_string_equal(cell(&c, 4, 1), "1904-01-02");
    coll_free(&c);
}

static void test_many_rows(void **state)
{
    (void)state;
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    assert_int_equal(read_file(FIX("many_rows.xlsx"), NULL, &c, &info, &err), TCS_OK);
    assert_int_equal(c.nrec, 3001);
    assert_int_equal(info.records, 3001);
    assert_true(c.order_ok);
    assert_true(c.text_ok);
    assert_int_equal(c.max_ncells, 5);
    /* ratings i % 10 + 1 for i = 1..3000: 300 * 55 */
    assert_true(c.sum_col3 > 16499.5 && c.sum_col3 < 16500.5);
    assert_int_equal(c.nonempty_col5, 1 + 3000 / 7); /* header + every 7th */
    assert_string_equal(cell(&c, 8, 5), "response 7");
    assert_string_equal(cell(&c, 3, 4), "1");
    assert_string_equal(cell(&c, 4, 4), "1.5");
    coll_free(&c);
}

static void test_msforms_download(void **state)
{
    (void)state;
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    assert_int_equal(read_file(FIX("msforms_download.xlsx"), NULL, &c, &info, &err), TCS_OK);
    assert_string_equal(info.sheet, "Sheet1");
    assert_int_equal(c.nrec, 5);
    assert_int_equal(c.ncells[0], 9);
    assert_string_equal(cell(&c, 1, 1), "ID");
    assert_string_equal(cell(&c, 1, 6), "Last modified time");
    assert_string_equal(cell(&c, 1, 7), "1.1. I feel valued");
    assert_string_equal(cell(&c, 2, 2), "2021-04-28 11:21:47");
    assert_string_equal(cell(&c, 2, 3), "2021-04-28 11:22:58");
    assert_string_equal(cell(&c, 2, 5), "");
    assert_string_equal(cell(&c, 2, 7), "8");
    assert_string_equal(cell(&c, 3, 7), "10");
    assert_string_equal(cell(&c, 4, 6), "2021-04-29 09:36:00");
    assert_string_equal(cell(&c, 4, 9), "Need more\nkit");
    assert_int_equal(c.ncells[4], 7); /* last answer blank: the consumer pads */
    coll_free(&c);
}

static void test_excel_online_first_visible(void **state)
{
    (void)state;
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    assert_int_equal(read_file(FIX("excel_online.xlsx"), NULL, &c, &info, &err), TCS_OK);
    assert_string_equal(info.sheet, "Form1");
    assert_int_equal(info.nsheets, 4);
    assert_string_equal(info.sheets[0], "Meta");
    assert_string_equal(info.sheet_state[0], "veryHidden");
    assert_string_equal(info.sheets[1], "Old");
    assert_string_equal(info.sheet_state[1], "hidden");
    assert_string_equal(info.sheets[2], "Form1");
    assert_string_equal(info.sheet_state[2], "visible");
    assert_string_equal(info.sheets[3], "Summary");
    assert_string_equal(info.sheet_state[3], "visible");
    assert_int_equal(c.nrec, 2);
    assert_string_equal(cell(&c, 1, 6), "Q1");
    assert_string_equal(cell(&c, 2, 6), "Agree");
    coll_free(&c);
}

static void expect_sheet(const char *want_sheet, const char *select, const char *a1)
{
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    assert_int_equal(read_file(FIX("excel_online.xlsx"), select, &c, &info, &err), TCS_OK);
    assert_string_equal(info.sheet, want_sheet);
    assert_string_equal(cell(&c, 1, 1), a1);
    coll_free(&c);
}

static void test_sheet_selection(void **state)
{
    (void)state;
    expect_sheet("Summary", "Summary", "total");    /* exact */
    expect_sheet("Summary", "sUMMARY", "total");    /* case-insensitive */
    expect_sheet("Old", "2", "stale");              /* 1-based number */
    expect_sheet("Meta", "Meta", "form id");        /* hidden sheets on request */
    expect_sheet("Form1", "3", "ID");
    expect_sheet("Form1", "", "ID");                /* empty = default */
}

static void test_unknown_sheet(void **state)
{
    (void)state;
    const char *bad[] = {"Nope", "0", "5", "-1", "Form"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        coll c;
        tcs_source_info info;
        tcs_error err;
        coll_init(&c);
        assert_int_equal(read_file(FIX("excel_online.xlsx"), bad[i], &c, &info, &err), TCS_EINVAL);
        assert_int_equal(err.status, TCS_EINVAL);
        assert_non_null(strstr(err.message, bad[i]));
        assert_non_null(strstr(err.message, "\"Form1\""));
        assert_non_null(strstr(err.message, "\"Meta\" (veryHidden)"));
        assert_non_null(strstr(err.message, "\"Summary\""));
        assert_int_equal(c.nrec, 0);
        assert_int_equal(info.nsheets, 4); /* still reported */
        coll_free(&c);
    }
}

static void test_prefixed_namespaces(void **state)
{
    (void)state;
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    assert_int_equal(read_file(FIX("prefixed.xlsx"), NULL, &c, &info, &err), TCS_OK);
    assert_int_equal(c.nrec, 3); /* <x:dimension ref="A1"> ignored */
    assert_int_equal(c.ncells[0], 3);
    assert_string_equal(cell(&c, 1, 3), "Name of the\xc2\xa0team");
    assert_string_equal(cell(&c, 2, 1), "1");
    assert_string_equal(cell(&c, 2, 2), "2021-04-28 11:21:47");
    assert_string_equal(cell(&c, 2, 3), "Apple");
    assert_int_equal(c.ncells[1], 3); /* D2 is an empty shared-string cell */
    assert_string_equal(cell(&c, 3, 2), "2021-04-28 12:00:00");
    coll_free(&c);
}

static void test_relationship_targets(void **state)
{
    (void)state;
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    /* workbook xl/main.xml, sheet "../xl/ws/./data.xml", strings "strings%20file.xml",
     * and a decoy xl/worksheets/sheet1.xml that must not be read */
    assert_int_equal(read_file(FIX("renamed_parts.xlsx"), NULL, &c, &info, &err), TCS_OK);
    assert_int_equal(c.nrec, 2);
    assert_string_equal(cell(&c, 1, 1), "from strings file");
    assert_string_equal(cell(&c, 1, 2), "inline");
    assert_string_equal(cell(&c, 2, 1), "second");
    assert_string_equal(cell(&c, 2, 2), "42");
    coll_free(&c);
}

static void test_strict_and_utf16(void **state)
{
    (void)state;
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    assert_int_equal(read_file(FIX("strict.xlsx"), NULL, &c, &info, &err), TCS_OK);
    assert_string_equal(cell(&c, 1, 1), "strict text");
    assert_string_equal(cell(&c, 1, 2), "1.25");
    coll_free(&c);
    coll_init(&c);
    assert_int_equal(read_file(FIX("utf16.xlsx"), NULL, &c, &info, &err), TCS_OK);
    assert_string_equal(cell(&c, 1, 1), "gr\xc3\xbc\xc3\x9f" "e");
    coll_free(&c);
}

static void test_chart_sheet(void **state)
{
    (void)state;
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    assert_int_equal(read_file(FIX("chart_first.xlsx"), NULL, &c, &info, &err), TCS_OK);
    assert_string_equal(info.sheet, "Data"); /* a chart sheet is never the default */
    assert_string_equal(cell(&c, 1, 1), "after chart");
    coll_free(&c);
    coll_init(&c);
    assert_int_equal(read_file(FIX("chart_first.xlsx"), "Chart1", &c, &info, &err), TCS_EUNSUPPORTED);
    assert_non_null(strstr(err.message, "chart"));
    coll_free(&c);
}

static void test_callback_stops(void **state)
{
    (void)state;
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    c.stop_after = 3;
    c.stop_status = TCS_ECODEBOOK;
    assert_int_equal(read_file(FIX("many_rows.xlsx"), NULL, &c, &info, &err), TCS_ECODEBOOK);
    assert_int_equal(c.nrec, 3);
    /* the callback's error is left alone */
    assert_int_equal(err.status, TCS_ECODEBOOK);
    assert_string_equal(err.path, "callback");
    assert_int_equal(err.row, 3);
    assert_int_equal(err.column, 2);
    assert_string_equal(err.message, "stopped by the callback");
    coll_free(&c);
}

static void test_max_columns(void **state)
{
    (void)state;
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    /* row 1 uses XFD (16384): fine; row 2 uses XFE: refused */
    assert_int_equal(read_file(FIX("columns.xlsx"), NULL, &c, &info, &err), TCS_ELIMIT);
    assert_int_equal(c.nrec, 1);
    assert_int_equal(c.ncells[0], TCS_COLUMNS_MAX);
    assert_int_equal(err.row, 2);
    assert_int_equal(err.column, TCS_COLUMNS_MAX + 1);
    assert_non_null(strstr(err.message, "columns"));
    coll_free(&c);
}

static void test_shared_data_surveyEng(void **state)
{
    (void)state;
    const char *path = TCS_SHARED_DATA_DIR "/msforms-phonebrand/surveyEng.xlsx";
    if (access(path, R_OK) != 0)
        skip();
    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    assert_int_equal(read_file(path, NULL, &c, &info, &err), TCS_OK);
    assert_string_equal(info.sheet, "Sheet1");
    assert_int_equal(info.nsheets, 1);
    assert_int_equal(c.nrec, 29); /* header + 28, despite <x:dimension ref="A1"> */
    assert_int_equal(info.records, 29);
    assert_true(c.order_ok);
    assert_true(c.text_ok);
    assert_int_equal(c.ncells[0], 14);
    assert_int_equal(c.max_ncells, 14);
    assert_string_equal(cell(&c, 1, 1), "ID");
    assert_string_equal(cell(&c, 1, 2), "Start time");
    assert_string_equal(cell(&c, 1, 3), "Completion time");
    assert_non_null(strstr(cell(&c, 1, 11), "\xc2\xa0")); /* U+00A0 in the header */
    assert_string_equal(cell(&c, 2, 1), "1");
    assert_string_equal(cell(&c, 2, 2), "2021-04-28 11:21:47");
    assert_string_equal(cell(&c, 2, 3), "2021-04-28 11:22:58");
    assert_string_equal(cell(&c, 2, 4), "anonymous");
    assert_string_equal(cell(&c, 2, 5), "");
    assert_string_equal(cell(&c, 2, 6), "Apple");
    assert_string_equal(cell(&c, 29, 1), "28");
    assert_string_equal(cell(&c, 29, 2), "2021-04-29 01:48:42");
    assert_string_equal(cell(&c, 29, 14), "1-2 hours");
    coll_free(&c);
}

/* ------------------------------------------------------------------ */
/* refusals: file types                                                 */

static void test_missing_file(void **state)
{
    (void)state;
    expect_refusal(FIX("no_such_file.xlsx"), TCS_ENOENT, NULL);
    expect_refusal(FIX("no_such_dir/x.xlsx"), TCS_ENOENT, NULL);
}

static void test_unreadable(void **state)
{
    (void)state;
    expect_refusal(TCS_FIXTURES_DIR "/xlsx", TCS_EIO, NULL); /* a directory */
}

static void test_unreadable_permissions(void **state)
{
    tmpws *t = *state;
    if (geteuid() == 0)
        skip(); /* root reads anything */
    spit(t->path, "PK\3\4", 4);
    assert_int_equal(chmod(t->path, 0), 0);
    expect_refusal(t->path, TCS_EIO, NULL);
}

static void test_empty_file(void **state)
{
    (void)state;
    expect_refusal(FIX("empty.xlsx"), TCS_EEMPTY, NULL);
}

static void test_not_zip(void **state)
{
    (void)state;
    expect_refusal(FIX("not_zip.xlsx"), TCS_EFORMAT, "not a zip");
}

static void test_not_workbook(void **state)
{
    (void)state;
    expect_refusal(FIX("not_workbook.zip"), TCS_EFORMAT, "not an Excel workbook");
    expect_refusal(FIX("word_document.docx"), TCS_EFORMAT, "not an Excel workbook");
}

static void test_xlsb(void **state)
{
    (void)state;
    expect_refusal(FIX("xlsb_like.xlsb"), TCS_EUNSUPPORTED, ".xlsb");
}

static void test_ods(void **state)
{
    (void)state;
    expect_refusal(FIX("ods_like.ods"), TCS_EUNSUPPORTED, ".ods");
}

static void test_legacy_xls(void **state)
{
    (void)state;
    expect_refusal(FIX("legacy.xls"), TCS_EUNSUPPORTED, "legacy .xls: save as .xlsx or CSV");
}

static void test_encrypted(void **state)
{
    (void)state;
    expect_refusal(FIX("encrypted.xlsx"), TCS_EUNSUPPORTED,
                   "encrypted workbook: remove the password in Excel and save again");
}

static void test_broken_workbooks(void **state)
{
    (void)state;
    expect_refusal(FIX("missing_part.xlsx"), TCS_EFORMAT, "missing");
    expect_refusal(FIX("rows_out_of_order.xlsx"), TCS_EFORMAT, "out of order");

    coll c;
    tcs_source_info info;
    tcs_error err;
    coll_init(&c);
    assert_int_equal(read_file(FIX("bad_sst_index.xlsx"), NULL, &c, &info, &err), TCS_EFORMAT);
    assert_int_equal(c.nrec, 1); /* row 1 delivered before the bad cell */
    assert_int_equal(err.row, 2);
    assert_int_equal(err.column, 2);
    assert_non_null(strstr(err.message, "shared string"));
    coll_free(&c);
}

/* ------------------------------------------------------------------ */
/* refusals: hostile XML and zip bombs                                  */

static void test_dtd_refused(void **state)
{
    (void)state;
    expect_refusal(FIX("dtd.xlsx"), TCS_EFORMAT, "DTD");     /* billion laughs in the sheet */
    expect_refusal(FIX("dtd_sst.xlsx"), TCS_EFORMAT, "DTD"); /* external entity in the strings */
}

static void test_deep_nesting(void **state)
{
    (void)state;
    expect_refusal(FIX("deep.xlsx"), TCS_ELIMIT, "nested");
}

static void test_bomb_ratio(void **state)
{
    tmpws *t = *state;
    size_t len;
    char *sheet = padded_xml(SHEET_HEAD, SHEET_TAIL, 64u << 20, &len); /* deflates ~1030:1 */
    write_workbook(t->path, sheet, len, ZIP_CM_DEFLATE, SST_SMALL, strlen(SST_SMALL), ZIP_CM_DEFLATE);
    free(sheet);
    expect_refusal(t->path, TCS_ELIMIT, "sheet1.xml");
}

static void test_bomb_bzip2(void **state)
{
    tmpws *t = *state;
    if (!zip_compression_method_supported(ZIP_CM_BZIP2, 1))
        skip();
    size_t len;
    char *sheet = padded_xml(SHEET_HEAD, SHEET_TAIL, 16u << 20, &len); /* bzip2: ~100000:1 */
    write_workbook(t->path, sheet, len, ZIP_CM_BZIP2, SST_SMALL, strlen(SST_SMALL), ZIP_CM_DEFLATE);
    free(sheet);
    expect_refusal(t->path, TCS_ELIMIT, "zip bomb");
}

static void test_bomb_declared_size(void **state)
{
    tmpws *t = *state;
    write_workbook(t->path, SHEET_SMALL, strlen(SHEET_SMALL), ZIP_CM_STORE, SST_SMALL,
                   strlen(SST_SMALL), ZIP_CM_STORE);
    patch_size(t->path, "xl/worksheets/sheet1.xml", 600u << 20); /* over 512 MiB */
    expect_refusal(t->path, TCS_ELIMIT, "MiB limit");
}

static void test_bomb_sst_declared_size(void **state)
{
    tmpws *t = *state;
    write_workbook(t->path, SHEET_SMALL, strlen(SHEET_SMALL), ZIP_CM_STORE, SST_SMALL,
                   strlen(SST_SMALL), ZIP_CM_STORE);
    patch_size(t->path, "xl/sharedStrings.xml", 300u << 20); /* over 256 MiB */
    expect_refusal(t->path, TCS_ELIMIT, "sharedStrings.xml");
}

static void test_bomb_lying_header(void **state)
{
    tmpws *t = *state;
    size_t len;
    char *sst = padded_xml("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
                           "<si><t>ok</t></si></sst>", 32u << 20, &len);
    write_workbook(t->path, SHEET_SMALL, strlen(SHEET_SMALL), ZIP_CM_STORE, sst, len, ZIP_CM_DEFLATE);
    free(sst);
    /* headers claim 10000 bytes; libzip inflates all 32 MiB regardless */
    patch_size(t->path, "xl/sharedStrings.xml", 10000);
    expect_refusal(t->path, TCS_ELIMIT, "declared size");
}

static void test_too_many_entries(void **state)
{
    tmpws *t = *state;
    int e = 0;
    zip_t *za = zip_open(t->path, ZIP_CREATE | ZIP_TRUNCATE, &e);
    assert_non_null(za);
    add_entry(za, "[Content_Types].xml", CT, strlen(CT), ZIP_CM_STORE);
    add_entry(za, "_rels/.rels", RELS, strlen(RELS), ZIP_CM_STORE);
    add_entry(za, "xl/workbook.xml", WB, strlen(WB), ZIP_CM_STORE);
    add_entry(za, "xl/_rels/workbook.xml.rels", WB_RELS, strlen(WB_RELS), ZIP_CM_STORE);
    add_entry(za, "xl/worksheets/sheet1.xml", SHEET_SMALL, strlen(SHEET_SMALL), ZIP_CM_STORE);
    for (int i = 0; i < 10000; i++) {
        char name[32];
        snprintf(name, sizeof name, "pad/%05d", i);
        add_entry(za, name, "", 0, ZIP_CM_STORE);
    }
    assert_int_equal(zip_close(za), 0);
    expect_refusal(t->path, TCS_ELIMIT, "entries");
}

static void test_cell_limit(void **state)
{
    tmpws *t = *state;
    static const char head[] =
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"C2\" t=\"inlineStr\"><is><t>";
    static const char tail[] = "</t></is></c></row></sheetData></worksheet>";
    size_t hl = strlen(head), tl = strlen(tail);
    for (int over = 0; over <= 1; over++) {
        size_t n = TCS_CELL_MAX + (size_t)over;
        char *xml = malloc(hl + n + tl);
        assert_non_null(xml);
        memcpy(xml, head, hl);
        for (size_t i = 0; i < n; i++) /* varied text, stored: no ratio alarm */
            xml[hl + i] = (char)('a' + (i * 7 + i / 26) % 26);
        memcpy(xml + hl + n, tail, tl);
        write_workbook(t->path, xml, hl + n + tl, ZIP_CM_STORE, SST_SMALL, strlen(SST_SMALL),
                       ZIP_CM_STORE);
        free(xml);
        coll c;
        tcs_source_info info;
        tcs_error err;
        coll_init(&c);
        tcs_status st = read_file(t->path, NULL, &c, &info, &err);
        if (!over) {
            assert_int_equal(st, TCS_OK);
            assert_int_equal(c.nrec, 2);
            assert_int_equal(strlen(cell(&c, 2, 3)), TCS_CELL_MAX);
        } else {
            assert_int_equal(st, TCS_ELIMIT);
            assert_int_equal(c.nrec, 1);
            assert_int_equal(err.row, 2);
            assert_int_equal(err.column, 3);
        }
        coll_free(&c);
    }
}

static void test_shared_string_limit(void **state)
{
    tmpws *t = *state;
    static const char head[] =
        "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>";
    static const char tail[] = "</t></si></sst>";
    size_t hl = strlen(head), tl = strlen(tail), n = TCS_CELL_MAX + 1;
    char *xml = malloc(hl + n + tl);
    assert_non_null(xml);
    memcpy(xml, head, hl);
    for (size_t i = 0; i < n; i++)
        xml[hl + i] = (char)('a' + (i * 7 + i / 26) % 26);
    memcpy(xml + hl + n, tail, tl);
    write_workbook(t->path, SHEET_SMALL, strlen(SHEET_SMALL), ZIP_CM_STORE, xml, hl + n + tl,
                   ZIP_CM_STORE);
    free(xml);
    expect_refusal(t->path, TCS_ELIMIT, "shared string");
}

static void test_empty_sheet(void **state)
{
    tmpws *t = *state;
    static const char *sheets[] = {
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<sheetData/></worksheet>",
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        "<row r=\"1\"><c r=\"A1\" s=\"1\"/></row><row r=\"2\"><c r=\"B2\"><v></v></c></row>"
        "</sheetData></worksheet>",
    };
    for (size_t i = 0; i < 2; i++) {
        write_workbook(t->path, sheets[i], strlen(sheets[i]), ZIP_CM_DEFLATE, SST_SMALL,
                       strlen(SST_SMALL), ZIP_CM_DEFLATE);
        expect_refusal(t->path, TCS_EEMPTY, "\"S\" has no data");
    }
}

static void test_truncated_and_corrupted(void **state)
{
    tmpws *t = *state;
    size_t n;
    unsigned char *orig = slurp(FIX("shared_strings.xlsx"), &n);
    /* cut short: the central directory is gone */
    spit(t->path, orig, n / 2);
    expect_refusal(t->path, TCS_EFORMAT, NULL);
    /* flipped bytes all over: any status, but no crash, hang or leak */
    unsigned char *b = malloc(n);
    assert_non_null(b);
    unsigned seed = 12345;
    for (int round = 0; round < 300; round++) {
        memcpy(b, orig, n);
        for (int k = 0; k < 1 + round % 4; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = (seed >> 8) % n;
            seed = seed * 1103515245u + 12345u;
            b[at] = (unsigned char)(seed >> 16);
        }
        spit(t->path, b, n);
        coll c;
        tcs_error err;
        coll_init(&c);
        tcs_status st = tcs_read_xlsx(t->path, NULL, collect, &c, NULL, &err);
        assert_true(st >= TCS_OK && st < TCS_STATUS_COUNT);
        assert_true(c.text_ok);
        coll_free(&c);
    }
    free(b);
    free(orig);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_strings),
        cmocka_unit_test(test_inline_strings),
        cmocka_unit_test(test_info_fields),
        cmocka_unit_test(test_null_arguments),
        cmocka_unit_test(test_rich_text),
        cmocka_unit_test(test_cell_types),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_sparse),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_dates1904),
        cmocka_unit_test(test_many_rows),
        cmocka_unit_test(test_msforms_download),
        cmocka_unit_test(test_excel_online_first_visible),
        cmocka_unit_test(test_sheet_selection),
        cmocka_unit_test(test_unknown_sheet),
        cmocka_unit_test(test_prefixed_namespaces),
        cmocka_unit_test(test_relationship_targets),
        cmocka_unit_test(test_strict_and_utf16),
        cmocka_unit_test(test_chart_sheet),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_max_columns),
        cmocka_unit_test(test_shared_data_surveyEng),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_unreadable),
        cmocka_unit_test_setup_teardown(test_unreadable_permissions, tmp_setup, tmp_teardown),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_not_zip),
        cmocka_unit_test(test_not_workbook),
        cmocka_unit_test(test_xlsb),
        cmocka_unit_test(test_ods),
        cmocka_unit_test(test_legacy_xls),
        cmocka_unit_test(test_encrypted),
        cmocka_unit_test(test_broken_workbooks),
        cmocka_unit_test(test_dtd_refused),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test_setup_teardown(test_bomb_ratio, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_bomb_bzip2, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_bomb_declared_size, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_bomb_sst_declared_size, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_bomb_lying_header, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_too_many_entries, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_cell_limit, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_shared_string_limit, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_empty_sheet, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_truncated_and_corrupted, tmp_setup, tmp_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
