/* doc.c - building documents, and what every back-end reads from them:
 * columns with their groups flattened, values by locator or getter,
 * values as people read them. */
#include "render/doc.h"

#include <math.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- memory: blocks of the document's own ---- */

typedef struct chunk {
    struct chunk *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
} chunk;

struct tcs_doc {
    tcs_doc_style style;
    const char *title, *css;
    tcs_block *first, *last;
    tcs_block *open; /* the SECTION or SECTIONS new blocks go into */
    bool failed;
    tcs_block sink;  /* what builders return when out of memory */
    chunk *chunks;
};

tcs_doc *tcs_doc_new(tcs_doc_style style)
{
    tcs_doc *d = calloc(1, sizeof *d);
    if (d)
        d->style = style;
    return d;
}

void tcs_doc_free(tcs_doc *d)
{
    if (!d)
        return;
    for (chunk *c = d->chunks, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(d);
}

tcs_doc_style tcs_doc_get_style(const tcs_doc *d) { return d->style; }

void *tcs_doc_alloc(tcs_doc *d, size_t size)
{
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
    chunk *c = d->chunks;
    if (!c || c->size - c->used < size) {
        size_t cap = size > 16384 ? size : 16384;
        c = malloc(sizeof *c + cap);
        if (!c) {
            d->failed = true;
            return NULL;
        }
        c->size = cap;
        c->used = 0;
        c->next = d->chunks;
        d->chunks = c;
    }
    void *p = c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

static char *vprint(tcs_doc *d, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *s = n < 0 ? NULL : tcs_doc_alloc(d, (size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, again);
    va_end(again);
    return s;
}

char *tcs_doc_printf(tcs_doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = vprint(d, fmt, ap);
    va_end(ap);
    return s;
}

void tcs_doc_set_title(tcs_doc *d, const char *title, const char *css)
{
    d->title = title ? tcs_doc_printf(d, "%s", title) : NULL;
    d->css = css;
}

const char *tcs_doc_title(const tcs_doc *d) { return d->title; }
const char *tcs_doc_css(const tcs_doc *d) { return d->css; }
const tcs_block *tcs_doc_first(const tcs_doc *d) { return d->first; }

/* ---- blocks ---- */

static tcs_block *add(tcs_doc *d, tcs_block_kind kind, unsigned formats, const char *key)
{
    tcs_block *b = tcs_doc_alloc(d, sizeof *b);
    if (!b) {
        memset(&d->sink, 0, sizeof d->sink);
        return &d->sink;
    }
    b->kind = kind;
    b->formats = formats;
    b->key = key;
    b->parent = d->open;
    tcs_block **first = d->open ? &d->open->first : &d->first;
    tcs_block **last = d->open ? &d->open->last : &d->last;
    if (*last)
        (*last)->next = b;
    else
        *first = b;
    *last = b;
    return b;
}

static tcs_block *text_block(tcs_doc *d, tcs_block_kind kind, unsigned formats, int level,
                             const char *fmt, va_list ap)
{
    tcs_block *b = add(d, kind, formats, NULL);
    b->level = level;
    b->text = vprint(d, fmt, ap);
    if (!b->text)
        b->formats = 0;
    return b;
}

tcs_block *tcs_doc_heading(tcs_doc *d, unsigned formats, int level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tcs_block *b = text_block(d, TCS_BLOCK_HEADING, formats, level, fmt, ap);
    va_end(ap);
    return b;
}

tcs_block *tcs_doc_para(tcs_doc *d, unsigned formats, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tcs_block *b = text_block(d, TCS_BLOCK_PARA, formats, 0, fmt, ap);
    va_end(ap);
    return b;
}

tcs_block *tcs_doc_list(tcs_doc *d, unsigned formats, const char *key, int indent)
{
    tcs_block *b = add(d, TCS_BLOCK_LIST, formats, key);
    b->indent = indent;
    return b;
}

void tcs_doc_item(tcs_doc *d, tcs_block *list, const char *fmt, ...)
{
    if (list == &d->sink)
        return;
    if (list->nitems == list->cap) {
        size_t cap = list->cap ? 2 * list->cap : 8;
        char **items = tcs_doc_alloc(d, cap * sizeof *items);
        if (!items)
            return;
        if (list->nitems)
            memcpy(items, list->items, list->nitems * sizeof *items);
        list->items = items;
        list->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    char *s = vprint(d, fmt, ap);
    va_end(ap);
    if (s)
        list->items[list->nitems++] = s;
}

tcs_block *tcs_doc_table(tcs_doc *d, unsigned formats, const char *key, const tcs_cols *cols,
                         tcs_rows rows, const void *ctx)
{
    tcs_block *b = add(d, TCS_BLOCK_TABLE, formats, key);
    b->t.cols = cols;
    b->t.rows = rows;
    b->t.ctx = ctx;
    return b;
}

tcs_block *tcs_doc_record(tcs_doc *d, unsigned formats, const char *key, const tcs_cols *cols,
                          const void *row, const void *ctx)
{
    tcs_block *b = add(d, TCS_BLOCK_RECORD, formats, key);
    b->t.cols = cols;
    b->t.rows = tcs_rows_array(row, 1, 0);
    b->t.ctx = ctx;
    return b;
}

tcs_block *tcs_doc_image(tcs_doc *d, const char *caption, const char *svg_path,
                         const char *png_href)
{
    tcs_block *b = add(d, TCS_BLOCK_IMAGE, TCS_F_PAGE, NULL);
    b->text = tcs_doc_printf(d, "%s", caption ? caption : "");
    b->path = tcs_doc_printf(d, "%s", svg_path);
    b->href = tcs_doc_printf(d, "%s", png_href);
    if (!b->text || !b->path || !b->href)
        b->formats = 0;
    return b;
}

tcs_block *tcs_doc_open(tcs_doc *d, tcs_block_kind kind, unsigned formats, const char *key)
{
    tcs_block *b = add(d, kind, formats, key);
    if (b != &d->sink)
        d->open = b;
    return b;
}

void tcs_doc_close(tcs_doc *d)
{
    if (d->open)
        d->open = d->open->parent;
}

tcs_rows tcs_rows_array(const void *base, size_t n, size_t stride)
{
    tcs_rows r = {n, base, stride, NULL, NULL, NULL};
    return r;
}

const void *tcs_rows_at(const tcs_rows *rows, size_t k, void *scratch)
{
    if (rows->at)
        return rows->at(rows, k, scratch);
    return (const unsigned char *)rows->base + k * rows->stride;
}

bool tcs_doc_failed(const tcs_doc *d) { return d->failed; }

/* ---- columns ---- */

static size_t flat_max(const tcs_cols *cols)
{
    size_t n = 0;
    for (size_t i = 0; i < cols->n; i++)
        n += cols->col[i].type == TCS_V_GROUP ? cols->col[i].sub->n : 1;
    return n;
}

static size_t flatten(const tcs_cols *cols, unsigned fmt, tcs_flat *out)
{
    size_t n = 0;
    for (size_t i = 0; i < cols->n; i++) {
        const tcs_col *c = &cols->col[i];
        if (!(c->formats & fmt))
            continue;
        if (c->type != TCS_V_GROUP) {
            out[n++] = (tcs_flat){c, NULL, false};
            continue;
        }
        bool first = true;
        for (size_t k = 0; k < c->sub->n; k++)
            if (c->sub->col[k].formats & fmt) {
                out[n++] = (tcs_flat){&c->sub->col[k], c, first};
                first = false;
            }
    }
    return n;
}

tcs_flat *tcs_cols_flat(const tcs_cols *cols, unsigned fmt, size_t *n)
{
    tcs_flat *flat = malloc((flat_max(cols) + 1) * sizeof *flat);
    *n = flat ? flatten(cols, fmt, flat) : 0;
    return flat;
}

/* ---- values ---- */

static const void *locate(const void *row, tcs_loc loc)
{
    const unsigned char *p = row;
    if (loc.via) {
        const void *to;
        memcpy(&to, p + loc.via - 1, sizeof to);
        p = to;
    }
    return p ? p + loc.off : NULL;
}

static void read_field(const tcs_col *c, const void *row, tcs_value *v)
{
    const void *p = locate(row, c->at);
    if (!p) {
        v->present = false;
        return;
    }
    switch (c->type) {
    case TCS_V_TEXT: memcpy(&v->text, p, sizeof v->text); break;
    case TCS_V_CHARS: v->text = p; break;
    case TCS_V_LONG: memcpy(&v->i, p, sizeof v->i); break;
    case TCS_V_SIZE: memcpy(&v->z, p, sizeof v->z); break;
    case TCS_V_INT:
    case TCS_V_TRI: {
        int i;
        memcpy(&i, p, sizeof i);
        v->i = i;
        break;
    }
    case TCS_V_BOOL: {
        bool b;
        memcpy(&b, p, sizeof b);
        v->i = b;
        break;
    }
    case TCS_V_NUM:
    case TCS_V_PERCENT: memcpy(&v->x, p, sizeof v->x); break;
    case TCS_V_INTERVAL:
        memcpy(&v->x, p, sizeof v->x);
        memcpy(&v->y, locate(row, c->at2), sizeof v->y);
        break;
    default: break;
    }
}

static bool has_value(const tcs_col *c, const void *row)
{
    const void *p = locate(row, c->has);
    if (!p)
        return false;
    if (c->pres == TCS_PRES_IF) {
        bool b;
        memcpy(&b, p, sizeof b);
        return b;
    }
    long n;
    memcpy(&n, p, sizeof n);
    return n > 0;
}

const void *tcs_doc_locate(const void *row, tcs_loc loc) { return locate(row, loc); }

const void *tcs_doc_row_part(const tcs_flat *f, const void *row)
{
    return f->group ? locate(row, f->group->at) : row;
}

void tcs_doc_value(const tcs_flat *f, const void *row, size_t k, const tcs_table *t,
                   tcs_value *v)
{
    const tcs_col *c = f->col;
    if (f->group)
        row = locate(row, f->group->at);
    v->present = true;
    v->text = NULL;
    v->i = 0;
    v->z = 0;
    v->x = v->y = 0;
    v->prec = -1;
    v->suffix = NULL;
    v->indent = 0;
    v->cls = NULL;
    v->buf[0] = v->sbuf[0] = '\0';
    if (c->get)
        c->get(row, k, t, v);
    else
        read_field(c, row, v);
    if (c->pres != TCS_PRES_ALWAYS && v->present)
        v->present = has_value(c, row);
    switch (c->type) {
    case TCS_V_TEXT: v->present = v->present && v->text; break;
    case TCS_V_CHARS: v->present = v->present && v->text && v->text[0]; break;
    case TCS_V_NUM:
    case TCS_V_PERCENT: v->present = v->present && isfinite(v->x); break;
    case TCS_V_INTERVAL: v->present = v->present && isfinite(v->x) && isfinite(v->y); break;
    case TCS_V_TRI: v->present = v->present && v->i >= 0; break;
    default: break;
    }
}

const char *tcs_doc_people_text(const tcs_col *c, const tcs_value *v, char *buf, size_t n)
{
    bool text = c->type == TCS_V_TEXT || c->type == TCS_V_CHARS;
    if (!v->present)
        return c->none ? c->none : text ? "" : "-";
    int prec = v->prec >= 0 ? v->prec : c->prec;
    switch (c->type) {
    case TCS_V_TEXT:
    case TCS_V_CHARS: return v->text;
    case TCS_V_LONG:
    case TCS_V_INT: snprintf(buf, n, "%ld", v->i); break;
    case TCS_V_SIZE: snprintf(buf, n, "%zu", v->z); break;
    case TCS_V_NUM: snprintf(buf, n, "%.*f", prec, v->x); break;
    case TCS_V_PERCENT: snprintf(buf, n, "%.*f%%", prec, v->x); break;
    case TCS_V_BOOL:
    case TCS_V_TRI: snprintf(buf, n, "%s", v->i ? "yes" : "no"); break;
    case TCS_V_INTERVAL: snprintf(buf, n, "%.*f-%.*f", prec, v->x, prec, v->y); break;
    default: buf[0] = '\0'; break;
    }
    return buf;
}

const char *tcs_doc_header(const tcs_col *c, size_t k, const tcs_table *t, bool term, char *buf,
                           size_t n)
{
    const char *h = term && c->term_header ? c->term_header : c->header ? c->header : c->key;
    if (!h)
        h = "";
    if (!(c->flags & TCS_COL_MULTI))
        return h;
    const char *label = k < t->nlabels ? t->labels[k] : "";
    const char *at = strstr(h, "%s");
    if (!at)
        return label;
    snprintf(buf, n, "%.*s%s%s", (int)(at - h), h, label, at + 2);
    return buf;
}

size_t tcs_doc_span(const tcs_col *c, const tcs_table *t)
{
    return c->flags & TCS_COL_MULTI ? t->nlabels : 1;
}

void tcs_doc_data_num(double v, char *buf, size_t n) { tcs_format_double(v, buf, n); }
