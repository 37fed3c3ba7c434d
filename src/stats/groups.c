/* groups.c - breakdowns by one column, with small-group suppression. */
#include "tcsurvey/groups.h"
#include "tcsurvey/text.h"

#include <stdlib.h>
#include <string.h>

const char tcs_group_blank_label[] = "(no answer)";
const char tcs_group_suppressed_label[] = "(suppressed groups)";

const char tcs_group_rule[] =
    "A group with fewer respondents than the minimum is suppressed (no figures), and the next "
    "smallest groups are suppressed with it until the suppressed groups hold at least the "
    "minimum together, so that none can be worked out from the total and the groups shown; in "
    "a comparison, a group is shown only if it is shown in every wave.";

static bool same_text(const char *a, const char *b)
{
    char na[512], nb[512];
    if (!a || !b)
        return false;
    tcs_label_normalise(a, strlen(a), na, sizeof na);
    tcs_label_normalise(b, strlen(b), nb, sizeof nb);
    return na[0] && strcmp(na, nb) == 0;
}

/* b's normal form holds a's as whole words ("faculty" in "Which faculty
 * or department do you work in?"). */
static bool has_words(const char *b, const char *a)
{
    char na[512], nb[512];
    if (!a || !b)
        return false;
    tcs_label_normalise(a, strlen(a), na, sizeof na);
    tcs_label_normalise(b, strlen(b), nb, sizeof nb);
    size_t la = strlen(na);
    if (!la)
        return false;
    for (const char *p = strstr(nb, na); p; p = strstr(p + 1, na))
        if ((p == nb || p[-1] == ' ') && (p[la] == '\0' || p[la] == ' '))
            return true;
    return false;
}

static bool can_group(const tcs_column *c)
{
    return (c->role == TCS_ROLE_CATEGORICAL || c->role == TCS_ROLE_LIKERT ||
            c->role == TCS_ROLE_RATING) &&
           !c->distinct_overflow;
}

/* A categorical column in which most respondents gave an answer nobody
 * else gave is free text in disguise (comments, names, job titles): its
 * groups would be people. *single and *answered get the counts. */
static bool mostly_distinct(const tcs_column *c, long *single, long *answered)
{
    *single = *answered = 0;
    if (c->role != TCS_ROLE_CATEGORICAL)
        return false;
    for (size_t k = 0; k < c->nanswers; k++) {
        *answered += c->answers[k].count;
        *single += c->answers[k].count == 1;
    }
    return *answered > 0 && 2 * *single > *answered;
}

/* Does by name column c at this level of tcs_group_column's search: 0 an
 * id glob, 1 the header, 2 the id, 3 the statement, 4 words of the
 * header of a categorical column? */
static bool names_column(const tcs_column *c, const char *by, int level)
{
    switch (level) {
    case 0: return tcs_glob_match(by, c->id);
    case 1: return same_text(by, c->header);
    case 2: return same_text(by, c->id);
    case 3: return same_text(by, c->statement);
    default: return c->role == TCS_ROLE_CATEGORICAL && has_words(c->header, by);
    }
}

tcs_status tcs_group_column(const tcs_survey *s, const char *by, size_t *column, tcs_error *err)
{
    const char *path = tcs_survey_path(s);
    size_t n = tcs_survey_ncolumns(s);
    size_t found = n;
    long number;
    if (tcs_parse_int(by, strlen(by), &number)) {
        if (number < 1 || (size_t)number > n)
            return tcs_error_set(err, TCS_EINVAL, path, 0, 0,
                                 "--by %s: the file has columns 1 to %zu", by, n);
        found = (size_t)number - 1;
    }
    /* an id glob ("Q12_*", "G03Q14[?]"), then header, then id, then
     * statement, then words of the header of a categorical column: the
     * first level that names a column wins, and must name only one */
    bool glob = strpbrk(by, "*?") != NULL;
    for (int level = glob ? 0 : 1; level < 5 && found == n; level++) {
        size_t hits = 0, first = n, second = n;
        for (size_t i = 0; i < n; i++) {
            if (!names_column(tcs_survey_column(s, i), by, level))
                continue;
            if (hits == 0)
                first = i;
            else if (hits == 1)
                second = i;
            hits++;
        }
        if (hits > 1)
            return tcs_error_set(err, TCS_EINVAL, path, 0, 0,
                                 level == 0 ? "--by '%s' matches the ids of %zu columns (%zu "
                                              "and %zu, ...): groups come from one column; "
                                              "give its id"
                                            : "--by '%s' names %zu columns (%zu and %zu, ...): "
                                              "give the column number",
                                 by, hits, first + 1, second + 1);
        if (hits == 1)
            found = first;
    }
    if (found == n)
        return tcs_error_set(err, TCS_EINVAL, path, 0, 0,
                             "--by '%s' names no column (give its header, its id or its "
                             "number; 'tcsurvey inspect' lists them)",
                             by);
    const tcs_column *c = tcs_survey_column(s, found);
    if (!can_group(c))
        return tcs_error_set(err, TCS_EINVAL, path, 0, (long)c->index,
                             "--by: column %zu (%s) is %s; groups need a column with a few "
                             "categories (categorical, Likert or rating)",
                             c->index, c->id, tcs_role_name(c->role));
    long single, answered;
    if (mostly_distinct(c, &single, &answered))
        return tcs_error_set(err, TCS_EINVAL, path, 0, (long)c->index,
                             "--by: column %zu (%s) reads as free text: %ld of its %ld answers "
                             "were given by one respondent each, so its groups would be "
                             "people; groups need a column with a few categories",
                             c->index, c->id, single, answered);
    *column = found;
    return TCS_OK;
}

/* Is group a smaller than group b? Ties go to the earlier group. */
static bool smaller(const long *sizes, size_t a, size_t b)
{
    return sizes[a] != sizes[b] ? sizes[a] < sizes[b] : a < b;
}

void tcs_groups_suppress(const long *sizes, size_t n, long min_group, bool *suppressed)
{
    long hidden = 0;
    size_t nhidden = 0;
    for (size_t i = 0; i < n; i++) {
        suppressed[i] = sizes[i] > 0 && sizes[i] < min_group;
        if (suppressed[i]) {
            hidden += sizes[i];
            nhidden++;
        }
    }
    while (nhidden > 0 && hidden < min_group) {
        size_t pick = n;
        for (size_t i = 0; i < n; i++)
            if (!suppressed[i] && sizes[i] > 0 &&
                (pick == n || smaller(sizes, i, pick)))
                pick = i;
        if (pick == n)
            break; /* every group is hidden already */
        suppressed[pick] = true;
        hidden += sizes[pick];
        nhidden++;
    }
}

/* ---- collecting groups over one or more surveys ---- */

static long answer_count(const tcs_column *c, const char *value)
{
    if (!value)
        return c->missing;
    for (size_t k = 0; k < c->nanswers; k++)
        if (strcmp(c->answers[k].label, value) == 0)
            return c->answers[k].count;
    return 0;
}

static tcs_status add_value(tcs_grouping *g, const tcs_column *c, const char *value,
                            tcs_error *err)
{
    for (size_t i = 0; i < g->n; i++) {
        const char *v = g->groups[i].value;
        if ((!v && !value) || (v && value && strcmp(v, value) == 0))
            return TCS_OK;
    }
    tcs_group *ng = realloc(g->groups, (g->n + 1) * sizeof *ng);
    if (!ng)
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    g->groups = ng;
    tcs_group *gr = &g->groups[g->n];
    memset(gr, 0, sizeof *gr);
    if (value && !(gr->value = tcs_strndup(value, strlen(value))))
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    /* a coded answer is named by its label (codebook values, key file) */
    gr->label = value ? tcs_column_answer_label(c, gr->value) : tcs_group_blank_label;
    g->n++;
    return TCS_OK;
}

/* Groups sort in scale order for Likert and rating columns, else by
 * label; the blank group last. */
typedef struct {
    int rank, value;
    tcs_group group;
} sort_key;

static int cmp_key(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    if (x->rank == 0 && x->value != y->value)
        return x->value < y->value ? -1 : 1;
    return x->rank == 2 ? 0 : strcmp(x->group.value, y->group.value);
}

static bool sort_groups(tcs_grouping *g, const tcs_column *c)
{
    sort_key *k = calloc(g->n ? g->n : 1, sizeof *k);
    if (!k)
        return false;
    bool scaled = c->role == TCS_ROLE_LIKERT || c->role == TCS_ROLE_RATING;
    for (size_t i = 0; i < g->n; i++) {
        const char *v = g->groups[i].value;
        k[i].group = g->groups[i];
        k[i].rank = !v ? 2 : scaled && tcs_scale_value(&c->scale, v, strlen(v), &k[i].value) ? 0 : 1;
    }
    qsort(k, g->n, sizeof *k, cmp_key);
    for (size_t i = 0; i < g->n; i++)
        g->groups[i] = k[i].group;
    free(k);
    return true;
}

/* No label of a suppressed group is kept (a label can itself identify
 * someone: "Glassblowing, the only one"): they become one entry, last,
 * with tcs_group_suppressed_label and no figures. */
static void forget_suppressed(tcs_grouping *g)
{
    size_t kept = 0;
    bool any = false;
    for (size_t i = 0; i < g->n; i++) {
        if (g->groups[i].suppressed) {
            free(g->groups[i].value);
            any = true;
        } else {
            g->groups[kept++] = g->groups[i];
        }
    }
    if (any) {
        tcs_group *gr = &g->groups[kept++];
        memset(gr, 0, sizeof *gr);
        gr->label = tcs_group_suppressed_label;
        gr->suppressed = true;
    }
    g->n = kept;
}

static tcs_status make_groups(const tcs_survey *const *surveys, size_t ns, const char *by,
                              long min_group, tcs_grouping **out, tcs_error *err)
{
    *out = NULL;
    if (min_group < 1)
        return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0, "the minimum group size must be 1 or more");
    tcs_grouping *g = calloc(1, sizeof *g);
    if (!g)
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    g->nsurveys = ns;
    g->min_group = min_group;
    tcs_status st = TCS_OK;
    for (size_t w = 0; w < ns && st == TCS_OK; w++) {
        st = tcs_group_column(surveys[w], by, &g->column[w], err);
        if (st != TCS_OK)
            break;
        const tcs_column *c = tcs_survey_column(surveys[w], g->column[w]);
        if (w == 0 && !(g->by = tcs_strndup(c->header, strlen(c->header))))
            st = tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t k = 0; st == TCS_OK && k < c->nanswers; k++)
            st = add_value(g, c, c->answers[k].label, err);
        if (st == TCS_OK && c->missing > 0)
            st = add_value(g, c, NULL, err);
    }
    if (st != TCS_OK) {
        tcs_grouping_free(g);
        return st;
    }
    long *sizes = calloc(g->n ? g->n : 1, sizeof *sizes);
    bool *hide = calloc(g->n ? g->n : 1, sizeof *hide);
    if (!sizes || !hide || !sort_groups(g, tcs_survey_column(surveys[0], g->column[0]))) {
        free(sizes);
        free(hide);
        tcs_grouping_free(g);
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t w = 0; w < ns; w++) {
        const tcs_column *c = tcs_survey_column(surveys[w], g->column[w]);
        for (size_t i = 0; i < g->n; i++)
            sizes[i] = g->groups[i].responses[w] = answer_count(c, g->groups[i].value);
        tcs_groups_suppress(sizes, g->n, min_group, hide);
        for (size_t i = 0; i < g->n; i++)
            if (hide[i] || sizes[i] == 0)
                g->groups[i].suppressed = true;
    }
    free(sizes);
    free(hide);
    forget_suppressed(g);
    *out = g;
    return TCS_OK;
}

tcs_status tcs_grouping_summary(const tcs_survey *s, const char *by, long min_group,
                                const tcs_load_options *base, tcs_grouping **out,
                                tcs_error *err)
{
    tcs_grouping *g;
    tcs_status st = make_groups(&s, 1, by, min_group, &g, err);
    if (st != TCS_OK)
        return st;
    /* every group shown, from one more pass over the file */
    tcs_row_filter *f = calloc(g->n ? g->n : 1, sizeof *f);
    tcs_survey **loaded = calloc(g->n ? g->n : 1, sizeof *loaded);
    size_t nshown = 0;
    if (!f || !loaded)
        st = tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; st == TCS_OK && i < g->n; i++)
        if (!g->groups[i].suppressed)
            f[nshown++] = (tcs_row_filter){g->column[0], g->groups[i].value};
    if (st == TCS_OK) {
        tcs_load_options o = base ? *base : (tcs_load_options){0};
        o.like = s;
        o.allow_unmatched_codebook = true; /* matched already by the whole load */
        st = tcs_survey_load_groups(tcs_survey_path(s), &o, f, nshown, loaded, err);
    }
    for (size_t i = 0, k = 0; st == TCS_OK && i < g->n; i++)
        if (!g->groups[i].suppressed)
            g->groups[i].survey = loaded[k++];
    free(f);
    free(loaded);
    if (st != TCS_OK) {
        tcs_grouping_free(g);
        return st;
    }
    *out = g;
    return TCS_OK;
}

tcs_status tcs_grouping_compare(const tcs_waves *w, const char *by, long min_group, double alpha,
                                tcs_grouping **out, tcs_error *err)
{
    const tcs_survey *surveys[TCS_WAVES_MAX];
    size_t ns = tcs_waves_count(w);
    for (size_t i = 0; i < ns; i++)
        surveys[i] = tcs_waves_wave(w, i)->survey;
    tcs_grouping *g;
    tcs_status st = make_groups(surveys, ns, by, min_group, &g, err);
    if (st != TCS_OK)
        return st;
    /* every group shown, from one more pass over each wave's file */
    tcs_wave_filters *f = calloc(g->n ? g->n : 1, sizeof *f);
    tcs_waves **loaded = calloc(g->n ? g->n : 1, sizeof *loaded);
    size_t nshown = 0;
    if (!f || !loaded)
        st = tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; st == TCS_OK && i < g->n; i++) {
        if (g->groups[i].suppressed)
            continue;
        for (size_t k = 0; k < ns; k++)
            f[nshown].wave[k] = (tcs_row_filter){g->column[k], g->groups[i].value};
        nshown++;
    }
    if (st == TCS_OK)
        st = tcs_waves_subsets(w, f, nshown, loaded, err);
    for (size_t i = 0, k = 0; st == TCS_OK && i < g->n; i++)
        if (!g->groups[i].suppressed)
            g->groups[i].waves = loaded[k++];
    /* and their pillar scores from one more pass over each file */
    if (st == TCS_OK)
        st = tcs_waves_compare_many(loaded, nshown, alpha, err);
    free(f);
    free(loaded);
    if (st != TCS_OK) {
        tcs_grouping_free(g);
        return st;
    }
    *out = g;
    return TCS_OK;
}

void tcs_grouping_free(tcs_grouping *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n; i++) {
        free(g->groups[i].value);
        tcs_survey_free(g->groups[i].survey);
        tcs_waves_free(g->groups[i].waves);
    }
    free(g->groups);
    free(g->by);
    free(g);
}
