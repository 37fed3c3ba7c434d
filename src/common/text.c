/* text.c - UTF-8 checks, label normal form, strict number parsing. */
#include "tcsurvey/text.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

bool tcs_utf8_valid(const char *str, size_t n, size_t *bad)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else
            goto fail;
        if (i + len > n)
            goto fail;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                goto fail;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            goto fail;
        i += len;
    }
    return true;
fail:
    if (bad)
        *bad = i;
    return false;
}

/* Code points folded by the label normal form: 0 = drop, 1 = space. */
static int fold_codepoint(unsigned cp)
{
    switch (cp) {
    case 0x00A0: case 0x2002: case 0x2003: case 0x2009: case 0x202F: /* spaces */
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: /* dashes */
    case 0x201C: case 0x201D: case 0x00AB: case 0x00BB: case 0x2026: /* quotes, ellipsis */
        return 1;
    case 0x2018: case 0x2019: case 0x00B4: case 0x02BC: /* apostrophes */
        return 0;
    default:
        return -1;
    }
}

char *tcs_label_normalise(const char *str, size_t n, char *out, size_t outsz)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t o = 0;
    bool pending_space = false;
    if (!outsz)
        return out;
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t len = 1;
        int action = -1; /* -1 keep, 0 drop, 1 space */
        if (c < 0x80) {
            if (isalnum(c))
                action = -1;
            else if (c == '\'' || c == '`')
                action = 0;
            else
                action = 1;
        } else {
            unsigned cp = 0;
            if (c >= 0xC0 && c < 0xE0 && i + 1 < n) {
                len = 2;
                cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
            } else if (c >= 0xE0 && c < 0xF0 && i + 2 < n) {
                len = 3;
                cp = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
            } else if (c >= 0xF0 && i + 3 < n) {
                len = 4;
            }
            action = cp ? fold_codepoint(cp) : -1;
        }
        if (action == 1) {
            pending_space = o > 0;
        } else if (action == -1) {
            if (pending_space && o + 1 < outsz)
                out[o++] = ' ';
            pending_space = false;
            for (size_t k = 0; k < len && i + k < n && o + 1 < outsz; k++)
                out[o++] = (char)(len == 1 ? tolower(s[i + k]) : s[i + k]);
        }
        i += len;
    }
    out[o] = '\0';
    return out;
}

static size_t space_len_at(const unsigned char *s, size_t n)
{
    if (n >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n'))
        return 1;
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    return 0;
}

const char *tcs_trim(const char *str, size_t n, size_t *len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t a = 0, b = n, k;
    while (a < b && (k = space_len_at(s + a, b - a)) > 0)
        a += k;
    for (;;) {
        if (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r' || s[b - 1] == '\n'))
            b--;
        else if (b >= a + 2 && s[b - 2] == 0xC2 && s[b - 1] == 0xA0)
            b -= 2;
        else
            break;
    }
    *len = b - a;
    return str + a;
}

bool tcs_parse_double(const char *str, size_t n, double *out)
{
    size_t len;
    const char *s = tcs_trim(str, n, &len);
    char buf[64];
    if (len == 0 || len >= sizeof buf)
        return false;
    /* digits, one optional leading sign, at most one '.', nothing else:
     * rejects "1e3", "0x10", "inf", "nan" that strtod would take */
    size_t digits = 0, dots = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9')
            digits++;
        else if (c == '.')
            dots++;
        else if ((c == '-' || c == '+') && i == 0)
            continue;
        else
            return false;
    }
    if (!digits || dots > 1)
        return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    errno = 0;
    char *end;
    double v = strtod(buf, &end);
    if (errno || *end || !isfinite(v))
        return false;
    *out = v;
    return true;
}

bool tcs_parse_int(const char *s, size_t n, long *out)
{
    double v;
    if (!tcs_parse_double(s, n, &v) || v != floor(v) || fabs(v) > 1e15)
        return false;
    *out = (long)v;
    return true;
}

char *tcs_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

bool tcs_glob_match(const char *p, const char *t)
{
    const char *star = NULL, *mark = NULL;
    while (*t) {
        if (*p == '*') {
            star = p++;
            mark = t;
        } else if (*p == '?' || (*p && tolower((unsigned char)*p) == tolower((unsigned char)*t))) {
            p++;
            t++;
        } else if (star) {
            p = star + 1;
            t = ++mark;
        } else
            return false;
    }
    while (*p == '*')
        p++;
    return *p == '\0';
}

size_t tcs_utf8_chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

size_t tcs_utf8_prefix(const char *s, size_t max_chars)
{
    size_t i = 0, k = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && k++ == max_chars)
            break;
    }
    return i;
}
