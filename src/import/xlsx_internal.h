/* xlsx_internal.h - what the parts of the .xlsx reader share (internal to
 * the library; the public entry point is tcs_read_xlsx in reader.h).
 *
 *   read_xlsx.c      the entry point, the steps in order, the reader's state
 *   xlsx_zip.c       the zip archive: what is refused before and after
 *                    opening it (legacy .xls, encrypted, .ods, .xlsb), and
 *                    every entry read within size and ratio limits
 *   xlsx_xml.c       expat over a zip entry: namespaces, no DTD or entity,
 *                    nesting depth
 *   xlsx_workbook.c  part names, relationships, content types,
 *                    workbook.xml, which sheet is read
 *   xlsx_styles.c    styles.xml (which cell styles are dates); numbers and
 *                    dates as Excel shows them
 *   xlsx_strings.c   sharedStrings.xml; Excel's _xHHHH_ escapes
 *   xlsx_sheet.c     the worksheet: cells, rows, gaps, one record per row */
#ifndef TCS_IMPORT_XLSX_INTERNAL_H
#define TCS_IMPORT_XLSX_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <zip.h>

#include "tcsurvey/error.h"
#include "tcsurvey/reader.h"
#include "tcsurvey/text.h"

#define MIB (1024u * 1024u)
#define LIMIT_SHEET (512ull * MIB)  /* worksheet XML, uncompressed */
#define LIMIT_SST (256ull * MIB)    /* sharedStrings.xml */
#define LIMIT_PART (64ull * MIB)    /* workbook, styles, relationships */
#define LIMIT_SMALL (4096ull)       /* the ODF mimetype entry */
#define RATIO_MAX 1000u             /* deflate tops out near 1032:1 */
#define RATIO_MIN_SIZE (1ull * MIB) /* small parts may compress well */
#define ENTRIES_MAX 10000
#define DEPTH_MAX 64
#define ROW_MAX 1048576L          /* Excel's last row */
#define ROWTEXT_MAX (64ull * MIB) /* text of one row, all cells */
#define NAME_MAX_LEN 1024         /* zip part names */
#define CHUNK 65536
#define NS_SEP '|'

#if defined(__GNUC__)
#define XL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define XL_PRINTF(f, a)
#endif

/* ------------------------------------------------------------------ */
/* growable byte buffer                                                 */

typedef struct {
    char *p;
    size_t len, cap;
} buf;

/* ASCII case folding: <ctype.h> would follow the caller's locale. */
static inline int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static inline int buf_reserve(buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return -1;
    if (extra > SIZE_MAX - b->len - 1 - TCS_CELL_SLACK)
        return -1;
    /* room for a terminator, and the slack reader.h promises after cells */
    size_t need = b->len + extra + 1 + TCS_CELL_SLACK;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->p, cap);
    if (!p)
        return -1;
    memset(p + b->cap, 0, cap - b->cap);
    b->p = p;
    b->cap = cap;
    return 0;
}

static inline int buf_add(buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n) != 0)
        return -1;
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

static inline void buf_free(buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

/* ------------------------------------------------------------------ */
/* reader state                                                         */

enum sheet_kind { SK_WORKSHEET, SK_CHART, SK_OTHER, SK_UNKNOWN };

typedef struct {
    char *name;
    char *rid;
    char state[12];
    int kind;
    char *part; /* resolved zip entry name */
} sheet_ent;

typedef struct {
    char *id, *type, *target;
    int external;
} rel_ent;

typedef struct {
    const char *path;
    tcs_error *err;
    tcs_status status;
    zip_t *za;
    tcs_source_info *info;

    /* workbook */
    char *wb_part;
    int date1904;
    sheet_ent *sheets;
    size_t nsheets, cap_sheets;
    rel_ent *rels;
    size_t nrels, cap_rels;

    /* shared strings: NUL-terminated strings back to back, offsets into it */
    buf sst;
    size_t *sst_off;
    size_t nsst, cap_sst;

    /* styles: for each cellXfs entry, whether its number format is a date */
    unsigned char *xf_date;
    size_t nxf, cap_xf;
} rd;

/* Record the reader's first failure: its status, and the error located in
 * the workbook. Returns st. */
tcs_status tcs_xl_fail(rd *r, tcs_status st, long row, long col, const char *fmt, ...)
    XL_PRINTF(5, 6);
tcs_status tcs_xl_fail_v(rd *r, tcs_status st, long row, long col, const char *fmt, va_list ap)
    XL_PRINTF(5, 0);
tcs_status tcs_xl_nomem(rd *r);

static inline char *xstrdup(const char *s)
{
    return tcs_strndup(s, strlen(s));
}

/* Make room for `need` elements; returns the (possibly moved) array, or
 * NULL with the old one untouched. */
void *tcs_xl_grow_to(void *arr, size_t *cap, size_t need, size_t elem);

#define GROW(arr, cap, need)                                                                       \
    grow_set((void *)&(arr), tcs_xl_grow_to((arr), &(cap), (need), sizeof *(arr)))

/* Store a grown array back through a byte copy (no type-punned pointer). */
static inline int grow_set(void *dst, void *p)
{
    if (!p)
        return -1;
    memcpy(dst, &p, sizeof p);
    return 0;
}

/* A whole number of at most max, digits only, white space around allowed. */
int tcs_xl_parse_uint(const char *s, unsigned long long max, unsigned long long *out);

static inline int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* ------------------------------------------------------------------ */
/* the zip archive (xlsx_zip.c)                                         */

/* Open the file as a zip archive, refusing legacy .xls and encrypted
 * workbooks (OLE2 files) and archives with too many entries. */
tcs_status tcs_xl_open_zip(rd *r);
/* Refuse .ods and .xlsb, which are zip archives too. */
tcs_status tcs_xl_refuse_other_zips(rd *r);
/* The entry of a part name (case-insensitive, as OPC has it), or -1. */
zip_int64_t tcs_xl_locate(rd *r, const char *name);

/* An entry being read: every byte counted against its limits. */
typedef struct {
    zip_file_t *zf;
    const char *name;
    zip_uint64_t limit, comp, declared, total;
} xl_entry;

/* Open entry idx of at most limit bytes uncompressed, refusing one whose
 * declared size or compression ratio is over the limits. */
tcs_status tcs_xl_entry_open(rd *r, zip_int64_t idx, const char *name, zip_uint64_t limit,
                             xl_entry *e);
/* Read up to n bytes: how many (0 at the end), or -1 on a read error or a
 * limit passed (the failure recorded). */
zip_int64_t tcs_xl_entry_read(rd *r, xl_entry *e, void *dst, zip_uint64_t n);
void tcs_xl_entry_close(xl_entry *e);

/* ------------------------------------------------------------------ */
/* XML parts (xlsx_xml.c)                                               */

enum { NSK_NONE, NSK_SML, NSK_OTHER };

typedef struct xp xp;
struct xp {
    rd *r;
    const char *part;
    XML_Parser p;
    int depth;
    void (*start)(xp *x, int ns, const char *local, const char **atts);
    void (*end)(xp *x, int ns, const char *local);
    void (*text)(xp *x, const char *s, int len);
    void *ud;
};

/* tcs_xl_fail, and stop the parse. */
tcs_status tcs_xl_xfail(xp *x, tcs_status st, long row, long col, const char *fmt, ...)
    XL_PRINTF(5, 6);

/* Attribute without a namespace (most SpreadsheetML attributes). */
static inline const char *attr(const char **atts, const char *local)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (!strchr(atts[i], NS_SEP) && strcmp(atts[i], local) == 0)
            return atts[i + 1];
    return NULL;
}

/* r:id style attribute: in any ".../relationships" namespace. */
const char *tcs_xl_attr_rel(const char **atts, const char *local);

static inline int is_sml(int ns)
{
    return ns == NSK_SML || ns == NSK_NONE;
}

/* Parse one zip entry as XML, streaming it through expat in chunks; x's
 * handlers and ud say what to make of it. */
tcs_status tcs_xl_parse_part(rd *r, zip_int64_t idx, const char *name, zip_uint64_t limit, xp *x);

/* ------------------------------------------------------------------ */
/* the package and the workbook (xlsx_workbook.c)                       */

/* The workbook part (r->wb_part): through the package relationships, else
 * [Content_Types].xml, else xl/workbook.xml. */
tcs_status tcs_xl_find_workbook(rd *r);
/* "xl/workbook.xml" -> dir "xl/" and rels "xl/_rels/workbook.xml.rels" */
int tcs_xl_part_rels_name(const char *part, char *dir, size_t dirsz, char *rels, size_t relsz);
/* workbook.xml (its sheets and date system), then its relationships. */
tcs_status tcs_xl_load_workbook(rd *r, const char *relsname);
/* Each sheet's part and kind; dir is the workbook's folder. */
tcs_status tcs_xl_sheet_parts(rd *r, const char *dir);
/* The workbook's sheets and their states into the source info. */
void tcs_xl_report_sheets(rd *r);
/* The sheet to read (want, or the first visible worksheet), which must be
 * a worksheet with a part. */
tcs_status tcs_xl_pick_sheet(rd *r, const char *want, const sheet_ent **out);
/* Styles and shared strings, if the workbook has them; dir is its folder. */
tcs_status tcs_xl_load_shared_parts(rd *r, const char *dir);
void tcs_xl_rels_clear(rd *r);

/* ------------------------------------------------------------------ */
/* styles, numbers and dates (xlsx_styles.c)                            */

/* styles.xml: for each cell style, whether it shows a date (r->xf_date). */
tcs_status tcs_xl_load_styles(rd *r, const char *name);
/* Strict decimal number syntax, as Excel writes <v>; no hex, inf or nan. */
int tcs_xl_parse_number(const char *s, double *out);
/* Digits only, no leading zero, at most 15 digits: a whole number that
 * tcs_xl_format_number would give back unchanged. */
bool tcs_xl_plain_integer(const char *v, size_t len);
/* Excel "General": integers without a decimal point, other values with 15
 * significant digits. */
void tcs_xl_format_number(double v, char *out, size_t n);
/* A date serial as text; -1 when out of Excel's range. */
int tcs_xl_format_date(double serial, int date1904, char *out, size_t n);

/* ------------------------------------------------------------------ */
/* shared strings (xlsx_strings.c)                                      */

/* The text of a rich string (<si> in the shared strings, <is> in a cell):
 * its <t> runs, but not those of phonetic guides (<rPh>). */
typedef struct {
    int in_t; /* in a <t> whose text counts */
    int rph;  /* depth of <rPh> */
} xl_runs;

/* An element starting within the string: true if it was <t> or <rPh>. */
static inline bool xl_runs_start(xl_runs *k, const char *local)
{
    if (strcmp(local, "rPh") == 0) {
        k->rph++;
        return true;
    }
    if (k->rph == 0 && strcmp(local, "t") == 0) {
        k->in_t = 1;
        return true;
    }
    return false;
}

/* An element ending: true if it was </t> or </rPh>. */
static inline bool xl_runs_end(xl_runs *k, const char *local)
{
    if (strcmp(local, "t") == 0) {
        k->in_t = 0;
        return true;
    }
    if (strcmp(local, "rPh") == 0) {
        if (k->rph > 0)
            k->rph--;
        return true;
    }
    return false;
}

/* sharedStrings.xml into r->sst, if the part exists. */
tcs_status tcs_xl_load_shared_strings(rd *r, const char *name);
/* Decode Excel's _xHHHH_ escapes in place; returns the new length. */
size_t tcs_xl_decode_escapes(char *s, size_t n);

/* ------------------------------------------------------------------ */
/* the worksheet (xlsx_sheet.c)                                         */

/* Stream sheet s, one record per row, to fn. */
tcs_status tcs_xl_read_sheet(rd *r, const sheet_ent *s, tcs_record_fn fn, void *ctx);

#endif
