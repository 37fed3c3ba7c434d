/* xlsx_strings.c - sharedStrings.xml into one buffer, and Excel's _xHHHH_
 * escapes. */
#include "import/xlsx_internal.h"

/* ------------------------------------------------------------------ */
/* Excel's _xHHHH_ escapes                                              */

static long escape_at(const char *s, size_t n, size_t i)
{
    if (i + 7 > n || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_')
        return -1;
    long v = 0;
    for (size_t k = 2; k < 6; k++) {
        int h = hexval(s[i + k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

static size_t put_utf8(char *o, unsigned long cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decode Excel's _xHHHH_ escapes (how OOXML stores control characters such
 * as _x000D_) in place; returns the new length. A NUL or a lone surrogate is
 * left as written so the result stays valid UTF-8 without NUL. */
size_t tcs_xl_decode_escapes(char *s, size_t n)
{
    if (!memchr(s, '_', n))
        return n;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        long v = escape_at(s, n, i);
        if (v > 0 && !(v >= 0xD800 && v <= 0xDFFF)) {
            o += put_utf8(s + o, (unsigned long)v);
            i += 7;
            continue;
        }
        if (v >= 0xD800 && v <= 0xDBFF) {
            long lo = escape_at(s, n, i + 7);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                unsigned long cp =
                    0x10000 + (((unsigned long)v - 0xD800) << 10) + ((unsigned long)lo - 0xDC00);
                o += put_utf8(s + o, cp);
                i += 14;
                continue;
            }
        }
        s[o++] = s[i++];
    }
    s[o] = '\0';
    return o;
}

/* ------------------------------------------------------------------ */
/* sharedStrings.xml                                                    */

typedef struct {
    int in_si;
    xl_runs runs;
    size_t start; /* offset of the current string in r->sst */
} sst_ud;

static void sst_start(xp *x, int ns, const char *local, const char **atts)
{
    sst_ud *u = x->ud;
    rd *r = x->r;
    (void)atts;
    if (!is_sml(ns))
        return;
    if (strcmp(local, "si") == 0) {
        if (GROW(r->sst_off, r->cap_sst, r->nsst + 1) != 0) {
            tcs_xl_nomem(r);
            XML_StopParser(x->p, XML_FALSE);
            return;
        }
        u->in_si = 1;
        u->runs.rph = 0;
        u->start = r->sst.len;
    } else if (u->in_si) {
        xl_runs_start(&u->runs, local);
    }
}

static void sst_end(xp *x, int ns, const char *local)
{
    sst_ud *u = x->ud;
    rd *r = x->r;
    if (!is_sml(ns))
        return;
    if (xl_runs_end(&u->runs, local))
        return;
    if (u->in_si && strcmp(local, "si") == 0) {
        if (r->sst.len > u->start)
            r->sst.len =
                u->start + tcs_xl_decode_escapes(r->sst.p + u->start, r->sst.len - u->start);
        if (buf_add(&r->sst, "", 1) != 0) { /* keep the terminator */
            tcs_xl_nomem(r);
            XML_StopParser(x->p, XML_FALSE);
            return;
        }
        r->sst_off[r->nsst++] = u->start;
        u->in_si = 0;
    }
}

static void sst_text(xp *x, const char *s, int len)
{
    sst_ud *u = x->ud;
    rd *r = x->r;
    if (!u->runs.in_t)
        return;
    if (r->sst.len - u->start + (size_t)len > TCS_CELL_MAX) {
        tcs_xl_xfail(x, TCS_ELIMIT, 0, 0, "shared string %zu is longer than %u bytes", r->nsst + 1,
                     TCS_CELL_MAX);
        return;
    }
    if (buf_add(&r->sst, s, (size_t)len) != 0) {
        tcs_xl_nomem(r);
        XML_StopParser(x->p, XML_FALSE);
    }
}

/* sharedStrings.xml, if the workbook has it. */
tcs_status tcs_xl_load_shared_strings(rd *r, const char *name)
{
    zip_int64_t idx = tcs_xl_locate(r, name);
    if (idx < 0)
        return TCS_OK;
    sst_ud su = {0};
    xp sx = {0};
    sx.start = sst_start;
    sx.end = sst_end;
    sx.text = sst_text;
    sx.ud = &su;
    return tcs_xl_parse_part(r, idx, name, LIMIT_SST, &sx);
}
