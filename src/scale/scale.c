/* scale.c - scales by name, user-defined scales, and reading an answer as a
 * point of a scale. The built-in rows are in registry.c, the choice of a
 * scale for a column's answers in choose.c. */
#include "tcsurvey/scale.h"
#include "tcsurvey/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void first_alias(const char *aliases, char *out, size_t outsz)
{
    const char *bar = strchr(aliases, '|');
    size_t n = bar ? (size_t)(bar - aliases) : strlen(aliases);
    snprintf(out, outsz, "%.*s", (int)n, aliases);
}

void tcs_scale_from_def(const tcs_scale_def *def, tcs_scale *out)
{
    memset(out, 0, sizeof *out);
    out->kind = TCS_SCALE_LABELS;
    snprintf(out->name, sizeof out->name, "%s", def->name);
    snprintf(out->family, sizeof out->family, "%s", def->family ? def->family : "");
    size_t k = def->npoints < TCS_SCALE_POINTS_MAX ? def->npoints : TCS_SCALE_POINTS_MAX;
    for (size_t p = 0; p < k; p++)
        first_alias(def->points[p], out->labels[p], sizeof out->labels[p]);
    out->npoints = k;
    out->min = def->first;
    out->max = def->first + (int)k - 1;
    out->def = def;
}

void tcs_scale_numeric(int min, int max, tcs_scale *out)
{
    memset(out, 0, sizeof *out);
    out->kind = TCS_SCALE_NUMERIC;
    snprintf(out->name, sizeof out->name, "%d-%d", min, max);
    snprintf(out->family, sizeof out->family, "rating");
    out->min = min;
    out->max = max;
    out->npoints = (size_t)(max - min + 1);
    for (int v = min; v <= max; v++)
        snprintf(out->labels[v - min], sizeof out->labels[0], "%d", v);
}

bool tcs_scale_by_name(const char *name, tcs_scale *out)
{
    if (!name)
        return false;
    for (size_t i = 0; i < tcs_scale_builtin_count(); i++)
        if (strcasecmp(tcs_scale_builtin(i)->name, name) == 0) {
            tcs_scale_from_def(tcs_scale_builtin(i), out);
            return true;
        }
    int lo, hi, used = 0;
    if (sscanf(name, "%d-%d%n", &lo, &hi, &used) == 2 && name[used] == '\0' && lo >= 0 &&
        hi > lo && hi <= 10 && isdigit((unsigned char)name[0])) {
        tcs_scale_numeric(lo, hi, out);
        return true;
    }
    return false;
}

double tcs_scale_midpoint(const tcs_scale *scale) { return (scale->min + scale->max) / 2.0; }

/* ---- wordings ---- */

/* Does the normal form norm equal the wording w[0..wn) (raw text, a final
 * " *" accepting any further words)? */
static bool wording_matches(const char *w, size_t wn, const char *norm)
{
    char wnorm[TCS_SCALE_LABEL_MAX * 2];
    bool star = wn >= 2 && w[wn - 1] == '*' && w[wn - 2] == ' ';
    tcs_label_normalise(w, star ? wn - 2 : wn, wnorm, sizeof wnorm);
    size_t len = strlen(wnorm);
    if (!star)
        return strcmp(wnorm, norm) == 0;
    return len > 0 && strncmp(wnorm, norm, len) == 0 && norm[len] == ' ';
}

/* Is norm one of the wordings of list (separated by any of seps)? */
static bool in_wordings(const char *list, const char *seps, const char *norm)
{
    for (const char *p = list; p && *p;) {
        size_t n = strcspn(p, seps);
        size_t tl;
        const char *t = tcs_trim(p, n, &tl);
        if (tl && wording_matches(t, tl, norm))
            return true;
        p += n + (p[n] ? 1 : 0);
    }
    return false;
}

bool tcs_answer_in_list(const char *list, const char *s, size_t n)
{
    char norm[TCS_SCALE_LABEL_MAX * 2];
    if (!list || n >= sizeof norm)
        return false;
    tcs_label_normalise(s, n, norm, sizeof norm);
    return norm[0] && in_wordings(list, "|;", norm);
}

bool tcs_answer_head(const char *s, size_t n, char *out, size_t outsz)
{
    size_t len;
    const char *t = tcs_trim(s, n, &len);
    static const char *const cuts[] = {": ", ", ", " - ", " -- ", "; ", " (", " \xe2\x80\x93 ",
                                       NULL};
    size_t cut = len;
    for (size_t i = 0; cuts[i]; i++) {
        size_t cl = strlen(cuts[i]);
        for (size_t k = 0; k + cl <= len && k < cut; k++)
            if (memcmp(t + k, cuts[i], cl) == 0) {
                cut = k;
                break;
            }
    }
    if (cut == len || cut < 2)
        return false;
    tcs_label_normalise(t, cut, out, outsz);
    return out[0] != '\0';
}

/* The point (0-based) of def whose wordings hold norm, or -1. */
static int def_point(const tcs_scale_def *def, const char *norm)
{
    for (size_t k = 0; k < def->npoints && k < TCS_SCALE_POINTS_MAX; k++)
        if (in_wordings(def->points[k], "|", norm))
            return (int)k;
    return -1;
}

/* ---- non-substantive answers ---- */

/* Normal forms (text.h: lower case, punctuation as spaces, apostrophes
 * dropped) of answers that are no point of any scale; " *" accepts any
 * words after. Written in normal form, so they are compared as they are. */
static const char nonsubstantive_list[] =
    "na|n a|not applicable|not relevant|irrelevant|does not apply|doesnt apply|"
    "not applicable to me|does not apply to me|not applicable to my role|"
    "dont know|do not know|i dont know|i do not know|dk|dont know enough|"
    "cannot answer|cant answer|can not answer|unable to answer|cannot say|cant say|"
    "cannot judge|cant judge|unable to judge|not able to judge|no basis to judge|"
    "prefer not to say|prefer not to answer|prefer not to disclose|"
    "i prefer not to say|id prefer not to say|i would prefer not to say|"
    "i prefer not to answer|id prefer not to answer|i would prefer not to answer|"
    "rather not say|id rather not say|i would rather not say|decline to answer|"
    "not sure|unsure|im not sure|i am not sure|no opinion|no answer|no response|"
    "dont care|do not care|no comment|not answered|"
    "no se|no sé|no lo se|no lo sé|no sabe|no contesta|no sabe no contesta|ns nc|"
    "no aplica|no corresponde|no procede|prefiero no responder|prefiero no contestar|"
    "prefiero no decirlo|sin opinion|sin opinión|"
    /* opt-outs of a question about something the respondent does not use,
     * know or have ("I don't use Twitter", "No sé qué es Shiny") */
    "i dont use *|i do not use *|dont use *|do not use *|i no longer use *|"
    "i have never used *|ive never used *|never heard of *|i have not heard of *|"
    "i dont know what *|i do not know what *|dont know what *|i dont know enough *|"
    "i do not know enough *|im not informed *|i am not informed *|not informed enough *|"
    "not enough information *|no uso *|ya no uso *|nunca he usado *|no conozco *|"
    "no sé *|no se que *|no sé qué *|no lo conozco|does not apply *|not applicable *|"
    "no experience of *|i have no experience of *";

/* Words that may stand beside such an answer without changing it. */
static const char filler_list[] = "skip|skipped|please skip|i|or|this question|n";

/* Is norm one of the wordings of list, which are written in normal form
 * already (no normalising of the list for every answer)? */
static bool in_normal_list(const char *list, const char *norm)
{
    size_t nl = strlen(norm);
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, "|");
        bool star = n >= 2 && p[n - 1] == '*' && p[n - 2] == ' ';
        size_t wn = star ? n - 2 : n;
        if (star ? (nl > wn + 1 && memcmp(p, norm, wn) == 0 && norm[wn] == ' ')
                 : (nl == wn && memcmp(p, norm, wn) == 0))
            return true;
        p += n + (p[n] ? 1 : 0);
    }
    return false;
}

/* A part of an answer, normalised, as a non-substantive answer (1), a
 * filler (0) or anything else (-1). */
static int part_kind(const char *s, size_t n)
{
    char norm[160];
    size_t len;
    const char *t = tcs_trim(s, n, &len);
    if (len == 0)
        return 0;
    if (len >= sizeof norm)
        return -1;
    tcs_label_normalise(t, len, norm, sizeof norm);
    if (!norm[0] || in_normal_list(filler_list, norm))
        return 0;
    return in_normal_list(nonsubstantive_list, norm) ? 1 : -1;
}

/* Split at '/', ',', ';', '(', ')', " - ", " – " and " or " ("N/A" and
 * "n.a." stay whole): true when every part is a non-substantive answer or
 * a filler, and one at least is the former. */
static bool parts_nonsubstantive(const char *s, size_t n)
{
    char buf[160];
    if (n >= sizeof buf)
        return false;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        bool na = (s[i] == 'N' || s[i] == 'n') && i + 2 < n &&
                  (s[i + 1] == '/' || s[i + 1] == '.') && (s[i + 2] == 'A' || s[i + 2] == 'a') &&
                  (i + 3 == n || !isalpha((unsigned char)s[i + 3])) &&
                  (i == 0 || !isalpha((unsigned char)s[i - 1]));
        if (na) {
            buf[o++] = 'N';
            buf[o++] = 'A';
            i += 2 + (i + 3 < n && s[i + 3] == '.');
        } else {
            buf[o++] = s[i];
        }
    }
    buf[o] = '\0';
    bool any = false;
    for (const char *p = buf;;) {
        size_t k = 0, skip = 1;
        for (; p[k] && !strchr("/,;()", p[k]); k++) {
            if (strncmp(p + k, " - ", 3) == 0) {
                skip = 3;
                break;
            }
            if (strncmp(p + k, " or ", 4) == 0) {
                skip = 4;
                break;
            }
            if (strncmp(p + k, " \xe2\x80\x93 ", 5) == 0) {
                skip = 5;
                break;
            }
        }
        int kind = part_kind(p, k);
        if (kind < 0)
            return false;
        any |= kind == 1;
        if (!p[k])
            return any;
        p += k + skip;
    }
}

bool tcs_answer_is_missing(const char *s, size_t n)
{
    size_t len;
    const char *t = tcs_trim(s, n, &len);
    return len == 0 || (len == 2 && t[0] == 'N' && t[1] == 'A');
}

/* The trailing "/ NA" of SurveyMonkey-style opt-outs ("I don't use Twitter
 * / NA", "... / N/A"). */
static bool ends_with_na(const char *s, size_t n)
{
    size_t len;
    const char *t = tcs_trim(s, n, &len);
    static const char *const tails[] = {"/ NA", "/NA", "/ N/A", "/N/A", "/ n/a", "/n/a"};
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        size_t tl = strlen(tails[i]);
        if (len > tl + 1 && memcmp(t + len - tl, tails[i], tl) == 0)
            return true;
    }
    return false;
}

bool tcs_answer_is_nonsubstantive(const char *s, size_t n)
{
    if (n > 150 || tcs_answer_is_missing(s, n))
        return false;
    return ends_with_na(s, n) || part_kind(s, n) == 1 || parts_nonsubstantive(s, n);
}

/* ---- numbers with labels ---- */

static bool whole_number(const char *s, size_t n, int *value)
{
    long v;
    if (!tcs_parse_int(s, n, &v) || v < -1000000 || v > 1000000)
        return false;
    *value = (int)v;
    return true;
}

/* Leading digits of t (at most 3): their value and how many. */
static size_t digits(const char *t, size_t len, int *v)
{
    size_t i = 0;
    *v = 0;
    while (i < len && i < 4 && isdigit((unsigned char)t[i]))
        *v = *v * 10 + (t[i++] - '0');
    return i < 4 ? i : 0;
}

/* Does the label text after a number start like words, not like the
 * second number of a range ("10 - 100", "3-4 hours")? */
static bool label_text(const char *t, size_t len)
{
    while (len && (*t == ' ' || *t == '\t')) {
        t++;
        len--;
    }
    return len > 0 && !isdigit((unsigned char)*t) && *t != '+' && *t != '-' && *t != '%' &&
           *t != '.' && *t != ',';
}

/* "4 - Good", "4. Good", "4) Good", "4: Good", "4 = Good", "(4) Good",
 * "[4] Good", "10 (All my time)" */
static bool number_before(const char *t, size_t len, int *value)
{
    size_t i = 0;
    char close = 0;
    if (len && (t[0] == '(' || t[0] == '[')) {
        close = t[0] == '(' ? ')' : ']';
        i = 1;
    }
    int v;
    size_t d = digits(t + i, len - i, &v);
    if (!d)
        return false;
    i += d;
    if (close) {
        if (i >= len || t[i] != close)
            return false;
        i++;
        if (!label_text(t + i, len - i))
            return false;
        *value = v;
        return true;
    }
    size_t j = i;
    while (j < len && t[j] == ' ')
        j++;
    if (j >= len)
        return false;
    if (t[j] == '(' && j > i) { /* "10 (All my time)" */
        if (!label_text(t + j + 1, len - j - 1))
            return false;
        *value = v;
        return true;
    }
    if (!strchr("-.):=", t[j]) || (t[j] == '.' && j + 1 < len && isdigit((unsigned char)t[j + 1])))
        return false;
    if (t[j] == '-' && j == i && j + 1 < len && isdigit((unsigned char)t[j + 1]))
        return false; /* "3-4" */
    j++;
    if (!label_text(t + j, len - j))
        return false;
    *value = v;
    return true;
}

/* "Good (4)", "Good [4]", "Good - 4", "Good = 4" */
static bool number_after(const char *t, size_t len, int *value)
{
    if (len < 3)
        return false;
    size_t end = len;
    char open = 0;
    if (t[end - 1] == ')' || t[end - 1] == ']') {
        open = t[end - 1] == ')' ? '(' : '[';
        end--;
    }
    size_t d = 0;
    while (d < end && d < 4 && isdigit((unsigned char)t[end - 1 - d]))
        d++;
    if (d == 0 || d == 4 || d == end)
        return false;
    size_t start = end - d;
    int v = 0;
    for (size_t k = start; k < end; k++)
        v = v * 10 + (t[k] - '0');
    size_t j = start;
    if (open) {
        if (t[j - 1] != open)
            return false;
        j--;
    } else {
        while (j > 0 && t[j - 1] == ' ')
            j--;
        if (j == 0 || (t[j - 1] != '-' && t[j - 1] != '='))
            return false;
        j--;
    }
    while (j > 0 && t[j - 1] == ' ')
        j--;
    /* words before it, ending in a letter */
    if (j == 0 || !(isalpha((unsigned char)t[j - 1]) || (unsigned char)t[j - 1] >= 0x80 ||
                    t[j - 1] == '.'))
        return false;
    *value = v;
    return true;
}

bool tcs_answer_number(const char *s, size_t n, int *value, bool *labelled)
{
    size_t len;
    const char *t = tcs_trim(s, n, &len);
    bool lab = false;
    if (whole_number(t, len, value))
        ;
    else if (number_before(t, len, value) || number_after(t, len, value))
        lab = true;
    else
        return false;
    if (labelled)
        *labelled = lab;
    return true;
}

bool tcs_scale_value(const tcs_scale *scale, const char *s, size_t n, int *value)
{
    int v;
    if (scale->kind == TCS_SCALE_NUMERIC) {
        if (!tcs_answer_number(s, n, &v, NULL) || v < scale->min || v > scale->max)
            return false;
        *value = v;
        return true;
    }
    if (scale->kind != TCS_SCALE_LABELS)
        return false;
    char norm[TCS_SCALE_LABEL_MAX * 2];
    if (n >= sizeof norm * 2)
        return false;
    tcs_label_normalise(s, n, norm, sizeof norm);
    int k = scale->def ? def_point(scale->def, norm) : -1;
    if (k < 0) /* the scale's own display labels */
        for (size_t p = 0; p < scale->npoints && k < 0; p++)
            if (wording_matches(scale->labels[p], strlen(scale->labels[p]), norm))
                k = (int)p;
    char head[TCS_SCALE_LABEL_MAX * 2];
    if (k < 0 && scale->def && tcs_answer_head(s, n, head, sizeof head))
        k = def_point(scale->def, head); /* "Diariamente: al menos una vez al día" */
    if (k < 0)
        return false;
    *value = scale->min + k;
    return true;
}

/* ---- near misses ---- */

/* Levenshtein distance of a and b, stopping at limit + 1. */
static size_t edit_distance(const char *a, const char *b, size_t limit)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 120 || lb > 120)
        return limit + 1;
    if ((la > lb ? la - lb : lb - la) > limit)
        return limit + 1;
    size_t prev[122], cur[122];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        size_t best = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            if (cur[j] < best)
                best = cur[j];
        }
        if (best > limit)
            return limit + 1;
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}

/* Smallest distance from norm to a wording of the list. */
static size_t list_distance(const char *list, const char *norm, size_t limit)
{
    size_t best = limit + 1;
    char w[TCS_SCALE_LABEL_MAX * 2];
    for (const char *p = list; p && *p;) {
        size_t n = strcspn(p, "|");
        if (!(n >= 2 && p[n - 1] == '*')) {
            tcs_label_normalise(p, n, w, sizeof w);
            size_t d = edit_distance(norm, w, limit);
            if (d < best)
                best = d;
        }
        p += n + (p[n] ? 1 : 0);
    }
    return best;
}

int tcs_scale_near_point(const tcs_scale *scale, const char *s, size_t n)
{
    if (scale->kind != TCS_SCALE_LABELS || n > 120)
        return -1;
    char norm[TCS_SCALE_LABEL_MAX * 2];
    tcs_label_normalise(s, n, norm, sizeof norm);
    size_t len = strlen(norm);
    if (len < 5)
        return -1; /* "Agre" for "Agree" is too short to tell from "Age" */
    size_t limit = len >= 12 ? 2 : 1;
    int found = -1;
    size_t best = limit + 1;
    bool tie = false;
    for (size_t k = 0; k < scale->npoints; k++) {
        size_t d = scale->def ? list_distance(scale->def->points[k], norm, limit)
                              : list_distance(scale->labels[k], norm, limit);
        if (d == 0)
            return -1; /* an exact wording: not a near miss */
        if (d < best) {
            best = d;
            found = (int)k;
            tie = false;
        } else if (d == best && d <= limit) {
            tie = true;
        }
    }
    return best <= limit && !tie ? found : -1;
}

/* ---- ranges ---- */

bool tcs_scale_numeric_extent(const tcs_answer_count *answers, size_t n, int *min, int *max,
                              bool *prefixed, long *others)
{
    bool any = false, pre = false;
    int lo = 0, hi = 0;
    long other = 0;
    for (size_t i = 0; i < n; i++) {
        int v;
        bool lab;
        if (!tcs_answer_number(answers[i].text, answers[i].len, &v, &lab)) {
            other += answers[i].count;
            continue;
        }
        pre |= lab;
        if (!any || v < lo)
            lo = v;
        if (!any || v > hi)
            hi = v;
        any = true;
    }
    if (others)
        *others = other;
    if (!any)
        return false;
    *min = lo;
    *max = hi;
    if (prefixed)
        *prefixed = pre;
    return true;
}

/* Standard ranges, smallest first; rare ones need both ends answered. */
static const struct {
    int min, max;
    bool common;
} standard_ranges[] = {
    {1, 3, false}, {0, 3, false}, {1, 4, true},  {0, 4, false}, {1, 5, true},  {0, 5, false},
    {1, 6, true},  {0, 6, false}, {1, 7, true},  {1, 9, false}, {1, 10, true}, {0, 10, true},
};

bool tcs_scale_smallest_range(int lo, int hi, int *min, int *max)
{
    for (size_t i = 0; i < sizeof standard_ranges / sizeof standard_ranges[0]; i++) {
        int a = standard_ranges[i].min, b = standard_ranges[i].max;
        if (a > lo || hi > b)
            continue;
        if (!standard_ranges[i].common && (lo != a || hi != b))
            continue;
        *min = a;
        *max = b;
        return true;
    }
    return false;
}

/* The next number in s at or after *i, skipping other text; false at the end. */
static bool next_number(const char *s, size_t *i, long *v, size_t *start)
{
    while (s[*i] && !isdigit((unsigned char)s[*i]))
        (*i)++;
    if (!s[*i])
        return false;
    *start = *i;
    *v = 0;
    bool boundary = *i == 0 || !isalnum((unsigned char)s[*i - 1]);
    while (isdigit((unsigned char)s[*i]) && *v < 100000)
        *v = *v * 10 + (s[(*i)++] - '0');
    if (!boundary || isalpha((unsigned char)s[*i]))
        *v = -1; /* "q1", "3rd": no number of a range */
    return true;
}

bool tcs_scale_range_in_text(const char *text, int *min, int *max)
{
    if (!text)
        return false;
    char norm[512];
    tcs_label_normalise(text, strlen(text) < 500 ? strlen(text) : 500, norm, sizeof norm);
    /* "1 to 10", "1 10" (from "1-10", "(1-10)", "1 = low, 10 = high") */
    size_t i = 0, at, at2;
    long a, b;
    int found = 0;
    while (next_number(norm, &i, &a, &at)) {
        size_t j = i;
        if (strncmp(norm + j, " to ", 4) == 0)
            j += 4;
        else if (norm[j] == ' ')
            j += 1;
        else
            continue;
        size_t k = j;
        if (!next_number(norm, &k, &b, &at2) || at2 != j)
            continue;
        /* words between "1 = not at all" and "10 = completely" */
        if (a >= 0 && (a == 0 || a == 1) && b > a && b - a < TCS_SCALE_POINTS_MAX && b >= 3) {
            if (found && (*min != (int)a || *max != (int)b))
                return false;
            *min = (int)a;
            *max = (int)b;
            found = 1;
        }
        i = k;
    }
    return found;
}
