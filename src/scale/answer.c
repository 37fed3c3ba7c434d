/* answer.c - a column's role, the one reading of an answer in it, and the counts of a
 * column's answers on its scale. Import, rescaling across waves, group
 * subsets, pillar scores and target checks all read answers here, so an
 * answer is the same point (or the same "other") everywhere. */
#include "scale/infer.h"
#include "tcsurvey/escape.h"
#include "tcsurvey/text.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

tcs_answer_kind tcs_column_answer(const tcs_column *c, const char *text, size_t len, int *value)
{
    size_t n;
    const char *t = tcs_trim(text, len, &n);
    if (tcs_answer_is_missing(t, n))
        return TCS_ANSWER_MISSING;
    const char *lab = tcs_value_label_of(c->values, c->nvalues, t, n);
    if (lab) {
        t = lab;
        n = strlen(lab);
    }
    char core[TCS_SCALE_LABEL_MAX * 2];
    if (tcs_scale_value(&c->scale, t, n, value) ||
        (tcs_strip_affixes(c->strip_prefix, c->strip_suffix, t, n, core, sizeof core) &&
         tcs_scale_value(&c->scale, core, strlen(core), value)))
        return TCS_ANSWER_POINT;
    if (tcs_answer_in_list(c->nonsubstantive_list, t, n) || tcs_answer_in_list(c->optouts, t, n) ||
        (c->scale.def && tcs_answer_in_list(c->scale.def->nonsubstantive, t, n)) ||
        tcs_answer_is_nonsubstantive(t, n))
        return TCS_ANSWER_NONSUBSTANTIVE;
    for (size_t k = 0; k < c->nnear; k++)
        if (strlen(c->near[k].label) == n && memcmp(c->near[k].label, t, n) == 0) {
            *value = c->near[k].value;
            return TCS_ANSWER_POINT;
        }
    return TCS_ANSWER_OTHER;
}

/* ---- a column's role ---- */

static const char *const role_names[TCS_ROLE_COUNT] = {
    [TCS_ROLE_METADATA] = "metadata",   [TCS_ROLE_LIKERT] = "likert",
    [TCS_ROLE_RATING] = "rating",       [TCS_ROLE_CATEGORICAL] = "categorical",
    [TCS_ROLE_MULTISELECT] = "multi-select", [TCS_ROLE_FREETEXT] = "free-text",
    [TCS_ROLE_NUMERIC] = "numeric",     [TCS_ROLE_EMPTY] = "empty",
    [TCS_ROLE_EXCLUDED] = "excluded",
};

const char *tcs_role_name(tcs_role role)
{
    return (unsigned)role < TCS_ROLE_COUNT ? role_names[role] : "unknown";
}

bool tcs_column_is_question(const tcs_column *c)
{
    return c->role == TCS_ROLE_LIKERT || c->role == TCS_ROLE_RATING;
}

const char *tcs_column_answer_label(const tcs_column *c, const char *answer)
{
    const char *lab = answer ? tcs_value_label_of(c->values, c->nvalues, answer, strlen(answer))
                             : NULL;
    return lab ? lab : answer;
}

static int cmp_label_count(const void *a, const void *b)
{
    const tcs_label_count *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->label, y->label);
}

static void free_near(tcs_column *c)
{
    for (size_t k = 0; k < c->nnear; k++)
        free(c->near[k].label);
    free(c->near);
    c->near = NULL;
    c->nnear = 0;
}

static void free_unknown(tcs_column *c)
{
    for (size_t k = 0; k < c->nunknown; k++)
        free(c->unknown[k].label);
    free(c->unknown);
    c->unknown = NULL;
    c->nunknown = 0;
}

/* The answers no wording takes that are near one (label scales only). */
static bool find_near(tcs_column *c, const tcs_answer_count *a, size_t n)
{
    free_near(c);
    if (c->scale.kind != TCS_SCALE_LABELS)
        return true;
    for (size_t i = 0; i < n; i++) {
        int v;
        if (tcs_column_answer(c, a[i].text, a[i].len, &v) != TCS_ANSWER_OTHER)
            continue;
        size_t tl;
        const char *t = tcs_trim(a[i].text, a[i].len, &tl);
        int k = tcs_scale_near_point(&c->scale, t, tl);
        if (k < 0)
            continue;
        tcs_near_miss *nm = realloc(c->near, (c->nnear + 1) * sizeof *nm);
        if (!nm)
            return false;
        c->near = nm;
        if (!(nm[c->nnear].label = tcs_strndup(t, tl)))
            return false;
        nm[c->nnear].value = c->scale.min + k;
        nm[c->nnear++].count = a[i].count;
    }
    return true;
}

bool tcs_column_tally(tcs_column *c, const tcs_answer_count *a, size_t n, long not_kept)
{
    memset(c->counts, 0, sizeof c->counts);
    c->valid = c->nonsubstantive = c->other = 0;
    free_unknown(c);
    if (!find_near(c, a, n))
        return false;
    tcs_label_count *unk = calloc(n ? n : 1, sizeof *unk);
    if (!unk)
        return false;
    size_t nunk = 0;
    for (size_t i = 0; i < n; i++) {
        int v = 0;
        switch (tcs_column_answer(c, a[i].text, a[i].len, &v)) {
        case TCS_ANSWER_MISSING:
            break;
        case TCS_ANSWER_NONSUBSTANTIVE:
            c->nonsubstantive += a[i].count;
            break;
        case TCS_ANSWER_POINT:
            c->counts[v - c->scale.min] += a[i].count;
            c->valid += a[i].count;
            break;
        case TCS_ANSWER_OTHER:
            c->other += a[i].count;
            if (!(unk[nunk].label = tcs_strndup(a[i].text, a[i].len))) {
                for (size_t k = 0; k < nunk; k++)
                    free(unk[k].label);
                free(unk);
                return false;
            }
            unk[nunk++].count = a[i].count;
            break;
        }
    }
    c->other += not_kept;
    qsort(unk, nunk, sizeof *unk, cmp_label_count);
    c->unknown = unk;
    c->nunknown = nunk;
    return true;
}

bool tcs_strip_affixes(const char *prefix, const char *suffix, const char *s, size_t n,
                       char *out, size_t outsz)
{
    if (!prefix && !suffix)
        return false;
    char norm[512];
    if (n >= sizeof norm)
        return false;
    tcs_label_normalise(s, n, norm, sizeof norm);
    const char *b = norm;
    size_t len = strlen(norm);
    bool any = false;
    size_t pl = prefix ? strlen(prefix) : 0, sl = suffix ? strlen(suffix) : 0;
    if (pl && len > pl + 1 && strncmp(b, prefix, pl) == 0 && b[pl] == ' ') {
        b += pl + 1;
        len -= pl + 1;
        any = true;
    }
    if (sl && len > sl + 1 && strcmp(b + len - sl, suffix) == 0 && b[len - sl - 1] == ' ') {
        len -= sl + 1;
        any = true;
    }
    if (!any || len == 0 || len >= outsz)
        return false;
    memcpy(out, b, len);
    out[len] = '\0';
    return true;
}

void tcs_column_free_reading(tcs_column *c)
{
    free_near(c);
    free_unknown(c);
    free(c->scale_note);
    free(c->reason);
    free(c->reason_sample);
    free(c->strip_prefix);
    free(c->strip_suffix);
    free(c->optouts);
    c->scale_note = c->reason = c->reason_sample = c->strip_prefix = c->strip_suffix = c->optouts = NULL;
}

void tcs_describe_unknown(const tcs_column *c, char *buf, size_t n)
{
    size_t used = 0, shown = 0;
    long hidden = 0, hidden_answers = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < c->nunknown; k++) {
        const tcs_label_count *u = &c->unknown[k];
        size_t len = strlen(u->label), words = 1;
        for (const char *p = u->label; *p; p++)
            words += *p == ' ';
        bool label_like = u->count >= 2 && len <= 40 && words <= 6;
        if (!label_like || shown >= 6 || used + 48 >= n) {
            hidden++;
            hidden_answers += u->count;
            continue;
        }
        char safe[80];
        tcs_term_text(u->label, safe, sizeof safe);
        used += (size_t)snprintf(buf + used, n - used, "%s'%.24s%s' (%ld)", shown ? ", " : "",
                                 safe, strlen(safe) > 24 ? "..." : "", u->count);
        shown++;
    }
    if (hidden && used + 96 < n)
        snprintf(buf + used, n - used,
                 "%s%ld other answer%s (%ld response%s; not shown: given once, or free text)",
                 shown ? " and " : "", hidden, hidden == 1 ? "" : "s", hidden_answers,
                 hidden_answers == 1 ? "" : "s");
}

