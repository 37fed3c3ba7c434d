/* check_composite.c - composite targets: each respondent's mean over the
 * row's questions (scored in one pass over each wave for every composite),
 * then its mean. */
#include "plan/check_internal.h"
#include "tcsurvey/stats.h"
#include "tcsurvey/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static bool in_composite(const tcs_column *c, void *ctx)
{
    const composite_ctx *cc = ctx;
    for (size_t i = 0; i < cc->r->nids; i++) {
        long q = tcs_chk_find_question(cc->w, cc->r->ids[i]);
        if (q >= 0 && tcs_waves_question(cc->w, (size_t)q)->cols[cc->wave] == c)
            return true;
    }
    return false;
}


/* The checks a composite row needs before any scores: true when it must
 * wait for them (else it is decided already). */
bool tcs_chk_composite_needs_scores(const context *cx, tcs_target_result *r)
{
    tcs_target_figures *f = &r->total;
    const char *due_label = tcs_waves_wave(cx->w, (size_t)cx->due)->label;
    for (size_t i = 0; i < r->nids; i++) {
        const tcs_matched *m = tcs_waves_question(cx->w, (size_t)tcs_chk_find_question(cx->w, r->ids[i]));
        if (!tcs_chk_target_in_range(r, &m->scale, m->id))
            return false;
        if (!m->cols[cx->due]) {
            f->status = TCS_STATUS_NO_DATA;
            tcs_chk_reason(f, "question %s is not asked in %s", m->id, due_label);
            return false;
        }
    }
    return true;
}

/* Every pending composite's scores, one pass per wave. */
tcs_status tcs_chk_composite_passes(const tcs_waves *w, pending *pend, size_t np, tcs_error *err)
{
    tcs_pillar_request *req = calloc(2 * np, sizeof *req);
    tcs_pillar_scores **got = calloc(2 * np, sizeof *got);
    size_t *slot = calloc(2 * np, sizeof *slot);
    tcs_status st = req && got && slot ? TCS_OK
                                       : tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t wv = 0; wv < tcs_waves_count(w) && st == TCS_OK; wv++) {
        size_t m = 0;
        for (size_t k = 0; k < np; k++)
            for (int which = 0; which < 2; which++) {
                long wave = which == 0 ? pend[k].cx.due : pend[k].cx.base;
                if (wave != (long)wv)
                    continue;
                pend[k].in[which] = (composite_ctx){w, pend[k].r, wv};
                req[m] = (tcs_pillar_request){.keep = in_composite, .ctx = &pend[k].in[which], .set_name = "composite"};
                slot[m++] = 2 * k + (size_t)which;
            }
        if (m == 0)
            continue;
        st = tcs_pillar_scores_compute_many(tcs_waves_wave(w, wv)->survey, req, m, got, err);
        for (size_t j = 0; j < m && st == TCS_OK; j++)
            pend[slot[j] / 2].ps[slot[j] % 2] = got[j];
    }
    free(req);
    free(got);
    free(slot);
    return st;
}

/* The 95% interval of a composite's mean in a wave of `population`
 * people (0 = not known): Student t, with the finite population correction
 * when known; none without spread (unless the wave is a census). */
static bool level_ci(const tcs_pillar_info *d, long population, double *lo, double *hi)
{
    *lo = d->ci_lo;
    *hi = d->ci_hi;
    long n = (long)d->nscores;
    if (!d->has_sd || population <= 0)
        return d->has_ci;
    double half = tcs_t_critical(0.95, (double)(n - 1)) * d->sd *
                  sqrt(fmax(0.0, 1.0 - (double)n / (double)population) / (double)n);
    *lo = d->mean - half;
    *hi = d->mean + half;
    return d->has_ci || population <= n;
}

/* Observed, CI, status and the test of a composite with its baseline. */
static tcs_status composite_figures(const context *cx, const tcs_target *t,
                                    const tcs_pillar_info *b, const tcs_pillar_info *d,
                                    tcs_target_figures *f, tcs_error *err)
{
    long nb = tcs_chk_population(cx, cx->base), nd = tcs_chk_population(cx, cx->due);
    tcs_change ch;
    memset(&ch, 0, sizeof ch);
    bool tested = b->has_mean;
    if (tested) {
        tcs_status st = tcs_change_from_distinct(b->values, b->counts, b->nvalues, d->values,
                                                 d->counts, d->nvalues, 0.0, &ch, err);
        if (st != TCS_OK)
            return st;
        tcs_change_set_population(&ch, nb, nd);
    }
    double lo, hi;
    bool has_level_ci = level_ci(d, nd, &lo, &hi);
    f->fpc = nd > 0 || (tested && nb > 0);
    if (t->metric.change) {
        f->observed = d->mean - f->baseline;
        f->has_ci = tested ? ch.has_welch || ch.exact : has_level_ci;
        f->ci_lo = tested ? ch.delta_ci_lo : lo - f->baseline;
        f->ci_hi = tested ? ch.delta_ci_hi : hi - f->baseline;
    } else {
        f->observed = d->mean;
        f->has_ci = has_level_ci;
        f->ci_lo = lo;
        f->ci_hi = hi;
    }
    f->has_observed = true;
    tcs_chk_judge(cx->o, t, f);
    f->distinguishable = -1;
    if (tested)
        tcs_chk_test_mean(&ch, cx->o->alpha, f);
    else if (f->baseline_published)
        tcs_chk_reason(f, "%s", tcs_chk_no_test_published);
    else
        tcs_chk_reason(f, "too few answers to test the change");
    return TCS_OK;
}

/* A composite row from its scores. */
tcs_status tcs_chk_eval_composite(const pending *pd, tcs_error *err)
{
    const context *cx = &pd->cx;
    tcs_target_result *r = pd->r;
    const tcs_target *t = r->target;
    tcs_target_figures *f = &r->total;
    const char *due_label = tcs_waves_wave(cx->w, (size_t)cx->due)->label;
    /* all zero when a wave has no scores (no baseline wave) */
    tcs_pillar_info d, b;
    memset(&d, 0, sizeof d);
    memset(&b, 0, sizeof b);
    tcs_pillar_at(pd->ps[0], 0, &d);
    tcs_pillar_at(pd->ps[1], 0, &b);
    f->n = (long)d.nscores;
    tcs_status st = TCS_OK;
    if (!d.has_mean) {
        f->status = TCS_STATUS_NO_DATA;
        tcs_chk_reason(f, "no respondent answered at least half of the questions in %s",
                       due_label);
    } else {
        if (b.has_mean) {
            f->has_baseline = true;
            f->baseline = b.mean;
        } else if (t->nbaselines == 1) {
            f->has_baseline = true;
            f->baseline = t->baselines[0];
            f->baseline_published = true;
        }
        if (t->metric.change && !f->has_baseline) {
            f->status = TCS_STATUS_NO_DATA;
            tcs_chk_reason(f, "a change needs a baseline: its wave's responses or a published "
                              "figure");
        } else {
            st = composite_figures(cx, t, &b, &d, f, err);
        }
    }
    if (f->status == TCS_STATUS_NO_DATA)
        f->rag = TCS_RAG_GREY;
    return st;
}
