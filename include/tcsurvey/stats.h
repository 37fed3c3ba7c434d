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
    TCS_STATS_NO_VARIATION, /* every answer the same: SD 0 and no CI (has_ci false) */
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
    double ci_lo, ci_hi; /* 95% CI of the mean, Student t (df n - 1); has_ci. Without
                            variation (note TCS_STATS_NO_VARIATION) there is no interval:
                            has_ci is false and ci_lo = ci_hi = mean, kept so for
                            writers that still test has_sd */
    bool has_ci;         /* n >= 2 and not every answer the same; or a complete census */
    bool has_percent;    /* n >= 1 */
    double low_percent, neutral_percent, high_percent; /* below / at / above the midpoint */
    long high_n;         /* answers above the midpoint */
    double high_ci_lo, high_ci_hi; /* Wilson 95% interval of % high, in percent */
    /* The population the answers come from (tcs_stats_from_counts_population):
     * 0 = not known, and the intervals are for an infinite population. When
     * known (>= n), the CI of the mean is mean -+ t(n - 1) sd sqrt((1 - n/N)/n)
     * and the interval of % high is tcs_wilson_interval_fpc; a census (n = N)
     * has intervals of zero width, which are exact, so has_ci stays true. */
    long population;
} tcs_point_stats;

/* Turn GSL's default error handler (abort) off. Idempotent. */
void tcs_stats_init(void);

/* Statistics of a question on scale from counts[0..npoints) (counts[k] is
 * how many chose value scale->min + k). */
void tcs_stats_from_counts(const tcs_scale *scale, const long *counts, tcs_point_stats *out);

/* As tcs_stats_from_counts, from a population of `population` people
 * (0 = not known; else at least n): intervals with the finite population
 * correction (see tcs_point_stats.population). */
/* The median of n answers counted on scale (counts[k] chose value
 * scale->min + k; negative counts as 0): the middle value, or the mean of
 * the two middle ones. NaN when n is 0. */
double tcs_median_from_counts(const tcs_scale *scale, const long *counts, long n);

void tcs_stats_from_counts_population(const tcs_scale *scale, const long *counts,
                                      long population, tcs_point_stats *out);

/* Wilson score interval for x successes of n at the given confidence
 * (0.95), as proportions in [0, 1]. n = 0 gives [0, 1]. */
void tcs_wilson_interval(long x, long n, double confidence, double *lo, double *hi);

/* The Wilson interval of x of n answers drawn without replacement from a
 * population of `population` (0 = not known: tcs_wilson_interval). It
 * inverts the score test with the variance of a proportion in simple
 * random sampling without replacement, (N - n) / (N - 1) * P (1 - P) / n
 * (Cochran 1977, Sampling Techniques, 3rd ed., section 3.2), i.e. Wilson's
 * interval with n replaced by the effective size n (N - 1) / (N - n). A
 * census (n = N) gives [x/n, x/n]. */
void tcs_wilson_interval_fpc(long x, long n, long population, double confidence, double *lo,
                             double *hi);

/* The same limits at the normal quantile z instead of a confidence. */
void tcs_wilson_limits(long x, long n, long population, double z, double *lo, double *hi);

/* 1 / the effective sample size of a proportion of n from population
 * (0 = not known): 1/n, (N - n) / (n (N - 1)), or 0 for a census. */
double tcs_share_inverse_size(long n, long population);

/* Two-sided Student t critical value for confidence (0.95) and df > 0. */
double tcs_t_critical(double confidence, double df);

#ifdef __cplusplus
}
#endif
#endif
