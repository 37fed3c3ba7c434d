/* xlsx_sheet.c - the worksheet, streamed: each cell's text by its type,
 * the current row only, one record per row (empty rows between as gaps).
 * See read_xlsx.c for the records delivered. */
#include <ctype.h>
#include <limits.h>

#include "import/xlsx_internal.h"

enum cell_type { CT_NUM, CT_SST, CT_INLINE, CT_STR, CT_BOOL, CT_ERR, CT_DATE };

typedef struct {
    const char *ext; /* text owned elsewhere (shared strings), or NULL */
    size_t off, len; /* in rowbuf when ext is NULL */
} slot;

typedef struct {
    tcs_record_fn fn;
    void *ctx;
    int in_sheetdata, in_row, in_cell, in_v, in_is;
    xl_runs runs; /* of an inline string */
    long row, last_row, delivered, next_col, col;
    int type;
    unsigned long long style;
    buf v, is, rowbuf;
    slot *slots;
    size_t cap_slots;
    long row_last; /* last non-empty column in the current row */
    long row_max;  /* highest column written in the current row */
    tcs_cell *cells;
    size_t cap_cells;
} sh_ud;

static int col_from_ref(const char *ref, long *col)
{
    long c = 0;
    const char *p = ref;
    if (*p == '$')
        p++;
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
        c = c * 26 + (lower((unsigned char)*p) - 'a' + 1);
        if (c > (long)TCS_COLUMNS_MAX + 1)
            c = (long)TCS_COLUMNS_MAX + 1; /* keep counting letters, clamp the value */
        p++;
    }
    if (c == 0)
        return -1;
    if (*p == '$')
        p++;
    if (!isdigit((unsigned char)*p))
        return -1;
    while (isdigit((unsigned char)*p))
        p++;
    if (*p)
        return -1;
    *col = c;
    return 0;
}

/* An empty cell's text, with the slack reader.h promises. */
static const char empty_text[1 + TCS_CELL_SLACK];

static tcs_status deliver(xp *x, sh_ud *u, long row, const tcs_cell *cells, size_t n)
{
    rd *r = x->r;
    if (r->info)
        r->info->records++;
    u->delivered = row;
    if (!u->fn)
        return TCS_OK;
    tcs_status st = u->fn(u->ctx, row, cells, n, r->err);
    if (st != TCS_OK) {
        r->status = st;
        XML_StopParser(x->p, XML_FALSE);
    }
    return st;
}

/* Deliver the empty rows between the last delivered row and `row`. */
static tcs_status deliver_gap(xp *x, sh_ud *u, long row)
{
    static const tcs_cell empty = {empty_text, 0};
    while (u->delivered + 1 < row)
        if (deliver(x, u, u->delivered + 1, &empty, 1) != TCS_OK)
            return x->r->status;
    return TCS_OK;
}

static void row_end(xp *x, sh_ud *u)
{
    rd *r = x->r;
    if (u->row_last == 0)
        return; /* empty: delivered later as part of a gap, or never if trailing */
    if (deliver_gap(x, u, u->row) != TCS_OK)
        return;
    size_t n = (size_t)u->row_last;
    if (GROW(u->cells, u->cap_cells, n) != 0) {
        tcs_xl_nomem(r);
        XML_StopParser(x->p, XML_FALSE);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const slot *s = &u->slots[i];
        u->cells[i].text = s->ext ? s->ext : s->len ? u->rowbuf.p + s->off : empty_text;
        u->cells[i].len = s->len;
    }
    deliver(x, u, u->row, u->cells, n);
}

/* <row r="...">: rows come in order, within Excel's limit. */
static void row_start(xp *x, sh_ud *u, const char **atts)
{
    const char *rs = attr(atts, "r");
    unsigned long long rn;
    long row = u->last_row + 1;
    if (rs) {
        if (tcs_xl_parse_uint(rs, ROW_MAX, &rn) != 0 || rn == 0) {
            tcs_xl_xfail(x, TCS_EFORMAT, u->last_row + 1, 0, "%s: bad row number r=\"%.40s\"",
                         x->part, rs);
            return;
        }
        row = (long)rn;
    }
    if (row > ROW_MAX) {
        tcs_xl_xfail(x, TCS_EFORMAT, row, 0, "%s: more than %ld rows", x->part, ROW_MAX);
        return;
    }
    if (row <= u->last_row) {
        tcs_xl_xfail(x, TCS_EFORMAT, row, 0, "%s: row %ld comes after row %ld (rows out of order)",
                     x->part, row, u->last_row);
        return;
    }
    u->row = u->last_row = row;
    u->in_row = 1;
    u->next_col = 1;
    u->row_last = 0;
    u->row_max = 0;
    u->rowbuf.len = 0;
}

/* A cell's t="..." attribute and the type it gives; any other (or none)
 * is a number. */
static const struct {
    const char *t;
    int type;
} cell_types[] = {
    {"s", CT_SST}, {"inlineStr", CT_INLINE}, {"str", CT_STR}, {"b", CT_BOOL},
    {"e", CT_ERR}, {"d", CT_DATE},
};

static int cell_type_of(const char *t)
{
    for (size_t i = 0; t && i < sizeof cell_types / sizeof cell_types[0]; i++)
        if (strcmp(t, cell_types[i].t) == 0)
            return cell_types[i].type;
    return CT_NUM;
}

/* <c r="..." t="..." s="...">: its column, type and style. */
static void cell_start(xp *x, sh_ud *u, const char **atts)
{
    const char *ref = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
    long col = u->next_col;
    if (ref && col_from_ref(ref, &col) != 0) {
        tcs_xl_xfail(x, TCS_EFORMAT, u->row, u->next_col, "%s: bad cell reference r=\"%.40s\"",
                     x->part, ref);
        return;
    }
    if (col > (long)TCS_COLUMNS_MAX) {
        tcs_xl_xfail(x, TCS_ELIMIT, u->row, col, "%s: more than %u columns", x->part,
                     TCS_COLUMNS_MAX);
        return;
    }
    u->col = col;
    u->next_col = col + 1;
    u->type = cell_type_of(t);
    if (!s || tcs_xl_parse_uint(s, ULLONG_MAX / 10, &u->style) != 0)
        u->style = 0;
    /* empty, not the previous cell's text, if this one has no <v> */
    u->v.len = 0;
    u->is.len = 0;
    if (u->v.p)
        u->v.p[0] = '\0';
    if (u->is.p)
        u->is.p[0] = '\0';
    u->in_cell = 1;
    u->runs.rph = 0;
}

static void sh_start(xp *x, int ns, const char *local, const char **atts)
{
    sh_ud *u = x->ud;
    if (!is_sml(ns))
        return;
    if (strcmp(local, "sheetData") == 0) {
        u->in_sheetdata = 1;
    } else if (u->in_sheetdata && !u->in_row && strcmp(local, "row") == 0) {
        row_start(x, u, atts);
    } else if (u->in_row && !u->in_cell && strcmp(local, "c") == 0) {
        cell_start(x, u, atts);
    } else if (u->in_cell && strcmp(local, "v") == 0) {
        u->in_v = 1;
    } else if (u->in_cell && strcmp(local, "is") == 0) {
        u->in_is = 1;
    } else if (u->in_is) {
        xl_runs_start(&u->runs, local);
    }
}

static void sh_text(xp *x, const char *s, int len)
{
    sh_ud *u = x->ud;
    buf *b = u->in_v ? &u->v : u->runs.in_t ? &u->is : NULL;
    if (!b)
        return;
    if (b->len + (size_t)len > TCS_CELL_MAX) {
        tcs_xl_xfail(x, TCS_ELIMIT, u->row, u->col, "%s: cell longer than %u bytes", x->part,
                     TCS_CELL_MAX);
        return;
    }
    if (buf_add(b, s, (size_t)len) != 0) {
        tcs_xl_nomem(x->r);
        XML_StopParser(x->p, XML_FALSE);
    }
}

/* A finished cell's text: in the shared strings (ext), or txt, which is
 * <v>, <is>, a constant or num. */
typedef struct {
    const char *ext; /* text owned by the shared strings, or NULL */
    const char *txt;
    size_t len;
    char num[64]; /* a number or date as text */
} cell_text;

/* t="s": the shared string that <v> numbers. -1 when there is none. */
static int sst_cell(xp *x, sh_ud *u, const char *v, cell_text *c)
{
    rd *r = x->r;
    if (!u->v.len)
        return 0;
    unsigned long long i;
    if (tcs_xl_parse_uint(v, SIZE_MAX - 1, &i) != 0 || i >= r->nsst) {
        tcs_xl_xfail(x, TCS_EFORMAT, u->row, u->col,
                     "%s: shared string index \"%.40s\" out of range (%zu strings)", x->part, v,
                     r->nsst);
        return -1;
    }
    size_t off = r->sst_off[i];
    size_t end = i + 1 < r->nsst ? r->sst_off[i + 1] - 1 : r->sst.len - 1;
    c->ext = r->sst.p + off;
    c->len = end - off;
    return 0;
}

/* t="inlineStr": the text of <is>, or of <v> where a writer put it there. */
static void inline_cell(sh_ud *u, const char *v, cell_text *c)
{
    if (u->is.len) {
        c->len = tcs_xl_decode_escapes(u->is.p, u->is.len);
        c->txt = u->is.p;
    } else if (u->v.len) { /* no <is>: some writers use <v> */
        c->len = u->v.len ? tcs_xl_decode_escapes(u->v.p, u->v.len) : 0;
        c->txt = v;
    }
}

/* t="b": TRUE or FALSE, as Excel shows them. */
static void bool_cell(const char *v, cell_text *c)
{
    if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
        c->txt = "TRUE";
    else if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
        c->txt = "FALSE";
    else
        c->txt = v;
    c->len = strlen(c->txt);
}

/* t="d": ISO 8601 text (strict OOXML); shown like the serial dates. */
static void iso_date_cell(sh_ud *u, const char *v, cell_text *c)
{
    char *num = c->num;
    size_t n = u->v.len < sizeof c->num - 1 ? u->v.len : sizeof c->num - 1;
    memcpy(num, v, n);
    num[n] = '\0';
    char *tpos = strchr(num, 'T');
    if (tpos && n == u->v.len) {
        *tpos = ' ';
        char *z = strpbrk(num, ".Z+");
        if (z && z > tpos)
            *z = '\0';
        if (strcmp(tpos, " 00:00:00") == 0)
            *tpos = '\0';
        c->txt = num;
        c->len = strlen(num);
    } else {
        c->txt = v;
        c->len = u->v.len;
    }
}

/* A number: as Excel's General format shows it, or as a date where the
 * cell's style has a date format. */
static void number_cell(const rd *r, sh_ud *u, const char *v, cell_text *c)
{
    double d;
    if (u->v.len == 0)
        return;
    int is_date = u->style < r->nxf && r->xf_date[u->style];
    /* the text as it is: already what tcs_xl_format_number would write, or
     * not a number after all */
    if ((!is_date && tcs_xl_plain_integer(v, u->v.len)) || tcs_xl_parse_number(v, &d) != 0) {
        c->txt = v;
        c->len = u->v.len;
        return;
    }
    if (!is_date || tcs_xl_format_date(d, r->date1904, c->num, sizeof c->num) != 0)
        tcs_xl_format_number(d, c->num, sizeof c->num);
    c->txt = c->num;
    c->len = strlen(c->num);
}

/* The text of the finished cell by its type; -1 when it is refused. */
static int cell_value(xp *x, sh_ud *u, cell_text *c)
{
    const char *v = u->v.p ? u->v.p : "";
    switch (u->type) {
    case CT_SST:
        return sst_cell(x, u, v, c);
    case CT_INLINE:
        inline_cell(u, v, c);
        break;
    case CT_STR:
    case CT_ERR:
        c->len = u->v.len ? tcs_xl_decode_escapes(u->v.p, u->v.len) : 0;
        c->txt = v;
        break;
    case CT_BOOL:
        bool_cell(v, c);
        break;
    case CT_DATE:
        iso_date_cell(u, v, c);
        break;
    case CT_NUM:
    default:
        number_cell(x->r, u, v, c);
        break;
    }
    return 0;
}

/* Put a cell's text into the row at its column. */
static void row_put(xp *x, sh_ud *u, const cell_text *c)
{
    rd *r = x->r;
    size_t ci = (size_t)u->col - 1;
    if ((size_t)u->col > u->cap_slots) {
        size_t old = u->cap_slots;
        if (GROW(u->slots, u->cap_slots, (size_t)u->col) != 0) {
            tcs_xl_nomem(r);
            XML_StopParser(x->p, XML_FALSE);
            return;
        }
        memset(u->slots + old, 0, (u->cap_slots - old) * sizeof *u->slots);
    }
    /* columns skipped since the last written one are blank */
    for (long k = u->row_max; k < u->col - 1; k++)
        u->slots[k].ext = NULL, u->slots[k].len = 0;
    slot *sl = &u->slots[ci];
    sl->ext = c->ext;
    sl->len = c->len;
    if (!c->ext && c->len) {
        if (u->rowbuf.len + c->len > ROWTEXT_MAX) {
            tcs_xl_xfail(x, TCS_ELIMIT, u->row, u->col,
                         "%s: row %ld holds more than %llu MiB of text", x->part, u->row,
                         ROWTEXT_MAX / MIB);
            return;
        }
        sl->off = u->rowbuf.len;
        if (buf_add(&u->rowbuf, c->txt, c->len) != 0 || buf_add(&u->rowbuf, "", 1) != 0) {
            tcs_xl_nomem(r);
            XML_StopParser(x->p, XML_FALSE);
            return;
        }
    }
    if (u->col > u->row_max)
        u->row_max = u->col;
    if (c->len && u->col > u->row_last)
        u->row_last = u->col;
    else if (!c->len && u->col == u->row_last) {
        /* a cell written twice, now blank: find the last non-empty one again */
        long k = u->col - 1;
        while (k > 0 && u->slots[k - 1].len == 0)
            k--;
        u->row_last = k;
    }
}

/* Put a finished cell's text into the row. */
static void cell_end(xp *x, sh_ud *u)
{
    cell_text c;
    c.ext = NULL;
    c.txt = "";
    c.len = 0;
    if (cell_value(x, u, &c) == 0)
        row_put(x, u, &c);
}

static void sh_end(xp *x, int ns, const char *local)
{
    sh_ud *u = x->ud;
    if (!is_sml(ns))
        return;
    if (strcmp(local, "v") == 0) {
        u->in_v = 0;
    } else if (xl_runs_end(&u->runs, local)) {
        /* </t> or </rPh> */
    } else if (strcmp(local, "is") == 0) {
        u->in_is = 0;
    } else if (u->in_cell && strcmp(local, "c") == 0) {
        u->in_cell = 0;
        u->in_v = u->runs.in_t = 0;
        cell_end(x, u);
    } else if (u->in_row && strcmp(local, "row") == 0) {
        u->in_row = 0;
        row_end(x, u);
    } else if (strcmp(local, "sheetData") == 0) {
        u->in_sheetdata = 0;
    }
}

tcs_status tcs_xl_read_sheet(rd *r, const sheet_ent *s, tcs_record_fn fn, void *ctx)
{
    zip_int64_t idx = tcs_xl_locate(r, s->part);
    if (idx < 0)
        return tcs_xl_fail(r, TCS_EFORMAT, 0, 0,
                           "sheet \"%s\": part %s is missing from the workbook", s->name, s->part);
    sh_ud u;
    memset(&u, 0, sizeof u);
    u.fn = fn;
    u.ctx = ctx;
    xp x = {0};
    x.start = sh_start;
    x.end = sh_end;
    x.text = sh_text;
    x.ud = &u;
    /* like a zero-byte CSV: say which sheet was empty rather than hand on nothing */
    if (tcs_xl_parse_part(r, idx, s->part, LIMIT_SHEET, &x) == TCS_OK && u.delivered == 0)
        tcs_xl_fail(r, TCS_EEMPTY, 0, 0, "sheet \"%s\" has no data", s->name);
    buf_free(&u.v);
    buf_free(&u.is);
    buf_free(&u.rowbuf);
    free(u.slots);
    free(u.cells);
    return r->status;
}
