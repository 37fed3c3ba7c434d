/* doc_term.c - the terminal back-end: headings and paragraphs as lines,
 * a blank line between blocks (none after a heading: it heads what
 * follows, unless that is another heading), records as "label: value" lines, tables as aligned columns.
 *
 * Every text goes through tcs_term_text (escape.h), so no control
 * character from an input reaches the terminal. Widths count characters
 * (UTF-8), not bytes: a column is as wide as its header, its width hint
 * and its widest cell (cut to the column's max with "..."; a column
 * without a max, such as an id, is never cut), so every cell of a column
 * starts at the same place. The last column is not padded; on a terminal
 * it runs to the terminal's edge. A cut text keeps a grid row's "[Row]". */
#define _POSIX_C_SOURCE 200809L
#include "render/doc.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

typedef struct {
    FILE *fp;
    const tcs_block *root;
    bool any, after_heading, failed;
    size_t width; /* of the terminal written to; 0 = not a terminal */
} term;

/* Terminal-safe copy of s (malloc'd), or NULL when out of memory. */
static char *safe(const char *s)
{
    size_t n = strlen(s ? s : "") * 3 + 1;
    char *buf = malloc(n);
    return buf ? tcs_term_text(s, buf, n) : NULL;
}

static size_t chars(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void spaces(FILE *fp, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc(' ', fp);
}

/* The byte offset of the first n characters of s. */
static size_t bytes_of(const char *s, size_t n)
{
    size_t i = 0;
    for (size_t c = 0; s[i] && c < n; c++) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
    }
    return i;
}

/* s, cut to max characters ("..." in the last three) when longer. A text
 * that ends in a grid's row, "Question ... [Row]", keeps its row and is
 * cut before it ("Question ... [Row]" as "Questio... [Row]") when at least
 * 12 characters of the question are left, so that the rows of a grid
 * read apart. */
static void put_cut(FILE *fp, const char *s, size_t max)
{
    size_t len = chars(s);
    if (!max || len <= max) {
        fputs(s, fp);
        return;
    }
    size_t blen = strlen(s);
    const char *open = blen && s[blen - 1] == ']' ? strrchr(s, '[') : NULL;
    size_t tail = open ? chars(open) : 0;
    if (open && open > s && tail + 4 + 12 <= max) {
        fwrite(s, 1, bytes_of(s, max - tail - 4), fp);
        fputs("... ", fp);
        fputs(open, fp);
        return;
    }
    fwrite(s, 1, bytes_of(s, max > 3 ? max - 3 : 0), fp);
    fputs("...", fp);
}

/* ---- tables ---- */

typedef struct {
    const tcs_flat *flat;
    size_t k;     /* label of a MULTI column */
    size_t width;
    size_t gap;
    bool dropped;
} tcol;

typedef struct {
    char *text, *suffix;
    size_t len; /* characters of text (cut to the column's max) and suffix */
    bool present;
} tcell;

typedef struct {
    const tcs_block *b;
    tcs_flat *flat;
    tcol *cols;
    size_t ncols, nrows;
    tcell *cells; /* nrows x ncols */
} prepared;

static void prepared_free(prepared *p)
{
    for (size_t i = 0; p->cells && i < p->nrows * p->ncols; i++) {
        free(p->cells[i].text);
        free(p->cells[i].suffix);
    }
    free(p->cells);
    free(p->cols);
    free(p->flat);
}

static bool fill_cell(tcell *cell, const tcol *tc, const void *row, const tcs_table *t)
{
    const tcs_col *c = tc->flat->col;
    tcs_value v;
    char buf[512];
    tcs_doc_value(tc->flat, row, tc->k, t, &v);
    const char *s = tcs_doc_people_text(c, &v, buf, sizeof buf);
    char *indented = NULL;
    if (v.indent > 0 && (indented = malloc(strlen(s) + 2 * (size_t)v.indent + 1))) {
        memset(indented, ' ', 2 * (size_t)v.indent);
        strcpy(indented + 2 * v.indent, s);
        s = indented;
    }
    cell->text = safe(s);
    free(indented);
    cell->suffix = v.suffix && v.present ? safe(v.suffix) : NULL;
    cell->present = v.present;
    if (!cell->text || (v.suffix && v.present && !cell->suffix))
        return false;
    size_t len = chars(cell->text);
    cell->len = (c->max && len > c->max ? c->max : len) + chars(cell->suffix);
    return true;
}

/* The table's columns in the terminal (a MULTI column: one per label) and
 * its cells. */
static bool prepare(prepared *p, const tcs_block *b)
{
    const tcs_table *t = &b->t;
    memset(p, 0, sizeof *p);
    p->b = b;
    size_t n, total = 0;
    p->flat = tcs_cols_flat(t->cols, TCS_F_TABLE, &n);
    if (!p->flat)
        return false;
    for (size_t i = 0; i < n; i++)
        total += tcs_doc_span(p->flat[i].col, t);
    p->cols = calloc(total ? total : 1, sizeof *p->cols);
    p->nrows = t->rows.n;
    p->cells = calloc(p->nrows * total + 1, sizeof *p->cells);
    if (!p->cols || !p->cells)
        return false;
    for (size_t i = 0; i < n; i++) {
        const tcs_col *c = p->flat[i].col;
        for (size_t k = 0; k < tcs_doc_span(c, t); k++) {
            tcol *tc = &p->cols[p->ncols++];
            tc->flat = &p->flat[i];
            tc->k = k;
            tc->gap = k > 0 && (c->flags & TCS_COL_TIGHT) ? 0 : c->gap ? c->gap : 1;
        }
    }
    alignas(max_align_t) unsigned char scratch[TCS_ROW_SCRATCH];
    for (size_t r = 0; r < p->nrows; r++) {
        const void *row = tcs_rows_at(&t->rows, r, scratch);
        for (size_t i = 0; i < p->ncols; i++)
            if (!fill_cell(&p->cells[r * p->ncols + i], &p->cols[i], row, t))
                return false;
    }
    return true;
}

static size_t header_chars(const tcol *tc, const tcs_table *t)
{
    char buf[160];
    return chars(tcs_doc_header(tc->flat->col, tc->k, t, true, buf, sizeof buf));
}

static void own_widths(prepared *p)
{
    for (size_t i = 0; i < p->ncols; i++) {
        tcol *tc = &p->cols[i];
        const tcs_col *c = tc->flat->col;
        size_t w = c->width, h = header_chars(tc, &p->b->t);
        bool any = false;
        for (size_t r = 0; r < p->nrows; r++) {
            const tcell *cell = &p->cells[r * p->ncols + i];
            any = any || cell->present;
            w = cell->len > w ? cell->len : w;
        }
        tc->width = h > w ? h : w;
        tc->dropped = (c->flags & TCS_COL_DROP_EMPTY) && !any;
    }
}

/* Widen p's columns to those of the other tables of its align. */
static void align_with(term *tm, prepared *p, const tcs_block *b)
{
    for (; b; b = b->next) {
        if (b->kind == TCS_BLOCK_SECTIONS || b->kind == TCS_BLOCK_SECTION)
            align_with(tm, p, b->first);
        if (b == p->b || b->kind != TCS_BLOCK_TABLE || !(b->formats & TCS_F_TABLE) ||
            b->t.align != p->b->t.align)
            continue;
        prepared q;
        if (!prepare(&q, b)) {
            tm->failed = true;
            prepared_free(&q);
            continue;
        }
        own_widths(&q);
        for (size_t i = 0; i < p->ncols; i++)
            for (size_t j = 0; j < q.ncols; j++) {
                const char *a = p->cols[i].flat->col->key, *c = q.cols[j].flat->col->key;
                if (a && c && strcmp(a, c) == 0 && p->cols[i].k == q.cols[j].k &&
                    q.cols[j].width > p->cols[i].width)
                    p->cols[i].width = q.cols[j].width;
            }
        prepared_free(&q);
    }
}

/* One line: the header (row SIZE_MAX) or a row. */
static void line(term *tm, const prepared *p, size_t row)
{
    size_t last = p->ncols;
    while (last > 0 && p->cols[last - 1].dropped)
        last--;
    spaces(tm->fp, (size_t)p->b->t.indent);
    bool first = true;
    size_t pos = (size_t)p->b->t.indent; /* characters written */
    for (size_t i = 0; i < last; i++) {
        const tcol *tc = &p->cols[i];
        if (tc->dropped)
            continue;
        const tcs_col *c = tc->flat->col;
        if (!first)
            spaces(tm->fp, tc->gap);
        pos += first ? 0 : tc->gap;
        first = false;
        char hbuf[160];
        const tcell *cell = row == SIZE_MAX ? NULL : &p->cells[row * p->ncols + i];
        const char *text = cell ? cell->text
                                : tcs_doc_header(c, tc->k, &p->b->t, true, hbuf, sizeof hbuf);
        size_t len = cell ? cell->len : chars(text);
        size_t pad = tc->width > len ? tc->width - len : 0;
        if (c->align == TCS_ALIGN_RIGHT)
            spaces(tm->fp, pad);
        /* the last column (a statement, a heading) may run to the
         * terminal's edge rather than stop at its usual width */
        size_t max = cell ? c->max : 0;
        if (max && i + 1 == last && tm->width > pos + max)
            max = tm->width - pos - (cell->suffix ? chars(cell->suffix) : 0);
        put_cut(tm->fp, text, max);
        if (cell && cell->suffix)
            fputs(cell->suffix, tm->fp);
        if (c->align == TCS_ALIGN_LEFT && i + 1 < last)
            spaces(tm->fp, pad);
        pos += tc->width;
    }
    fputc('\n', tm->fp);
}

static void table(term *tm, const tcs_block *b)
{
    prepared p;
    if (!prepare(&p, b)) {
        tm->failed = true;
        prepared_free(&p);
        return;
    }
    own_widths(&p);
    if (b->t.align)
        align_with(tm, &p, tm->root);
    if (!(b->flags & TCS_BLOCK_NO_HEADER))
        line(tm, &p, SIZE_MAX);
    for (size_t r = 0; r < p.nrows; r++)
        line(tm, &p, r);
    prepared_free(&p);
}

/* ---- other blocks ---- */

static void text_line(term *tm, const char *s, size_t indent)
{
    char *t = safe(s);
    if (!t) {
        tm->failed = true;
        return;
    }
    spaces(tm->fp, indent);
    fputs(t, tm->fp);
    fputc('\n', tm->fp);
    free(t);
}

static void record(term *tm, const tcs_block *b)
{
    const tcs_table *t = &b->t;
    size_t n;
    tcs_flat *flat = tcs_cols_flat(t->cols, TCS_F_TABLE, &n);
    if (!flat) {
        tm->failed = true;
        return;
    }
    const void *row = tcs_rows_at(&t->rows, 0, NULL);
    for (size_t i = 0; i < n; i++) {
        const tcs_col *c = flat[i].col;
        tcs_value v;
        char buf[512], hbuf[160], label[200];
        tcs_doc_value(&flat[i], row, 0, t, &v);
        if (!v.present && (c->flags & TCS_COL_OMIT))
            continue;
        snprintf(label, sizeof label, "%s:", tcs_doc_header(c, 0, t, true, hbuf, sizeof hbuf));
        char *l = safe(label), *s = safe(tcs_doc_people_text(c, &v, buf, sizeof buf));
        char *suffix = v.suffix ? safe(v.suffix) : NULL;
        if (l && s)
            fprintf(tm->fp, "%-12s %s%s\n", l, s, suffix ? suffix : "");
        tm->failed = tm->failed || !l || !s;
        free(l);
        free(s);
        free(suffix);
    }
    free(flat);
}

/* Does b write anything in the terminal? */
static bool shows(const tcs_block *b)
{
    if (!(b->formats & TCS_F_TABLE))
        return false;
    switch (b->kind) {
    case TCS_BLOCK_LIST: return b->nitems > 0;
    case TCS_BLOCK_TABLE: return b->t.rows.n > 0 || !(b->flags & TCS_BLOCK_NO_HEADER);
    case TCS_BLOCK_IMAGE: return false;
    default: return true;
    }
}

static void blocks(term *tm, const tcs_block *b)
{
    for (; b; b = b->next) {
        if (!shows(b))
            continue;
        if (b->kind == TCS_BLOCK_SECTIONS || b->kind == TCS_BLOCK_SECTION) {
            blocks(tm, b->first);
            continue;
        }
        if (tm->any && (!tm->after_heading || b->kind == TCS_BLOCK_HEADING))
            fputc('\n', tm->fp);
        tm->any = true;
        tm->after_heading = b->kind == TCS_BLOCK_HEADING;
        switch (b->kind) {
        case TCS_BLOCK_HEADING:
        case TCS_BLOCK_PARA: text_line(tm, b->text, 0); break;
        case TCS_BLOCK_LIST:
            for (size_t i = 0; i < b->nitems; i++)
                text_line(tm, b->items[i], (size_t)b->indent);
            break;
        case TCS_BLOCK_RECORD: record(tm, b); break;
        case TCS_BLOCK_TABLE: table(tm, b); break;
        default: break;
        }
    }
}

/* The width of the terminal fp writes to, 0 when it is no terminal (a
 * file, a pipe): then texts are cut at their columns' usual widths, so
 * that what is saved does not depend on a window's size. */
static size_t terminal_width(FILE *fp)
{
    int fd = fileno(fp);
    struct winsize ws;
    if (fd < 0 || !isatty(fd))
        return 0;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    const char *cols = getenv("COLUMNS");
    long n = cols ? strtol(cols, NULL, 10) : 0;
    return n > 0 && n < 10000 ? (size_t)n : 80;
}

tcs_status tcs_doc_write_term(FILE *fp, const tcs_doc *d, tcs_error *err)
{
    return tcs_doc_write_term_width(fp, d, terminal_width(fp), err);
}

tcs_status tcs_doc_write_term_width(FILE *fp, const tcs_doc *d, size_t width, tcs_error *err)
{
    term tm = {fp, tcs_doc_first(d), false, false, false, width};
    blocks(&tm, tm.root);
    if (tm.failed)
        return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    return TCS_OK;
}
