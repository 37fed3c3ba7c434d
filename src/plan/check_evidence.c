/* check_evidence.c - what the data show about each target: the metric's
 * own test of the change from the baseline wave, Benjamini-Hochberg over
 * the plan's tests (or the whole questionnaire), the verdict and its mark,
 * and the RAG rule that decides whether a met target is green. */
#include "plan/check_internal.h"
#include "tcsurvey/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- names ---- */

const char *tcs_target_status_name(tcs_target_status st)
{
    static const char *const names[] = {"met",   "on_track", "not_met", "not_due", "no_data",
                                        "hand",  "error",    "met_not_distinguishable"};
    return st <= TCS_STATUS_MET_NOISE ? names[st] : "error";
}

const char *tcs_target_status_text(tcs_target_status st)
{
    static const char *const text[] = {"met",   "on track", "not met", "not due", "no data",
                                       "judged by hand", "error",
                                       "met, not yet distinguishable"};
    return st <= TCS_STATUS_MET_NOISE ? text[st] : "error";
}

const char *tcs_rag_rule_name(tcs_rag_rule r)
{
    return r == TCS_RAG_RULE_EVIDENCE ? "evidence" : "point";
}

bool tcs_rag_rule_parse(const char *s, tcs_rag_rule *out)
{
    if (strcmp(s, "point") == 0)
        *out = TCS_RAG_RULE_POINT;
    else if (strcmp(s, "evidence") == 0)
        *out = TCS_RAG_RULE_EVIDENCE;
    else
        return false;
    return true;
}

const char *tcs_rag_rule_text(tcs_rag_rule r)
{
    if (r == TCS_RAG_RULE_EVIDENCE)
        return "RAG rule 'evidence': a target is green when its estimate meets it and the data "
               "show it: the change from the baseline wave is distinguishable from noise in the "
               "target's direction or, with no baseline wave to test against (or one that "
               "already met the target), the 95% interval clears the target. A target met "
               "within noise is amber: met, not yet distinguishable.";
    return "RAG rule 'point': a target is green when its estimate meets it, however close to "
           "the baseline it is.";
}

const char *tcs_family_name(tcs_family f)
{
    return f == TCS_FAMILY_QUESTIONS ? "questions" : "targets";
}

bool tcs_family_parse(const char *s, tcs_family *out)
{
    if (strcmp(s, "targets") == 0)
        *out = TCS_FAMILY_TARGETS;
    else if (strcmp(s, "questions") == 0)
        *out = TCS_FAMILY_QUESTIONS;
    else
        return false;
    return true;
}

const char *tcs_test_name(tcs_test_kind k)
{
    switch (k) {
    case TCS_TEST_WELCH: return "welch";
    case TCS_TEST_NEWCOMBE: return "newcombe";
    case TCS_TEST_MEDIAN: return "median";
    default: return NULL;
    }
}

/* Worst first: no data beats not met beats on track beats met within
 * noise beats met. */
int tcs_chk_severity(tcs_target_status s)
{
    switch (s) {
    case TCS_STATUS_MET: return 0;
    case TCS_STATUS_MET_NOISE: return 1;
    case TCS_STATUS_ON_TRACK: return 2;
    case TCS_STATUS_NOT_MET: return 3;
    default: return 4;
    }
}

/* ---- a test's figures ---- */

void tcs_chk_test_mean(const tcs_change *ch, double alpha, tcs_target_figures *f)
{
    f->fpc = f->fpc || ch->fpc;
    if (ch->has_mwu) {
        f->has_rank = true;
        f->rank_p = ch->mwu_p;
        f->rank_delta = ch->cliffs_delta;
    }
    if (!ch->has_welch && !ch->exact) {
        tcs_chk_reason(f, "too few answers, or answers that do not vary, to test the change");
        return;
    }
    f->test = TCS_TEST_WELCH;
    f->has_p = true;
    /* two censuses: the change is known, with no sampling error */
    f->p = ch->exact ? (ch->delta != 0.0 ? 0.0 : 1.0) : ch->welch_p;
    f->has_change_ci = true;
    f->change_ci_lo = ch->delta_ci_lo;
    f->change_ci_hi = ch->delta_ci_hi;
    f->has_mdc = tcs_change_mdc(ch, alpha, TCS_MDC_POWER, &f->mdc);
}

void tcs_chk_test_share(const tcs_change *ch, double alpha, tcs_target_figures *f)
{
    f->fpc = f->fpc || ch->fpc;
    double p;
    if (!ch->has_delta || !tcs_change_high_p(ch, &p)) {
        tcs_chk_reason(f, "too few answers to test the change");
        return;
    }
    f->test = TCS_TEST_NEWCOMBE;
    f->has_p = true;
    f->p = p;
    f->has_change_ci = true;
    f->change_ci_lo = ch->high_delta_ci_lo;
    f->change_ci_hi = ch->high_delta_ci_hi;
    f->has_mdc = tcs_change_high_mdc(ch, alpha, TCS_MDC_POWER, &f->mdc);
}

bool tcs_chk_met_before(const tcs_target *t, const tcs_target_figures *f)
{
    if (t->metric.change) /* a change is measured from zero */
        return tcs_chk_meets(0.0, t->comparator, t->target);
    return f->has_baseline && tcs_chk_meets(f->baseline, t->comparator, t->target);
}

/* ---- the family ---- */

/* A test in the family: a target's figures, or (TCS_FAMILY_QUESTIONS)
 * another question's mean test between the same waves. The same test made
 * by several rows (1.4's change in mean between 2024 and 2026 for a
 * "mean" row and a "change(mean)" row) is one test: `test` is the index
 * of the first member with the same key. */
typedef struct {
    tcs_target_figures *f; /* NULL for a question's */
    const tcs_target *t;
    double p;
    char key[160];
    size_t test;
} member;

typedef struct {
    member *m;
    size_t n, cap;
    size_t ntests; /* distinct tests */
} family;

static bool family_add(family *fam, tcs_target_figures *f, const tcs_target *t, double p,
                       const char *key)
{
    if (fam->n == fam->cap) {
        size_t ncap = fam->cap ? 2 * fam->cap : 64;
        member *nm = realloc(fam->m, ncap * sizeof *nm);
        if (!nm)
            return false;
        fam->m = nm;
        fam->cap = ncap;
    }
    member *m = &fam->m[fam->n];
    *m = (member){f, t, p, "", fam->n};
    snprintf(m->key, sizeof m->key, "%s", key);
    for (size_t i = 0; i < fam->n; i++)
        if (fam->m[i].test == i && strcmp(fam->m[i].key, m->key) == 0) {
            m->test = i;
            break;
        }
    fam->ntests += m->test == fam->n;
    fam->n++;
    return true;
}

/* What makes two figures the same test: its kind, the question (or the
 * composite's questions), the waves, and for shares the points counted. */
static void test_key(const tcs_target_result *r, const tcs_target_figures *f, char *key,
                     size_t n)
{
    const tcs_target *t = r->target;
    char what[96] = "";
    if (t->metric.kind == TCS_METRIC_SHARE) { /* share(<=3) and change(share(<=3)) alike */
        const char *m = t->metric_text ? t->metric_text : "";
        const char *open = strstr(m, "share(");
        snprintf(what, sizeof what, "%s", open ? open : m);
    }
    char qs[80] = "";
    if (!f->question && r->nids > 0) /* a composite: its first and last question */
        snprintf(qs, sizeof qs, "composite %zu %.20s %.20s", r->nids % 1000, r->ids[0],
                 r->ids[r->nids - 1]);
    snprintf(key, n, "%d|%.40s|%.12s|%.12s|%s", (int)f->test, f->question ? f->question : qs,
             r->baseline_wave ? r->baseline_wave : "", r->due_wave ? r->due_wave : "", what);
}

static long wave_of(const tcs_waves *w, const char *label)
{
    for (size_t i = 0; label && i < tcs_waves_count(w); i++)
        if (strcmp(tcs_waves_wave(w, i)->label, label) == 0)
            return (long)i;
    return -1;
}

/* Does a tested figure of the plan name question qi between waves a, b? */
static bool tested_by_plan(const tcs_check *c, const tcs_waves *w, size_t qi, long a, long b)
{
    const char *id = tcs_waves_question(w, qi)->id;
    for (size_t i = 0; i < c->n; i++) {
        const tcs_target_result *r = &c->results[i];
        if (wave_of(w, r->baseline_wave) != a || wave_of(w, r->due_wave) != b)
            continue;
        for (size_t k = 0; k < r->nids; k++)
            if (strcmp(r->ids[k], id) == 0)
                return true;
    }
    return false;
}

/* TCS_FAMILY_QUESTIONS: the mean's test of every other question compared
 * between each pair of waves the plan tests. */
static bool add_questions(const tcs_check *c, const tcs_waves *w, family *fam)
{
    bool seen[TCS_WAVES_MAX][TCS_WAVES_MAX] = {{false}};
    for (size_t i = 0; i < c->n; i++) {
        const tcs_target_result *r = &c->results[i];
        long a = wave_of(w, r->baseline_wave), b = wave_of(w, r->due_wave);
        if (a < 0 || b < 0 || seen[a][b])
            continue;
        seen[a][b] = true;
        for (size_t q = 0; q < tcs_waves_nquestions(w); q++) {
            const tcs_question_change *qc = tcs_waves_find_change(w, q, (size_t)a, (size_t)b);
            if (!qc || tested_by_plan(c, w, q, a, b))
                continue;
            const tcs_change *ch = &qc->change;
            char key[160];
            snprintf(key, sizeof key, "question %zu|%ld|%ld", q, a, b);
            if (ch->exact && !family_add(fam, NULL, NULL, ch->delta != 0.0 ? 0.0 : 1.0, key))
                return false;
            if (!ch->exact && ch->has_welch && !family_add(fam, NULL, NULL, ch->welch_p, key))
                return false;
        }
    }
    return true;
}

/* q below alpha: the direction of the headline change, unless it is 0 or
 * the rank test clearly points the other way. */
static void verdict_of(const tcs_target *t, double alpha, tcs_target_figures *f)
{
    double change = t->metric.change ? f->observed : f->observed - f->baseline;
    f->distinguishable = f->q < alpha;
    f->verdict = TCS_VERDICT_NONE;
    if (f->q < alpha) {
        f->verdict = change > 0 ? TCS_VERDICT_ROSE
                     : change < 0 ? TCS_VERDICT_FELL
                                  : TCS_VERDICT_MIXED;
        bool rank_against = f->has_rank && f->rank_p < alpha &&
                            ((f->rank_delta > 0 && change < 0) || (f->rank_delta < 0 && change > 0));
        if (rank_against)
            f->verdict = TCS_VERDICT_MIXED;
    }
    f->mark = tcs_mark_of(f->has_change_ci, f->change_ci_lo, f->change_ci_hi, f->verdict, f->has_p,
                          f->p, alpha);
}

tcs_status tcs_chk_family(tcs_check *c, const tcs_waves *w, tcs_error *err)
{
    family fam = {0};
    bool ok = true;
    char key[160];
    for (size_t i = 0; i < c->n && ok; i++) {
        tcs_target_result *r = &c->results[i];
        if (r->total.status == TCS_STATUS_ERROR)
            continue;
        size_t nf = r->items ? r->nitems : 1;
        for (size_t k = 0; k < nf && ok; k++) {
            tcs_target_figures *f = r->items ? &r->items[k] : &r->total;
            if (!f->has_p)
                continue;
            test_key(r, f, key, sizeof key);
            ok = family_add(&fam, f, r->target, f->p, key);
        }
    }
    size_t own = fam.n;
    if (ok && c->opts.family == TCS_FAMILY_QUESTIONS && own > 0)
        ok = add_questions(c, w, &fam);
    /* BH over the distinct tests; every figure takes its test's q */
    double *p = ok ? malloc((fam.n ? fam.n : 1) * sizeof *p) : NULL;
    double *q = p ? malloc((fam.n ? fam.n : 1) * sizeof *q) : NULL;
    size_t *slot = q ? malloc((fam.n ? fam.n : 1) * sizeof *slot) : NULL;
    if (!ok || !slot) {
        free(fam.m);
        free(p);
        free(q);
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    size_t nt = 0;
    for (size_t i = 0; i < fam.n; i++)
        if (fam.m[i].test == i) {
            slot[i] = nt;
            p[nt++] = fam.m[i].p;
        }
    tcs_bh_adjust(p, nt, q);
    for (size_t i = 0; i < own; i++) {
        tcs_target_figures *f = fam.m[i].f;
        f->has_q = true;
        f->q = q[slot[fam.m[i].test]];
        verdict_of(fam.m[i].t, c->opts.alpha, f);
    }
    c->family_size = nt;
    free(slot);
    free(fam.m);
    free(p);
    free(q);
    return TCS_OK;
}

/* ---- the RAG rule ---- */

/* Does the interval [lo, hi] lie wholly on the target's side? */
static bool clears(double lo, double hi, tcs_comparator c, double target)
{
    switch (c) {
    case TCS_CMP_GE: return lo >= target;
    case TCS_CMP_GT: return lo > target;
    case TCS_CMP_LE: return hi <= target;
    default: return hi < target;
    }
}

/* Rule "evidence" on one met figure. */
static void evidence(const tcs_target *t, tcs_target_figures *f)
{
    if (f->status != TCS_STATUS_MET || t->metric.kind == TCS_METRIC_N ||
        t->metric.kind == TCS_METRIC_EXTERNAL)
        return;
    bool up = t->comparator == TCS_CMP_GE || t->comparator == TCS_CMP_GT;
    bool data_baseline = f->has_baseline && !f->baseline_published;
    if (data_baseline && f->has_q && !tcs_chk_met_before(t, f)) {
        if (f->verdict == (up ? TCS_VERDICT_ROSE : TCS_VERDICT_FELL))
            return;
        f->status = TCS_STATUS_MET_NOISE;
        tcs_chk_reason(f, "met, not yet distinguishable: the change from the baseline is "
                          "within noise (q %.3g)",
                       f->q);
    } else {
        if (f->has_ci && clears(f->ci_lo, f->ci_hi, t->comparator, t->target))
            return;
        f->status = TCS_STATUS_MET_NOISE;
        tcs_chk_reason(f, f->has_ci ? "met, not yet distinguishable: the 95%% interval does "
                                      "not clear the target"
                                    : "met, not yet distinguishable: no interval to tell it "
                                      "from noise");
    }
    f->rag = TCS_RAG_AMBER;
}

void tcs_chk_apply_rule(tcs_check *c)
{
    if (c->opts.rag_rule != TCS_RAG_RULE_EVIDENCE)
        return;
    for (size_t i = 0; i < c->n; i++) {
        tcs_target_result *r = &c->results[i];
        if (r->total.status == TCS_STATUS_ERROR)
            continue;
        if (r->items)
            for (size_t k = 0; k < r->nitems; k++)
                evidence(r->target, &r->items[k]);
        else
            evidence(r->target, &r->total);
    }
}

/* ---- a row of questions ---- */

void tcs_chk_finish_row(tcs_target_result *r)
{
    tcs_target_figures *f = &r->total;
    if (!r->items || f->status == TCS_STATUS_ERROR)
        return;
    if (r->nids == 1) {
        *f = r->items[0];
        f->question = NULL;
        return;
    }
    /* the row: met only if every question meets it */
    static const tcs_target_status by_severity[] = {TCS_STATUS_MET, TCS_STATUS_MET_NOISE,
                                                    TCS_STATUS_ON_TRACK, TCS_STATUS_NOT_MET,
                                                    TCS_STATUS_NO_DATA};
    int worst = -1;
    size_t yes = 0, no = 0;
    for (size_t i = 0; i < r->nitems; i++) {
        int sv = tcs_chk_severity(r->items[i].status);
        if (sv > worst)
            worst = sv;
        yes += r->items[i].distinguishable == 1;
        no += r->items[i].distinguishable == 0;
        f->fpc = f->fpc || r->items[i].fpc;
    }
    f->status = by_severity[worst < 0 ? 4 : worst];
    f->rag = tcs_chk_rag_of(f->status);
    f->distinguishable = no ? 0 : yes == r->nids ? 1 : -1;
    for (size_t i = 0; i < r->nitems; i++)
        if (r->items[i].status == TCS_STATUS_NO_DATA) {
            tcs_chk_reason(f, "%s", r->items[i].reason);
            break;
        }
}
