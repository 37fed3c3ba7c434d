/* pillar.h - pillar scores and Cronbach's alpha.
 *
 * A pillar (Visibility, Recognition, ...) is the set of question columns
 * (likert or rating) the codebook gives one pillar name, matched exactly.
 * A respondent's pillar score is the mean of their answers to its items;
 * it is kept when they answered at least half of them (ceil(k/2) of k),
 * else the respondent is counted as excluded. "Answered" means a value on
 * the item's scale: non-substantive (N/A...), missing and unknown answers
 * are not answered. Reverse-coded items are mirrored (v -> min + max - v)
 * first, so a higher score is always the favourable side. Cronbach's alpha
 * is over complete cases only (respondents who answered every item).
 *
 * The survey keeps no rows, so computing re-reads its file (a second
 * pass; several score sets share one pass with
 * tcs_pillar_scores_compute_many). Memory does not grow with the number of
 * responses: the scores are kept as their distinct values with counts (a
 * mean of at most k answers on small scales takes few values), which is
 * all the rank test between waves needs; alpha is accumulated as it
 * streams past (GSL running statistics per item, fixed size).
 *
 * Callers must have called tcs_stats_init() (GSL's error handler off). */
#ifndef TCSURVEY_PILLAR_H
#define TCSURVEY_PILLAR_H

#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/error.h"
#include "tcsurvey/survey.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tcs_pillar_scores tcs_pillar_scores; /* opaque */

/* Cronbach's alpha needs at least this many complete cases. With fewer,
 * its sampling error swamps it: at 10 complete cases of 5 items, Feldt's
 * 95% interval of an alpha of 0.80 already runs from about 0.5 to 0.94,
 * and at 2 cases alpha can be anything (a file with 2 complete cases of 22
 * gave 0.00). */
#define TCS_ALPHA_MIN_CASES 10

/* Re-read the survey's file (same sheet and delimiter as imported) and
 * score every pillar named by its question columns, in order of each
 * pillar's first column. A survey without pillars gives 0 pillars and is
 * not re-read. Errors: reader errors (file gone, unreadable...); TCS_EIO
 * when the file changed since the survey was imported (another number of
 * responses, rows or header of another shape, or other answers in a
 * pillar's column); TCS_ENOMEM. On error *out is NULL. */
tcs_status tcs_pillar_scores_compute(const tcs_survey *s, tcs_pillar_scores **out,
                                     tcs_error *err);

/* Which question columns count towards their pillar (NULL = all). */
typedef bool (*tcs_column_filter)(const tcs_column *c, void *ctx);

/* As tcs_pillar_scores_compute, scoring only the columns keep accepts: a
 * comparison of waves scores each pillar on the items both waves ask. */
tcs_status tcs_pillar_scores_compute_only(const tcs_survey *s, tcs_column_filter keep,
                                          void *ctx, tcs_pillar_scores **out, tcs_error *err);
/* One score set over every question column keep accepts, whatever its
 * pillar (a target's "composite" of questions), named name. */
tcs_status tcs_pillar_scores_compute_set(const tcs_survey *s, tcs_column_filter keep, void *ctx,
                                         const char *name, tcs_pillar_scores **out,
                                         tcs_error *err);

/* One score set: of survey (NULL = the survey compute_many is given; else
 * another survey of the same file, such as a group's, whose row filter
 * picks its rows), keep and ctx as for tcs_pillar_scores_compute_only, and
 * set_name as for tcs_pillar_scores_compute_set (NULL = one set per
 * pillar). */
typedef struct {
    const tcs_survey *survey;
    tcs_column_filter keep; /* NULL = every question column */
    void *ctx;
    const char *set_name;
} tcs_pillar_request;

/* The score sets of n requests from one pass over s's file: out[k] for
 * req[k] (out has n slots). Errors as tcs_pillar_scores_compute, and
 * TCS_EINVAL when a request's survey is of another file; on error every
 * out[k] is NULL. */
tcs_status tcs_pillar_scores_compute_many(const tcs_survey *s, const tcs_pillar_request *req,
                                          size_t n, tcs_pillar_scores **out, tcs_error *err);
void tcs_pillar_scores_free(tcs_pillar_scores *p);

size_t tcs_pillar_count(const tcs_pillar_scores *p);

typedef struct {
    const char *pillar;   /* name as in the codebook */
    size_t nitems;        /* question columns in the pillar */
    /* The kept respondents' scores as distinct values, ascending, each with
     * how many respondents had it (counts sum to nscores). */
    const double *values;
    const long *counts;
    size_t nvalues;
    size_t nscores;       /* kept respondents */
    long excluded;        /* respondents with fewer than half answered */
    bool has_alpha;       /* nitems >= 2, complete cases >= TCS_ALPHA_MIN_CASES, total
                             variance > 0 */
    double alpha;         /* may be negative (items that disagree) */
    long alpha_n;         /* complete cases (set even when has_alpha is false) */
    bool alpha_few;       /* nitems >= 2 but fewer than TCS_ALPHA_MIN_CASES complete cases:
                             no alpha (the outputs warn) */
    double mean, sd;      /* of the scores; sd with n - 1 */
    bool has_mean, has_sd; /* nscores >= 1, nscores >= 2 */
    bool has_ci;          /* has_sd and the scores vary (no interval of zero width) */
    double ci_lo, ci_hi;  /* Student t 95% CI of the mean, when has_sd (equal to the mean
                             when the scores do not vary: has_ci false) */
    /* The items' scale midpoint, for tcs_change_from_values' "high";
     * only when every item has the same range (min and max). */
    bool has_midpoint;
    double midpoint;
} tcs_pillar_info;

/* Pillar i (0-based) into *out; false if i is out of range. The pointers
 * in *out live as long as p. */
bool tcs_pillar_at(const tcs_pillar_scores *p, size_t i, tcs_pillar_info *out);

#ifdef __cplusplus
}
#endif
#endif
