/* check.c - evaluate an action plan's targets against survey waves:
 * baseline, observed value with its CI, progress, whether the change is
 * distinguishable from noise, and a status with its RAG colour. */
#include "plan/check_internal.h"
#include "tcsurvey/stats.h"
#include "tcsurvey/text.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

tcs_rag tcs_chk_rag_of(tcs_target_status st)
{
    switch (st) {
    case TCS_STATUS_MET: return TCS_RAG_GREEN;
    case TCS_STATUS_ON_TRACK:
    case TCS_STATUS_MET_NOISE: return TCS_RAG_AMBER;
    case TCS_STATUS_NOT_MET: return TCS_RAG_RED;
    default: return TCS_RAG_GREY;
    }
}


/* Append a sentence to the figures' reason. */
void tcs_chk_reason(tcs_target_figures *f, const char *fmt, ...)
{
    size_t used = strlen(f->reason);
    if (used + 3 >= sizeof f->reason)
        return;
    if (used) {
        f->reason[used++] = ';';
        f->reason[used++] = ' ';
        f->reason[used] = '\0';
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->reason + used, sizeof f->reason - used, fmt, ap);
    va_end(ap);
}


/* The row cannot be evaluated: an error (grey), with why. */
void tcs_chk_fail(tcs_target_result *r, const char *fmt, ...)
{
    if (r->total.status == TCS_STATUS_ERROR)
        return; /* keep the first */
    r->total.status = TCS_STATUS_ERROR;
    r->total.rag = TCS_RAG_GREY;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->total.reason, sizeof r->total.reason, fmt, ap);
    va_end(ap);
}

const char tcs_chk_no_test_published[] =
    "the baseline is a published figure: no responses to test the change against";

static long find_wave(const tcs_waves *w, const char *label)
{
    for (size_t i = 0; i < tcs_waves_count(w); i++)
        if (strcmp(tcs_waves_wave(w, i)->label, label) == 0)
            return (long)i;
    return -1;
}

/* ---- a row ---- */

long tcs_chk_population(const context *cx, long wave)
{
    return wave >= 0 ? tcs_waves_population(cx->w, (size_t)wave) : 0;
}

/* An external figure: typed into the row, judged as given. */
static void eval_external(const tcs_check_options *o, tcs_target_result *r)
{
    const tcs_target *t = r->target;
    tcs_target_figures *f = &r->total;
    if (t->nbaselines) {
        f->has_baseline = true;
        f->baseline = t->baselines[0];
        f->baseline_published = true;
    }
    tcs_chk_reason(f, "an external figure, not from the survey");
    if (!t->has_observed) {
        f->status = TCS_STATUS_NO_DATA;
        f->rag = TCS_RAG_GREY;
        tcs_chk_reason(f, "no observed figure given");
        return;
    }
    f->has_observed = true;
    f->observed = t->observed;
    tcs_chk_judge(o, t, f);
}

/* The waves a measured row is read between: due defaults to the last,
 * the baseline to the first other one. False when that decides the row
 * (not due, or a bad pair). */
static bool row_waves(const tcs_waves *w, tcs_target_result *r, context *cx)
{
    const tcs_target *t = r->target;
    tcs_target_figures *f = &r->total;
    cx->base = -1;
    cx->due = (long)tcs_waves_count(w) - 1;
    if (t->due_wave) {
        cx->due = find_wave(w, t->due_wave);
        if (cx->due < 0) {
            f->status = TCS_STATUS_NOT_DUE;
            f->rag = TCS_RAG_GREY;
            r->due_wave = t->due_wave;
            tcs_chk_reason(f, "its due wave %s is not among the inputs", t->due_wave);
            return false;
        }
    }
    if (t->baseline_wave) {
        cx->base = find_wave(w, t->baseline_wave);
        if (cx->base == cx->due) {
            tcs_chk_fail(r, "baseline_wave and due_wave are both %s", t->baseline_wave);
            return false;
        }
        if (cx->base < 0 && !t->nbaselines)
            tcs_chk_reason(f, "baseline wave %s is not among the inputs", t->baseline_wave);
    } else if (cx->due > 0) {
        cx->base = 0;
    }
    r->due_wave = tcs_waves_wave(w, (size_t)cx->due)->label;
    r->baseline_wave = cx->base >= 0 ? tcs_waves_wave(w, (size_t)cx->base)->label
                                     : t->baseline_wave;
    return true;
}

/* A row of one or more questions: each question's figures (the row's
 * come from them once the family's tests are known: tcs_chk_finish_row). */
static tcs_status eval_questions(const context *cx, tcs_target_result *r, tcs_error *err)
{
    const tcs_target *t = r->target;
    r->items = calloc(r->nids ? r->nids : 1, sizeof *r->items);
    if (!r->items)
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    r->nitems = r->nids;
    for (size_t i = 0; i < r->nids; i++) {
        tcs_target_figures *it = &r->items[i];
        long qi = tcs_chk_find_question(cx->w, r->ids[i]);
        double pub = t->nbaselines == 1 ? t->baselines[0] : t->nbaselines ? t->baselines[i] : 0;
        if (!tcs_chk_eval_question(cx, r, (size_t)qi, pub, t->nbaselines > 0, it))
            return TCS_OK; /* the row failed (target off the scale, bad share) */
    }
    return TCS_OK;
}

/* Evaluate one row; a composite that needs scores is left in *pend with
 * *waits set (tcs_chk_eval_composite finishes it). */
static tcs_status eval_row(const tcs_waves *w, const tcs_check_options *o, tcs_target_result *r,
                           pending *pend, bool *waits, tcs_error *err)
{
    *waits = false;
    const tcs_target *t = r->target;
    tcs_target_figures *f = &r->total;
    f->distinguishable = -1;
    f->status = TCS_STATUS_NOT_MET;
    if (t->error[0]) {
        tcs_chk_fail(r, "%s", t->error);
        return TCS_OK;
    }
    if (!tcs_chk_resolve_questions(w, r))
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    if (f->status == TCS_STATUS_ERROR)
        return TCS_OK;
    if (t->metric.kind == TCS_METRIC_NONE) { /* judged by hand */
        f->status = TCS_STATUS_HAND;
        f->rag = t->hand_rag;
        return TCS_OK;
    }
    if (t->nbaselines > 1 && t->nbaselines != r->nids &&
        !(t->combine == TCS_COMBINE_COMPOSITE)) {
        tcs_chk_fail(r, "%zu baseline figures for %zu questions: give one, or one per question",
                     t->nbaselines, r->nids);
        return TCS_OK;
    }
    if (t->combine == TCS_COMBINE_COMPOSITE && t->nbaselines > 1) {
        tcs_chk_fail(r, "a composite has one baseline figure, not %zu", t->nbaselines);
        return TCS_OK;
    }
    if (t->metric.kind == TCS_METRIC_EXTERNAL) {
        eval_external(o, r);
        return TCS_OK;
    }
    context cx = {w, o, -1, -1, r};
    if (!row_waves(w, r, &cx))
        return TCS_OK;
    if (t->combine == TCS_COMBINE_COMPOSITE) {
        if ((*waits = tcs_chk_composite_needs_scores(&cx, r)))
            *pend = (pending){.r = r, .cx = cx};
        return TCS_OK;
    }
    return eval_questions(&cx, r, err);
}

/* ---- per-pillar RAG summary ---- */

static const char *const tc_pillars[] = {"Visibility", "Recognition", "Career Development",
                                         "Sustainability"};

static const char *row_pillar(const tcs_waves *w, const tcs_target_result *r)
{
    if (r->target->pillar)
        return r->target->pillar;
    const char *p = NULL;
    for (size_t i = 0; i < r->nids; i++) {
        long q = tcs_chk_find_question(w, r->ids[i]);
        const char *qp = q >= 0 ? tcs_waves_question(w, (size_t)q)->pillar : NULL;
        if (!qp || (p && strcmp(p, qp) != 0))
            return NULL;
        p = qp;
    }
    return p;
}

static tcs_pillar_rag *pillar_slot(tcs_check *c, const char *name)
{
    const char *n = name ? name : "(no pillar)";
    char a[256], b[256];
    tcs_label_normalise(n, strlen(n), a, sizeof a);
    for (size_t i = 0; i < c->npillars; i++) {
        tcs_label_normalise(c->pillars[i].pillar, strlen(c->pillars[i].pillar), b, sizeof b);
        if (strcmp(a, b) == 0)
            return &c->pillars[i];
    }
    tcs_pillar_rag *np = realloc(c->pillars, (c->npillars + 1) * sizeof *np);
    if (!np)
        return NULL;
    c->pillars = np;
    tcs_pillar_rag *s = &np[c->npillars++];
    memset(s, 0, sizeof *s);
    snprintf(s->pillar, sizeof s->pillar, "%s", n);
    return s;
}

static void count_rag(tcs_pillar_rag *s, tcs_rag rag)
{
    switch (rag) {
    case TCS_RAG_GREEN: s->green++; break;
    case TCS_RAG_AMBER: s->amber++; break;
    case TCS_RAG_RED: s->red++; break;
    default: s->grey++; break;
    }
}

static bool summarise(tcs_check *c, const tcs_waves *w)
{
    for (size_t i = 0; i < c->n; i++)
        c->results[i].pillar = row_pillar(w, &c->results[i]);
    /* the four pillars first, in the Commitment's order, when present */
    for (size_t k = 0; k < 4; k++)
        for (size_t i = 0; i < c->n; i++) {
            const char *p = c->results[i].pillar;
            char a[256], b[256];
            if (!p)
                continue;
            tcs_label_normalise(p, strlen(p), a, sizeof a);
            tcs_label_normalise(tc_pillars[k], strlen(tc_pillars[k]), b, sizeof b);
            if (strcmp(a, b) == 0) {
                if (!pillar_slot(c, p))
                    return false;
                break;
            }
        }
    /* rows with a pillar, then those without (last in the summary) */
    for (int with = 1; with >= 0; with--)
        for (size_t i = 0; i < c->n; i++) {
            const tcs_target_result *r = &c->results[i];
            if ((r->pillar != NULL) != with)
                continue;
            tcs_pillar_rag *s = pillar_slot(c, r->pillar);
            if (!s)
                return false;
            /* "each" with several questions: one status per question */
            if (r->target->combine == TCS_COMBINE_EACH && r->nitems > 1 &&
                r->total.status != TCS_STATUS_ERROR)
                for (size_t k = 0; k < r->nitems; k++)
                    count_rag(s, r->items[k].rag);
            else
                count_rag(s, r->total.rag);
        }
    return true;
}

tcs_status tcs_check_run(const tcs_targets *t, const tcs_waves *w, const tcs_check_options *o,
                         tcs_check **out, tcs_error *err)
{
    *out = NULL;
    tcs_check *c = calloc(1, sizeof *c);
    if (!c)
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    c->opts = o ? *o : (tcs_check_options)TCS_CHECK_OPTIONS_DEFAULT;
    size_t n = tcs_targets_count(t);
    c->results = calloc(n ? n : 1, sizeof *c->results);
    if (!c->results) {
        free(c);
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    pending *pend = calloc(n ? n : 1, sizeof *pend);
    size_t np = 0;
    tcs_status st = pend ? TCS_OK : tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < n && st == TCS_OK; i++) {
        tcs_target_result *r = &c->results[i];
        r->target = tcs_targets_at(t, i);
        c->n = i + 1;
        bool waits;
        st = eval_row(w, &c->opts, r, &pend[np], &waits, err);
        np += waits;
    }
    if (st == TCS_OK && np)
        st = tcs_chk_composite_passes(w, pend, np, err);
    for (size_t k = 0; k < np; k++) {
        if (st == TCS_OK)
            st = tcs_chk_eval_composite(&pend[k], err);
        tcs_pillar_scores_free(pend[k].ps[0]);
        tcs_pillar_scores_free(pend[k].ps[1]);
    }
    free(pend);
    /* the tests adjusted together, then the colours, then each row */
    if (st == TCS_OK)
        st = tcs_chk_family(c, w, err);
    if (st == TCS_OK)
        tcs_chk_apply_rule(c);
    for (size_t i = 0; i < c->n && st == TCS_OK; i++) {
        tcs_target_result *r = &c->results[i];
        tcs_chk_finish_row(r);
        if (r->total.status == TCS_STATUS_ERROR)
            c->nerrors++;
        /* a status judged from the data (met ... not met) */
        if (r->target->has_hand && r->target->metric.kind != TCS_METRIC_NONE &&
            tcs_chk_severity(r->total.status) <= 3 && r->target->hand_rag != r->total.rag)
            r->disagreement = true;
    }
    if (st == TCS_OK && !summarise(c, w))
        st = tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    if (st != TCS_OK) {
        tcs_check_free(c);
        return st;
    }
    *out = c;
    return TCS_OK;
}

void tcs_check_free(tcs_check *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        for (size_t k = 0; k < c->results[i].nids; k++)
            free(c->results[i].ids[k]);
        free(c->results[i].ids);
        free(c->results[i].items);
    }
    free(c->results);
    free(c->pillars);
    free(c);
}

size_t tcs_check_count(const tcs_check *c) { return c->n; }
const tcs_target_result *tcs_check_at(const tcs_check *c, size_t i)
{
    return i < c->n ? &c->results[i] : NULL;
}
size_t tcs_check_npillars(const tcs_check *c) { return c->npillars; }
const tcs_pillar_rag *tcs_check_pillar(const tcs_check *c, size_t i)
{
    return i < c->npillars ? &c->pillars[i] : NULL;
}
const tcs_check_options *tcs_check_options_used(const tcs_check *c) { return &c->opts; }
size_t tcs_check_family_size(const tcs_check *c) { return c->family_size; }
size_t tcs_check_nerrors(const tcs_check *c) { return c->nerrors; }
