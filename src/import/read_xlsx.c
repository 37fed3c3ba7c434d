/* read_xlsx.c - stream one worksheet of an .xlsx workbook (libzip + expat).
 *
 * Parts are found through the package relationships (_rels/.rels ->
 * officeDocument -> workbook relationships -> worksheet), never by guessing
 * file names. Shared strings and the cell-format table are loaded into
 * memory; the worksheet itself is parsed in chunks and only the current row
 * is kept, so memory does not grow with the number of rows.
 *
 * Every zip entry is read through one function that enforces size and
 * compression-ratio limits on both the declared and the actually inflated
 * size, and every XML part through one parser set-up that refuses DTDs and
 * deep nesting: workbooks come from e-mail attachments and downloads.
 *
 * Records delivered: one per spreadsheet row from row 1 up to the last row
 * holding a non-empty cell. A record's ncells is the column of its last
 * non-empty cell (at least 1); missing cells before that are "". A missing or
 * empty row in the middle is delivered as one empty cell. Trailing empty rows
 * are not delivered; a sheet with no non-empty cell at all is TCS_EEMPTY.
 *
 * This file: the entry point, the steps in the order they are taken, and
 * the reader's state; the parts it reads are in xlsx_*.c (xlsx_internal.h
 * says which does what). */
#include <ctype.h>
#include <stdio.h>

#include "import/xlsx_internal.h"

/* ------------------------------------------------------------------ */
/* reader state                                                         */

tcs_status tcs_xl_fail_v(rd *r, tcs_status st, long row, long col, const char *fmt, va_list ap)
{
    char msg[TCS_ERROR_MSG_MAX];
    vsnprintf(msg, sizeof msg, fmt, ap);
    r->status = st;
    tcs_error_set(r->err, st, r->path, row, col, "%s", msg);
    return st;
}

tcs_status tcs_xl_fail(rd *r, tcs_status st, long row, long col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tcs_xl_fail_v(r, st, row, col, fmt, ap);
    va_end(ap);
    return st;
}

tcs_status tcs_xl_nomem(rd *r)
{
    return tcs_xl_fail(r, TCS_ENOMEM, 0, 0, "out of memory reading the workbook");
}

/* Make room for `need` elements; returns the (possibly moved) array, or
 * NULL with the old one untouched. */
void *tcs_xl_grow_to(void *arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return arr;
    size_t c = *cap ? *cap : 16;
    while (c < need) {
        if (c > SIZE_MAX / 2 / elem)
            return NULL;
        c *= 2;
    }
    void *p = realloc(arr, c * elem);
    if (p)
        *cap = c;
    return p;
}

int tcs_xl_parse_uint(const char *s, unsigned long long max, unsigned long long *out)
{
    unsigned long long v = 0;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (!isdigit((unsigned char)*s))
        return -1;
    for (; isdigit((unsigned char)*s); s++) {
        v = v * 10 + (unsigned)(*s - '0');
        if (v > max)
            return -1;
    }
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (*s)
        return -1;
    *out = v;
    return 0;
}

static void rd_free(rd *r)
{
    tcs_xl_rels_clear(r);
    free(r->rels);
    for (size_t i = 0; i < r->nsheets; i++) {
        free(r->sheets[i].name);
        free(r->sheets[i].rid);
        free(r->sheets[i].part);
    }
    free(r->sheets);
    free(r->wb_part);
    buf_free(&r->sst);
    free(r->sst_off);
    free(r->xf_date);
    if (r->za)
        zip_discard(r->za); /* read-only: nothing to write back */
}

static tcs_status read_workbook(rd *r, const tcs_read_options *opts, tcs_record_fn fn, void *ctx)
{
    if (tcs_xl_open_zip(r) != TCS_OK || tcs_xl_refuse_other_zips(r) != TCS_OK ||
        tcs_xl_find_workbook(r) != TCS_OK)
        return r->status;

    char dir[NAME_MAX_LEN], relsname[NAME_MAX_LEN];
    if (tcs_xl_part_rels_name(r->wb_part, dir, sizeof dir, relsname, sizeof relsname) != 0)
        return tcs_xl_fail(r, TCS_EFORMAT, 0, 0, "workbook part name too long");
    if (tcs_xl_load_workbook(r, relsname) != TCS_OK || tcs_xl_sheet_parts(r, dir) != TCS_OK)
        return r->status;
    tcs_xl_report_sheets(r);
    const sheet_ent *s = NULL;
    if (tcs_xl_pick_sheet(r, opts ? opts->sheet : NULL, &s) != TCS_OK ||
        tcs_xl_load_shared_parts(r, dir) != TCS_OK)
        return r->status;
    return tcs_xl_read_sheet(r, s, fn, ctx);
}

tcs_status tcs_read_xlsx(const char *path, const tcs_read_options *opts, tcs_record_fn fn,
                         void *ctx, tcs_source_info *info, tcs_error *err)
{
    if (info) {
        memset(info, 0, sizeof *info);
        snprintf(info->format, sizeof info->format, "xlsx");
        info->kind = TCS_SOURCE_XLSX;
        snprintf(info->encoding, sizeof info->encoding, "UTF-8");
    }
    if (!path)
        return tcs_error_set(err, TCS_EINVAL, "", 0, 0, "no input file given");
    rd r;
    memset(&r, 0, sizeof r);
    r.path = path;
    r.err = err;
    r.info = info;
    tcs_status st = read_workbook(&r, opts, fn, ctx);
    rd_free(&r);
    return st;
}
