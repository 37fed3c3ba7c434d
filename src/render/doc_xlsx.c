/* doc_xlsx.c - the Excel back-end, written with libxlsxwriter: the
 * document's CSV tables, typed. Each TCS_BLOCK_SHEET section is a sheet
 * of its own, named by its key; tables outside any go to one sheet named
 * by the first one's key. Within a sheet, as in CSV, its tables follow
 * one another under one header (each row led by its table's prefix
 * cells); the header is the CSV's, in bold, frozen, with a filter.
 * Numbers are stored as numbers with a format (the column's decimals for
 * people; percentages as percentages; changes of a share in points),
 * yes/no as booleans, text as text, never a formula; a cell whose value
 * has a RAG class is filled with its colour. libxlsxwriter writes to a
 * file, so the workbook is made in a private temporary file and copied
 * to fp. */
#define _POSIX_C_SOURCE 200809L
#include "render/doc.h"

#include <errno.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define CELL_MAX 32767 /* bytes Excel keeps in a cell */
#define FORMATS_MAX 64

typedef struct {
    const char *num; /* number format, NULL = General */
    unsigned fill;   /* 0 = none */
    bool bold, white;
    lxw_format *f;
} fmt_key;

typedef struct {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_row_t row;
    bool header_done;
    size_t ncols;   /* the sheet's header cells */
    double *widths; /* per column, characters */
    size_t wcap;
    fmt_key formats[FORMATS_MAX];
    size_t nformats;
    char names[64][LXW_MAX_SHEETNAME_LENGTH]; /* sheets made (for unique names) */
    size_t nsheets;
    char *text;     /* CELL_MAX + 1 bytes */
    bool failed, nomem;
    lxw_error error;
} xlsx;

static lxw_format *format(xlsx *x, const char *num, unsigned fill, bool bold, bool white)
{
    for (size_t i = 0; i < x->nformats; i++) {
        fmt_key *k = &x->formats[i];
        if (k->fill == fill && k->bold == bold && k->white == white &&
            (k->num == num || (k->num && num && strcmp(k->num, num) == 0)))
            return k->f;
    }
    if (x->nformats == FORMATS_MAX)
        return NULL; /* General, unfilled: the value is still right */
    lxw_format *f = workbook_add_format(x->wb);
    if (!f)
        return NULL;
    if (num)
        format_set_num_format(f, num);
    if (fill) {
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, fill);
    }
    if (bold)
        format_set_bold(f);
    if (white)
        format_set_font_color(f, LXW_COLOR_WHITE);
    x->formats[x->nformats++] = (fmt_key){num, fill, bold, white, f};
    return f;
}

/* A RAG class ("rag green") as its fill, white text on the dark ones. */
static unsigned rag_fill(const char *cls, bool *white)
{
    static const struct {
        const char *word;
        unsigned fill;
        bool white;
    } rag[] = {{"green", 0x2E7D32, true},
               {"amber", 0xF2A900, false},
               {"red", 0xC62828, true},
               {"grey", 0x9E9E9E, false}};
    *white = false;
    for (size_t i = 0; cls && i < sizeof rag / sizeof rag[0]; i++)
        if (strstr(cls, rag[i].word)) {
            *white = rag[i].white;
            return rag[i].fill;
        }
    return 0;
}

static void note_width(xlsx *x, size_t col, double w)
{
    if (col >= x->wcap) {
        size_t cap = col * 2 + 16;
        double *nw = realloc(x->widths, cap * sizeof *nw);
        if (!nw) {
            x->nomem = true;
            return;
        }
        memset(nw + x->wcap, 0, (cap - x->wcap) * sizeof *nw);
        x->widths = nw;
        x->wcap = cap;
    }
    if (w > x->widths[col])
        x->widths[col] = w;
}

static void check(xlsx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && !x->failed) {
        x->failed = true;
        x->error = e;
    }
}

static void put_text(xlsx *x, lxw_col_t col, const char *s, lxw_format *f)
{
    tcs_sheet_text(s, x->text, CELL_MAX + 1);
    check(x, worksheet_write_string(x->ws, x->row, col, x->text, f));
    size_t chars = 0;
    for (const char *p = x->text; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    note_width(x, col, chars > 60 ? 60 : (double)chars);
}

/* The number format of a NUM (or INTERVAL) column, and its value as stored. */
static const char *num_format(const tcs_col *c, double *v)
{
    static const char *const fixed[] = {"0", "0.0", "0.00", "0.000", "0.0000"};
    if (c->flags & TCS_COL_PERCENT) {
        *v /= 100.0;
        return "0.0%";
    }
    if (c->flags & TCS_COL_POINTS)
        return "+0.0\" pp\";-0.0\" pp\";0.0\" pp\"";
    if (c->type == TCS_V_PERCENT) {
        *v /= 100.0;
        return c->prec > 0 ? "0.0%" : "0%";
    }
    return c->prec > 0 && c->prec < 5 ? fixed[c->prec] : NULL;
}

static void put_number(xlsx *x, lxw_col_t col, const tcs_col *c, double v)
{
    const char *num = num_format(c, &v);
    check(x, worksheet_write_number(x->ws, x->row, col, v, num ? format(x, num, 0, false, false)
                                                               : NULL));
    note_width(x, col, 10);
}

/* One value's cells from col on; returns how many it takes. */
static size_t put_value(xlsx *x, lxw_col_t col, const tcs_col *c, const tcs_value *v)
{
    size_t width = c->type == TCS_V_INTERVAL ? 2 : 1;
    if (!v->present)
        return width;
    bool white;
    unsigned fill = rag_fill(v->cls, &white);
    switch (c->type) {
    case TCS_V_TEXT:
    case TCS_V_CHARS:
        put_text(x, col, v->text, fill ? format(x, NULL, fill, true, white) : NULL);
        break;
    case TCS_V_LONG:
    case TCS_V_INT:
        check(x, worksheet_write_number(x->ws, x->row, col, (double)v->i, format(x, "0", 0, false,
                                                                                   false)));
        break;
    case TCS_V_SIZE:
        check(x, worksheet_write_number(x->ws, x->row, col, (double)v->z, format(x, "0", 0, false,
                                                                                   false)));
        break;
    case TCS_V_NUM:
    case TCS_V_PERCENT: put_number(x, col, c, v->x); break;
    case TCS_V_BOOL:
    case TCS_V_TRI:
        if (c->flags & TCS_COL_YESNO)
            put_text(x, col, v->i ? "yes" : "no", NULL);
        else
            check(x, worksheet_write_boolean(x->ws, x->row, col, v->i != 0, NULL));
        break;
    case TCS_V_INTERVAL:
        put_number(x, col, c, v->x);
        put_number(x, (lxw_col_t)(col + 1), c, v->y);
        break;
    default: break;
    }
    return width;
}

/* The CSV's header cells of these columns, from col on. */
static size_t header_cells(xlsx *x, size_t col, const tcs_flat *flat, size_t n, const tcs_table *t)
{
    lxw_format *bold = format(x, NULL, 0xEEEEEE, true, false);
    char key[320];
    for (size_t i = 0; i < n; i++) {
        const tcs_col *c = flat[i].col;
        for (size_t k = 0; k < tcs_doc_span(c, t); k++) {
            if (c->type == TCS_V_INTERVAL) {
                snprintf(key, sizeof key, "%s_lo", c->key);
                put_text(x, (lxw_col_t)col++, key, bold);
                snprintf(key, sizeof key, "%s_hi", c->key);
            } else if (c->flags & TCS_COL_MULTI)
                snprintf(key, sizeof key, "%s_%s", c->key, t->labels[k]);
            else
                snprintf(key, sizeof key, "%s", c->key ? c->key : "");
            put_text(x, (lxw_col_t)col++, key, bold);
        }
    }
    return col;
}

static size_t row_cells(xlsx *x, size_t col, const tcs_flat *flat, size_t n, const tcs_table *t,
                        const void *row)
{
    tcs_value v;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < tcs_doc_span(flat[i].col, t); k++) {
            tcs_doc_value(&flat[i], row, k, t, &v);
            col += put_value(x, (lxw_col_t)col, flat[i].col, &v);
        }
    return col;
}

/* A sheet name Excel takes: at most 31 characters, none of []:*?/\,
 * unique ignoring case. */
static void sheet_name(xlsx *x, const char *want, char *out, size_t outsz)
{
    char base[LXW_MAX_SHEETNAME_LENGTH];
    tcs_sheet_text(want && *want ? want : "Table", base, sizeof base);
    size_t chars = 0, i = 0;
    for (; base[i]; i++) {
        if (strchr("[]:*?/\\'", base[i]))
            base[i] = ' ';
        if (((unsigned char)base[i] & 0xC0) != 0x80 && ++chars > 27)
            break;
    }
    base[i] = '\0';
    snprintf(out, outsz, "%s", base);
    for (int k = 2;; k++) {
        bool clash = false;
        for (size_t s = 0; s < x->nsheets && !clash; s++)
            clash = strcasecmp(x->names[s], out) == 0;
        if (!clash)
            break;
        snprintf(out, outsz, "%.100s (%d)", base, k);
    }
}

/* Widths of the sheet now done, and its header frozen with a filter. */
static void finish_sheet(xlsx *x)
{
    if (!x->ws)
        return;
    for (size_t c = 0; c < x->wcap && c < x->ncols; c++)
        check(x, worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c,
                                      x->widths[c] < 8 ? 8 : x->widths[c] + 1, NULL));
    if (x->header_done && x->ncols > 0) {
        worksheet_freeze_panes(x->ws, 1, 0);
        check(x, worksheet_autofilter(x->ws, 0, 0, x->row > 0 ? x->row - 1 : 0,
                                      (lxw_col_t)(x->ncols - 1)));
    }
    x->ws = NULL;
}

static void new_sheet(xlsx *x, const char *name)
{
    finish_sheet(x);
    char final[LXW_MAX_SHEETNAME_LENGTH];
    sheet_name(x, name, final, sizeof final);
    if (x->nsheets < sizeof x->names / sizeof x->names[0])
        snprintf(x->names[x->nsheets++], sizeof x->names[0], "%s", final);
    x->ws = workbook_add_worksheet(x->wb, final);
    if (!x->ws)
        check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    x->row = 0;
    x->header_done = false;
    x->ncols = 0;
    if (x->widths)
        memset(x->widths, 0, x->wcap * sizeof *x->widths);
}

static void table(xlsx *x, const tcs_block *b)
{
    const tcs_table *t = &b->t;
    size_t n, np = 0;
    tcs_flat *flat = tcs_cols_flat(t->cols, TCS_F_CSV, &n);
    tcs_flat *pre = t->prefix ? tcs_cols_flat(t->prefix, TCS_F_CSV, &np) : NULL;
    if (!flat || (t->prefix && !pre)) {
        free(flat);
        free(pre);
        x->nomem = true;
        return;
    }
    if (!x->ws)
        new_sheet(x, b->key);
    tcs_table pt = *t;
    pt.cols = t->prefix;
    if (!x->header_done && x->ws) {
        size_t col = header_cells(x, 0, pre, np, &pt);
        x->ncols = header_cells(x, col, flat, n, t);
        x->row++;
        x->header_done = true;
    }
    alignas(max_align_t) unsigned char scratch[TCS_ROW_SCRATCH];
    size_t rows = b->flags & TCS_BLOCK_PLACEHOLDER ? 1 : t->rows.n;
    for (size_t k = 0; x->ws && !x->failed && k < rows; k++) {
        size_t col = row_cells(x, 0, pre, np, &pt, t->prefix_row);
        if (!(b->flags & TCS_BLOCK_PLACEHOLDER))
            row_cells(x, col, flat, n, t, tcs_rows_at(&t->rows, k, scratch));
        x->row++;
    }
    free(flat);
    free(pre);
}

static void blocks(xlsx *x, const tcs_block *b)
{
    for (; b && !x->failed && !x->nomem; b = b->next) {
        if (!(b->formats & TCS_F_CSV))
            continue;
        if (b->kind == TCS_BLOCK_TABLE)
            table(x, b);
        else if (b->kind == TCS_BLOCK_SECTION && (b->flags & TCS_BLOCK_SHEET)) {
            new_sheet(x, b->key);
            blocks(x, b->first);
            finish_sheet(x);
        } else if (b->kind == TCS_BLOCK_SECTIONS || b->kind == TCS_BLOCK_SECTION)
            blocks(x, b->first);
    }
}

/* The temporary file's bytes to fp. */
static bool copy_out(const char *path, FILE *fp)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return false;
    char buf[65536];
    size_t got;
    bool ok = true;
    while (ok && (got = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, got, fp) == got;
    ok = ok && !ferror(in);
    fclose(in);
    return ok;
}

tcs_status tcs_doc_write_xlsx(FILE *fp, const tcs_doc *d, tcs_error *err)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%.4000s/tcsurvey-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return tcs_error_set(err, TCS_EIO, path, 0, 0, "cannot make a temporary file: %s",
                             strerror(errno));
    close(fd);
    xlsx x;
    memset(&x, 0, sizeof x);
    x.text = malloc(CELL_MAX + 1);
    x.wb = x.text ? workbook_new(path) : NULL;
    tcs_status st = TCS_OK;
    if (!x.wb)
        st = tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    if (st == TCS_OK) {
        blocks(&x, tcs_doc_first(d));
        if (x.nsheets == 0)
            new_sheet(&x, "Table");
        finish_sheet(&x);
        lxw_error e = workbook_close(x.wb);
        if (x.nomem)
            st = tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
        else if (x.failed || e != LXW_NO_ERROR)
            st = tcs_error_set(err, TCS_EIO, "", 0, 0, "cannot write the workbook: %s",
                               lxw_strerror(x.failed ? x.error : e));
        else if (!copy_out(path, fp))
            st = tcs_error_set(err, TCS_EIO, "", 0, 0, "error writing the output");
    }
    unlink(path);
    free(x.text);
    free(x.widths);
    return st;
}
