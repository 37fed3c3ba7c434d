/* pillar.c - pillar scores and Cronbach's alpha, from a second pass over
 * the survey's file.
 *
 * Cronbach's alpha: alpha = k / (k - 1) * (1 - sum of item variances /
 * variance of the total), sample variances (n - 1), over complete cases:
 * Cronbach (1951), Psychometrika 16:297-334. Variances are accumulated
 * with GSL's running statistics (Welford's update), so a long file needs
 * no more memory for alpha than a short one. */
#define _POSIX_C_SOURCE 200809L
#include "tcsurvey/pillar.h"
#include "tcsurvey/stats.h"
#include "tcsurvey/text.h"

#include <gsl/gsl_rstat.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One question column of a pillar. */
typedef struct {
    const tcs_column *c;
    size_t col; /* 0-based */
    /* answers as this pass read them, checked against the import */
    long counts[TCS_SCALE_POINTS_MAX];
    long nonsubstantive, missing;
    gsl_rstat_workspace *complete; /* values of complete cases */
} item;

typedef struct {
    char *name;
    item *items;
    size_t nitems;
    double *row; /* this row's value per item */
    gsl_rstat_workspace *total; /* item totals of complete cases */
    double *scores;
    size_t nscores, cap;
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

void tcs_pillar_scores_free(tcs_pillar_scores *ps)
{
    if (!ps)
        return;
    for (size_t i = 0; i < ps->n; i++) {
        pillar *p = &ps->p[i];
        for (size_t j = 0; p->items && j < p->nitems; j++)
            if (p->items[j].complete)
                gsl_rstat_free(p->items[j].complete);
        if (p->total)
            gsl_rstat_free(p->total);
        free(p->items);
        free(p->row);
        free(p->scores);
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
        p->total = gsl_rstat_alloc();
        if (!p->items || !p->row || !p->total)
            return tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
        size_t j = 0;
        for (size_t i = 0; i < ncol; i++) {
            const tcs_column *c = tcs_survey_column(s, i);
            if (!has_pillar(ps, c) || strcmp(set_of(ps, c), p->name) != 0)
                continue;
            p->items[j].c = c;
            p->items[j].col = i;
            if (!(p->items[j].complete = gsl_rstat_alloc()))
                return tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
            j++;
        }
    }
    return TCS_OK;
}

typedef struct {
    tcs_pillar_scores *ps;
    const tcs_survey *survey; /* its row filter keeps the same rows */
    const char *path;
    size_t ncolumns, header_rows, headers_seen;
    bool csv, started;
    long responses, expected;
} pass;

/* The item's answer in this row, read as survey.c reads it: true with the
 * (mirrored) value when it is a point of the scale. */
static bool item_value(item *it, const tcs_cell *cells, size_t ncells, double *value)
{
    const tcs_cell *cell = it->col < ncells ? &cells[it->col] : NULL;
    if (!cell || tcs_answer_is_missing(cell->text, cell->len)) {
        it->missing++;
        return false;
    }
    size_t len;
    const char *t = tcs_trim(cell->text, cell->len, &len);
    const tcs_scale *sc = &it->c->scale;
    int v;
    if (tcs_answer_is_nonsubstantive(t, len)) {
        it->nonsubstantive++;
        return false;
    }
    if (!tcs_scale_value(sc, t, len, &v))
        return false; /* not on the scale: counted as other at import */
    it->counts[v - sc->min]++;
    *value = it->c->reverse ? (double)(sc->min + sc->max - v) : (double)v;
    return true;
}

static tcs_status changed(const pass *ps, long row, long col, tcs_error *err, const char *what)
{
    return tcs_error_set(err, TCS_EIO, ps->path, row, col,
                         "the file changed since it was imported (%s); import it again", what);
}

static tcs_status score_row(pass *ps, long row, const tcs_cell *cells, size_t ncells,
                            tcs_error *err)
{
    for (size_t k = 0; k < ps->ps->n; k++) {
        pillar *p = &ps->ps->p[k];
        size_t answered = 0;
        double sum = 0.0;
        for (size_t j = 0; j < p->nitems; j++) {
            double v;
            if (item_value(&p->items[j], cells, ncells, &v)) {
                p->row[answered++] = v;
                sum += v;
            }
        }
        /* at least half: ceil(k / 2) items */
        if (answered < (p->nitems + 1) / 2) {
            p->excluded++;
            continue;
        }
        if (p->nscores == p->cap) {
            size_t ncap = p->cap ? p->cap * 2 : 64;
            double *ns = ncap <= SIZE_MAX / sizeof *ns ? realloc(p->scores, ncap * sizeof *ns)
                                                         : NULL;
            if (!ns)
                return tcs_error_set(err, TCS_ENOMEM, ps->path, row, 0, "out of memory");
            p->scores = ns;
            p->cap = ncap;
        }
        /* one division of an exact sum: equal means are equal doubles, so
         * the rank test sees their tie */
        p->scores[p->nscores++] = sum / (double)answered;
        if (answered == p->nitems) {
            for (size_t j = 0; j < p->nitems; j++)
                gsl_rstat_add(p->row[j], p->items[j].complete);
            gsl_rstat_add(sum, p->total);
        }
    }
    return TCS_OK;
}

/* Records as survey.c takes them: blank lines before the header skipped,
 * then header_rows header records, then every non-blank record is a
 * response. */
static tcs_status on_record(void *ctx, long row, const tcs_cell *cells, size_t ncells,
                            tcs_error *err)
{
    pass *ps = ctx;
    if (!ps->started) {
        if (tcs_record_blank(cells, ncells))
            return TCS_OK;
        ps->started = true;
    }
    if (ps->headers_seen < ps->header_rows) {
        if (ps->headers_seen == 0 && ncells != ps->ncolumns)
            return changed(ps, row, 0, err, "the header has another number of columns");
        ps->headers_seen++;
        return TCS_OK;
    }
    if (tcs_record_blank(cells, ncells))
        return TCS_OK;
    for (size_t i = ps->ncolumns; i < ncells; i++)
        if (!tcs_cell_blank(&cells[i]))
            return changed(ps, row, (long)i + 1, err, "a cell beyond the last header");
    if (ncells < ps->ncolumns && ps->csv)
        return changed(ps, row, (long)ncells + 1, err, "a row shorter than the header");
    if (!tcs_survey_row_selected(ps->survey, cells, ncells))
        return TCS_OK;
    if (++ps->responses > ps->expected)
        return changed(ps, row, 0, err, "more responses");
    return score_row(ps, row, cells, ncells, err);
}

/* Every pillar column must have been read as at import. Columns with more
 * distinct answers than the import remembers are not checked: it counted
 * the answers it could not keep as unknown. */
static tcs_status check_unchanged(const pass *ps, tcs_error *err)
{
    if (ps->responses != ps->expected) {
        char what[96];
        snprintf(what, sizeof what, "%ld responses, %ld at import", ps->responses, ps->expected);
        return changed(ps, 0, 0, err, what);
    }
    for (size_t k = 0; k < ps->ps->n; k++) {
        const pillar *p = &ps->ps->p[k];
        for (size_t j = 0; j < p->nitems; j++) {
            const item *it = &p->items[j];
            const tcs_column *c = it->c;
            if (c->distinct_overflow)
                continue;
            bool same = it->nonsubstantive == c->nonsubstantive && it->missing == c->missing;
            for (size_t v = 0; same && v < c->scale.npoints; v++)
                same = it->counts[v] == c->counts[v];
            if (!same)
                return changed(ps, 0, (long)c->index, err, "other answers in this column");
        }
    }
    return TCS_OK;
}

static void finish(pillar *p)
{
    tcs_pillar_info *in = &p->info;
    memset(in, 0, sizeof *in);
    in->pillar = p->name;
    in->nitems = p->nitems;
    in->excluded = p->excluded;
    gsl_sort(p->scores, 1, p->nscores);
    in->scores = p->scores;
    in->nscores = p->nscores;
    size_t n = p->nscores;
    if (n >= 1) {
        in->has_mean = true;
        in->mean = gsl_stats_mean(p->scores, 1, n);
    }
    if (n >= 2) {
        in->has_sd = true;
        /* sorted: equal ends mean every score is the same, SD exactly 0 */
        in->sd = p->scores[0] == p->scores[n - 1] ? 0.0
                                                  : gsl_stats_sd_m(p->scores, 1, n, in->mean);
        double half = tcs_t_critical(0.95, (double)(n - 1)) * in->sd / sqrt((double)n);
        in->ci_lo = in->mean - half;
        in->ci_hi = in->mean + half;
    }

    in->alpha_n = (long)gsl_rstat_n(p->total);
    double k = (double)p->nitems;
    if (p->nitems >= 2 && in->alpha_n >= 2) {
        double total_var = gsl_rstat_variance(p->total);
        if (total_var > 0.0) {
            double item_var = 0.0;
            for (size_t j = 0; j < p->nitems; j++)
                item_var += gsl_rstat_variance(p->items[j].complete);
            in->has_alpha = true;
            in->alpha = k / (k - 1.0) * (1.0 - item_var / total_var);
        }
    }

    const tcs_scale *first = &p->items[0].c->scale;
    in->has_midpoint = true;
    for (size_t j = 1; j < p->nitems; j++)
        if (p->items[j].c->scale.min != first->min || p->items[j].c->scale.max != first->max)
            in->has_midpoint = false;
    if (in->has_midpoint)
        in->midpoint = tcs_scale_midpoint(first);

    /* the pass is over: the survey's columns may go before the scores */
    for (size_t j = 0; j < p->nitems; j++) {
        p->items[j].c = NULL;
        gsl_rstat_free(p->items[j].complete);
        p->items[j].complete = NULL;
    }
    gsl_rstat_free(p->total);
    p->total = NULL;
    free(p->items);
    p->items = NULL;
    free(p->row);
    p->row = NULL;
}

tcs_status tcs_pillar_scores_compute(const tcs_survey *s, tcs_pillar_scores **out,
                                     tcs_error *err)
{
    return tcs_pillar_scores_compute_only(s, NULL, NULL, out, err);
}

static tcs_status compute(const tcs_survey *s, tcs_column_filter keep, void *ctx,
                          const char *set_name, tcs_pillar_scores **out, tcs_error *err);

tcs_status tcs_pillar_scores_compute_only(const tcs_survey *s, tcs_column_filter keep,
                                          void *ctx, tcs_pillar_scores **out, tcs_error *err)
{
    return compute(s, keep, ctx, NULL, out, err);
}

tcs_status tcs_pillar_scores_compute_set(const tcs_survey *s, tcs_column_filter keep, void *ctx,
                                         const char *name, tcs_pillar_scores **out,
                                         tcs_error *err)
{
    return compute(s, keep, ctx, name, out, err);
}

static tcs_status compute(const tcs_survey *s, tcs_column_filter keep, void *ctx,
                          const char *set_name, tcs_pillar_scores **out, tcs_error *err)
{
    *out = NULL;
    const char *path = tcs_survey_path(s);
    tcs_pillar_scores *ps = calloc(1, sizeof *ps);
    if (!ps)
        return tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
    ps->keep = keep;
    ps->keep_ctx = ctx;
    ps->set_name = set_name;
    tcs_status st = find_pillars(s, ps, err);
    if (st == TCS_OK && ps->n > 0) {
        const tcs_source_info *src = tcs_survey_source(s);
        pass pa = {
            .ps = ps,
            .survey = s,
            .path = path,
            .ncolumns = tcs_survey_ncolumns(s),
            .header_rows = tcs_survey_header_rows(s),
            .csv = strcmp(src->format, "csv") == 0,
            .expected = tcs_survey_responses(s),
        };
        /* read it as it was imported: the sheet actually read, the
         * delimiter detected then */
        tcs_read_options ro = {0};
        if (pa.csv)
            ro.delimiter = src->delimiter;
        else
            ro.sheet = src->sheet;
        tcs_source_info info;
        memset(&info, 0, sizeof info);
        st = tcs_read_table(path, &ro, on_record, &pa, &info, err);
        if (st == TCS_OK && strcmp(info.format, src->format) != 0)
            st = changed(&pa, 0, 0, err, "now a file of another type");
        if (st == TCS_OK)
            st = check_unchanged(&pa, err);
    }
    if (st != TCS_OK) {
        tcs_pillar_scores_free(ps);
        return st;
    }
    for (size_t k = 0; k < ps->n; k++)
        finish(&ps->p[k]);
    *out = ps;
    return TCS_OK;
}
