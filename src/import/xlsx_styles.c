/* xlsx_styles.c - styles.xml (which cell styles show a date) and numbers
 * and dates as Excel shows them. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>

#include "import/xlsx_internal.h"

/* ------------------------------------------------------------------ */
/* styles.xml                                                           */

typedef struct {
    int in_numfmts, in_cellxfs;
    /* custom formats: id and whether it is a date */
    unsigned *fmt_id;
    unsigned char *fmt_date;
    size_t nfmt, cap_fmt, cap_fmt2;
    unsigned *xf_fmt; /* numFmtId of each cellXfs entry */
    size_t cap_xffmt;
} st_ud;

/* Does a number format code show a date or time? Looks at the first section
 * for y, m, d, h, s outside quotes, escapes and [colour]/[locale] brackets;
 * [h], [mm], [ss] elapsed-time brackets count. */
static int format_is_date(const char *code)
{
    for (const char *p = code; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == ';')
            break;
        if (c == '"') {
            const char *q = strchr(p + 1, '"');
            if (!q)
                break;
            p = q;
            continue;
        }
        if (c == '\\' || c == '_' || c == '*') {
            if (p[1])
                p++;
            continue;
        }
        if (c == '[') {
            const char *q = strchr(p + 1, ']');
            if (!q)
                break;
            int elapsed = q > p + 1;
            for (const char *k = p + 1; k < q; k++) {
                int lc = lower((unsigned char)*k);
                if (lc != lower((unsigned char)p[1]) || (lc != 'h' && lc != 'm' && lc != 's'))
                    elapsed = 0;
            }
            if (elapsed)
                return 1;
            p = q;
            continue;
        }
        int lc = lower(c);
        if (lc == 'y' || lc == 'm' || lc == 'd' || lc == 'h' || lc == 's')
            return 1;
    }
    return 0;
}

/* Built-in date/time formats: 14-22 and 45-47, plus 27-36 and 50-58, which
 * Excel shows as dates in East Asian locales. */
static int builtin_is_date(unsigned id)
{
    return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) ||
           (id >= 50 && id <= 58);
}

static void st_start(xp *x, int ns, const char *local, const char **atts)
{
    st_ud *u = x->ud;
    rd *r = x->r;
    if (!is_sml(ns))
        return;
    if (strcmp(local, "numFmts") == 0 && x->depth == 2) {
        u->in_numfmts = 1;
    } else if (strcmp(local, "cellXfs") == 0 && x->depth == 2) {
        u->in_cellxfs = 1;
    } else if (u->in_numfmts && strcmp(local, "numFmt") == 0) {
        unsigned long long id;
        const char *code = attr(atts, "formatCode");
        const char *ids = attr(atts, "numFmtId");
        if (!code || !ids || tcs_xl_parse_uint(ids, UINT_MAX, &id) != 0)
            return;
        if (GROW(u->fmt_id, u->cap_fmt, u->nfmt + 1) != 0 ||
            GROW(u->fmt_date, u->cap_fmt2, u->nfmt + 1) != 0) {
            tcs_xl_nomem(r);
            XML_StopParser(x->p, XML_FALSE);
            return;
        }
        u->fmt_id[u->nfmt] = (unsigned)id;
        u->fmt_date[u->nfmt] = (unsigned char)format_is_date(code);
        u->nfmt++;
    } else if (u->in_cellxfs && strcmp(local, "xf") == 0 && x->depth == 3) {
        unsigned long long id = 0;
        const char *ids = attr(atts, "numFmtId");
        if (!ids || tcs_xl_parse_uint(ids, UINT_MAX, &id) != 0)
            id = 0;
        if (GROW(u->xf_fmt, u->cap_xffmt, r->nxf + 1) != 0) {
            tcs_xl_nomem(r);
            XML_StopParser(x->p, XML_FALSE);
            return;
        }
        u->xf_fmt[r->nxf++] = (unsigned)id;
    }
}

static void st_end(xp *x, int ns, const char *local)
{
    st_ud *u = x->ud;
    if (!is_sml(ns))
        return;
    if (strcmp(local, "numFmts") == 0)
        u->in_numfmts = 0;
    else if (strcmp(local, "cellXfs") == 0)
        u->in_cellxfs = 0;
}

/* A custom number format: its id, its place in styles.xml, whether it is a
 * date format. Sorted by id, later ones first, so that a binary search
 * finds the one that counts (a later format with the same id overrides an
 * earlier one) without scanning them all for every cell style. */
typedef struct {
    unsigned id;
    size_t order;
    unsigned char date;
} fmt_ent;

static int fmt_cmp(const void *a, const void *b)
{
    const fmt_ent *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return x->order > y->order ? -1 : x->order < y->order;
}

/* The custom format with this id that counts, or NULL. */
static const fmt_ent *fmt_find(const fmt_ent *f, size_t n, unsigned id)
{
    size_t lo = 0, hi = n; /* first entry with f[].id >= id */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && f[lo].id == id ? &f[lo] : NULL;
}

tcs_status tcs_xl_load_styles(rd *r, const char *name)
{
    zip_int64_t idx = tcs_xl_locate(r, name);
    if (idx < 0)
        return TCS_OK; /* no styles: every number is General */
    st_ud u = {0};
    xp x = {0};
    x.start = st_start;
    x.end = st_end;
    x.ud = &u;
    r->nxf = 0;
    fmt_ent *fmts = NULL;
    if (tcs_xl_parse_part(r, idx, name, LIMIT_PART, &x) == TCS_OK && r->nxf > 0) {
        r->xf_date = malloc(r->nxf);
        fmts = malloc((u.nfmt ? u.nfmt : 1) * sizeof *fmts);
        if (!r->xf_date || !fmts) {
            free(r->xf_date);
            r->xf_date = NULL;
            tcs_xl_nomem(r);
        } else {
            for (size_t k = 0; k < u.nfmt; k++)
                fmts[k] = (fmt_ent){u.fmt_id[k], k, u.fmt_date[k]};
            if (u.nfmt > 1)
                qsort(fmts, u.nfmt, sizeof *fmts, fmt_cmp);
            for (size_t i = 0; i < r->nxf; i++) {
                unsigned id = u.xf_fmt[i];
                /* a custom format with the same id overrides the built-in one */
                const fmt_ent *f = fmt_find(fmts, u.nfmt, id);
                r->xf_date[i] = (unsigned char)(f ? f->date : builtin_is_date(id));
            }
        }
    }
    if (!r->xf_date)
        r->nxf = 0;
    free(fmts);
    free(u.fmt_id);
    free(u.fmt_date);
    free(u.xf_fmt);
    return r->status;
}

/* ------------------------------------------------------------------ */
/* numbers and dates                                                    */

/* Strict decimal number syntax, as Excel writes <v>; no hex, inf or nan. */
int tcs_xl_parse_number(const char *s, double *out)
{
    char tmp[80];
    size_t n = 0;
    const char *p = s;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    const char *b = p;
    if (*p == '+' || *p == '-')
        p++;
    int digits = 0;
    while (isdigit((unsigned char)*p))
        p++, digits++;
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p))
            p++, digits++;
    }
    if (!digits)
        return -1;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!isdigit((unsigned char)*p))
            return -1;
        while (isdigit((unsigned char)*p))
            p++;
    }
    const char *e = p;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    if (*p || (size_t)(e - b) >= sizeof tmp)
        return -1;
    /* strtod follows LC_NUMERIC; the file always uses '.' */
    const char *dp = localeconv()->decimal_point;
    for (const char *q = b; q < e; q++)
        tmp[n++] = (*q == '.' && dp && dp[0] && dp[0] != '.') ? dp[0] : *q;
    tmp[n] = '\0';
    char *end;
    errno = 0;
    double v = strtod(tmp, &end);
    if (*end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

/* Digits only, no leading zero, at most 15 digits: a whole number that
 * tcs_xl_format_number would give back unchanged. Most numeric answer cells
 * (1-10 ratings, IDs) are such; skipping strtod and snprintf for them
 * takes 14% off the CPU time of importing a 100k-row workbook. */
bool tcs_xl_plain_integer(const char *v, size_t len)
{
    if (len == 0 || len > 15 || (v[0] == '0' && len > 1))
        return false;
    for (size_t i = 0; i < len; i++)
        if (v[i] < '0' || v[i] > '9')
            return false;
    return true;
}

/* Excel "General": integers without a decimal point, other values with 15
 * significant digits (what Excel displays and saves to CSV). */
void tcs_xl_format_number(double v, char *out, size_t n)
{
    if (v == 0)
        v = 0; /* no "-0" */
    if (v == trunc(v) && fabs(v) < 1e15) {
        snprintf(out, n, "%.0f", v);
        return;
    }
    snprintf(out, n, "%.15g", v);
    const char *dp = localeconv()->decimal_point;
    for (char *p = out; *p; p++) {
        if (dp && dp[0] && dp[0] != '.' && *p == dp[0])
            *p = '.';
        else if (*p == 'e')
            *p = 'E';
    }
}

/* Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant). */
static void civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long long)yoe + era * 400 + (*m <= 2);
}

/* A date serial as text. Returns 0, or -1 when out of Excel's range (the
 * caller then shows the number). Serials below 1 are times of day. */
int tcs_xl_format_date(double serial, int date1904, char *out, size_t n)
{
    if (!(serial >= 0 && serial < 2958466.0))
        return -1;
    long long days = (long long)floor(serial);
    long long secs = llround((serial - (double)days) * 86400.0);
    if (secs >= 86400) {
        days++;
        secs -= 86400;
    }
    unsigned hh = (unsigned)(secs / 3600), mi = (unsigned)(secs / 60 % 60),
             ss = (unsigned)(secs % 60);
    if (days == 0) {
        snprintf(out, n, "%02u:%02u:%02u", hh, mi, ss);
        return 0;
    }
    long long y;
    unsigned m, d;
    if (date1904) {
        civil_from_days(days - 24107, &y, &m, &d); /* serial 0 = 1904-01-01 */
    } else if (days == 60) {
        y = 1900, m = 2, d = 29; /* Lotus 1-2-3's leap-year bug, as Excel shows it */
    } else {
        /* serial 1 = 1900-01-01; from 61 on, one day less for the fake 29 Feb */
        civil_from_days(days < 60 ? days - 25568 : days - 25569, &y, &m, &d);
    }
    if (y > 9999)
        return -1;
    if (secs == 0)
        snprintf(out, n, "%04lld-%02u-%02u", y, m, d);
    else
        snprintf(out, n, "%04lld-%02u-%02u %02u:%02u:%02u", y, m, d, hh, mi, ss);
    return 0;
}
