/* escape.c - one writer per target for text that came from an input.
 *
 * Every writer walks the text in units (one character, or one byte that is
 * not part of a well-formed UTF-8 sequence) and sorts each unit into text,
 * a line break or tab, or a control character / bad byte; only the first
 * kind is written as it is (with the target's own escapes). */
#include "tcsurvey/escape.h"

#include <string.h>

typedef enum {
    UNIT_TEXT,    /* a printable character */
    UNIT_SPACE,   /* \t \n \v \f \r */
    UNIT_CONTROL, /* other C0, DEL, C1 (U+0080..U+009F) */
    UNIT_INVALID  /* a byte that does not start a well-formed sequence */
} unit_kind;

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* Length of the well-formed UTF-8 sequence at p (up to its NUL), or 0. */
static size_t utf8_len(const unsigned char *p)
{
    unsigned c = p[0];
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (size_t k = 2; k < n; k++)
        if (p[k] < 0x80 || p[k] > 0xBF)
            return 0;
    return n;
}

/* The unit at p: its kind, and its length in *len (at least 1). */
static unit_kind next_unit(const unsigned char *p, size_t *len)
{
    size_t n = utf8_len(p);
    if (n == 0) {
        *len = 1;
        return UNIT_INVALID;
    }
    *len = n;
    if (n == 1) {
        if (p[0] == '\t' || p[0] == '\n' || p[0] == '\v' || p[0] == '\f' || p[0] == '\r')
            return UNIT_SPACE;
        return p[0] < 0x20 || p[0] == 0x7f ? UNIT_CONTROL : UNIT_TEXT;
    }
    if (n == 2 && p[0] == 0xC2 && p[1] < 0xA0)
        return UNIT_CONTROL;
    return UNIT_TEXT;
}

static const unsigned char *bytes(const char *s) { return (const unsigned char *)(s ? s : ""); }

bool tcs_text_has_control(const char *s)
{
    size_t len;
    for (const unsigned char *p = bytes(s); *p; p += len) {
        unit_kind k = next_unit(p, &len);
        if (k == UNIT_CONTROL || k == UNIT_INVALID)
            return true;
    }
    return false;
}

void tcs_put_json_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    size_t len;
    for (const unsigned char *p = bytes(s); *p; p += len) {
        unit_kind k = next_unit(p, &len);
        if (k == UNIT_INVALID) {
            fputs("\\ufffd", fp);
            continue;
        }
        if (k == UNIT_TEXT && *p != '"' && *p != '\\') {
            fwrite(p, 1, len, fp);
            continue;
        }
        switch (*p) {
        case '"': fputs("\\\"", fp); break;
        case '\\': fputs("\\\\", fp); break;
        case '\n': fputs("\\n", fp); break;
        case '\r': fputs("\\r", fp); break;
        case '\t': fputs("\\t", fp); break;
        case '\b': fputs("\\b", fp); break;
        case '\f': fputs("\\f", fp); break;
        default: /* C0, DEL, C1 */
            fprintf(fp, "\\u%04x", len == 2 ? (unsigned)p[1] : (unsigned)p[0]);
        }
    }
    fputc('"', fp);
}

void tcs_put_csv_text(FILE *fp, const char *s)
{
    s = s ? s : "";
    bool formula = s[0] && strchr("=+-@\t\r", s[0]);
    bool quote = formula || strpbrk(s, ",;\"\n\r\t") != NULL;
    if (quote)
        fputc('"', fp);
    if (formula)
        fputc('\'', fp);
    size_t len;
    for (const unsigned char *p = bytes(s); *p; p += len) {
        unit_kind k = next_unit(p, &len);
        if (k == UNIT_CONTROL || k == UNIT_INVALID) {
            fputs(REPLACEMENT, fp);
            continue;
        }
        if (*p == '"')
            fputc('"', fp);
        fwrite(p, 1, len, fp);
    }
    if (quote)
        fputc('"', fp);
}

void tcs_csv_unguard(char *s)
{
    if (s && s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]))
        memmove(s, s + 1, strlen(s));
}

/* Writers that put each text unit through put (a target's own escapes)
 * and every line break, tab or control character as one character. */
typedef void (*unit_fn)(FILE *fp, const unsigned char *p, size_t len);

static void put_units(FILE *fp, const char *s, unit_fn put)
{
    size_t len;
    for (const unsigned char *p = bytes(s); *p; p += len) {
        unit_kind k = next_unit(p, &len);
        if (k == UNIT_SPACE)
            fputc(' ', fp);
        else if (k != UNIT_TEXT)
            fputs(REPLACEMENT, fp);
        else
            put(fp, p, len);
    }
}

static void md_cell_unit(FILE *fp, const unsigned char *p, size_t len)
{
    if (len == 1 && strchr("|\\*_`<[]", *p))
        fputc('\\', fp);
    fwrite(p, 1, len, fp);
}

void tcs_put_md_cell(FILE *fp, const char *s) { put_units(fp, s, md_cell_unit); }

static void md_text_unit(FILE *fp, const unsigned char *p, size_t len)
{
    if (*p == '<') {
        fputs("&lt;", fp);
        return;
    }
    if (len == 1 && strchr("\\`*_[]#|>!", *p))
        fputc('\\', fp);
    fwrite(p, 1, len, fp);
}

void tcs_put_md_text(FILE *fp, const char *s) { put_units(fp, s, md_text_unit); }

/* ---- Markdown for people, for pandoc ---- */

static bool ascii_punct(unsigned char c)
{
    return c > 0x20 && c < 0x7f && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                                      (c >= 'a' && c <= 'z'));
}

static bool ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           c >= 0x80; /* a letter of another script counts as a word's */
}

/* '&' that starts an entity reference: &name; &#123; */
static bool entity_at(const unsigned char *p)
{
    size_t k = 1;
    while (ascii_alnum(p[k]) && p[k] < 0x80)
        k++;
    if (p[1] == '#')
        for (k = 2; p[k] >= '0' && p[k] <= '9'; k++)
            ;
    return k > 1 && p[k] == ';';
}

/* What to write before a Markdown character at p (prev the byte before,
 * 0 at the start): "\\", "&lt;" (instead of it), or nothing. */
static const char *md_plain_escape(const unsigned char *p, unsigned char prev, bool cell,
                                   bool start)
{
    unsigned char c = p[0], n = p[1];
    switch (c) {
    case '*':
    case '`': return "\\";
    case '_': return !ascii_alnum(prev) || !ascii_alnum(n) ? "\\" : NULL;
    case '\\': return ascii_punct(n) ? "\\" : NULL;
    case ']': return n == '(' ? "\\" : NULL;
    case '~': return strchr((const char *)p + 1, '~') ? "\\" : NULL;
    case '&': return entity_at(p) ? "\\" : NULL;
    case '<':
        return (n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') || n == '/' || n == '!' || n == '?'
                   ? "&lt;"
                   : NULL;
    case '|': return cell ? "\\" : NULL;
    default: return start && !cell && strchr("#>+-=", c) ? "\\" : NULL;
    }
}

static void put_md_plain(FILE *fp, const char *s, bool cell)
{
    size_t len;
    unsigned char prev = 0;
    const unsigned char *b = bytes(s), *digits_end = b;
    while (*digits_end >= '0' && *digits_end <= '9')
        digits_end++;
    for (const unsigned char *p = b; *p; prev = p[len - 1], p += len) {
        unit_kind k = next_unit(p, &len);
        if (k == UNIT_SPACE) {
            fputc(' ', fp);
            continue;
        }
        if (k != UNIT_TEXT) {
            fputs(REPLACEMENT, fp);
            continue;
        }
        const char *esc = md_plain_escape(p, prev, cell, p == b);
        /* "2024. " at the start would be a numbered list */
        if (!cell && p == digits_end && p > b && (*p == '.' || *p == ')'))
            esc = "\\";
        if (esc && esc[0] == '&') {
            fputs(esc, fp);
            continue;
        }
        if (esc)
            fputs(esc, fp);
        fwrite(p, 1, len, fp);
    }
}

void tcs_put_md_plain(FILE *fp, const char *s) { put_md_plain(fp, s, false); }

void tcs_put_md_plain_cell(FILE *fp, const char *s) { put_md_plain(fp, s, true); }

static void pandoc_unit(FILE *fp, const unsigned char *p, size_t len)
{
    if (len == 1 && ascii_punct(*p))
        fputc('\\', fp);
    fwrite(p, 1, len, fp);
}

void tcs_put_pandoc_text(FILE *fp, const char *s) { put_units(fp, s, pandoc_unit); }

char *tcs_sheet_text(const char *s, char *buf, size_t n) { return tcs_term_text(s, buf, n); }

static void html_unit(FILE *fp, const unsigned char *p, size_t len)
{
    switch (*p) {
    case '&': fputs("&amp;", fp); break;
    case '<': fputs("&lt;", fp); break;
    case '>': fputs("&gt;", fp); break;
    case '"': fputs("&quot;", fp); break;
    case '\'': fputs("&#39;", fp); break;
    default: fwrite(p, 1, len, fp);
    }
}

void tcs_put_html(FILE *fp, const char *s) { put_units(fp, s, html_unit); }

static void plain_unit(FILE *fp, const unsigned char *p, size_t len) { fwrite(p, 1, len, fp); }

void tcs_put_term(FILE *fp, const char *s) { put_units(fp, s, plain_unit); }

char *tcs_term_text(const char *s, char *buf, size_t n)
{
    if (n == 0)
        return buf;
    size_t used = 0, len;
    for (const unsigned char *p = bytes(s); *p; p += len) {
        unit_kind k = next_unit(p, &len);
        const char *out = (const char *)p;
        size_t outlen = len;
        if (k == UNIT_SPACE) {
            out = " ";
            outlen = 1;
        } else if (k != UNIT_TEXT) {
            out = REPLACEMENT;
            outlen = 3;
        }
        if (used + outlen >= n)
            break;
        memcpy(buf + used, out, outlen);
        used += outlen;
    }
    buf[used] = '\0';
    return buf;
}

/* ---- gnuplot ---- */

static void put_quoted(FILE *fp, const char *s, bool tic)
{
    fputc('\'', fp);
    size_t len;
    for (const unsigned char *p = bytes(s); *p; p += len) {
        unit_kind k = next_unit(p, &len);
        if (k == UNIT_SPACE || k == UNIT_CONTROL)
            fputc(' ', fp);
        else if (k == UNIT_INVALID)
            fputs(REPLACEMENT, fp);
        else if (*p == '\'')
            fputs("'.tcs_q.'", fp);
        else if (*p == '%' && tic)
            fputs("%%", fp);
        else
            fwrite(p, 1, len, fp);
    }
    fputc('\'', fp);
}

void tcs_gp_put_preamble(FILE *fp) { fputs("tcs_q = \"'\"\ntcs_nl = \"\\n\"\n", fp); }

void tcs_gp_put_string(FILE *fp, const char *s) { put_quoted(fp, s, false); }

void tcs_gp_put_tic_label(FILE *fp, const char *const *lines, size_t n)
{
    if (n == 0)
        put_quoted(fp, "", true);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            fputs(".tcs_nl.", fp);
        put_quoted(fp, lines[i], true);
    }
}
