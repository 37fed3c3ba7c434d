/* doc_json.c - the JSON back-end: the document as one object whose
 * members are its keyed blocks (records as objects, tables and lists as
 * arrays, sections as objects in an array), in the layout the outputs
 * have always had: one member per line at the top, one record per line in
 * a table, a record's members on its line unless a column breaks it. */
#include "render/doc.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    FILE *fp;
    bool failed; /* out of memory */
} json;

/* An object being written: where its continuation lines start, and
 * whether every member takes a line of its own (the top level). */
typedef struct {
    int cont;
    bool root, first;
} object;

static void spaces(FILE *fp, int n)
{
    for (int i = 0; i < n; i++)
        fputc(' ', fp);
}

static void member(json *j, object *o, const char *key, bool brk)
{
    if (o->root || brk) {
        fputs(o->first ? "\n" : ",\n", j->fp);
        spaces(j->fp, o->cont);
    } else if (!o->first)
        fputs(", ", j->fp);
    o->first = false;
    if (key) {
        tcs_put_json_string(j->fp, key);
        fputs(": ", j->fp);
    }
}

static void scalar(json *j, const tcs_col *c, const tcs_value *v)
{
    char buf[40], hi[40];
    if (!v->present) {
        fputs("null", j->fp);
        return;
    }
    switch (c->type) {
    case TCS_V_TEXT:
    case TCS_V_CHARS: tcs_put_json_string(j->fp, v->text); break;
    case TCS_V_LONG:
    case TCS_V_INT: fprintf(j->fp, "%ld", v->i); break;
    case TCS_V_SIZE: fprintf(j->fp, "%zu", v->z); break;
    case TCS_V_NUM:
    case TCS_V_PERCENT:
        tcs_doc_data_num(v->x, buf, sizeof buf);
        fputs(buf, j->fp);
        break;
    case TCS_V_BOOL:
    case TCS_V_TRI: fputs(v->i ? "true" : "false", j->fp); break;
    case TCS_V_INTERVAL:
        tcs_doc_data_num(v->x, buf, sizeof buf);
        tcs_doc_data_num(v->y, hi, sizeof hi);
        fprintf(j->fp, "[%s, %s]", buf, hi);
        break;
    default: fputs("null", j->fp); break;
    }
}

static void rows_array(json *j, const tcs_table *t, bool lines, int cont);

/* One column of a record: its member, a {label: value} object for a
 * column per label, or a nested array. */
static void field(json *j, object *o, const tcs_flat *f, const void *row, const tcs_table *t)
{
    const tcs_col *c = f->col;
    bool brk = (c->flags & TCS_COL_BREAK) || (f->first_in_group && (f->group->flags & TCS_COL_BREAK));
    tcs_value v;
    tcs_doc_value(f, row, 0, t, &v);
    if (!v.present && (c->flags & TCS_COL_OMIT))
        return;
    member(j, o, c->key, brk);
    if (c->flags & TCS_COL_MULTI) {
        fputc('{', j->fp);
        for (size_t k = 0; k < t->nlabels; k++) {
            fputs(k ? ", " : "", j->fp);
            tcs_put_json_string(j->fp, t->labels[k]);
            fputs(": ", j->fp);
            tcs_doc_value(f, row, k, t, &v);
            scalar(j, c, &v);
        }
        fputc('}', j->fp);
        return;
    }
    if (c->type != TCS_V_TABLE || !v.present) {
        scalar(j, c, &v);
        return;
    }
    tcs_table sub = *t;
    sub.cols = c->sub;
    c->rows(tcs_doc_locate(tcs_doc_row_part(f, row), c->at), t, &sub.rows);
    rows_array(j, &sub, c->flags & TCS_COL_LINES, o->cont);
}

/* The columns of t's row as members of o. */
static void fields(json *j, object *o, const tcs_table *t, const void *row)
{
    size_t n;
    tcs_flat *flat = tcs_cols_flat(t->cols, TCS_F_JSON, &n);
    if (!flat) {
        j->failed = true;
        return;
    }
    for (size_t i = 0; i < n; i++)
        field(j, o, &flat[i], row, t);
    free(flat);
}

/* A record on its own: {...}; cont for the lines its columns break. */
static void record(json *j, const tcs_table *t, const void *row, int cont)
{
    object o = {cont, false, true};
    fputc('{', j->fp);
    fields(j, &o, t, row);
    fputc('}', j->fp);
}

/* A list's items are values (a column without a key), a table's records. */
static bool is_list(const tcs_cols *cols) { return cols->n == 1 && !cols->col[0].key; }

/* [ ... ]: one item per line at cont + 2 when lines, else on this line. */
static void rows_array(json *j, const tcs_table *t, bool lines, int cont)
{
    alignas(max_align_t) unsigned char scratch[TCS_ROW_SCRATCH];
    tcs_flat item = {&t->cols->col[0], NULL, false};
    fputc('[', j->fp);
    for (size_t k = 0; k < t->rows.n; k++) {
        const void *row = tcs_rows_at(&t->rows, k, scratch);
        fputs(k == 0 ? "" : lines ? "," : ", ", j->fp);
        if (lines) {
            fputc('\n', j->fp);
            spaces(j->fp, cont + 2);
        }
        if (is_list(t->cols)) {
            tcs_value v;
            tcs_doc_value(&item, row, 0, t, &v);
            scalar(j, item.col, &v);
        } else
            record(j, t, row, cont + 3);
    }
    if (lines && t->rows.n) {
        fputc('\n', j->fp);
        spaces(j->fp, cont);
    }
    fputc(']', j->fp);
}

static void members(json *j, object *o, const tcs_block *b);

static void sections(json *j, const tcs_block *b, int cont)
{
    fputc('[', j->fp);
    bool any = false;
    for (const tcs_block *s = b->first; s; s = s->next) {
        if (!(s->formats & TCS_F_JSON))
            continue;
        fputs(any ? ",\n" : "\n", j->fp);
        spaces(j->fp, cont + 2);
        object o = {cont + 4, false, true};
        fputc('{', j->fp);
        members(j, &o, s->first);
        fputc('}', j->fp);
        any = true;
    }
    if (any) {
        fputc('\n', j->fp);
        spaces(j->fp, cont);
    }
    fputc(']', j->fp);
}

static void block(json *j, object *o, const tcs_block *b)
{
    bool brk = b->flags & TCS_BLOCK_JSON_BREAK;
    switch (b->kind) {
    case TCS_BLOCK_RECORD:
        if (!b->key) {
            fields(j, o, &b->t, tcs_rows_at(&b->t.rows, 0, NULL));
            return;
        }
        member(j, o, b->key, brk);
        record(j, &b->t, tcs_rows_at(&b->t.rows, 0, NULL), o->cont + 1);
        return;
    case TCS_BLOCK_TABLE:
        member(j, o, b->key, brk);
        rows_array(j, &b->t, !(b->flags & TCS_BLOCK_JSON_INLINE), o->cont);
        return;
    case TCS_BLOCK_LIST:
        member(j, o, b->key, brk);
        fputc('[', j->fp);
        for (size_t i = 0; i < b->nitems; i++) {
            fputs(i ? ", " : "", j->fp);
            tcs_put_json_string(j->fp, b->items[i]);
        }
        fputc(']', j->fp);
        return;
    case TCS_BLOCK_SECTIONS:
        member(j, o, b->key, brk);
        sections(j, b, o->cont);
        return;
    case TCS_BLOCK_SECTION:
        member(j, o, b->key, brk);
        {
            object in = {o->cont + 2, false, true};
            fputc('{', j->fp);
            members(j, &in, b->first);
            fputc('}', j->fp);
        }
        return;
    default: return; /* headings, paragraphs, images: for people */
    }
}

static void members(json *j, object *o, const tcs_block *b)
{
    for (; b; b = b->next)
        if ((b->formats & TCS_F_JSON) && (b->key || b->kind == TCS_BLOCK_RECORD))
            block(j, o, b);
}

tcs_status tcs_doc_write_json(FILE *fp, const tcs_doc *d, tcs_error *err)
{
    json j = {fp, false};
    object root = {2, true, true};
    fputc('{', fp);
    members(&j, &root, tcs_doc_first(d));
    fputs("\n}\n", fp);
    if (j.failed)
        return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    return TCS_OK;
}
