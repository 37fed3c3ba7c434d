/* check_internal.h - what the parts of check (src/plan/check*.c) share:
 * the result set, the waves a row is measured between, one question's
 * level in a wave, and the helpers that fill in a result. Not installed. */
#ifndef TCSURVEY_CHECK_INTERNAL_H
#define TCSURVEY_CHECK_INTERNAL_H

#include "tcsurvey/check.h"
#include "tcsurvey/compare.h"
#include "tcsurvey/pillar.h"

struct tcs_check {
    tcs_target_result *results;
    size_t n;
    tcs_pillar_rag *pillars;
    size_t npillars;
    tcs_check_options opts;
    size_t nerrors;
    size_t family_size; /* tests the q-values were adjusted over */
};

/* What a row is measured between. */
typedef struct {
    const tcs_waves *w;
    const tcs_check_options *o;
    long base, due; /* wave indexes; base -1 = none */
    const tcs_target_result *r;
} context;

/* One question's level of the row's metric in one wave. */
typedef struct {
    bool ok;       /* the question has answers in the wave */
    double value;  /* the metric's level */
    bool has_ci;
    double lo, hi;
    long n;
    long in, out;  /* share: answers counted and not */
    const long *counts; /* the answers per point of the question's scale */
} level;

typedef struct {
    const tcs_waves *w;
    const tcs_target_result *r;
    size_t wave;
} composite_ctx;

/* A composite row waiting for its scores: the scores of every composite
 * come from one pass over each wave (tcs_pillar_scores_compute_many). */
typedef struct {
    tcs_target_result *r;
    context cx;
    composite_ctx in[2];      /* the due wave's columns, the baseline's */
    tcs_pillar_scores *ps[2]; /* their scores */
} pending;

/* Append a sentence to the figures' reason. */
void tcs_chk_reason(tcs_target_figures *f, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The row cannot be evaluated: an error (grey), with why (the first kept). */
void tcs_chk_fail(tcs_target_result *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
tcs_rag tcs_chk_rag_of(tcs_target_status st);
extern const char tcs_chk_no_test_published[];

/* check_resolve.c: the matched question with this id, or -1; the ids a
 * row's questions cell names (false only when out of memory; a bad item
 * fails the row). */
long tcs_chk_find_question(const tcs_waves *w, const char *id);
bool tcs_chk_resolve_questions(const tcs_waves *w, tcs_target_result *r);

/* check_question.c: is the target within what the metric can reach on sc
 * (else the row fails); status and progress from observed, baseline and
 * target; one question's figures (false when the row failed). */
/* v meets the target: v comparator target. */
bool tcs_chk_meets(double v, tcs_comparator c, double target);
bool tcs_chk_target_in_range(tcs_target_result *r, const tcs_scale *sc, const char *id);
void tcs_chk_judge(const tcs_check_options *o, const tcs_target *t, tcs_target_figures *f);
bool tcs_chk_eval_question(const context *cx, tcs_target_result *r, size_t qi, double published,
                           bool has_published, tcs_target_figures *f);

/* The population of wave `wave` of cx (0 = not known, or no such wave). */
long tcs_chk_population(const context *cx, long wave);

/* check_evidence.c: a test's figures from a change in mean (Welch, with
 * the rank test and the detectable change) or in a share (the Newcombe
 * p-value); whether the baseline already met the target; the family's q,
 * the verdicts and marks; the RAG rule; a row's figures from its
 * questions'; how far a status is from met. */
void tcs_chk_test_mean(const tcs_change *ch, double alpha, tcs_target_figures *f);
void tcs_chk_test_share(const tcs_change *ch, double alpha, tcs_target_figures *f);
bool tcs_chk_met_before(const tcs_target *t, const tcs_target_figures *f);
tcs_status tcs_chk_family(tcs_check *c, const tcs_waves *w, tcs_error *err);
void tcs_chk_apply_rule(tcs_check *c);
void tcs_chk_finish_row(tcs_target_result *r);
int tcs_chk_severity(tcs_target_status s);

/* check_composite.c: whether a composite row must wait for its scores;
 * every pending composite's scores (one pass per wave); a composite's
 * figures from them. */
bool tcs_chk_composite_needs_scores(const context *cx, tcs_target_result *r);
tcs_status tcs_chk_composite_passes(const tcs_waves *w, pending *pend, size_t np,
                                    tcs_error *err);
tcs_status tcs_chk_eval_composite(const pending *pd, tcs_error *err);

#endif
