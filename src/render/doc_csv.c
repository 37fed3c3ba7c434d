/* doc_csv.c - the CSV back-end: a CSV file holds one table, so the
 * document's CSV tables (the whole survey's and each group's) are written
 * one after another under one header, each row led by its table's prefix
 * cells (the group and whether it is suppressed); a placeholder table (a
 * suppressed group) is one row of its prefix and empty cells. Rows end in
 * CRLF (RFC 4180); text goes through tcs_put_csv_text. */
#include "render/doc.h"

#include <stdalign.h>
#include <stdlib.h>

typedef struct {
    FILE *fp;
    bool header_done, failed;
} csv;

static void header_cells(csv *w, const tcs_flat *flat, size_t n, const tcs_table *t, bool first)
{
    for (size_t i = 0; i < n; i++) {
        const tcs_col *c = flat[i].col;
        size_t span = tcs_doc_span(c, t);
        for (size_t k = 0; k < span; k++) {
            fputs(first && i == 0 && k == 0 ? "" : ",", w->fp);
            char key[256];
            if (c->type == TCS_V_INTERVAL) {
                snprintf(key, sizeof key, "%s_lo", c->key);
                tcs_put_csv_text(w->fp, key);
                fputc(',', w->fp);
                snprintf(key, sizeof key, "%s_hi", c->key);
            } else if (c->flags & TCS_COL_MULTI)
                snprintf(key, sizeof key, "%s_%s", c->key, t->labels[k]); /* a wave's label */
            else
                snprintf(key, sizeof key, "%s", c->key);
            tcs_put_csv_text(w->fp, key);
        }
    }
}

static void cell(csv *w, const tcs_col *c, const tcs_value *v)
{
    char buf[40];
    if (!v->present) {
        if (c->type == TCS_V_INTERVAL)
            fputc(',', w->fp);
        return;
    }
    switch (c->type) {
    case TCS_V_TEXT:
    case TCS_V_CHARS: tcs_put_csv_text(w->fp, v->text); break;
    case TCS_V_LONG:
    case TCS_V_INT: fprintf(w->fp, "%ld", v->i); break;
    case TCS_V_SIZE: fprintf(w->fp, "%zu", v->z); break;
    case TCS_V_NUM:
    case TCS_V_PERCENT:
        tcs_doc_data_num(v->x, buf, sizeof buf);
        fputs(buf, w->fp);
        break;
    case TCS_V_BOOL:
    case TCS_V_TRI:
        if (c->flags & TCS_COL_YESNO)
            fputs(v->i ? "yes" : "no", w->fp);
        else
            fputs(v->i ? "true" : "false", w->fp);
        break;
    case TCS_V_INTERVAL:
        tcs_doc_data_num(v->x, buf, sizeof buf);
        fprintf(w->fp, "%s,", buf);
        tcs_doc_data_num(v->y, buf, sizeof buf);
        fputs(buf, w->fp);
        break;
    default: break;
    }
}

/* The cells of one row of t; first: no comma before the first. */
static void row_cells(csv *w, const tcs_flat *flat, size_t n, const tcs_table *t, const void *row,
                      bool first)
{
    tcs_value v;
    for (size_t i = 0; i < n; i++) {
        size_t span = tcs_doc_span(flat[i].col, t);
        for (size_t k = 0; k < span; k++) {
            fputs(first && i == 0 && k == 0 ? "" : ",", w->fp);
            tcs_doc_value(&flat[i], row, k, t, &v);
            cell(w, flat[i].col, &v);
        }
    }
}

/* How many cells a row of these columns has. */
static size_t width(const tcs_flat *flat, size_t n, const tcs_table *t)
{
    size_t cells = 0;
    for (size_t i = 0; i < n; i++)
        cells += flat[i].col->type == TCS_V_INTERVAL ? 2 : tcs_doc_span(flat[i].col, t);
    return cells;
}

static void table(csv *w, const tcs_block *b)
{
    const tcs_table *t = &b->t;
    size_t n, np = 0;
    tcs_flat *flat = tcs_cols_flat(t->cols, TCS_F_CSV, &n);
    tcs_flat *pre = t->prefix ? tcs_cols_flat(t->prefix, TCS_F_CSV, &np) : NULL;
    if (!flat || (t->prefix && !pre)) {
        free(flat);
        free(pre);
        w->failed = true;
        return;
    }
    tcs_table pt = *t;
    pt.cols = t->prefix;
    if (!w->header_done) {
        header_cells(w, pre, np, &pt, true);
        header_cells(w, flat, n, t, np == 0);
        fputs("\r\n", w->fp);
        w->header_done = true;
    }
    alignas(max_align_t) unsigned char scratch[TCS_ROW_SCRATCH];
    size_t rows = b->flags & TCS_BLOCK_PLACEHOLDER ? 1 : t->rows.n;
    for (size_t k = 0; k < rows; k++) {
        row_cells(w, pre, np, &pt, t->prefix_row, true);
        if (b->flags & TCS_BLOCK_PLACEHOLDER) {
            for (size_t i = width(flat, n, t); i > 0; i--)
                fputc(',', w->fp);
        } else
            row_cells(w, flat, n, t, tcs_rows_at(&t->rows, k, scratch), np == 0);
        fputs("\r\n", w->fp);
    }
    free(flat);
    free(pre);
}

static void blocks(csv *w, const tcs_block *b)
{
    for (; b; b = b->next) {
        if (!(b->formats & TCS_F_CSV))
            continue;
        if (b->kind == TCS_BLOCK_TABLE)
            table(w, b);
        else if (b->kind == TCS_BLOCK_SECTIONS || b->kind == TCS_BLOCK_SECTION)
            blocks(w, b->first);
    }
}

tcs_status tcs_doc_write_csv(FILE *fp, const tcs_doc *d, tcs_error *err)
{
    csv w = {fp, false, false};
    blocks(&w, tcs_doc_first(d));
    if (w.failed)
        return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    return TCS_OK;
}
