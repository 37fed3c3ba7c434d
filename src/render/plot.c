/* plot.c - plan the charts, write a gnuplot script and a data file for
 * each, run gnuplot once, and move the images into place.
 *
 * Every piece of survey text goes into a script through tcs_gp_put_string
 * (single-quoted, drawn literally); data files hold numbers only. */
#define _POSIX_C_SOURCE 200809L
#include "tcsurvey/plot.h"
#include "tcsurvey/fs.h"
#include "tcsurvey/gnuplot.h"
#include "tcsurvey/stats.h"
#include "tcsurvey/tcsurvey.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- page geometry (A4 portrait, 16 cm of text width) ---- */

#define CHART_WIDTH_CM 16.0
#define ROW_CM 0.62        /* a question row: two lines of 8 pt */
#define TOP_CM 1.8         /* title and legend */
#define BOTTOM_CM 1.5      /* x axis */
#define ROWS_MAX 30        /* rows per chart, headings included: 24 cm at most */
#define PNG_DPI 200.0
#define SVG_DPI 96.0
#define LABEL_LINE_CHARS 40 /* characters per line of a question label */
#define LEFT_FRACTION 0.40  /* question labels take the left 40% */
#define RIGHT_FRACTION 0.90 /* n per question in the right 10% */

static const char font_name[] = "DejaVu Sans";

static const char *const kind_names[TCS_CHART_KIND_COUNT] = {
    "likert-diverging", "likert-stacked", "means", "change", "trend", "rag"};

const char *tcs_chart_kind_name(tcs_chart_kind kind)
{
    return (unsigned)kind < TCS_CHART_KIND_COUNT ? kind_names[kind] : "?";
}

bool tcs_plot_formats_parse(const char *text, unsigned *out)
{
    unsigned f = 0;
    const char *p = text;
    if (!p || !*p)
        return false;
    for (;;) {
        size_t n = strcspn(p, ",");
        if (n == 3 && strncmp(p, "png", 3) == 0)
            f |= TCS_PLOT_PNG;
        else if (n == 3 && strncmp(p, "svg", 3) == 0)
            f |= TCS_PLOT_SVG;
        else if (n == 3 && strncmp(p, "pdf", 3) == 0)
            f |= TCS_PLOT_PDF;
        else
            return false;
        if (p[n] == '\0')
            break;
        p += n + 1;
    }
    *out = f;
    return true;
}

/* ---- the plan ---- */

/* A row of a question chart: a question, or a pillar heading. */
typedef struct {
    size_t q;            /* matched question index; SIZE_MAX for a heading */
    const char *heading; /* pillar name (headings only) */
} plot_row;

typedef struct {
    tcs_chart pub;
    plot_row *rows;
    size_t nrows;
    double legend_extra_cm; /* legend rows beyond the first */
} chart;

struct tcs_plot {
    const tcs_waves *w;
    const tcs_check *check;
    tcs_plot_options opt;
    chart *charts;
    size_t ncharts, cap;
};

static const char other_heading[] = "Other questions";

static double likert_legend_extra(const tcs_scale *s);

/* "Career Development" -> "career-development"; ASCII letters and digits
 * only, so the name is safe in any file system and URL. */
static void slug(const char *s, char *out, size_t outsz)
{
    size_t n = 0;
    bool dash = false;
    for (const unsigned char *p = (const unsigned char *)s; *p && n + 2 < outsz; p++) {
        int c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && n > 0)
                out[n++] = '-';
            out[n++] = (char)c;
            dash = false;
        } else if (c >= 'A' && c <= 'Z') {
            if (dash && n > 0)
                out[n++] = '-';
            out[n++] = (char)(c - 'A' + 'a');
            dash = false;
        } else
            dash = true;
    }
    out[n] = '\0';
}

static tcs_status add_chart(tcs_plot *p, const tcs_chart *pub, const plot_row *rows, size_t nrows,
                            tcs_error *err)
{
    if (p->ncharts == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        chart *c = realloc(p->charts, cap * sizeof *c);
        if (!c)
            return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
        p->charts = c;
        p->cap = cap;
    }
    chart *c = &p->charts[p->ncharts];
    memset(c, 0, sizeof *c);
    c->pub = *pub;
    if (nrows) {
        c->rows = malloc(nrows * sizeof *rows);
        if (!c->rows)
            return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
        memcpy(c->rows, rows, nrows * sizeof *rows);
        c->nrows = nrows;
    }
    /* names must be unique: a second "x" becomes "x-2" */
    char base[sizeof c->pub.name];
    snprintf(base, sizeof base, "%s", c->pub.name);
    for (int k = 2;; k++) {
        bool clash = false;
        for (size_t i = 0; i < p->ncharts && !clash; i++)
            clash = strcmp(p->charts[i].pub.name, c->pub.name) == 0;
        if (!clash)
            break;
        snprintf(c->pub.name, sizeof c->pub.name, "%.180s-%d", base, k);
    }
    size_t nq = 0;
    for (size_t i = 0; i < nrows; i++)
        nq += rows[i].q != SIZE_MAX;
    c->pub.questions = nq;
    if (nrows)
        c->pub.height_cm = TOP_CM + BOTTOM_CM + ROW_CM * (double)nrows;
    c->pub.width_cm = CHART_WIDTH_CM;
    p->ncharts++;
    return TCS_OK;
}

/* % on the favourable side of the midpoint (high, or low when reverse-coded). */
static double favourable_percent(const tcs_matched *m, size_t wave)
{
    long mirrored[TCS_SCALE_POINTS_MAX];
    if (m->reverse)
        tcs_mirror_counts(&m->scale, m->counts[wave], mirrored);
    tcs_point_stats st;
    tcs_stats_from_counts(&m->scale, m->reverse ? mirrored : m->counts[wave], &st);
    if (!st.has_percent)
        return -1.0;
    return st.high_percent;
}

typedef struct {
    const tcs_waves *w;
    size_t wave;
} sort_ctx;

/* qsort has no context argument; the plan is built on one thread */
static sort_ctx current_sort;

static int by_favourable(const void *a, const void *b)
{
    size_t qa = *(const size_t *)a, qb = *(const size_t *)b;
    double fa = favourable_percent(tcs_waves_question(current_sort.w, qa), current_sort.wave);
    double fb = favourable_percent(tcs_waves_question(current_sort.w, qb), current_sort.wave);
    if (fa != fb)
        return fa > fb ? -1 : 1;
    return qa < qb ? -1 : qa > qb;
}

/* Questions qs[0..n) (questionnaire order) as rows: grouped under pillar
 * headings when any has a pillar, then split into charts that fit a page
 * (or one chart per pillar). Calls emit for each chart's rows. */
typedef tcs_status (*emit_fn)(tcs_plot *p, const plot_row *rows, size_t nrows,
                              const char *pillar, size_t part, size_t nparts, void *ctx,
                              tcs_error *err);

static tcs_status layout_rows(tcs_plot *p, size_t *qs, size_t n, size_t sort_wave, emit_fn emit,
                              void *ctx, tcs_error *err)
{
    const tcs_waves *w = p->w;
    bool any_pillar = false;
    for (size_t i = 0; i < n; i++)
        any_pillar |= tcs_waves_question(w, qs[i])->pillar != NULL;
    /* pillar groups in order of first appearance; NULL pillar last */
    const char *pillars[64];
    size_t npillars = 0;
    bool has_other = false;
    for (size_t i = 0; i < n; i++) {
        const char *pl = tcs_waves_question(w, qs[i])->pillar;
        if (!pl) {
            has_other = true;
            continue;
        }
        size_t k = 0;
        while (k < npillars && strcmp(pillars[k], pl) != 0)
            k++;
        if (k == npillars && npillars < 63)
            pillars[npillars++] = pl;
    }
    if (has_other || !any_pillar)
        pillars[npillars++] = NULL;

    plot_row *rows = malloc((2 * n + npillars + 2) * sizeof *rows);
    size_t *group = malloc((n ? n : 1) * sizeof *group);
    if (!rows || !group) {
        free(rows);
        free(group);
        return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    }
    /* two passes: the first counts the charts (for "part k of n"), the
     * second emits them */
    tcs_status st = TCS_OK;
    size_t nparts_total = 0;
    for (int pass = 0; pass < 2 && st == TCS_OK; pass++) {
        size_t nrows = 0, part = 0;
        for (size_t g = 0; g < npillars && st == TCS_OK; g++) {
            size_t ng = 0;
            for (size_t i = 0; i < n; i++) {
                const char *pl = tcs_waves_question(w, qs[i])->pillar;
                if (pillars[g] ? pl && strcmp(pillars[g], pl) == 0 : pl == NULL || !any_pillar)
                    group[ng++] = qs[i];
            }
            if (ng == 0)
                continue;
            if (p->opt.order == TCS_ORDER_HIGH) {
                current_sort.w = w;
                current_sort.wave = sort_wave;
                qsort(group, ng, sizeof *group, by_favourable);
            }
            const char *heading = any_pillar ? (pillars[g] ? pillars[g] : other_heading) : NULL;
            size_t need = ng + (heading ? 1 : 0);
            bool new_chart = p->opt.per_pillar ? nrows > 0 : nrows > 0 && nrows + need > ROWS_MAX;
            size_t done = 0;
            while (done < ng && st == TCS_OK) {
                if (new_chart) {
                    if (pass == 1)
                        st = emit(p, rows, nrows, p->opt.per_pillar ? rows[0].heading : NULL,
                                  part, nparts_total, ctx, err);
                    part++;
                    nrows = 0;
                }
                if (heading)
                    rows[nrows++] = (plot_row){SIZE_MAX, heading};
                while (done < ng && nrows < ROWS_MAX)
                    rows[nrows++] = (plot_row){group[done++], NULL};
                new_chart = true;
            }
        }
        if (nrows > 0 && st == TCS_OK) {
            if (pass == 1)
                st = emit(p, rows, nrows, p->opt.per_pillar ? rows[0].heading : NULL, part,
                          nparts_total, ctx, err);
            part++;
        }
        nparts_total = part;
    }
    free(rows);
    free(group);
    return st;
}

/* A chart name's suffix for part k of n: the pillar's slug per pillar,
 * "-partK" when one chart was split, nothing otherwise. */
static void part_suffix(const char *pillar, size_t part, size_t nparts, char *out, size_t outsz)
{
    out[0] = '\0';
    if (pillar) {
        char s[64];
        slug(pillar, s, sizeof s);
        snprintf(out, outsz, "-%s", s[0] ? s : "pillar");
    } else if (nparts > 1)
        snprintf(out, outsz, "-part%zu", part + 1);
}

static void part_title(const char *pillar, size_t part, size_t nparts, char *out, size_t outsz)
{
    out[0] = '\0';
    if (pillar)
        snprintf(out, outsz, ": %s", pillar);
    else if (nparts > 1)
        snprintf(out, outsz, ", part %zu of %zu", part + 1, nparts);
}

/* How a scale reads in a title: "ratings 1-10", "agreement, 5 points". */
static void scale_phrase(const tcs_scale *s, char *out, size_t outsz)
{
    if (s->kind == TCS_SCALE_NUMERIC)
        snprintf(out, outsz, "ratings %d-%d", s->min, s->max);
    else
        snprintf(out, outsz, "%s, %zu points", s->family[0] ? s->family : s->name, s->npoints);
}

typedef struct {
    size_t wave, wave_to;
    const tcs_scale *scale;
} question_chart_ctx;

static tcs_status emit_wave_charts(tcs_plot *p, const plot_row *rows, size_t nrows,
                                   const char *pillar, size_t part, size_t nparts, void *vctx,
                                   tcs_error *err)
{
    const question_chart_ctx *ctx = vctx;
    const char *label = tcs_waves_wave(p->w, ctx->wave)->label;
    char wslug[40], sslug[32], suffix[80], tsuffix[200], phrase[64];
    slug(label, wslug, sizeof wslug);
    slug(ctx->scale->name, sslug, sizeof sslug);
    part_suffix(pillar, part, nparts, suffix, sizeof suffix);
    part_title(pillar, part, nparts, tsuffix, sizeof tsuffix);
    scale_phrase(ctx->scale, phrase, sizeof phrase);
    static const tcs_chart_kind kinds[] = {TCS_CHART_LIKERT_DIVERGING, TCS_CHART_LIKERT_STACKED,
                                           TCS_CHART_MEANS};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        tcs_chart c;
        memset(&c, 0, sizeof c);
        c.kind = kinds[k];
        c.wave = c.wave_to = ctx->wave;
        snprintf(c.scale, sizeof c.scale, "%s", ctx->scale->name);
        snprintf(c.pillar, sizeof c.pillar, "%s", pillar ? pillar : "");
        snprintf(c.name, sizeof c.name, "%s-%s-%s%s", kind_names[c.kind], wslug[0] ? wslug : "wave",
                 sslug, suffix);
        if (c.kind == TCS_CHART_MEANS)
            snprintf(c.title, sizeof c.title,
                     "Mean and 95%% confidence interval by question, %.40s (%.60s)%.140s", label,
                     phrase, tsuffix);
        else
            snprintf(c.title, sizeof c.title, "Answers by question, %.40s (%.60s)%.140s", label,
                     phrase, tsuffix);
        tcs_status st = add_chart(p, &c, rows, nrows, err);
        if (st != TCS_OK)
            return st;
        if (c.kind != TCS_CHART_MEANS) {
            chart *added = &p->charts[p->ncharts - 1];
            added->legend_extra_cm = likert_legend_extra(ctx->scale);
            added->pub.height_cm += added->legend_extra_cm;
        }
    }
    return TCS_OK;
}

static tcs_status emit_change_chart(tcs_plot *p, const plot_row *rows, size_t nrows,
                                    const char *pillar, size_t part, size_t nparts, void *vctx,
                                    tcs_error *err)
{
    const question_chart_ctx *ctx = vctx;
    const char *from = tcs_waves_wave(p->w, ctx->wave)->label;
    const char *to = tcs_waves_wave(p->w, ctx->wave_to)->label;
    char fslug[40], tslug[40], sslug[32], suffix[80], tsuffix[200], phrase[64];
    slug(from, fslug, sizeof fslug);
    slug(to, tslug, sizeof tslug);
    slug(ctx->scale->name, sslug, sizeof sslug);
    part_suffix(pillar, part, nparts, suffix, sizeof suffix);
    part_title(pillar, part, nparts, tsuffix, sizeof tsuffix);
    scale_phrase(ctx->scale, phrase, sizeof phrase);
    tcs_chart c;
    memset(&c, 0, sizeof c);
    c.kind = TCS_CHART_CHANGE;
    c.wave = ctx->wave;
    c.wave_to = ctx->wave_to;
    snprintf(c.scale, sizeof c.scale, "%s", ctx->scale->name);
    snprintf(c.pillar, sizeof c.pillar, "%s", pillar ? pillar : "");
    snprintf(c.name, sizeof c.name, "change-%s-%s-%s%.70s", fslug[0] ? fslug : "wave",
             tslug[0] ? tslug : "wave", sslug, suffix);
    snprintf(c.title, sizeof c.title, "Change in mean by question, %.32s to %.32s (%.60s)%.140s",
             from, to, phrase, tsuffix);
    return add_chart(p, &c, rows, nrows, err);
}

/* The distinct scales (by name) of the questions keep() accepts, in
 * questionnaire order. */
static size_t distinct_scales(const tcs_waves *w, bool (*keep)(const tcs_matched *, const void *),
                              const void *ctx, const tcs_scale **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < tcs_waves_nquestions(w); i++) {
        const tcs_matched *m = tcs_waves_question(w, i);
        if (!keep(m, ctx))
            continue;
        size_t k = 0;
        while (k < n && strcmp(out[k]->name, m->scale.name) != 0)
            k++;
        if (k == n && n < max)
            out[n++] = &m->scale;
    }
    return n;
}

static bool asked_in_wave(const tcs_matched *m, const void *ctx)
{
    size_t wave = *(const size_t *)ctx;
    return !m->conflict && m->cols[wave] != NULL;
}

typedef struct {
    const tcs_waves *w;
    size_t from, to;
} pair_ctx;

static bool changed_in_pair(const tcs_matched *m, const void *vctx)
{
    const pair_ctx *ctx = vctx;
    size_t q = (size_t)(m - tcs_waves_question(ctx->w, 0));
    return tcs_waves_find_change(ctx->w, q, ctx->from, ctx->to) != NULL;
}

static tcs_status plan_question_charts(tcs_plot *p, tcs_error *err)
{
    const tcs_waves *w = p->w;
    size_t nq = tcs_waves_nquestions(w);
    size_t *qs = malloc((nq ? nq : 1) * sizeof *qs);
    if (!qs)
        return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    tcs_status st = TCS_OK;
    const tcs_scale *scales[32];
    for (size_t wave = 0; wave < tcs_waves_count(w) && st == TCS_OK; wave++) {
        size_t ns = distinct_scales(w, asked_in_wave, &wave, scales, 32);
        for (size_t s = 0; s < ns && st == TCS_OK; s++) {
            size_t n = 0;
            for (size_t i = 0; i < nq; i++) {
                const tcs_matched *m = tcs_waves_question(w, i);
                if (asked_in_wave(m, &wave) && strcmp(m->scale.name, scales[s]->name) == 0)
                    qs[n++] = i;
            }
            question_chart_ctx ctx = {wave, wave, scales[s]};
            st = layout_rows(p, qs, n, wave, emit_wave_charts, &ctx, err);
        }
    }
    /* one change chart per pair of waves compared, in the comparison's order */
    for (size_t i = 0; i < tcs_waves_nchanges(w) && st == TCS_OK; i++) {
        const tcs_question_change *c = tcs_waves_change(w, i);
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = tcs_waves_change(w, j)->from == c->from && tcs_waves_change(w, j)->to == c->to;
        if (seen)
            continue;
        pair_ctx pc = {w, c->from, c->to};
        size_t ns = distinct_scales(w, changed_in_pair, &pc, scales, 32);
        for (size_t s = 0; s < ns && st == TCS_OK; s++) {
            size_t n = 0;
            for (size_t k = 0; k < nq; k++) {
                const tcs_matched *m = tcs_waves_question(w, k);
                if (changed_in_pair(m, &pc) && strcmp(m->scale.name, scales[s]->name) == 0)
                    qs[n++] = k;
            }
            question_chart_ctx ctx = {c->from, c->to, scales[s]};
            st = layout_rows(p, qs, n, c->to, emit_change_chart, &ctx, err);
        }
    }
    free(qs);
    return st;
}

/* The scale of a pillar's items: that of its first question. */
static const tcs_scale *pillar_scale(const tcs_waves *w, const char *pillar)
{
    for (size_t i = 0; i < tcs_waves_nquestions(w); i++) {
        const tcs_matched *m = tcs_waves_question(w, i);
        if (m->pillar && !m->conflict && strcmp(m->pillar, pillar) == 0)
            return &m->scale;
    }
    return NULL;
}

static tcs_status plan_trend_and_rag(tcs_plot *p, tcs_error *err)
{
    const tcs_waves *w = p->w;
    tcs_status st = TCS_OK;
    if (tcs_waves_count(w) >= 2 && tcs_waves_npillars(w) > 0) {
        /* one trend chart per scale the pillars are on */
        const tcs_scale *done[16];
        size_t ndone = 0;
        for (size_t i = 0; i < tcs_waves_npillars(w) && st == TCS_OK; i++) {
            const tcs_scale *sc = pillar_scale(w, tcs_waves_pillar(w, i)->pillar);
            if (!sc)
                continue;
            size_t k = 0;
            while (k < ndone && strcmp(done[k]->name, sc->name) != 0)
                k++;
            if (k < ndone || ndone == 16)
                continue;
            done[ndone++] = sc;
        }
        for (size_t k = 0; k < ndone && st == TCS_OK; k++) {
            tcs_chart c;
            memset(&c, 0, sizeof c);
            c.kind = TCS_CHART_TREND;
            c.wave = 0;
            c.wave_to = tcs_waves_count(w) - 1;
            snprintf(c.scale, sizeof c.scale, "%s", done[k]->name);
            char sslug[32], phrase[64];
            slug(done[k]->name, sslug, sizeof sslug);
            scale_phrase(done[k], phrase, sizeof phrase);
            if (ndone > 1)
                snprintf(c.name, sizeof c.name, "trend-%s", sslug);
            else
                snprintf(c.name, sizeof c.name, "trend");
            snprintf(c.title, sizeof c.title, "Pillar scores by wave (%s)", phrase);
            st = add_chart(p, &c, NULL, 0, err);
            if (st == TCS_OK)
                p->charts[p->ncharts - 1].pub.height_cm = 9.0;
        }
    }
    if (st == TCS_OK && p->check && tcs_check_npillars(p->check) > 0) {
        tcs_chart c;
        memset(&c, 0, sizeof c);
        c.kind = TCS_CHART_RAG;
        c.wave = c.wave_to = tcs_waves_count(w) - 1;
        snprintf(c.name, sizeof c.name, "rag");
        snprintf(c.title, sizeof c.title, "Targets by pillar: green, amber, red and grey");
        st = add_chart(p, &c, NULL, 0, err);
        if (st == TCS_OK)
            p->charts[p->ncharts - 1].pub.height_cm =
                TOP_CM + 0.4 + BOTTOM_CM + 0.8 * (double)tcs_check_npillars(p->check);
    }
    return st;
}

tcs_status tcs_plot_plan(const tcs_waves *w, const tcs_check *c, const tcs_plot_options *o,
                         tcs_plot **out, tcs_error *err)
{
    *out = NULL;
    if (!w)
        return tcs_error_set(err, TCS_EINVAL, "", 0, 0, "no waves to plot");
    tcs_plot *p = calloc(1, sizeof *p);
    if (!p)
        return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    p->w = w;
    p->check = c;
    if (o)
        p->opt = *o;
    if (!p->opt.formats)
        p->opt.formats = TCS_PLOT_PNG;
    tcs_status st = plan_question_charts(p, err);
    if (st == TCS_OK)
        st = plan_trend_and_rag(p, err);
    if (st != TCS_OK) {
        tcs_plot_free(p);
        return st;
    }
    *out = p;
    return TCS_OK;
}

void tcs_plot_free(tcs_plot *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->ncharts; i++)
        free(p->charts[i].rows);
    free(p->charts);
    free(p);
}

size_t tcs_plot_count(const tcs_plot *p)
{
    return p ? p->ncharts : 0;
}

const tcs_chart *tcs_plot_chart(const tcs_plot *p, size_t i)
{
    return p && i < p->ncharts ? &p->charts[i].pub : NULL;
}

/* ---- writing the scripts ---- */

/* Blocks of a data file: written in memory, then only the non-empty ones
 * go to the file (gnuplot warns about empty blocks), numbered in order. */
#define BLOCKS_MAX 24

typedef struct {
    char *buf[BLOCKS_MAX];
    size_t len[BLOCKS_MAX];
    FILE *fp[BLOCKS_MAX];
    int index[BLOCKS_MAX]; /* gnuplot index in the file, -1 = empty */
    size_t n;
} blocks;

static bool blocks_open(blocks *b, size_t n)
{
    memset(b, 0, sizeof *b);
    b->n = n;
    for (size_t i = 0; i < n; i++)
        if (!(b->fp[i] = open_memstream(&b->buf[i], &b->len[i])))
            return false;
    return true;
}

/* Close the blocks and write the non-empty ones to dat. */
static bool blocks_write(blocks *b, FILE *dat)
{
    bool ok = true;
    int next = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (b->fp[i] && fclose(b->fp[i]) != 0)
            ok = false;
        b->fp[i] = NULL;
        b->index[i] = -1;
        if (b->len[i] > 0) {
            fwrite(b->buf[i], 1, b->len[i], dat);
            fputs("\n\n", dat);
            b->index[i] = next++;
        }
    }
    return ok;
}

static void blocks_free(blocks *b)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->fp[i])
            fclose(b->fp[i]);
        free(b->buf[i]);
    }
}

/* The plot command, built clause by clause. */
typedef struct {
    FILE *fp;
    char *buf;
    size_t len;
    size_t clauses;
} plot_cmd;

static FILE *clause(plot_cmd *pc)
{
    fputs(pc->clauses++ ? ", \\\n     " : "plot ", pc->fp);
    return pc->fp;
}

/* A data clause for block k, if it has data: 'NAME.dat' index I using ... */
static FILE *data_clause(plot_cmd *pc, const blocks *b, size_t k, const char *name)
{
    if (b->index[k] < 0)
        return NULL;
    FILE *fp = clause(pc);
    fprintf(fp, "'%s.dat' index %d ", name, b->index[k]);
    return fp;
}

/* Label of a question: "id: statement" in at most two lines, the second
 * cut at a word with "..." when the statement is longer. */
static size_t utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static size_t wrap_label(const char *text, char lines[2][256])
{
    size_t nlines = 0, len = strlen(text), pos = 0;
    lines[0][0] = lines[1][0] = '\0';
    while (pos < len && text[pos] == ' ')
        pos++;
    while (pos < len && nlines < 2) {
        /* take whole words while they fit */
        size_t end = pos, best = pos;
        while (end < len) {
            size_t wend = end;
            while (wend < len && text[wend] == ' ')
                wend++;
            while (wend < len && text[wend] != ' ')
                wend++;
            if (utf8_chars(text + pos, wend - pos) > LABEL_LINE_CHARS)
                break;
            best = end = wend;
        }
        bool last = nlines == 1 && best < len;
        if (best == pos || last) {
            /* a word longer than a line, or the last line with more to
             * come: cut to leave room for "..." at a character boundary */
            size_t limit = LABEL_LINE_CHARS - 3, k = pos, chars = 0;
            size_t cut = best > pos ? best : pos;
            if (best == pos) {
                while (k < len && chars < limit) {
                    k++;
                    while (k < len && ((unsigned char)text[k] & 0xC0) == 0x80)
                        k++;
                    chars++;
                }
                cut = k;
            } else {
                /* drop the last word if "..." does not fit after it */
                while (cut > pos && utf8_chars(text + pos, cut - pos) > limit) {
                    while (cut > pos && text[cut - 1] != ' ')
                        cut--;
                    while (cut > pos && text[cut - 1] == ' ')
                        cut--;
                }
                if (cut == pos)
                    cut = best;
            }
            /* no "roles,..." */
            while (cut > pos && strchr(",;:-/(", text[cut - 1]))
                cut--;
            snprintf(lines[nlines], sizeof lines[0], "%.*s...",
                     (int)(cut - pos > 240 ? 240 : cut - pos), text + pos);
            nlines++;
            break;
        }
        snprintf(lines[nlines], sizeof lines[0], "%.*s", (int)(best - pos > 250 ? 250 : best - pos),
                 text + pos);
        nlines++;
        pos = best;
        while (pos < len && text[pos] == ' ')
            pos++;
    }
    return nlines;
}

/* How many whole words a and b start with in common; *end gets the byte
 * offset in a of the start of word number keep_from (0-based). */
static size_t common_words(const char *a, const char *b, size_t keep_from, size_t *end)
{
    size_t words = 0, i = 0;
    *end = 0;
    for (;;) {
        while (a[i] == ' ')
            i++;
        size_t start = i;
        while (a[i] && a[i] != ' ')
            i++;
        if (i == start || strncmp(a + start, b + start, i - start) != 0 ||
            (b[i] != ' ' && b[i] != '\0'))
            break;
        if (words == keep_from)
            *end = start;
        words++;
    }
    return words;
}

#define ELIDE_MIN_WORDS 6 /* a shared opening this long is elided... */
#define ELIDE_KEEP_WORDS 3 /* ...down to its last few words */

/* "id: statement" for question m. When the label would not fit in two
 * lines and the statement opens with the same long run of words as a
 * neighbour's (1.1-1.4: "I feel that the role of Technician ... is seen
 * as important by students / by academics ..."), the shared opening is
 * elided so that what tells them apart shows: "1.2: ...seen as important
 * by academics". The report's tables give the full text. */
static void question_label(const tcs_matched *m, const tcs_matched *prev, const tcs_matched *next,
                           char lines[2][256], size_t *nlines)
{
    char text[1024];
    const char *st = m->statement && *m->statement ? m->statement : NULL;
    const char *r = m->reverse ? " (R)" : "";
    if (st && m->id && strcmp(st, m->id) != 0) {
        size_t skip = 0;
        if (utf8_chars(st, strlen(st)) + strlen(m->id) + 2 > 2 * LABEL_LINE_CHARS - 4) {
            const tcs_matched *nb[2] = {prev, next};
            for (size_t k = 0; k < 2; k++) {
                size_t end;
                if (nb[k] && nb[k]->statement &&
                    common_words(st, nb[k]->statement, 0, &end) >= ELIDE_MIN_WORDS) {
                    size_t words = common_words(st, nb[k]->statement, 0, &end);
                    common_words(st, nb[k]->statement, words - ELIDE_KEEP_WORDS, &end);
                    if (end > skip)
                        skip = end;
                }
            }
        }
        snprintf(text, sizeof text, "%s%s: %s%s", m->id, r, skip ? "..." : "", st + skip);
    } else
        snprintf(text, sizeof text, "%s%s", m->id ? m->id : (st ? st : "?"), r);
    /* control characters become spaces, as in every script string */
    for (char *c = text; *c; c++)
        if ((unsigned char)*c < 0x20)
            *c = ' ';
    *nlines = wrap_label(text, lines);
}

static double row_y(const chart *c, size_t r)
{
    return (double)(c->nrows - 1 - r);
}

/* The text of the right-hand label of row r (n per question...). */
typedef void (*right_label_fn)(const tcs_plot *p, const chart *c, const tcs_matched *m, char *out,
                               size_t outsz);

/* One-line tic label (tic labels are formats to gnuplot: % doubled). */
static void put_tic(FILE *fp, const char *s)
{
    tcs_gp_put_tic_label(fp, &s, 1);
}

static void put_font(FILE *gp, bool bold, double size)
{
    fprintf(gp, "font '%s%s,%g'", font_name, bold ? ":Bold" : "", size);
}

/* A legend of coloured boxes laid out by tcsurvey across the whole width
 * in centred rows (gnuplot's own key only uses the plot's width, and long
 * scale labels then stack over the chart). */
#define SWATCH_ROW_CM 0.45
#define SWATCH_MAX 16

static double swatch_width_cm(const char *text)
{
    /* 8 pt DejaVu Sans: about 0.145 cm a character; box, gap and spacing */
    return 0.45 + 0.15 + 0.145 * (double)utf8_chars(text, strlen(text)) + 0.45;
}

/* Rows the swatches need; row[i] gets each swatch's row (may be NULL). */
static size_t swatch_rows(const char *const *texts, size_t n, size_t *row)
{
    double avail = CHART_WIDTH_CM - 1.0, used = 0;
    size_t rows = n ? 1 : 0;
    for (size_t i = 0; i < n; i++) {
        double w = swatch_width_cm(texts[i]);
        if (used > 0 && used + w > avail) {
            rows++;
            used = 0;
        }
        used += w;
        if (row)
            row[i] = rows - 1;
    }
    return rows;
}

/* The swatches as objects and labels (numbered from 100), the first row
 * centred top_cm below the top of the chart. */
static void put_swatches(FILE *gp, const chart *c, const char *const *colours,
                         const char *const *texts, size_t n, double top_cm)
{
    size_t row[SWATCH_MAX];
    n = n > SWATCH_MAX ? SWATCH_MAX : n;
    size_t rows = swatch_rows(texts, n, row);
    double w = c->pub.width_cm, h = c->pub.height_cm;
    for (size_t r = 0, i = 0; r < rows; r++) {
        double total = 0;
        for (size_t k = i; k < n && row[k] == r; k++)
            total += swatch_width_cm(texts[k]) - 0.45;
        double x = (w - total) / 2, y = h - top_cm - SWATCH_ROW_CM * (double)r;
        for (; i < n && row[i] == r; i++) {
            fprintf(gp, "set object %zu rect from screen %.4f, screen %.4f to screen %.4f, screen "
                        "%.4f fc rgb '%s' fillstyle solid 1.0 noborder\n",
                    100 + i, x / w, (y - 0.13) / h, (x + 0.45) / w, (y + 0.13) / h, colours[i]);
            fprintf(gp, "set label %zu ", 100 + i);
            tcs_gp_put_string(gp, texts[i]);
            fprintf(gp, " at screen %.4f, screen %.4f left ", (x + 0.6) / w, y / h);
            put_font(gp, false, 8);
            fputc('\n', gp);
            x += swatch_width_cm(texts[i]);
        }
    }
}

/* Title at the top, margins in cm converted to fractions of the page. */
static void put_frame(FILE *gp, const chart *c, double left, double right, double top_cm,
                      double bottom_cm)
{
    double h = c->pub.height_cm;
    fputs("set label 1 ", gp);
    tcs_gp_put_string(gp, c->pub.title);
    fprintf(gp, " at screen 0.5, screen %.4f center ", 1.0 - 0.45 / h);
    put_font(gp, true, 10);
    fputc('\n', gp);
    fprintf(gp, "set lmargin at screen %.4f\nset rmargin at screen %.4f\n", left, right);
    fprintf(gp, "set tmargin at screen %.4f\nset bmargin at screen %.4f\n", 1.0 - top_cm / h,
            bottom_cm / h);
    /* the legend sits between the title and the plot */
    fprintf(gp, "set key at screen 0.5, screen %.4f center top horizontal Left reverse "
                "samplen 1.5 spacing 1.1 width 1 ",
            1.0 - 0.85 / h);
    put_font(gp, false, 8);
    fputc('\n', gp);
}

/* y axis of a question chart: wrapped labels left, pillar headings at the
 * far left, right-hand labels (n) on y2. */
static void put_rows(FILE *gp, const tcs_plot *p, const chart *c, right_label_fn right)
{
    fprintf(gp, "set yrange [-0.6:%.1f]\nset y2range [-0.6:%.1f]\n", (double)c->nrows - 0.4,
            (double)c->nrows - 0.4);
    fputs("set ytics scale 0 nomirror tc rgb '#222222' ", gp);
    put_font(gp, false, 7.5);
    fputs(" (", gp);
    bool first = true;
    for (size_t r = 0; r < c->nrows; r++) {
        if (c->rows[r].q == SIZE_MAX)
            continue;
        char lines[2][256];
        size_t nlines;
        const char *ptrs[2] = {lines[0], lines[1]};
        const tcs_matched *prev = NULL, *next = NULL;
        if (r > 0 && c->rows[r - 1].q != SIZE_MAX)
            prev = tcs_waves_question(p->w, c->rows[r - 1].q);
        if (r + 1 < c->nrows && c->rows[r + 1].q != SIZE_MAX)
            next = tcs_waves_question(p->w, c->rows[r + 1].q);
        question_label(tcs_waves_question(p->w, c->rows[r].q), prev, next, lines, &nlines);
        fputs(first ? "" : ", \\\n  ", gp);
        tcs_gp_put_tic_label(gp, ptrs, nlines);
        fprintf(gp, " %g", row_y(c, r));
        first = false;
    }
    fputs(")\n", gp);
    fputs("set y2tics scale 0 nomirror tc rgb '#444444' ", gp);
    put_font(gp, false, 7);
    fputs(" (", gp);
    first = true;
    for (size_t r = 0; r < c->nrows; r++) {
        if (c->rows[r].q == SIZE_MAX)
            continue;
        char text[96];
        right(p, c, tcs_waves_question(p->w, c->rows[r].q), text, sizeof text);
        fputs(first ? "" : ", ", gp);
        put_tic(gp, text);
        fprintf(gp, " %g", row_y(c, r));
        first = false;
    }
    fputs(")\n", gp);
    int label = 10;
    for (size_t r = 0; r < c->nrows; r++) {
        if (c->rows[r].q != SIZE_MAX)
            continue;
        fprintf(gp, "set label %d ", label++);
        tcs_gp_put_string(gp, c->rows[r].heading);
        fprintf(gp, " at screen 0.01, first %g left ", row_y(c, r));
        put_font(gp, true, 9);
        fputc('\n', gp);
    }
}

static void right_n(const tcs_plot *p, const chart *c, const tcs_matched *m, char *out,
                    size_t outsz)
{
    (void)p;
    long n = 0;
    for (size_t k = 0; k < m->scale.npoints; k++)
        n += m->counts[c->pub.wave][k];
    snprintf(out, outsz, "n = %ld", n);
}

static void right_n_pair(const tcs_plot *p, const chart *c, const tcs_matched *m, char *out,
                         size_t outsz)
{
    (void)p;
    long a = 0, b = 0;
    for (size_t k = 0; k < m->scale.npoints; k++) {
        a += m->counts[c->pub.wave][k];
        b += m->counts[c->pub.wave_to][k];
    }
    snprintf(out, outsz, "n %ld, %ld", a, b);
}

/* ---- Likert distributions ---- */

/* A bar segment: one scale point, or a band of points on long scales. */
typedef struct {
    int lo, hi; /* offsets from the scale's first point, inclusive */
    char label[TCS_SCALE_LABEL_MAX + 8];
} band;

/* One band per point up to 7 points; beyond, two bands each side of the
 * midpoint (outer one the wider) and the midpoint itself when it is a
 * point, so bands never straddle the midpoint. */
static size_t scale_bands(const tcs_scale *s, band *out)
{
    size_t n = s->npoints;
    if (n <= 7) {
        for (size_t k = 0; k < n; k++) {
            out[k].lo = out[k].hi = (int)k;
            snprintf(out[k].label, sizeof out[k].label, "%s", s->labels[k]);
        }
        return n;
    }
    size_t side = n / 2, outer = (side + 1) / 2, nb = 0;
    int edges[5][2];
    edges[nb][0] = 0, edges[nb][1] = (int)outer - 1, nb++;
    edges[nb][0] = (int)outer, edges[nb][1] = (int)side - 1, nb++;
    if (n % 2)
        edges[nb][0] = edges[nb][1] = (int)side, nb++;
    int hstart = (int)(n - side);
    edges[nb][0] = hstart, edges[nb][1] = hstart + (int)(side - outer) - 1, nb++;
    edges[nb][0] = hstart + (int)(side - outer), edges[nb][1] = (int)n - 1, nb++;
    for (size_t b = 0; b < nb; b++) {
        out[b].lo = edges[b][0];
        out[b].hi = edges[b][1];
        if (out[b].lo == out[b].hi)
            snprintf(out[b].label, sizeof out[b].label, "%d", s->min + out[b].lo);
        else
            snprintf(out[b].label, sizeof out[b].label, "%d\xe2\x80\x93%d", s->min + out[b].lo,
                     s->min + out[b].hi);
    }
    return nb;
}

/* Height the legend of scale s takes beyond one row. */
static double likert_legend_extra(const tcs_scale *s)
{
    band bands[TCS_SCALE_POINTS_MAX];
    const char *texts[TCS_SCALE_POINTS_MAX];
    size_t nb = scale_bands(s, bands);
    for (size_t i = 0; i < nb; i++)
        texts[i] = bands[i].label;
    return SWATCH_ROW_CM * (double)(swatch_rows(texts, nb, NULL) - 1);
}

/* Colour-blind-safe diverging palettes (ColorBrewer RdBu, neutral a light
 * grey so it shows on white); the dark ends differ in lightness from the
 * pale inner points, and position tells the sides apart in greyscale. */
static const char *band_colour(size_t nb, size_t b)
{
    static const char *const pal[8][7] = {
        {"#0571b0"},
        {"#0571b0"},
        {"#ca0020", "#0571b0"},
        {"#ef8a62", "#cccccc", "#67a9cf"},
        {"#ca0020", "#f4a582", "#92c5de", "#0571b0"},
        {"#ca0020", "#f4a582", "#cccccc", "#92c5de", "#0571b0"},
        {"#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"},
        {"#b2182b", "#ef8a62", "#fddbc7", "#cccccc", "#d1e5f0", "#67a9cf", "#2166ac"},
    };
    return nb < 8 && b < nb ? pal[nb][b] : "#888888";
}

/* White text on dark colours, black on light ones. */
static bool dark_colour(const char *hex)
{
    unsigned r = 0, g = 0, b = 0;
    if (sscanf(hex, "#%2x%2x%2x", &r, &g, &b) != 3)
        return false;
    return 0.299 * r + 0.587 * g + 0.114 * b < 140.0;
}

/* % of question m's valid answers in wave in each band, and the % in bands
 * wholly below the midpoint (left) and in the band holding it (neutral).
 * False when nobody answered. */
static bool band_percents(const tcs_matched *m, size_t wave, const band *bands, size_t nb,
                          double mid, double *pct, double *left, double *neutral)
{
    long n = 0;
    for (size_t k = 0; k < m->scale.npoints; k++)
        n += m->counts[wave][k];
    *left = *neutral = 0;
    if (n == 0)
        return false;
    for (size_t i = 0; i < nb; i++) {
        long cnt = 0;
        for (int k = bands[i].lo; k <= bands[i].hi; k++)
            cnt += m->counts[wave][k];
        pct[i] = 100.0 * (double)cnt / (double)n;
        if ((double)bands[i].hi < mid)
            *left += pct[i];
        else if ((double)bands[i].lo <= mid && (double)bands[i].hi >= mid)
            *neutral += pct[i];
    }
    return true;
}

static bool write_likert(FILE *gp, FILE *dat, const tcs_plot *p, const chart *c, blocks *b,
                         plot_cmd *pc, bool diverging)
{
    const tcs_matched *first = NULL;
    for (size_t r = 0; r < c->nrows && !first; r++)
        if (c->rows[r].q != SIZE_MAX)
            first = tcs_waves_question(p->w, c->rows[r].q);
    const tcs_scale *s = &first->scale;
    band bands[TCS_SCALE_POINTS_MAX];
    size_t nb = scale_bands(s, bands);
    double mid = (double)(s->npoints - 1) / 2.0; /* in point offsets */
    /* blocks: one per band, then labels on dark and on light colours */
    size_t wave = c->pub.wave;
    double extent = 0;
    /* first pass: how far the bars reach each side (diverging) */
    for (size_t r = 0; r < c->nrows; r++) {
        double pct[TCS_SCALE_POINTS_MAX], left, neutral;
        if (c->rows[r].q != SIZE_MAX &&
            band_percents(tcs_waves_question(p->w, c->rows[r].q), wave, bands, nb, mid, pct,
                          &left, &neutral))
            extent = fmax(extent, fmax(left + neutral / 2, 100.0 - left - neutral / 2));
    }
    double range = diverging ? fmin(100.0, fmax(50.0, ceil(extent / 25.0 - 1e-9) * 25.0)) : 100.0;
    double plot_cm = (RIGHT_FRACTION - LEFT_FRACTION) * CHART_WIDTH_CM;
    double min_label = 0.8 / plot_cm * (diverging ? 2 * range : 100.0);
    for (size_t r = 0; r < c->nrows; r++) {
        double pct[TCS_SCALE_POINTS_MAX], left, neutral;
        if (c->rows[r].q == SIZE_MAX ||
            !band_percents(tcs_waves_question(p->w, c->rows[r].q), wave, bands, nb, mid, pct,
                           &left, &neutral))
            continue;
        /* x where the first band starts */
        double x = diverging ? -(left + neutral / 2) : 0.0;
        double y = row_y(c, r);
        for (size_t i = 0; i < nb; i++) {
            if (pct[i] <= 0)
                continue;
            fprintf(b->fp[i], "%g\t%.6g\t%.6g\n", y, x, x + pct[i]);
            if (pct[i] >= min_label)
                fprintf(b->fp[nb + (dark_colour(band_colour(nb, i)) ? 0 : 1)], "%.6g\t%g\t%.0f%%\n",
                        x + pct[i] / 2, y, pct[i]);
            x += pct[i];
        }
    }
    fputs("set style fill solid 1.0 border lc rgb '#ffffff'\n", gp);
    fputs("set border 1 lc rgb '#666666'\nset grid xtics lt 1 lc rgb '#e6e6e6' lw 0.5\n", gp);
    fputs("set xtics nomirror out scale 0.5 tc rgb '#222222' ", gp);
    put_font(gp, false, 7.5);
    if (diverging) {
        fprintf(gp, "\nset xrange [%g:%g]\nset xtics (", -range, range);
        for (double t = -range; t <= range + 1e-9; t += 25)
            fprintf(gp, "%s'%g%%%%' %g", t > -range ? ", " : "", fabs(t), t);
        fputs(")\n", gp);
        fputs("set arrow 1 from 0, graph 0 to 0, graph 1 nohead lc rgb '#333333' lw 1 front\n",
              gp);
        fputs("set xlabel 'Share of answers: below the midpoint to the left, above it to the "
              "right' ",
              gp);
    } else {
        fputs("\nset xrange [0:100]\nset xtics ('0%%' 0, '20%%' 20, '40%%' 40, '60%%' 60, "
              "'80%%' 80, '100%%' 100)\n",
              gp);
        fputs("set xlabel 'Share of answers' ", gp);
    }
    put_font(gp, false, 8);
    fputc('\n', gp);
    put_rows(gp, p, c, right_n);
    const char *colours[TCS_SCALE_POINTS_MAX] = {0}, *texts[TCS_SCALE_POINTS_MAX] = {0};
    for (size_t i = 0; i < nb; i++)
        colours[i] = band_colour(nb, i), texts[i] = bands[i].label;
    put_swatches(gp, c, colours, texts, nb, 0.95);
    if (!blocks_write(b, dat))
        return false;
    for (size_t i = 0; i < nb; i++) {
        FILE *fp = data_clause(pc, b, i, c->pub.name);
        if (fp)
            fprintf(fp, "using (($2+$3)/2):1:2:3:($1-0.34):($1+0.34) with boxxyerror fc rgb '%s' "
                        "notitle",
                    band_colour(nb, i));
    }
    for (size_t k = 0; k < 2; k++) {
        FILE *fp = data_clause(pc, b, nb + k, c->pub.name);
        if (fp) {
            fprintf(fp, "using 1:2:3 with labels center tc rgb '%s' ", k == 0 ? "#ffffff" : "#000000");
            put_font(fp, false, 7);
            fputs(" notitle", fp);
        }
    }
    return true;
}

/* ---- means with CI, baselines and targets ---- */

/* x axis of a mean: the scale's points, a dashed line at its midpoint. */
static void put_scale_axis(FILE *gp, const tcs_scale *s)
{
    fprintf(gp, "set xrange [%g:%g]\n", s->min - 0.4, s->max + 0.4);
    fputs("set border 1 lc rgb '#666666'\nset grid xtics lt 1 lc rgb '#e6e6e6' lw 0.5\n", gp);
    fputs("set xtics nomirror out scale 0.5 1 tc rgb '#222222' ", gp);
    put_font(gp, false, 7.5);
    fputc('\n', gp);
    fprintf(gp, "set arrow 1 from %g, graph 0 to %g, graph 1 nohead dt 2 lc rgb '#999999' back\n",
            tcs_scale_midpoint(s), tcs_scale_midpoint(s));
    char text[2 * TCS_SCALE_LABEL_MAX + 64];
    if (s->kind == TCS_SCALE_NUMERIC)
        snprintf(text, sizeof text, "Mean (scale %d to %d)", s->min, s->max);
    else
        snprintf(text, sizeof text, "Mean (%d = %s, %d = %s)", s->min, s->labels[0], s->max,
                 s->labels[s->npoints - 1]);
    fputs("set xlabel ", gp);
    tcs_gp_put_string(gp, text);
    fputc(' ', gp);
    put_font(gp, false, 8);
    fputc('\n', gp);
}

/* The baselines and targets of the mean targets due in wave `wave` that
 * concern question m: the markers of its row. */
#define MARKS_MAX 8
typedef struct {
    double baseline[MARKS_MAX], target[MARKS_MAX];
    size_t nbaseline, ntarget;
} marks;

/* Several rows of a plan often name the same question and figure: one
 * marker each. */
static void add_mark(double *v, size_t *n, double x)
{
    for (size_t i = 0; i < *n; i++)
        if (fabs(v[i] - x) < 1e-9)
            return;
    if (*n < MARKS_MAX)
        v[(*n)++] = x;
}

static void row_marks(const tcs_plot *p, const tcs_matched *m, size_t wave, marks *out)
{
    out->nbaseline = out->ntarget = 0;
    if (!p->check)
        return;
    const char *label = tcs_waves_wave(p->w, wave)->label;
    for (size_t i = 0; i < tcs_check_count(p->check); i++) {
        const tcs_target_result *r = tcs_check_at(p->check, i);
        const tcs_target *t = r->target;
        if (t->metric.kind != TCS_METRIC_MEAN || !r->due_wave || strcmp(r->due_wave, label) != 0)
            continue;
        size_t n = r->nitems ? r->nitems : 1;
        for (size_t k = 0; k < n; k++) {
            const tcs_target_figures *f = r->nitems ? &r->items[k] : &r->total;
            if (!f->question || strcmp(f->question, m->id) != 0)
                continue;
            if (f->has_baseline)
                add_mark(out->baseline, &out->nbaseline, f->baseline);
            if (t->has_target && !t->metric.change)
                add_mark(out->target, &out->ntarget, t->target);
        }
    }
}

/* Every question row's markers, as data rows "y value" (base or tgt may
 * be NULL). */
static void target_marks(const tcs_plot *p, const chart *c, size_t wave, FILE *base, FILE *tgt)
{
    for (size_t r = 0; r < c->nrows; r++) {
        if (c->rows[r].q == SIZE_MAX)
            continue;
        marks mk;
        row_marks(p, tcs_waves_question(p->w, c->rows[r].q), wave, &mk);
        for (size_t k = 0; base && k < mk.nbaseline; k++)
            fprintf(base, "%g\t%.10g\n", row_y(c, r), mk.baseline[k]);
        for (size_t k = 0; tgt && k < mk.ntarget; k++)
            fprintf(tgt, "%g\t%.10g\n", row_y(c, r), mk.target[k]);
    }
}

static const char colour_mean[] = "#0571b0", colour_baseline[] = "#555555",
                  colour_target[] = "#e66101";

static bool write_means(FILE *gp, FILE *dat, const tcs_plot *p, const chart *c, blocks *b,
                        plot_cmd *pc)
{
    const tcs_scale *s = NULL;
    size_t wave = c->pub.wave;
    for (size_t r = 0; r < c->nrows; r++) {
        if (c->rows[r].q == SIZE_MAX)
            continue;
        const tcs_matched *m = tcs_waves_question(p->w, c->rows[r].q);
        s = &m->scale;
        tcs_point_stats st;
        tcs_stats_from_counts(&m->scale, m->counts[wave], &st);
        if (!st.has_mean)
            continue;
        double lo = st.has_sd ? st.ci_lo : st.mean, hi = st.has_sd ? st.ci_hi : st.mean;
        double y = row_y(c, r);
        fprintf(b->fp[1], "%g\t%.10g\t%.10g\t%.10g\n", y, st.mean, lo, hi);
        /* the value goes right of the CI and of any marker in the row */
        double right = hi;
        marks mk;
        row_marks(p, m, wave, &mk);
        for (size_t k = 0; k < mk.nbaseline; k++)
            right = fmax(right, mk.baseline[k]);
        for (size_t k = 0; k < mk.ntarget; k++)
            right = fmax(right, mk.target[k]);
        fprintf(b->fp[3], "%.10g\t%g\t%.2f\n", fmin(right, (double)s->max + 0.1), y, st.mean);
    }
    target_marks(p, c, wave, b->fp[0], b->fp[2]);
    put_scale_axis(gp, s);
    put_rows(gp, p, c, right_n);
    if (!blocks_write(b, dat))
        return false;
    fputs("set key maxrows 1\n", gp);
    FILE *fp = data_clause(pc, b, 0, c->pub.name);
    if (fp)
        fprintf(fp, "using 2:1 with points pt 6 ps 1.2 lw 1.5 lc rgb '%s' notitle", colour_baseline);
    if ((fp = data_clause(pc, b, 1, c->pub.name)))
        fprintf(fp, "using 2:1:3:4 with xerrorbars pt 7 ps 0.8 lw 1.5 lc rgb '%s' notitle",
                colour_mean);
    if ((fp = data_clause(pc, b, 2, c->pub.name)))
        fprintf(fp, "using 2:($1-0.32):(0):(0.64) with vectors nohead lw 3 lc rgb '%s' notitle",
                colour_target);
    if ((fp = data_clause(pc, b, 3, c->pub.name))) {
        fputs("using 1:2:3 with labels left offset char 0.7,0 ", fp);
        put_font(fp, false, 7);
        fputs(" notitle", fp);
    }
    fprintf(clause(pc), "keyentry with xerrorbars pt 7 ps 0.8 lw 1.5 lc rgb '%s' "
                        "title 'Mean with 95%% CI'",
            colour_mean);
    if (b->index[0] >= 0)
        fprintf(clause(pc), "keyentry with points pt 6 ps 1.2 lw 1.5 lc rgb '%s' title 'Baseline'",
                colour_baseline);
    if (b->index[2] >= 0)
        fprintf(clause(pc), "keyentry with vectors nohead lw 3 lc rgb '%s' title 'Target'",
                colour_target);
    return true;
}

/* ---- change between two waves: dumbbells ---- */

static const char colour_better[] = "#0571b0", colour_worse[] = "#ca0020",
                  colour_same[] = "#9a9a9a";

static bool write_change(FILE *gp, FILE *dat, const tcs_plot *p, const chart *c, blocks *b,
                         plot_cmd *pc)
{
    const tcs_scale *s = NULL;
    for (size_t r = 0; r < c->nrows; r++) {
        if (c->rows[r].q == SIZE_MAX)
            continue;
        const tcs_matched *m = tcs_waves_question(p->w, c->rows[r].q);
        const tcs_question_change *ch = tcs_waves_find_change(p->w, c->rows[r].q, c->pub.wave, c->pub.wave_to);
        s = &m->scale;
        tcs_point_stats a, z;
        tcs_stats_from_counts(&m->scale, m->counts[c->pub.wave], &a);
        tcs_stats_from_counts(&m->scale, m->counts[c->pub.wave_to], &z);
        if (!ch || !a.has_mean || !z.has_mean)
            continue;
        /* verdicts are on the answers as given: for a reverse-coded item
         * "fell" is the better way */
        int better = tcs_verdict_better(ch->verdict, m->reverse);
        size_t k = better > 0 ? 0 : better < 0 ? 1 : 2;
        double y = row_y(c, r);
        fprintf(b->fp[k], "%g\t%.10g\t%.10g\n", y, a.mean, z.mean);
        /* the later mean, beyond the arrow head */
        fprintf(b->fp[z.mean >= a.mean ? 4 : 5], "%.10g\t%g\t%.2f\n", z.mean, y, z.mean);
    }
    target_marks(p, c, c->pub.wave_to, NULL, b->fp[3]);
    put_scale_axis(gp, s);
    put_rows(gp, p, c, right_n_pair);
    if (!blocks_write(b, dat))
        return false;
    static const char *const colours[3] = {colour_better, colour_worse, colour_same};
    for (size_t k = 0; k < 3; k++) {
        FILE *fp = data_clause(pc, b, k, c->pub.name);
        if (!fp)
            continue;
        fprintf(fp, "using 2:1:($3-$2):(0) with vectors head filled size char 0.7,25 lw %s lc "
                    "rgb '%s' notitle",
                k == 2 ? "1.5" : "2.5", colours[k]);
        fp = data_clause(pc, b, k, c->pub.name);
        fprintf(fp, "using 2:1 with points pt 6 ps 0.8 lw 1.5 lc rgb '%s' notitle", colours[k]);
    }
    FILE *fp = data_clause(pc, b, 3, c->pub.name);
    if (fp)
        fprintf(fp, "using 2:($1-0.32):(0):(0.64) with vectors nohead lw 3 lc rgb '%s' notitle",
                colour_target);
    for (size_t k = 4; k < 6; k++)
        if ((fp = data_clause(pc, b, k, c->pub.name))) {
            fprintf(fp, "using 1:2:3 with labels %s offset char %s,0 ", k == 4 ? "left" : "right",
                    k == 4 ? "0.9" : "-0.9");
            put_font(fp, false, 7);
            fputs(" notitle", fp);
        }
    char alpha[32];
    snprintf(alpha, sizeof alpha, "%g", tcs_waves_alpha(p->w));
    static const char *const titles[3] = {"Better, q < ", "Worse, q < ", "No clear change"};
    for (size_t k = 0; k < 3; k++) {
        fprintf(clause(pc), "keyentry with vectors head filled lw 2.5 lc rgb '%s' title '%s%s'",
                colours[k], titles[k], k < 2 ? alpha : "");
    }
    if (b->index[3] >= 0)
        fprintf(clause(pc), "keyentry with vectors nohead lw 3 lc rgb '%s' title 'Target'",
                colour_target);
    return true;
}

/* ---- pillar trend ---- */

/* Okabe-Ito: distinct for colour-blind readers; point shapes differ too. */
static const char *const qualitative[8] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                           "#e69f00", "#56b4e9", "#000000", "#f0e442"};
static const int point_types[8] = {7, 5, 9, 11, 13, 15, 4, 6};

static bool write_trend(FILE *gp, FILE *dat, const tcs_plot *p, const chart *c, blocks *b,
                        plot_cmd *pc)
{
    const tcs_waves *w = p->w;
    size_t nw = tcs_waves_count(w);
    const tcs_scale *s = NULL;
    size_t np = 0;
    const char *names[BLOCKS_MAX - 1];
    for (size_t i = 0; i < tcs_waves_npillars(w) && np < BLOCKS_MAX - 1; i++) {
        const tcs_pillar_trend *t = tcs_waves_pillar(w, i);
        const tcs_scale *ps = pillar_scale(w, t->pillar);
        if (!ps || strcmp(ps->name, c->pub.scale) != 0)
            continue;
        s = ps;
        for (size_t k = 0; k < nw; k++)
            if (t->present[k] && t->has_mean[k])
                fprintf(b->fp[np], "%zu\t%.10g\n", k, t->mean[k]);
        names[np++] = t->pillar;
    }
    double h = c->pub.height_cm;
    fputs("set label 1 ", gp);
    tcs_gp_put_string(gp, c->pub.title);
    fprintf(gp, " at screen 0.5, screen %.4f center ", 1.0 - 0.45 / h);
    put_font(gp, true, 10);
    fputc('\n', gp);
    fprintf(gp, "set lmargin at screen 0.10\nset rmargin at screen 0.70\n"
                "set tmargin at screen %.4f\nset bmargin at screen %.4f\n",
            1.0 - 1.0 / h, 1.3 / h);
    fputs("set key at screen 0.73, graph 1 left top vertical Left reverse samplen 2.5 spacing 1.3 ",
          gp);
    put_font(gp, false, 8);
    fputc('\n', gp);
    fprintf(gp, "set xrange [-0.35:%g]\nset xtics nomirror scale 0.5 (", (double)nw - 0.65);
    for (size_t k = 0; k < nw; k++) {
        fputs(k ? ", " : "", gp);
        put_tic(gp, tcs_waves_wave(w, k)->label);
        fprintf(gp, " %zu", k);
    }
    fputs(") ", gp);
    put_font(gp, false, 8);
    fprintf(gp, "\nset yrange [%d:%d]\nset ytics nomirror scale 0.5 1 ", s ? s->min : 0,
            s ? s->max : 1);
    put_font(gp, false, 8);
    fputs("\nset border 3 lc rgb '#666666'\nset grid ytics lt 1 lc rgb '#e6e6e6' lw 0.5\n", gp);
    fputs("set ylabel 'Mean pillar score' ", gp);
    put_font(gp, false, 8);
    fputs("\nset xlabel 'Survey wave' ", gp);
    put_font(gp, false, 8);
    fputc('\n', gp);
    if (!blocks_write(b, dat))
        return false;
    for (size_t i = 0; i < np; i++) {
        FILE *fp = data_clause(pc, b, i, c->pub.name);
        if (!fp)
            fp = clause(pc), fputs("keyentry ", fp);
        else
            fputs("using 1:2 ", fp);
        fprintf(fp, "with linespoints pt %d ps 1.1 lw 2 lc rgb '%s' title ", point_types[i % 8],
                qualitative[i % 8]);
        tcs_gp_put_string(fp, names[i]);
    }
    if (pc->clauses == 0)
        fputs("plot NaN notitle", pc->fp), pc->clauses++;
    return true;
}

/* ---- RAG summary ---- */

static const char *const rag_colours[4] = {"#2e7d32", "#f2a900", "#c62828", "#9e9e9e"};
static const char *const rag_titles[4] = {"Green: met", "Amber: on track", "Red: not met",
                                          "Grey: not due or no data"};

static bool write_rag(FILE *gp, FILE *dat, const tcs_plot *p, const chart *c, blocks *b,
                      plot_cmd *pc)
{
    size_t np = tcs_check_npillars(p->check);
    long total[4] = {0, 0, 0, 0}, most = 1;
    for (size_t i = 0; i < np; i++) {
        const tcs_pillar_rag *r = tcs_check_pillar(p->check, i);
        long v[4] = {r->green, r->amber, r->red, r->grey};
        double y = (double)(np - 1 - i), x = 0;
        for (size_t k = 0; k < 4; k++) {
            total[k] += v[k];
            if (v[k] <= 0)
                continue;
            fprintf(b->fp[k], "%g\t%ld\t%ld\n", y, (long)x, (long)x + v[k]);
            fprintf(b->fp[4 + (dark_colour(rag_colours[k]) ? 0 : 1)], "%g\t%g\t%ld\n",
                    x + (double)v[k] / 2, y, v[k]);
            x += (double)v[k];
        }
        if ((long)x > most)
            most = (long)x;
    }
    double h = c->pub.height_cm;
    fputs("set label 1 ", gp);
    tcs_gp_put_string(gp, c->pub.title);
    fprintf(gp, " at screen 0.5, screen %.4f center ", 1.0 - 0.45 / h);
    put_font(gp, true, 10);
    fprintf(gp, "\nset label 2 '%ld targets: %ld green, %ld amber, %ld red, %ld grey' at screen "
                "0.5, screen %.4f center ",
            total[0] + total[1] + total[2] + total[3], total[0], total[1], total[2], total[3],
            1.0 - 0.95 / h);
    put_font(gp, false, 8.5);
    fprintf(gp, "\nset lmargin at screen 0.28\nset rmargin at screen 0.95\n"
                "set tmargin at screen %.4f\nset bmargin at screen %.4f\n",
            1.0 - (TOP_CM + 0.4) / h, BOTTOM_CM / h);
    put_swatches(gp, c, rag_colours, rag_titles, 4, 1.45);
    fputs("set style fill solid 1.0 border lc rgb '#ffffff'\n", gp);
    fputs("set border 1 lc rgb '#666666'\nset grid xtics lt 1 lc rgb '#e6e6e6' lw 0.5\n", gp);
    fprintf(gp, "set xrange [0:%ld]\nset xtics nomirror out scale 0.5 tc rgb '#222222' %s ", most,
            most <= 15 ? "1" : "");
    put_font(gp, false, 7.5);
    fprintf(gp, "\nset yrange [-0.6:%g]\nset ytics scale 0 nomirror tc rgb '#222222' (",
            (double)np - 0.4);
    for (size_t i = 0; i < np; i++) {
        put_tic(gp, tcs_check_pillar(p->check, i)->pillar);
        fprintf(gp, " %zu%s", np - 1 - i, i + 1 < np ? ", " : "");
    }
    fputs(") ", gp);
    put_font(gp, false, 8);
    fputs("\nset xlabel 'Number of targets' ", gp);
    put_font(gp, false, 8);
    fputc('\n', gp);
    if (!blocks_write(b, dat))
        return false;
    for (size_t k = 0; k < 4; k++) {
        FILE *fp = data_clause(pc, b, k, c->pub.name);
        if (fp)
            fprintf(fp, "using (($2+$3)/2):1:2:3:($1-0.34):($1+0.34) with boxxyerror fc rgb '%s' "
                        "notitle",
                    rag_colours[k]);
    }
    for (size_t k = 0; k < 2; k++) {
        FILE *fp = data_clause(pc, b, 4 + k, c->pub.name);
        if (fp) {
            fprintf(fp, "using 1:2:3 with labels center tc rgb '%s' ", k == 0 ? "#ffffff" : "#000000");
            put_font(fp, false, 8);
            fputs(" notitle", fp);
        }
    }
    return true;
}

/* ---- one chart's script, and the run ---- */

static void put_terminal(FILE *gp, unsigned format, const chart *c)
{
    double w = c->pub.width_cm, h = c->pub.height_cm;
    if (format == TCS_PLOT_PNG)
        fprintf(gp, "set terminal pngcairo size %d,%d font '%s,9' fontscale %.4f linewidth %.4f "
                    "noenhanced background rgb '#ffffff'\n",
                (int)lround(w / 2.54 * PNG_DPI), (int)lround(h / 2.54 * PNG_DPI), font_name,
                PNG_DPI / SVG_DPI, PNG_DPI / SVG_DPI);
    else if (format == TCS_PLOT_SVG) {
        char id[sizeof c->pub.name + 8];
        snprintf(id, sizeof id, "tcs_%s", c->pub.name);
        for (char *q = id; *q; q++)
            if (*q == '-')
                *q = '_';
        fprintf(gp, "set terminal svg size %d,%d fixed name '%s' font '%s,9' fontscale %.4f "
                    "noenhanced background rgb '#ffffff'\n",
                (int)lround(w / 2.54 * SVG_DPI), (int)lround(h / 2.54 * SVG_DPI), id, font_name,
                SVG_DPI / 72.0);
    } else
        fprintf(gp, "set terminal pdfcairo size %.2fcm,%.2fcm font '%s,9' fontscale 0.7 pointscale 0.6 "
                    "noenhanced\n",
                w, h, font_name);
}

static const char *format_ext(unsigned format)
{
    return format == TCS_PLOT_PNG ? "png" : format == TCS_PLOT_SVG ? "svg" : "pdf";
}

static bool write_chart(const tcs_plot *p, const chart *c, FILE *gp, FILE *dat)
{
    blocks b;
    plot_cmd pc = {NULL, NULL, 0, 0};
    bool ok = blocks_open(&b, BLOCKS_MAX) && (pc.fp = open_memstream(&pc.buf, &pc.len));
    /* no text of the survey here: it goes into the script only as quoted
     * strings (the title is label 1 below) */
    fprintf(gp, "# %s.gp: a %s chart\n", c->pub.name, tcs_chart_kind_name(c->pub.kind));
    fprintf(gp, "# Written by tcsurvey %s. Restyle it and run `gnuplot %s.gp` in this folder;\n"
                "# the figures are in %s.dat (tab-separated blocks, numbered from 0).\n",
            TCSURVEY_VERSION, c->pub.name, c->pub.name);
    fputs("reset\nset encoding utf8\nset datafile separator '\\t'\nunset key\nunset title\n", gp);
    tcs_gp_put_preamble(gp);
    if (c->nrows)
        put_frame(gp, c, LEFT_FRACTION, RIGHT_FRACTION, TOP_CM + c->legend_extra_cm, BOTTOM_CM);
    if (ok) {
        switch (c->pub.kind) {
        case TCS_CHART_LIKERT_DIVERGING: ok = write_likert(gp, dat, p, c, &b, &pc, true); break;
        case TCS_CHART_LIKERT_STACKED: ok = write_likert(gp, dat, p, c, &b, &pc, false); break;
        case TCS_CHART_MEANS: ok = write_means(gp, dat, p, c, &b, &pc); break;
        case TCS_CHART_CHANGE: ok = write_change(gp, dat, p, c, &b, &pc); break;
        case TCS_CHART_TREND: ok = write_trend(gp, dat, p, c, &b, &pc); break;
        case TCS_CHART_RAG: ok = write_rag(gp, dat, p, c, &b, &pc); break;
        default: ok = false;
        }
    }
    if (pc.fp && fclose(pc.fp) != 0)
        ok = false;
    pc.fp = NULL;
    bool first = true;
    for (unsigned f = TCS_PLOT_PNG; ok && f <= TCS_PLOT_PDF; f <<= 1) {
        if (!(p->opt.formats & f))
            continue;
        put_terminal(gp, f, c);
        fprintf(gp, "set output '%s.%s'\n", c->pub.name, format_ext(f));
        if (first)
            fwrite(pc.buf, 1, pc.len, gp), fputc('\n', gp);
        else
            fputs("replot\n", gp);
        first = false;
    }
    fputs("set output\n", gp);
    free(pc.buf);
    blocks_free(&b);
    return ok;
}

/* dir/name.ext into buf; false when it does not fit. */
static bool join_path(char *buf, size_t n, const char *dir, const char *name, const char *ext)
{
    /* folder names over 3000 bytes are refused before this */
    int len = snprintf(buf, n, "%.3600s/%.200s%s%.8s", dir, name, ext ? "." : "", ext ? ext : "");
    return len >= 0 && (size_t)len < n;
}

/* A folder that exists or was just made (its parent must exist); *made
 * (may be NULL) says which. */
static tcs_status ensure_folder(const char *dir, bool *made, tcs_error *err)
{
    struct stat sb;
    bool new_dir = mkdir(dir, 0777) == 0;
    if (made)
        *made = new_dir;
    if (!new_dir && errno != EEXIST)
        return tcs_error_set(err, TCS_EOUTPUT, dir, 0, 0, "cannot make the folder: %s",
                             strerror(errno));
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return tcs_error_set(err, TCS_EOUTPUT, dir, 0, 0, "exists and is not a folder");
    return TCS_OK;
}

static bool read_file(const char *path, char **buf, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return false;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    size_t got;
    while (b && (got = fread(b + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(b, cap *= 2);
            if (!nb)
                free(b);
            b = nb;
        }
    }
    bool ok = b && !ferror(fp);
    fclose(fp);
    if (!ok) {
        free(b);
        return false;
    }
    *buf = b;
    *len = n;
    return true;
}

/* gnuplot's SVG names one font ("DejaVu Sans", "DejaVu Sans:Bold"): give
 * browsers without it fallbacks, and turn ":Bold" into font-weight. */
static bool svg_fix_fonts(const char *path)
{
    char *buf;
    size_t len;
    if (!read_file(path, &buf, &len))
        return false;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%.4000s.fix", path);
    FILE *fp = fopen(tmp, "wb");
    if (!fp) {
        free(buf);
        return false;
    }
    char key[64];
    int keylen = snprintf(key, sizeof key, "font-family=\"%s", font_name);
    for (size_t i = 0; i < len;) {
        if (len - i > (size_t)keylen && memcmp(buf + i, key, (size_t)keylen) == 0) {
            size_t j = i + (size_t)keylen;
            bool bold = len - j >= 6 && memcmp(buf + j, ":Bold\"", 6) == 0;
            if (bold || buf[j] == '"') {
                fprintf(fp, "font-family=\"%s, Arial, Helvetica, sans-serif\"%s", font_name,
                        bold ? " font-weight=\"bold\"" : "");
                i = j + (bold ? 6 : 1);
                continue;
            }
        }
        fputc(buf[i++], fp);
    }
    free(buf);
    bool ok = !ferror(fp);
    ok = fclose(fp) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok)
        unlink(tmp);
    return ok;
}

static bool copy_file(const char *from, const char *to)
{
    char *buf;
    size_t len;
    if (!read_file(from, &buf, &len))
        return false;
    FILE *fp = fopen(to, "wb");
    bool ok = fp && fwrite(buf, 1, len, fp) == len;
    if (fp && fclose(fp) != 0)
        ok = false;
    free(buf);
    return ok;
}

static tcs_status write_scripts(const tcs_plot *p, const char *work, tcs_error *err)
{
    char path[4096];
    join_path(path, sizeof path, work, "all", "gp");
    FILE *all = fopen(path, "w");
    if (!all)
        return tcs_error_set(err, TCS_EOUTPUT, path, 0, 0, "cannot write: %s", strerror(errno));
    fprintf(all, "# all.gp: every chart of this run (tcsurvey %s). Run `gnuplot all.gp` here.\n",
            TCSURVEY_VERSION);
    bool ok = true;
    for (size_t i = 0; i < p->ncharts && ok; i++) {
        const chart *c = &p->charts[i];
        char gpath[4096], dpath[4096];
        join_path(gpath, sizeof gpath, work, c->pub.name, "gp");
        join_path(dpath, sizeof dpath, work, c->pub.name, "dat");
        FILE *gp = fopen(gpath, "w"), *dat = fopen(dpath, "w");
        ok = gp && dat;
        if (ok) {
            fprintf(dat, "# %s.dat: the figures of %s.gp\n", c->pub.name, c->pub.name);
            ok = write_chart(p, c, gp, dat);
        }
        if (gp && (ferror(gp) || fclose(gp) != 0))
            ok = false;
        if (dat && (ferror(dat) || fclose(dat) != 0))
            ok = false;
        fprintf(all, "load '%s.gp'\n", c->pub.name);
    }
    if (ferror(all) || fclose(all) != 0)
        ok = false;
    if (!ok)
        return tcs_error_set(err, TCS_EOUTPUT, work, 0, 0, "cannot write the chart scripts: %s",
                             strerror(errno ? errno : EIO));
    return TCS_OK;
}

static tcs_status keep_scripts(const tcs_plot *p, const char *work, tcs_error *err)
{
    const char *keep = p->opt.keep_dir;
    tcs_status st = ensure_folder(keep, NULL, err);
    if (st != TCS_OK)
        return st;
    char from[4096], to[4096];
    join_path(from, sizeof from, work, "all", "gp");
    join_path(to, sizeof to, keep, "all", "gp");
    bool ok = copy_file(from, to);
    for (size_t i = 0; i < p->ncharts && ok; i++) {
        static const char *const exts[2] = {"gp", "dat"};
        for (size_t k = 0; k < 2 && ok; k++) {
            join_path(from, sizeof from, work, p->charts[i].pub.name, exts[k]);
            join_path(to, sizeof to, keep, p->charts[i].pub.name, exts[k]);
            ok = copy_file(from, to);
        }
    }
    if (!ok)
        return tcs_error_set(err, TCS_EOUTPUT, to, 0, 0, "cannot write: %s",
                             strerror(errno ? errno : EIO));
    return TCS_OK;
}

tcs_status tcs_plot_render(const tcs_plot *p, const char *outdir, tcs_error *err)
{
    /* chart names are short; a folder name this long is a mistake */
    if (strlen(outdir) > 3000 || (p->opt.keep_dir && strlen(p->opt.keep_dir) > 3000))
        return tcs_error_set(err, TCS_EOUTPUT, "", 0, 0, "folder name too long");
    bool made;
    tcs_status st = ensure_folder(outdir, &made, err);
    if (st != TCS_OK)
        return st;
    /* the work folder is inside outdir, so the images move by rename */
    char work[4096];
    snprintf(work, sizeof work, "%.3600s/.tcsurvey-charts-XXXXXX", outdir);
    if (!mkdtemp(work)) {
        st = tcs_error_set(err, TCS_EOUTPUT, outdir, 0, 0, "cannot write in the folder: %s",
                           strerror(errno));
        if (made)
            rmdir(outdir);
        return st;
    }
    st = write_scripts(p, work, err);
    if (st == TCS_OK && p->opt.keep_dir)
        st = keep_scripts(p, work, err);
    if (st == TCS_OK && p->ncharts > 0)
        st = tcs_gp_run(tcs_gp_program(p->opt.gnuplot), work, "all.gp", p->opt.cancel, err);
    /* every image must be there before any is moved into place */
    for (size_t i = 0; i < p->ncharts && st == TCS_OK; i++)
        for (unsigned f = TCS_PLOT_PNG; f <= TCS_PLOT_PDF && st == TCS_OK; f <<= 1) {
            if (!(p->opt.formats & f))
                continue;
            char path[4096];
            struct stat sb;
            join_path(path, sizeof path, work, p->charts[i].pub.name, format_ext(f));
            if (stat(path, &sb) != 0 || sb.st_size == 0)
                st = tcs_error_set(err, TCS_EPROGRAM, "", 0, 0,
                                   "gnuplot did not draw %s.%s (see its messages above)",
                                   p->charts[i].pub.name, format_ext(f));
            else if (f == TCS_PLOT_SVG && !svg_fix_fonts(path))
                st = tcs_error_set(err, TCS_EOUTPUT, path, 0, 0, "cannot rewrite: %s",
                                   strerror(errno ? errno : EIO));
        }
    if (st == TCS_OK && p->opt.cancel && *p->opt.cancel)
        st = tcs_error_set(err, TCS_EOUTPUT, "", 0, 0, "interrupted: no chart was written");
    for (size_t i = 0; i < p->ncharts && st == TCS_OK; i++)
        for (unsigned f = TCS_PLOT_PNG; f <= TCS_PLOT_PDF && st == TCS_OK; f <<= 1) {
            if (!(p->opt.formats & f))
                continue;
            char from[4096], to[4096];
            join_path(from, sizeof from, work, p->charts[i].pub.name, format_ext(f));
            join_path(to, sizeof to, outdir, p->charts[i].pub.name, format_ext(f));
            if (rename(from, to) != 0)
                st = tcs_error_set(err, TCS_EOUTPUT, to, 0, 0, "cannot write: %s",
                                   strerror(errno));
        }
    tcs_fs_remove_tree(work, NULL);
    if (st != TCS_OK && made)
        rmdir(outdir); /* only when nothing is in it */
    return st;
}
