/* userscale.c - a scale a user writes down: "Never; Rarely; Sometimes;
 * Often; Always", optionally with values ("Never=0; ...") and further
 * wordings per point ("Strongly agree|Strong agree"). */
#include "tcsurvey/scale.h"
#include "tcsurvey/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A definition and the text it points into, in one allocation's care. */
typedef struct {
    tcs_scale_def def; /* first: a tcs_scale_def * is a user_def * */
    char name[TCS_SCALE_NAME_MAX];
    char family[TCS_SCALE_FAMILY_MAX];
    char *points[TCS_SCALE_POINTS_MAX];
    char *nonsubstantive;
    char *description;
} user_def;

void tcs_scale_def_free(tcs_scale_def *def)
{
    user_def *u = (user_def *)def;
    if (!u)
        return;
    for (size_t k = 0; k < TCS_SCALE_POINTS_MAX; k++)
        free(u->points[k]);
    free(u->nonsubstantive);
    free(u->description);
    free(u);
}

/* "Strongly agree|Strong agree = 5": the wordings and, when the item ends
 * in "= WHOLE NUMBER", the value. */
static bool split_value(const char *item, size_t n, size_t *textlen, bool *has, long *value)
{
    *has = false;
    *textlen = n;
    const char *eq = NULL;
    for (size_t i = 0; i < n; i++)
        if (item[i] == '=')
            eq = item + i;
    if (!eq)
        return true;
    size_t vl = (size_t)(item + n - (eq + 1));
    if (!tcs_parse_int(eq + 1, vl, value))
        return true; /* "1 = Strongly disagree" is a wording */
    *has = true;
    *textlen = (size_t)(eq - item);
    return true;
}

/* Copy of s[0..n) with each '|'-separated wording trimmed; NULL when out
 * of memory. Sets *empty when a wording is empty. */
static char *clean_wordings(const char *s, size_t n, bool *empty)
{
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    *empty = false;
    for (const char *p = s; p < s + n;) {
        const char *bar = memchr(p, '|', (size_t)(s + n - p));
        size_t wn = bar ? (size_t)(bar - p) : (size_t)(s + n - p);
        size_t tl;
        const char *t = tcs_trim(p, wn, &tl);
        if (tl == 0)
            *empty = true;
        if (o)
            out[o++] = '|';
        memcpy(out + o, t, tl);
        o += tl;
        p += wn + (bar ? 1 : 0);
    }
    out[o] = '\0';
    if (o == 0)
        *empty = true;
    return out;
}

static tcs_status parse_points(user_def *u, const char *labels, tcs_error *err)
{
    size_t k = 0;
    bool any_value = false;
    long first_value = 1;
    for (const char *p = labels; *p;) {
        size_t n = strcspn(p, ";");
        size_t tl;
        const char *t = tcs_trim(p, n, &tl);
        p += n + (p[n] ? 1 : 0);
        if (tl == 0 && !*p && k > 0)
            break; /* a final ';' */
        if (k == TCS_SCALE_POINTS_MAX)
            return tcs_error_set(err, TCS_ECONFIG, "", 0, 0,
                                 "more than %d answers in labels; a scale has at most %d points",
                                 TCS_SCALE_POINTS_MAX, TCS_SCALE_POINTS_MAX);
        size_t textlen;
        bool has;
        long v;
        split_value(t, tl, &textlen, &has, &v);
        bool empty;
        if (!(u->points[k] = clean_wordings(t, textlen, &empty)))
            return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
        if (empty)
            return tcs_error_set(err, TCS_ECONFIG, "", 0, 0,
                                 "answer %zu of labels is empty (labels are ';'-separated, "
                                 "lowest first)",
                                 k + 1);
        if (has) {
            if (!any_value) {
                first_value = v - (long)k;
                any_value = true;
            } else if (v != first_value + (long)k) {
                return tcs_error_set(err, TCS_ECONFIG, "", 0, 0,
                                     "the value of '%.60s' is %ld, but values must rise by one "
                                     "from answer to answer (it would be %ld)",
                                     u->points[k], v, first_value + (long)k);
            }
            if (v < -1000 || v > 1000)
                return tcs_error_set(err, TCS_ECONFIG, "", 0, 0,
                                     "value %ld of '%.60s' is out of range", v, u->points[k]);
        }
        k++;
    }
    if (k < 2)
        return tcs_error_set(err, TCS_ECONFIG, "", 0, 0,
                             "labels needs at least two answers, ';'-separated, lowest first");
    u->def.npoints = k;
    u->def.first = (int)first_value;
    return TCS_OK;
}

/* No wording may stand at two points. */
static tcs_status check_repeats(const user_def *u, tcs_error *err)
{
    for (size_t a = 0; a < u->def.npoints; a++)
        for (const char *p = u->points[a]; *p;) {
            size_t n = strcspn(p, "|");
            for (size_t b = a + 1; b < u->def.npoints; b++)
                if (tcs_answer_in_list(u->points[b], p, n))
                    return tcs_error_set(err, TCS_ECONFIG, "", 0, 0,
                                         "'%.*s' is given for two answers of labels (%zu and "
                                         "%zu)",
                                         (int)(n < 60 ? n : 60), p, a + 1, b + 1);
            p += n + (p[n] ? 1 : 0);
        }
    return TCS_OK;
}

tcs_status tcs_scale_def_parse(const char *name, const char *family, const char *description,
                               const char *labels, const char *nonsubstantive,
                               tcs_scale_def **out, tcs_error *err)
{
    *out = NULL;
    user_def *u = calloc(1, sizeof *u);
    if (!u)
        return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    snprintf(u->name, sizeof u->name, "%s", name && *name ? name : "labels");
    snprintf(u->family, sizeof u->family, "%s", family && *family ? family : "user");
    tcs_status st = parse_points(u, labels ? labels : "", err);
    if (st == TCS_OK)
        st = check_repeats(u, err);
    if (st == TCS_OK && nonsubstantive && *nonsubstantive) {
        bool empty;
        char *bars = tcs_strndup(nonsubstantive, strlen(nonsubstantive));
        for (char *c = bars; c && *c; c++)
            if (*c == ';')
                *c = '|';
        if (!bars || !(u->nonsubstantive = clean_wordings(bars, strlen(bars), &empty)))
            st = tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
        free(bars);
    }
    char desc[160];
    if (description && *description)
        snprintf(desc, sizeof desc, "%.150s", description);
    else
        snprintf(desc, sizeof desc, "%zu answers, %.40s ... %.40s", u->def.npoints,
                 u->points[0] ? u->points[0] : "",
                 u->def.npoints ? u->points[u->def.npoints - 1] : "");
    if (st == TCS_OK && !(u->description = tcs_strndup(desc, strlen(desc))))
        st = tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    if (st != TCS_OK) {
        tcs_scale_def_free(&u->def);
        return st;
    }
    u->def.name = u->name;
    u->def.family = u->family;
    u->def.description = u->description;
    for (size_t k = 0; k < u->def.npoints; k++)
        u->def.points[k] = u->points[k];
    u->def.nonsubstantive = u->nonsubstantive;
    u->def.inferred = true;
    *out = &u->def;
    return TCS_OK;
}
