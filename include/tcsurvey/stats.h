/* stats.h - per-question statistics from the counts of each scale point.
 *
 * A discrete scale's answers are fully described by how many chose each
 * point, so statistics are computed from counts (GSL weighted statistics
 * with frequency weights) and memory does not grow with responses.
 * Callers must have turned GSL's abort-on-error handler off
 * (tcs_stats_init) before the first call. */
#ifndef TCSURVEY_STATS_H
#define TCSURVEY_STATS_H

#include <stdbool.h>
#include "tcsurvey/scale.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Why a figure is missing, or what is special about it. */
typedef enum {
    TCS_STATS_OK = 0,
    TCS_STATS_NO_ANSWERS,   /* n = 0: no mean, SD, CI, median or percentages */
    TCS_STATS_ONE_ANSWER,   /* n = 1: mean and median only, no SD or CI */
    TCS_STATS_NO_VARIATION, /* every answer the same: SD 0, CI of zero width */
} tcs_stats_note;

/* "", "no valid answers", "one answer: no SD or CI", "all answers equal". */
const char *tcs_stats_note_text(tcs_stats_note note);

typedef struct {
    long n;
    tcs_stats_note note;
    bool has_mean;   /* n >= 1 */
    double mean, median;
    bool has_sd;     /* n >= 2 */
    double sd;       /* sample SD (n - 1) */
    double ci_lo, ci_hi; /* 95% CI of the mean, Student t; has_sd */
    bool has_percent;    /* n >= 1 */
    double low_percent, neutral_percent, high_percent; /* below / at / above the midpoint */
    double high_ci_lo, high_ci_hi; /* Wilson 95% interval of % high, in percent */
} tcs_point_stats;

/* Turn GSL's default error handler (abort) off. Idempotent. */
void tcs_stats_init(void);

/* Statistics of a question on scale from counts[0..npoints) (counts[k] is
 * how many chose value scale->min + k). */
void tcs_stats_from_counts(const tcs_scale *scale, const long *counts, tcs_point_stats *out);

/* Wilson score interval for x successes of n at the given confidence
 * (0.95), as proportions in [0, 1]. n = 0 gives [0, 1]. */
void tcs_wilson_interval(long x, long n, double confidence, double *lo, double *hi);

/* Two-sided Student t critical value for confidence (0.95) and df > 0. */
double tcs_t_critical(double confidence, double df);

#ifdef __cplusplus
}
#endif
#endif
