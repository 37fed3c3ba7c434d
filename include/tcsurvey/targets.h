/* targets.h - an action plan's success targets (the targets file); checking
 * survey waves against them (tcsurvey check) is in check.h.
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

/* The metrics a targets file can name, as a list for people: "mean,
 * median, n, share(SPEC), external, change(mean), ..."; returns buf. */
const char *tcs_metric_list(char *buf, size_t n);

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
 * fixed size per row. A row whose first cell starts with '#' is a comment
 * (an example row of a drafted file), skipped; a file whose rows are all
 * comments has no targets yet (tcs_targets_count 0). Errors for the file
 * as a whole (missing, unreadable, no header, no 'action' column, no rows
 * at all): TCS_ENOENT, TCS_EIO, TCS_EENCODING, TCS_EFORMAT, TCS_ECODEBOOK.
 * A bad row is not an error here: its error field is set. */
tcs_status tcs_targets_load(const char *path, tcs_targets **out, tcs_error *err);
void tcs_targets_free(tcs_targets *t);
const char *tcs_targets_path(const tcs_targets *t);
size_t tcs_targets_count(const tcs_targets *t);
const tcs_target *tcs_targets_at(const tcs_targets *t, size_t i);
/* Columns of the header that tcsurvey does not know (ignored), for a warning. */
size_t tcs_targets_nignored(const tcs_targets *t);
const char *tcs_targets_ignored(const tcs_targets *t, size_t i);

#ifdef __cplusplus
}
#endif

/* checking a plan against waves: its own header; included here so that
 * code written against targets.h alone still compiles */
#include "tcsurvey/check.h"
#endif
