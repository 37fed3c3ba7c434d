/* targets.h - an action plan's success targets, and checking survey waves
 * against them (tcsurvey check).
 *
 * A targets file is a CSV with one row per success measure. A row is
 * either measured (a metric over questions of the survey, or an external
 * figure typed into "observed") or judged by hand (a "status" and no
 * metric). A row that cannot be read keeps its row number and message and
 * is reported as an error; the other rows are still evaluated. */
#ifndef TCSURVEY_TARGETS_H
#define TCSURVEY_TARGETS_H

#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/error.h"
#include "tcsurvey/waves.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { TCS_CMP_GE, TCS_CMP_LE, TCS_CMP_GT, TCS_CMP_LT } tcs_comparator;

typedef enum {
    TCS_METRIC_NONE = 0, /* judged by hand */
    TCS_METRIC_MEAN,
    TCS_METRIC_MEDIAN,
    TCS_METRIC_N,
    TCS_METRIC_SHARE,    /* percent of valid answers meeting a spec */
    TCS_METRIC_EXTERNAL  /* typed into "observed" */
} tcs_metric_kind;

typedef enum {
    TCS_SHARE_VALUE,  /* "1" */
    TCS_SHARE_LE,     /* "<=3" */
    TCS_SHARE_GE,     /* ">=6" */
    TCS_SHARE_LT,     /* "<3" */
    TCS_SHARE_GT,     /* ">6" */
    TCS_SHARE_TOP,    /* "top2": the k highest points */
    TCS_SHARE_BOTTOM, /* "bottom2" */
    TCS_SHARE_LABELS  /* "Agree;Strongly agree" */
} tcs_share_kind;

#define TCS_SHARE_LABELS_MAX 16

typedef struct {
    tcs_metric_kind kind;
    bool change; /* change(...) against the baseline wave */
    tcs_share_kind share;
    int share_value; /* VALUE, LE, GE, LT, GT: the bound; TOP, BOTTOM: k */
    char **labels;   /* LABELS: nlabels of them (at most TCS_SHARE_LABELS_MAX) */
    size_t nlabels;
} tcs_metric;

typedef enum { TCS_COMBINE_EACH, TCS_COMBINE_ALL, TCS_COMBINE_COMPOSITE } tcs_combine;

typedef enum { TCS_RAG_GREEN, TCS_RAG_AMBER, TCS_RAG_RED, TCS_RAG_GREY } tcs_rag;

/* "green", "amber", "red", "grey". */
const char *tcs_rag_name(tcs_rag rag);

/* ">=", "<=", ">", "<". */
const char *tcs_comparator_text(tcs_comparator c);

#define TCS_TARGET_BASELINES_MAX 64

typedef struct {
    long row;                 /* in the targets file (header = 1) */
    char *action, *pillar, *questions, *metric_text, *description, *comment;
    char *baseline_wave, *due_wave; /* NULL = defaults (first wave, last wave) */
    tcs_metric metric;
    tcs_comparator comparator;
    bool has_target;
    double target;
    tcs_combine combine;
    bool has_observed;        /* external figures */
    double observed;
    size_t nbaselines;        /* published baselines: one, or one per question */
    double *baselines;        /* nbaselines of them (at most TCS_TARGET_BASELINES_MAX) */
    char *hand_status;        /* as written, normalised: "green", "in progress"... */
    bool has_hand;
    tcs_rag hand_rag;
    /* a row that could not be read: message ("" when it could) and the
     * column it concerns */
    const char *error;
    long error_col;
} tcs_target;

typedef struct tcs_targets tcs_targets;

/* Read a targets file. Memory grows with what the rows hold, not with a
 * fixed size per row. Errors for the file as a whole (missing, unreadable,
 * no header, no 'action' column, no rows): TCS_ENOENT, TCS_EIO, TCS_EENCODING,
 * TCS_EFORMAT, TCS_ECODEBOOK. A bad row is not an error here: its error
 * field is set. */
tcs_status tcs_targets_load(const char *path, tcs_targets **out, tcs_error *err);
void tcs_targets_free(tcs_targets *t);
const char *tcs_targets_path(const tcs_targets *t);
size_t tcs_targets_count(const tcs_targets *t);
const tcs_target *tcs_targets_at(const tcs_targets *t, size_t i);
/* Columns of the header that tcsurvey does not know (ignored), for a warning. */
size_t tcs_targets_nignored(const tcs_targets *t);
const char *tcs_targets_ignored(const tcs_targets *t, size_t i);

/* ---- checking ---- */

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
