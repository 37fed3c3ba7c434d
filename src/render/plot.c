/* plot.c - plan the charts: which charts of each kind (plot_kinds.c), the
 * rows of each question chart (pillar headings, parts that fit a page),
 * their names, titles and sizes. Drawing them is plot_render.c's. */
#define _POSIX_C_SOURCE 200809L
#include "render/plot_internal.h"
#include "tcsurvey/stats.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static const char other_heading[] = "Other questions";

/* ASCII letters and digits only, so the name is safe in any file system
 * and URL. */
void tcs_plot_slug(const char *s, char *out, size_t outsz)
{
    size_t n = 0;
    bool dash = false;
    for (const unsigned char *p = (const unsigned char *)s; *p && n + 2 < outsz; p++) {
        int c = *p;
        if (c >= 'A' && c <= 'Z')
            c = c - 'A' + 'a';
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && n > 0)
                out[n++] = '-';
            out[n++] = (char)c;
            dash = false;
        } else
            dash = true;
    }
    out[n] = '\0';
}

void tcs_plot_scale_phrase(const tcs_scale *s, char *out, size_t outsz)
{
    if (s->kind == TCS_SCALE_NUMERIC)
        snprintf(out, outsz, "ratings %d-%d", s->min, s->max);
    else
        snprintf(out, outsz, "%s, %zu points", s->family[0] ? s->family : s->name, s->npoints);
}

static tcs_status no_memory(tcs_error *err)
{
    return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
}

/* The chart's size: its rows, its title's lines, its legend's rows and
 * the notes under its axis. */
static void size_chart(const tcs_plot *p, chart *c)
{
    const chart_kind_def *k = tcs_plot_kind(c->pub.kind);
    tcs_plot_title_lines(c);
    double title = TITLE_LINE_CM * (double)(c->title_lines - 1);
    if (c->pub.kind == TCS_CHART_CHANGE) {
        const char *lines[4];
        c->notes_cm = NOTE_LINE_CM * (double)tcs_plot_change_notes(p, c, lines, 4);
    }
    if (c->nrows) {
        c->legend_extra_cm = k && k->band_legend ? tcs_plot_band_legend_extra(&c->pub.scale_def)
                                                 : 0;
        c->pub.height_cm = TOP_CM + title + c->legend_extra_cm + BOTTOM_CM + c->notes_cm +
                           ROW_CM * (double)c->nrows;
    } else if (c->pub.kind == TCS_CHART_TREND)
        c->pub.height_cm =
            9.0 + title + TREND_KEY_ROW_CM * (double)tcs_plot_trend_pillars(p->w, c->pub.scale);
    else if (c->pub.kind == TCS_CHART_RAG)
        c->pub.height_cm = TOP_CM + 0.4 + title + BOTTOM_CM +
                           RAG_ROW_CM * (double)tcs_check_npillars(p->check);
    c->pub.width_cm = CHART_WIDTH_CM;
}

static tcs_status add_chart(tcs_plot *p, const tcs_chart *pub, const plot_row *rows, size_t nrows,
                            tcs_error *err)
{
    if (p->ncharts == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        chart *c = realloc(p->charts, cap * sizeof *c);
        if (!c)
            return no_memory(err);
        p->charts = c;
        p->cap = cap;
    }
    chart *c = &p->charts[p->ncharts];
    memset(c, 0, sizeof *c);
    c->pub = *pub;
    if (nrows) {
        c->rows = malloc(nrows * sizeof *rows);
        if (!c->rows)
            return no_memory(err);
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
    p->ncharts++;
    size_chart(p, c);
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

/* A question and the share it is sorted by. */
typedef struct {
    size_t q;
    double key;
} sort_item;

static int by_favourable(const void *a, const void *b)
{
    const sort_item *x = a, *y = b;
    if (x->key != y->key)
        return x->key > y->key ? -1 : 1;
    return x->q < y->q ? -1 : x->q > y->q;
}

static void sort_group(const tcs_waves *w, size_t *group, size_t n, size_t wave, sort_item *tmp)
{
    for (size_t i = 0; i < n; i++)
        tmp[i] = (sort_item){group[i], favourable_percent(tcs_waves_question(w, group[i]), wave)};
    qsort(tmp, n, sizeof *tmp, by_favourable);
    for (size_t i = 0; i < n; i++)
        group[i] = tmp[i].q;
}

/* What a question chart is of, and what emits it. */
typedef struct {
    plan_scope scope;
    size_t wave, wave_to;
    const tcs_scale *scale;
} question_chart_ctx;

static tcs_status emit(tcs_plot *p, const plot_row *rows, size_t nrows, const char *pillar,
                       size_t part, size_t nparts, const question_chart_ctx *ctx,
                       tcs_error *err);

/* The pillars of questions qs[0..n) in order of first appearance, NULL
 * (questions without one) last; any number. */
static const char **pillar_order(const tcs_waves *w, const size_t *qs, size_t n, size_t *np)
{
    const char **pillars = malloc((n + 1) * sizeof *pillars);
    bool any = false, other = false;
    *np = 0;
    for (size_t i = 0; pillars && i < n; i++) {
        const char *pl = tcs_waves_question(w, qs[i])->pillar;
        if (!pl) {
            other = true;
            continue;
        }
        any = true;
        size_t k = 0;
        while (k < *np && strcmp(pillars[k], pl) != 0)
            k++;
        if (k == *np)
            pillars[(*np)++] = pl;
    }
    if (pillars && (other || !any))
        pillars[(*np)++] = NULL;
    return pillars;
}

/* The questions of pillar pl (NULL: those without one, or all when no
 * question has one) among qs, in order, into group. */
static size_t pillar_group(const tcs_waves *w, const size_t *qs, size_t n, const char *pl,
                           bool any_pillar, size_t *group)
{
    size_t ng = 0;
    for (size_t i = 0; i < n; i++) {
        const char *q = tcs_waves_question(w, qs[i])->pillar;
        if (pl ? q && strcmp(pl, q) == 0 : q == NULL || !any_pillar)
            group[ng++] = qs[i];
    }
    return ng;
}

/* Questions qs[0..n) (questionnaire order) as rows: grouped under pillar
 * headings when any has a pillar, then split into charts that fit a page
 * (or one chart per pillar), each emitted. */
static tcs_status layout_rows(tcs_plot *p, size_t *qs, size_t n, size_t sort_wave,
                              const question_chart_ctx *ctx, tcs_error *err)
{
    const tcs_waves *w = p->w;
    size_t npillars;
    const char **pillars = pillar_order(w, qs, n, &npillars);
    plot_row *rows = malloc((2 * n + npillars + 2) * sizeof *rows);
    size_t *group = malloc((n ? n : 1) * sizeof *group);
    sort_item *tmp = malloc((n ? n : 1) * sizeof *tmp);
    tcs_status st = pillars && rows && group && tmp ? TCS_OK : no_memory(err);
    bool any_pillar = npillars > 1 || (npillars == 1 && pillars[0]);
    /* two passes: the first counts the charts (for "part k of n"), the
     * second emits them */
    size_t nparts_total = 0;
    for (int pass = 0; pass < 2 && st == TCS_OK; pass++) {
        size_t nrows = 0, part = 0;
        for (size_t g = 0; g < npillars && st == TCS_OK; g++) {
            size_t ng = pillar_group(w, qs, n, pillars[g], any_pillar, group);
            if (ng == 0)
                continue;
            if (p->opt.order == TCS_ORDER_HIGH)
                sort_group(w, group, ng, sort_wave, tmp);
            const char *heading = any_pillar ? (pillars[g] ? pillars[g] : other_heading) : NULL;
            size_t need = ng + (heading ? 1 : 0);
            bool new_chart = p->opt.per_pillar ? nrows > 0 : nrows > 0 && nrows + need > ROWS_MAX;
            for (size_t done = 0; done < ng && st == TCS_OK; new_chart = true) {
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
    free(pillars);
    free(rows);
    free(group);
    free(tmp);
    return st;
}

/* A chart name's suffix for part k of n: the pillar's slug per pillar,
 * "-partK" when one chart was split, nothing otherwise; and the title's. */
static void part_names(const char *pillar, size_t part, size_t nparts, char *suffix,
                       size_t suffixsz, char *title, size_t titlesz)
{
    suffix[0] = title[0] = '\0';
    if (pillar) {
        char s[64];
        tcs_plot_slug(pillar, s, sizeof s);
        snprintf(suffix, suffixsz, "-%s", s[0] ? s : "pillar");
        snprintf(title, titlesz, "%s", pillar);
    } else if (nparts > 1) {
        snprintf(suffix, suffixsz, "-part%zu", part + 1);
        snprintf(title, titlesz, ", part %zu of %zu", part + 1, nparts);
    }
}

/* Every chart of ctx's scope (one per kind of that scope) for these rows. */
static tcs_status emit(tcs_plot *p, const plot_row *rows, size_t nrows, const char *pillar,
                       size_t part, size_t nparts, const question_chart_ctx *ctx,
                       tcs_error *err)
{
    const char *from = tcs_waves_wave(p->w, ctx->wave)->label;
    const char *to = tcs_waves_wave(p->w, ctx->wave_to)->label;
    char fslug[40], tslug[40], sslug[32], suffix[80], tsuffix[200], phrase[64], waves[96];
    tcs_plot_slug(from, fslug, sizeof fslug);
    tcs_plot_slug(to, tslug, sizeof tslug);
    tcs_plot_slug(ctx->scale->name, sslug, sizeof sslug);
    part_names(pillar, part, nparts, suffix, sizeof suffix, tsuffix, sizeof tsuffix);
    tcs_plot_scale_phrase(ctx->scale, phrase, sizeof phrase);
    if (ctx->scope == PLAN_PER_PAIR)
        snprintf(waves, sizeof waves, "%s-%s", fslug[0] ? fslug : "wave", tslug[0] ? tslug : "wave");
    else
        snprintf(waves, sizeof waves, "%s", fslug[0] ? fslug : "wave");
    tcs_status st = TCS_OK;
    for (size_t i = 0; i < tcs_plot_nkinds() && st == TCS_OK; i++) {
        const chart_kind_def *k = tcs_plot_kind_at(i);
        if (k->scope != ctx->scope)
            continue;
        tcs_chart c;
        memset(&c, 0, sizeof c);
        c.kind = k->kind;
        c.wave = ctx->wave;
        c.wave_to = ctx->wave_to;
        c.scale_def = *ctx->scale;
        snprintf(c.scale, sizeof c.scale, "%s", ctx->scale->name);
        snprintf(c.pillar, sizeof c.pillar, "%s", pillar ? pillar : "");
        snprintf(c.name, sizeof c.name, "%.16s-%.79s-%.31s%.60s", k->name, waves, sslug, suffix);
        /* "Answers by question: Visibility, 2026 (ratings 1-10)"; a part
         * of a split chart says so at the end */
        char what[160];
        if (ctx->scope == PLAN_PER_PAIR)
            snprintf(what, sizeof what, "%.32s to %.32s (%.60s)", from, to, phrase);
        else
            snprintf(what, sizeof what, "%.40s (%.60s)", from, phrase);
        if (pillar)
            snprintf(c.title, sizeof c.title, "%s: %.140s, %s", k->title, tsuffix, what);
        else
            snprintf(c.title, sizeof c.title, "%s, %s%.40s", k->title, what, tsuffix);
        st = add_chart(p, &c, rows, nrows, err);
    }
    return st;
}

/* The distinct scales (by name) of the questions keep() accepts, in
 * questionnaire order; any number (*n of them, an array to free). */
static const tcs_scale **distinct_scales(const tcs_waves *w,
                                         bool (*keep)(const tcs_waves *, size_t, const void *),
                                         const void *ctx, size_t *n)
{
    size_t nq = tcs_waves_nquestions(w);
    const tcs_scale **out = malloc((nq ? nq : 1) * sizeof *out);
    *n = 0;
    for (size_t i = 0; out && i < nq; i++) {
        const tcs_matched *m = tcs_waves_question(w, i);
        if (!keep(w, i, ctx))
            continue;
        size_t k = 0;
        while (k < *n && strcmp(out[k]->name, m->scale.name) != 0)
            k++;
        if (k == *n)
            out[(*n)++] = &m->scale;
    }
    return out;
}

static bool asked_in_wave(const tcs_waves *w, size_t q, const void *ctx)
{
    const tcs_matched *m = tcs_waves_question(w, q);
    size_t wave = ((const question_chart_ctx *)ctx)->wave;
    return !m->conflict && m->cols[wave] != NULL;
}

static bool changed_in_pair(const tcs_waves *w, size_t q, const void *vctx)
{
    const question_chart_ctx *ctx = vctx;
    return tcs_waves_find_change(w, q, ctx->wave, ctx->wave_to) != NULL;
}

/* The charts of one wave (or pair) ctx: one set per scale. */
static tcs_status plan_scales(tcs_plot *p, question_chart_ctx *ctx, size_t *qs,
                              bool (*keep)(const tcs_waves *, size_t, const void *),
                              tcs_error *err)
{
    const tcs_waves *w = p->w;
    size_t ns, nq = tcs_waves_nquestions(w);
    const tcs_scale **scales = distinct_scales(w, keep, ctx, &ns);
    tcs_status st = scales ? TCS_OK : no_memory(err);
    for (size_t s = 0; s < ns && st == TCS_OK; s++) {
        size_t n = 0;
        for (size_t i = 0; i < nq; i++)
            if (keep(w, i, ctx) && strcmp(tcs_waves_question(w, i)->scale.name, scales[s]->name) == 0)
                qs[n++] = i;
        ctx->scale = scales[s];
        st = layout_rows(p, qs, n, ctx->wave_to, ctx, err);
    }
    free(scales);
    return st;
}

static tcs_status plan_question_charts(tcs_plot *p, tcs_error *err)
{
    const tcs_waves *w = p->w;
    size_t nq = tcs_waves_nquestions(w);
    size_t *qs = malloc((nq ? nq : 1) * sizeof *qs);
    if (!qs)
        return no_memory(err);
    tcs_status st = TCS_OK;
    for (size_t wave = 0; wave < tcs_waves_count(w) && st == TCS_OK; wave++) {
        question_chart_ctx ctx = {PLAN_PER_WAVE, wave, wave, NULL};
        st = plan_scales(p, &ctx, qs, asked_in_wave, err);
    }
    /* one change chart per pair of waves compared, in the comparison's order */
    for (size_t i = 0; i < tcs_waves_nchanges(w) && st == TCS_OK; i++) {
        const tcs_question_change *c = tcs_waves_change(w, i);
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = tcs_waves_change(w, j)->from == c->from && tcs_waves_change(w, j)->to == c->to;
        if (seen)
            continue;
        question_chart_ctx ctx = {PLAN_PER_PAIR, c->from, c->to, NULL};
        st = plan_scales(p, &ctx, qs, changed_in_pair, err);
    }
    free(qs);
    return st;
}

const tcs_scale *tcs_plot_pillar_scale(const tcs_waves *w, const char *pillar)
{
    for (size_t i = 0; i < tcs_waves_nquestions(w); i++) {
        const tcs_matched *m = tcs_waves_question(w, i);
        if (m->pillar && !m->conflict && strcmp(m->pillar, pillar) == 0)
            return &m->scale;
    }
    return NULL;
}

/* One trend chart per scale the pillars are on, any number of them. */
static tcs_status plan_trend(tcs_plot *p, const chart_kind_def *k, tcs_error *err)
{
    const tcs_waves *w = p->w;
    size_t np = tcs_waves_npillars(w), ndone = 0;
    if (tcs_waves_count(w) < 2 || np == 0)
        return TCS_OK;
    const tcs_scale **done = malloc(np * sizeof *done);
    if (!done)
        return no_memory(err);
    for (size_t i = 0; i < np; i++) {
        const tcs_scale *sc = tcs_plot_pillar_scale(w, tcs_waves_pillar(w, i)->pillar);
        size_t j = 0;
        while (sc && j < ndone && strcmp(done[j]->name, sc->name) != 0)
            j++;
        if (sc && j == ndone)
            done[ndone++] = sc;
    }
    tcs_status st = TCS_OK;
    for (size_t j = 0; j < ndone && st == TCS_OK; j++) {
        tcs_chart c;
        memset(&c, 0, sizeof c);
        c.kind = k->kind;
        c.wave = 0;
        c.wave_to = tcs_waves_count(w) - 1;
        c.scale_def = *done[j];
        snprintf(c.scale, sizeof c.scale, "%s", done[j]->name);
        char sslug[32], phrase[64];
        tcs_plot_slug(done[j]->name, sslug, sizeof sslug);
        tcs_plot_scale_phrase(done[j], phrase, sizeof phrase);
        if (ndone > 1)
            snprintf(c.name, sizeof c.name, "%s-%s", k->name, sslug);
        else
            snprintf(c.name, sizeof c.name, "%s", k->name);
        snprintf(c.title, sizeof c.title, "%s (%s)", k->title, phrase);
        st = add_chart(p, &c, NULL, 0, err);
    }
    free(done);
    return st;
}

static tcs_status plan_rag(tcs_plot *p, const chart_kind_def *k, tcs_error *err)
{
    if (!p->check || tcs_check_npillars(p->check) == 0)
        return TCS_OK;
    tcs_chart c;
    memset(&c, 0, sizeof c);
    c.kind = k->kind;
    c.wave = c.wave_to = tcs_waves_count(p->w) - 1;
    snprintf(c.name, sizeof c.name, "%s", k->name);
    snprintf(c.title, sizeof c.title, "%s", k->title);
    return add_chart(p, &c, NULL, 0, err);
}

tcs_status tcs_plot_plan(const tcs_waves *w, const tcs_check *c, const tcs_plot_options *o,
                         tcs_plot **out, tcs_error *err)
{
    *out = NULL;
    if (!w)
        return tcs_error_set(err, TCS_EINVAL, "", 0, 0, "no waves to plot");
    tcs_plot *p = calloc(1, sizeof *p);
    if (!p)
        return no_memory(err);
    p->w = w;
    p->check = c;
    if (o)
        p->opt = *o;
    if (!p->opt.formats)
        p->opt.formats = TCS_PLOT_PNG;
    tcs_status st = plan_question_charts(p, err);
    for (size_t i = 0; i < tcs_plot_nkinds() && st == TCS_OK; i++) {
        const chart_kind_def *k = tcs_plot_kind_at(i);
        if (k->scope == PLAN_TREND)
            st = plan_trend(p, k, err);
        else if (k->scope == PLAN_RAG)
            st = plan_rag(p, k, err);
    }
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
