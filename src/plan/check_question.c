/* check_question.c - one question's figures for a target: its level in a
 * wave, the baseline, the observed value with its CI, the status, and
 * whether the change from the baseline is distinguishable. */
#include "plan/check_internal.h"
#include "tcsurvey/stats.h"
#include "tcsurvey/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Which points of scale a share counts; false (row failed) if the spec
 * does not fit the scale. */
static bool share_mask(tcs_target_result *r, const tcs_metric *m, const tcs_scale *sc,
                       const char *id, bool *mask)
{
    size_t np = sc->npoints;
    for (size_t k = 0; k < np; k++) {
        int v = sc->min + (int)k;
        switch (m->share) {
        case TCS_SHARE_VALUE: mask[k] = v == m->share_value; break;
        case TCS_SHARE_LE: mask[k] = v <= m->share_value; break;
        case TCS_SHARE_GE: mask[k] = v >= m->share_value; break;
        case TCS_SHARE_LT: mask[k] = v < m->share_value; break;
        case TCS_SHARE_GT: mask[k] = v > m->share_value; break;
        case TCS_SHARE_TOP: mask[k] = k + (size_t)m->share_value >= np; break;
        case TCS_SHARE_BOTTOM: mask[k] = k < (size_t)m->share_value; break;
        case TCS_SHARE_LABELS: mask[k] = false; break;
        }
    }
    if (m->share == TCS_SHARE_VALUE && (m->share_value < sc->min || m->share_value > sc->max)) {
        tcs_chk_fail(r, "share(%d): %d is not a point of question %s's scale %s", m->share_value,
                 m->share_value, id, sc->name);
        return false;
    }
    if ((m->share == TCS_SHARE_TOP || m->share == TCS_SHARE_BOTTOM) &&
        (size_t)m->share_value >= np) {
        tcs_chk_fail(r, "share(%s%d) counts every point of question %s's scale %s",
                 m->share == TCS_SHARE_TOP ? "top" : "bottom", m->share_value, id, sc->name);
        return false;
    }
    if (m->share == TCS_SHARE_LABELS) {
        for (size_t i = 0; i < m->nlabels; i++) {
            int v;
            if (!tcs_scale_value(sc, m->labels[i], strlen(m->labels[i]), &v)) {
                tcs_chk_fail(r, "share(): '%s' is not an answer of question %s's scale %s",
                         m->labels[i], id, sc->name);
                return false;
            }
            mask[v - sc->min] = true;
        }
    }
    return true;
}


/* The level of a (non-change) metric for one question in one wave, with
 * the wave's population (0 = not known). */
static bool level_of(tcs_target_result *r, const tcs_matched *m, size_t wave, long population,
                     level *lv)
{
    memset(lv, 0, sizeof *lv);
    if (!m->cols[wave])
        return true;
    const tcs_scale *sc = m->conflict ? &m->cols[wave]->scale : &m->scale;
    const long *counts = m->conflict ? m->cols[wave]->counts : m->counts[wave];
    tcs_point_stats st;
    tcs_stats_from_counts_population(sc, counts, population, &st);
    lv->counts = counts;
    lv->n = st.n;
    if (st.n == 0)
        return true;
    lv->ok = true;
    const tcs_metric *met = &r->target->metric;
    switch (met->kind) {
    case TCS_METRIC_MEAN:
        lv->value = st.mean;
        lv->has_ci = st.has_ci; /* none for answers that do not vary */
        lv->lo = st.ci_lo;
        lv->hi = st.ci_hi;
        break;
    case TCS_METRIC_MEDIAN: lv->value = st.median; break;
    case TCS_METRIC_N: lv->value = (double)st.n; break;
    case TCS_METRIC_SHARE: {
        bool mask[TCS_SCALE_POINTS_MAX] = {false};
        if (!share_mask(r, met, sc, m->id, mask))
            return false;
        for (size_t k = 0; k < sc->npoints; k++)
            if (mask[k])
                lv->in += counts[k];
        lv->out = st.n - lv->in;
        lv->value = 100.0 * (double)lv->in / (double)st.n;
        double lo, hi;
        tcs_wilson_interval_fpc(lv->in, st.n, population, 0.95, &lo, &hi);
        lv->has_ci = true;
        lv->lo = 100.0 * lo;
        lv->hi = 100.0 * hi;
        break;
    }
    default: break;
    }
    return true;
}

/* Is the target within what the metric can reach on this scale? */
bool tcs_chk_target_in_range(tcs_target_result *r, const tcs_scale *sc, const char *id)
{
    const tcs_target *t = r->target;
    double lo = 0, hi = 0, span = (double)(sc->max - sc->min);
    switch (t->metric.kind) {
    case TCS_METRIC_MEAN:
    case TCS_METRIC_MEDIAN:
        lo = t->metric.change ? -span : sc->min;
        hi = t->metric.change ? span : sc->max;
        break;
    case TCS_METRIC_SHARE:
        lo = t->metric.change ? -100 : 0;
        hi = 100;
        break;
    case TCS_METRIC_N:
        lo = 0;
        hi = 1e15;
        break;
    default: return true;
    }
    if (t->target < lo || t->target > hi) {
        char a[32], b[32], c[32];
        snprintf(a, sizeof a, "%g", t->target);
        snprintf(b, sizeof b, "%g", lo);
        snprintf(c, sizeof c, "%g", hi);
        tcs_chk_fail(r, "target %s is outside what %s can reach on question %s's scale %s (%s to %s)",
                 a, t->metric_text, id, sc->name, b, c);
        return false;
    }
    return true;
}

/* Does v meet the target (v comparator target)? */
bool tcs_chk_meets(double v, tcs_comparator c, double target)
{
    switch (c) {
    case TCS_CMP_GE: return v >= target;
    case TCS_CMP_LE: return v <= target;
    case TCS_CMP_GT: return v > target;
    default: return v < target;
    }
}

/* met / on_track / not_met from observed, baseline and target; progress. */
void tcs_chk_judge(const tcs_check_options *o, const tcs_target *t, tcs_target_figures *f)
{
    double from = f->baseline;
    bool has_from = f->has_baseline;
    if (t->metric.change) { /* a change is measured from zero */
        from = 0;
        has_from = true;
    }
    /* A baseline that already meets the target has no way left to go:
     * progress would divide by a step in the wrong direction (a fall
     * from 66 to 49 against ">= 60" would read 283%). */
    bool met_before = has_from && tcs_chk_meets(from, t->comparator, t->target);
    if (has_from && t->target != from && !met_before) {
        f->has_progress = true;
        f->progress = 100.0 * (f->observed - from) / (t->target - from);
    }
    if (tcs_chk_meets(f->observed, t->comparator, t->target)) {
        f->status = TCS_STATUS_MET;
        if (met_before && !t->metric.change)
            tcs_chk_reason(f, "the baseline already met the target");
    } else if (met_before) {
        f->status = TCS_STATUS_NOT_MET;
        tcs_chk_reason(f, t->metric.change ? "worse than the target allows (no change would have met it)"
                                       : "fell short of a target the baseline already met");
    } else if (!has_from) {
        f->status = TCS_STATUS_NOT_MET;
        tcs_chk_reason(f, "no baseline, so movement towards the target is unknown");
    } else {
        bool up = t->comparator == TCS_CMP_GE || t->comparator == TCS_CMP_GT;
        bool toward = up ? f->observed > from : f->observed < from;
        bool enough = !f->has_progress || f->progress > o->amber_progress;
        f->status = toward && enough ? TCS_STATUS_ON_TRACK : TCS_STATUS_NOT_MET;
    }
    f->rag = tcs_chk_rag_of(f->status);
}


/* The change in a share: the answers counted and not, as a 0/1 item, so
 * that "% high" is the share and its change has a Newcombe CI; with the
 * waves' populations. */
static void share_change(const context *cx, const level *b, const level *d, tcs_change *ch)
{
    tcs_scale bin;
    tcs_scale_numeric(0, 1, &bin);
    long from[2] = {b->out, b->in}, to[2] = {d->out, d->in};
    tcs_change_from_counts(&bin, from, to, false, ch);
    tcs_change_set_population(ch, tcs_chk_population(cx, cx->base),
                               tcs_chk_population(cx, cx->due));
}

/* The change in mean of a question between the baseline and due waves, as
 * answered, with the waves' populations. */
static void mean_change(const context *cx, const tcs_matched *m, tcs_change *ch)
{
    tcs_change_from_counts(&m->scale, m->counts[cx->base], m->counts[cx->due], false, ch);
    tcs_change_set_population(ch, tcs_chk_population(cx, cx->base),
                              tcs_chk_population(cx, cx->due));
}

/* A median target: Mood's median test on the two waves' answers. */
static void test_median(const context *cx, const tcs_matched *m, tcs_target_figures *f)
{
    double p;
    f->test = TCS_TEST_MEDIAN;
    f->fpc = false; /* Mood's test has no finite-population form */
    if (tcs_median_test(&m->scale, m->counts[cx->base], m->counts[cx->due], &p, NULL)) {
        f->has_p = true;
        f->p = p;
    } else {
        f->test = TCS_TEST_NONE;
        tcs_chk_reason(f, "every answer is on one side of the median: no test of medians");
    }
}

/* The test of the change from the baseline wave, by the metric's own. */
static void test_question(const context *cx, const tcs_matched *m, const level *b,
                          const level *d, tcs_target_figures *f)
{
    tcs_change ch;
    switch (cx->r->target->metric.kind) {
    case TCS_METRIC_MEAN:
        mean_change(cx, m, &ch);
        tcs_chk_test_mean(&ch, cx->o->alpha, f);
        break;
    case TCS_METRIC_SHARE:
        share_change(cx, b, d, &ch);
        tcs_chk_test_share(&ch, cx->o->alpha, f);
        break;
    case TCS_METRIC_MEDIAN: test_median(cx, m, f); break;
    default: break;
    }
}

/* Figures of one question: baseline, observed, CI, status. */
bool tcs_chk_eval_question(const context *cx, tcs_target_result *r, size_t qi, double published,
                           bool has_published, tcs_target_figures *f)
{
    const tcs_target *t = r->target;
    const tcs_matched *m = tcs_waves_question(cx->w, qi);
    const char *due_label = tcs_waves_wave(cx->w, (size_t)cx->due)->label;
    f->question = m->id;
    f->distinguishable = -1;
    const tcs_scale *sc = m->cols[cx->due] ? (m->conflict ? &m->cols[cx->due]->scale : &m->scale)
                                           : &m->scale;
    if (!tcs_chk_target_in_range(r, sc, m->id))
        return false;
    level d, b;
    if (!level_of(r, m, (size_t)cx->due, tcs_chk_population(cx, cx->due), &d))
        return false;
    memset(&b, 0, sizeof b);
    if (cx->base >= 0 && !level_of(r, m, (size_t)cx->base, tcs_chk_population(cx, cx->base), &b))
        return false;
    f->n = d.n;
    f->fpc = tcs_chk_population(cx, cx->due) > 0 || tcs_chk_population(cx, cx->base) > 0;
    if (!m->cols[cx->due] || !d.ok) {
        f->status = TCS_STATUS_NO_DATA;
        f->rag = TCS_RAG_GREY;
        tcs_chk_reason(f, m->cols[cx->due] ? "no valid answers to question %s in %s"
                                       : "question %s is not asked in %s",
                   m->id, due_label);
        return true;
    }
    if (cx->base >= 0 && b.ok) {
        f->has_baseline = true;
        f->baseline = b.value;
        if (has_published && fabs(published - b.value) > 0.01 * fmax(1.0, fabs(published)))
            tcs_chk_reason(f, "published baseline %g, the data give %.4g", published, b.value);
    } else if (has_published) {
        f->has_baseline = true;
        f->baseline = published;
        f->baseline_published = true;
    } else if (cx->base >= 0) {
        tcs_chk_reason(f,
                   m->cols[cx->base] ? "question %s has no answers in the baseline wave %s"
                                     : "question %s is not asked in the baseline wave %s",
                   m->id, tcs_waves_wave(cx->w, (size_t)cx->base)->label);
    }
    if (t->metric.change) {
        if (!f->has_baseline) {
            f->status = TCS_STATUS_NO_DATA;
            f->rag = TCS_RAG_GREY;
            tcs_chk_reason(f, "a change needs a baseline: its wave's responses or a published "
                          "figure");
            return true;
        }
        if (m->conflict && !f->baseline_published) {
            f->status = TCS_STATUS_NO_DATA;
            f->rag = TCS_RAG_GREY;
            tcs_chk_reason(f, "not comparable: %s", m->conflict_reason);
            return true;
        }
        f->observed = d.value - f->baseline;
        if (t->metric.kind == TCS_METRIC_MEAN && !f->baseline_published) {
            tcs_change ch;
            mean_change(cx, m, &ch);
            f->has_ci = ch.has_welch || ch.exact;
            f->ci_lo = ch.delta_ci_lo;
            f->ci_hi = ch.delta_ci_hi;
        } else if (t->metric.kind == TCS_METRIC_SHARE && !f->baseline_published) {
            tcs_change ch;
            share_change(cx, &b, &d, &ch);
            f->has_ci = ch.has_delta;
            f->ci_lo = ch.high_delta_ci_lo;
            f->ci_hi = ch.high_delta_ci_hi;
        } else if (d.has_ci) { /* against a published figure: the due wave's own CI */
            f->has_ci = true;
            f->ci_lo = d.lo - f->baseline;
            f->ci_hi = d.hi - f->baseline;
        }
    } else {
        f->observed = d.value;
        f->has_ci = d.has_ci;
        f->ci_lo = d.lo;
        f->ci_hi = d.hi;
    }
    f->has_observed = true;
    tcs_chk_judge(cx->o, t, f);
    /* the change from the baseline wave, by the metric's own test; q,
     * verdict and mark once the family is known (check_evidence.c) */
    if (t->metric.kind == TCS_METRIC_N) {
        tcs_chk_reason(f, "counts are not tested");
    } else if (cx->base < 0 || !b.ok) {
        if (f->baseline_published)
            tcs_chk_reason(f, "%s", tcs_chk_no_test_published);
    } else if (m->conflict) {
        tcs_chk_reason(f, "not tested: %s", m->conflict_reason);
    } else {
        test_question(cx, m, &b, &d, f);
    }
    return true;
}
