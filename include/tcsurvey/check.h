/* check.h - checking survey waves against an action plan's targets
 * (tcsurvey check): per target the baseline, the observed value with its
 * 95% CI, progress, whether the change is distinguishable from noise, a
 * status and its RAG colour; then the RAG count per pillar. */
#ifndef TCSURVEY_CHECK_H
#define TCSURVEY_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/error.h"
#include "tcsurvey/targets.h"
#include "tcsurvey/waves.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    TCS_STATUS_MET,      /* green */
    TCS_STATUS_ON_TRACK, /* amber */
    TCS_STATUS_NOT_MET,  /* red */
    TCS_STATUS_NOT_DUE,  /* grey: its due wave is not among the inputs */
    TCS_STATUS_NO_DATA,  /* grey: a question absent from the due wave, or no answers */
    TCS_STATUS_HAND,     /* judged by hand: the row's status, as given */
    TCS_STATUS_ERROR,    /* the row could not be read or evaluated */
    TCS_STATUS_MET_NOISE /* amber, rule "evidence" only: the estimate meets the target but
                            the data cannot yet tell it from the baseline in the target's
                            direction (or, with no baseline to test, its interval does not
                            clear the target): "met, not yet distinguishable" */
} tcs_target_status;

/* "met", "on_track", "not_met", "not_due", "no_data", "hand", "error",
 * "met_not_distinguishable": the JSON and CSV values. */
const char *tcs_target_status_name(tcs_target_status st);
/* The same in words for tables and the report: "met", "on track", "not
 * met", "not due", "no data", "judged by hand", "error", "met, not yet
 * distinguishable". */
const char *tcs_target_status_text(tcs_target_status st);

/* How a measured target's colour is decided. */
typedef enum {
    TCS_RAG_RULE_POINT = 0, /* the estimate meets the target: green */
    TCS_RAG_RULE_EVIDENCE   /* green only when the estimate meets the target and the data
                               show it: the change from the baseline wave is
                               distinguishable (verdict) in the target's direction; where
                               there is no baseline wave to test against, or the baseline
                               already met the target, the 95% interval clears the
                               target. Counts and external figures (no sampling error)
                               as point. Otherwise TCS_STATUS_MET_NOISE (amber) */
} tcs_rag_rule;

/* "point", "evidence"; parse is false for anything else. */
const char *tcs_rag_rule_name(tcs_rag_rule r);
bool tcs_rag_rule_parse(const char *s, tcs_rag_rule *out);
/* The rule in one sentence, for the report and the notes under a table. */
const char *tcs_rag_rule_text(tcs_rag_rule r);

/* The tests a target's q is adjusted over (Benjamini-Hochberg). */
typedef enum {
    TCS_FAMILY_TARGETS = 0, /* the plan's own tests: one per measured question of each row
                               (and per composite) that has a test */
    TCS_FAMILY_QUESTIONS    /* those, and the mean's test of every other question compared
                               between the same waves (the whole questionnaire) */
} tcs_family;

/* "targets", "questions"; parse is false for anything else. */
const char *tcs_family_name(tcs_family f);
bool tcs_family_parse(const char *s, tcs_family *out);

/* The test a target's change from its baseline wave is judged by: the
 * metric's own. */
typedef enum {
    TCS_TEST_NONE = 0, /* counts, external figures, published baselines, too few answers */
    TCS_TEST_WELCH,    /* means and composites: Welch's t (FPC-scaled with populations) */
    TCS_TEST_NEWCOMBE, /* shares: the p-value of the Newcombe interval (tcs_change_high_p) */
    TCS_TEST_MEDIAN    /* medians: Mood's median test (tcs_median_test); no interval */
} tcs_test_kind;

/* NULL, "welch", "newcombe", "median": the JSON and CSV values. */
const char *tcs_test_name(tcs_test_kind k);

typedef struct {
    const char *question;  /* the question's id; NULL for a row's overall figures */
    bool has_baseline, has_observed, has_ci, has_progress;
    double baseline, observed, ci_lo, ci_hi;
    double progress;       /* % of the way from baseline to target */
    bool baseline_published; /* the baseline is the published figure, not data */
    int distinguishable;   /* 1 yes, 0 no, -1 unknown (null) */
    long n;                /* valid answers (respondents for a composite) in the due wave */
    tcs_target_status status;
    tcs_rag rag;
    char reason[320];      /* why not_due / no_data / error / distinguishable is null */
    /* The evidence for the change from the baseline wave (data baselines
     * only), by the metric's own test; distinguishable is has_q ? q < alpha
     * : -1. ci is the interval of the headline figure (the level, or the
     * change for change targets); change_ci the test's interval of the
     * change, the one the verdict goes with (for change targets the same). */
    tcs_test_kind test;
    bool has_p, has_q;
    double p;              /* the test's two-sided p, unadjusted */
    double q;              /* Benjamini-Hochberg over the family (tcs_check_options.family) */
    bool has_change_ci;
    double change_ci_lo, change_ci_hi; /* 95%, due minus baseline, in the metric's unit
                                          (percentage points for shares); none for medians */
    tcs_verdict verdict;   /* q < alpha: rose / fell by the sign of the headline change
                              (due minus baseline); mixed when that change is 0 or the rank
                              test (Mann-Whitney p below alpha, unadjusted) points the other
                              way; else no clear change */
    tcs_mark mark;         /* tcs_mark_of(change_ci, verdict, p): interval and verdict differ */
    bool has_rank;         /* means and composites: the rank test between the two waves */
    double rank_p, rank_delta; /* Mann-Whitney p (unadjusted), Cliff's delta */
    bool has_mdc;
    double mdc;            /* minimum detectable change at alpha with 80% power, in the
                              metric's unit: Welch (means, composites) or the share's
                              (percentage points); none for medians and counts */
    bool fpc;              /* a population was known for a wave used: CIs, p and mdc carry
                              the finite population correction */
} tcs_target_figures;

typedef struct {
    const tcs_target *target;
    char **ids;            /* the questions the row names, resolved */
    size_t nids;
    const char *baseline_wave, *due_wave; /* labels used (NULL = none) */
    tcs_target_figures total;  /* the row's status and, for one question, its figures */
    tcs_target_figures *items; /* per question (each, all); nitems of them */
    size_t nitems;
    bool disagreement;     /* a measured row whose hand status has another colour */
    const char *pillar;    /* for the per-pillar summary: the row's, or its questions' */
} tcs_target_result;

typedef struct {
    double alpha;          /* distinguishable: q below this; default 0.05 */
    double amber_progress; /* on_track needs progress above this % (default 0) */
    tcs_rag_rule rag_rule; /* zero = point; the command line's default is evidence */
    tcs_family family;     /* zero = the plan's own targets */
} tcs_check_options;

/* The command line's defaults: alpha 0.05, amber progress 0, the evidence
 * rule, the plan's targets as the family. */
#define TCS_CHECK_OPTIONS_DEFAULT {0.05, 0.0, TCS_RAG_RULE_EVIDENCE, TCS_FAMILY_TARGETS}

typedef struct {
    char pillar[128];
    long green, amber, red, grey;
} tcs_pillar_rag;

typedef struct tcs_check tcs_check;

/* Evaluate every row of t over waves w (compared already, with
 * tcs_waves_compare; populations set on w are used). o NULL =
 * TCS_CHECK_OPTIONS_DEFAULT. Row problems become TCS_STATUS_ERROR
 * results; only running out of memory or a file that changed fails the
 * call. */
tcs_status tcs_check_run(const tcs_targets *t, const tcs_waves *w, const tcs_check_options *o,
                         tcs_check **out, tcs_error *err);
void tcs_check_free(tcs_check *c);
size_t tcs_check_count(const tcs_check *c);
const tcs_target_result *tcs_check_at(const tcs_check *c, size_t i);
size_t tcs_check_npillars(const tcs_check *c);
const tcs_pillar_rag *tcs_check_pillar(const tcs_check *c, size_t i);
const tcs_check_options *tcs_check_options_used(const tcs_check *c);
/* Rows that are errors. */
size_t tcs_check_nerrors(const tcs_check *c);
/* How many tests the q-values were adjusted over (the family's size). */
size_t tcs_check_family_size(const tcs_check *c);

#ifdef __cplusplus
}
#endif
#endif
