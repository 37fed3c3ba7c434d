/* check.c - evaluate an action plan's targets against survey waves:
 * baseline, observed value with its CI, progress, whether the change is
 * distinguishable from noise, and a status with its RAG colour. */
#include "tcsurvey/compare.h"
#include "tcsurvey/pillar.h"
#include "tcsurvey/stats.h"
#include "tcsurvey/check.h"
#include "tcsurvey/text.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tcs_check {
    tcs_target_result *results;
    size_t n;
    tcs_pillar_rag *pillars;
    size_t npillars;
    tcs_check_options opts;
    size_t nerrors;
};

const char *tcs_target_status_name(tcs_target_status st)
{
    static const char *const names[] = {"met",     "on_track", "not_met", "not_due",
                                        "no_data", "hand",     "error"};
    return st <= TCS_STATUS_ERROR ? names[st] : "error";
}

static tcs_rag rag_of(tcs_target_status st)
{
    switch (st) {
    case TCS_STATUS_MET: return TCS_RAG_GREEN;
    case TCS_STATUS_ON_TRACK: return TCS_RAG_AMBER;
    case TCS_STATUS_NOT_MET: return TCS_RAG_RED;
    default: return TCS_RAG_GREY;
    }
}

static void set_reason(tcs_target_figures *f, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Append a sentence to the figures' reason. */
static void set_reason(tcs_target_figures *f, const char *fmt, ...)
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

static void fail_row(tcs_target_result *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The row cannot be evaluated: an error (grey), with why. */
static void fail_row(tcs_target_result *r, const char *fmt, ...)
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

static const char no_test_published[] =
    "the baseline is a published figure: no responses to test the change against";

static long find_wave(const tcs_waves *w, const char *label)
{
    for (size_t i = 0; i < tcs_waves_count(w); i++)
        if (strcmp(tcs_waves_wave(w, i)->label, label) == 0)
            return (long)i;
    return -1;
}

/* ---- which questions a row names ---- */

static long find_question(const tcs_waves *w, const char *id)
{
    for (size_t i = 0; i < tcs_waves_nquestions(w); i++)
        if (strcmp(tcs_waves_question(w, i)->id, id) == 0)
            return (long)i;
    return -1;
}

/* "Q12" -> prefix "Q", number 12; "1.4" -> "1.", 4. False without a
 * trailing number. */
static bool split_id(const char *id, size_t *prefix_len, long *num)
{
    size_t len = strlen(id), k = len;
    while (k > 0 && id[k - 1] >= '0' && id[k - 1] <= '9')
        k--;
    if (k == len || len - k > 9)
        return false;
    *prefix_len = k;
    *num = atol(id + k);
    return true;
}

static bool add_id(tcs_target_result *r, const char *id)
{
    for (size_t i = 0; i < r->nids; i++)
        if (strcmp(r->ids[i], id) == 0)
            return true;
    char **n = realloc(r->ids, (r->nids + 1) * sizeof *n);
    if (!n)
        return false;
    r->ids = n;
    if (!(n[r->nids] = tcs_strndup(id, strlen(id))))
        return false;
    r->nids++;
    return true;
}

/* One item of the questions cell: an id, a range a-b, or pillar:NAME.
 * False on allocation failure; a bad item fails the row. */
static bool resolve_item(const tcs_waves *w, tcs_target_result *r, const char *item)
{
    size_t nq = tcs_waves_nquestions(w);
    char norm[256], pn[256];
    if (strncmp(item, "pillar:", 7) == 0 || strncmp(item, "Pillar:", 7) == 0) {
        const char *name = item + 7;
        tcs_label_normalise(name, strlen(name), norm, sizeof norm);
        size_t before = r->nids;
        for (size_t i = 0; i < nq; i++) {
            const tcs_matched *m = tcs_waves_question(w, i);
            if (!m->pillar)
                continue;
            tcs_label_normalise(m->pillar, strlen(m->pillar), pn, sizeof pn);
            if (strcmp(pn, norm) == 0 && !add_id(r, m->id))
                return false;
        }
        if (r->nids == before)
            fail_row(r, "no question of any wave is in pillar '%s' (pillars come from the "
                        "codebook)",
                     name);
        return true;
    }
    if (find_question(w, item) >= 0)
        return add_id(r, item);
    const char *dash = strchr(item, '-');
    if (!dash) {
        fail_row(r, "unknown question '%s': no wave has a question with that id", item);
        return true;
    }
    char a[128], b[128];
    size_t la, lb;
    const char *ta = tcs_trim(item, (size_t)(dash - item), &la);
    const char *tb = tcs_trim(dash + 1, strlen(dash + 1), &lb);
    size_t pa, pb;
    long na, nb;
    if (!la || !lb || la >= sizeof a || lb >= sizeof b) {
        fail_row(r, "malformed range '%s' (write it as 1.1-1.4)", item);
        return true;
    }
    memcpy(a, ta, la);
    a[la] = '\0';
    memcpy(b, tb, lb);
    b[lb] = '\0';
    if (!split_id(a, &pa, &na) || !split_id(b, &pb, &nb) || pa != pb ||
        strncmp(a, b, pa) != 0 || na > nb) {
        fail_row(r, "malformed range '%s': its ends must share all but a last number, the "
                    "first no greater than the second (1.1-1.4)",
                 item);
        return true;
    }
    if (find_question(w, a) < 0 || find_question(w, b) < 0) {
        fail_row(r, "unknown question '%s' in range '%s'", find_question(w, a) < 0 ? a : b,
                 item);
        return true;
    }
    for (size_t i = 0; i < nq; i++) {
        const char *id = tcs_waves_question(w, i)->id;
        size_t p;
        long v;
        if (split_id(id, &p, &v) && p == pa && strncmp(id, a, pa) == 0 && v >= na && v <= nb &&
            !add_id(r, id))
            return false;
    }
    return true;
}

static bool resolve_questions(const tcs_waves *w, tcs_target_result *r)
{
    const char *spec = r->target->questions;
    if (!spec)
        return true;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", spec);
    for (char *p = buf; p && *p && r->total.status != TCS_STATUS_ERROR;) {
        char *end = strchr(p, ';');
        if (end)
            *end = '\0';
        size_t len;
        const char *t = tcs_trim(p, strlen(p), &len);
        char item[512];
        snprintf(item, sizeof item, "%.*s", (int)len, t);
        if (len && !resolve_item(w, r, item))
            return false;
        p = end ? end + 1 : NULL;
    }
    return true;
}

/* ---- one question's figures ---- */

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
        fail_row(r, "share(%d): %d is not a point of question %s's scale %s", m->share_value,
                 m->share_value, id, sc->name);
        return false;
    }
    if ((m->share == TCS_SHARE_TOP || m->share == TCS_SHARE_BOTTOM) &&
        (size_t)m->share_value >= np) {
        fail_row(r, "share(%s%d) counts every point of question %s's scale %s",
                 m->share == TCS_SHARE_TOP ? "top" : "bottom", m->share_value, id, sc->name);
        return false;
    }
    if (m->share == TCS_SHARE_LABELS) {
        for (size_t i = 0; i < m->nlabels; i++) {
            int v;
            if (!tcs_scale_value(sc, m->labels[i], strlen(m->labels[i]), &v)) {
                fail_row(r, "share(): '%s' is not an answer of question %s's scale %s",
                         m->labels[i], id, sc->name);
                return false;
            }
            mask[v - sc->min] = true;
        }
    }
    return true;
}

typedef struct {
    bool ok;       /* the question has answers in the wave */
    double value;  /* the metric's level */
    bool has_ci;
    double lo, hi;
    long n;
    long in, out;  /* share: answers counted and not */
} level;

/* The level of a (non-change) metric for one question in one wave. */
static bool level_of(tcs_target_result *r, const tcs_matched *m, size_t wave, level *lv)
{
    memset(lv, 0, sizeof *lv);
    if (!m->cols[wave])
        return true;
    const tcs_scale *sc = m->conflict ? &m->cols[wave]->scale : &m->scale;
    const long *counts = m->conflict ? m->cols[wave]->counts : m->counts[wave];
    tcs_point_stats st;
    tcs_stats_from_counts(sc, counts, &st);
    lv->n = st.n;
    if (st.n == 0)
        return true;
    lv->ok = true;
    const tcs_metric *met = &r->target->metric;
    switch (met->kind) {
    case TCS_METRIC_MEAN:
        lv->value = st.mean;
        lv->has_ci = st.has_sd;
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
        tcs_wilson_interval(lv->in, st.n, 0.95, &lo, &hi);
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
static bool target_in_range(tcs_target_result *r, const tcs_scale *sc, const char *id)
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
        fail_row(r, "target %s is outside what %s can reach on question %s's scale %s (%s to %s)",
                 a, t->metric_text, id, sc->name, b, c);
        return false;
    }
    return true;
}

static bool meets(double v, tcs_comparator c, double target)
{
    switch (c) {
    case TCS_CMP_GE: return v >= target;
    case TCS_CMP_LE: return v <= target;
    case TCS_CMP_GT: return v > target;
    default: return v < target;
    }
}

/* met / on_track / not_met from observed, baseline and target; progress. */
static void judge(const tcs_check_options *o, const tcs_target *t, tcs_target_figures *f)
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
    bool met_before = has_from && meets(from, t->comparator, t->target);
    if (has_from && t->target != from && !met_before) {
        f->has_progress = true;
        f->progress = 100.0 * (f->observed - from) / (t->target - from);
    }
    if (meets(f->observed, t->comparator, t->target)) {
        f->status = TCS_STATUS_MET;
        if (met_before && !t->metric.change)
            set_reason(f, "the baseline already met the target");
    } else if (met_before) {
        f->status = TCS_STATUS_NOT_MET;
        set_reason(f, t->metric.change ? "worse than the target allows (no change would have met it)"
                                       : "fell short of a target the baseline already met");
    } else if (!has_from) {
        f->status = TCS_STATUS_NOT_MET;
        set_reason(f, "no baseline, so movement towards the target is unknown");
    } else {
        bool up = t->comparator == TCS_CMP_GE || t->comparator == TCS_CMP_GT;
        bool toward = up ? f->observed > from : f->observed < from;
        bool enough = !f->has_progress || f->progress > o->amber_progress;
        f->status = toward && enough ? TCS_STATUS_ON_TRACK : TCS_STATUS_NOT_MET;
    }
    f->rag = rag_of(f->status);
}

typedef struct {
    const tcs_waves *w;
    const tcs_check_options *o;
    long base, due; /* wave indexes; base -1 = none */
} context;

/* The change in a share: the answers counted and not, as a 0/1 item, so
 * that "% high" is the share and its change has a Newcombe CI. */
static void share_change(const level *b, const level *d, tcs_change *ch)
{
    tcs_scale bin;
    tcs_scale_numeric(0, 1, &bin);
    long from[2] = {b->out, b->in}, to[2] = {d->out, d->in};
    tcs_change_from_counts(&bin, from, to, false, ch);
}

static void distinguish_share(const level *b, const level *d, tcs_target_figures *f)
{
    tcs_change ch;
    share_change(b, d, &ch);
    if (!ch.has_delta) {
        f->distinguishable = -1;
        set_reason(f, "too few answers to test the change");
        return;
    }
    /* Newcombe 95% CI of the difference in shares excludes zero */
    f->distinguishable = ch.high_delta_ci_lo > 0 || ch.high_delta_ci_hi < 0;
}

/* The compare test for a question between the baseline and due waves. */
static void distinguish_counts(const context *cx, const tcs_matched *m, size_t qi,
                               tcs_target_figures *f)
{
    /* the verdict compare gives for this pair, if compare made the pair */
    const tcs_question_change *qc =
        tcs_waves_find_change(cx->w, qi, (size_t)cx->base, (size_t)cx->due);
    if (qc && qc->has_q) {
        f->distinguishable = qc->q < cx->o->alpha;
        return;
    }
    tcs_change ch;
    tcs_change_from_counts(&m->scale, m->counts[cx->base], m->counts[cx->due], m->reverse, &ch);
    if (!ch.has_mwu) {
        f->distinguishable = -1;
        set_reason(f, "too few or identical answers to test the change");
        return;
    }
    f->distinguishable = ch.mwu_p < cx->o->alpha;
    set_reason(f, "Mann-Whitney p, not adjusted: compare does not pair these waves");
}

/* Figures of one question: baseline, observed, CI, status. */
static bool eval_question(const context *cx, tcs_target_result *r, size_t qi, double published,
                          bool has_published, tcs_target_figures *f)
{
    const tcs_target *t = r->target;
    const tcs_matched *m = tcs_waves_question(cx->w, qi);
    const char *due_label = tcs_waves_wave(cx->w, (size_t)cx->due)->label;
    f->question = m->id;
    f->distinguishable = -1;
    const tcs_scale *sc = m->cols[cx->due] ? (m->conflict ? &m->cols[cx->due]->scale : &m->scale)
                                           : &m->scale;
    if (!target_in_range(r, sc, m->id))
        return false;
    level d, b;
    if (!level_of(r, m, (size_t)cx->due, &d))
        return false;
    memset(&b, 0, sizeof b);
    if (cx->base >= 0 && !level_of(r, m, (size_t)cx->base, &b))
        return false;
    f->n = d.n;
    if (!m->cols[cx->due] || !d.ok) {
        f->status = TCS_STATUS_NO_DATA;
        f->rag = TCS_RAG_GREY;
        set_reason(f, m->cols[cx->due] ? "no valid answers to question %s in %s"
                                       : "question %s is not asked in %s",
                   m->id, due_label);
        return true;
    }
    if (cx->base >= 0 && b.ok) {
        f->has_baseline = true;
        f->baseline = b.value;
        if (has_published && fabs(published - b.value) > 0.01 * fmax(1.0, fabs(published)))
            set_reason(f, "published baseline %g, the data give %.4g", published, b.value);
    } else if (has_published) {
        f->has_baseline = true;
        f->baseline = published;
        f->baseline_published = true;
    } else if (cx->base >= 0) {
        set_reason(f,
                   m->cols[cx->base] ? "question %s has no answers in the baseline wave %s"
                                     : "question %s is not asked in the baseline wave %s",
                   m->id, tcs_waves_wave(cx->w, (size_t)cx->base)->label);
    }
    if (t->metric.change) {
        if (!f->has_baseline) {
            f->status = TCS_STATUS_NO_DATA;
            f->rag = TCS_RAG_GREY;
            set_reason(f, "a change needs a baseline: its wave's responses or a published "
                          "figure");
            return true;
        }
        if (m->conflict && !f->baseline_published) {
            f->status = TCS_STATUS_NO_DATA;
            f->rag = TCS_RAG_GREY;
            set_reason(f, "not comparable: %s", m->conflict_reason);
            return true;
        }
        f->observed = d.value - f->baseline;
        if (t->metric.kind == TCS_METRIC_MEAN && !f->baseline_published) {
            tcs_change ch;
            tcs_change_from_counts(&m->scale, m->counts[cx->base], m->counts[cx->due], false, &ch);
            f->has_ci = ch.has_welch;
            f->ci_lo = ch.delta_ci_lo;
            f->ci_hi = ch.delta_ci_hi;
        } else if (t->metric.kind == TCS_METRIC_SHARE && !f->baseline_published) {
            tcs_change ch;
            share_change(&b, &d, &ch);
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
    judge(cx->o, t, f);
    /* distinguishable: the change from the baseline wave, by the compare test */
    if (t->metric.kind == TCS_METRIC_N) {
        set_reason(f, "counts are not tested");
    } else if (cx->base < 0 || !b.ok) {
        if (f->baseline_published)
            set_reason(f, "%s", no_test_published);
    } else if (m->conflict) {
        set_reason(f, "not tested: %s", m->conflict_reason);
    } else if (t->metric.kind == TCS_METRIC_SHARE) {
        distinguish_share(&b, &d, f);
    } else {
        distinguish_counts(cx, m, qi, f);
    }
    return true;
}

/* ---- composite: each respondent's mean over the questions ---- */

typedef struct {
    const tcs_waves *w;
    const tcs_target_result *r;
    size_t wave;
} composite_ctx;

static bool in_composite(const tcs_column *c, void *ctx)
{
    const composite_ctx *cc = ctx;
    for (size_t i = 0; i < cc->r->nids; i++) {
        long q = find_question(cc->w, cc->r->ids[i]);
        if (q >= 0 && tcs_waves_question(cc->w, (size_t)q)->cols[cc->wave] == c)
            return true;
    }
    return false;
}

/* A composite row waiting for its scores: the scores of every composite
 * come from one pass over each wave (tcs_pillar_scores_compute_many). */
typedef struct {
    tcs_target_result *r;
    context cx;
    composite_ctx in[2];      /* the due wave's columns, the baseline's */
    tcs_pillar_scores *ps[2]; /* their scores */
} pending;

/* The checks a composite row needs before any scores: true when it must
 * wait for them (else it is decided already). */
static bool composite_needs_scores(const context *cx, tcs_target_result *r)
{
    tcs_target_figures *f = &r->total;
    const char *due_label = tcs_waves_wave(cx->w, (size_t)cx->due)->label;
    for (size_t i = 0; i < r->nids; i++) {
        const tcs_matched *m = tcs_waves_question(cx->w, (size_t)find_question(cx->w, r->ids[i]));
        if (!target_in_range(r, &m->scale, m->id))
            return false;
        if (!m->cols[cx->due]) {
            f->status = TCS_STATUS_NO_DATA;
            set_reason(f, "question %s is not asked in %s", m->id, due_label);
            return false;
        }
    }
    return true;
}

/* Every pending composite's scores, one pass per wave. */
static tcs_status composite_passes(const tcs_waves *w, pending *pend, size_t np, tcs_error *err)
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

/* A composite row from its scores. */
static tcs_status eval_composite(const pending *pd, tcs_error *err)
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
    if (!d.has_mean) {
        f->status = TCS_STATUS_NO_DATA;
        set_reason(f, "no respondent answered at least half of the questions in %s", due_label);
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
            set_reason(f, "a change needs a baseline: its wave's responses or a published "
                          "figure");
        } else {
            tcs_change ch;
            memset(&ch, 0, sizeof ch);
            bool tested = b.has_mean &&
                          tcs_change_from_distinct(b.values, b.counts, b.nvalues, d.values,
                                                   d.counts, d.nvalues, 0.0, &ch, err) == TCS_OK;
            if (t->metric.change) {
                f->observed = d.mean - f->baseline;
                f->has_ci = tested ? ch.has_welch : d.has_sd;
                f->ci_lo = tested ? ch.delta_ci_lo : d.ci_lo - f->baseline;
                f->ci_hi = tested ? ch.delta_ci_hi : d.ci_hi - f->baseline;
            } else {
                f->observed = d.mean;
                f->has_ci = d.has_sd;
                f->ci_lo = d.ci_lo;
                f->ci_hi = d.ci_hi;
            }
            f->has_observed = true;
            judge(cx->o, t, f);
            f->distinguishable = -1;
            if (tested && ch.has_mwu)
                f->distinguishable = ch.mwu_p < cx->o->alpha;
            else if (f->baseline_published)
                set_reason(f, "%s", no_test_published);
            else
                set_reason(f, "too few answers to test the change");
        }
    }
    if (f->status == TCS_STATUS_NO_DATA)
        f->rag = TCS_RAG_GREY;
    return TCS_OK;
}

/* ---- a row ---- */

/* Worst first: no data beats not met beats on track beats met. */
static int severity(tcs_target_status s)
{
    switch (s) {
    case TCS_STATUS_MET: return 0;
    case TCS_STATUS_ON_TRACK: return 1;
    case TCS_STATUS_NOT_MET: return 2;
    default: return 3;
    }
}

/* Evaluate one row; a composite that needs scores is left in *pend with
 * *waits set (eval_composite finishes it). */
static tcs_status eval_row(const tcs_waves *w, const tcs_check_options *o, tcs_target_result *r,
                           pending *pend, bool *waits, tcs_error *err)
{
    *waits = false;
    const tcs_target *t = r->target;
    tcs_target_figures *f = &r->total;
    f->distinguishable = -1;
    f->status = TCS_STATUS_NOT_MET;
    if (t->error[0]) {
        fail_row(r, "%s", t->error);
        return TCS_OK;
    }
    if (!resolve_questions(w, r))
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
        fail_row(r, "%zu baseline figures for %zu questions: give one, or one per question",
                 t->nbaselines, r->nids);
        return TCS_OK;
    }
    if (t->combine == TCS_COMBINE_COMPOSITE && t->nbaselines > 1) {
        fail_row(r, "a composite has one baseline figure, not %zu", t->nbaselines);
        return TCS_OK;
    }
    if (t->metric.kind == TCS_METRIC_EXTERNAL) {
        if (t->nbaselines) {
            f->has_baseline = true;
            f->baseline = t->baselines[0];
            f->baseline_published = true;
        }
        set_reason(f, "an external figure, not from the survey");
        if (!t->has_observed) {
            f->status = TCS_STATUS_NO_DATA;
            f->rag = TCS_RAG_GREY;
            set_reason(f, "no observed figure given");
            return TCS_OK;
        }
        f->has_observed = true;
        f->observed = t->observed;
        judge(o, t, f);
        return TCS_OK;
    }
    /* waves: due defaults to the last, baseline to the first other one */
    size_t nw = tcs_waves_count(w);
    context cx = {w, o, -1, (long)nw - 1};
    if (t->due_wave) {
        cx.due = find_wave(w, t->due_wave);
        if (cx.due < 0) {
            f->status = TCS_STATUS_NOT_DUE;
            f->rag = TCS_RAG_GREY;
            r->due_wave = t->due_wave;
            set_reason(f, "its due wave %s is not among the inputs", t->due_wave);
            return TCS_OK;
        }
    }
    if (t->baseline_wave) {
        cx.base = find_wave(w, t->baseline_wave);
        if (cx.base == cx.due) {
            fail_row(r, "baseline_wave and due_wave are both %s", t->baseline_wave);
            return TCS_OK;
        }
        if (cx.base < 0 && !t->nbaselines)
            set_reason(f, "baseline wave %s is not among the inputs", t->baseline_wave);
    } else if (cx.due > 0) {
        cx.base = 0;
    }
    r->due_wave = tcs_waves_wave(w, (size_t)cx.due)->label;
    r->baseline_wave = cx.base >= 0 ? tcs_waves_wave(w, (size_t)cx.base)->label : t->baseline_wave;
    if (t->combine == TCS_COMBINE_COMPOSITE) {
        if ((*waits = composite_needs_scores(&cx, r)))
            *pend = (pending){.r = r, .cx = cx};
        return TCS_OK;
    }

    r->items = calloc(r->nids ? r->nids : 1, sizeof *r->items);
    if (!r->items)
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    r->nitems = r->nids;
    int worst = -1;
    size_t yes = 0, no = 0;
    for (size_t i = 0; i < r->nids; i++) {
        tcs_target_figures *it = &r->items[i];
        long qi = find_question(w, r->ids[i]);
        double pub = t->nbaselines == 1 ? t->baselines[0] : t->nbaselines ? t->baselines[i] : 0;
        if (!eval_question(&cx, r, (size_t)qi, pub, t->nbaselines > 0, it))
            return TCS_OK; /* the row failed (target off the scale, bad share) */
        int sv = severity(it->status);
        if (sv > worst)
            worst = sv;
        yes += it->distinguishable == 1;
        no += it->distinguishable == 0;
    }
    if (r->nids == 1) {
        *f = r->items[0];
        f->question = NULL;
        return TCS_OK;
    }
    /* the row: met only if every question meets it */
    static const tcs_target_status by_severity[] = {TCS_STATUS_MET, TCS_STATUS_ON_TRACK,
                                                    TCS_STATUS_NOT_MET, TCS_STATUS_NO_DATA};
    f->status = by_severity[worst < 0 ? 3 : worst];
    f->rag = rag_of(f->status);
    f->distinguishable = no ? 0 : yes == r->nids ? 1 : -1;
    for (size_t i = 0; i < r->nids; i++)
        if (r->items[i].status == TCS_STATUS_NO_DATA) {
            set_reason(f, "%s", r->items[i].reason);
            break;
        }
    return TCS_OK;
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
        long q = find_question(w, r->ids[i]);
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
    c->opts = o ? *o : (tcs_check_options){0.05, 0.0};
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
        st = composite_passes(w, pend, np, err);
    for (size_t k = 0; k < np; k++) {
        if (st == TCS_OK)
            st = eval_composite(&pend[k], err);
        tcs_pillar_scores_free(pend[k].ps[0]);
        tcs_pillar_scores_free(pend[k].ps[1]);
    }
    free(pend);
    for (size_t i = 0; i < c->n && st == TCS_OK; i++) {
        tcs_target_result *r = &c->results[i];
        if (r->total.status == TCS_STATUS_ERROR)
            c->nerrors++;
        if (r->target->has_hand && r->target->metric.kind != TCS_METRIC_NONE &&
            severity(r->total.status) <= 2 && r->target->hand_rag != r->total.rag)
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
size_t tcs_check_nerrors(const tcs_check *c) { return c->nerrors; }
