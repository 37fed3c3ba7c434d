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
    TCS_STATUS_ERROR     /* the row could not be read or evaluated */
} tcs_target_status;

/* "met", "on_track", "not_met", "not_due", "no_data", "hand", "error". */
const char *tcs_target_status_name(tcs_target_status st);

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
    double alpha;          /* distinguishable: q (or p) below this; default 0.05 */
    double amber_progress; /* on_track needs progress above this % (default 0) */
} tcs_check_options;

typedef struct {
    char pillar[128];
    long green, amber, red, grey;
} tcs_pillar_rag;

typedef struct tcs_check tcs_check;

/* Evaluate every row of t over waves w (compared already, with
 * tcs_waves_compare). Row problems become TCS_STATUS_ERROR results; only
 * running out of memory or a file that changed fails the call. */
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

#ifdef __cplusplus
}
#endif
#endif
