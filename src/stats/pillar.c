/* pillar.c - pillar scores and Cronbach's alpha, from a second pass over
 * the survey's file.
 *
 * Cronbach's alpha: alpha = k / (k - 1) * (1 - sum of item variances /
 * variance of the total), sample variances (n - 1), over complete cases:
 * Cronbach (1951), Psychometrika 16:297-334. Variances are accumulated
 * from counts of each value: an item's answers are points of its scale and
 * a total is a whole number between the items' least and greatest sums,
 * so counting them is exact and the variances come from GSL's weighted
 * statistics at the end. The scores too are kept as counts of their
 * distinct values (a mean of k answers takes few values), so a long file
 * needs no more memory than a short one.
 *
 * Several score sets of one survey (each pillar on the items two waves
 * share, each pillar whole, a target's composite) come from one pass. */
#define _POSIX_C_SOURCE 200809L
#include "tcsurvey/pillar.h"
#include "common/strindex.h"
#include "import/pipe.h"
#include "import/records.h"
#include "tcsurvey/compare.h"
#include "tcsurvey/stats.h"
#include "tcsurvey/text.h"

#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What one distinct answer text means in a column, worked out once: the
 * label matching behind it normalises text, too slow to do per cell. */
enum { ANSWER_ON_SCALE, ANSWER_NONSUBSTANTIVE, ANSWER_OFF_SCALE };

typedef struct {
    char *text; /* NULL = empty slot */
    size_t len;
    uint64_t hash;
    int kind, value;
} answer_slot;

/* Distinct texts a column remembers; beyond, each is worked out anew (a
 * column with that many distinct answers is not a scale anyway). */
#define ANSWER_CACHE_MAX 1024u

/* A question column some score set uses, read once per row for all. */
typedef struct {
    const tcs_column *c;
    /* answers as this pass read them, checked against the import */
    long counts[TCS_SCALE_POINTS_MAX];
    long nonsubstantive, missing;
    answer_slot *answers; /* open addressing, cap a power of two */
    size_t nanswers, answers_cap;
    bool has;     /* this row: an answer on the scale, */
    double value; /* its (mirrored) value */
} column_reader;

/* One question column of a pillar. */
typedef struct {
    const tcs_column *c;
    size_t col; /* 0-based */
    long complete[TCS_SCALE_POINTS_MAX]; /* complete cases per (mirrored) point */
} item;

/* A distinct score and how many respondents had it. */
typedef struct {
    double value;
    long count;
    bool used;
} score_slot;

typedef struct {
    char *name;
    item *items;
    size_t nitems;
    double *row; /* this row's value per item */
    long *totals; /* complete cases per item total, from total_min */
    long total_min;
    size_t ntotals;
    long alpha_n; /* complete cases */
    score_slot *slots;          /* distinct scores: open addressing */
    size_t ndistinct, slots_cap;
    size_t nscores;
    double *values; /* after finish: distinct scores ascending, their counts */
    long *counts;
    long excluded;
    tcs_pillar_info info;
} pillar;

struct tcs_pillar_scores {
    pillar *p;
    size_t n;
    tcs_column_filter keep; /* NULL = every question column with a pillar */
    void *keep_ctx;
    const char *set_name; /* one set of every kept question column, pillar or not */
};

static void items_free(pillar *p)
{
    free(p->items);
    p->items = NULL;
}

void tcs_pillar_scores_free(tcs_pillar_scores *ps)
{
    if (!ps)
        return;
    for (size_t i = 0; i < ps->n; i++) {
        pillar *p = &ps->p[i];
        items_free(p);
        free(p->totals);
        free(p->row);
        free(p->slots);
        free(p->values);
        free(p->counts);
        free(p->name);
    }
    free(ps->p);
    free(ps);
}

size_t tcs_pillar_count(const tcs_pillar_scores *ps) { return ps ? ps->n : 0; }

bool tcs_pillar_at(const tcs_pillar_scores *ps, size_t i, tcs_pillar_info *out)
{
    if (!ps || i >= ps->n)
        return false;
    *out = ps->p[i].info;
    return true;
}

static bool has_pillar(const tcs_pillar_scores *ps, const tcs_column *c)
{
    return tcs_column_is_question(c) && (ps->set_name || (c->pillar && c->pillar[0])) &&
           (!ps->keep || ps->keep(c, ps->keep_ctx));
}

/* The set a column belongs to: its pillar, or the one named set. */
static const char *set_of(const tcs_pillar_scores *ps, const tcs_column *c)
{
    return ps->set_name ? ps->set_name : c->pillar;
}

/* Pillars in order of their first column, each with its columns. */
static tcs_status find_pillars(const tcs_survey *s, tcs_pillar_scores *ps, tcs_error *err)
{
    const char *path = tcs_survey_path(s);
    size_t ncol = tcs_survey_ncolumns(s);
    for (size_t i = 0; i < ncol; i++) {
        const tcs_column *c = tcs_survey_column(s, i);
        if (!has_pillar(ps, c))
            continue;
        size_t k = 0;
        while (k < ps->n && strcmp(ps->p[k].name, set_of(ps, c)) != 0)
            k++;
        if (k == ps->n) {
            pillar *np = realloc(ps->p, (ps->n + 1) * sizeof *np);
            if (!np)
                return tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
            ps->p = np;
            memset(&np[k], 0, sizeof np[k]);
            ps->n++;
            if (!(np[k].name = tcs_strndup(set_of(ps, c), strlen(set_of(ps, c)))))
                return tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
        }
        ps->p[k].nitems++;
    }
    for (size_t k = 0; k < ps->n; k++) {
        pillar *p = &ps->p[k];
        p->items = calloc(p->nitems, sizeof *p->items);
        p->row = calloc(p->nitems, sizeof *p->row);
        if (!p->items || !p->row)
            return tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
        size_t j = 0;
        for (size_t i = 0; i < ncol; i++) {
            const tcs_column *c = tcs_survey_column(s, i);
            if (!has_pillar(ps, c) || strcmp(set_of(ps, c), p->name) != 0)
                continue;
            p->items[j].c = c;
            p->items[j].col = i;
            j++;
            p->total_min += c->scale.min;
            p->ntotals += c->scale.npoints - 1;
        }
        p->ntotals++; /* totals from the least sum to the greatest */
        if (!(p->totals = calloc(p->ntotals, sizeof *p->totals)))
            return tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
    }
    return TCS_OK;
}

/* One survey's rows in a pass: the file's whole survey, or a group's. */
typedef struct {
    const tcs_survey *survey; /* its row filter says which rows are its */
    tcs_pillar_scores **sets; /* scored from its rows */
    size_t nsets;
    column_reader *readers; /* per column; c NULL = no set uses it */
    size_t *used;           /* the columns some set uses, in order */
    size_t nused;
    long responses, expected;
} reading;

typedef struct {
    reading *r;
    size_t nr;
    const char *path;
    size_t ncolumns;
    tcs_record_stream stream; /* records as the import takes them */
} pass;


/* What a trimmed, non-missing answer means in the column: the import's
 * one reading of answers (tcs_column_answer). */
static int answer_kind(const column_reader *it, const char *t, size_t len, int *value)
{
    switch (tcs_column_answer(it->c, t, len, value)) {
    case TCS_ANSWER_POINT:
        return ANSWER_ON_SCALE;
    case TCS_ANSWER_NONSUBSTANTIVE:
    case TCS_ANSWER_MISSING:
        return ANSWER_NONSUBSTANTIVE;
    case TCS_ANSWER_OTHER:
        break;
    }
    return ANSWER_OFF_SCALE;
}

static bool answers_grow(column_reader *it)
{
    size_t ncap = it->answers_cap ? it->answers_cap * 2 : 16;
    answer_slot *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return false;
    for (size_t k = 0; k < it->answers_cap; k++) {
        answer_slot *a = &it->answers[k];
        if (!a->text)
            continue;
        size_t j = (size_t)a->hash & (ncap - 1);
        while (ns[j].text)
            j = (j + 1) & (ncap - 1);
        ns[j] = *a;
    }
    free(it->answers);
    it->answers = ns;
    it->answers_cap = ncap;
    return true;
}

/* answer_kind through the item's cache. False only when out of memory. */
static bool cached_kind(column_reader *it, const char *t, size_t len, int *kind, int *value)
{
    uint64_t h = tcs_hash_bytes(t, len, TCS_HASH_SEED);
    if (it->answers_cap) {
        for (size_t j = (size_t)h & (it->answers_cap - 1);; j = (j + 1) & (it->answers_cap - 1)) {
            const answer_slot *a = &it->answers[j];
            if (!a->text)
                break;
            if (a->hash == h && a->len == len && memcmp(a->text, t, len) == 0) {
                *kind = a->kind;
                *value = a->value;
                return true;
            }
        }
    }
    *kind = answer_kind(it, t, len, value);
    if (it->nanswers >= ANSWER_CACHE_MAX)
        return true;
    if ((it->nanswers + 1) * 2 > it->answers_cap && !answers_grow(it))
        return false;
    size_t j = (size_t)h & (it->answers_cap - 1);
    while (it->answers[j].text)
        j = (j + 1) & (it->answers_cap - 1);
    char *copy = tcs_strndup(t, len);
    if (!copy)
        return false;
    it->answers[j] = (answer_slot){copy, len, h, *kind, *value};
    it->nanswers++;
    return true;
}

/* The column's answer in this row, read as survey.c reads it: has and
 * the (mirrored) value when it is a point of the scale. False when out of
 * memory. */
static bool read_answer(column_reader *it, size_t col, const tcs_cell *cells, size_t ncells)
{
    it->has = false;
    const tcs_cell *cell = col < ncells ? &cells[col] : NULL;
    size_t len = 0;
    const char *t = cell ? tcs_trim(cell->text, cell->len, &len) : NULL;
    if (!cell || tcs_answer_is_missing(t, len)) {
        it->missing++;
        return true;
    }
    int kind, v = 0;
    if (!cached_kind(it, t, len, &kind, &v))
        return false;
    if (kind == ANSWER_NONSUBSTANTIVE) {
        it->nonsubstantive++;
        return true;
    }
    if (kind == ANSWER_OFF_SCALE)
        return true; /* not on the scale: counted as other at import */
    const tcs_scale *sc = &it->c->scale;
    it->counts[v - sc->min]++;
    it->has = true;
    it->value = (double)(it->c->reverse ? tcs_mirror_value(sc, v) : v);
    return true;
}

static uint64_t score_hash(double x)
{
    uint64_t z;
    memcpy(&z, &x, sizeof z);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull; /* splitmix64's finaliser */
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static bool scores_grow(pillar *p)
{
    size_t ncap = p->slots_cap ? p->slots_cap * 2 : 64;
    score_slot *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return false;
    for (size_t k = 0; k < p->slots_cap; k++) {
        if (!p->slots[k].used)
            continue;
        size_t j = (size_t)score_hash(p->slots[k].value) & (ncap - 1);
        while (ns[j].used)
            j = (j + 1) & (ncap - 1);
        ns[j] = p->slots[k];
    }
    free(p->slots);
    p->slots = ns;
    p->slots_cap = ncap;
    return true;
}

/* One more respondent with this score. False when out of memory. */
static bool add_score(pillar *p, double x)
{
    if ((p->ndistinct + 1) * 2 > p->slots_cap && !scores_grow(p))
        return false;
    size_t j = (size_t)score_hash(x) & (p->slots_cap - 1);
    while (p->slots[j].used && p->slots[j].value != x)
        j = (j + 1) & (p->slots_cap - 1);
    if (!p->slots[j].used) {
        p->slots[j] = (score_slot){x, 0, true};
        p->ndistinct++;
    }
    p->slots[j].count++;
    p->nscores++;
    return true;
}

static tcs_status changed(const pass *ps, long row, long col, tcs_error *err, const char *what)
{
    return tcs_error_set(err, TCS_EIO, ps->path, row, col,
                         "the file changed since it was imported (%s); import it again", what);
}

/* Score one row (its columns read into rd->readers) into every pillar of ps. */
static tcs_status score_row(const pass *pa, const reading *rd, tcs_pillar_scores *ps, long row,
                            tcs_error *err)
{
    for (size_t k = 0; k < ps->n; k++) {
        pillar *p = &ps->p[k];
        size_t answered = 0;
        double sum = 0.0;
        for (size_t j = 0; j < p->nitems; j++) {
            const column_reader *r = &rd->readers[p->items[j].col];
            if (r->has) {
                p->row[answered++] = r->value;
                sum += r->value;
            }
        }
        /* at least half: ceil(k / 2) items */
        if (answered < (p->nitems + 1) / 2) {
            p->excluded++;
            continue;
        }
        /* one division of an exact sum: equal means are equal doubles, so
         * they are one distinct score (and one tie for the rank test) */
        if (!add_score(p, sum / (double)answered))
            return tcs_error_set(err, TCS_ENOMEM, pa->path, row, 0, "out of memory");
        if (answered == p->nitems) {
            for (size_t j = 0; j < p->nitems; j++)
                p->items[j].complete[(long)p->row[j] - p->items[j].c->scale.min]++;
            p->totals[(long)sum - p->total_min]++;
            p->alpha_n++;
        }
    }
    return TCS_OK;
}

/* Records as the import takes them (import/records.h); a response the
 * import would have refused means the file changed. */
static tcs_status on_record(void *ctx, long row, const tcs_cell *cells, size_t ncells,
                            tcs_error *err)
{
    pass *pa = ctx;
    long col = 0;
    switch (tcs_record_stream_next(&pa->stream, cells, ncells, &col)) {
    case TCS_RECORD_SKIP:
        return TCS_OK;
    case TCS_RECORD_HEADER:
        if (pa->stream.headers_seen == pa->stream.header_rows &&
            pa->stream.header_width != pa->ncolumns)
            return changed(pa, row, 0, err, "the header has another number of columns");
        return TCS_OK;
    case TCS_RECORD_BEYOND:
        return changed(pa, row, col, err, "a cell beyond the last header");
    case TCS_RECORD_SHORT:
        return changed(pa, row, col, err, "a row shorter than the header");
    case TCS_RECORD_DATA:
        break;
    }
    for (size_t u = 0; u < pa->nr; u++) {
        reading *rd = &pa->r[u];
        if (!tcs_survey_row_selected(rd->survey, cells, ncells))
            continue;
        if (++rd->responses > rd->expected)
            return changed(pa, row, 0, err, "more responses");
        for (size_t i = 0; i < rd->nused; i++)
            if (!read_answer(&rd->readers[rd->used[i]], rd->used[i], cells, ncells))
                return tcs_error_set(err, TCS_ENOMEM, pa->path, row, 0, "out of memory");
        for (size_t k = 0; k < rd->nsets; k++) {
            tcs_status st = score_row(pa, rd, rd->sets[k], row, err);
            if (st != TCS_OK)
                return st;
        }
    }
    return TCS_OK;
}

/* Every pillar column must have been read as at import. Columns with more
 * distinct answers than the import remembers are not checked: it counted
 * the answers it could not keep as unknown. */
static tcs_status check_unchanged(const pass *pa, const reading *rd, tcs_error *err)
{
    if (rd->responses != rd->expected) {
        char what[96];
        snprintf(what, sizeof what, "%ld responses, %ld at import", rd->responses, rd->expected);
        return changed(pa, 0, 0, err, what);
    }
    for (size_t i = 0; i < rd->nused; i++) {
        const column_reader *it = &rd->readers[rd->used[i]];
        const tcs_column *c = it->c;
        if (c->distinct_overflow)
            continue;
        bool same = it->nonsubstantive == c->nonsubstantive && it->missing == c->missing;
        for (size_t v = 0; same && v < c->scale.npoints; v++)
            same = it->counts[v] == c->counts[v];
        if (!same)
            return changed(pa, 0, (long)c->index, err, "other answers in this column");
    }
    return TCS_OK;
}

/* A reader for every column some set of rd scores. False when out of
 * memory. */
static bool readers_make(reading *rd, size_t ncolumns)
{
    rd->readers = calloc(ncolumns ? ncolumns : 1, sizeof *rd->readers);
    rd->used = calloc(ncolumns ? ncolumns : 1, sizeof *rd->used);
    if (!rd->readers || !rd->used)
        return false;
    for (size_t k = 0; k < rd->nsets; k++)
        for (size_t i = 0; i < rd->sets[k]->n; i++) {
            const pillar *p = &rd->sets[k]->p[i];
            for (size_t j = 0; j < p->nitems; j++)
                rd->readers[p->items[j].col].c = p->items[j].c;
        }
    for (size_t i = 0; i < ncolumns; i++)
        if (rd->readers[i].c)
            rd->used[rd->nused++] = i;
    return true;
}

static void readers_free(reading *rd, size_t ncolumns)
{
    for (size_t i = 0; rd->readers && i < ncolumns; i++) {
        column_reader *r = &rd->readers[i];
        for (size_t k = 0; k < r->answers_cap; k++)
            free(r->answers[k].text);
        free(r->answers);
    }
    free(rd->readers);
    free(rd->used);
    free(rd->sets);
}

/* Sample variance (n - 1) of n values, counts[i] of them equal to first + i
 * (k counts; x and wt have room for k): exactly 0 when one value holds
 * them all. */
static double count_variance(const long *counts, size_t k, long first, long n, double *x,
                             double *wt)
{
    size_t used = 0;
    for (size_t i = 0; i < k; i++)
        if (counts[i] > 0) {
            x[used] = (double)(first + (long)i);
            wt[used++] = (double)counts[i]; /* frequency weights */
        }
    if (used < 2 || n < 2)
        return 0.0;
    double mean = gsl_stats_wmean(wt, 1, x, 1, used);
    return gsl_stats_wtss_m(wt, 1, x, 1, used, mean) / (double)(n - 1);
}

static int cmp_slot(const void *a, const void *b)
{
    const score_slot *x = a, *y = b;
    return x->value < y->value ? -1 : x->value > y->value;
}

/* The distinct scores in ascending order, and every figure from them. */
static bool finish(pillar *p)
{
    tcs_pillar_info *in = &p->info;
    memset(in, 0, sizeof *in);
    in->pillar = p->name;
    in->nitems = p->nitems;
    in->excluded = p->excluded;
    size_t nd = 0;
    for (size_t k = 0; k < p->slots_cap; k++)
        if (p->slots[k].used)
            p->slots[nd++] = p->slots[k];
    qsort(p->slots, nd, sizeof *p->slots, cmp_slot);
    size_t alloc = nd ? nd : 1;
    p->values = malloc(alloc * sizeof *p->values);
    p->counts = malloc(alloc * sizeof *p->counts);
    double *w = malloc(alloc * sizeof *w);
    if (!p->values || !p->counts || !w) {
        free(w);
        return false;
    }
    for (size_t k = 0; k < nd; k++) {
        p->values[k] = p->slots[k].value;
        p->counts[k] = p->slots[k].count;
        w[k] = (double)p->slots[k].count; /* frequency weights */
    }
    free(p->slots);
    p->slots = NULL;
    p->slots_cap = p->ndistinct = 0;
    in->values = p->values;
    in->counts = p->counts;
    in->nvalues = nd;
    in->nscores = p->nscores;
    size_t n = p->nscores;
    if (n >= 1) {
        in->has_mean = true;
        in->mean = gsl_stats_wmean(w, 1, p->values, 1, nd);
    }
    if (n >= 2) {
        in->has_sd = true;
        /* one distinct score: every score is the same, SD exactly 0; the
         * raw weighted sum of squares over n - 1 (frequency weights, as
         * compare.c takes scale-point counts) */
        in->sd = nd == 1 ? 0.0
                         : sqrt(gsl_stats_wtss_m(w, 1, p->values, 1, nd, in->mean) /
                                (double)(n - 1));
        double half = tcs_t_critical(0.95, (double)(n - 1)) * in->sd / sqrt((double)n);
        in->ci_lo = in->mean - half;
        in->ci_hi = in->mean + half;
        in->has_ci = nd > 1;
    }
    free(w);

    in->alpha_n = p->alpha_n;
    double k = (double)p->nitems;
    in->alpha_few = p->nitems >= 2 && in->alpha_n < TCS_ALPHA_MIN_CASES;
    if (p->nitems >= 2 && in->alpha_n >= TCS_ALPHA_MIN_CASES) {
        size_t most = p->ntotals > TCS_SCALE_POINTS_MAX ? p->ntotals : TCS_SCALE_POINTS_MAX;
        double *x = malloc(most * sizeof *x), *wt = malloc(most * sizeof *wt);
        if (!x || !wt) {
            free(x);
            free(wt);
            return false;
        }
        double total_var = count_variance(p->totals, p->ntotals, p->total_min, p->alpha_n, x, wt);
        if (total_var > 0.0) {
            double item_var = 0.0;
            for (size_t j = 0; j < p->nitems; j++) {
                const item *it = &p->items[j];
                item_var += count_variance(it->complete, it->c->scale.npoints, it->c->scale.min,
                                           p->alpha_n, x, wt);
            }
            in->has_alpha = true;
            in->alpha = k / (k - 1.0) * (1.0 - item_var / total_var);
        }
        free(x);
        free(wt);
    }

    const tcs_scale *first = &p->items[0].c->scale;
    in->has_midpoint = true;
    for (size_t j = 1; j < p->nitems; j++)
        if (p->items[j].c->scale.min != first->min || p->items[j].c->scale.max != first->max)
            in->has_midpoint = false;
    if (in->has_midpoint)
        in->midpoint = tcs_scale_midpoint(first);

    /* the pass is over: the survey's columns may go before the scores */
    items_free(p);
    free(p->totals);
    p->totals = NULL;
    free(p->row);
    p->row = NULL;
    return true;
}

/* Read the file once, scoring every set, and check it is the file that
 * was imported. */
static tcs_status run_pass(pass *pa, const tcs_source_info *src, tcs_error *err)
{
    /* read it as it was imported: the sheet actually read, the delimiter
     * detected then */
    tcs_read_options ro = {0};
    if (pa->stream.csv)
        ro.delimiter = src->delimiter;
    else
        ro.sheet = src->sheet;
    tcs_source_info info;
    memset(&info, 0, sizeof info);
    /* a large file is scored on a second thread while it is parsed, as it
     * was counted at import */
    tcs_pipe *pipe = tcs_survey_two_threads(pa->r[0].survey) ? tcs_pipe_start(on_record, pa)
                                                               : NULL;
    tcs_status st = tcs_read_table(pa->path, &ro, pipe ? tcs_pipe_push : on_record,
                                   pipe ? (void *)pipe : (void *)pa, &info, err);
    st = tcs_pipe_finish(pipe, st, err);
    if (st == TCS_OK && strcmp(info.format, src->format) != 0)
        st = changed(pa, 0, 0, err, "now a file of another type");
    for (size_t u = 0; u < pa->nr && st == TCS_OK; u++)
        st = check_unchanged(pa, &pa->r[u], err);
    return st;
}

tcs_status tcs_pillar_scores_compute(const tcs_survey *s, tcs_pillar_scores **out,
                                     tcs_error *err)
{
    tcs_pillar_request r = {NULL, NULL, NULL, NULL};
    return tcs_pillar_scores_compute_many(s, &r, 1, out, err);
}

tcs_status tcs_pillar_scores_compute_only(const tcs_survey *s, tcs_column_filter keep,
                                          void *ctx, tcs_pillar_scores **out, tcs_error *err)
{
    tcs_pillar_request r = {NULL, keep, ctx, NULL};
    return tcs_pillar_scores_compute_many(s, &r, 1, out, err);
}

tcs_status tcs_pillar_scores_compute_set(const tcs_survey *s, tcs_column_filter keep, void *ctx,
                                         const char *name, tcs_pillar_scores **out,
                                         tcs_error *err)
{
    tcs_pillar_request r = {NULL, keep, ctx, name};
    return tcs_pillar_scores_compute_many(s, &r, 1, out, err);
}

/* The readings of a pass: one per survey the requests name, in order,
 * each with its sets. False when out of memory. */
static bool readings_make(pass *pa, const tcs_survey *s, const tcs_pillar_request *req, size_t n,
                          tcs_pillar_scores **out)
{
    pa->r = calloc(n, sizeof *pa->r);
    if (!pa->r)
        return false;
    for (size_t k = 0; k < n; k++) {
        const tcs_survey *sk = req[k].survey ? req[k].survey : s;
        size_t u = 0;
        while (u < pa->nr && pa->r[u].survey != sk)
            u++;
        if (u == pa->nr) {
            pa->r[pa->nr++] = (reading){.survey = sk, .expected = tcs_survey_responses(sk)};
            if (!(pa->r[u].sets = calloc(n, sizeof *pa->r[u].sets)))
                return false;
        }
        pa->r[u].sets[pa->r[u].nsets++] = out[k];
    }
    for (size_t u = 0; u < pa->nr; u++)
        if (!readers_make(&pa->r[u], pa->ncolumns))
            return false;
    return true;
}

tcs_status tcs_pillar_scores_compute_many(const tcs_survey *s, const tcs_pillar_request *req,
                                          size_t n, tcs_pillar_scores **out, tcs_error *err)
{
    const char *path = tcs_survey_path(s);
    for (size_t k = 0; k < n; k++)
        out[k] = NULL;
    tcs_status st = TCS_OK;
    bool any = false;
    for (size_t k = 0; k < n && st == TCS_OK; k++) {
        tcs_pillar_scores *ps = calloc(1, sizeof *ps);
        if (!ps) {
            st = tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
            break;
        }
        out[k] = ps;
        ps->keep = req[k].keep;
        ps->keep_ctx = req[k].ctx;
        ps->set_name = req[k].set_name;
        const tcs_survey *sk = req[k].survey ? req[k].survey : s;
        if (sk != s && (strcmp(tcs_survey_path(sk), path) != 0 ||
                        tcs_survey_ncolumns(sk) != tcs_survey_ncolumns(s) ||
                        tcs_survey_header_rows(sk) != tcs_survey_header_rows(s)))
            st = tcs_error_set(err, TCS_EINVAL, tcs_survey_path(sk), 0, 0,
                               "scores of another file (%s) asked in one pass", path);
        else
            st = find_pillars(sk, ps, err);
        any = any || ps->n > 0;
    }
    if (st == TCS_OK && any) {
        const tcs_source_info *src = tcs_survey_source(s);
        pass pa = {.path = path, .ncolumns = tcs_survey_ncolumns(s)};
        tcs_record_stream_init(&pa.stream, tcs_survey_header_rows(s), tcs_survey_ncolumns(s),
                               src->kind == TCS_SOURCE_CSV);
        st = readings_make(&pa, s, req, n, out)
                 ? run_pass(&pa, src, err)
                 : tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
        for (size_t u = 0; u < pa.nr; u++)
            readers_free(&pa.r[u], pa.ncolumns);
        free(pa.r);
    }
    for (size_t k = 0; k < n && st == TCS_OK; k++)
        for (size_t i = 0; i < out[k]->n && st == TCS_OK; i++)
            if (!finish(&out[k]->p[i]))
                st = tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
    if (st != TCS_OK) {
        for (size_t k = 0; k < n; k++) {
            tcs_pillar_scores_free(out[k]);
            out[k] = NULL;
        }
    }
    return st;
}
